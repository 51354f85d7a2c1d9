//! The trace: every quantity of one training step, named and valued. It is the single source of truth
//! of every document (templates never compute) and what `-f json` writes.
//!
//! Quantities are named as the documents name them (`h_1`, `w_5`, `b_2`).

use serde::Serialize;

use crate::activation::Activation;
use crate::batch::{self, Decay, ExampleTrace};
use crate::gradcheck::GradientCheck;
use crate::loss::Loss;
use crate::names::Names;
use crate::network::{Layer, Network};
use crate::step::workspace::{Pass, Workspace};
use crate::step::{Given, Overflow, Rounding};
use crate::training::Training;

/// One training step of a network, every number of it.
#[derive(Debug, Clone, Serialize)]
pub struct Trace {
    /// The document's title from the network file, if any.
    pub title: Option<String>,
    /// The document's author from the network file, if any.
    pub author: Option<String>,
    /// The document's date from the network file (any text), if any.
    pub date: Option<String>,
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
    /// E_total after the update: one more forward pass with the updated weights (and biases, when
    /// they are updated).
    pub total_error_after: f64,
    /// Whether the step updates the biases too (the seed's does not).
    pub update_biases: bool,
    /// With `--steps N`: the total error along N steps of training, and the outputs after them.
    pub training: Option<Training>,
    /// With `--check`: every backpropagated gradient beside its central finite difference.
    pub gradient_check: Option<Vec<GradientCheck>>,
    /// The loss.
    pub loss: Loss,
    /// With mean_squared_error: the n of its 1/n, the number of outputs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_over: Option<usize>,
    /// With weight decay: λ, the loss before it and (λ/2) Σ w².
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_decay: Option<Decay>,
    /// For a batch of more than one example, every example (the layers above hold the first one's
    /// forward and backward values, and every gradient and update of the batch); empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<ExampleTrace>,
    /// For a batch, the sum of its examples' errors, of which the mean is E_total (before the decay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_sum: Option<f64>,
    /// For a batch, the mean of its examples' errors: `error_sum` / m (E_total without decay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_error: Option<f64>,
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
    /// Its number, from 1 (hidden layer 1, 2, …; the output layer is the last).
    pub number: usize,
    /// True for the output layer.
    pub output: bool,
    /// The activation function of its neurons.
    pub activation: Activation,
    /// True when one bias is shared by all its neurons (as in the seed).
    pub shared_bias: bool,
    /// Its neurons, in order.
    pub neurons: Vec<NeuronTrace>,
    /// Its biases (one when shared, else one per neuron), with their gradients.
    pub biases: Vec<BiasTrace>,
    /// A softmax layer: Σ e^net over its neurons, the denominator of each out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_sum: Option<f64>,
}

/// One bias: its gradient, the sum of δ over the neurons it feeds, and its updated value.
#[derive(Debug, Clone, Serialize)]
pub struct BiasTrace {
    /// The bias's name, such as `b_2`.
    pub symbol: String,
    /// Its value before the update.
    pub value: f64,
    /// The indices (from 0) of the neurons it feeds.
    pub neurons: Vec<usize>,
    /// ∂E_total/∂b = Σ δ · 1 over those neurons (for a batch, the mean over its examples).
    pub grad: f64,
    /// For a batch, each example's ∂E/∂b, in the order of the examples.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub example_grads: Vec<f64>,
    /// For a batch, the sum of `example_grads`, of which `grad` is the mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grad_sum: Option<f64>,
    /// b⁺ = b − η · ∂E_total/∂b when biases are updated, else b.
    pub updated: f64,
}

