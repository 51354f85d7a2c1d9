//! A dense feed-forward network and one step of gradient descent, in plain f64.
//!
//! The arithmetic is the seed's, operation for operation, so that its numbers come out digit for digit:
//! sums run left to right starting with the first term (`w₁·i₁ + w₂·i₂ + b·1`), the chain rule multiplies
//! left to right (`(out − target) · out · (1 − out) · out_h`), and the hidden layers' gradients use the
//! weights as they were before the update.
//!
//! Each `…_carried` method takes a [`Carry`], applied to every number the worked solution prints,
//! right after it is computed and before it is used: rounding to the printed digits, for exercises
//! checked by hand with a calculator (`--carry-rounded`). The plain methods carry with [`exact`], the
//! identity, so their results are the same to the last bit.

use crate::activation::Activation;

/// A network with its training example and learning rate: everything one step needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    /// The document's title, when the network file gives one.
    pub title: Option<String>,
    /// The document's author, when the network file gives one.
    pub author: Option<String>,
    /// The document's date (any text), when the network file gives one.
    pub date: Option<String>,
    /// η, the step size of gradient descent.
    pub learning_rate: f64,
    /// The input values i₁, i₂, …
    pub inputs: Vec<f64>,
    /// The target of each output neuron.
    pub targets: Vec<f64>,
    /// The hidden layers, then the output layer.
    pub layers: Vec<Layer>,
    /// Whether a step also updates the biases (the seed does not).
    pub update_biases: bool,
    /// How the network file asks its document to be written (its `[document]` table).
    pub defaults: crate::spec::Defaults,
}

/// One layer: a row of weights per neuron, one column per neuron (or input) of the layer before.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// `weights[j][k]` is the weight from neuron k of the layer before to neuron j of this layer.
    pub weights: Vec<Vec<f64>>,
    /// The bias of each neuron.
    pub bias: Bias,
    /// The activation function of every neuron of the layer.
    pub activation: Activation,
}

/// A layer's biases: one shared by all its neurons (as in the seed), or one per neuron.
#[derive(Debug, Clone, PartialEq)]
pub enum Bias {
    /// One bias for the whole layer.
    Shared(f64),
    /// One bias per neuron.
    PerNeuron(Vec<f64>),
}

impl Bias {
    /// Its numbers: the one shared bias, or one per neuron.
    pub fn as_slice(&self) -> &[f64] {
        match self {
            Bias::Shared(b) => std::slice::from_ref(b),
            Bias::PerNeuron(bs) => bs,
        }
    }

    /// Its numbers, to change them in place.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        match self {
            Bias::Shared(b) => std::slice::from_mut(b),
            Bias::PerNeuron(bs) => bs,
        }
    }

    /// The bias of neuron `j`.
    pub fn of(&self, j: usize) -> f64 {
        match self {
            Bias::Shared(b) => *b,
            Bias::PerNeuron(bs) => bs[j],
        }
    }
}

impl Layer {
    /// How many neurons the layer has.
    pub fn width(&self) -> usize {
        self.weights.len()
    }
}

/// net and out of every neuron of one layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerValues {
    /// Σ w·x + b of each neuron.
    pub net: Vec<f64>,
    /// f(net) of each neuron.
    pub out: Vec<f64>,
}

/// The gradients of one layer.
#[derive(Debug, Clone, PartialEq)]
pub struct LayerGradients {
    /// ∂E_total/∂out of each neuron.
    pub d_out: Vec<f64>,
    /// For a hidden layer, the terms of each ∂E_total/∂out: `d_out_terms[j][k]` = δₖ·wₖⱼ, through neuron k
    /// of the next layer. Empty for the output layer, whose ∂E/∂out is out − target.
    pub d_out_terms: Vec<Vec<f64>>,
    /// δ = ∂E_total/∂net of each neuron.
    pub delta: Vec<f64>,
    /// ∂E_total/∂w, shaped as the layer's weights.
    pub weights: Vec<Vec<f64>>,
    /// ∂E_total/∂b of each bias of the layer: δ of its neuron, or for a shared bias the sum of the
    /// layer's δ (one entry).
    pub bias: Vec<f64>,
}

/// What happens to each printed intermediate before it is used: [`exact`] keeps it as computed.
pub type Carry<'a> = &'a dyn Fn(f64) -> f64;

/// The identity: intermediates carried exactly.
pub fn exact(x: f64) -> f64 {
    x
}

impl Network {
    /// The forward pass: net and out of every layer, hidden layers first.
    pub fn forward(&self) -> Vec<LayerValues> {
        self.forward_carried(&exact)
    }

