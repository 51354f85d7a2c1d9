//! The loops of [`super::Descent`] over one layer: each matches the layer's activation (or the loss)
//! once, outside its loop, and runs the arithmetic of [`crate::step::workspace`] in the same order.

use super::{Biases, Shape};
use crate::activation::Activation;
use crate::loss::Loss;
use crate::step::workspace::{sum, sum_products};

/// The outs of layer `shape` from its inputs `x`, with its `(weights, biases)`: f(w·x + b·1) of each
/// neuron; in a softmax layer each e^net over their sum (each e^(net − max) over theirs when that sum
/// is not a positive finite number), its nets kept in `net`.
#[inline(never)]
pub(super) fn forward(
    shape: &Shape,
    parameters: (&[f64], &[f64]),
    x: &[f64],
    out: &mut [f64],
    net: &mut [f64],
) {
    let (weights, biases) = parameters;
    match shape.activation {
        Activation::Sigmoid => dense(weights, biases, x, out, |n| Activation::Sigmoid.apply(n)),
        Activation::Tanh => dense(weights, biases, x, out, |n| Activation::Tanh.apply(n)),
        Activation::Relu => dense(weights, biases, x, out, |n| Activation::Relu.apply(n)),
        Activation::Identity => dense(weights, biases, x, out, |n| Activation::Identity.apply(n)),
        Activation::Softmax => {
            let net = &mut net[..out.len()];
            dense(weights, biases, x, net, |n| n);
            softmax(net, out);
        }
    }
}

/// f(w₁·x₁ + w₂·x₂ + … + b·1) of each row of `weights` (rows of `x.len()`), with no bias, one shared
/// or one a row.
#[inline(always)]
fn dense(weights: &[f64], biases: &[f64], x: &[f64], out: &mut [f64], f: impl Fn(f64) -> f64) {
    let n = x.len();
    let row = |j: usize| &weights[j * n..(j + 1) * n];
    match biases {
        [] => {
            for (j, o) in out.iter_mut().enumerate() {
                *o = f(sum_products(row(j), x));
            }
        }
        [b] => {
            for (j, o) in out.iter_mut().enumerate() {
                *o = f(sum_products(row(j), x) + b * 1.0);
            }
        }
        _ => {
            for ((j, o), b) in out.iter_mut().enumerate().zip(biases) {
                *o = f(sum_products(row(j), x) + b * 1.0);
            }
        }
    }
}

/// e^net of each net over their sum; with the largest net taken out of every exponent when the sum
/// is not a positive finite number.
fn softmax(net: &[f64], out: &mut [f64]) {
    for (o, &n) in out.iter_mut().zip(net) {
        *o = n.exp();
    }
    let total = sum(out);
    if !(total.is_finite() && total > 0.0) {
        let max = net.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        for (o, n) in out.iter_mut().zip(net) {
            *o = (n - max).exp();
        }
        let total = sum(out);
        for o in out.iter_mut() {
            *o /= total;
        }
        return;
    }
    for o in out.iter_mut() {
        *o /= total;
    }
}

/// An example's error under `loss`: the errors of its outputs `out` against `targets`, added left to
/// right.
pub(super) fn error(loss: Loss, out: &[f64], targets: &[f64], softmax: bool) -> f64 {
    let n = out.len();
    let pairs = (out, targets);
    match loss {
        Loss::HalfSquaredError => {
            added(pairs, |t, o| Loss::HalfSquaredError.error(t, o, n, softmax))
        }
        Loss::SquaredError => added(pairs, |t, o| Loss::SquaredError.error(t, o, n, softmax)),
        Loss::MeanSquaredError => {
            added(pairs, |t, o| Loss::MeanSquaredError.error(t, o, n, softmax))
        }
        Loss::CrossEntropy => added(pairs, |t, o| Loss::CrossEntropy.error(t, o, n, softmax)),
    }
}

/// f(target, out) of each output, added left to right from the first.
#[inline(always)]
fn added(pairs: (&[f64], &[f64]), f: impl Fn(f64, f64) -> f64) -> f64 {
    let (out, targets) = pairs;
    let mut terms = out.iter().zip(targets).map(|(&o, &t)| f(t, o));
    let first = terms.next().unwrap_or(0.0);
    terms.fold(first, |acc, t| acc + t)
}

