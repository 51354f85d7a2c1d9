//! The backward-pass figure: the network diagram annotated with what backpropagation computed, each
//! neuron's error term δ above it and each edge's ∂E/∂w (each bias's ∂E/∂b) on it, the numbers rounded
//! for a figure to [`SIGNIFICANT`] significant digits.

use super::layout::Written;
use super::{Anchor, CHAR, Figure, Label, RADIUS, text_width};
use crate::number::Precision;
use crate::trace::Trace;

/// How many significant digits the figure's numbers have.
pub const SIGNIFICANT: usize = 4;

/// `x` to `digits` significant digits: `0.08217`, `-3.142`, `1234`, and beyond 10⁵ or below 10⁻⁴ in
/// scientific form, `4.386 \times 10^{-5}`; 0 as `0`.
pub fn significant(x: f64, digits: usize) -> String {
    if x == 0.0 || !x.is_finite() {
        return format!("{}", if x == 0.0 { 0.0 } else { x });
    }
    let digits = digits.max(1);
    let scientific = format!("{:.*e}", digits - 1, x);
    let (mantissa, exponent) = scientific.split_once('e').expect("{:e} writes an exponent");
    let exponent: i32 = exponent.parse().expect("{:e} writes an integer exponent");
    if (-4..5).contains(&exponent) {
        let places = (digits as i32 - 1 - exponent).max(0) as usize;
        format!("{x:.places$}")
    } else {
        format!("{mantissa} \\times 10^{{{exponent}}}")
    }
}

/// `∂E/∂symbol = value`, the value to [`SIGNIFICANT`] digits.
fn gradient(symbol: &str, value: f64) -> String {
    format!(
        "\\partial E/\\partial {symbol} = {}",
        significant(value, SIGNIFICANT)
    )
}

impl Figure {
    /// The backward pass of the trace: the network diagram with every edge's ∂E/∂w (and ∂E/∂b) and
    /// every neuron's δ. The inputs and targets at the sides are printed in `precision`.
    pub fn backward(trace: &Trace, precision: Precision) -> Figure {
        let deltas: Vec<String> = (trace.layers.iter().flat_map(|l| &l.neurons))
            .map(|n| {
                let delta = significant(n.delta, SIGNIFICANT);
                format!("\\delta_{{{}}} = {delta}", n.symbol)
            })
            .collect();
        let widest = deltas
            .iter()
            .map(|t| text_width(t, CHAR))
            .fold(0.0, f64::max);
        let written = Written {
            stretch: 1.5,
            clear: widest / 2.0,
            weight: &|w| gradient(&w.symbol, w.grad),
            bias: &|layer, n| gradient(&layer.biases[n].symbol, layer.biases[n].grad),
        };
        let mut figure = Figure::diagram(trace, precision, &written);
        // The neurons' circles follow the inputs' in the diagram, layer by layer.
        let circles = figure
            .circles
            .iter()
            .filter(|c| !c.bias)
            .skip(trace.inputs.len());
        let above: Vec<Label> = circles
            .zip(deltas)
            .map(|(circle, tex)| Label {
                at: (circle.at.0, circle.at.1 - RADIUS - 0.22),
                tex,
                anchor: Anchor::Centre,
            })
            .collect();
        figure.labels.extend(above);
        figure.fit(0.3);
        figure
    }
}

#[cfg(test)]
mod tests {
    use super::significant;

    #[track_caller]
    fn case(x: f64, shown: &str) {
        assert_eq!(significant(x, 4), shown);
    }

    #[test]
    fn four_significant_digits() {
        case(0.08216704056423077, "0.08217");
        case(-0.038098236516556236, "-0.03810");
        case(0.0004385677344743465, "0.0004386");
        case(5.40753e-8, "5.408 \\times 10^{-8}");
        case(123456.0, "1.235 \\times 10^{5}");
        case(1.23456, "1.235");
        case(9.99995, "10.00");
        case(0.0, "0");
        case(-0.0, "0");
    }
}
