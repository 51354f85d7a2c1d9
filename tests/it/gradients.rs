//! Every backpropagated ∂E/∂w and ∂E/∂b against a central finite difference of E_total, for random
//! networks (proptest): 1–3 hidden layers of widths 1–5, every activation, shared or per-neuron
//! biases. The difference quotient is the five-point central stencil
//! (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h with h = 1e-3, written here independently of the library's.

use handprop::Trace;
use handprop::activation::Activation;
use handprop::network::Bias;
use proptest::prelude::*;

use crate::support::networks::{self, Plain};

fn total_error(network: &Plain) -> f64 {
    Trace::new(&network.build()).total_error
}

fn central_difference(network: &Plain, nudge: impl Fn(&mut Plain, f64)) -> f64 {
    let h = 1e-3;
    let error_at = |shift: f64| {
        let mut moved = network.clone();
        nudge(&mut moved, shift);
        total_error(&moved)
    };
    (error_at(-2.0 * h) - 8.0 * error_at(-h) + 8.0 * error_at(h) - error_at(2.0 * h)) / (12.0 * h)
}

/// Relative 1e-6, plus an absolute 1e-12·max(1, E_total) for gradients that are zero up to rounding:
/// the stencil's own rounding error is about 1.5·ε·E_total/h ≈ 3.3e-13·E_total.
fn agree(backprop: f64, numeric: f64, total_error: f64) -> bool {
    (backprop - numeric).abs() <= 1e-6 * backprop.abs() + 1e-12 * total_error.max(1.0)
}

fn value() -> BoxedStrategy<f64> {
    (-1.0..1.0f64).boxed()
}

fn network() -> impl Strategy<Value = Plain> {
    (prop::collection::vec(1..=5usize, 3..=5), 0.05..2.0f64).prop_flat_map(
        |(widths, learning_rate)| networks::plain(value(), widths, false, learning_rate),
    )
}

/// True when no ReLU neuron is within reach of its kink at net = 0 (where no derivative exists).
fn away_from_relu_kinks(network: &Plain, trace: &Trace) -> bool {
    network.layers.iter().zip(&trace.layers).all(|(layer, t)| {
        layer.activation != Activation::Relu || t.neurons.iter().all(|n| n.net.abs() > 0.05)
    })
}

proptest! {
    #[test]
    fn every_gradient_matches_a_central_difference(network in network()) {
        let trace = Trace::new(&network.build());
        prop_assume!(away_from_relu_kinks(&network, &trace));
        let e = trace.total_error;
        for (l, layer) in trace.layers.iter().enumerate() {
            for (j, neuron) in layer.neurons.iter().enumerate() {
                for (k, w) in neuron.weights.iter().enumerate() {
                    let backprop = w.grad;
                    let numeric = central_difference(&network, |n, h| n.layers[l].weights[j][k] += h);
                    prop_assert!(agree(backprop, numeric, e), "∂E/∂w, layer {l}, neuron {j}, input {k}: {backprop} vs {numeric}");
                }
            }
            for (n, b) in layer.biases.iter().enumerate() {
                let backprop = b.grad;
                let numeric = central_difference(&network, |net, h| match &mut net.layers[l].bias {
                    Bias::Shared(b) => *b += h,
                    Bias::PerNeuron(bs) => bs[n] += h,
                    _ => unreachable!("a layer with biases"),
                });
                prop_assert!(agree(backprop, numeric, e), "∂E/∂b, layer {l}, bias {n}: {backprop} vs {numeric}");
            }
        }
    }

    #[test]
    fn a_small_step_against_the_gradient_lowers_the_error(network in network(), biases in any::<bool>()) {
        let network = Plain { learning_rate: 1e-4, update_biases: biases, ..network };
        let trace = Trace::new(&network.build());
        let (before, after) = (trace.total_error, trace.total_error_after);
        prop_assert!(after <= before + 1e-15, "E_total went from {before} to {after}");
    }
}
