//! The matrix notation of the new maths in real programs: KaTeX parses every block, zh (xelatex) and
//! en (pdflatex) compile with no line more than 10 pt too wide (layers of widths up to 6, batches of
//! 4, decay, no bias, softmax), and Chromium renders every equation with no `<merror>`. Ignored in a
//! plain `cargo test`; `.ci/run` installs the programs; they fail, never skip, when one is missing.

use handprop::activation::Activation as F;
use handprop::loss::Loss;
use handprop::render::Notation;
use handprop::{Format, Lang, Lesson, Options, Precision, pdf, render, spec};

use crate::support::katex;
use crate::support::model::Model;

/// A model of layer widths `widths`, numbers of 16–17 digits from a fixed sequence, a batch of
/// `batch`, under `loss` with `output` activation, with decay, and no bias in its first layer.
fn model(widths: &[usize], batch: usize, loss: Loss, output: F) -> Model {
    let mut state = 0x2545_f491_4f6c_dd1d_u64 ^ (widths.iter().sum::<usize>() + batch) as u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let layers = widths.len() - 1;
    let weights = (widths.windows(2))
        .map(|w| {
            (0..w[1])
                .map(|_| (0..w[0]).map(|_| next()).collect())
                .collect()
        })
        .collect();
    let biases = (1..=layers)
        .map(|l| (l > 1).then(|| (0..widths[l]).map(|_| next()).collect()))
        .collect();
    let outputs = widths[layers];
    let targets = (0..batch)
        .map(|e| match output {
            F::Softmax => (0..outputs)
                .map(|k| f64::from(u8::from(k == e % outputs)))
                .collect(),
            _ => (0..outputs).map(|_| next() + 0.5).collect(),
        })
        .collect();
    let mut activations = vec![F::Tanh; layers - 1];
    activations.push(output);
    Model {
        learning_rate: 0.5,
        inputs: (0..batch)
            .map(|_| (0..widths[0]).map(|_| next()).collect())
            .collect(),
        targets,
        weights,
        biases,
        shared: vec![false; layers],
        activations,
        loss,
        decay: Some(0.01),
        update_biases: true,
    }
}

fn lessons() -> Vec<(String, Lesson)> {
    let mut all: Vec<(String, Lesson)> = [
        "softmax-3class",
        "bce",
        "decay-no-bias",
        "xor-batch",
        "bias-updates",
    ]
    .iter()
    .map(|name| {
        let path = std::path::Path::new("examples").join(format!("{name}.toml"));
        (name.to_string(), spec::load(&path).unwrap())
    })
    .collect();
    for (widths, batch, loss, output) in [
        (vec![6, 6, 6], 4, Loss::CrossEntropy, F::Softmax),
        (vec![6, 6, 6, 6], 4, Loss::MeanSquaredError, F::Sigmoid),
        (vec![3, 5, 1], 3, Loss::CrossEntropy, F::Sigmoid),
        (vec![6, 1, 6], 1, Loss::SquaredError, F::Identity),
    ] {
        let name = format!("{widths:?}x{batch}");
        all.push((
            name,
            Lesson::new(model(&widths, batch, loss, output).build()),
        ));
    }
    all
}

fn options(format: Format, lang: Lang, precision: Precision) -> Options {
    Options {
        format,
        lang,
        precision,
        notation: Notation::Matrix,
        ..Options::default()
    }
}

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_block_of_the_new_maths_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (i, (_, lesson)) in lessons().into_iter().enumerate() {
        for lang in Lang::ALL {
            for precision in [Precision::Full, Precision::Places(4)] {
                let file = dir.path().join(format!("{i}-{lang:?}-{precision}.md"));
                std::fs::write(
                    &file,
                    render(&lesson, &options(Format::Md, lang, precision)).unwrap(),
                )
                .unwrap();
                files.push(file);
            }
        }
    }
    let report = katex::check_in_katex(&files);
    assert!(report.contains("display"), "{report}");
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex); run by .ci/run"]
fn every_equation_of_the_new_maths_fits_the_page() {
    for (name, lesson) in lessons() {
        for lang in Lang::ALL {
            let tex = render(&lesson, &options(Format::Tex, lang, Precision::Full)).unwrap();
            let compiled = pdf::build(&tex, lang).expect("the document compiles");
            let too_wide: Vec<f64> = (crate::pdf::overfull(&compiled.log).into_iter())
                .filter(|&pt| pt > 10.0)
                .collect();
            assert!(
                too_wide.is_empty(),
                "{name} [{lang:?}]: Overfull \\hbox of {too_wide:?} pt"
            );
        }
    }
}

#[test]
#[ignore = "needs chromium; run by .ci/run"]
fn every_equation_of_the_new_maths_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (name, lesson)) in lessons().into_iter().enumerate() {
        let html = render(&lesson, &options(Format::Html, Lang::En, Precision::Full)).unwrap();
        let page = dir.path().join(format!("{i}.html"));
        std::fs::write(&page, &html).unwrap();
        let dom = String::from_utf8(crate::browser::browse(&page, &["--dump-dom"])).unwrap();
        let equations = html.matches("<span class=\"equation\" id=\"eq-").count();
        assert_eq!(
            dom.matches("<math display=\"block\">").count(),
            equations,
            "{name}"
        );
        assert!(!dom.contains("<merror"), "{name}");
    }
}
