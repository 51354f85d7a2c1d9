//! The trace's numbers beyond one example under the seed's loss: each example of a batch (the
//! document writes the first in full and the others in a table), and weight decay's extra terms.

use serde::Serialize;

use crate::derivation::Notation;
use crate::network::Network;
use crate::step::workspace::Workspace;

/// One example of a batch: what it puts in and gets out, its error and its own gradients.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleTrace {
    /// Its number, from 1.
    pub number: usize,
    /// Its inputs.
    pub inputs: Vec<f64>,
    /// Its targets.
    pub targets: Vec<f64>,
    /// net of every neuron, layer by layer.
    pub nets: Vec<Vec<f64>>,
    /// out of every neuron, layer by layer.
    pub outs: Vec<Vec<f64>>,
    /// δ = ∂E/∂net of every neuron, layer by layer.
    pub deltas: Vec<Vec<f64>>,
    /// The error of each output neuron.
    pub errors: Vec<f64>,
    /// The example's error, the sum of `errors`.
    pub error: f64,
    /// ∂E/∂w of this example for every weight, in the order of their numbers.
    pub weight_grads: Vec<f64>,
    /// ∂E/∂b of this example for every bias, in the order of their numbers.
    pub bias_grads: Vec<f64>,
    /// The example's numbers only the matrix notation writes (not in `-f json`).
    #[serde(skip)]
    pub columns: ExampleColumns,
}

/// The numbers of one example of a batch that only a matrix-notation document writes, one column of
/// each of its matrices: ∂E/∂out, f′(net) and, in a softmax layer, e^net and Σ e^net, layer by layer.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ExampleColumns {
    /// ∂E/∂out of every neuron, layer by layer.
    pub d_out: Vec<Vec<f64>>,
    /// f′(net), written with out, of every neuron, layer by layer.
    pub derivative: Vec<Vec<f64>>,
    /// e^net of every neuron of a softmax layer (0 elsewhere), layer by layer.
    pub exp_net: Vec<Vec<f64>>,
    /// Σ e^net of a softmax layer (0 for other layers).
    pub exp_sum: Vec<f64>,
}

/// Weight decay: λ and the terms it adds.
#[derive(Debug, Clone, Serialize)]
pub struct Decay {
    /// λ.
    pub lambda: f64,
    /// The error before the decay term: the (mean) loss.
    pub loss_error: f64,
    /// (λ/2) Σ w² over every weight.
    pub term: f64,
}

impl crate::trace::Trace {
    /// The maths the documents do not write out yet (a loss other than the seed's, a batch, weight
    /// decay, a layer without biases, a softmax output), if any: its name, for the refusal.
    pub fn unwritten_maths(&self) -> Option<&'static str> {
        use crate::activation::Activation;
        if self.loss != crate::loss::Loss::HalfSquaredError {
            return Some("a loss other than half_squared_error");
        }
        if !self.examples.is_empty() {
            return Some("a batch of examples");
        }
        if self.weight_decay.is_some() {
            return Some("weight decay");
        }
        if self.layers.iter().any(|l| l.biases.is_empty()) {
            return Some("a layer without biases");
        }
        if self
            .layers
            .iter()
            .any(|l| l.activation == Activation::Softmax)
        {
            return Some("a softmax output");
        }
        None
    }

    /// The maths a worked document in `notation` does not write out yet, if any. Both notations write
    /// every loss, softmax, weight decay, layers without a bias and a batch under any of them.
    pub fn unwritten_in_document(&self, notation: Notation) -> Option<&'static str> {
        match notation {
            Notation::Scalar | Notation::Matrix => None,
        }
    }

    /// [`Trace::unwritten_in_document`] as an error naming `source`.
    pub(crate) fn document_written(
        &self,
        source: &str,
        notation: Notation,
    ) -> crate::error::Result<()> {
        refusal(source, self.unwritten_in_document(notation))
    }
}

/// The one-line refusal of a document of `what`, naming `source`.
fn refusal(source: &str, what: Option<&str>) -> crate::error::Result<()> {
    match what {
        Some(what) => Err(crate::error::Error::Usage(format!(
            "{source}: documents of {what} are not written yet; -f json gives every number of the step"
        ))),
        None => Ok(()),
    }
}

/// Every example of a batch of more than one; empty for one example.
pub(crate) fn examples(network: &Network, workspace: &Workspace) -> Vec<ExampleTrace> {
    if workspace.passes.len() < 2 {
        return Vec::new();
    }
    (workspace.passes.iter().enumerate())
        .map(|(e, pass)| ExampleTrace {
            number: e + 1,
            inputs: network.inputs[e].clone(),
            targets: network.targets[e].clone(),
            nets: pass.net.clone(),
            outs: pass.out.clone(),
            deltas: pass.delta.clone(),
            errors: pass.errors.clone(),
            error: pass.error,
            weight_grads: pass.grad_w.concat(),
            bias_grads: pass.grad_b.concat(),
            columns: ExampleColumns {
                d_out: pass.d_out.clone(),
                derivative: (network.layers.iter().zip(&pass.out))
                    .map(|(layer, out)| {
                        out.iter()
                            .map(|&o| layer.activation.derivative(o))
                            .collect()
                    })
                    .collect(),
                exp_net: pass.exp_net.clone(),
                exp_sum: pass.exp_sum.clone(),
            },
        })
        .collect()
}

/// The decay's numbers, with weight decay.
pub(crate) fn decay(network: &Network, workspace: &Workspace) -> Option<Decay> {
    network.weight_decay.map(|lambda| Decay {
        lambda,
        loss_error: workspace.mean_error,
        term: workspace.decay_error,
    })
}
