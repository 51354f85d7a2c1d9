//! How every number is printed: the one formatting function of the project.
//!
//! `full` prints the shortest decimal that reads back as the same f64 (Rust's `{}`), as the seed does;
//! `N` prints N decimal places, switching to N significant digits in scientific form when the fixed
//! form would read 0.000… (all zeros, or three zeros after the point: 0.0004385… at 4 places is
//! `4.386 \times 10^{-4}`, not `0.0004`). The result is TeX (scientific form is `4.386 \times 10^{-4}`), used inside
//! math in every output format. Negative zero is printed as `0`.

mod digits;

use std::fmt::{self, Write as _};
use std::str::FromStr;

/// How many digits numbers are printed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub enum Precision {
    /// The shortest decimal that round-trips the f64.
    #[default]
    Full,
    /// This many decimal places (1 to 17).
    Places(u8),
}

/// The largest number of decimal places `--precision` accepts.
pub const MAX_PLACES: u8 = 17;

impl FromStr for Precision {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        if text == "full" {
            return Ok(Precision::Full);
        }
        match text.parse::<u8>() {
            Ok(places) if (1..=MAX_PLACES).contains(&places) => Ok(Precision::Places(places)),
            _ => Err(format!(
                "`{text}` is not a precision; write `full` or a number of decimal places from 1 to {MAX_PLACES}"
            )),
        }
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Precision::Full => f.write_str("full"),
            Precision::Places(places) => write!(f, "{places}"),
        }
    }
}

impl Precision {
    /// The number of decimal places; None for `full`.
    pub fn places(self) -> Option<u8> {
        match self {
            Precision::Places(places) => Some(places),
            Precision::Full => None,
        }
    }

    /// `value` printed as TeX at this precision.
    pub fn format(self, value: f64) -> String {
        let mut text = String::new();
        self.push(value, &mut text);
        text
    }

    /// [`Precision::format`] of `value`, appended to `text`.
    pub fn push(self, value: f64, text: &mut String) {
        if value == 0.0 {
            return text.push('0'); // also -0.0
        }
        match self {
            Precision::Full => {
                let magnitude = value.abs();
                if (1e-6..1e16).contains(&magnitude) {
                    write!(text, "{value}").expect("writing to a String");
                } else {
                    text.push_str(&scientific(&format!("{value:e}")));
                }
            }
            Precision::Places(places) => {
                let places = usize::from(places);
                if clearly_below(value, places) {
                    return digits::push_scientific(value, places - 1, text);
                }
                let start = text.len();
                digits::push_fixed(value, places, text);
                let unsigned = text[start..].trim_start_matches('-');
                if unsigned.starts_with("0.000")
                    || unsigned.bytes().all(|b| matches!(b, b'0' | b'.'))
                {
                    text.truncate(start);
                    digits::push_scientific(value, places - 1, text);
                }
            }
        }
    }
}

impl Precision {
    /// `value` as plain text, with the digits of [`Precision::format`]: `0.5933`, or `4.386e-4` where
    /// the TeX reads `4.386 \times 10^{-4}`. For answer keys, CSV and quiz answers.
    pub fn plain(self, value: f64) -> String {
        let tex = self.format(value);
        match tex.split_once(" \\times 10^{") {
            Some((mantissa, exponent)) => format!("{mantissa}e{}", exponent.trim_end_matches('}')),
            None => tex,
        }
    }

    /// `value` as printed at this precision, read back: what a student carries to the next line
    /// (`--carry-rounded`). The identity for `full`, whose printing round-trips.
    pub fn carried(self, value: f64) -> f64 {
        match self {
            Precision::Full => value,
            Precision::Places(_) => self.plain(value).parse().unwrap_or(value),
        }
    }

    /// True when `value` rounded to this many places is zero: a change too small to show in a
    /// number printed with them. Never true for `full`, unless `value` is zero.
    pub fn reads_zero(self, value: f64) -> bool {
        match self {
            Precision::Full => value == 0.0,
            Precision::Places(places) => {
                let unit = 10f64.powi(-i32::from(places));
                if value.abs() < 0.4 * unit {
                    return true;
                }
                if value.abs() > 0.6 * unit {
                    return false;
                }
                let places = usize::from(places);
                let fixed = format!("{value:.places$}");
                fixed.bytes().all(|b| matches!(b, b'-' | b'0' | b'.'))
            }
        }
    }
}

/// Half a unit of the last place of a number printed by [`Precision::plain`], as a decimal: `0.00005`
/// for `0.5933`, `0.00000005` for `4.386e-4`. The tolerance of an answer checked against the key.
pub fn half_unit_of(plain: &str) -> String {
    {
        let (mantissa, exponent) = match plain.split_once('e') {
            Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
            None => (plain, 0),
        };
        let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
        // Half a unit of 10^(exponent − decimals) is 5 × 10^(exponent − decimals − 1).
        let power = exponent - decimals - 1;
        if power >= 0 {
            format!("5{}", "0".repeat(power as usize))
        } else {
            format!("0.{}5", "0".repeat((-power - 1) as usize))
        }
    }
}

