//! A [`Figure`] as a TikZ picture: coordinates in cm with y growing downwards (`y=-1cm`), the text as
//! TeX math. Needs `\usepackage{tikz}` (and `\usetikzlibrary{arrows.meta}`).

use std::fmt::Write;

use super::{Anchor, Figure, RADIUS};

/// A coordinate, rounded to a hundredth of a millimetre so that the text is stable.
fn point((x, y): (f64, f64)) -> String {
    format!("({:.3},{:.3})", x, y)
}

/// The largest width or height of a picture TeX can draw, in cm, with a margin: TeX's dimensions end
/// at 16,384 pt (575 cm), and past them every engine stops with "Dimension too large".
const MAX_EXTENT: f64 = 500.0;

impl Figure {
    /// The figure as a `tikzpicture` environment. A figure larger than TeX can draw (a layer of
    /// hundreds of neurons, a thousand inputs) is drawn with a shorter unit, so that it fits in TeX's
    /// dimensions, and set in a `\resizebox` (graphicx) to the line's width or, when it is tall, to
    /// most of the page's height: crowded, but whole; every figure TeX could draw stays as it was.
    pub fn tikz(&self) -> String {
        let extent = self.width.max(self.height);
        if extent <= MAX_EXTENT {
            return self.picture(1.0);
        }
        let picture = self.picture(MAX_EXTENT / extent);
        let size = if self.height > 1.5 * self.width {
            "{!}{0.8\\textheight}"
        } else {
            "{\\linewidth}{!}"
        };
        format!("\\resizebox{size}{{%\n{picture}%\n}}")
    }

    /// The `tikzpicture` with `unit` cm to the figure's cm (the sizes of circles and text as they are).
    fn picture(&self, unit: f64) -> String {
        let mut tex = String::new();
        let diameter = 2.0 * RADIUS;
        let axes = if unit == 1.0 {
            "x=1cm, y=-1cm".to_owned()
        } else {
            format!("x={unit:.4}cm, y=-{unit:.4}cm")
        };
        let _ = writeln!(
            tex,
            "\\begin{{tikzpicture}}[{axes}, >={{Stealth[length=2mm]}},\n  \
             neuron/.style={{circle, draw, thick, minimum size={diameter:.2}cm, inner sep=0pt}},\n  \
             bias/.style={{neuron, fill=black!10}},\n  \
             weight/.style={{font=\\footnotesize, fill=white, inner sep=1pt}},\n  \
             side/.style={{font=\\small}}]"
        );
        let _ = writeln!(
            tex,
            "\\useasboundingbox (0,0) rectangle {};",
            point((self.width, self.height))
        );
        for line in &self.lines {
            let style = if line.curve {
                "thick, blue!60!black"
            } else {
                "black!70"
            };
            let points: Vec<String> = line.points.iter().map(|&p| point(p)).collect();
            let _ = writeln!(tex, "\\draw[{style}] {};", points.join(" -- "));
        }
        for arrow in &self.arrows {
            let _ = writeln!(
                tex,
                "\\draw[->, black!60] {} -- {};",
                point(arrow.from),
                point(arrow.to)
            );
        }
        for circle in &self.circles {
            let style = if circle.bias { "bias" } else { "neuron" };
            let _ = writeln!(
                tex,
                "\\node[{style}] at {} {{${}$}};",
                point(circle.at),
                circle.tex
            );
        }
        for label in &self.labels {
            let style = match label.anchor {
                Anchor::Centre => "weight",
                Anchor::Start => "side, anchor=west",
                Anchor::End => "side, anchor=east",
            };
            let _ = writeln!(
                tex,
                "\\node[{style}] at {} {{${}$}};",
                point(label.at),
                label.tex
            );
        }
        tex.push_str("\\end{tikzpicture}");
        tex
    }
}
