//! Issue 15: HTML sheets typeset each equation shape once. Every variant's question and answer (the
//! sections of `-f html` sets and the pages of a site's exercises) typeset through one shared
//! [`Typesetter`] are byte for byte what typesetting each of them directly gives.

use std::path::Path;

use handprop::exercise::{self, Settings, SheetFormat};
use handprop::number::Precision;
use handprop::render::html;
use handprop::render::mathml::Typesetter;
use handprop::{Format, Lang, Options, spec};

fn settings(lang: Lang, places: u8, carry_rounded: bool, count: usize) -> Settings {
    Settings {
        count,
        seed: 11,
        options: Options {
            format: Format::Md,
            lang,
            precision: Precision::Places(places),
            carry_rounded,
            ..Options::default()
        },
        out: "unused".into(),
        force: false,
        format: SheetFormat::Html,
        moodle: None,
        base_name: "base.toml".into(),
    }
}

#[test]
fn sections_typeset_from_shapes_are_the_direct_mathml_of_every_variant() {
    let cases = [
        ("mazur.toml", Lang::Zh, 4, false, 120),
        ("mazur.toml", Lang::En, 2, true, 60),
        ("3-4-2.toml", Lang::En, 3, false, 30),
        ("2-3-2-tanh.toml", Lang::Zh, 6, true, 30),
    ];
    for (file, lang, places, carry_rounded, count) in cases {
        let base = spec::load(&Path::new("examples").join(file)).unwrap();
        let settings = settings(lang, places, carry_rounded, count);
        for inline in [false, true] {
            let (sheets, _) = exercise::prepare(&base, &settings, inline).unwrap();
            let mut typesetter = Typesetter::new();
            let mut seen = 0;
            for variant in exercise::Variants::new(&base, &settings) {
                let variant = variant.unwrap();
                let question = sheets
                    .question(&variant.trace, &variant.label, "n.svg")
                    .unwrap();
                let answer = sheets.answer(&variant.trace).unwrap();
                for markdown in [&question, &answer] {
                    let direct = html::body(markdown).unwrap();
                    let filled = typesetter.body(markdown).unwrap();
                    assert!(
                        filled == direct,
                        "{file} {lang:?} variant {}",
                        variant.label
                    );
                }
                seen += 1;
            }
            assert_eq!(seen, count);
        }
    }
}
