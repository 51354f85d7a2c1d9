//! Where everything goes: the network diagram and the targets picture, laid out from the trace's shape.
//!
//! The network has a column per layer, inputs on the left with their values and outputs on the right with
//! their targets; each layer's bias unit sits below the column before it. Each gap between two columns
//! has one slot per neuron it leads to: the weights into neuron j are written where their edges cross
//! slot j, so labels of edges into the same neuron stand one above the other, and labels of edges from the
//! same neuron stand one beside the other.

use super::{Anchor, Arrow, CHAR, Circle, Figure, Label, RADIUS, ROW, SIDE_CHAR, text_width};
use crate::number::Precision;
use crate::trace::{LayerTrace, Trace, WeightTrace};

/// What a diagram writes on its edges and bias units: the label of a weight, and of bias `n` of a
/// layer (on its edge when each neuron has its own, beside the unit when they share one).
pub(super) struct Written<'a> {
    /// How much taller than the network figure's the rows are (1 for it).
    pub stretch: f64,
    /// How far from each column the edges' labels keep (0 for it), to leave room for labels above
    /// the neurons.
    pub clear: f64,
    pub weight: &'a dyn Fn(&WeightTrace) -> String,
    pub bias: &'a dyn Fn(&LayerTrace, usize) -> String,
}

/// `symbol = value`, the value as every number is printed.
fn equals(symbol: &str, value: f64, precision: Precision) -> String {
    format!("{symbol} = {}", precision.format(value))
}

/// The y of neuron `j` of a column of `n`, the columns centred on y = 0.
fn row(j: usize, n: usize) -> f64 {
    (j as f64 - (n as f64 - 1.0) / 2.0) * ROW
}

/// The segment between two centres, cut short by a radius at each end.
fn arrow(from: (f64, f64), to: (f64, f64)) -> Arrow {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let length = dx.hypot(dy);
    let (ux, uy) = (dx / length * RADIUS, dy / length * RADIUS);
    Arrow {
        from: (from.0 + ux, from.1 + uy),
        to: (to.0 - ux, to.1 - uy),
    }
}

/// The point a fraction `t` of the way from `a` to `b`.
fn along(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
}

/// The gap before a layer: the labels of the edges into each of its neurons (the weights, then the bias
/// when each neuron has its own), the width of a slot and of the whole gap.
struct Gap {
    labels: Vec<Vec<String>>,
    slot: f64,
    width: f64,
}

impl Gap {
    fn new(layer: &LayerTrace, written: &Written) -> Gap {
        let labels: Vec<Vec<String>> = (layer.neurons.iter().enumerate())
            .map(|(j, n)| {
                let weights = n.weights.iter().map(written.weight);
                let bias =
                    (n.bias.is_some() && !layer.shared_bias).then(|| (written.bias)(layer, j));
                weights.chain(bias).collect()
            })
            .collect();
        let slot = labels
            .iter()
            .flatten()
            .map(|t| text_width(t, CHAR))
            .fold(0.0, f64::max)
            + 0.15;
        let width =
            2.0 * RADIUS + slot * (layer.neurons.len() as f64 + 0.2) + 0.4 + 2.0 * written.clear;
        Gap {
            labels,
            slot,
            width,
        }
    }
}

impl Figure {
    /// The network diagram of the trace, every weight written on its edge.
    pub fn network(trace: &Trace, precision: Precision) -> Figure {
        let written = Written {
            stretch: 1.0,
            clear: 0.0,
            weight: &|w| equals(&w.symbol, w.value, precision),
            bias: &|layer, j| {
                (layer.neurons[j].bias.as_ref()).map_or_else(String::new, |bias| {
                    equals(&bias.symbol, bias.value, precision)
                })
            },
        };
        Figure::diagram(trace, precision, &written)
    }

    /// The network diagram of the trace: the inputs and targets at the sides (in `precision`), and
    /// on every edge and bias unit what `written` says.
    pub(super) fn diagram(trace: &Trace, precision: Precision, written: &Written) -> Figure {
        let mut names: Vec<Vec<&str>> =
            vec![trace.inputs.iter().map(|i| i.symbol.as_str()).collect()];
        names.extend(
            trace
                .layers
                .iter()
                .map(|l| l.neurons.iter().map(|n| n.symbol.as_str()).collect()),
        );
        let inputs: Vec<String> = trace
            .inputs
            .iter()
            .map(|i| equals(&i.symbol, i.value, precision))
            .collect();
        let targets: Vec<String> = (trace.errors.iter())
            .map(|e| {
                equals(
                    &format!("\\text{{target}}_{{{}}}", e.symbol),
                    e.target,
                    precision,
                )
            })
            .collect();
        let gaps: Vec<Gap> = trace
            .layers
            .iter()
            .map(|layer| Gap::new(layer, written))
            .collect();
        let left = inputs
            .iter()
            .map(|t| text_width(t, SIDE_CHAR))
            .fold(0.0, f64::max)
            + 0.2;
        let mut xs = vec![left + RADIUS];
        for gap in &gaps {
            xs.push(xs[xs.len() - 1] + gap.width);
        }
        let row = |j, n| row(j, n) * written.stretch;
        let centre = |c: usize, j: usize| (xs[c], row(j, names[c].len()));

        let mut figure = Figure::default();
        for (c, column) in names.iter().enumerate() {
            for (j, name) in column.iter().enumerate() {
                figure.circles.push(Circle {
                    at: centre(c, j),
                    tex: (*name).to_owned(),
                    bias: false,
                });
            }
        }
        let last = names.len() - 1;
        for (j, tex) in inputs.into_iter().enumerate() {
            figure
                .labels
                .push(Label::side(centre(0, j), tex, Anchor::End));
        }
        for (j, tex) in targets.into_iter().enumerate() {
            figure
                .labels
                .push(Label::side(centre(last, j), tex, Anchor::Start));
        }
        for (l, (layer, gap)) in trace.layers.iter().zip(gaps).enumerate() {
            let below = names[l].len();
            let unit = (xs[l], row(below, below) + 0.25 * ROW * written.stretch);
            let has_bias = figure.bias_unit(layer, unit, written);
            for (j, labels) in gap.labels.into_iter().enumerate() {
                let target = centre(l + 1, j);
                let t = (RADIUS + 0.2 + written.clear + gap.slot * (j as f64 + 0.5)) / gap.width;
                let sources: Vec<(f64, f64)> = (0..below)
                    .map(|k| centre(l, k))
                    .chain(has_bias.then_some(unit))
                    .collect();
                for (source, tex) in sources.iter().zip(labels) {
                    figure.labels.push(Label {
                        at: along(*source, target, t),
                        tex,
                        anchor: Anchor::Centre,
                    });
                }
                figure
                    .arrows
                    .extend(sources.iter().map(|&source| arrow(source, target)));
            }
        }
        figure.fit(0.3);
        figure
    }

