//! Networks beyond the seed: depth, every activation, bias updates, training runs, the gradient check.

use std::path::Path;

use handprop::{Format, Lang, Options, Precision, Trace, render, spec};

fn document(network: &handprop::Lesson, lang: Lang, steps: Option<usize>, check: bool) -> String {
    let options = Options {
        format: Format::Md,
        lang,
        precision: Precision::Full,
        steps,
        check,
        ..Options::default()
    };
    render(network, &options).unwrap()
}

fn example(name: &str) -> handprop::Lesson {
    spec::load(Path::new("examples").join(name).as_path()).unwrap()
}

/// One step of the seed's 2-2-2 network written out independently (another order of operations):
/// the outputs and the total error before the step, and the weights after it.
fn independent_step(
    w: &mut [f64; 8],
    b: [f64; 2],
    x: [f64; 2],
    t: [f64; 2],
    eta: f64,
) -> ([f64; 2], f64) {
    let s = |z: f64| 1.0 / (1.0 + (-z).exp());
    let h = [
        s(w[0] * x[0] + w[1] * x[1] + b[0]),
        s(w[2] * x[0] + w[3] * x[1] + b[0]),
    ];
    let o = [
        s(w[4] * h[0] + w[5] * h[1] + b[1]),
        s(w[6] * h[0] + w[7] * h[1] + b[1]),
    ];
    let e = ((t[0] - o[0]).powi(2) + (t[1] - o[1]).powi(2)) / 2.0;
    let d_o = [
        (o[0] - t[0]) * (o[0] * (1.0 - o[0])),
        (o[1] - t[1]) * (o[1] * (1.0 - o[1])),
    ];
    let d_h = [
        (d_o[0] * w[4] + d_o[1] * w[6]) * (h[0] * (1.0 - h[0])),
        (d_o[0] * w[5] + d_o[1] * w[7]) * (h[1] * (1.0 - h[1])),
    ];
    let grads = [
        d_h[0] * x[0],
        d_h[0] * x[1],
        d_h[1] * x[0],
        d_h[1] * x[1],
        d_o[0] * h[0],
        d_o[0] * h[1],
        d_o[1] * h[0],
        d_o[1] * h[1],
    ];
    for (wi, g) in w.iter_mut().zip(grads) {
        *wi -= eta * g;
    }
    (o, e)
}

/// Every number written in the document's math.
fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|s| s.parse::<f64>().ok())
        .collect()
}

#[track_caller]
fn shows(text: &str, name: &str, value: f64) {
    let close = |x: &f64| (x - value.abs()).abs() <= 1e-10 * value.abs();
    assert!(
        numbers(text).iter().any(close),
        "{name} = {value} is not shown"
    );
}

#[test]
fn ten_thousand_steps_of_the_seed_match_an_independent_computation() {
    let mut w = [0.15, 0.2, 0.25, 0.3, 0.4, 0.45, 0.5, 0.55];
    let mut errors = vec![];
    let mut outputs = [0.0; 2];
    for _ in 0..=10_000 {
        let (o, e) = independent_step(&mut w, [0.35, 0.6], [0.05, 0.1], [0.01, 0.99], 0.5);
        errors.push(e);
        outputs = o;
    }
    // errors[k] is E_total after k steps; outputs are those after 10,000 steps.
    for lang in [Lang::Zh, Lang::En] {
        let text = document(&spec::seed_lesson(), lang, Some(10_000), false);
        let training = &text[text.find("## 4").expect("a training section")..];
        for k in [1, 10, 100, 1000, 10_000] {
            shows(training, &format!("E_total after {k} steps"), errors[k]);
        }
        shows(training, "out_o1 after 10,000 steps", outputs[0]);
        shows(training, "out_o2 after 10,000 steps", outputs[1]);
        assert!((outputs[0] - 0.015913620).abs() < 1e-9 && (outputs[1] - 0.984064274).abs() < 1e-9);
        assert!(
            training.contains("0.291027924") && training.contains("0.015912196"),
            "Mazur's figures and why"
        );
        assert!(training.contains("0.29102777369359933"));
    }
}

#[test]
fn training_other_networks_has_no_mazur_note() {
    let text = document(&example("3-4-2.toml"), Lang::En, Some(50), false);
    assert!(text.contains("## 4 Training") && !text.contains("Mazur's post prints"));
}

#[test]
fn every_example_renders_in_both_languages_with_consecutive_equations() {
    for (file, equations) in [
        ("mazur.toml", 23),
        ("1-1-1.toml", 13),
        ("3-4-2.toml", 39),
        ("2-3-2-tanh.toml", 29),
        ("2-3-3-1-relu.toml", 41),
        ("bias-updates.toml", 25),
    ] {
        let network = example(file);
        for lang in [Lang::Zh, Lang::En] {
            let text = document(&network, lang, Some(20), true);
            let tags: Vec<u32> = text
                .match_indices("\\tag{")
                .map(|(i, _)| text[i + 5..].split('}').next().unwrap().parse().unwrap())
                .collect();
            assert_eq!(tags, (1..=equations).collect::<Vec<_>>(), "{file} {lang:?}");
            assert!(!text.contains("NaN") && !text.contains("inf"), "{file}");
        }
    }
}

