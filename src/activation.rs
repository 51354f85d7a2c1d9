//! Activation functions: the forward formula and its local derivative side by side.

use serde::{Deserialize, Serialize};

/// The function a layer applies to each neuron's net input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// The logistic function 1 / (1 + e^(−net)); its derivative is out · (1 − out).
    #[default]
    Sigmoid,
}

impl Activation {
    /// out = f(net).
    pub fn apply(self, net: f64) -> f64 {
        match self {
            Activation::Sigmoid => 1.0 / (1.0 + (-net).exp()),
        }
    }

    /// upstream · f′(net), written with `out` as the seed writes it and multiplied left to right:
    /// for the sigmoid `upstream · out · (1 − out)`, which is not bit-for-bit `upstream · (out · (1 − out))`.
    pub fn chain(self, upstream: f64, out: f64) -> f64 {
        match self {
            Activation::Sigmoid => upstream * out * (1.0 - out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sigmoid_and_its_derivative() {
        let f = Activation::Sigmoid;
        assert_eq!(f.apply(0.0), 0.5);
        assert_eq!(f.apply(0.3775), 0.5932699921071872);
        let h = 1e-6;
        let numeric = (f.apply(0.3 + h) - f.apply(0.3 - h)) / (2.0 * h);
        let analytic = f.chain(1.0, f.apply(0.3));
        assert!((numeric - analytic).abs() < 1e-9);
    }
}
