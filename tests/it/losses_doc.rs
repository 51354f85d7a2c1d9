//! The documents of the other losses, softmax, weight decay and layers without a bias (issue 11): the
//! examples render in every format and language, their numbers agree with a computation written here
//! from the formulas, the softmax cross-entropy document is as reviewed, and every Markdown output of
//! every loss × decay × bias parses in KaTeX.

use std::path::Path;

use handprop::{Format, Lang, Options, Precision, render, spec};

use crate::support::{handprop, katex};

/// The document of `file` (in examples/, or a path) in `format` and `lang`.
fn document(file: &str, format: Format, lang: Lang) -> String {
    let network = spec::load(&Path::new("examples").join(file)).unwrap();
    let options = Options {
        format,
        lang,
        ..Options::default()
    };
    render(&network, &options).unwrap_or_else(|e| panic!("{file} {format:?} {lang:?}: {e}"))
}

/// The JSON trace of `file`.
fn json(file: &str) -> serde_json::Value {
    serde_json::from_str(&document(file, Format::Json, Lang::En)).unwrap()
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// The softmax example's step from the formulas: the hidden outs, the outs, δ = out − target of each
/// output, every gradient and every updated weight (w1 … w10), and E_total.
struct Reference {
    hidden: Vec<f64>,
    outs: Vec<f64>,
    deltas: Vec<f64>,
    updated: Vec<f64>,
    total_error: f64,
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-12 * b.abs().max(1e-300) || (a - b).abs() < 1e-15
}

/// The 2-2-k network of the examples: hidden sigmoid with the shared bias b1, then the output layer
/// (`softmax` or sigmoid) with the shared bias b2 (None: no bias), under cross-entropy or the squared
/// error, with weight decay λ.
fn reference(
    w: &[f64],
    biases: (Option<f64>, Option<f64>),
    targets: &[f64],
    softmax: bool,
    loss: &str,
    decay: f64,
) -> Reference {
    let (i, eta) = ([0.05, 0.10], 0.5);
    let hidden: Vec<f64> = (0..2)
        .map(|j| sigmoid(w[2 * j] * i[0] + w[2 * j + 1] * i[1] + biases.0.unwrap_or(0.0)))
        .collect();
    let k = targets.len();
    let nets: Vec<f64> = (0..k)
        .map(|j| w[4 + 2 * j] * hidden[0] + w[5 + 2 * j] * hidden[1] + biases.1.unwrap_or(0.0))
        .collect();
    let outs: Vec<f64> = if softmax {
        let sum: f64 = nets.iter().map(|n| n.exp()).sum();
        nets.iter().map(|n| n.exp() / sum).collect()
    } else {
        nets.iter().map(|&n| sigmoid(n)).collect()
    };
    let (errors, deltas): (Vec<f64>, Vec<f64>) = (0..k)
        .map(|j| {
            let (t, o) = (targets[j], outs[j]);
            match loss {
                // −Σ t ln o (softmax) or the binary form; δ = out − target either way.
                "cross_entropy" if softmax => (-t * o.ln(), o - t),
                "cross_entropy" => (-(t * o.ln() + (1.0 - t) * (1.0 - o).ln()), o - t),
                // Σ (t − o)²: ∂E/∂out = 2 (o − t), times the sigmoid's o (1 − o).
                "squared_error" => ((t - o).powi(2), 2.0 * (o - t) * o * (1.0 - o)),
                // (1/n) Σ (t − o)²: ∂E/∂out = (2/n) (o − t).
                "mean_squared_error" => {
                    let n = k as f64;
                    ((t - o).powi(2) / n, 2.0 / n * (o - t) * o * (1.0 - o))
                }
                _ => (0.5 * (t - o).powi(2), (o - t) * o * (1.0 - o)),
            }
        })
        .unzip();
    let squares: f64 = w.iter().map(|w| w * w).sum();
    let total_error = errors.iter().sum::<f64>() + decay / 2.0 * squares;
    let mut grads = Vec::new();
    for j in 0..2 {
        let d_out: f64 = (0..k).map(|o| deltas[o] * w[4 + 2 * o + j]).sum();
        let delta = d_out * hidden[j] * (1.0 - hidden[j]);
        grads.extend([delta * i[0], delta * i[1]]);
    }
    for d in &deltas {
        grads.extend([d * hidden[0], d * hidden[1]]);
    }
    let updated = (w.iter().zip(&grads))
        .map(|(w, g)| w - eta * (g + decay * w))
        .collect();
    Reference {
        hidden,
        outs,
        deltas,
        updated,
        total_error,
    }
}

/// Every number of `reference` is the trace's (JSON) and is printed in the Markdown of both languages.
fn agrees(file: &str, reference: &Reference) {
    let trace = json(file);
    let layers = trace["layers"].as_array().unwrap();
    let output = &layers[1]["neurons"];
    let mut printed = Vec::new();
    for (j, &out) in reference.hidden.iter().enumerate() {
        let value = layers[0]["neurons"][j]["out"].as_f64().unwrap();
        assert!(
            close(value, out),
            "{file}: out of h{} {value} ≠ {out}",
            j + 1
        );
        printed.push(value);
    }
    for (j, (&out, &delta)) in reference.outs.iter().zip(&reference.deltas).enumerate() {
        let value = output[j]["out"].as_f64().unwrap();
        assert!(
            close(value, out),
            "{file}: out of o{} {value} ≠ {out}",
            j + 1
        );
        let value = output[j]["delta"].as_f64().unwrap();
        assert!(
            close(value, delta),
            "{file}: δ of o{} {value} ≠ {delta}",
            j + 1
        );
        printed.push(output[j]["out"].as_f64().unwrap());
    }
    let weights = layers
        .iter()
        .flat_map(|l| l["neurons"].as_array().unwrap())
        .flat_map(|n| n["weights"].as_array().unwrap());
    let updated: Vec<f64> = weights.map(|w| w["updated"].as_f64().unwrap()).collect();
    assert_eq!(updated.len(), reference.updated.len(), "{file}");
    for (n, (&value, &expected)) in updated.iter().zip(&reference.updated).enumerate() {
        assert!(
            close(value, expected),
            "{file}: w{}⁺ {value} ≠ {expected}",
            n + 1
        );
        printed.push(value);
    }
    let total = trace["total_error"].as_f64().unwrap();
    assert!(
        close(total, reference.total_error),
        "{file}: E_total {total}"
    );
    printed.push(total);
    for lang in [Lang::Zh, Lang::En] {
        let markdown = document(file, Format::Md, lang);
        for value in &printed {
            assert!(
                markdown.contains(&format!("= {value}\n")),
                "{file} {lang:?}: {value} is not printed as a result"
            );
        }
    }
}

#[test]
fn the_softmax_documents_numbers_are_the_formulas() {
    let w = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65];
    let reference = reference(
        &w,
        (Some(0.35), Some(0.6)),
        &[0.0, 1.0, 0.0],
        true,
        "cross_entropy",
        0.0,
    );
    agrees("softmax-3class.toml", &reference);
    // δ of each output is printed as out − target: (16) derives it for o_1.
    let markdown = document("softmax-3class.toml", Format::Md, Lang::En);
    let delta = format!(
        "&= {} - 0 \\\\\n&= {}\n",
        reference.outs[0], reference.deltas[0]
    );
    assert!(markdown.contains(&delta), "{markdown}");
    assert!(markdown.contains("\\tag{31}") && !markdown.contains("\\tag{32}"));
}