#[test]
fn deep_networks_name_their_layers_and_recurse() {
    let network = example("2-3-3-1-relu.toml");
    let text = document(&network, Lang::En, None, false);
    for part in [
        "### 1.2 Hidden Layer 1",
        "### 1.3 Hidden Layer 2",
        "### 1.4 The Output Layer",
    ] {
        assert!(text.contains(part), "{part}");
    }
    for part in [
        "### 3.1 Output Layer",
        "### 3.2 Hidden Layer 2",
        "### 3.3 Hidden Layer 1",
    ] {
        assert!(text.contains(part), "{part}");
    }
    // Hidden layer 1's gradient comes from hidden layer 2's, through its weights.
    assert!(text.contains("\\frac{\\partial E_{\\text{total}}}{\\partial \\text{net}_{h^{(2)}_1}} \\frac{\\partial \\text{net}_{h^{(2)}_1}}{\\partial \\text{out}_{h^{(1)}_1}}"));
    let trace = Trace::new(&network.network);
    let h1 = &trace.layers[0].neurons[0];
    let layer2 = &trace.layers[1].neurons;
    let expected = layer2[0].delta * 0.4 + layer2[1].delta * 0.1 + layer2[2].delta * (-0.2);
    assert!((h1.d_out - expected).abs() < 1e-15);
}

#[test]
fn each_activation_writes_its_derivative() {
    let tanh = document(&example("2-3-2-tanh.toml"), Lang::En, None, false);
    assert!(
        tanh.contains("\\tanh(\\text{net}_{h_1})") && tanh.contains("(1 - \\text{out}_{h_1}^2)")
    );
    let relu = document(&example("2-3-3-1-relu.toml"), Lang::Zh, None, false);
    assert!(
        relu.contains("\\max(0, \\text{net}_{h^{(1)}_1})")
            && relu.contains("[\\text{net}_{h^{(2)}_1} > 0]")
    );
    assert!(relu.contains("ReLU 在 $\\text{net} = 0$ 处不可导，本文约定它在该点的导数为 $0$"));
    let relu_en = document(&example("2-3-3-1-relu.toml"), Lang::En, None, false);
    assert!(relu_en.contains("this document takes it to be $0$ there"));
    let sigmoid = document(&spec::seed_lesson(), Lang::En, None, false);
    assert!(!sigmoid.contains("ReLU"));
}

#[test]
fn bias_updates_are_derived_like_the_weights() {
    let network = example("bias-updates.toml");
    let trace = Trace::new(&network.network);
    let output = &trace.layers[1];
    assert_eq!(output.biases.len(), 1, "a shared bias");
    let b2 = &output.biases[0];
    assert_eq!(b2.grad, output.neurons[0].delta + output.neurons[1].delta);
    assert_eq!(b2.updated, 0.6 - 0.5 * b2.grad);
    let text = document(&network, Lang::En, None, false);
    assert!(text.contains(&format!("&= {}\n\\end{{aligned}}\n\\tag{{16}}", b2.updated)));
    assert!(text.contains("and the new biases"));
    // The weights' numbers are the seed's: only the biases are added.
    assert!(text.contains("&= 0.35891647971788465\n\\end{aligned}\n\\tag{12}"));
}

#[test]
fn a_large_network_writes_e_total_out_only_down_to_its_last_hidden_layer() {
    // 3 hidden layers of 8 on 8 inputs: 8 × 8 × 8 × 8 terms an output line, past MAX_EXPANDED_TERMS (4).
    let rows = |r: usize, c: usize| {
        format!(
            "[{}]",
            vec![format!("[{}]", vec!["0.1"; c].join(", ")); r].join(", ")
        )
    };
    let mut text = format!(
        "learning_rate = 0.5\ninputs = [{}]\ntargets = [0.1, 0.9]\n",
        ["0.5"; 8].join(", ")
    );
    for (r, c) in [(8, 8), (8, 8), (8, 8), (2, 8)] {
        text.push_str(&format!(
            "[[layers]]\nweights = {}\nbias = 0.1\n",
            rows(r, c)
        ));
    }
    let network = spec::parse(&text, "deep.toml").unwrap();
    let md = document(&network, Lang::En, None, false);
    let lead =
        "(for a network this large, down to the last hidden layer only), the total error is:";
    let expanded = &md[md.find(lead).expect("the lead of E_total written out")..];
    let ten = &expanded[..expanded.find("\\tag{").unwrap()];
    assert!(
        ten.contains("\\text{net}_{h^{(3)}_8}"),
        "the net level is written"
    );
    assert!(!ten.contains("i_1"), "the inputs level is not");
    assert!(md.len() < 400_000, "{} bytes", md.len());
    // The seed's (10) is written out in full, down to the inputs.
    let seed = document(&spec::seed_lesson(), Lang::En, None, false);
    assert!(
        seed.split("\\tag{10}")
            .next()
            .unwrap()
            .contains("w_1 \\cdot i_1 + w_2 \\cdot i_2")
    );
}

#[test]
fn very_deep_networks_render_in_every_format() {
    // Found in review: (10) written out through 17 hidden layers passed tera's component recursion limit,
    // and the count of its terms overflowed for 62 layers of width 2.
    for (width, depth) in [(1usize, 20usize), (2, 62)] {
        let row = format!("[{}]", vec!["0.1"; width].join(", "));
        let matrix = format!("[{}]", vec![row.clone(); width].join(", "));
        let mut text = format!("learning_rate = 0.5\ninputs = {row}\ntargets = [0.5]\n");
        for _ in 0..depth {
            text.push_str(&format!("[[layers]]\nweights = {matrix}\nbias = 0.1\n"));
        }
        text.push_str(&format!("[[layers]]\nweights = [{row}]\nbias = 0.1\n"));
        let network = spec::parse(&text, "deep.toml").unwrap();
        for format in [Format::Md, Format::Tex, Format::Html, Format::Json] {
            let options = Options {
                format,
                ..Options::default()
            };
            let document = render(&network, &options)
                .unwrap_or_else(|e| panic!("{width}×{depth} {format:?}: {e}"));
            assert!(!document.is_empty());
        }
    }
}
