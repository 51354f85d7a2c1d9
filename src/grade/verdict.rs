//! The verdict on one answer, by the rules of error carried forward: `right` within half a unit of the
//! key's last place; `carried` when not right but within one unit of the last place of the value
//! recomputed from the student's own answers; `wrong`; `blank`.
//!
//! The exercise pages' script judges by the same rules (`templates/html/check.js`).

use serde::Serialize;

use crate::number::{Precision, half_unit_of};

/// The verdict on one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Within half a unit of the key's last place.
    Right,
    /// Not right, but what the student's own earlier answers give.
    Carried,
    /// Neither.
    Wrong,
    /// Not answered.
    Blank,
}

impl Verdict {
    /// The verdict's word in `GRADES.csv` and in the pages' `data-verdict`.
    pub fn word(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::Carried => "carried",
            Verdict::Wrong => "wrong",
            Verdict::Blank => "blank",
        }
    }
}

/// A margin for the binary representation of decimals: an answer exactly half a unit off is within.
const SLACK: f64 = 1.0 + 1e-9;

/// True when `answer` is within half a unit of the last place of `key` (as the key prints it).
pub fn is_right(answer: f64, key: &str) -> bool {
    let key_value: f64 = key.parse().unwrap_or(f64::NAN);
    let half: f64 = half_unit_of(key).parse().unwrap_or(0.0);
    (answer - key_value).abs() <= half * SLACK
}

/// True when `answer` is within one unit of the last place of `recomputed` printed at `precision`.
pub fn is_carried(answer: f64, recomputed: f64, precision: Precision) -> bool {
    if !recomputed.is_finite() {
        return false;
    }
    let half: f64 = half_unit_of(&precision.plain(recomputed))
        .parse()
        .unwrap_or(0.0);
    (answer - recomputed).abs() <= 2.0 * half * SLACK
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn right_is_half_a_unit_of_the_keys_last_place() {
        assert!(is_right(0.5933, "0.5933"));
        assert!(is_right(0.59335, "0.5933"));
        assert!(is_right(0.59325, "0.5933"));
        assert!(!is_right(0.59336, "0.5933"));
        assert!(is_right(4.3864e-4, "4.386e-4"));
        assert!(!is_right(4.3866e-4, "4.386e-4"));
    }

    #[test]
    fn carried_is_one_unit_of_the_recomputed_values_last_place() {
        let four = Precision::Places(4);
        assert!(is_carried(0.6001, 0.60004, four));
        assert!(is_carried(0.6001, 0.6002, four));
        assert!(!is_carried(0.6001, 0.60021, four));
        assert!(is_carried(4.387e-4, 4.386e-4, four));
        assert!(!is_carried(4.4e-4, 4.386e-4, four));
        assert!(!is_carried(0.5, f64::NAN, four));
    }
}
