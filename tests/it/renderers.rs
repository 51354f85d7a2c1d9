//! Arbitrary valid networks through every renderer (proptest): each format renders, numbers every
//! equation the derivation plans, and prints no NaN or inf.

use handprop::network::Network;
use handprop::{Derivation, Format, Lang, Lesson, Options, Precision, Trace, render};
use proptest::prelude::*;

use crate::support::networks;

fn value() -> BoxedStrategy<f64> {
    prop_oneof![
        -3.0..3.0f64,
        Just(0.0),
        Just(-0.0),
        Just(1e-12),
        Just(-250.0)
    ]
    .boxed()
}

fn network() -> impl Strategy<Value = Network> {
    (
        prop::collection::vec(1..=3usize, 3..=4),
        any::<bool>(),
        0.01..1.0f64,
    )
        .prop_flat_map(|(widths, biases, rate)| networks::network(value(), widths, biases, rate))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn every_format_renders_every_planned_equation(network in network()) {
        let equations = Derivation::new(&Trace::new(&network)).equations as usize;
        for format in [Format::Md, Format::Tex, Format::Html, Format::Json] {
            for (lang, precision) in [(Lang::Zh, Precision::Full), (Lang::En, Precision::Places(3))] {
                let options = Options { format, lang, precision, steps: Some(5), check: true, ..Options::default() };
                let text = match render(&Lesson::new(network.clone()), &options) {
                    Ok(text) => text,
                    Err(handprop::Error::NotFinite { .. }) => continue,
                    Err(other) => return Err(TestCaseError::fail(format!("{format:?}: {other}"))),
                };
                prop_assert!(!text.contains("NaN") && !text.contains("inf"), "{:?}", format);
                let tagged = match format {
                    Format::Md | Format::Tex => text.matches("\\tag{").count(),
                    Format::Html => text.matches("<span class=\"tag\">").count(),
                    _ => equations,
                };
                prop_assert_eq!(tagged, equations, "{:?}", format);
            }
        }
    }
}