    /// The forward pass, each net and out passed through `carry`.
    pub fn forward_carried(&self, carry: Carry) -> Vec<LayerValues> {
        let mut values: Vec<LayerValues> = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let x = values.last().map_or(&self.inputs, |before| &before.out);
            let net: Vec<f64> = (0..layer.width())
                .map(|j| carry(net_input(&layer.weights[j], x, layer.bias.of(j))))
                .collect();
            let out = (net.iter())
                .map(|&n| carry(layer.activation.apply(n)))
                .collect();
            values.push(LayerValues { net, out });
        }
        values
    }

    /// E of each output neuron, ½ (target − out)².
    pub fn errors(&self, out: &[f64]) -> Vec<f64> {
        self.errors_carried(out, &exact)
    }

    /// E of each output neuron, each passed through `carry`.
    pub fn errors_carried(&self, out: &[f64], carry: Carry) -> Vec<f64> {
        self.targets
            .iter()
            .zip(out)
            .map(|(t, o)| carry(0.5 * (t - o) * (t - o)))
            .collect()
    }

    /// E_total after the forward pass: the sum of the output errors, left to right.
    pub fn total_error(&self) -> f64 {
        self.total_error_carried(&exact)
    }

    /// E_total, every intermediate and the sum passed through `carry`.
    pub fn total_error_carried(&self, carry: Carry) -> f64 {
        let values = self.forward_carried(carry);
        let out = &values.last().expect("a validated network has layers").out;
        carry(sum(self.errors_carried(out, carry)))
    }

    /// The backward pass: every gradient, from the output layer back, with the weights before the update.
    pub fn backward(&self, values: &[LayerValues]) -> Vec<LayerGradients> {
        self.backward_carried(values, &exact)
    }

    /// The backward pass, each printed gradient passed through `carry`: the terms and the sum of a
    /// hidden ∂E/∂out, and every ∂E/∂w (δ and an output's out − target are never printed alone).
    pub fn backward_carried(&self, values: &[LayerValues], carry: Carry) -> Vec<LayerGradients> {
        let last = self.layers.len() - 1;
        let mut grads: Vec<LayerGradients> = Vec::with_capacity(self.layers.len());
        for l in (0..=last).rev() {
            let layer = &self.layers[l];
            let out = &values[l].out;
            let (d_out, d_out_terms) = if l == last {
                let d: Vec<f64> = out.iter().zip(&self.targets).map(|(o, t)| o - t).collect();
                (d, Vec::new())
            } else {
                let next = &self.layers[l + 1];
                let next_delta = &grads.last().expect("the layer after is done").delta;
                let terms: Vec<Vec<f64>> = (0..layer.width())
                    .map(|j| {
                        (0..next.width())
                            .map(|k| carry(next_delta[k] * next.weights[k][j]))
                            .collect()
                    })
                    .collect();
                (
                    terms
                        .iter()
                        .map(|t| carry(sum(t.iter().copied())))
                        .collect(),
                    terms,
                )
            };
            let delta: Vec<f64> = d_out
                .iter()
                .zip(out)
                .map(|(&d, &o)| layer.activation.chain(d, o))
                .collect();
            let x = if l == 0 {
                &self.inputs
            } else {
                &values[l - 1].out
            };
            let weights = delta
                .iter()
                .map(|&d| x.iter().map(|&xk| carry(d * xk)).collect())
                .collect();
            let bias = match layer.bias {
                Bias::Shared(_) => vec![sum(delta.iter().copied())],
                Bias::PerNeuron(_) => delta.iter().map(|d| d * 1.0).collect(),
            };
            grads.push(LayerGradients {
                d_out,
                d_out_terms,
                delta,
                weights,
                bias,
            });
        }
        grads.reverse();
        grads
    }

    /// The network after one step: w⁺ = w − η·∂E/∂w for every weight, and likewise for every bias
    /// when `update_biases` is set (else the biases are unchanged).
    pub fn updated(&self, grads: &[LayerGradients]) -> Network {
        self.updated_carried(grads, &exact)
    }

    /// The network after one step, each updated weight (and bias) passed through `carry`.
    pub fn updated_carried(&self, grads: &[LayerGradients], carry: Carry) -> Network {
        let eta = self.learning_rate;
        let mut next = self.clone();
        for (layer, grad) in next.layers.iter_mut().zip(grads) {
            for (row, grad_row) in layer.weights.iter_mut().zip(&grad.weights) {
                for (w, g) in row.iter_mut().zip(grad_row) {
                    *w = carry(*w - eta * g);
                }
            }
            if self.update_biases {
                for (b, g) in layer.bias.as_mut_slice().iter_mut().zip(&grad.bias) {
                    *b = carry(*b - eta * g);
                }
            }
        }
        next
    }

    /// One step of gradient descent.
    pub fn step(&self) -> Network {
        self.updated(&self.backward(&self.forward()))
    }
}

/// w₁·x₁ + w₂·x₂ + … + b·1, added left to right.
fn net_input(weights: &[f64], x: &[f64], bias: f64) -> f64 {
    sum(weights.iter().zip(x).map(|(w, xk)| w * xk)) + bias * 1.0
}

/// a₁ + a₂ + …, left to right, starting from the first term (0 when there is none).
pub fn sum(terms: impl IntoIterator<Item = f64>) -> f64 {
    let mut terms = terms.into_iter();
    let first = terms.next().unwrap_or(0.0);
    terms.fold(first, |acc, t| acc + t)
}
