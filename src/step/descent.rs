//! Gradient descent as `--steps` runs it: the step of [`super::workspace`] with every number kept as
//! f64 computes it and nothing given, operation for operation (so bit for bit), in flat buffers that
//! keep only what a training run reads: each example's outs and E_total. The weights and biases live
//! in one contiguous buffer each; one pass over a layer's weights takes both the sums Σₖ δₖ·wₖⱼ of the
//! layer below (with the weight before its update) and the weight's gradient, which one example
//! without decay applies at once, in place. Each layer's activation and the loss are matched once a
//! layer ([`kernels`]), never per neuron; nothing is allocated per step.

mod kernels;

use crate::activation::Activation;
use crate::loss::Loss;
use crate::network::{Bias, Network};
use kernels::{backward_layer, bias_gradient, chain, descend, error, forward, output_deltas};

/// How a layer's biases are laid out: none, one shared, or one per neuron.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Biases {
    None,
    Shared,
    PerNeuron,
}

/// Where one layer's numbers live in the flat buffers.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// Its neurons.
    width: usize,
    /// The inputs of each neuron (the width of the layer before).
    fan_in: usize,
    /// Its first weight in `Descent::weights`; neuron j's row starts `j * fan_in` after it.
    weights: usize,
    /// Its first bias in `Descent::biases`.
    biases: usize,
    /// How many biases it has, and how they are shared.
    kind: Biases,
    /// Its first neuron in an example's values (after the inputs and the layers before), and in
    /// `Descent::delta`; its inputs are the `fan_in` values before it.
    neurons: usize,
    /// The function of its neurons.
    activation: Activation,
}

impl Shape {
    fn weights(&self) -> std::ops::Range<usize> {
        self.weights..self.weights + self.width * self.fan_in
    }

    fn biases(&self) -> std::ops::Range<usize> {
        let count = match self.kind {
            Biases::None => 0,
            Biases::Shared => 1,
            Biases::PerNeuron => self.width,
        };
        self.biases..self.biases + count
    }

    fn neurons(&self) -> std::ops::Range<usize> {
        self.neurons..self.neurons + self.width
    }

    fn inputs(&self) -> std::ops::Range<usize> {
        self.neurons - self.fan_in..self.neurons
    }
}

/// What a step does with each gradient as it is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Use {
    /// Updates the parameter at once: one example without decay.
    Descend,
    /// Starts the sums with the gradient (the first example of a batch, or one example with decay).
    Start,
    /// Adds the gradient to the sums (each later example of a batch).
    Add,
}

/// A network being trained, in flat buffers.
#[derive(Debug, Clone)]
pub(crate) struct Descent {
    shapes: Vec<Shape>,
    /// Every weight, layer after layer, each layer's rows one after the other.
    weights: Vec<f64>,
    /// Every bias, layer after layer.
    biases: Vec<f64>,
    learning_rate: f64,
    loss: Loss,
    weight_decay: Option<f64>,
    update_biases: bool,
    /// The examples' targets, one row after the other.
    targets: Vec<f64>,
    /// How many examples the batch has.
    examples: usize,
    /// Each example's values, `values` of them an example: its inputs, then the outs of every layer.
    outs: Vec<f64>,
    /// The values of an example.
    values: usize,
    /// δ of every neuron (placed as in an example's values), for the example whose backward pass runs.
    delta: Vec<f64>,
    /// The nets of a softmax layer.
    net: Vec<f64>,
    /// For a batch or weight decay: the sum over the examples of ∂E/∂w (one example's own).
    sum_w: Vec<f64>,
    /// For a batch or weight decay: the sum over the examples of ∂E/∂b (one example's own).
    sum_b: Vec<f64>,
}

impl Descent {
    /// The flat buffers of `network`, its weights and biases copied in.
    pub(crate) fn new(network: &Network) -> Descent {
        let (mut shapes, mut weights, mut biases) = (Vec::new(), Vec::new(), Vec::new());
        let mut values = network.layers[0].fan_in();
        for layer in &network.layers {
            let kind = match layer.bias {
                Bias::None => Biases::None,
                Bias::Shared(_) => Biases::Shared,
                Bias::PerNeuron(_) => Biases::PerNeuron,
            };
            shapes.push(Shape {
                width: layer.width(),
                fan_in: layer.fan_in(),
                weights: weights.len(),
                biases: biases.len(),
                kind,
                neurons: values,
                activation: layer.activation,
            });
            weights.extend(layer.weights.iter().flatten());
            biases.extend_from_slice(layer.bias.as_slice());
            values += layer.width();
        }
        let mut outs = vec![0.0; network.inputs.len() * values];
        for (example, inputs) in outs.chunks_exact_mut(values).zip(&network.inputs) {
            example[..inputs.len()].copy_from_slice(inputs);
        }
        Descent {
            sum_w: vec![0.0; weights.len()],
            sum_b: vec![0.0; biases.len()],
            net: vec![0.0; shapes.iter().map(|s| s.width).max().unwrap_or(0)],
            shapes,
            weights,
            biases,
            learning_rate: network.learning_rate,
            loss: network.loss,
            weight_decay: network.weight_decay,
            update_biases: network.update_biases,
            targets: network.targets.concat(),
            examples: network.inputs.len(),
            outs,
            values,
            delta: vec![0.0; values],
        }
    }

