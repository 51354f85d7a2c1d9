//! Which draws make good exercises. A draw is turned down when a neuron saturates for any example of the
//! batch (a sigmoid's out below 0.02 or above 0.98, a tanh's beyond ±0.96, a ReLU that is off: its slope
//! is then nearly zero and the exercise teaches nothing; a softmax output below 0.02 or above 0.98: the
//! class is all but decided, and its ln reads as a large round number), when a
//! gradient or a weight's change reads 0 at the set's precision (the student would see no update), or
//! when two asked answers print the same (a copied answer would pass).

use std::collections::HashSet;

use crate::activation::Activation;

use super::key::{self, Answer};
use crate::number::Precision;
use crate::trace::Trace;

/// The lowest and highest out a neuron may have.
pub const OUT_RANGE: (f64, f64) = (0.02, 0.98);

/// Why a draw was turned down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// A neuron's out is outside [`OUT_RANGE`].
    Saturated,
    /// A gradient or a weight's change reads 0 at the precision.
    ChangeReadsZero,
    /// Two answers print the same.
    AnswersCoincide,
    /// The numbers of a variant drawn before.
    Duplicate,
}

impl Reason {
    /// Every reason, in the order the key lists them.
    pub const ALL: [Reason; 4] = [
        Reason::Saturated,
        Reason::ChangeReadsZero,
        Reason::AnswersCoincide,
        Reason::Duplicate,
    ];
}

impl Reason {
    /// The constraint, for the message when no good variant can be drawn, and how to loosen it.
    pub fn explain(self) -> (&'static str, &'static str) {
        match self {
            Reason::Saturated => (
                "a neuron saturates (a sigmoid's out below 0.02 or above 0.98, a tanh's beyond ±0.96, or a ReLU off; a softmax's out outside the same range; for any example of a batch)",
                "a network with fewer inputs or neurons per layer keeps every out in range",
            ),
            Reason::ChangeReadsZero => (
                "a gradient or a weight's change reads 0 at the chosen precision",
                "give a larger --precision",
            ),
            Reason::AnswersCoincide => (
                "two answers print the same at the chosen precision",
                "give a larger --precision",
            ),
            Reason::Duplicate => (
                "it repeats a variant drawn before",
                "this network has fewer different variants than --count asks for; ask for fewer",
            ),
        }
    }
}

/// True when a neuron's slope is (nearly) zero, so that its exercise teaches nothing: a sigmoid's out
/// outside [`OUT_RANGE`], a tanh's beyond ±0.96 (the same slope, 1 − out² < 0.08), a ReLU that is off;
/// an identity never saturates. A softmax output outside [`OUT_RANGE`] saturates too: one class takes
/// (nearly) everything, and out − target barely moves the weights.
fn saturates(activation: Activation, out: f64) -> bool {
    let (low, high) = OUT_RANGE;
    match activation {
        Activation::Sigmoid | Activation::Softmax => !(low..=high).contains(&out),
        Activation::Tanh => out.abs() > 0.96,
        Activation::Relu => out <= 0.0,
        Activation::Identity => false,
    }
}

/// The first rule `trace` breaks, with its answers printed at `precision`; None for a good exercise.
pub fn judge(trace: &Trace, answers: &[Answer], precision: Precision) -> Option<Reason> {
    let neurons = || trace.layers.iter().flat_map(|l| &l.neurons);
    let saturated = trace.layers.iter().enumerate().any(|(l, layer)| {
        let first = layer.neurons.iter().map(|n| n.out);
        let others = (trace.examples.iter()).flat_map(|x| x.outs[l].iter().copied());
        first
            .chain(others)
            .any(|out| saturates(layer.activation, out))
    });
    if saturated {
        return Some(Reason::Saturated);
    }
    let weights = neurons().flat_map(|n| &n.weights);
    let mut changes = (weights.map(|w| (w.grad, w.value, w.updated)))
        .chain(key::updated_biases(trace).map(|b| (b.grad, b.value, b.updated)));
    let invisible = changes.any(|(grad, before, after)| {
        precision.reads_zero(grad) || precision.plain(after) == precision.plain(before)
    });
    if invisible {
        return Some(Reason::ChangeReadsZero);
    }
    let mut seen = HashSet::with_capacity(answers.len());
    if !answers.iter().all(|a| seen.insert(a.text.as_str())) {
        return Some(Reason::AnswersCoincide);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::key;
    use crate::spec;

    fn verdict(toml: &str, places: u8) -> Option<Reason> {
        let trace = Trace::new(&spec::parse(toml, "test.toml").unwrap().network);
        let precision = Precision::Places(places);
        judge(&trace, &key::answers(&trace, precision), precision)
    }

    #[test]
    fn the_seed_is_a_good_exercise_at_four_places_but_not_at_three() {
        assert_eq!(verdict(spec::SEED_TOML, 4), None);
        // ∂E/∂w1 = 0.000438…: η·∂E/∂w1 = 0.000219… leaves w1 at 0.150 to three places.
        assert_eq!(verdict(spec::SEED_TOML, 3), Some(Reason::ChangeReadsZero));
    }

    #[test]
    fn a_saturated_neuron_is_turned_down() {
        let toml = spec::SEED_TOML.replace("bias = 0.60", "bias = 4.0");
        assert_eq!(verdict(&toml, 4), Some(Reason::Saturated));
    }

    #[test]
    fn coinciding_answers_are_turned_down() {
        // Two equal hidden neurons: out_h1 = out_h2.
        let toml = spec::SEED_TOML.replace("[0.25, 0.30]", "[0.15, 0.20]");
        assert_eq!(verdict(&toml, 4), Some(Reason::AnswersCoincide));
    }

    /// A softmax cross-entropy network whose first output's bias is `bias`.
    fn softmax(bias: f64) -> String {
        format!(
            "learning_rate = 0.5\nloss = \"cross_entropy\"\ninputs = [0.5, 0.5]\ntargets = [1, 0]\n\
             [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\nbias = 0.35\n\
             [[layers]]\nweights = [[0.4, 0.45], [0.5, 0.55]]\nbias = [{bias:?}, 0.1]\nactivation = \"softmax\"\n"
        )
    }

    #[test]
    fn a_saturated_softmax_output_is_turned_down() {
        // net of o_1 about 5.4 against 0.7: out_o1 = 1 / (1 + e^(−4.7)) ≈ 0.991 > 0.98.
        assert_eq!(verdict(&softmax(5.0), 4), Some(Reason::Saturated));
        // about 0.5 each: in range (other rules may still speak, saturation does not)
        assert_ne!(verdict(&softmax(0.1), 4), Some(Reason::Saturated));
    }

    #[test]
    fn a_neuron_that_saturates_for_a_later_example_of_a_batch_is_turned_down() {
        // h_1's net is 2.5·(x₁ + x₂): 0.25 for the first example (out 0.562), 4.75 for the second
        // (out 0.9914 > 0.98).
        let batch = |inputs: &str, targets: &str| {
            format!(
                "learning_rate = 0.5\ninputs = {inputs}\ntargets = {targets}\n\
                 [[layers]]\nweights = [[2.5, 2.5], [0.25, 0.3]]\nbias = 0.0\n\
                 [[layers]]\nweights = [[0.4, 0.45]]\nbias = 0.1\n"
            )
        };
        let two = batch("[[0.05, 0.05], [0.95, 0.95]]", "[[0.2], [0.7]]");
        assert_eq!(verdict(&two, 4), Some(Reason::Saturated));
        let first = batch("[0.05, 0.05]", "[0.2]");
        assert_ne!(verdict(&first, 4), Some(Reason::Saturated));
    }
}