/// One neuron: forward values, gradients and its incoming weights.
#[derive(Debug, Clone, Serialize)]
pub struct NeuronTrace {
    /// The neuron's name, such as `h_1` or `o_2`.
    pub symbol: String,
    /// Its bias; None in a layer without biases.
    pub bias: Option<Named>,
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
    /// f′(net), written with out: out·(1 − out), 1 − out², 1 or 0, 1.
    pub derivative: f64,
    /// A softmax neuron: e^net, the numerator of its out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exp_net: Option<f64>,
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
    /// ∂E_total/∂w: δ · from_value for one example; for a batch, the mean over its examples; plus
    /// λ·w with weight decay. What the update uses.
    pub grad: f64,
    /// With a batch or weight decay: the mean over the examples of their ∂E/∂w (one example's own),
    /// before λ·w.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mean_grad: Option<f64>,
    /// With weight decay: λ·w.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decay_grad: Option<f64>,
    /// For a batch, each example's ∂E/∂w, in the order of the examples.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub example_grads: Vec<f64>,
    /// For a batch, the sum of `example_grads`, of which `mean_grad` is the mean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grad_sum: Option<f64>,
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

impl Trace {
    /// Runs one training step of `network`, every number exact, and records every number (some of
    /// which may be inf or NaN if the f64 arithmetic overflows: [`Trace::compute`] refuses those).
    pub fn new(network: &Network) -> Trace {
        let mut workspace = Workspace::new(network);
        workspace.step(network, Rounding::Exact, &Given::none());
        Trace::of(network, &workspace)
    }

    /// Runs one training step of `network`, rounded as `rounding` says and with `given` in place of
    /// the computed values (see [`crate::step`]), and records every number; an error naming the first
    /// number that is not finite.
    pub fn compute(
        network: &Network,
        rounding: Rounding,
        given: &Given,
    ) -> Result<Trace, Overflow> {
        let mut workspace = Workspace::new(network);
        workspace.step(network, rounding, given);
        let trace = Trace::of(network, &workspace);
        trace.finite()?;
        Ok(trace)
    }

    /// The trace of the step `workspace` holds.
    fn of(network: &Network, workspace: &Workspace) -> Trace {
        let names = Names::new(network);
        let step = Step {
            network,
            pass: &workspace.passes[0],
            workspace,
            updated: &workspace.updated,
            names: &names,
        };
        let layers: Vec<LayerTrace> = (0..network.layers.len()).map(|l| step.layer(l)).collect();
        let output = layers.last().expect("a validated network has layers");
        let errors: Vec<OutputError> = (output.neurons.iter())
            .zip(&workspace.passes[0].errors)
            .map(|(n, &error)| OutputError {
                symbol: n.symbol.clone(),
                target: n.target.unwrap_or_default(),
                out: n.out,
                error,
            })
            .collect();
        let mean_over = (network.loss == Loss::MeanSquaredError).then_some(errors.len());
        Trace {
            title: None,
            author: None,
            date: None,
            learning_rate: network.learning_rate,
            inputs: (network.inputs[0].iter().enumerate())
                .map(|(k, &value)| Named {
                    symbol: names.neuron(None, k),
                    value,
                })
                .collect(),
            layers,
            errors,
            total_error: workspace.total_error,
            total_error_after: workspace.total_error_after,
            update_biases: network.update_biases,
            training: None,
            gradient_check: None,
            loss: network.loss,
            mean_over,
            weight_decay: batch::decay(network, workspace),
            examples: batch::examples(network, workspace),
            error_sum: step.batch().then_some(workspace.error_sum),
            mean_error: step.batch().then_some(workspace.mean_error),
        }
    }
}

/// The numbers of one training step, from which each layer's trace is read.
struct Step<'a> {
    network: &'a Network,
    pass: &'a Pass,
    workspace: &'a Workspace,
    updated: &'a [Layer],
    names: &'a Names,
}

