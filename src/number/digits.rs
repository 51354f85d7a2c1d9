//! The digits of a number rounded to a number of places, fast and exactly as the standard library's
//! `{:.N}` and `{:.Ne}` print them (the same bytes), without its slow exact formatting.
//!
//! The number times 10ⁿ is computed exactly as a sum of two f64 (Dekker's product); its rounding to a
//! whole number is then decided exactly by comparing the part below the point with one half. An exact
//! tie, a number too large for 2⁵² units, or a power of ten beyond 10²² (not an exact f64) goes to the
//! standard library, which decides them.

use std::fmt::Write as _;

/// 10⁰ … 10²², each an exact f64.
const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// Below this many units, a product's rounding is decided here (2⁵²: an f64 has halves below it).
const LIMIT: f64 = 4_503_599_627_370_496.0;

/// `a × b` as `p + e` exactly: `p` the rounded product, `e` its error (Dekker, by Veltkamp's split).
fn two_product(a: f64, b: f64) -> (f64, f64) {
    let split = |x: f64| {
        let c = 134_217_729.0 * x; // 2²⁷ + 1
        let high = c - (c - x);
        (high, x - high)
    };
    let p = a * b;
    let ((ah, al), (bh, bl)) = (split(a), split(b));
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    (p, e)
}

/// The whole number below `p + e` (not negative, under [`LIMIT`]) and the nearest whole number to it;
/// None on an exact tie.
fn round(p: f64, e: f64) -> Option<(u64, u64)> {
    let floor = p.floor();
    let below = p - floor; // exact
    if below == 0.0 {
        // p is whole; the exact value is within |e| ≤ a quarter of it
        let under = if e < 0.0 { floor - 1.0 } else { floor };
        return Some((under as u64, floor as u64));
    }
    // Exact near one half (Sterbenz), and far from it the sign cannot change.
    let distance = below - 0.5;
    let nearest = if distance > -e {
        floor + 1.0
    } else if distance < -e {
        floor
    } else {
        return None;
    };
    Some((floor as u64, nearest as u64))
}

/// Appends `units` (a whole number of 10^-`places`) as a decimal with `places` decimals.
fn push_units(units: u64, places: usize, text: &mut String) {
    let unit = 10u64.pow(places as u32);
    write!(text, "{}", units / unit).expect("writing to a String");
    if places > 0 {
        text.push('.');
        write!(text, "{:0places$}", units % unit).expect("writing to a String");
    }
}

/// Appends `value` to `places` decimals: its shortest round-trip decimal padded with zeros when that has
/// no more than `places` decimals (0.25, a number a teacher writes; 0.15 at 17 places prints
/// 0.15000000000000000), else `format!("{value:.places$}")`. The two agree, and the fast path is taken,
/// whenever a unit in the last binary place of `value` is below a unit of the last decimal place.
pub fn push_fixed(value: f64, places: usize, text: &mut String) {
    let magnitude = value.abs();
    let next = f64::from_bits(magnitude.to_bits().wrapping_add(1));
    let fine = places < POW10.len() && (next - magnitude) * POW10[places] < 1.0;
    if !fine || !magnitude.is_finite() {
        return push_fixed_slowly(value, places, text);
    }
    let (p, e) = two_product(magnitude, POW10[places]);
    if p < LIMIT
        && let Some((_, nearest)) = round(p, e)
    {
        if value.is_sign_negative() {
            text.push('-');
        }
        return push_units(nearest, places, text);
    }
    write!(text, "{value:.places$}").expect("writing to a String");
}

/// [`push_fixed`] through the standard library's shortest and exact formatting.
fn push_fixed_slowly(value: f64, places: usize, text: &mut String) {
    let short = format!("{value}");
    let decimals = short.split_once('.').map_or(0, |(_, d)| d.len());
    if decimals <= places && !short.contains(['e', 'i', 'N']) {
        text.push_str(&short);
        if decimals == 0 {
            text.push('.');
        }
        text.extend(std::iter::repeat_n('0', places - decimals));
    } else {
        write!(text, "{value:.places$}").expect("writing to a String");
    }
}

/// Appends `value` with `digits` digits after the mantissa's point as TeX: what
/// `format!("{value:.digits$e}")` prints, `4.386e-4`, written `4.386 \times 10^{-4}` (and the
/// mantissa alone for an exponent of 0).
pub fn push_scientific(value: f64, digits: usize, text: &mut String) {
    let start = text.len();
    match mantissa(value.abs(), digits) {
        Some((units, exponent)) => {
            if value.is_sign_negative() {
                text.push('-');
            }
            push_units(units, digits, text);
            if exponent != 0 {
                write!(text, " \\times 10^{{{exponent}}}").expect("writing to a String");
            }
        }
        None => {
            let rust = format!("{value:.digits$e}");
            match rust.split_once('e') {
                Some((mantissa, "0")) => text.push_str(mantissa),
                Some((mantissa, exponent)) => {
                    write!(text, "{mantissa} \\times 10^{{{exponent}}}").expect("a String")
                }
                None => text.push_str(&rust),
            }
        }
    }
    debug_assert!(text.len() > start);
}

/// The mantissa of a positive `magnitude` with `digits` digits after its point, as a whole number of
/// units of its last digit, and its exponent; None when it is not decided here.
fn mantissa(magnitude: f64, digits: usize) -> Option<(u64, i32)> {
    if !(magnitude.is_finite() && magnitude > 0.0) || digits + 1 >= POW10.len() {
        return None;
    }
    let (low, high) = (10u64.pow(digits as u32), 10u64.pow(digits as u32 + 1));
    let mut exponent = magnitude.log10().floor() as i32;
    for _ in 0..3 {
        let shift = usize::try_from(digits as i32 - exponent).ok()?;
        let (p, e) = two_product(magnitude, *POW10.get(shift)?);
        if p >= LIMIT {
            return None;
        }
        let (floor, nearest) = round(p, e)?;
        if floor < low {
            exponent -= 1;
        } else if floor >= high {
            exponent += 1;
        } else if nearest == high {
            return Some((low, exponent + 1));
        } else {
            return Some((nearest, exponent));
        }
    }
    None
}
