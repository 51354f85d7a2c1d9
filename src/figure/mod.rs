//! The figures the seed refers to ("如下图") and lost: the network diagram (neurons as circles, the bias
//! units, every edge labelled with its weight, the inputs and targets at the sides) and the picture of
//! the targets and outputs of §2.
//!
//! The layout is pure geometry computed from the trace's shape (how many inputs, neurons, weights); the
//! numbers of the network only appear as text, printed by [`Precision::format`]. One [`Figure`] is then
//! drawn as TikZ ([`Figure::tikz`]) for LaTeX and as SVG ([`Figure::svg`]) for Markdown.

mod svg;
mod tikz;

use crate::number::Precision;
use crate::trace::Trace;

/// A neuron's radius, in cm.
const RADIUS: f64 = 0.42;
/// The vertical distance between two neurons of a column, in cm.
const ROW: f64 = 1.8;
/// The width of one character of a weight's label, roughly, in cm (TikZ `\scriptsize`, SVG 12 px).
const CHAR: f64 = 0.15;
/// The width of one character of a label at the sides, roughly, in cm (TikZ `\small`, SVG 14.5 px).
const SIDE_CHAR: f64 = 0.17;

/// A picture: circles, arrows and labels, in cm, with y growing downwards, inside `width` × `height`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The picture's width.
    pub width: f64,
    /// The picture's height.
    pub height: f64,
    /// The neurons and bias units.
    pub circles: Vec<Circle>,
    /// The connections, as arrows from boundary to boundary.
    pub arrows: Vec<Arrow>,
    /// The text outside the circles.
    pub labels: Vec<Label>,
}

/// A neuron (or a bias unit, drawn shaded).
#[derive(Debug, Clone, PartialEq)]
pub struct Circle {
    /// Its centre.
    pub at: (f64, f64),
    /// The TeX written inside it, such as `h_1`.
    pub tex: String,
    /// True for a bias unit.
    pub bias: bool,
}

/// A connection from one circle's boundary to another's.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrow {
    /// Where it starts.
    pub from: (f64, f64),
    /// Where its head is.
    pub to: (f64, f64),
}

/// Where a label's point is on the label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// The label is centred on its point (a weight on its edge, on a white ground).
    Centre,
    /// The label starts at its point.
    Start,
    /// The label ends at its point.
    End,
}

/// A piece of TeX math at a point.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    /// Its point.
    pub at: (f64, f64),
    /// The TeX, such as `w_1 = 0.15`.
    pub tex: String,
    /// How it sits on its point.
    pub anchor: Anchor,
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

/// The rough width of a label of TeX `tex` with characters `char` wide, counting what prints (not `_`,
/// braces or `\text`; `=` with its spaces as three).
fn text_width(tex: &str, char: f64) -> f64 {
    let printed = tex
        .replace("\\text", "")
        .replace("\\times", "x")
        .replace('=', "===");
    printed
        .chars()
        .filter(|c| !matches!(c, '_' | '{' | '}' | '^' | ' '))
        .count() as f64
        * char
        + 0.2
}

impl Label {
    /// The label's rough width.
    pub fn width(&self) -> f64 {
        text_width(
            &self.tex,
            if self.anchor == Anchor::Centre {
                CHAR
            } else {
                SIDE_CHAR
            },
        )
    }
}