impl Step<'_> {
    /// True with a batch or weight decay: a weight's gradient is more than its example's δ · x.
    fn beyond_one_example(&self) -> bool {
        self.workspace.passes.len() > 1 || self.network.weight_decay.is_some()
    }

    /// True for a batch of more than one example.
    fn batch(&self) -> bool {
        self.workspace.passes.len() > 1
    }

    /// `of` each example's pass, for a batch; nothing for one example.
    fn per_example(&self, of: impl Fn(&Pass) -> f64) -> Vec<f64> {
        match self.batch() {
            true => self.workspace.passes.iter().map(of).collect(),
            false => Vec::new(),
        }
    }

    /// Layer `l`: its neurons and its biases.
    fn layer(&self, l: usize) -> LayerTrace {
        let layer = &self.network.layers[l];
        LayerTrace {
            number: l + 1,
            output: l + 1 == self.network.layers.len(),
            activation: layer.activation,
            shared_bias: layer.bias.is_shared(),
            neurons: (0..layer.width()).map(|j| self.neuron(l, j)).collect(),
            biases: self.biases(l),
            exp_sum: (layer.activation == Activation::Softmax).then(|| self.pass.exp_sum[l]),
        }
    }

    /// Neuron `j` of layer `l`: its weights, net, out, error term and their gradients.
    fn neuron(&self, l: usize, j: usize) -> NeuronTrace {
        let (network, names) = (self.network, self.names);
        let pass = self.pass;
        let layer = &network.layers[l];
        let below = l.checked_sub(1);
        let x = below.map_or(&network.inputs[0], |b| &pass.out[b]);
        let next = network.layers.get(l + 1);
        let shared = layer.bias.is_shared();
        NeuronTrace {
            symbol: names.neuron(Some(l), j),
            bias: layer.bias.get(j).map(|value| Named {
                symbol: names.bias(l, if shared { 0 } else { j }),
                value,
            }),
            weights: (0..x.len())
                .map(|k| WeightTrace {
                    symbol: names.weight(l, j, k),
                    value: layer.weights[j][k],
                    from: names.neuron(below, k),
                    from_value: x[k],
                    grad: self.workspace.grad_w[l][j * x.len() + k],
                    mean_grad: self
                        .beyond_one_example()
                        .then(|| self.workspace.mean_w[l][j * x.len() + k]),
                    decay_grad: network
                        .weight_decay
                        .map(|_| self.workspace.decay_w[l][j * x.len() + k]),
                    updated: self.updated[l].weights[j][k],
                    example_grads: self.per_example(|p| p.grad_w[l][j * x.len() + k]),
                    grad_sum: self
                        .batch()
                        .then(|| self.workspace.sum_w[l][j * x.len() + k]),
                })
                .collect(),
            net: pass.net[l][j],
            out: pass.out[l][j],
            target: next.is_none().then(|| network.targets[0][j]),
            d_out: pass.d_out[l][j],
            d_out_terms: next.map_or_else(Vec::new, |next| {
                (0..next.width())
                    .map(|k| Term {
                        via: k,
                        weight: names.weight(l + 1, k, j),
                        weight_value: next.weights[k][j],
                        value: pass.terms[l][j * next.width() + k],
                    })
                    .collect()
            }),
            derivative: layer.activation.derivative(pass.out[l][j]),
            exp_net: (layer.activation == Activation::Softmax).then(|| pass.exp_net[l][j]),
            delta: pass.delta[l][j],
        }
    }

    /// The biases of layer `l`: one shared by its neurons, or one each.
    fn biases(&self, l: usize) -> Vec<BiasTrace> {
        let layer = &self.network.layers[l];
        let shared = layer.bias.is_shared();
        (0..layer.bias.as_slice().len())
            .map(|n| BiasTrace {
                symbol: self.names.bias(l, n),
                value: layer.bias.of(n),
                neurons: if shared {
                    (0..layer.width()).collect()
                } else {
                    vec![n]
                },
                grad: self.workspace.grad_b[l][n],
                updated: self.updated[l].bias.of(n),
                example_grads: self.per_example(|p| p.grad_b[l][n]),
                grad_sum: self.batch().then(|| self.workspace.sum_b[l][n]),
            })
            .collect()
    }
}
