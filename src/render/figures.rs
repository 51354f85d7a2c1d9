//! The figures of a document as its format shows them: TikZ in LaTeX, the SVG itself in HTML, and for
//! Markdown the SVG files written beside it and linked (none when it goes to stdout).

use serde::Serialize;

use super::skeleton::{Hole, Marks};
use super::{Format, Notation, Options};
use crate::figure::Figure;
use crate::trace::Trace;

/// The figures as a document shows them: TikZ for LaTeX; for Markdown the SVG files' links (none when
/// the document goes to stdout).
#[derive(Serialize, Default, Debug, Clone)]
pub struct Figures {
    network: Option<String>,
    targets: Option<String>,
    loss: Option<String>,
    /// The backward pass (matrix notation).
    backward: Option<String>,
    /// True when the figures are the SVG itself, set inline (HTML).
    inline: bool,
}

impl Figures {
    /// The network and targets figures as holes ([`Hole::Network`], [`Hole::Targets`]), for a skeleton
    /// drawn once for many networks: each document then puts its own figures (a file's name, SVG or
    /// TikZ) in the holes. With `inline`, the Markdown markup sets them as SVG.
    pub fn marked(inline: bool, marks: Marks) -> Figures {
        Figures {
            network: Some(marks.hole(Hole::Network)),
            targets: Some(marks.hole(Hole::Targets)),
            loss: None,
            backward: None,
            inline,
        }
    }

    /// Each drawn figure, made into text by `text` (TikZ, SVG, or a file's name).
    fn from(
        drawn: &[(&str, Figure)],
        inline: bool,
        text: impl Fn(&str, &Figure) -> String,
    ) -> Figures {
        let find = |kind: &str| {
            drawn
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(k, f)| text(k, f))
        };
        Figures {
            network: find("network"),
            targets: find("targets"),
            loss: find("loss"),
            backward: find("backward"),
            inline,
        }
    }
}

/// A figure file that a Markdown document links to.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureFile {
    /// The file's name: the document's stem, then `.network.svg` or `.targets.svg`.
    pub name: String,
    /// The SVG.
    pub svg: String,
}

/// A rendered document and the figure files it links to.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The document's text.
    pub document: String,
    /// The figures to write beside it (Markdown with a stem only).
    pub figures: Vec<FigureFile>,
    /// The document's title as plain text (HTML only, where the page's `<title>` takes it).
    pub title: Option<String>,
}

/// The figures of `trace` for the format of `options`, and the files to write beside a Markdown document
/// named `stem`.md.
pub(super) fn for_format(
    trace: &Trace,
    options: &Options,
    stem: Option<&str>,
) -> (Figures, Vec<FigureFile>) {
    // drawn only for the formats that show them (not for Markdown on stdout, nor JSON)
    let drawn = || {
        let mut drawn = vec![
            ("network", Figure::network(trace, options.precision)),
            ("targets", Figure::targets(trace, options.precision)),
        ];
        if let Some(training) = &trace.training {
            drawn.push(("loss", Figure::loss(training, options.precision)));
        }
        if options.notation == Notation::Matrix {
            drawn.push(("backward", Figure::backward(trace, options.precision)));
        }
        drawn
    };
    match (options.format, stem) {
        (Format::Tex | Format::Pdf, _) => {
            (Figures::from(&drawn(), false, |_, f| f.tikz()), Vec::new())
        }
        (Format::Html, _) => (Figures::from(&drawn(), true, |_, f| f.svg()), Vec::new()),
        (Format::Md, Some(stem)) => {
            let drawn = drawn();
            let files = drawn
                .iter()
                .map(|(kind, f)| FigureFile {
                    name: format!("{stem}.{kind}.svg"),
                    svg: f.svg(),
                })
                .collect();
            (
                Figures::from(&drawn, false, |kind, _| format!("{stem}.{kind}.svg")),
                files,
            )
        }
        (Format::Md | Format::Json, _) => (Figures::default(), Vec::new()),
    }
}
