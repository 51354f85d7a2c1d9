//! Issue 15: HTML sheets typeset each equation shape once. Every variant's question and answer sheet
//! of six sets, typeset in turn through one shared [`Typesetter`] (as a set's sections and a site's
//! exercise pages are), is byte for byte what typesetting each of them directly gives.

use std::fs;

use handprop::render::html;
use handprop::render::mathml::Typesetter;

use crate::support::sets::exercises;

#[test]
fn sheets_typeset_from_shapes_are_the_direct_mathml_of_every_variant() {
    let temp = tempfile::tempdir().unwrap();
    let cases: [(&str, &[&str], usize); 6] = [
        ("examples/mazur.toml", &["--precision", "4"], 120),
        (
            "examples/mazur.toml",
            &["--lang", "en", "--precision", "2", "--carry-rounded"],
            60,
        ),
        (
            "examples/3-4-2.toml",
            &["--lang", "en", "--precision", "3"],
            30,
        ),
        (
            "examples/2-3-2-tanh.toml",
            &["--precision", "6", "--carry-rounded"],
            30,
        ),
        // symbols with a layer's number above and a neuron's below (h^{(1)}_2): MathML sets the
        // neuron's digit before the layer's
        ("examples/2-3-3-1-relu.toml", &["--precision", "4"], 30),
        (
            "examples/softmax-3class.toml",
            &["--lang", "en", "--precision", "5"],
            20,
        ),
    ];
    for (n, (base, options, count)) in cases.into_iter().enumerate() {
        let dir = temp.path().join(n.to_string());
        let count_text = count.to_string();
        let mut args = vec![base, "--count", count_text.as_str(), "--seed", "11"];
        args.extend(options);
        exercises(&dir, &args);
        let mut typesetter = Typesetter::new();
        for variant in 1..=count {
            let folder = dir.join(format!("{variant:03}"));
            for sheet in ["question.md", "answer.md"] {
                let markdown = fs::read_to_string(folder.join(sheet)).unwrap();
                let direct = html::body(&markdown).unwrap();
                let filled = typesetter.body(&markdown).unwrap();
                assert!(
                    filled == direct,
                    "{base} {options:?} variant {variant} {sheet}"
                );
            }
        }
    }
}
