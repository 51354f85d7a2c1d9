//! The matrix notation in real programs: KaTeX parses every block (node), zh (xelatex) and en (pdflatex)
//! compile with no line more than 10 pt too wide for layers of widths up to 6, and Chromium renders
//! the page with every equation as MathML and no `<merror>`. Ignored in a plain `cargo test`; `.ci/run`
//! installs the programs and runs them; they fail, never skip, when a program is missing.

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use handprop::render::Notation;
use handprop::{Format, Lang, Lesson, Options, Precision, pdf, render, spec};

use crate::support::katex;

/// A network of layer widths `widths` (inputs first), its numbers of 16–17 digits from a fixed
/// sequence, each layer of another activation; biases per neuron and updated when `per_neuron`.
fn network(widths: &[usize], per_neuron: bool) -> Network {
    let mut state = 0x2545_f491_4f6c_dd1d_u64 ^ widths.iter().sum::<usize>() as u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64 - 0.5
    };
    let activations = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Identity,
    ];
    let layers = (widths.windows(2).enumerate())
        .map(|(l, w)| {
            let weights = (0..w[1])
                .map(|_| (0..w[0]).map(|_| next()).collect())
                .collect();
            let bias = if per_neuron {
                Bias::PerNeuron((0..w[1]).map(|_| next()).collect())
            } else {
                Bias::Shared(next())
            };
            Layer::new(weights, bias, activations[l % activations.len()]).unwrap()
        })
        .collect();
    let outputs = *widths.last().unwrap();
    let inputs = (0..widths[0]).map(|_| next()).collect();
    let targets = (0..outputs).map(|_| next() + 0.5).collect();
    Network::new(0.5, inputs, targets, layers, per_neuron).unwrap()
}

/// The seed and networks of widths up to 6, deep and shallow.
fn networks() -> Vec<(String, Lesson)> {
    let mut all = vec![("seed".to_owned(), spec::seed_lesson())];
    for (widths, per_neuron) in [
        (vec![6, 6, 6], true),
        (vec![6, 6, 6, 6], false),
        (vec![1, 6, 1], true),
        (vec![6, 1, 6], false),
        (vec![3, 5, 4, 2], true),
    ] {
        let name = widths
            .iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join("-");
        all.push((name, Lesson::new(network(&widths, per_neuron))));
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
fn every_matrix_block_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, network) in networks() {
        for lang in Lang::ALL {
            for precision in [Precision::Full, Precision::Places(4)] {
                let file = dir.path().join(format!("{name}-{lang:?}-{precision}.md"));
                let text = render(&network, &options(Format::Md, lang, precision)).unwrap();
                std::fs::write(&file, text).unwrap();
                files.push(file);
            }
        }
    }
    let report = katex::check_in_katex(&files);
    assert!(report.contains("(14 display"), "the seed has 14:\n{report}");
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex); run by .ci/run"]
fn every_matrix_equation_fits_the_page_for_widths_up_to_6() {
    for (name, network) in networks() {
        for lang in Lang::ALL {
            let tex = render(&network, &options(Format::Tex, lang, Precision::Full)).unwrap();
            let compiled = pdf::build(&tex, lang).expect("the document compiles");
            let too_wide: Vec<f64> = crate::pdf::overfull(&compiled.log)
                .into_iter()
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
fn every_matrix_equation_renders_in_chromium() {
    let dir = tempfile::tempdir().unwrap();
    for (name, network) in networks() {
        let html = render(&network, &options(Format::Html, Lang::En, Precision::Full)).unwrap();
        let page = dir.path().join(format!("{name}.html"));
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
