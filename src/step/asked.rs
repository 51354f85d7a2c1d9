//! The quantities an exercise asks for, in the one order every key, sheet and quiz uses, and reading a
//! quantity's value from a trace.

use super::Quantity;
use crate::trace::Trace;

impl Trace {
    /// The quantities an exercise of this step asks for, in the order of the key: every neuron's out,
    /// layer by layer, the total error, then every updated weight in the order of their numbers and,
    /// when the step updates biases, every updated bias.
    pub fn asked(&self) -> Vec<Quantity> {
        let mut asked = Vec::new();
        for (layer, l) in self.layers.iter().enumerate() {
            let outs = (0..l.neurons.len()).map(|neuron| Quantity::Out {
                example: 0,
                layer,
                neuron,
            });
            asked.extend(outs);
        }
        asked.push(Quantity::TotalError);
        for (layer, l) in self.layers.iter().enumerate() {
            for (neuron, n) in l.neurons.iter().enumerate() {
                let weights = (0..n.weights.len()).map(|input| Quantity::UpdatedWeight {
                    layer,
                    neuron,
                    input,
                });
                asked.extend(weights);
            }
        }
        if self.update_biases {
            for (layer, l) in self.layers.iter().enumerate() {
                asked.extend(
                    (0..l.biases.len()).map(|index| Quantity::UpdatedBias { layer, index }),
                );
            }
        }
        asked
    }

    /// The value of `quantity` in this step; None when the step has no such quantity.
    pub fn value(&self, quantity: Quantity) -> Option<f64> {
        match quantity {
            Quantity::Out {
                example: 0,
                layer,
                neuron,
            } => Some(self.layers.get(layer)?.neurons.get(neuron)?.out),
            Quantity::Out {
                example,
                layer,
                neuron,
            } => Some(*self.examples.get(example)?.outs.get(layer)?.get(neuron)?),
            Quantity::TotalError => Some(self.total_error),
            Quantity::UpdatedWeight {
                layer,
                neuron,
                input,
            } => {
                let neuron = self.layers.get(layer)?.neurons.get(neuron)?;
                Some(neuron.weights.get(input)?.updated)
            }
            Quantity::UpdatedBias { layer, index } => {
                Some(self.layers.get(layer)?.biases.get(index)?.updated)
            }
        }
    }

    /// The TeX name of `quantity`'s symbol: the neuron (`h_1`) of an out, the weight (`w_5`) or the bias
    /// (`b_2`) of an updated one, empty for the total error; None when the step has no such quantity.
    pub fn symbol(&self, quantity: Quantity) -> Option<&str> {
        Some(match quantity {
            Quantity::Out { layer, neuron, .. } => {
                &self.layers.get(layer)?.neurons.get(neuron)?.symbol
            }
            Quantity::TotalError => "",
            Quantity::UpdatedWeight {
                layer,
                neuron,
                input,
            } => {
                &self
                    .layers
                    .get(layer)?
                    .neurons
                    .get(neuron)?
                    .weights
                    .get(input)?
                    .symbol
            }
            Quantity::UpdatedBias { layer, index } => {
                &self.layers.get(layer)?.biases.get(index)?.symbol
            }
        })
    }
}
