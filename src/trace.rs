//! The trace: every quantity of one training step, named and valued. It is the single source of truth
//! of every document (templates never compute) and what `-f json` writes.
//!
//! Names are TeX subscripts without decoration: inputs `i_1`, hidden neurons `h_1`, output neurons
//! `o_1`, weights `w_1 …` numbered layer by layer, neuron by neuron, input by input (as in the seed), and
//! biases `b_1 …` numbered the same way (one number per layer when it is shared, as in the seed).

use serde::Serialize;

use crate::activation::Activation;
use crate::network::{Bias, Carry, Network, exact, sum};

/// One training step of a network, every number of it.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    /// The document's title from the network file, if any.
    pub title: Option<String>,
    /// η.
    pub learning_rate: f64,
    /// The inputs `i_1 …`.
    pub inputs: Vec<Named>,
    /// The hidden layers, then the output layer.
    pub layers: Vec<LayerTrace>,
    /// E of each output neuron.
    pub errors: Vec<OutputError>,
    /// E_total, the sum of `errors`.
    pub total_error: f64,
    /// E_total after the update: one more forward pass with the updated weights, biases unchanged.
    pub total_error_after: f64,
}

/// A named number.
#[derive(Debug, Clone, Serialize)]
pub struct Named {
    /// The TeX name, such as `i_1` or `b_2`.
    pub symbol: String,
    /// Its value.
    pub value: f64,
}

/// One layer of the trace.
#[derive(Debug, Clone, Serialize)]
pub struct LayerTrace {
    /// The activation function of its neurons.
    pub activation: Activation,
    /// True when one bias is shared by all its neurons (as in the seed).
    pub shared_bias: bool,
    /// Its neurons, in order.
    pub neurons: Vec<NeuronTrace>,
}

/// One neuron: forward values, gradients and its incoming weights.
#[derive(Debug, Clone, Serialize)]
pub struct NeuronTrace {
    /// The neuron's name, such as `h_1` or `o_2`.
    pub symbol: String,
    /// Its bias.
    pub bias: Named,
    /// The weights into it, one per neuron (or input) of the layer before.
    pub weights: Vec<WeightTrace>,
    /// net = Σ w·x + b·1.
    pub net: f64,
    /// out = f(net).
    pub out: f64,
    /// The target, for an output neuron.
    pub target: Option<f64>,
    /// ∂E_total/∂out: out − target for an output neuron, the sum of `d_out_terms` for a hidden one.
    pub d_out: f64,
    /// For a hidden neuron, the terms of ∂E_total/∂out, one through each neuron of the next layer.
    pub d_out_terms: Vec<Term>,
    /// δ = ∂E_total/∂net = ∂E_total/∂out · f′(net).
    pub delta: f64,
}

/// One term of a hidden neuron's ∂E_total/∂out: ∂E_total/∂net of a neuron of the next layer times the
/// weight that joins them.
#[derive(Debug, Clone, Serialize)]
pub struct Term {
    /// The index (from 0) of the neuron of the next layer the term goes through.
    pub via: usize,
    /// The joining weight's name.
    pub weight: String,
    /// The joining weight's value before the update.
    pub weight_value: f64,
    /// δ of that neuron times the weight.
    pub value: f64,
}

/// One weight: its value, where it comes from, its gradient and its updated value.
#[derive(Debug, Clone, Serialize)]
pub struct WeightTrace {
    /// The weight's name, such as `w_5`.
    pub symbol: String,
    /// The weight before the update.
    pub value: f64,
    /// The name of the input or neuron it comes from (`i_1`, `h_1`).
    pub from: String,
    /// The value it multiplies: that input, or that neuron's out.
    pub from_value: f64,
    /// ∂E_total/∂w = δ · from_value.
    pub grad: f64,
    /// w⁺ = w − η · ∂E_total/∂w.
    pub updated: f64,
}

/// The error of one output neuron.
#[derive(Debug, Clone, Serialize)]
pub struct OutputError {
    /// The neuron's name, such as `o_1`.
    pub symbol: String,
    /// Its target.
    pub target: f64,
    /// Its output.
    pub out: f64,
    /// ½ (target − out)².
    pub error: f64,
}

/// The names of a network's neurons, weights and biases.
struct Names {
    layers: usize,
    /// How many weights come before each layer's first.
    weight_offset: Vec<usize>,
    /// How many bias numbers come before each layer's first.
    bias_offset: Vec<usize>,
}

