//! The formats, and the seam a format plugs into: every decision that depends on the format is one
//! method of [`Format`] here, each an exhaustive match, so that a new format answers every question in
//! this one file (as mdBook's `Renderer`): which templates write it ([`Format::layout`],
//! [`Format::markup`]), how it shows its figures ([`Format::shows_figures`]), what becomes of the
//! templates' text ([`Format::finish`]) and how it reaches its reader ([`Format::delivery`]).

use std::ffi::OsStr;

use serde::Serialize;

use super::templates::Renderer;
use super::{html, latex, page};
use crate::error::Result;
use crate::trace::Trace;

/// The document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown, each display equation tagged with its number (KaTeX, MathJax, GitHub).
    #[default]
    Md,
    /// A LaTeX document (ctexart for zh, article for en), or with `--fragment` only its body.
    Tex,
    /// The LaTeX document compiled to PDF (needs `-o FILE.pdf` and TeX Live).
    Pdf,
    /// One self-contained HTML page, every equation as MathML (no JavaScript, nothing fetched).
    Html,
    /// The trace as JSON.
    Json,
}

/// How a document shows its figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shown<'a> {
    /// As TikZ pictures in the LaTeX.
    Tikz,
    /// As SVG set inline in the page.
    Inline,
    /// As SVG files written beside the document named `stem`.md, and linked.
    Linked(&'a OsStr),
    /// Not drawn: a note says where `-o FILE.md` would write each (Markdown to stdout), or nothing.
    Noted,
}

/// How a document reaches its reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Its text, to stdout or a file.
    Text,
    /// Its text, and written to a file, its figures as files beside it.
    WithFigureFiles,
    /// Compiled into a file (it needs `-o FILE`).
    Compiled,
}

impl Format {
    /// The layout template it is written with; `None` for JSON, which is the trace itself.
    pub fn layout(self) -> Option<&'static str> {
        match self {
            Format::Md | Format::Html => Some("document.md"),
            Format::Tex | Format::Pdf => Some("document.tex"),
            Format::Json => None,
        }
    }

    /// The template of its markup for the words (a bullet, a table, a figure).
    pub fn markup(self) -> &'static str {
        match self {
            Format::Md | Format::Html | Format::Json => "markup.md",
            Format::Tex | Format::Pdf => "markup.tex",
        }
    }

    /// True for the formats made from the LaTeX template (which the LaTeX bounds of
    /// [`crate::limits::latex_problem`] apply to, and whose `.tex` templates are parsed).
    pub fn is_latex(self) -> bool {
        match self {
            Format::Tex | Format::Pdf => true,
            Format::Md | Format::Html | Format::Json => false,
        }
    }

    /// Whether it can be written as a fragment, the body alone (`--fragment`).
    pub fn takes_fragment(self) -> bool {
        match self {
            Format::Tex => true,
            Format::Md | Format::Pdf | Format::Html | Format::Json => false,
        }
    }

    /// How it shows figures, for a Markdown document named `stem`.md when it goes to a file.
    pub(super) fn shows_figures(self, stem: Option<&OsStr>) -> Shown<'_> {
        match (self, stem) {
            (Format::Tex | Format::Pdf, _) => Shown::Tikz,
            (Format::Html, _) => Shown::Inline,
            (Format::Md, Some(stem)) => Shown::Linked(stem),
            (Format::Md | Format::Json, _) => Shown::Noted,
        }
    }

    /// How a document in this format reaches its reader.
    pub fn delivery(self) -> Delivery {
        match self {
            Format::Md => Delivery::WithFigureFiles,
            Format::Pdf => Delivery::Compiled,
            Format::Tex | Format::Html | Format::Json => Delivery::Text,
        }
    }

    /// The document from the text of its layout (rendered by `renderer`, tidied): LaTeX's lines too
    /// long for TeX broken, HTML's Markdown typeset into its page; and the title, for HTML.
    pub(super) fn finish(
        self,
        text: String,
        renderer: &Renderer,
    ) -> Result<(String, Option<String>)> {
        match self {
            Format::Md | Format::Json => Ok((text, None)),
            Format::Tex | Format::Pdf => Ok((latex::break_long_lines(text), None)),
            Format::Html => {
                let title = html::title(&text);
                let page = page::Shell::new(renderer, &title)?.around(&html::body(&text)?);
                Ok((page, Some(title)))
            }
        }
    }
}

/// The trace as pretty JSON, with a final newline: the JSON format's document.
pub fn json(trace: &Trace) -> String {
    let mut value = serde_json::to_value(trace).expect("a trace serialises");
    positive_zero(&mut value);
    serde_json::to_string_pretty(&value).expect("a value serialises") + "\n"
}

/// Every −0 of a JSON value made 0, as the documents print it.
fn positive_zero(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Number(n) if n.as_f64() == Some(0.0) && n.is_f64() => {
            *n = serde_json::Number::from_f64(0.0).expect("0 is finite");
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(positive_zero),
        serde_json::Value::Object(fields) => fields.values_mut().for_each(positive_zero),
        _ => {}
    }
}
