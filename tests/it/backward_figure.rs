//! The backward-pass figure (matrix notation, and scalar notation with `backward_figure`): `-o FILE.md`
//! writes FILE.backward.svg beside it and links it; every δ, ∂E/∂w and ∂E/∂b of the step is read back
//! from the SVG's text and compared, to the figure's 4 significant digits, with an independent
//! computation; TikZ carries the same labels.

use std::path::Path;

use handprop::render::Notation;
use handprop::{Format, Lang, Lesson, Options, Precision, render, render_files, spec};

use crate::support::reference::step;

fn options(format: Format) -> Options {
    Options {
        format,
        lang: Lang::En,
        precision: Precision::Full,
        notation: Notation::Matrix,
        ..Options::default()
    }
}

/// Scalar notation, the figure asked for.
fn scalar(format: Format) -> Options {
    Options {
        notation: Notation::Scalar,
        backward_figure: true,
        ..options(format)
    }
}

/// The plain text of each `<text>` element of an SVG (tags dropped, no-break spaces as spaces).
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text ")
        .skip(1)
        .map(|t| {
            let inner = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            let mut plain = String::new();
            let mut in_tag = false;
            for c in inner.chars() {
                match c {
                    '<' => in_tag = true,
                    '>' => in_tag = false,
                    c if !in_tag => plain.push(if c == '\u{a0}' { ' ' } else { c }),
                    _ => {}
                }
            }
            plain
        })
        .collect()
}

/// A number as the SVG prints it: `−0.03810`, `5.408×10−8`.
fn value(text: &str) -> f64 {
    let text = text.trim().replace('−', "-");
    match text.split_once("×10") {
        Some((mantissa, exponent)) => {
            mantissa.trim().parse::<f64>().unwrap() * 10f64.powi(exponent.trim().parse().unwrap())
        }
        None => text.parse().unwrap(),
    }
}

/// The labels that start with `prefix`: (what follows the prefix up to "=", the value), in order.
fn labelled(texts: &[String], prefix: &str) -> Vec<(String, f64)> {
    texts
        .iter()
        .filter_map(|t| t.strip_prefix(prefix))
        .map(|t| {
            let (name, number) = t.split_once('=').unwrap();
            (name.trim().to_owned(), value(number))
        })
        .collect()
}

#[track_caller]
fn rounded_from(shown: f64, exact: f64, what: &str) {
    assert!(
        (shown - exact).abs() <= 5.0001e-4 * exact.abs(),
        "{what}: the figure shows {shown}, the step gives {exact}"
    );
}

/// Checks the backward figure of `lesson` rendered with `options`: every δ (in the order of the
/// neurons), every ∂E/∂w (by its weight's number) and every ∂E/∂b (in the order of the biases).
pub fn check(lesson: &Lesson, options: &Options) {
    let dir = tempfile::tempdir().unwrap();
    let rendered = render_files(lesson, options, Some("notes".as_ref())).unwrap();
    let figure = rendered
        .figures
        .iter()
        .find(|f| f.name == "notes.backward.svg")
        .expect("a backward figure beside the document");
    assert!(rendered.document.contains("](<notes.backward.svg>)"));
    std::fs::write(dir.path().join(&figure.name), &figure.svg).unwrap();
    let texts = texts(&figure.svg);
    let reference = step(&lesson.network);

    let deltas = labelled(&texts, "δ");
    let exact: Vec<f64> = reference.delta.iter().flatten().copied().collect();
    assert_eq!(deltas.len(), exact.len(), "one δ a neuron");
    for ((name, shown), exact) in deltas.iter().zip(&exact) {
        rounded_from(*shown, *exact, &format!("δ of {name}"));
    }

    let weights = labelled(&texts, "∂E/∂w");
    let exact: Vec<f64> = reference.grad.iter().flatten().flatten().copied().collect();
    assert_eq!(weights.len(), exact.len(), "one ∂E/∂w an edge");
    for (number, shown) in &weights {
        let k: usize = number.parse().unwrap();
        rounded_from(*shown, exact[k - 1], &format!("∂E/∂w{k}"));
    }

    let biases = labelled(&texts, "∂E/∂b");
    let exact: Vec<f64> = reference.bias_grad.iter().flatten().copied().collect();
    assert_eq!(biases.len(), exact.len(), "one ∂E/∂b a bias");
    for ((name, shown), exact) in biases.iter().zip(&exact) {
        rounded_from(*shown, *exact, &format!("∂E/∂b{name}"));
    }
}

#[test]
fn the_seed_s_figure_shows_every_delta_and_gradient() {
    for options in [options(Format::Md), scalar(Format::Md)] {
        check(&spec::seed_lesson(), &options);
        let rendered = render_files(&spec::seed_lesson(), &options, Some("n".as_ref())).unwrap();
        let figure = rendered.figures.iter().find(|f| f.name == "n.backward.svg");
        let texts = texts(&figure.unwrap().svg);
        // As printed (4 significant digits): δ of o1 and ∂E/∂w5 of Mazur's example.
        assert!(texts.contains(&"δo1= 0.1385".to_owned()), "{texts:?}");
        assert!(texts.contains(&"∂E/∂w5= 0.08217".to_owned()), "{texts:?}");
    }
}

#[test]
fn deeper_and_wider_figures_show_every_delta_and_gradient() {
    for name in [
        "3-4-2.toml",
        "2-3-3-1-relu.toml",
        "2-3-2-tanh.toml",
        "bias-updates.toml",
    ] {
        let lesson = spec::load(&Path::new("examples").join(name)).unwrap();
        check(&lesson, &options(Format::Md));
        check(&lesson, &scalar(Format::Md));
    }
}

#[test]
fn the_figure_is_tikz_in_latex_and_inline_in_html_and_in_scalar_notation_only_when_asked() {
    let seed = spec::seed_lesson();
    for options in [options, scalar] {
        let tex = render(&seed, &options(Format::Tex)).unwrap();
        assert!(tex.contains("\\partial E/\\partial w_5 = 0.08217"), "TikZ");
        assert!(tex.contains("\\delta_{o_1} = 0.1385"));
        let html = render(&seed, &options(Format::Html)).unwrap();
        assert!(html.contains("<figure class=\"backward\"><svg"));
    }
    let unasked = Options {
        backward_figure: false,
        ..scalar(Format::Md)
    };
    let files = render_files(&seed, &unasked, Some("n".as_ref()))
        .unwrap()
        .figures;
    assert!(files.iter().all(|f| f.name != "n.backward.svg"));
}