    /// The forward pass of every example and E_total: the mean of the examples' errors (one example's
    /// own), plus (λ/2) Σ w² with weight decay.
    pub(crate) fn total_error(&mut self) -> f64 {
        let mut error_sum = 0.0;
        for e in 0..self.examples {
            let error = self.forward(e);
            error_sum = if e == 0 { error } else { error_sum + error };
        }
        let mean = match self.examples {
            1 => error_sum,
            m => error_sum / m as f64,
        };
        match self.weight_decay {
            Some(lambda) => {
                let mut squares = self.weights.iter().map(|w| w * w);
                let first = squares.next().unwrap_or(0.0);
                mean + lambda / 2.0 * squares.fold(first, |acc, t| acc + t)
            }
            None => mean,
        }
    }

    /// The forward pass of example `e` and its error.
    fn forward(&mut self, e: usize) -> f64 {
        let values = &mut self.outs[e * self.values..(e + 1) * self.values];
        for shape in &self.shapes {
            let (before, rest) = values.split_at_mut(shape.neurons);
            let parameters = (&self.weights[shape.weights()], &self.biases[shape.biases()]);
            let x = &before[shape.inputs()];
            forward(
                shape,
                parameters,
                x,
                &mut rest[..shape.width],
                &mut self.net,
            );
        }
        let last = &self.shapes[self.shapes.len() - 1];
        let targets = &self.targets[e * last.width..(e + 1) * last.width];
        let softmax = last.activation == Activation::Softmax;
        error(self.loss, &values[last.neurons()], targets, softmax)
    }

    /// The outs of the output layer of the first example, after [`Descent::total_error`].
    pub(crate) fn outputs(&self) -> &[f64] {
        let last = &self.shapes[self.shapes.len() - 1];
        &self.outs[last.neurons()]
    }

    /// The backward pass of every example after [`Descent::total_error`] and the update of every
    /// weight (and bias, when the network updates them): w⁺ = w − η·∂E/∂w, with the mean gradient
    /// over a batch and λ·w added with weight decay.
    pub(crate) fn step(&mut self) {
        if self.examples == 1 && self.weight_decay.is_none() {
            return self.backward(0, Use::Descend);
        }
        for e in 0..self.examples {
            self.backward(e, if e == 0 { Use::Start } else { Use::Add });
        }
        let rate = (self.learning_rate, self.examples);
        descend(&mut self.weights, &self.sum_w, rate, self.weight_decay);
        if self.update_biases {
            descend(&mut self.biases, &self.sum_b, rate, None);
        }
    }

    /// δ of every neuron of example `e` from the output layer back, with the weights before the
    /// update, and each weight's (and bias's) gradient used as `use_` says.
    fn backward(&mut self, e: usize, use_: Use) {
        let values = &self.outs[e * self.values..(e + 1) * self.values];
        let last = &self.shapes[self.shapes.len() - 1];
        let targets = &self.targets[e * last.width..(e + 1) * last.width];
        let softmax = last.activation == Activation::Softmax;
        let example = (&values[last.neurons()], targets);
        output_deltas(
            self.loss,
            last.activation,
            softmax,
            example,
            &mut self.delta[last.neurons()],
        );
        let eta = self.learning_rate;
        for (l, shape) in self.shapes.iter().enumerate().rev() {
            let (lower, upper) = self.delta.split_at_mut(shape.neurons);
            let delta = &upper[..shape.width];
            let below = l.checked_sub(1).map(|b| &self.shapes[b]);
            let up = below.map(|b| &mut lower[b.neurons()]);
            let weights = &mut self.weights[shape.weights()];
            let x = &values[shape.inputs()];
            match use_ {
                Use::Descend => backward_layer(weights, (delta, x), up, |_, w, g| *w -= eta * g),
                Use::Start => {
                    let sums = &mut self.sum_w[shape.weights()];
                    backward_layer(weights, (delta, x), up, |i, _, g| sums[i] = g)
                }
                Use::Add => {
                    let sums = &mut self.sum_w[shape.weights()];
                    backward_layer(weights, (delta, x), up, |i, _, g| sums[i] += g)
                }
            }
            if self.update_biases {
                let (biases, sums) = (
                    &mut self.biases[shape.biases()],
                    &mut self.sum_b[shape.biases()],
                );
                match use_ {
                    Use::Descend => bias_gradient(shape.kind, delta, biases, |b, g| *b -= eta * g),
                    Use::Start => bias_gradient(shape.kind, delta, sums, |s, g| *s = g),
                    Use::Add => bias_gradient(shape.kind, delta, sums, |s, g| *s += g),
                }
            }
            if let Some(below) = below {
                chain(below.activation, &mut lower[below.neurons()], x);
            }
        }
    }
}