/// True when `value` is so small that its fixed form at `places` surely reads 0.000… or all zeros (the
/// scientific form is then printed), with a margin that keeps the decision exact. It skips the slow
/// exact formatting of numbers with no significant digit at `places`.
fn clearly_below(value: f64, places: usize) -> bool {
    let magnitude = value.abs();
    if places >= 4 {
        magnitude < 0.0009
    } else {
        magnitude < 0.4 * 10f64.powi(-(places as i32))
    }
}

/// `value` to `places` decimal places, exactly as `format!("{value:.places$}")` rounds it.
#[cfg(test)]
fn fixed(value: f64, places: usize) -> String {
    let mut text = String::new();
    digits::push_fixed(value, places, &mut text);
    text
}

/// Rust's `1.5e-7` as TeX: `1.5 \times 10^{-7}`.
fn scientific(rust: &str) -> String {
    match rust.split_once('e') {
        Some((mantissa, "0")) => mantissa.to_owned(),
        Some((mantissa, exponent)) => format!("{mantissa} \\times 10^{{{exponent}}}"),
        None => rust.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn case(precision: &str, value: f64, expected: &str) {
        let precision: Precision = precision.parse().unwrap();
        assert_eq!(precision.format(value), expected);
    }

    #[test]
    fn full_is_the_shortest_round_trip() {
        case("full", 0.5932699921071872, "0.5932699921071872");
        case("full", 0.39249999999999996, "0.39249999999999996");
        case("full", 0.0004385677344743465, "0.0004385677344743465");
        case("full", -0.019049118258278118, "-0.019049118258278118");
        case("full", 1e-300, "1 \\times 10^{-300}");
        case("full", 2.5e20, "2.5 \\times 10^{20}");
        case("full", -0.0, "0");
    }

    #[test]
    fn places_round_and_switch_to_significant_digits() {
        case("4", 0.5932699921071872, "0.5933");
        case("4", 0.0004385677344743465, "4.386 \\times 10^{-4}");
        case("4", -0.00004, "-4.000 \\times 10^{-5}");
        case("2", 0.3775, "0.38");
        case("1", 0.05, "0.1");
        case("3", -0.0, "0");
        case("4", 12.0, "12.0000");
        case("4", 0.0012345, "0.0012");
        case("6", 0.0004385677, "4.38568 \\times 10^{-4}");
        case("2", 0.004, "4.0 \\times 10^{-3}");
    }

    #[test]
    fn plain_text_zero_and_tolerance() {
        let four = Precision::Places(4);
        assert_eq!(four.plain(0.5932699921071872), "0.5933");
        assert_eq!(four.plain(0.0004385677344743465), "4.386e-4");
        assert_eq!(four.plain(-0.00004), "-4.000e-5");
        let half_unit = |precision: Precision, x| half_unit_of(&precision.plain(x));
        assert_eq!(half_unit(four, 0.5932699921071872), "0.00005");
        assert_eq!(half_unit(four, 0.0004385677344743465), "0.00000005");
        assert_eq!(half_unit(Precision::Places(1), 12.0), "0.05");
        assert_eq!(half_unit(Precision::Places(2), 0.004), "0.00005");
        assert!(four.reads_zero(0.00004999));
        assert!(four.reads_zero(-0.00004));
        assert!(!four.reads_zero(0.00005001));
        assert!(!four.reads_zero(0.0004385677344743465));
        assert!(!Precision::Full.reads_zero(1e-300));
    }

    #[test]
    fn the_fast_path_rounds_as_the_standard_library() {
        for places in 1..=8 {
            for k in -2000..=2000 {
                for value in [
                    f64::from(k) / 20.0,
                    f64::from(k) / 100.0,
                    f64::from(k) * 0.37,
                    1e-3 / f64::from(k),
                ] {
                    assert_eq!(
                        fixed(value, places),
                        format!("{value:.places$}"),
                        "{value} {places}"
                    );
                }
            }
        }
    }

    #[test]
    fn small_numbers_take_the_same_form_as_by_the_slow_path() {
        for places in 1..=8u8 {
            let precision = Precision::Places(places);
            let p = usize::from(places);
            for k in 1..=3000 {
                let value = f64::from(k) * 1.37e-7;
                let fixed = format!("{value:.p$}");
                let unsigned = fixed.trim_start_matches('-');
                let slow = if unsigned.starts_with("0.000")
                    || unsigned.bytes().all(|b| matches!(b, b'0' | b'.'))
                {
                    scientific(&format!("{value:.digits$e}", digits = p - 1))
                } else {
                    fixed.clone()
                };
                assert_eq!(precision.format(value), slow, "{value} {places}");
                let zero = fixed.bytes().all(|b| matches!(b, b'-' | b'0' | b'.'));
                assert_eq!(precision.reads_zero(value), zero, "{value} {places}");
            }
        }
    }

    #[test]
    fn bad_precisions_are_refused() {
        for text in ["0", "18", "-1", "many", ""] {
            assert!(text.parse::<Precision>().is_err(), "{text}");
        }
    }
}
