//! The figures the seed refers to ("如下图") and lost: the network diagram (neurons as circles, the bias
//! units, every edge labelled with its weight, the inputs and targets at the sides) and the picture of
//! the targets and outputs of §2; and the loss curve of a training run (`--steps`).
//!
//! The layout is pure geometry computed from the trace's shape (how many inputs, neurons, weights); the
//! numbers of the network only appear as text, printed by [`crate::Precision::format`]. One [`Figure`] is then
//! drawn as TikZ ([`Figure::tikz`]) for LaTeX and as SVG ([`Figure::svg`]) for Markdown.

mod backward;
mod layout;
mod loss;
mod svg;
mod tikz;

/// A neuron's radius, in cm.
const RADIUS: f64 = 0.42;
/// The vertical distance between two neurons of a column, in cm.
const ROW: f64 = 1.8;
/// The width of one character of a weight's label, roughly, in cm (TikZ `\footnotesize`, SVG 12 px).
pub(crate) const CHAR: f64 = 0.15;
/// The width of one character of a label at the sides, roughly, in cm (TikZ `\small`, SVG 14.5 px).
pub(crate) const SIDE_CHAR: f64 = 0.17;

/// A picture: circles, arrows and labels, in cm, with y growing downwards, inside `width` × `height`.
#[derive(Debug, Clone, PartialEq, Default)]
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
    /// Plain lines through points (a plot's axes, ticks and curve).
    pub lines: Vec<Line>,
}

/// A line through points, drawn without arrow heads.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Its points, in order.
    pub points: Vec<(f64, f64)>,
    /// True for the plotted curve (drawn thick, in colour); false for axes and ticks.
    pub curve: bool,
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

/// The rough width of a label of TeX `tex` with characters `char` wide, counting what prints (not `_`,
/// braces or `\text`; `=` with its spaces as three).
fn text_width(tex: &str, char: f64) -> f64 {
    let printed = tex
        .replace("\\text", "")
        .replace("\\times", "x")
        .replace("\\partial", "d")
        .replace("\\delta", "d")
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
        boxes.extend(
            self.lines
                .iter()
                .flat_map(|l| &l.points)
                .map(|p| (p.0, p.1, p.0, p.1)),
        );
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
        self.lines
            .iter_mut()
            .flat_map(|l| &mut l.points)
            .for_each(shift);
        (self.width, self.height) = (x1 - x0, y1 - y0);
    }
}