#[test]
fn the_binary_cross_entropy_documents_numbers_are_the_formulas() {
    let w = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45];
    let reference = reference(
        &w,
        (Some(0.35), Some(0.6)),
        &[1.0],
        false,
        "cross_entropy",
        0.0,
    );
    agrees("bce.toml", &reference);
}

#[test]
fn the_decay_without_biases_documents_numbers_are_the_formulas() {
    let w = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55];
    let reference = reference(
        &w,
        (None, None),
        &[0.01, 0.99],
        false,
        "squared_error",
        0.01,
    );
    agrees("decay-no-bias.toml", &reference);
    for lang in [Lang::Zh, Lang::En] {
        let markdown = document("decay-no-bias.toml", Format::Md, lang);
        assert!(!markdown.contains("b_"), "{lang:?}: no bias anywhere");
        // The update of w5 subtracts η (∂E/∂w5 + λ w5), each factor printed.
        assert!(
            markdown.contains("\\left(\\frac{\\partial E}{\\partial w_5} + \\lambda w_5\\right)"),
            "{markdown}"
        );
        assert!(markdown.contains(" + 0.01 \\times 0.4) \\\\"), "{markdown}");
    }
    // The figure: 2 inputs, 2 hidden and 2 output neurons, and no bias unit (the seed's has 8 circles).
    let dir = tempdir_render("decay-no-bias.toml");
    let svg = std::fs::read_to_string(dir.path().join("doc.network.svg")).unwrap();
    assert_eq!(svg.matches("<circle").count(), 6, "{svg}");
}

