//! The plan of a mini-batch's document: the first example's forward and backward pass in full (its
//! own error E⁽¹⁾ and its own gradients ∂E⁽¹⁾/∂w, no update yet), the other examples "likewise" in a
//! table with the batch's error, their mean, then the mean gradient of each weight (and bias) with every
//! example's term, and the update.

use super::{Derivation, MAX_BATCH_TERMS, Notation, Plan, SectionKind as S, StepKind::*};
use crate::trace::Trace;

/// The plan for a trace of a batch of more than one example.
pub(super) fn plan(trace: &Trace) -> Derivation {
    let output = trace.layers.len() - 1;
    let mut plan = Plan::new(trace);
    plan.example = true;
    plan.section(S::Forward, false, None);
    plan.section(S::Parameters, true, None);
    for l in 0..output {
        plan.section(S::HiddenForward, true, Some(l));
        plan.forward(l);
    }
    plan.section(S::OutputForward, true, Some(output));
    plan.forward(output);
    plan.section(S::ExampleError, false, None);
    plan.step(ErrorDefinition, output, 0, 0);
    for k in 0..plan.width(output) {
        plan.step(OutputError, output, k, 0);
    }
    plan.step(TotalError, output, 0, 0);
    plan.section(S::Backward, false, None);
    plan.section(S::ExampleOutputBackward, true, Some(output));
    plan.gradients(output, true);
    for l in (0..output).rev() {
        plan.section(S::ExampleHiddenBackward, true, Some(l));
        plan.gradients(l, false);
    }
    plan.example = false;
    plan.section(S::Batch, false, None);
    if trace.weight_decay.is_some() {
        plan.step(DecayTerm, output, 0, 0);
    }
    plan.sum_step(BatchError, output, 0, 0);
    plan.section(S::BatchUpdate, false, None);
    for l in (0..=output).rev() {
        for j in 0..plan.width(l) {
            for k in 0..plan.fan_in(l) {
                plan.sum_step(MeanUpdate, l, j, k);
            }
        }
        if trace.update_biases {
            for b in 0..trace.layers[l].biases.len() {
                plan.sum_step(MeanBiasUpdate, l, b, 0);
            }
        }
    }
    plan.finish(Notation::Scalar)
}

impl Plan<'_> {
    /// The first example's gradients of layer `l`: its first weight by the chain rule, every other
    /// "likewise", and each bias's when biases are updated; nothing is updated yet.
    fn gradients(&mut self, l: usize, output: bool) {
        for j in 0..self.width(l) {
            match (j, output) {
                (0, true) => {
                    if self.trace.loss.is_cross_entropy() {
                        self.step(OutputDelta, l, 0, 0);
                    }
                    self.step(OutputGradient, l, 0, 0);
                }
                (0, false) => {
                    self.step(HiddenChain, l, 0, 0);
                    self.step(HiddenOutGradient, l, 0, 0);
                    self.step(HiddenGradient, l, 0, 0);
                }
                (_, true) => {}
                (_, false) => self.step(HiddenOutGradient, l, j, 0),
            }
            for k in (0..self.fan_in(l)).filter(|&k| (j, k) != (0, 0)) {
                self.step(GradientLikewise, l, j, k);
            }
        }
        if self.trace.update_biases {
            for b in 0..self.trace.layers[l].biases.len() {
                self.step(BiasGradient, l, b, 0);
            }
        }
    }

    /// A step with a sum over the examples: every term written, or for a batch of more than
    /// [`MAX_BATCH_TERMS`] the first few, ⋯, and the last.
    fn sum_step(&mut self, kind: super::StepKind, layer: usize, neuron: usize, weight: usize) {
        self.step(kind, layer, neuron, weight);
        let every_term = self.trace.examples.len() <= MAX_BATCH_TERMS;
        if let Some(step) = self.sections.last_mut().and_then(|s| s.steps.last_mut()) {
            step.full = every_term;
        }
    }
}
