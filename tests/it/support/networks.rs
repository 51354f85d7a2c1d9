//! Proptest strategies for valid networks, shared by the property tests: a layer of any activation with
//! a shared or per-neuron bias, and a network of given layer widths, each number drawn from `value`.
#![allow(dead_code)]

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use proptest::prelude::*;

/// Any of the four activations.
pub fn activation() -> impl Strategy<Value = Activation> {
    prop_oneof![
        Just(Activation::Sigmoid),
        Just(Activation::Tanh),
        Just(Activation::Relu),
        Just(Activation::Identity)
    ]
}

/// A layer of `width` neurons of `fan_in` inputs each.
pub fn layer(
    value: BoxedStrategy<f64>,
    width: usize,
    fan_in: usize,
) -> impl Strategy<Value = Layer> {
    let weights = prop::collection::vec(prop::collection::vec(value.clone(), fan_in), width);
    let bias = prop_oneof![
        value.clone().prop_map(Bias::Shared),
        prop::collection::vec(value, width).prop_map(Bias::PerNeuron)
    ];
    (weights, bias, activation()).prop_map(|(weights, bias, activation)| Layer {
        weights,
        bias,
        activation,
    })
}

/// A network of layer widths `widths` (the inputs first), targets in [0, 1).
pub fn network(
    value: BoxedStrategy<f64>,
    widths: Vec<usize>,
    update_biases: bool,
    learning_rate: f64,
) -> impl Strategy<Value = Network> {
    let layers: Vec<_> = (widths.windows(2))
        .map(|w| layer(value.clone(), w[1], w[0]))
        .collect();
    let outputs = *widths.last().expect("an output layer");
    (
        prop::collection::vec(value, widths[0]),
        prop::collection::vec(0.0..1.0f64, outputs),
        layers,
    )
        .prop_map(move |(inputs, targets, layers)| Network {
            title: None,
            author: None,
            date: None,
            update_biases,
            defaults: Default::default(),
            learning_rate,
            inputs,
            targets,
            layers,
        })
}