impl Figure {
    /// The network diagram of the trace: a column per layer, inputs on the left with their values, the
    /// outputs on the right with their targets, one bias unit per layer below the column before it, and
    /// every weight written on its edge.
    pub fn network(trace: &Trace, precision: Precision) -> Figure {
        let mut columns: Vec<Vec<String>> =
            vec![trace.inputs.iter().map(|i| i.symbol.clone()).collect()];
        columns.extend(
            trace
                .layers
                .iter()
                .map(|l| l.neurons.iter().map(|n| n.symbol.clone()).collect()),
        );
        let input_labels: Vec<String> = trace
            .inputs
            .iter()
            .map(|i| equals(&i.symbol, i.value, precision))
            .collect();
        let target_labels: Vec<String> = (trace.errors.iter())
            .map(|e| {
                equals(
                    &format!("\\text{{target}}_{{{}}}", e.symbol),
                    e.target,
                    precision,
                )
            })
            .collect();
        let left = input_labels
            .iter()
            .map(|t| text_width(t, SIDE_CHAR))
            .fold(0.0, f64::max)
            + 0.2;

        // The edge labels of each gap, and the gap's width: one slot per neuron it leads to.
        let mut xs = vec![left + RADIUS];
        let mut edge_labels = Vec::new();
        for layer in &trace.layers {
            let mut texts: Vec<Vec<String>> = (layer.neurons.iter())
                .map(|n| {
                    n.weights
                        .iter()
                        .map(|w| equals(&w.symbol, w.value, precision))
                        .collect()
                })
                .collect();
            if !layer.shared_bias {
                for (n, texts) in layer.neurons.iter().zip(&mut texts) {
                    texts.push(equals(&n.bias.symbol, n.bias.value, precision));
                }
            }
            let slot = texts
                .iter()
                .flatten()
                .map(|t| text_width(t, CHAR))
                .fold(0.0, f64::max)
                + 0.15;
            let width = 2.0 * RADIUS + slot * (layer.neurons.len() as f64 + 0.2) + 0.4;
            xs.push(xs.last().copied().unwrap_or_default() + width);
            edge_labels.push((texts, slot, width));
        }

        let mut figure = Figure {
            width: 0.0,
            height: 0.0,
            circles: Vec::new(),
            arrows: Vec::new(),
            labels: Vec::new(),
        };
        let centre = |c: usize, j: usize| (xs[c], row(j, columns[c].len()));
        for (c, column) in columns.iter().enumerate() {
            for (j, symbol) in column.iter().enumerate() {
                figure.circles.push(Circle {
                    at: centre(c, j),
                    tex: symbol.clone(),
                    bias: false,
                });
            }
        }
        for (j, tex) in input_labels.into_iter().enumerate() {
            let (x, y) = centre(0, j);
            figure.labels.push(Label {
                at: (x - RADIUS - 0.15, y),
                tex,
                anchor: Anchor::End,
            });
        }
        let last = columns.len() - 1;
        for (j, tex) in target_labels.into_iter().enumerate() {
            let (x, y) = centre(last, j);
            figure.labels.push(Label {
                at: (x + RADIUS + 0.15, y),
                tex,
                anchor: Anchor::Start,
            });
        }

        for (l, (layer, (texts, slot, width))) in trace.layers.iter().zip(edge_labels).enumerate() {
            // The bias unit, below the column before the layer.
            let below = columns[l].len();
            let unit = (xs[l], row(below, below) + 0.25 * ROW);
            let bias = &layer.neurons[0].bias;
            let inside = if layer.shared_bias {
                bias.symbol.clone()
            } else {
                "1".to_owned()
            };
            figure.circles.push(Circle {
                at: unit,
                tex: inside,
                bias: true,
            });
            if layer.shared_bias {
                let tex = equals(&bias.symbol, bias.value, precision);
                figure.labels.push(Label {
                    at: (unit.0 - RADIUS - 0.15, unit.1),
                    tex,
                    anchor: Anchor::End,
                });
            }
            // Edge (k → j) is labelled in slot j, counted from the column the edges leave.
            for (j, texts) in texts.into_iter().enumerate() {
                let target = centre(l + 1, j);
                let x = xs[l] + RADIUS + 0.2 + slot * (j as f64 + 0.5);
                let t = (x - xs[l]) / width;
                for (k, tex) in texts.into_iter().enumerate() {
                    let source = if k < columns[l].len() {
                        centre(l, k)
                    } else {
                        unit
                    };
                    figure.labels.push(Label {
                        at: along(source, target, t),
                        tex,
                        anchor: Anchor::Centre,
                    });
                }
                for k in 0..columns[l].len() {
                    figure.arrows.push(arrow(centre(l, k), target));
                }
                figure.arrows.push(arrow(unit, target));
            }
        }
        figure.fit(0.3);
        figure
    }

    /// The picture of §2: each output neuron with its output and its target beside it.
    pub fn targets(trace: &Trace, precision: Precision) -> Figure {
        let mut figure = Figure {
            width: 0.0,
            height: 0.0,
            circles: Vec::new(),
            arrows: Vec::new(),
            labels: Vec::new(),
        };
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

    /// Moves everything so that the picture starts at (margin, margin) and sets its size.
    fn fit(&mut self, margin: f64) {
        let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
        boxes.extend(self.circles.iter().map(|c| {
            (
                c.at.0 - RADIUS,
                c.at.1 - RADIUS,
                c.at.0 + RADIUS,
                c.at.1 + RADIUS,
            )
        }));
        boxes.extend(self.labels.iter().map(|l| {
            let w = l.width();
            let (x0, x1) = match l.anchor {
                Anchor::Centre => (l.at.0 - w / 2.0, l.at.0 + w / 2.0),
                Anchor::Start => (l.at.0, l.at.0 + w),
                Anchor::End => (l.at.0 - w, l.at.0),
            };
            (x0, l.at.1 - 0.2, x1, l.at.1 + 0.2)
        }));
        let x0 = boxes.iter().map(|b| b.0).fold(f64::INFINITY, f64::min) - margin;
        let y0 = boxes.iter().map(|b| b.1).fold(f64::INFINITY, f64::min) - margin;
        let x1 = boxes.iter().map(|b| b.2).fold(f64::NEG_INFINITY, f64::max) + margin;
        let y1 = boxes.iter().map(|b| b.3).fold(f64::NEG_INFINITY, f64::max) + margin;
        let shift = |p: &mut (f64, f64)| *p = (p.0 - x0, p.1 - y0);
        self.circles.iter_mut().for_each(|c| shift(&mut c.at));
        self.labels.iter_mut().for_each(|l| shift(&mut l.at));
        for a in &mut self.arrows {
            shift(&mut a.from);
            shift(&mut a.to);
        }
        (self.width, self.height) = (x1 - x0, y1 - y0);
    }
}