impl Names {
    fn new(network: &Network) -> Names {
        let (mut weights, mut biases) = (0, 0);
        let (mut weight_offset, mut bias_offset) = (Vec::new(), Vec::new());
        for layer in &network.layers {
            weight_offset.push(weights);
            bias_offset.push(biases);
            weights += layer.weights.iter().map(Vec::len).sum::<usize>();
            biases += match layer.bias {
                Bias::Shared(_) => 1,
                Bias::PerNeuron(_) => layer.width(),
            };
        }
        Names {
            layers: network.layers.len(),
            weight_offset,
            bias_offset,
        }
    }

    /// Neuron `j` (from 0) of layer `l` (from 0); layer −1 is the inputs.
    fn neuron(&self, l: Option<usize>, j: usize) -> String {
        match l {
            None => subscript("i", j + 1),
            Some(l) if l + 1 == self.layers => subscript("o", j + 1),
            Some(_) => subscript("h", j + 1),
        }
    }

    /// The weight into neuron `j` of layer `l` from neuron `k` of the layer before (`fan_in` wide).
    fn weight(&self, l: usize, j: usize, k: usize, fan_in: usize) -> String {
        subscript("w", self.weight_offset[l] + j * fan_in + k + 1)
    }

    fn bias(&self, l: usize, j: usize, bias: &Bias) -> String {
        let shift = if matches!(bias, Bias::Shared(_)) {
            0
        } else {
            j
        };
        subscript("b", self.bias_offset[l] + shift + 1)
    }
}

/// `w_5`, `w_{12}`: a letter with a number as its TeX subscript.
fn subscript(letter: &str, number: usize) -> String {
    if number < 10 {
        format!("{letter}_{number}")
    } else {
        format!("{letter}_{{{number}}}")
    }
}

impl Trace {
    /// Runs one training step of `network` and records every number.
    pub fn new(network: &Network) -> Trace {
        Trace::carried(network, &exact)
    }

    /// The same, every printed intermediate passed through `carry` before it is used (see
    /// [`Carry`]): with [`Precision::carried`](crate::Precision::carried), each line of the worked
    /// solution follows from the numbers printed above it.
    pub fn carried(network: &Network, carry: Carry) -> Trace {
        let values = network.forward_carried(carry);
        let grads = network.backward_carried(&values, carry);
        let updated = network.updated_carried(&grads, carry);
        let names = Names::new(network);
        let layers: Vec<LayerTrace> = (0..network.layers.len())
            .map(|l| {
                let layer = &network.layers[l];
                let below = l.checked_sub(1);
                let x = below.map_or(&network.inputs, |b| &values[b].out);
                let next = network.layers.get(l + 1);
                let neuron = |j: usize| NeuronTrace {
                    symbol: names.neuron(Some(l), j),
                    bias: Named {
                        symbol: names.bias(l, j, &layer.bias),
                        value: layer.bias.of(j),
                    },
                    weights: (0..x.len())
                        .map(|k| WeightTrace {
                            symbol: names.weight(l, j, k, x.len()),
                            value: layer.weights[j][k],
                            from: names.neuron(below, k),
                            from_value: x[k],
                            grad: grads[l].weights[j][k],
                            updated: updated.layers[l].weights[j][k],
                        })
                        .collect(),
                    net: values[l].net[j],
                    out: values[l].out[j],
                    target: next.is_none().then(|| network.targets[j]),
                    d_out: grads[l].d_out[j],
                    d_out_terms: next.map_or_else(Vec::new, |next| {
                        (0..next.width())
                            .map(|k| Term {
                                via: k,
                                weight: names.weight(l + 1, k, j, layer.width()),
                                weight_value: next.weights[k][j],
                                value: grads[l].d_out_terms[j][k],
                            })
                            .collect()
                    }),
                    delta: grads[l].delta[j],
                };
                LayerTrace {
                    activation: layer.activation,
                    shared_bias: matches!(layer.bias, Bias::Shared(_)),
                    neurons: (0..layer.width()).map(neuron).collect(),
                }
            })
            .collect();
        let output = layers.last().expect("a validated network has layers");
        let errors: Vec<OutputError> = output
            .neurons
            .iter()
            .zip(network.errors_carried(&values[values.len() - 1].out, carry))
            .map(|(n, error)| OutputError {
                symbol: n.symbol.clone(),
                target: n.target.unwrap_or_default(),
                out: n.out,
                error,
            })
            .collect();
        let total_error = carry(sum(&errors.iter().map(|e| e.error).collect::<Vec<_>>()));
        Trace {
            title: network.title.clone(),
            learning_rate: network.learning_rate,
            inputs: (network.inputs.iter().enumerate())
                .map(|(k, &value)| Named {
                    symbol: names.neuron(None, k),
                    value,
                })
                .collect(),
            layers,
            errors,
            total_error,
            total_error_after: updated.total_error_carried(carry),
        }
    }
}
