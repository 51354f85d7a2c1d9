//! Issue 15: numbers are printed by a fast path that must give the bytes of the printing rule, written
//! here with the standard library's formatting alone: N places are the shortest round-trip decimal
//! padded with zeros when it has no more than N decimals (0.15 at 17 places is 0.15000000000000000),
//! else `format!("{:.N}")`; the scientific form is `format!("{:.Ne}")`. Every precision, over many
//! random values of every size, and the halves and near-halves where rounding is decided.

use handprop::Precision;
use rand::{Rng, SeedableRng};

/// The printing rule of the design (DESIGN.md, Precision), written with the standard library alone.
fn reference(precision: Precision, value: f64) -> String {
    let scientific = |rust: String| match rust.split_once('e') {
        Some((mantissa, "0")) => mantissa.to_owned(),
        Some((mantissa, exponent)) => format!("{mantissa} \\times 10^{{{exponent}}}"),
        None => rust,
    };
    if value == 0.0 {
        return "0".into();
    }
    match precision {
        Precision::Full if (1e-6..1e16).contains(&value.abs()) => format!("{value}"),
        Precision::Full => scientific(format!("{value:e}")),
        Precision::Places(places) => {
            let places = usize::from(places);
            let short = format!("{value}");
            let decimals = short.split_once('.').map_or(0, |(_, d)| d.len());
            let fixed = match decimals <= places && !short.contains('e') {
                true if decimals == 0 => format!("{short}.{}", "0".repeat(places)),
                true => format!("{short}{}", "0".repeat(places - decimals)),
                false => format!("{value:.places$}"),
            };
            let unsigned = fixed.trim_start_matches('-');
            if unsigned.starts_with("0.000") || unsigned.bytes().all(|b| b == b'0' || b == b'.') {
                scientific(format!("{value:.digits$e}", digits = places - 1))
            } else {
                fixed
            }
        }
    }
}

fn values() -> Vec<f64> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(15);
    let mut values = Vec::new();
    for _ in 0..60_000 {
        let exponent = rng.random_range(-14..8);
        let x = rng.random::<f64>() * 10f64.powi(exponent);
        values.push(if rng.random::<bool>() { x } else { -x });
    }
    for _ in 0..15_000 {
        // decimals of few digits, their neighbours, and exact binary halves: where ties are decided
        let places = rng.random_range(1..=9);
        let units = rng.random_range(0..2_000_000i64) as f64;
        let x = (units + 0.5) / 10f64.powi(places);
        let (up, down) = (
            f64::from_bits(x.to_bits() + 1),
            f64::from_bits(x.to_bits() - 1),
        );
        values.extend([x, up, down, units / 1024.0, (units + 0.5) / 64.0]);
    }
    for _ in 0..6_000 {
        values.push(f64::from_bits(rng.random::<u64>() >> 2)); // any size, down to subnormals
    }
    values.extend([
        0.5, 1.5, 2.5, 0.125, 0.375, 9.9995, 0.99995, 99.5, 0.00045, 4.5e15, 1e300,
    ]);
    values
}

#[test]
fn every_precision_prints_the_standard_library_s_digits() {
    let values = values();
    for precision in std::iter::once(Precision::Full).chain((1..=17).map(Precision::Places)) {
        for &value in &values {
            assert_eq!(
                precision.format(value),
                reference(precision, value),
                "{value:e} {precision}"
            );
        }
    }
}
