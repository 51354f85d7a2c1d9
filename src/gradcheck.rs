//! The gradient check (`--check`): every backpropagated ∂E/∂w and ∂E/∂b beside a central finite
//! difference and their relative difference. The difference is the five-point central stencil
//! (E(θ − 2h) − 8E(θ − h) + 8E(θ + h) − E(θ + 2h)) / 12h with h = 10⁻³: its error (~h⁴) and its
//! rounding (~10⁻¹³) are far below those of the two-point (E(θ + h) − E(θ − h)) / 2h.

use serde::Serialize;

use crate::network::Network;
use crate::trace::Trace;

/// The step of the central difference.
pub const H: f64 = 1e-3;

/// One parameter's check.
#[derive(Debug, Clone, Serialize)]
pub struct GradientCheck {
    /// The parameter's name, such as `w_5` or `b_1`.
    pub symbol: String,
    /// ∂E_total/∂θ by backpropagation.
    pub backprop: f64,
    /// The five-point central difference of E_total in θ.
    pub numeric: f64,
    /// |backprop − numeric| / max(|backprop|, |numeric|, 10⁻¹²·max(1, E_total)): the last term keeps
    /// two gradients that are zero up to rounding from reading as different.
    pub relative: f64,
}

/// The check of every weight and bias of `network`, whose step `trace` records.
pub fn check(network: &Network, trace: &Trace) -> Vec<GradientCheck> {
    let mut checks = Vec::new();
    for (l, layer) in trace.layers.iter().enumerate() {
        for (j, neuron) in layer.neurons.iter().enumerate() {
            for (k, w) in neuron.weights.iter().enumerate() {
                let numeric = difference(network, |n, shift| n.layers[l].weights[j][k] += shift);
                checks.push(entry(&w.symbol, w.grad, numeric, trace.total_error));
            }
        }
        for (n, b) in layer.biases.iter().enumerate() {
            let numeric = difference(network, |net, shift| {
                net.layers[l].bias.as_mut_slice()[n] += shift;
            });
            checks.push(entry(&b.symbol, b.grad, numeric, trace.total_error));
        }
    }
    checks
}

/// The five-point central difference of E_total when `nudge` moves one parameter by a shift.
pub fn difference(network: &Network, nudge: impl Fn(&mut Network, f64)) -> f64 {
    let error_at = |shift: f64| {
        let mut moved = network.clone();
        nudge(&mut moved, shift);
        crate::step::total_error(&moved)
    };
    (error_at(-2.0 * H) - 8.0 * error_at(-H) + 8.0 * error_at(H) - error_at(2.0 * H)) / (12.0 * H)
}

fn entry(symbol: &str, backprop: f64, numeric: f64, total_error: f64) -> GradientCheck {
    // The stencil's own rounding is about 1.5·ε·E/h ≈ 3e-13·E: below that, both are zero.
    let floor = 1e-12 * total_error.max(1.0);
    let scale = backprop.abs().max(numeric.abs()).max(floor);
    let relative = if scale == 0.0 {
        0.0
    } else {
        (backprop - numeric).abs() / scale
    };
    GradientCheck {
        symbol: symbol.to_owned(),
        backprop,
        numeric,
        relative,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_s_gradients_agree_with_their_differences() {
        let network = crate::spec::seed();
        let checks = check(&network, &Trace::new(&network));
        let symbols: Vec<&str> = checks.iter().map(|c| c.symbol.as_str()).collect();
        assert_eq!(
            symbols,
            [
                "w_1", "w_2", "w_3", "w_4", "b_1", "w_5", "w_6", "w_7", "w_8", "b_2"
            ]
        );
        assert_eq!(checks[5].backprop, 0.08216704056423077);
        for c in &checks {
            assert!(c.relative < 1e-9, "{c:?}");
        }
    }
}