/// δ of each output neuron from its `(out, target)`: out − target with cross-entropy, else
/// ∂E/∂out chained through the activation.
#[inline(never)]
pub(super) fn output_deltas(
    loss: Loss,
    activation: Activation,
    softmax: bool,
    example: (&[f64], &[f64]),
    delta: &mut [f64],
) {
    let (out, targets) = example;
    let n = out.len();
    let pairs = delta.iter_mut().zip(out.iter().zip(targets));
    match loss {
        Loss::CrossEntropy => {
            for (d, (&o, &t)) in pairs {
                *d = o - t;
            }
            return;
        }
        Loss::HalfSquaredError => {
            for (d, (&o, &t)) in pairs {
                *d = Loss::HalfSquaredError.d_out(t, o, n, softmax);
            }
        }
        Loss::SquaredError => {
            for (d, (&o, &t)) in pairs {
                *d = Loss::SquaredError.d_out(t, o, n, softmax);
            }
        }
        Loss::MeanSquaredError => {
            for (d, (&o, &t)) in pairs {
                *d = Loss::MeanSquaredError.d_out(t, o, n, softmax);
            }
        }
    }
    chain(activation, delta, out);
}

/// One pass over a layer's `weights` (rows of `x.len()`) with `(δ, x)`: each weight's row k first
/// gives the sums `up` of the layer below, if any, δₖ·wₖⱼ added left to right over k (the weight before
/// any change), then `visit(index, weight, δₖ·xⱼ)` takes the weight's gradient.
#[inline(never)]
pub(super) fn backward_layer(
    weights: &mut [f64],
    layer: (&[f64], &[f64]),
    mut up: Option<&mut [f64]>,
    mut visit: impl FnMut(usize, &mut f64, f64),
) {
    let (delta, x) = layer;
    let fan_in = x.len();
    for (k, &d) in delta.iter().enumerate() {
        let start = k * fan_in;
        let row = weights[start..start + fan_in].iter_mut().zip(x).enumerate();
        match up.as_deref_mut() {
            Some(up) if k == 0 => {
                for ((j, (w, &xj)), u) in row.zip(up) {
                    *u = d * *w;
                    visit(start + j, w, d * xj);
                }
            }
            Some(up) => {
                for ((j, (w, &xj)), u) in row.zip(up) {
                    *u += d * *w;
                    visit(start + j, w, d * xj);
                }
            }
            None => {
                for (j, (w, &xj)) in row {
                    visit(start + j, w, d * xj);
                }
            }
        }
    }
}

/// Each upstream ∂E/∂out in `delta` times f′(net), from `out`: δ.
#[inline(never)]
pub(super) fn chain(activation: Activation, delta: &mut [f64], out: &[f64]) {
    let pairs = delta.iter_mut().zip(out);
    match activation {
        Activation::Sigmoid => pairs.for_each(|(d, &o)| *d = Activation::Sigmoid.chain(*d, o)),
        Activation::Tanh => pairs.for_each(|(d, &o)| *d = Activation::Tanh.chain(*d, o)),
        Activation::Relu => pairs.for_each(|(d, &o)| *d = Activation::Relu.chain(*d, o)),
        Activation::Identity => pairs.for_each(|(d, &o)| *d = Activation::Identity.chain(*d, o)),
        Activation::Softmax => pairs.for_each(|(d, &o)| *d = Activation::Softmax.chain(*d, o)),
    }
}

/// Each parameter updated from the sum of its gradients over the `examples` (their mean: the sum over
/// their number; one example's own) plus, with `decay` λ, λ·w: p⁺ = p − η·∂E/∂p.
pub(super) fn descend(
    parameters: &mut [f64],
    sums: &[f64],
    rate: (f64, usize),
    decay: Option<f64>,
) {
    let (eta, examples) = rate;
    let m = examples as f64;
    let mean = |s: f64| if examples == 1 { s } else { s / m };
    let pairs = parameters.iter_mut().zip(sums);
    match decay {
        Some(lambda) => pairs.for_each(|(p, &s)| *p = *p - eta * (mean(s) + lambda * *p)),
        None => pairs.for_each(|(p, &s)| *p -= eta * mean(s)),
    }
}

/// Calls `with` on each bias number and its ∂E/∂b from the layer's `delta`: the sum of δ (left to
/// right) for a shared bias, δ·1 for a neuron's own.
#[inline(always)]
pub(super) fn bias_gradient(
    kind: Biases,
    delta: &[f64],
    biases: &mut [f64],
    with: impl Fn(&mut f64, f64),
) {
    match kind {
        Biases::None => {}
        Biases::Shared => with(&mut biases[0], sum(delta)),
        Biases::PerNeuron => {
            for (b, &d) in biases.iter_mut().zip(delta) {
                with(b, d * 1.0);
            }
        }
    }
}
