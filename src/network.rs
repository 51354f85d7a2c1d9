//! The model: a dense feed-forward network with its training example and learning rate, in plain f64.
//! It is maths only: what a document calls it (title, author, date) and how it is written (the
//! `[document]` table) live in [`crate::Lesson`]; computing a step lives in [`crate::step`].
//!
//! A [`Network`] is built through [`Network::new`], which checks that the widths chain (each row of
//! weights has one weight per input or neuron of the layer before, there is one target per output
//! neuron, every number is finite), so every computation may index it without checking again.

use crate::activation::Activation;

/// A network with its training example and learning rate: everything one step needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub(crate) learning_rate: f64,
    pub(crate) inputs: Vec<f64>,
    pub(crate) targets: Vec<f64>,
    pub(crate) layers: Vec<Layer>,
    pub(crate) update_biases: bool,
}

/// One layer: a row of weights per neuron, one column per neuron (or input) of the layer before.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    pub(crate) weights: Vec<Vec<f64>>,
    pub(crate) bias: Bias,
    pub(crate) activation: Activation,
}

/// A layer's biases: one shared by all its neurons (as in the seed), or one per neuron.
#[derive(Debug, Clone, PartialEq)]
pub enum Bias {
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
    pub(crate) fn as_mut_slice(&mut self) -> &mut [f64] {
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
    /// A network whose first layer takes `inputs`, each layer the outs of the one before, and whose
    /// output layer has one neuron per target; `update_biases` says whether a step also updates the
    /// biases (the seed's does not).
    pub fn new(
        learning_rate: f64,
        inputs: Vec<f64>,
        targets: Vec<f64>,
        layers: Vec<Layer>,
        update_biases: bool,
    ) -> Result<Network, ShapeError> {
        if !learning_rate.is_finite() || learning_rate <= 0.0 {
            return Err(ShapeError::NotFinite("the learning rate"));
        }
        if inputs.is_empty() {
            return Err(ShapeError::Empty("inputs"));
        }
        if layers.len() < 2 {
            return Err(ShapeError::Empty("the hidden layers"));
        }
        if inputs.iter().chain(&targets).any(|x| !x.is_finite()) {
            return Err(ShapeError::NotFinite("every input and target"));
        }
        let mut width = inputs.len();
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
            width = layer.width();
        }
        if targets.len() != width {
            return Err(ShapeError::Targets {
                found: targets.len(),
                expected: width,
            });
        }
        Ok(Network {
            learning_rate,
            inputs,
            targets,
            layers,
            update_biases,
        })
    }

    /// η, the step size of gradient descent.
    pub fn learning_rate(&self) -> f64 {
        self.learning_rate
    }

    /// The input values i₁, i₂, …
    pub fn inputs(&self) -> &[f64] {
        &self.inputs
    }

    /// The target of each output neuron.
    pub fn targets(&self) -> &[f64] {
        &self.targets
    }

    /// The hidden layers, then the output layer.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }

    /// Whether a step also updates the biases (the seed's does not).
    pub fn update_biases(&self) -> bool {
        self.update_biases
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
