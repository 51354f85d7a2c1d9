//! A training loop written independently of the library: the textbook step repeated with nested rows
//! (another code path than the library's flat buffers), in the same order of operations as the
//! documents write them, recording what `--steps` records. What tests/it/training.rs compares with.

use handprop::activation::Activation;
use handprop::loss::Loss;
use handprop::network::Network;

/// A network's parameters as this test trains them.
struct Model {
    weights: Vec<Vec<Vec<f64>>>,
    biases: Vec<Vec<f64>>,
    shared: Vec<bool>,
}

fn model(network: &Network) -> Model {
    let layers = network.layers();
    Model {
        weights: layers.iter().map(|l| l.weights().to_vec()).collect(),
        biases: layers
            .iter()
            .map(|l| l.bias().as_slice().to_vec())
            .collect(),
        shared: layers.iter().map(|l| l.bias().is_shared()).collect(),
    }
}

/// a₁ + a₂ + …, left to right.
fn added(terms: impl IntoIterator<Item = f64>) -> f64 {
    let mut terms = terms.into_iter();
    let first = terms.next().unwrap_or(0.0);
    terms.fold(first, |acc, t| acc + t)
}

fn activate(f: Activation, nets: &[f64]) -> Vec<f64> {
    let one = |n: f64| match f {
        Activation::Sigmoid => 1.0 / (1.0 + (-n).exp()),
        Activation::Tanh => n.tanh(),
        Activation::Relu => {
            if n <= 0.0 {
                0.0
            } else {
                n
            }
        }
        Activation::Identity => n,
        Activation::Softmax => unreachable!(),
    };
    if f != Activation::Softmax {
        return nets.iter().map(|&n| one(n)).collect();
    }
    let exps: Vec<f64> = nets.iter().map(|n| n.exp()).collect();
    let total = added(exps.iter().copied());
    if total.is_finite() && total > 0.0 {
        return exps.iter().map(|e| e / total).collect();
    }
    let max = nets.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let shifted: Vec<f64> = nets.iter().map(|n| (n - max).exp()).collect();
    let total = added(shifted.iter().copied());
    shifted.iter().map(|e| e / total).collect()
}

/// upstream · f′, multiplied as the documents write it.
fn chain(f: Activation, upstream: f64, out: f64) -> f64 {
    match f {
        Activation::Sigmoid | Activation::Softmax => upstream * out * (1.0 - out),
        Activation::Tanh => upstream * (1.0 - out * out),
        Activation::Relu => upstream * if out > 0.0 { 1.0 } else { 0.0 },
        Activation::Identity => upstream * 1.0,
    }
}

/// The values of every layer of one example: its inputs, then each layer's outs.
fn forward(network: &Network, m: &Model, inputs: &[f64]) -> Vec<Vec<f64>> {
    let mut values = vec![inputs.to_vec()];
    for (l, layer) in network.layers().iter().enumerate() {
        let x = values.last().unwrap();
        let nets: Vec<f64> = (m.weights[l].iter().enumerate())
            .map(|(j, row)| {
                let sum = added(row.iter().zip(x).map(|(w, x)| w * x));
                match m.biases[l].len() {
                    0 => sum,
                    1 => sum + m.biases[l][0] * 1.0,
                    _ => sum + m.biases[l][j] * 1.0,
                }
            })
            .collect();
        values.push(activate(layer.activation(), &nets));
    }
    values
}

fn example_error(network: &Network, out: &[f64], targets: &[f64]) -> f64 {
    let n = out.len() as f64;
    let softmax = network.output().activation() == Activation::Softmax;
    added(
        out.iter()
            .zip(targets)
            .map(|(&o, &t)| match network.loss() {
                Loss::HalfSquaredError => 0.5 * (t - o) * (t - o),
                Loss::SquaredError => (t - o) * (t - o),
                Loss::MeanSquaredError => (t - o) * (t - o) / n,
                Loss::CrossEntropy => {
                    let positive = if t == 0.0 { 0.0 } else { t * o.ln() };
                    let negative = if softmax || t == 1.0 {
                        0.0
                    } else {
                        (1.0 - t) * (1.0 - o).ln()
                    };
                    -(positive + negative)
                }
            }),
    )
}

