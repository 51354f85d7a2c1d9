//! Computing one training step: the forward pass, the error, the backward pass and the update, in one
//! place, for every document, the exercises, the gradient check and `--steps`.
//!
//! # How a step is computed
//!
//! [`Trace::compute`](crate::Trace::compute) runs the step of a [`Network`] and records
//! every number. It takes two arguments besides the network:
//!
//! - a [`Rounding`]: [`Rounding::Exact`] keeps every number as f64 computes it (the seed's numbers,
//!   digit for digit); [`Rounding::Printed`]`(places)` rounds every number the worked solution prints
//!   to that many places right after it is computed and before it is used (`--carry-rounded`), so each
//!   line of an answer sheet follows, on a calculator, from the lines above it;
//! - a [`Given`]: values to use in place of computed ones, for marking with error carried forward. Each
//!   given quantity replaces the computed one right after it is computed (and rounded), and everything
//!   downstream uses the given value. [`Given::none`] computes everything.
//!
//! The quantities an exercise asks for are [`Quantity`] values, in the order of
//! [`Trace::asked`](crate::Trace::asked): every neuron's out (layer by layer, for each example), the
//! total error, then every updated weight (numbered as in the documents) and, when the step updates
//! them, every updated bias. [`Trace::value`](crate::Trace::value) reads a quantity from a trace.
//!
//! ```
//! use handprop::step::{Given, Quantity, Rounding};
//! let network = handprop::spec::seed();
//! // A student answered out_h1 = 0.6 (instead of 0.5933): carry it forward.
//! let mut given = Given::none();
//! given.insert(Quantity::Out { example: 0, layer: 0, neuron: 0 }, 0.6);
//! let trace = handprop::Trace::compute(&network, Rounding::Printed(4), &given).unwrap();
//! assert_eq!(trace.value(Quantity::Out { example: 0, layer: 0, neuron: 0 }), Some(0.6));
//! // net of o_1 = w5 · 0.6 + w6 · out_h2 + b2, from the given value:
//! assert_eq!(trace.layers[1].neurons[0].net, 1.1086);
//! ```
//!
//! The arithmetic is the seed's, operation for operation: sums run left to right starting with the
//! first term (`w₁·i₁ + w₂·i₂ + b·1`), the chain rule multiplies left to right
//! (`(out − target) · out · (1 − out) · out_h`), and the hidden layers' gradients use the weights as they
//! were before the update. The rounding is resolved once, outside the loops (the computation is
//! generic over it). `--steps` runs the same operations in the same order on exact numbers in flat
//! buffers allocated once (`step::descent`), allocating nothing per step.

mod asked;
pub(crate) mod descent;
pub(crate) mod workspace;

use crate::network::Network;
use workspace::{Computed, Keep, Workspace};

use std::collections::BTreeMap;

use crate::number::Precision;

/// E_total of `network` before its step, exact: the forward pass and the error alone.
pub(crate) fn total_error(network: &Network) -> f64 {
    Workspace::new(network).forward_and_error(network, Keep, &Computed)
}

/// What happens to each printed intermediate before it is used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Rounding {
    /// Every number kept as f64 computes it.
    #[default]
    Exact,
    /// Every printed number rounded to this many decimal places (as the documents print it at
    /// `--precision places`) before it is used: `--carry-rounded`.
    Printed(u8),
}

/// `--carry-rounded` (or `carry_rounded = true`) at a precision without a number of places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("needs a number of places to round to")]
pub struct NeedsPlaces;

impl Rounding {
    /// The rounding of a document printed at `precision`, carried rounded when `carry` is set: the one
    /// place that decides that carrying rounded numbers needs a number of places.
    pub fn new(carry: bool, precision: Precision) -> Result<Rounding, NeedsPlaces> {
        match (carry, precision) {
            (false, _) => Ok(Rounding::Exact),
            (true, Precision::Places(places)) => Ok(Rounding::Printed(places)),
            (true, Precision::Full) => Err(NeedsPlaces),
        }
    }

    /// `x` as this rounding carries it.
    pub fn apply(self, x: f64) -> f64 {
        match self {
            Rounding::Exact => x,
            Rounding::Printed(places) => Precision::Places(places).carried(x),
        }
    }

    /// True when numbers are carried rounded.
    pub fn is_carried(self) -> bool {
        self != Rounding::Exact
    }
}

/// One quantity of a step that an exercise can ask for. Layers, neurons, inputs and examples count
/// from 0; `layer` is the index in [`Network::layers`](crate::Network::layers) (the output layer last).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Quantity {
    /// out of neuron `neuron` of layer `layer`, for example `example` of the batch (0 for one example).
    Out {
        /// The example, from 0.
        example: usize,
        /// The layer, from 0.
        layer: usize,
        /// The neuron, from 0.
        neuron: usize,
    },
    /// E_total, the step's total error (for a batch, the mean over its examples).
    TotalError,
    /// The weight into neuron `neuron` of layer `layer` from input (or neuron) `input` of the layer
    /// before, after the update.
    UpdatedWeight {
        /// The layer, from 0.
        layer: usize,
        /// The neuron it feeds, from 0.
        neuron: usize,
        /// The input or neuron of the layer before it comes from, from 0.
        input: usize,
    },
    /// Bias number `index` of layer `layer` (0 for a shared bias), after the update.
    UpdatedBias {
        /// The layer, from 0.
        layer: usize,
        /// The bias within the layer, from 0.
        index: usize,
    },
}

/// Values to use in place of computed ones (a student's answers, for marking with error carried
/// forward): each replaces its quantity right after the quantity is computed and rounded, and every
/// later number is computed from it. Quantities not given are computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    values: BTreeMap<Quantity, f64>,
}

impl Given {
    /// Nothing given: every number computed.
    pub fn none() -> Given {
        Given::default()
    }

    /// Uses `value` for `quantity`; replaces a value given before.
    pub fn insert(&mut self, quantity: Quantity, value: f64) {
        self.values.insert(quantity, value);
    }

    /// The value given for `quantity`, if any.
    pub fn get(&self, quantity: Quantity) -> Option<f64> {
        self.values.get(&quantity).copied()
    }

    /// True when nothing is given.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl FromIterator<(Quantity, f64)> for Given {
    fn from_iter<I: IntoIterator<Item = (Quantity, f64)>>(iter: I) -> Given {
        Given {
            values: iter.into_iter().collect(),
        }
    }
}

/// The first quantity of a step that is not a finite number (the f64 arithmetic overflowed), named as
/// the documents name it.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    /// The quantity, such as `net of h_1` or `E_total after 5 steps`.
    pub quantity: String,
    /// Its value: inf, -inf or NaN.
    pub value: f64,
}