    /// A layer's bias unit at `at`: named and valued beside it when the layer shares one bias; a `1`
    /// whose edges carry each neuron's bias otherwise; nothing (and false) for a layer without biases.
    fn bias_unit(&mut self, layer: &LayerTrace, at: (f64, f64), written: &Written) -> bool {
        let Some(bias) = &layer.neurons[0].bias else {
            return false;
        };
        if layer.shared_bias {
            self.circles.push(Circle {
                at,
                tex: bias.symbol.clone(),
                bias: true,
            });
            self.labels
                .push(Label::side(at, (written.bias)(layer, 0), Anchor::End));
        } else {
            self.circles.push(Circle {
                at,
                tex: "1".to_owned(),
                bias: true,
            });
        }
        true
    }

    /// The picture of §2: each output neuron with its output and its target beside it.
    pub fn targets(trace: &Trace, precision: Precision) -> Figure {
        let mut figure = Figure::default();
        let n = trace.errors.len();
        for (k, e) in trace.errors.iter().enumerate() {
            let at = (RADIUS, row(k, n));
            figure.circles.push(Circle {
                at,
                tex: e.symbol.clone(),
                bias: false,
            });
            figure.arrows.push(Arrow {
                from: (2.0 * RADIUS, at.1),
                to: (2.0 * RADIUS + 1.0, at.1),
            });
            let out = equals(&format!("\\text{{out}}_{{{}}}", e.symbol), e.out, precision);
            let target = equals(
                &format!("\\text{{target}}_{{{}}}", e.symbol),
                e.target,
                precision,
            );
            let x = 2.0 * RADIUS + 1.2;
            figure.labels.push(Label {
                at: (x, at.1 - 0.25),
                tex: out,
                anchor: Anchor::Start,
            });
            figure.labels.push(Label {
                at: (x, at.1 + 0.25),
                tex: target,
                anchor: Anchor::Start,
            });
        }
        figure.fit(0.2);
        figure
    }
}

impl Label {
    /// A label beside the circle centred at `centre`: on its left (`End`) or its right (`Start`).
    fn side(centre: (f64, f64), tex: String, anchor: Anchor) -> Label {
        let dx = RADIUS + 0.15;
        let x = if anchor == Anchor::End {
            centre.0 - dx
        } else {
            centre.0 + dx
        };
        Label {
            at: (x, centre.1),
            tex,
            anchor,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Precision, Trace, spec};

    use super::super::{Anchor, Figure, RADIUS};

    #[test]
    fn the_seed_has_its_neurons_bias_units_edges_and_weights() {
        let trace = Trace::new(&spec::seed());
        let figure = Figure::network(&trace, Precision::Full);
        assert_eq!(figure.circles.len(), 2 + 2 + 2 + 2);
        assert_eq!(figure.circles.iter().filter(|c| c.bias).count(), 2);
        assert_eq!(figure.arrows.len(), (2 + 1) * 2 + (2 + 1) * 2);
        let weights: Vec<&str> = figure
            .labels
            .iter()
            .filter(|l| l.anchor == Anchor::Centre)
            .map(|l| l.tex.as_str())
            .collect();
        assert_eq!(weights.len(), 8);
        assert!(weights.contains(&"w_1 = 0.15") && weights.contains(&"w_8 = 0.55"));
    }

    #[test]
    fn every_shape_fits_its_box_and_no_circles_overlap() {
        let wide = spec::load(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/3-4-2.toml"
        )));
        for network in [spec::seed(), wide.expect("the example loads").network] {
            let figure = Figure::network(&Trace::new(&network), Precision::Places(4));
            for (a, c) in figure.circles.iter().enumerate() {
                assert!(
                    c.at.0 >= RADIUS && c.at.0 <= figure.width - RADIUS,
                    "inside, across"
                );
                assert!(
                    c.at.1 >= RADIUS && c.at.1 <= figure.height - RADIUS,
                    "inside, down"
                );
                for d in &figure.circles[a + 1..] {
                    assert!(
                        (c.at.0 - d.at.0).hypot(c.at.1 - d.at.1) > 2.0 * RADIUS,
                        "{} and {}",
                        c.tex,
                        d.tex
                    );
                }
            }
            let labels_inside = figure
                .labels
                .iter()
                .all(|l| l.at.0 > 0.0 && l.at.0 < figure.width);
            assert!(labels_inside);
        }
    }
}