/// The folder `handprop render FILE -o DIR/doc.md` writes the document and its figures into.
fn tempdir_render(file: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    handprop()
        .arg("render")
        .arg(Path::new("examples").join(file))
        .arg("-o")
        .arg(dir.path().join("doc.md"))
        .assert()
        .success();
    std::fs::remove_file(dir.path().join("doc.md")).unwrap();
    dir
}

#[test]
fn the_softmax_cross_entropy_document_in_chinese_is_as_reviewed() {
    insta::assert_snapshot!(document("softmax-3class.toml", Format::Md, Lang::Zh));
}

#[test]
fn the_softmax_cross_entropy_document_in_english_is_as_reviewed() {
    insta::assert_snapshot!(document("softmax-3class.toml", Format::Md, Lang::En));
}

/// A 2-2-k network under `loss`, with or without weight decay, with `bias` ("all", "none", or
/// "output": the hidden layer without one).
fn network(loss: &str, softmax: bool, decay: bool, bias: &str) -> String {
    let (targets, output_weights) = if softmax {
        ("[0.2, 0.5, 0.3]", "[[0.4, 0.45], [0.5, 0.55], [0.6, 0.65]]")
    } else {
        ("[0.01, 0.99]", "[[0.4, 0.45], [0.5, 0.55]]")
    };
    let hidden_bias = if bias == "all" { "bias = 0.35\n" } else { "" };
    let output_bias = if bias == "none" {
        ""
    } else {
        "bias = [0.6, 0.7"
    };
    let output_bias = match (output_bias, softmax) {
        ("", _) => String::new(),
        (b, true) => format!("{b}, 0.8]\n"),
        (b, false) => format!("{b}]\n"),
    };
    let activation = if softmax { "softmax" } else { "sigmoid" };
    let decay = if decay { "weight_decay = 0.01\n" } else { "" };
    format!(
        "loss = \"{loss}\"\n{decay}learning_rate = 0.5\ninputs = [0.05, 0.1]\ntargets = {targets}\n\
         [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\n{hidden_bias}\
         [[layers]]\nweights = {output_weights}\n{output_bias}activation = \"{activation}\"\n"
    )
}

/// Every loss × output × decay × bias layout this part writes.
fn every_network() -> Vec<(String, String)> {
    let mut networks = Vec::new();
    let losses = [
        ("half_squared_error", false),
        ("squared_error", false),
        ("mean_squared_error", false),
        ("cross_entropy", false),
        ("cross_entropy", true),
    ];
    for (loss, softmax) in losses {
        for decay in [false, true] {
            for bias in ["all", "none", "output"] {
                let name = format!("{loss}-{softmax}-{decay}-{bias}");
                networks.push((name, network(loss, softmax, decay, bias)));
            }
        }
    }
    networks
}

