//! Training runs (`--steps N`): N steps of gradient descent, the total error along the way and the
//! outputs at the end. Each step is the document's step: forward, backward with the weights before the
//! update, then the update.

use serde::Serialize;

use crate::network::Network;
use crate::step::descent::Descent;

/// The most steps `--steps` accepts.
pub const MAX_STEPS: usize = 10_000_000;

/// How many points the loss curve keeps at most (besides step 0 and the last).
const CURVE_POINTS: usize = 200;

/// The total error after some number of steps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Checkpoint {
    /// How many steps have been taken.
    pub step: usize,
    /// E_total after them.
    pub total_error: f64,
}

/// A training run.
#[derive(Debug, Clone, Serialize)]
pub struct Training {
    /// How many steps were taken.
    pub steps: usize,
    /// E_total after 1, 10, 100, … steps and after the last.
    pub checkpoints: Vec<Checkpoint>,
    /// E_total at evenly spaced steps from 0 to the last, for a loss curve.
    pub curve: Vec<Checkpoint>,
    /// The outputs after the last step.
    pub outputs: Vec<f64>,
    /// The targets, beside them.
    pub targets: Vec<f64>,
    /// True when the network is the seed's (Mazur's example), whose post prints other figures (set by
    /// [`crate::render::trace`], which knows the seed).
    pub is_mazur_example: bool,
    /// The first step after which E_total is not finite (the run diverged), if any; the run stops there.
    pub diverged: Option<Checkpoint>,
}

/// Trains `network` for `steps` steps (1 to [`MAX_STEPS`]). Every step is the one computation of
/// [`crate::step`], exact, run in flat buffers allocated once ([`Descent`]): a step allocates nothing
/// and records only E_total at the checkpoints and the curve's points.
pub fn train(network: &Network, steps: usize) -> Training {
    let stride = steps.div_ceil(CURVE_POINTS).max(1);
    let mut descent = Descent::new(network);
    let mut checkpoints = Vec::new();
    let mut curve = Vec::with_capacity(CURVE_POINTS + 2);
    let (mut next_power, mut next_point) = (1, 0);
    let mut step = 0;
    loop {
        let total_error = descent.total_error();
        let diverged = !total_error.is_finite();
        if step == next_power || step == next_point || step == steps || diverged {
            let point = Checkpoint { step, total_error };
            if step == next_power || step == steps {
                checkpoints.push(point);
                next_power *= 10;
            }
            if step == next_point || step == steps {
                curve.push(point);
                next_point += stride;
            }
            if step == steps || diverged {
                return Training {
                    steps,
                    checkpoints,
                    curve,
                    outputs: descent.outputs().to_vec(),
                    targets: network.targets[0].clone(),
                    is_mazur_example: false,
                    diverged: diverged.then_some(point),
                };
            }
        }
        descent.step();
        step += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_step_gives_the_document_s_closing_figure() {
        let run = train(&crate::spec::seed(), 1);
        assert_eq!(
            run.checkpoints,
            [Checkpoint {
                step: 1,
                total_error: 0.29102777369359933
            }]
        );
        assert_eq!(run.curve.len(), 2);
    }

    #[test]
    fn checkpoints_are_powers_of_ten_and_the_last_step() {
        let run = train(&crate::spec::seed(), 250);
        let steps: Vec<usize> = run.checkpoints.iter().map(|c| c.step).collect();
        assert_eq!(steps, [1, 10, 100, 250]);
        assert_eq!(run.curve.first().unwrap().step, 0);
        assert_eq!(run.curve.last().unwrap().step, 250);
        assert!(run.curve.len() <= CURVE_POINTS + 2);
    }
}