/// E_total and every example's values.
fn total_error(network: &Network, m: &Model) -> (f64, Vec<Vec<Vec<f64>>>) {
    let examples: Vec<_> = (0..network.examples())
        .map(|e| forward(network, m, network.inputs_of(e)))
        .collect();
    let errors = (examples.iter().enumerate())
        .map(|(e, v)| example_error(network, v.last().unwrap(), network.targets_of(e)));
    let sum = added(errors);
    let mean = match examples.len() {
        1 => sum,
        count => sum / count as f64,
    };
    let total = match network.weight_decay() {
        Some(lambda) => {
            let squares = m.weights.iter().flatten().flatten().map(|w| w * w);
            mean + lambda / 2.0 * added(squares)
        }
        None => mean,
    };
    (total, examples)
}

/// δ of every neuron of one example, layer by layer, with the weights before the update.
fn deltas(network: &Network, m: &Model, values: &[Vec<f64>], targets: &[f64]) -> Vec<Vec<f64>> {
    let layers = network.layers();
    let last = layers.len() - 1;
    let out = &values[last + 1];
    let n = out.len() as f64;
    let output: Vec<f64> = (out.iter().zip(targets))
        .map(|(&o, &t)| {
            let d_out = match network.loss() {
                Loss::CrossEntropy => return o - t,
                Loss::HalfSquaredError => o - t,
                Loss::SquaredError => 2.0 * (o - t),
                Loss::MeanSquaredError => 2.0 * (o - t) / n,
            };
            chain(layers[last].activation(), d_out, o)
        })
        .collect();
    let mut deltas = vec![output];
    for l in (0..last).rev() {
        let after = deltas.last().unwrap();
        let delta = (values[l + 1].iter().enumerate())
            .map(|(j, &o)| {
                let upstream = added(
                    after
                        .iter()
                        .zip(&m.weights[l + 1])
                        .map(|(d, row)| d * row[j]),
                );
                chain(layers[l].activation(), upstream, o)
            })
            .collect();
        deltas.push(delta);
    }
    deltas.reverse();
    deltas
}

/// One step of gradient descent on the examples' mean gradient (plus λ·w with decay).
fn step(network: &Network, m: &mut Model, examples: &[Vec<Vec<f64>>]) {
    let count = examples.len();
    let (mut grad_w, mut grad_b) = (Vec::new(), Vec::new());
    for (e, values) in examples.iter().enumerate() {
        let deltas = deltas(network, m, values, network.targets_of(e));
        let w: Vec<Vec<Vec<f64>>> = (deltas.iter().zip(values))
            .map(|(delta, x)| {
                delta
                    .iter()
                    .map(|d| x.iter().map(|x| d * x).collect())
                    .collect()
            })
            .collect();
        let b: Vec<Vec<f64>> = (deltas.iter().enumerate())
            .map(|(l, delta)| match (m.biases[l].len(), m.shared[l]) {
                (0, _) => vec![],
                (_, true) => vec![added(delta.iter().copied())],
                (_, false) => delta.iter().map(|d| d * 1.0).collect(),
            })
            .collect();
        grad_w.push(w);
        grad_b.push(b);
    }
    let mean = |of: &dyn Fn(usize) -> f64| {
        let sum = added((0..count).map(of));
        if count == 1 { sum } else { sum / count as f64 }
    };
    let eta = network.learning_rate();
    for (l, layer) in m.weights.iter_mut().enumerate() {
        for (j, row) in layer.iter_mut().enumerate() {
            for (k, w) in row.iter_mut().enumerate() {
                let g = mean(&|e| grad_w[e][l][j][k]);
                let g = match network.weight_decay() {
                    Some(lambda) => g + lambda * *w,
                    None => g,
                };
                *w -= eta * g;
            }
        }
    }
    if network.update_biases() {
        for (l, biases) in m.biases.iter_mut().enumerate() {
            for (i, b) in biases.iter_mut().enumerate() {
                *b -= eta * mean(&|e| grad_b[e][l][i]);
            }
        }
    }
}

/// (checkpoints, curve, outputs) of `steps` steps, as `--steps` records them.
pub type Run = (Vec<(usize, f64)>, Vec<(usize, f64)>, Vec<f64>);

pub fn train(network: &Network, steps: usize) -> Run {
    let mut m = model(network);
    let stride = steps.div_ceil(200).max(1);
    let (mut checkpoints, mut curve) = (Vec::new(), Vec::new());
    let mut power = 1;
    for s in 0..=steps {
        let (total, examples) = total_error(network, &m);
        assert!(total.is_finite(), "this test trains runs that converge");
        if s == power || s == steps {
            checkpoints.push((s, total));
            power *= 10;
        }
        if s % stride == 0 || s == steps {
            curve.push((s, total));
        }
        if s == steps {
            return (checkpoints, curve, examples[0].last().unwrap().clone());
        }
        step(network, &mut m, &examples);
    }
    unreachable!()
}
