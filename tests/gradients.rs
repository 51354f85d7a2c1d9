//! Every backpropagated ∂E/∂w against a central finite difference of E_total, for random networks of
//! widths 1–5 (proptest). The difference quotient is the five-point central stencil
//! (f(−2h) − 8f(−h) + 8f(h) − f(2h)) / 12h with h = 1e-3, whose error (~h⁴) is far below the bound.

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use proptest::prelude::*;

fn central_difference(network: &Network, l: usize, j: usize, k: usize) -> f64 {
    let h = 1e-3;
    let error_at = |shift: f64| {
        let mut moved = network.clone();
        moved.layers[l].weights[j][k] += shift;
        moved.total_error()
    };
    (error_at(-2.0 * h) - 8.0 * error_at(-h) + 8.0 * error_at(h) - error_at(2.0 * h)) / (12.0 * h)
}

fn value() -> impl Strategy<Value = f64> {
    -1.0..1.0f64
}

fn layer(width: usize, fan_in: usize, shared: bool) -> impl Strategy<Value = Layer> {
    let weights = prop::collection::vec(prop::collection::vec(value(), fan_in), width);
    let bias = if shared {
        value().prop_map(Bias::Shared).boxed()
    } else {
        prop::collection::vec(value(), width)
            .prop_map(Bias::PerNeuron)
            .boxed()
    };
    (weights, bias).prop_map(|(weights, bias)| Layer {
        weights,
        bias,
        activation: Activation::Sigmoid,
    })
}

fn network() -> impl Strategy<Value = Network> {
    (
        1..=5usize,
        1..=5usize,
        1..=5usize,
        any::<bool>(),
        0.05..2.0f64,
    )
        .prop_flat_map(|(inputs, hidden, outputs, shared, learning_rate)| {
            (
                prop::collection::vec(value(), inputs),
                prop::collection::vec(0.0..1.0f64, outputs),
                layer(hidden, inputs, shared),
                layer(outputs, hidden, !shared),
            )
                .prop_map(move |(inputs, targets, hidden, output)| Network {
                    title: None,
                    learning_rate,
                    inputs,
                    targets,
                    layers: vec![hidden, output],
                })
        })
}

proptest! {
    #[test]
    fn every_gradient_matches_a_central_difference(network in network()) {
        let values = network.forward();
        let grads = network.backward(&values);
        for (l, layer) in network.layers.iter().enumerate() {
            for j in 0..layer.width() {
                for k in 0..layer.weights[j].len() {
                    let backprop = grads[l].weights[j][k];
                    let numeric = central_difference(&network, l, j, k);
                    // Relative 1e-6; gradients below 1e-7 are compared absolutely (to 1e-13), since a
                    // relative bound means nothing for a gradient that is zero up to rounding.
                    let bound = 1e-6 * backprop.abs().max(1e-7);
                    prop_assert!(
                        (backprop - numeric).abs() <= bound,
                        "∂E/∂w of layer {l}, neuron {j}, input {k}: backprop {backprop}, central difference {numeric}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_small_step_against_the_gradient_lowers_the_error(network in network()) {
        let network = Network { learning_rate: 1e-3, ..network };
        let values = network.forward();
        let grads = network.backward(&values);
        let before = network.total_error();
        let after = network.updated(&grads).total_error();
        prop_assert!(after <= before + 1e-15, "E_total went from {before} to {after}");
    }
}
