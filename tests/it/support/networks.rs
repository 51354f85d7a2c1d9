//! Proptest strategies for valid networks, shared by the property tests: a layer of any activation with
//! a shared or per-neuron bias, and a network of given layer widths, each number drawn from `value`.
//! A network is drawn as a [`Plain`] description (its numbers as plain fields, to nudge one in a finite
//! difference) and built through the library's checked constructors.
#![allow(dead_code)]

use handprop::activation::Activation;
use handprop::network::{Bias, Layer, Network};
use proptest::prelude::*;

/// A layer's numbers.
#[derive(Debug, Clone)]
pub struct PlainLayer {
    pub weights: Vec<Vec<f64>>,
    pub bias: Bias,
    pub activation: Activation,
}

/// A network's numbers.
#[derive(Debug, Clone)]
pub struct Plain {
    pub learning_rate: f64,
    pub inputs: Vec<f64>,
    pub targets: Vec<f64>,
    pub layers: Vec<PlainLayer>,
    pub update_biases: bool,
}

impl Plain {
    /// The library's network of these numbers.
    pub fn build(&self) -> Network {
        let layers = (self.layers.iter())
            .map(|l| Layer::new(l.weights.clone(), l.bias.clone(), l.activation).unwrap())
            .collect();
        let (inputs, targets) = (self.inputs.clone(), self.targets.clone());
        Network::new(
            self.learning_rate,
            inputs,
            targets,
            layers,
            self.update_biases,
        )
        .unwrap()
    }
}

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
) -> impl Strategy<Value = PlainLayer> {
    let weights = prop::collection::vec(prop::collection::vec(value.clone(), fan_in), width);
    let bias = prop_oneof![
        value.clone().prop_map(Bias::Shared),
        prop::collection::vec(value, width).prop_map(Bias::PerNeuron)
    ];
    (weights, bias, activation()).prop_map(|(weights, bias, activation)| PlainLayer {
        weights,
        bias,
        activation,
    })
}

/// A network of layer widths `widths` (the inputs first), targets in [0, 1), as plain numbers.
pub fn plain(
    value: BoxedStrategy<f64>,
    widths: Vec<usize>,
    update_biases: bool,
    learning_rate: f64,
) -> impl Strategy<Value = Plain> {
    let layers: Vec<_> = (widths.windows(2))
        .map(|w| layer(value.clone(), w[1], w[0]))
        .collect();
    let outputs = *widths.last().expect("an output layer");
    (
        prop::collection::vec(value, widths[0]),
        prop::collection::vec(0.0..1.0f64, outputs),
        layers,
    )
        .prop_map(move |(inputs, targets, layers)| Plain {
            update_biases,
            learning_rate,
            inputs,
            targets,
            layers,
        })
}

/// A network of layer widths `widths` (the inputs first), targets in [0, 1).
pub fn network(
    value: BoxedStrategy<f64>,
    widths: Vec<usize>,
    update_biases: bool,
    learning_rate: f64,
) -> impl Strategy<Value = Network> {
    plain(value, widths, update_biases, learning_rate).prop_map(|plain| plain.build())
}