#[test]
fn every_loss_decay_and_bias_renders_in_html_without_math_errors() {
    for (name, text) in every_network() {
        let network = spec::parse(&text, &format!("{name}.toml")).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let options = Options {
                format: Format::Html,
                lang,
                ..Options::default()
            };
            let html = render(&network, &options).unwrap();
            assert!(
                !html.contains("<merror") && !html.contains('$'),
                "{name} {lang:?}"
            );
            if name.ends_with("none") {
                assert!(
                    !html.contains("b_") && !html.contains("<msub><mi>b</mi>"),
                    "{name}"
                );
            }
        }
    }
}

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_loss_decay_and_bias_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (name, text) in every_network() {
        let network = spec::parse(&text, &format!("{name}.toml")).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            for precision in [Precision::Full, Precision::Places(4)] {
                let options = Options {
                    format: Format::Md,
                    lang,
                    precision,
                    ..Options::default()
                };
                let file = dir.path().join(format!("{name}-{lang:?}-{precision}.md"));
                std::fs::write(&file, render(&network, &options).unwrap()).unwrap();
                files.push(file);
            }
        }
    }
    katex::check_in_katex(&files);
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex); run by .ci/run"]
fn the_softmax_cross_entropy_latex_compiles_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let tex = document("softmax-3class.toml", Format::Tex, lang);
        let out = tempfile::NamedTempFile::with_suffix(".pdf").unwrap();
        handprop::pdf::compile(&tex, lang, out.path()).unwrap_or_else(|e| panic!("{lang:?}: {e}"));
        assert!(std::fs::metadata(out.path()).unwrap().len() > 1000);
    }
}

#[test]
fn the_new_maths_is_written_in_matrix_notation() {
    let output = handprop()
        .args([
            "render",
            "examples/softmax-3class.toml",
            "--notation",
            "matrix",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(md.contains("\\operatorname{softmax}(z^{(2)})"), "{md}");
}

#[test]
fn a_softmax_whose_e_net_overflows_or_underflows_is_refused_in_one_line_and_json_still_works() {
    let text = std::fs::read_to_string("examples/softmax-3class.toml").unwrap();
    for (bias, says) in [("800", "e^net of o_1 is inf"), ("-800", "underflows to 0")] {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("net.toml");
        std::fs::write(
            &file,
            text.replace("bias = 0.60 ", &format!("bias = {bias} ")),
        )
        .unwrap();
        let output = handprop().arg("render").arg(&file).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "bias {bias}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains("net.toml") && stderr.contains(says),
            "{stderr}"
        );
        let json = handprop()
            .arg("render")
            .arg(&file)
            .args(["-f", "json"])
            .output()
            .unwrap();
        assert!(json.status.success(), "bias {bias}: JSON has the outs");
        let trace: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let outs = trace["layers"][1]["neurons"].as_array().unwrap();
        let sum: f64 = outs.iter().map(|n| n["out"].as_f64().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-12, "bias {bias}: the outs sum to 1");
    }
}

#[test]
fn the_mean_squared_error_and_the_seeds_loss_with_decay_are_the_formulas() {
    let w = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55];
    let dir = tempfile::tempdir().unwrap();
    for (loss, decay) in [("mean_squared_error", false), ("half_squared_error", true)] {
        let file = dir.path().join(format!("{loss}.toml"));
        std::fs::write(&file, network(loss, false, decay, "none")).unwrap();
        let lambda = if decay { 0.01 } else { 0.0 };
        let reference = reference(&w, (None, None), &[0.01, 0.99], false, loss, lambda);
        // An absolute path joined to examples/ is the path itself.
        agrees(file.to_str().unwrap(), &reference);
        let markdown = document(file.to_str().unwrap(), Format::Md, Lang::En);
        if loss == "mean_squared_error" {
            assert!(
                markdown.contains("&= \\frac{2}{2} \\times ("),
                "the factor 2/n: {markdown}"
            );
        } else {
            assert!(markdown.contains("\\frac{\\partial E}{\\partial w_5} + \\lambda w_5"));
        }
    }
}
