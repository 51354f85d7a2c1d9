//! Loss functions: each output's error and its derivative ∂E/∂out side by side, as the documents write
//! them (the error of an example is the sum over its outputs; a batch's is the mean over its examples).

use serde::{Deserialize, Serialize};

/// How an example's error is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Loss {
    /// ½ Σ (target − out)², the seed's; ∂E/∂out = out − target.
    #[default]
    HalfSquaredError,
    /// Σ (target − out)²; ∂E/∂out = 2 (out − target).
    SquaredError,
    /// (1/n) Σ (target − out)² over the n outputs; ∂E/∂out = (2/n) (out − target).
    MeanSquaredError,
    /// With a softmax output −Σ target · ln out, with sigmoid outputs
    /// −Σ [target · ln out + (1 − target) · ln(1 − out)]; either way δ = ∂E/∂net = out − target.
    CrossEntropy,
}

impl Loss {
    /// Every loss, in the order the documentation lists them.
    pub const ALL: [Loss; 4] = [
        Loss::HalfSquaredError,
        Loss::SquaredError,
        Loss::MeanSquaredError,
        Loss::CrossEntropy,
    ];

    /// The name a network file gives it.
    pub fn name(self) -> &'static str {
        match self {
            Loss::HalfSquaredError => "half_squared_error",
            Loss::SquaredError => "squared_error",
            Loss::MeanSquaredError => "mean_squared_error",
            Loss::CrossEntropy => "cross_entropy",
        }
    }

    /// True for cross-entropy, whose output δ is out − target.
    #[inline]
    pub fn is_cross_entropy(self) -> bool {
        self == Loss::CrossEntropy
    }

    /// The error of one output of `outputs` outputs; `softmax` for a softmax output layer (cross-entropy
    /// then counts only −target · ln out). A target of 0 (or 1) adds nothing to the cross-entropy,
    /// whatever the out: 0 · ln 0 is taken as 0.
    #[inline]
    pub fn error(self, target: f64, out: f64, outputs: usize, softmax: bool) -> f64 {
        let (t, o) = (target, out);
        match self {
            Loss::HalfSquaredError => 0.5 * (t - o) * (t - o),
            Loss::SquaredError => (t - o) * (t - o),
            Loss::MeanSquaredError => (t - o) * (t - o) / outputs as f64,
            Loss::CrossEntropy => {
                let positive = if t == 0.0 { 0.0 } else { t * o.ln() };
                let negative = if softmax || t == 1.0 {
                    0.0
                } else {
                    (1.0 - t) * (1.0 - o).ln()
                };
                -(positive + negative)
            }
        }
    }

    /// ∂E/∂out of one output.
    #[inline]
    pub fn d_out(self, target: f64, out: f64, outputs: usize, softmax: bool) -> f64 {
        let (t, o) = (target, out);
        match self {
            Loss::HalfSquaredError => o - t,
            Loss::SquaredError => 2.0 * (o - t),
            Loss::MeanSquaredError => 2.0 * (o - t) / outputs as f64,
            Loss::CrossEntropy if softmax => -t / o,
            Loss::CrossEntropy => -t / o + (1.0 - t) / (1.0 - o),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_derivative_matches_a_central_difference() {
        for loss in Loss::ALL {
            for (t, o) in [(0.2, 0.7), (1.0, 0.4), (0.0, 0.3)] {
                let h = 1e-6;
                let e = |o: f64| loss.error(t, o, 3, false);
                let numeric = (e(o + h) - e(o - h)) / (2.0 * h);
                let analytic = loss.d_out(t, o, 3, false);
                assert!((numeric - analytic).abs() < 1e-6, "{loss:?} {t} {o}");
            }
        }
    }

    #[test]
    fn names_read_back() {
        for loss in Loss::ALL {
            let text = format!("\"{}\"", loss.name());
            assert_eq!(serde_json::from_str::<Loss>(&text).unwrap(), loss);
        }
    }
}
