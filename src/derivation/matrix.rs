//! The plan of a document in matrix notation: each layer's forward pass, error term, gradient and update
//! as a few equations of vectors and matrices, numbered by the same [`Plan`](super::Plan) as the scalar
//! notation's. A matrix too wide for a line is written in blocks of columns (Wa = Σ W₍:,B₎a_B over the
//! blocks B), one line each; the blocks are decided here, so that templates only walk them.

use serde::Serialize;

use super::{Derivation, Notation, Plan, SectionKind, StepKind};
use crate::number::Precision;
use crate::trace::Trace;

/// A block of consecutive columns of a matrix (rows of a vector it multiplies): `start..end` from 0,
/// and `first..=last` from 1 as the document prints them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Block {
    /// The first column, from 0.
    pub start: usize,
    /// One past the last column, from 0.
    pub end: usize,
    /// The first column, from 1.
    pub first: usize,
    /// The last column, from 1.
    pub last: usize,
}

/// How many columns of a matrix a line holds: two numbers of 17 digits side by side with a vector and
/// a sum beside them fill a printed line (and a phone's screen scrolls no more than one matrix); four
/// of a few places.
pub fn columns_per_line(precision: Precision) -> usize {
    match precision {
        Precision::Full => 2,
        Precision::Places(p) if p <= 4 => 4,
        Precision::Places(_) => 3,
    }
}

/// The columns `0..columns` in blocks of at most `per_line` (one block when they fit).
fn blocks(columns: usize, per_line: usize) -> Vec<Block> {
    let per_line = per_line.max(1);
    (0..columns)
        .step_by(per_line)
        .map(|start| {
            let end = (start + per_line).min(columns);
            Block {
                start,
                end,
                first: start + 1,
                last: end,
            }
        })
        .collect()
}

/// The matrix-notation plan of `trace`, at most `per_line` columns of a matrix to a line. A batch's
/// matrices of one column per example (X, Z, A, Δ) come in blocks of `per_line` examples too.
pub(super) fn plan(trace: &Trace, per_line: usize) -> Derivation {
    use SectionKind as S;
    use StepKind::*;
    let output = trace.layers.len() - 1;
    let fan_in = |l: usize| blocks(trace.layers[l].neurons[0].weights.len(), per_line);
    let width = |l: usize| blocks(trace.layers[l].neurons.len(), per_line);
    let examples = blocks(trace.examples.len(), per_line);
    let mut plan = Plan::new(trace);
    plan.section(S::Forward, false, None);
    plan.section(S::Parameters, true, None);
    for l in 0..=output {
        plan.step_in_blocks(MatrixParameters, l, 0, 0, fan_in(l));
    }
    plan.step(MatrixInputs, 0, 0, 0);
    plan.by_examples(&examples);
    for l in 0..=output {
        let kind = if l == output {
            S::OutputForward
        } else {
            S::HiddenForward
        };
        plan.section(kind, true, Some(l));
        plan.step_in_blocks(MatrixNet, l, 0, 0, fan_in(l));
        plan.by_examples(&examples);
        plan.step(MatrixOut, l, 0, 0);
        plan.by_examples(&examples);
    }
    plan.section(S::Error, false, None);
    plan.step(MatrixError, output, 0, 0);
    if trace.weight_decay.is_some() {
        plan.step(MatrixDecay, output, 0, 0);
        if let Some(step) = plan.last_step() {
            step.layer_blocks = (0..=output).map(fan_in).collect();
        }
    }
    plan.section(S::Backward, false, None);
    for l in (0..=output).rev() {
        let kind = if l == output {
            S::OutputBackward
        } else {
            S::HiddenBackward
        };
        plan.section(kind, true, Some(l));
        if l == output {
            plan.step(MatrixOutputDelta, l, 0, 0);
        } else {
            plan.step_in_blocks(MatrixHiddenDelta, l, 0, 0, width(l + 1));
        }
        plan.by_examples(&examples);
        plan.step_in_blocks(MatrixWeightGradient, l, 0, 0, fan_in(l));
        plan.by_examples(&examples);
        plan.step_in_blocks(MatrixWeightUpdate, l, 0, 0, fan_in(l));
        if trace.update_biases && !trace.layers[l].biases.is_empty() {
            plan.step(MatrixBiasUpdate, l, 0, 0);
        }
    }
    plan.finish(Notation::Matrix)
}

impl Plan<'_> {
    /// The step just added.
    fn last_step(&mut self) -> Option<&mut super::Step> {
        self.sections.last_mut().and_then(|s| s.steps.last_mut())
    }

    /// The step just added is written in `examples`' blocks of columns (a batch's).
    fn by_examples(&mut self, examples: &[Block]) {
        if let Some(step) = self.last_step() {
            step.example_blocks = examples.to_vec();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_come_in_blocks_of_a_line() {
        let b = |start, end| Block {
            start,
            end,
            first: start + 1,
            last: end,
        };
        assert_eq!(blocks(2, 2), vec![b(0, 2)]);
        assert_eq!(blocks(5, 2), vec![b(0, 2), b(2, 4), b(4, 5)]);
        assert_eq!(blocks(1, 4), vec![b(0, 1)]);
        assert_eq!(blocks(10, 4), vec![b(0, 4), b(4, 8), b(8, 10)]);
    }
}
