//! The Markdown documents: snapshots of the seed in both languages (reviewed by hand), and a network
//! of another shape (3-4-2, per-neuron biases) checked against an independent computation.

use handprop::network::{Layer, Network};
use handprop::{Format, Lang, Lesson, Options, Precision, render, spec};

fn markdown(network: &handprop::Lesson, lang: Lang) -> String {
    render(
        network,
        &Options {
            format: Format::Md,
            lang,
            precision: Precision::Full,
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn seed_zh() {
    insta::assert_snapshot!(markdown(&spec::seed_lesson(), Lang::Zh));
}

#[test]
fn seed_en() {
    insta::assert_snapshot!(markdown(&spec::seed_lesson(), Lang::En));
}

/// Every number written in the document's math, as f64.
fn numbers(markdown: &str) -> Vec<f64> {
    let mut found = Vec::new();
    let bytes = markdown.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            found.extend(markdown[start..i].parse::<f64>().ok());
        } else {
            i += 1;
        }
    }
    found
}

fn sigmoid(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

/// An independent one-step computation of a one-hidden-layer network with matrices written out
/// directly: (net, out) per layer, E per output, E_total, updated weights, E_total after.
struct Independent {
    net: Vec<Vec<f64>>,
    out: Vec<Vec<f64>>,
    errors: Vec<f64>,
    total: f64,
    updated: Vec<Vec<Vec<f64>>>,
    total_after: f64,
}

fn independent(
    x: &[f64],
    w: &[Vec<Vec<f64>>; 2],
    b: &[Vec<f64>; 2],
    t: &[f64],
    eta: f64,
) -> Independent {
    let layer = |input: &[f64], w: &[Vec<f64>], b: &[f64]| -> (Vec<f64>, Vec<f64>) {
        let net: Vec<f64> = w
            .iter()
            .zip(b)
            .map(|(row, bj)| row.iter().zip(input).map(|(a, c)| a * c).sum::<f64>() + bj)
            .collect();
        let out = net.iter().map(|&n| sigmoid(n)).collect();
        (net, out)
    };
    let forward = |w: &[Vec<Vec<f64>>; 2]| {
        let (net_h, out_h) = layer(x, &w[0], &b[0]);
        let (net_o, out_o) = layer(&out_h, &w[1], &b[1]);
        let errors: Vec<f64> = t
            .iter()
            .zip(&out_o)
            .map(|(t, o)| (t - o).powi(2) / 2.0)
            .collect();
        (vec![net_h, net_o], vec![out_h, out_o], errors)
    };
    let (net, out, errors) = forward(w);
    let delta_o: Vec<f64> = (0..t.len())
        .map(|k| (out[1][k] - t[k]) * (out[1][k] * (1.0 - out[1][k])))
        .collect();
    let delta_h: Vec<f64> = (0..out[0].len())
        .map(|j| {
            (0..t.len()).map(|k| delta_o[k] * w[1][k][j]).sum::<f64>()
                * out[0][j]
                * (1.0 - out[0][j])
        })
        .collect();
    let step = |w: &[Vec<f64>], delta: &[f64], input: &[f64]| -> Vec<Vec<f64>> {
        w.iter()
            .zip(delta)
            .map(|(row, d)| {
                row.iter()
                    .zip(input)
                    .map(|(wk, xk)| wk - eta * d * xk)
                    .collect()
            })
            .collect()
    };
    let updated = [step(&w[0], &delta_h, x), step(&w[1], &delta_o, &out[0])];
    let total_after = forward(&updated).2.iter().sum();
    Independent {
        total: errors.iter().sum(),
        net,
        out,
        errors,
        updated: updated.to_vec(),
        total_after,
    }
}

#[test]
fn a_3_4_2_network_with_per_neuron_biases_shows_every_number() {
    let lesson = spec::load(std::path::Path::new("examples/3-4-2.toml")).unwrap();
    let network = &lesson.network;
    let w = [
        network.layers()[0].weights().to_vec(),
        network.layers()[1].weights().to_vec(),
    ];
    let b = [vec![0.35, 0.30, 0.25, 0.20], vec![0.60, 0.55]];
    let expected = independent(
        network.inputs(),
        &w,
        &b,
        network.targets(),
        network.learning_rate(),
    );
    let mut wanted: Vec<(String, f64)> = Vec::new();
    for l in 0..2 {
        for j in 0..expected.net[l].len() {
            wanted.push((format!("net of layer {l} neuron {j}"), expected.net[l][j]));
            wanted.push((format!("out of layer {l} neuron {j}"), expected.out[l][j]));
            for (k, &u) in expected.updated[l][j].iter().enumerate() {
                wanted.push((format!("updated weight {k} of layer {l} neuron {j}"), u));
            }
        }
    }
    for (k, &e) in expected.errors.iter().enumerate() {
        wanted.push((format!("E of output {k}"), e));
    }
    wanted.push(("E_total".into(), expected.total));
    wanted.push(("E_total after the update".into(), expected.total_after));
    assert_eq!(wanted.len(), 12 + 20 + 2 + 2);

    for lang in [Lang::Zh, Lang::En] {
        let text = markdown(&lesson, lang);
        assert_eq!(
            text.matches("\\tag{").count(),
            39,
            "7 forward, 5 error, 9 output-layer, 18 hidden-layer"
        );
        let shown = numbers(&text);
        for (name, value) in &wanted {
            // The independent computation adds in another order, so the last digits may differ.
            let close = |x: &f64| (x - value.abs()).abs() <= 1e-12 * value.abs().max(1e-300);
            assert!(
                shown.iter().any(close),
                "{lang:?}: {name} = {value} is not shown"
            );
        }
        for symbol in ["w_{20}^{+}", "b_6 = 0.55", "\\text{out}_{h_4}", "E_{o_2}"] {
            assert!(text.contains(symbol), "{lang:?}: {symbol}");
        }
    }
}

#[test]
fn a_network_built_in_code_that_overflows_is_an_error_not_a_document_of_inf() {
    let seed = spec::seed();
    let layers = (seed.layers().iter().enumerate())
        .map(|(l, layer)| {
            let mut weights = layer.weights().to_vec();
            if l == 0 {
                weights[0][0] = 1e308;
            }
            Layer::new(weights, layer.bias().clone(), layer.activation()).unwrap()
        })
        .collect();
    let inputs = vec![1e308, seed.inputs()[1]];
    let network = Network::new(0.5, inputs, seed.targets().to_vec(), layers, false).unwrap();
    let error = render(&Lesson::new(network), &Options::default()).unwrap_err();
    assert!(
        matches!(error, handprop::Error::NotFinite { .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .contains("overflows f64: net of h_1 is inf"),
        "{error}"
    );
    assert_eq!(error.exit_code(), 2);
}
