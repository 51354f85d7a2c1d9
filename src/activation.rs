//! Activation functions: the forward formula and its local derivative side by side.

use serde::{Deserialize, Serialize};

/// The function a layer applies to each neuron's net input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Activation {
    /// The logistic function 1 / (1 + e^(−net)); its derivative is out · (1 − out).
    #[default]
    Sigmoid,
    /// tanh(net); its derivative is 1 − out².
    Tanh,
    /// max(0, net); its derivative is 1 for net > 0 and 0 otherwise (0 at net = 0 exactly, by choice).
    Relu,
    /// net itself; its derivative is 1.
    Identity,
    /// The output layer only: outⱼ = e^(netⱼ) / Σₖ e^(netₖ) (computed with the largest net taken out of
    /// every exponent); with cross-entropy, δⱼ = outⱼ − targetⱼ.
    Softmax,
}

impl Activation {
    /// out = f(net).
    #[inline]
    pub fn apply(self, net: f64) -> f64 {
        match self {
            // For a large negative net, e^(−net) overflows to inf and out is 0, never NaN.
            Activation::Sigmoid => 1.0 / (1.0 + (-net).exp()),
            Activation::Tanh => net.tanh(),
            // Written so that NaN stays NaN (a NaN net must not come out as a clean 0).
            Activation::Relu => {
                if net <= 0.0 {
                    0.0
                } else {
                    net
                }
            }
            Activation::Identity => net,
            // The numerator alone: the layer divides by the sum (see `crate::step`).
            Activation::Softmax => net.exp(),
        }
    }

    /// f′(net), from out as the chain rule writes it: out·(1 − out), 1 − out², 1 or 0, 1.
    #[inline]
    pub fn derivative(self, out: f64) -> f64 {
        match self {
            Activation::Sigmoid => out * (1.0 - out),
            Activation::Tanh => 1.0 - out * out,
            Activation::Relu => {
                if out > 0.0 {
                    1.0
                } else {
                    0.0
                }
            }
            Activation::Identity => 1.0,
            Activation::Softmax => out * (1.0 - out),
        }
    }

    /// upstream · f′(net), multiplied left to right as the document writes it: for the sigmoid
    /// `upstream · out · (1 − out)`, which is not bit-for-bit `upstream · (out · (1 − out))`.
    #[inline]
    pub fn chain(self, upstream: f64, out: f64) -> f64 {
        match self {
            Activation::Sigmoid | Activation::Softmax => upstream * out * (1.0 - out),
            Activation::Tanh => upstream * (1.0 - out * out),
            Activation::Relu | Activation::Identity => upstream * self.derivative(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Activation; 4] = [
        Activation::Sigmoid,
        Activation::Tanh,
        Activation::Relu,
        Activation::Identity,
    ];

    #[test]
    fn sigmoid_of_the_seed() {
        assert_eq!(Activation::Sigmoid.apply(0.0), 0.5);
        assert_eq!(Activation::Sigmoid.apply(0.3775), 0.5932699921071872);
    }

    #[test]
    fn each_derivative_matches_a_central_difference() {
        for f in ALL {
            for net in [-1.3, -0.2, 0.3, 2.1] {
                let h = 1e-6;
                let numeric = (f.apply(net + h) - f.apply(net - h)) / (2.0 * h);
                let analytic = f.chain(1.0, f.apply(net));
                assert!(
                    (numeric - analytic).abs() < 1e-8,
                    "{f:?} at {net}: {numeric} vs {analytic}"
                );
                assert_eq!(f.derivative(f.apply(net)), analytic);
            }
        }
    }

    #[test]
    fn nan_stays_nan() {
        for f in ALL {
            assert!(f.apply(f64::NAN).is_nan(), "{f:?}");
        }
    }

    #[test]
    fn relu_at_zero_has_derivative_zero() {
        assert_eq!(Activation::Relu.apply(0.0), 0.0);
        assert_eq!(
            Activation::Relu.derivative(Activation::Relu.apply(0.0)),
            0.0
        );
        assert_eq!(Activation::Relu.apply(-3.0), 0.0);
    }

    #[test]
    fn extreme_nets_give_finite_outputs() {
        for f in [Activation::Sigmoid, Activation::Tanh] {
            for net in [-1000.0, -1e300, 1000.0, 1e300] {
                let out = f.apply(net);
                assert!(out.is_finite(), "{f:?}({net}) = {out}");
                assert!(f.derivative(out).is_finite());
            }
        }
        assert_eq!(Activation::Sigmoid.apply(-1000.0), 0.0);
        assert_eq!(Activation::Sigmoid.apply(1000.0), 1.0);
    }
}
