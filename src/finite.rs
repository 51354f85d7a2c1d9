//! Finiteness: the first quantity of a trace that is not a finite number, named as the documents name
//! it. A step whose f64 arithmetic overflows is refused rather than printed with inf or NaN in it.

use crate::step::Overflow;
use crate::trace::Trace;

impl Trace {
    /// Ok when every number of the step (and of its training run) is finite, else the first that is
    /// not.
    pub(crate) fn finite(&self) -> Result<(), Overflow> {
        match self.first_non_finite() {
            Some((quantity, value)) => Err(Overflow { quantity, value }),
            None => Ok(()),
        }
    }

    /// Ok when a softmax layer's e^net and their sum, which the documents print, are finite and the sum
    /// is not 0 (JSON does without them: its outs are computed from e^(net − max) then).
    pub(crate) fn softmax_written(&self) -> Result<(), Overflow> {
        for layer in self.layers.iter().filter(|l| l.exp_sum.is_some()) {
            for n in &layer.neurons {
                let exp = n.exp_net.unwrap_or_default();
                if !exp.is_finite() {
                    let quantity = format!("e^net of {}", n.symbol);
                    return Err(Overflow {
                        quantity,
                        value: exp,
                    });
                }
            }
            if layer.exp_sum == Some(0.0) {
                let quantity = "Σ e^net of the output layer (every e^net underflows to 0)".into();
                return Err(Overflow {
                    quantity,
                    value: 0.0,
                });
            }
        }
        Ok(())
    }

    /// The first quantity of the step that is not a finite number (the f64 arithmetic overflowed), named
    /// as the document names it, with its value; `None` when every number is finite.
    fn first_non_finite(&self) -> Option<(String, f64)> {
        let mut quantities: Vec<(String, f64)> = Vec::new();
        for layer in &self.layers {
            for n in &layer.neurons {
                quantities.push((format!("net of {}", n.symbol), n.net));
                quantities.push((format!("out of {}", n.symbol), n.out));
                quantities.push((format!("∂E_total/∂out of {}", n.symbol), n.d_out));
                quantities.extend(
                    n.d_out_terms
                        .iter()
                        .map(|t| (format!("a term of ∂E_total/∂out of {}", n.symbol), t.value)),
                );
                quantities.push((format!("δ of {}", n.symbol), n.delta));
                for w in &n.weights {
                    quantities.push((format!("∂E_total/∂{}", w.symbol), w.grad));
                    quantities.push((format!("the updated {}", w.symbol), w.updated));
                }
            }
        }
        quantities.extend(
            self.errors
                .iter()
                .map(|e| (format!("E of {}", e.symbol), e.error)),
        );
        for example in &self.examples {
            let number = example.number;
            let outs = example.outs.iter().flatten();
            let values = outs.chain(&example.errors).chain(&example.weight_grads);
            quantities.extend(values.map(|&x| (format!("a number of example {number}"), x)));
        }
        quantities.push(("E_total".into(), self.total_error));
        quantities.push(("E_total after the update".into(), self.total_error_after));
        for layer in &self.layers {
            quantities.extend(
                layer
                    .biases
                    .iter()
                    .map(|b| (format!("∂E_total/∂{}", b.symbol), b.grad)),
            );
            quantities.extend(
                layer
                    .biases
                    .iter()
                    .map(|b| (format!("the updated {}", b.symbol), b.updated)),
            );
        }
        if let Some(Some(c)) = self.training.as_ref().map(|t| t.diverged) {
            quantities.push((format!("E_total after {} steps", c.step), c.total_error));
        }
        if let Some(training) = &self.training {
            quantities.extend(
                training
                    .checkpoints
                    .iter()
                    .map(|c| (format!("E_total after {} steps", c.step), c.total_error)),
            );
        }
        quantities.into_iter().find(|(_, value)| !value.is_finite())
    }
}
