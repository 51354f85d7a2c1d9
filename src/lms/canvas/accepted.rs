//! The texts a Canvas blank accepts for an answer. Canvas compares a fill-in-the-blank answer as text
//! (trimmed and lower-cased, `fill_in_multiple_blanks_question.rb`), so the tolerance of the key, half a
//! unit of its last place ([`key::bounds`]), becomes the list of every way to write a number within it.

use crate::exercise::key;

/// Every text Canvas accepts for the answer printed as `text` (`0.5933`, `-4.386e-4`), the key first,
/// each once, always in the same order: every decimal with as many decimal places as the key or one
/// more whose value lies within [`key::bounds`] (inclusive), each also with its trailing zeros dropped
/// (`0.1300`, `0.130`, `0.13`) and, a plain decimal below 1 in size, without its leading zero
/// (`.5933`, `-.5933`). A key in scientific form keeps its exponent as printed (`e-4`: Canvas lower-cases
/// an answer, so `E-4` passes too) and the same rule holds for its mantissa (`4.386e-4`, `4.3855e-4`,
/// …); the plain decimal of the same number is not among them, as the sheet asks for the scientific
/// form. Worked out on the digits, never through binary fractions. A text that is not a decimal
/// number is accepted as it is, alone.
pub fn accepted(text: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let Some(steps) = fine_steps(text) else {
        return vec![text.to_owned()];
    };
    let (mantissa, exponent) = split(text);
    let places = decimals(mantissa);
    let mut add = |mantissa: &str| {
        for form in forms(mantissa, exponent.is_empty()) {
            let form = format!("{form}{exponent}");
            if !texts.contains(&form) {
                texts.push(form);
            }
        }
    };
    add(mantissa);
    let (low, high) = steps;
    for n in low.div_euclid(10) + i128::from(low.rem_euclid(10) != 0)..=high.div_euclid(10) {
        add(&print(n, places));
    }
    for n in low..=high {
        add(&print(n, places + 1));
    }
    texts
}

/// The bounds of `text` in units of one more decimal place of its mantissa than it has (`0.5933`:
/// 59325 and 59335).
fn fine_steps(text: &str) -> Option<(i128, i128)> {
    let (low, high) = key::bounds(text)?;
    let units = |bound: &str| split(bound).0.replace('.', "").parse::<i128>().ok();
    Some((units(&low)?, units(&high)?))
}

/// A number's mantissa and its exponent (`e-4`, or empty).
fn split(text: &str) -> (&str, &str) {
    match text.find('e') {
        Some(at) => text.split_at(at),
        None => (text, ""),
    }
}

/// The decimal places of a mantissa.
fn decimals(mantissa: &str) -> usize {
    mantissa
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len())
}

/// `n` units of the `places`th decimal place, printed with that many places (`59325`, 5: `0.59325`).
fn print(n: i128, places: usize) -> String {
    let sign = if n < 0 { "-" } else { "" };
    let width = places + 1;
    let digits = format!("{:0width$}", n.unsigned_abs());
    let (whole, fraction) = digits.split_at(digits.len() - places);
    match places {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{fraction}"),
    }
}

/// The ways to write the decimal `mantissa`: as it is, then with one trailing zero after another
/// dropped (the point too once no place is left), then, when `plain` and its whole part is 0, each of
/// those without that 0.
fn forms(mantissa: &str, plain: bool) -> Vec<String> {
    let mut forms = vec![mantissa.to_owned()];
    let mut shorter = mantissa;
    while shorter.contains('.') && shorter.ends_with('0') {
        shorter = shorter[..shorter.len() - 1].trim_end_matches('.');
        forms.push(shorter.to_owned());
    }
    if plain {
        let bare: Vec<String> = (forms.iter())
            .filter_map(|form| {
                let (sign, digits) = form.split_at(usize::from(form.starts_with('-')));
                let fraction = digits.strip_prefix("0.")?;
                Some(format!("{sign}.{fraction}"))
            })
            .collect();
        forms.extend(bare);
    }
    forms
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts accepted for `key`, found on their own: every text `[-]W[.F]` (W the whole part
    /// without leading zeros, or empty below 1 when F is not; F at most one place more than the key's)
    /// whose value is within half a unit of the key's last place, the key's exponent after it.
    fn enumerated(key: &str) -> Vec<String> {
        let (mantissa, exponent) = key
            .split_once('e')
            .map_or((key, ""), |(m, _)| (m, &key[m.len()..]));
        let places = mantissa.split_once('.').map_or(0, |(_, f)| f.len());
        let scale = 10i128.pow(places as u32 + 1);
        let key_units: i128 = mantissa.replace('.', "").parse::<i128>().unwrap() * 10;
        let whole = key_units.abs() / scale;
        let mut found = Vec::new();
        for sign in ["", "-"] {
            for w in (whole - 1).max(0)..=whole + 1 {
                for length in 0..=places + 1 {
                    for f in 0..10i128.pow(length as u32) {
                        let fraction = match length {
                            0 => String::new(),
                            _ => format!("{f:0length$}"),
                        };
                        let units = (w * scale + f * 10i128.pow((places + 1 - length) as u32))
                            * if sign == "-" { -1 } else { 1 };
                        if (units - key_units).abs() > 5 || (sign == "-" && units == 0) {
                            continue;
                        }
                        let mut wholes = vec![w.to_string()];
                        if w == 0 && length > 0 && exponent.is_empty() {
                            wholes.push(String::new());
                        }
                        for written in wholes {
                            let point = if length > 0 { "." } else { "" };
                            found.push(format!("{sign}{written}{point}{fraction}{exponent}"));
                        }
                    }
                }
            }
        }
        found.sort();
        found
    }

    #[test]
    fn the_accepted_texts_are_every_way_to_write_a_number_within_the_tolerance() {
        for key in [
            "0.5933", "0.1300", "-0.5933", "12.00", "1.000", "0.9999", "-0.0100", "4.386e-4",
            "-1.20e-3", "9.999e-5", "0.50", "7", "0",
        ] {
            let texts = accepted(key);
            assert_eq!(texts[0], key, "the key first");
            let mut sorted = texts.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), texts.len(), "{key}: each once");
            assert_eq!(sorted, enumerated(key), "{key}");
        }
        assert_eq!(
            accepted("0.1300")[..6],
            ["0.1300", "0.130", "0.13", ".1300", ".130", ".13"]
        );
        assert!(!accepted("0.5933").contains(&"-.5933".to_owned()));
        assert!(accepted("-0.5933").contains(&"-.59335".to_owned()));
        assert_eq!(accepted("x"), ["x"]);
        assert_eq!(accepted("0.5933"), accepted("0.5933"));
    }
}
