//! A [`Figure`] as a TikZ picture: coordinates in cm with y growing downwards (`y=-1cm`), the text as
//! TeX math. Needs `\usepackage{tikz}` (and `\usetikzlibrary{arrows.meta}`).

use std::fmt::Write;

use super::{Anchor, Figure, RADIUS};

/// A coordinate, rounded to a hundredth of a millimetre so that the text is stable.
fn point((x, y): (f64, f64)) -> String {
    format!("({:.3},{:.3})", x, y)
}

impl Figure {
    /// The figure as a `tikzpicture` environment.
    pub fn tikz(&self) -> String {
        let mut tex = String::new();
        let diameter = 2.0 * RADIUS;
        let _ = writeln!(
            tex,
            "\\begin{{tikzpicture}}[x=1cm, y=-1cm, >={{Stealth[length=2mm]}},\n  \
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
