//! Where an asked quantity sits in a step: a neuron's out, the total error, an updated weight or bias.

use crate::exercise::key::Asked;
use crate::trace::Trace;

/// An asked quantity's place in the trace; layers, neurons and inputs count from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Located {
    /// out of neuron `neuron` of layer `layer`.
    Out {
        /// The layer.
        layer: usize,
        /// The neuron.
        neuron: usize,
    },
    /// E_total.
    TotalError,
    /// A weight after the update.
    Weight {
        /// The layer of the neuron it feeds.
        layer: usize,
        /// That neuron.
        neuron: usize,
        /// The input or neuron of the layer before.
        input: usize,
    },
    /// A bias after the update.
    Bias {
        /// Its layer.
        layer: usize,
        /// Its index in the layer (0 for a shared bias).
        index: usize,
    },
}

impl Located {
    /// The asked quantity `a` of `trace`; the total error for a quantity the trace does not have.
    pub fn of(trace: &Trace, a: &Asked) -> Located {
        for (layer, l) in trace.layers.iter().enumerate() {
            for (neuron, n) in l.neurons.iter().enumerate() {
                if a.kind == "out" && n.symbol == a.symbol {
                    return Located::Out { layer, neuron };
                }
                let input = n.weights.iter().position(|w| w.symbol == a.symbol);
                if let (Some(input), "updated") = (input, a.kind) {
                    return Located::Weight {
                        layer,
                        neuron,
                        input,
                    };
                }
            }
            let index = l.biases.iter().position(|b| b.symbol == a.symbol);
            if let (Some(index), "updated") = (index, a.kind) {
                return Located::Bias { layer, index };
            }
        }
        Located::TotalError
    }

    /// The layer of a neuron's out; None for any other quantity.
    pub fn out_layer(self) -> Option<usize> {
        match self {
            Located::Out { layer, .. } => Some(layer),
            _ => None,
        }
    }

    /// Its name in the exercise pages' script: `out,1,0`, `E`, `w,1,0,1`, `b,0,0`.
    pub fn script_name(self) -> String {
        match self {
            Located::Out { layer, neuron } => format!("out,{layer},{neuron}"),
            Located::TotalError => "E".to_owned(),
            Located::Weight {
                layer,
                neuron,
                input,
            } => format!("w,{layer},{neuron},{input}"),
            Located::Bias { layer, index } => format!("b,{layer},{index}"),
        }
    }
}
