//! A student's number as they would write it: `0.5933`, `.5933`, `5.933e-1`, `4.386 × 10⁻⁴` (also
//! `x10^-4`, `*10^-4`, `10^{-4}`), a comma for the decimal point (`0,5933`), a Unicode minus.
//!
//! The exercise pages' script reads numbers by the same rules (`templates/html/check.js`); the browser
//! test checks that both agree.

/// The value of `text`, or None when it is not a number. An empty or blank text is not a number either;
/// callers treat it as not answered before asking.
pub fn parse(text: &str) -> Option<f64> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    let compact = match (compact.contains(','), compact.contains('.')) {
        (true, true) => return None,
        (true, false) => compact.replacen(',', ".", 1),
        _ => compact,
    };
    let (mantissa, exponent) = split_exponent(&compact)?;
    if !is_decimal(mantissa) || !is_integer(&exponent) {
        return None;
    }
    let value: f64 = format!("{mantissa}e{exponent}").parse().ok()?;
    value.is_finite().then_some(value)
}

/// The mantissa and the power of ten: `4.386e-4`, `4.386×10^-4`, `4.386×10⁻⁴`, `4.386*10^{-4}`.
fn split_exponent(text: &str) -> Option<(&str, String)> {
    for times in ['×', 'x', 'X', '*', '·'] {
        if let Some((mantissa, power)) = text.split_once(times) {
            let power = power.strip_prefix("10")?;
            let exponent = match power.strip_prefix('^') {
                Some(exponent) => exponent
                    .trim_start_matches(['{', '('])
                    .trim_end_matches(['}', ')'])
                    .to_owned(),
                None => superscript(power)?,
            };
            return Some((mantissa, exponent));
        }
    }
    match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => Some((mantissa, exponent.to_owned())),
        None => Some((text, "0".to_owned())),
    }
}

/// `⁻⁴` as `-4`; None when a character is not a superscript digit or sign.
fn superscript(text: &str) -> Option<String> {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    text.chars()
        .map(|c| match c {
            '⁻' => Some('-'),
            '⁺' => Some('+'),
            _ => DIGITS
                .iter()
                .position(|&d| d == c)
                .and_then(|d| char::from_digit(d as u32, 10)),
        })
        .collect()
}

/// `[+-]` then digits with at most one point and at least one digit: `0.5`, `.5`, `5.`, `-3`.
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let digits = unsigned.bytes().filter(u8::is_ascii_digit).count();
    let points = unsigned.bytes().filter(|&b| b == b'.').count();
    digits > 0 && points <= 1 && digits + points == unsigned.len()
}

/// `[+-]` then one or more digits.
fn is_integer(text: &str) -> bool {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    !unsigned.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn the_ways_students_write_numbers() {
        for (text, value) in [
            ("0.5933", 0.5933),
            (".5933", 0.5933),
            ("5.933e-1", 0.5933),
            ("5.933E-1", 0.5933),
            ("4.386 × 10⁻⁴", 4.386e-4),
            ("4.386x10^-4", 4.386e-4),
            ("4.386*10^-4", 4.386e-4),
            ("4.386 \u{d7} 10^{-4}", 4.386e-4),
            ("0,5933", 0.5933),
            (" −0.25 ", -0.25),
            ("+1", 1.0),
            ("12", 12.0),
        ] {
            assert_eq!(parse(text), Some(value), "{text}");
        }
    }

    #[test]
    fn what_is_not_a_number() {
        for text in [
            "",
            "abc",
            "0.5.9",
            "1,234.5",
            "e5",
            "1e",
            "1e+",
            "--1",
            "4.386×10",
            "4.386×11^2",
            "0x10",
            "inf",
            "NaN",
            "1e999",
            ".",
            "1 2x",
        ] {
            assert_eq!(parse(text), None, "{text}");
        }
    }
}
