//! The figures of a document as its format shows them: TikZ in LaTeX, the SVG itself in HTML, and for
//! Markdown the SVG files written beside it and linked (none when it goes to stdout).

use std::ffi::{OsStr, OsString};

use serde::Serialize;

use super::Options;
use super::format::Shown;
use super::skeleton::{Hole, Marks};
use crate::figure::Figure;
use crate::trace::Trace;

/// The figures as a document shows them: TikZ for LaTeX; for Markdown the SVG files' links (none when
/// the document goes to stdout).
#[derive(Serialize, Default, Debug, Clone)]
pub struct Figures {
    network: Option<String>,
    targets: Option<String>,
    loss: Option<String>,
    /// The backward pass (see [`Options::shows_backward_figure`]).
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

    /// The network figure alone as a hole ([`Hole::Network`]), linked from Markdown: a document whose
    /// other figures stay notes (a worked solution in a quiz, whose package holds the network figure).
    pub fn network_marked(marks: Marks) -> Figures {
        Figures {
            network: Some(marks.hole(Hole::Network)),
            ..Figures::default()
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
    /// The file's name: the document's stem (its bytes as they are, UTF-8 or not), then
    /// `.network.svg` or `.targets.svg`.
    pub name: OsString,
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

/// The name of the `kind` figure file of a document named `stem`.md: `stem.kind.svg`.
fn file_name(stem: &OsStr, kind: &str) -> OsString {
    let mut name = stem.to_owned();
    name.push(format!(".{kind}.svg"));
    name
}

/// The link to the `kind` figure of a document named `stem`.md: its file name with every byte that a
/// Markdown link destination, an HTML attribute or a URL would read as markup (or that is not UTF-8)
/// percent-encoded, so that any name links its own file and injects nothing.
pub fn link(stem: &OsStr, kind: &str) -> String {
    let mut target = String::new();
    for chunk in stem.as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                // a link's end, a fragment or query, an entity, a code span or math around it
                '%' | '<' | '>' | '\\' | '&' | '#' | '?' | '`' | '$' => {
                    target.push_str(&format!("%{:02X}", u32::from(c)))
                }
                c if c.is_control() => {
                    let mut bytes = [0; 4];
                    for byte in c.encode_utf8(&mut bytes).bytes() {
                        target.push_str(&format!("%{byte:02X}"));
                    }
                }
                c => target.push(c),
            }
        }
        for byte in chunk.invalid() {
            target.push_str(&format!("%{byte:02X}"));
        }
    }
    target.push_str(&format!(".{kind}.svg"));
    target
}

/// The figures of `trace` for the format of `options`, and the files to write beside a Markdown document
/// named `stem`.md.
pub(super) fn for_format(
    trace: &Trace,
    options: &Options,
    stem: Option<&OsStr>,
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
        if options.draws_backward_figure_of(trace) {
            drawn.push(("backward", Figure::backward(trace, options.precision)));
        }
        drawn
    };
    match options.format.shows_figures(stem) {
        Shown::Tikz => (Figures::from(&drawn(), false, |_, f| f.tikz()), Vec::new()),
        Shown::Inline => (Figures::from(&drawn(), true, |_, f| f.svg()), Vec::new()),
        Shown::Linked(stem) => {
            let drawn = drawn();
            let files = drawn
                .iter()
                .map(|(kind, f)| FigureFile {
                    name: file_name(stem, kind),
                    svg: f.svg(),
                })
                .collect();
            (
                Figures::from(&drawn, false, |kind, _| link(stem, kind)),
                files,
            )
        }
        Shown::Noted => (Figures::default(), Vec::new()),
    }
}
