//! The model: a dense feed-forward network with its training example and learning rate, in plain f64.
//! It is maths only: what a document calls it (title, author, date) and how it is written (the
//! `[document]` table) live in [`crate::Lesson`]; computing a step lives in [`crate::step`].
//!
//! A [`Network`] is built through [`Network::new`], which checks that the widths chain (each row of
//! weights has one weight per input or neuron of the layer before, there is one target per output
//! neuron, every number is finite), so every computation may index it without checking again.

use crate::activation::Activation;
use crate::loss::Loss;

/// A network with its training example and learning rate: everything one step needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub(crate) learning_rate: f64,
    /// One row of inputs per example of the batch (one row for a single example).
    pub(crate) inputs: Vec<Vec<f64>>,
    /// One row of targets per example.
    pub(crate) targets: Vec<Vec<f64>>,
    pub(crate) layers: Vec<Layer>,
    pub(crate) update_biases: bool,
    pub(crate) loss: Loss,
    pub(crate) weight_decay: Option<f64>,
}

/// One layer: a row of weights per neuron, one column per neuron (or input) of the layer before.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub(crate) weights: Vec<Vec<f64>>,
    pub(crate) bias: Bias,
    pub(crate) activation: Activation,
}

/// A layer's biases: one shared by all its neurons (as in the seed), one per neuron, or none.
#[derive(Debug, Clone, PartialEq)]
pub enum Bias {
    /// No bias: net = Σ w·x alone.
    None,
    /// One bias for the whole layer.
    Shared(f64),
    /// One bias per neuron.
    PerNeuron(Vec<f64>),
}

/// Why [`Network::new`] or [`Layer::new`] refused its parts.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ShapeError {
    /// A layer without neurons, or a network with fewer than two layers, inputs or targets.
    #[error("{0} is empty")]
    Empty(&'static str),
    /// A row of weights (or the biases) whose length does not match.
    #[error("layer {layer}: {what} has {found} value(s) where {expected} are needed")]
    Width {
        /// The layer, from 0.
        layer: usize,
        /// What has the wrong length.
        what: &'static str,
        /// Its length.
        found: usize,
        /// The length it needs.
        expected: usize,
    },
    /// One target per output neuron.
    #[error("{found} target(s) for {expected} output neuron(s)")]
    Targets {
        /// How many targets were given.
        found: usize,
        /// How many output neurons there are.
        expected: usize,
    },
    /// Inf or NaN, or a learning rate that is not positive.
    #[error("{0} must be finite (and the learning rate greater than 0)")]
    NotFinite(&'static str),
    /// Softmax in a hidden layer, cross-entropy on an output that is neither softmax nor sigmoid, or
    /// softmax with a squared error.
    #[error("{0}")]
    Loss(&'static str),
    /// A target that the loss cannot take (of example `example`, from 0).
    #[error("example {example}: {problem}")]
    Target {
        /// The example, from 0.
        example: usize,
        /// What is wrong.
        problem: &'static str,
    },
}

impl Bias {
    /// Its numbers: the one shared bias, or one per neuron.
    pub fn as_slice(&self) -> &[f64] {
        match self {
            Bias::None => &[],
            Bias::Shared(b) => std::slice::from_ref(b),
            Bias::PerNeuron(bs) => bs,
        }
    }

    /// Its numbers, to change them in place.
    pub(crate) fn as_mut_slice(&mut self) -> &mut [f64] {
        match self {
            Bias::None => &mut [],
            Bias::Shared(b) => std::slice::from_mut(b),
            Bias::PerNeuron(bs) => bs,
        }
    }

    /// The bias of neuron `j`; 0 for a layer without one.
    pub fn of(&self, j: usize) -> f64 {
        self.get(j).unwrap_or(0.0)
    }

    /// The bias of neuron `j`, if the layer has biases.
    pub fn get(&self, j: usize) -> Option<f64> {
        match self {
            Bias::None => None,
            Bias::Shared(b) => Some(*b),
            Bias::PerNeuron(bs) => bs.get(j).copied(),
        }
    }

    /// True when the layer has no bias.
    pub fn is_none(&self) -> bool {
        matches!(self, Bias::None)
    }

    /// True when one bias is shared by the layer's neurons.
    pub fn is_shared(&self) -> bool {
        matches!(self, Bias::Shared(_))
    }
}

impl Layer {
    /// A layer of `weights` (one row per neuron, all rows of one length), `bias` and `activation`.
    pub fn new(
        weights: Vec<Vec<f64>>,
        bias: Bias,
        activation: Activation,
    ) -> Result<Layer, ShapeError> {
        let fan_in = weights.first().map_or(0, Vec::len);
        if weights.is_empty() || fan_in == 0 {
            return Err(ShapeError::Empty("a layer's weights"));
        }
        if let Some(row) = weights.iter().find(|row| row.len() != fan_in) {
            return Err(ShapeError::Width {
                layer: 0,
                what: "a row of weights",
                found: row.len(),
                expected: fan_in,
            });
        }
        if let Bias::PerNeuron(bs) = &bias
            && bs.len() != weights.len()
        {
            return Err(ShapeError::Width {
                layer: 0,
                what: "the biases",
                found: bs.len(),
                expected: weights.len(),
            });
        }
        let numbers = weights.iter().flatten().chain(bias.as_slice());
        if numbers.into_iter().any(|x| !x.is_finite()) {
            return Err(ShapeError::NotFinite("every weight and bias"));
        }
        Ok(Layer {
            weights,
            bias,
            activation,
        })
    }

    /// How many neurons the layer has.
    pub fn width(&self) -> usize {
        self.weights.len()
    }

    /// How many inputs each neuron takes (the width of the layer before).
    pub fn fan_in(&self) -> usize {
        self.weights[0].len()
    }

    /// `weights()[j][k]` is the weight from neuron k of the layer before to neuron j of this layer.
    pub fn weights(&self) -> &[Vec<f64>] {
        &self.weights
    }

    /// The layer's biases.
    pub fn bias(&self) -> &Bias {
        &self.bias
    }

    /// The activation function of every neuron of the layer.
    pub fn activation(&self) -> Activation {
        self.activation
    }
}

impl Network {
    /// A network of one example: its first layer takes `inputs`, each layer the outs of the one before,
    /// and its output layer has one neuron per target; `update_biases` says whether a step also updates
    /// the biases (the seed's does not). The loss is ½ Σ (target − out)² and there is no weight decay
    /// (see [`Network::with_loss`], [`Network::with_weight_decay`]).
    pub fn new(
        learning_rate: f64,
        inputs: Vec<f64>,
        targets: Vec<f64>,
        layers: Vec<Layer>,
        update_biases: bool,
    ) -> Result<Network, ShapeError> {
        let (inputs, targets) = (vec![inputs], vec![targets]);
        Network::batch(
            learning_rate,
            (inputs, targets),
            layers,
            update_biases,
            Loss::default(),
        )
    }

    /// A network trained on a batch under `loss`: one row of `inputs` and one of `targets` per example
    /// (`examples`). A step's error is the mean of the examples' errors, and it follows the mean
    /// gradient. The loss and the output layer must go together (see [`Network::with_loss`]).
    pub fn batch(
        learning_rate: f64,
        examples: (Vec<Vec<f64>>, Vec<Vec<f64>>),
        layers: Vec<Layer>,
        update_biases: bool,
        loss: Loss,
    ) -> Result<Network, ShapeError> {
        let (inputs, targets) = examples;
        if !learning_rate.is_finite() || learning_rate <= 0.0 {
            return Err(ShapeError::NotFinite("the learning rate"));
        }
        let width = inputs.first().map_or(0, Vec::len);
        if width == 0 || targets.is_empty() {
            return Err(ShapeError::Empty("inputs"));
        }
        if layers.len() < 2 {
            return Err(ShapeError::Empty("the hidden layers"));
        }
        if inputs
            .iter()
            .chain(&targets)
            .flatten()
            .any(|x| !x.is_finite())
        {
            return Err(ShapeError::NotFinite("every input and target"));
        }
        if let Some(row) = inputs.iter().find(|row| row.len() != width) {
            let (found, expected) = (row.len(), width);
            return Err(ShapeError::Width {
                layer: 0,
                what: "a row of inputs",
                found,
                expected,
            });
        }
        let mut width = width;
        for (l, layer) in layers.iter().enumerate() {
            if layer.fan_in() != width {
                let (found, expected) = (layer.fan_in(), width);
                return Err(ShapeError::Width {
                    layer: l,
                    what: "a row of weights",
                    found,
                    expected,
                });
            }
            if layer.activation == Activation::Softmax && l + 1 < layers.len() {
                return Err(ShapeError::Loss("softmax is for the output layer only"));
            }
            width = layer.width();
        }
        if targets.len() != inputs.len() {
            let (found, expected) = (targets.len(), inputs.len());
            return Err(ShapeError::Targets { found, expected });
        }
        if let Some(row) = targets.iter().find(|row| row.len() != width) {
            return Err(ShapeError::Targets {
                found: row.len(),
                expected: width,
            });
        }
        let network = Network {
            learning_rate,
            inputs,
            targets,
            layers,
            update_biases,
            loss: Loss::HalfSquaredError,
            weight_decay: None,
        };
        network.with_loss(loss)
    }

    /// The network with `loss`: cross-entropy needs a softmax output (targets that sum to 1) or sigmoid
    /// outputs (targets in [0, 1]); a softmax output needs cross-entropy.
    pub fn with_loss(self, loss: Loss) -> Result<Network, ShapeError> {
        let output = self.output().activation;
        let softmax = output == Activation::Softmax;
        if loss.is_cross_entropy() && !softmax && output != Activation::Sigmoid {
            return Err(ShapeError::Loss(
                "cross-entropy needs a softmax or sigmoid output layer",
            ));
        }
        if softmax && !loss.is_cross_entropy() {
            return Err(ShapeError::Loss(
                "a softmax output layer needs the cross-entropy loss",
            ));
        }
        for (example, row) in self.targets.iter().enumerate() {
            if loss.is_cross_entropy() && row.iter().any(|t| !(0.0..=1.0).contains(t)) {
                return Err(ShapeError::Target {
                    example,
                    problem: "cross-entropy targets lie in [0, 1]",
                });
            }
            if softmax && (row.iter().sum::<f64>() - 1.0).abs() > 1e-9 {
                return Err(ShapeError::Target {
                    example,
                    problem: "softmax targets sum to 1",
                });
            }
        }
        Ok(Network { loss, ..self })
    }

    /// The network with L2 weight decay λ ≥ 0: the error gains (λ/2) Σ w² over the weights (not the
    /// biases), and each weight's gradient λ·w.
    pub fn with_weight_decay(self, lambda: f64) -> Result<Network, ShapeError> {
        if !lambda.is_finite() || lambda < 0.0 {
            return Err(ShapeError::NotFinite(
                "the weight decay λ (which must be 0 or more)",
            ));
        }
        Ok(Network {
            weight_decay: Some(lambda),
            ..self
        })
    }

    /// η, the step size of gradient descent.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// The input values i₁, i₂, … of the first example.
    pub fn inputs(&self) -> &[f64] {
        &self.inputs[0]
    }

    /// The targets of the first example, one per output neuron.
    pub fn targets(&self) -> &[f64] {
        &self.targets[0]
    }

    /// How many examples the batch has (1 for a single example).
    pub fn examples(&self) -> usize {
        self.inputs.len()
    }

    /// The inputs of example `e` (from 0).
    pub fn inputs_of(&self, e: usize) -> &[f64] {
        &self.inputs[e]
    }

    /// The targets of example `e` (from 0).
    pub fn targets_of(&self, e: usize) -> &[f64] {
        &self.targets[e]
    }

    /// The hidden layers, then the output layer.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Whether a step also updates the biases (the seed's does not).
    pub fn update_biases(&self) -> bool {
        self.update_biases
    }

    /// The loss.
    pub fn loss(&self) -> Loss {
        self.loss
    }

    /// λ of the weight decay, when there is one.
    pub fn weight_decay(&self) -> Option<f64> {
        self.weight_decay
    }

    /// The output layer.
    pub fn output(&self) -> &Layer {
        self.layers.last().expect("a network has layers")
    }
}

/// a₁ + a₂ + …, left to right, starting from the first term (0 when there is none).
pub fn sum(terms: impl IntoIterator<Item = f64>) -> f64 {
    let mut terms = terms.into_iter();
    let first = terms.next().unwrap_or(0.0);
    terms.fold(first, |acc, t| acc + t)
}
