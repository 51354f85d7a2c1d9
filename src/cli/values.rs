//! The command line's choices (clap's `ValueEnum`), each mapped onto the library's own type, so that
//! the library's types do not depend on clap. The doc comments are the `--help` texts.

use crate::derivation::Notation;
use crate::exercise::SheetFormat;
use crate::render::{Format, Lang};

/// The document formats (`-f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    /// Markdown, each display equation tagged with its number (KaTeX, MathJax, GitHub).
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

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Format {
        match format {
            FormatArg::Md => Format::Md,
            FormatArg::Tex => Format::Tex,
            FormatArg::Pdf => Format::Pdf,
            FormatArg::Html => Format::Html,
            FormatArg::Json => Format::Json,
        }
    }
}

/// The languages of the documents (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LangArg {
    /// Chinese, the seed's wording.
    Zh,
    /// English, the vocabulary of Mazur's post.
    En,
}

impl From<LangArg> for Lang {
    fn from(lang: LangArg) -> Lang {
        match lang {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
}

/// The formats of the combined sheets (`exercises -f`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormatArg {
    /// Markdown only (`questions.md`, `answers.md`), as `handprop render` writes it.
    Md,
    /// Also `questions.tex` and `answers.tex`: LaTeX documents, one variant a page (xelatex for zh,
    /// pdflatex for en).
    Tex,
    /// Also `questions.html` and `answers.html`: web pages that open offline and print one variant a
    /// page.
    Html,
}

impl From<SheetFormatArg> for SheetFormat {
    fn from(format: SheetFormatArg) -> SheetFormat {
        match format {
            SheetFormatArg::Md => SheetFormat::Md,
            SheetFormatArg::Tex => SheetFormat::Tex,
            SheetFormatArg::Html => SheetFormat::Html,
        }
    }
}

/// How a document writes the step (`--notation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum NotationArg {
    /// Every neuron and weight in its own equation, the "likewise" policy of the seed.
    Scalar,
    /// Every layer in a few equations of vectors and matrices, every entry filled in.
    Matrix,
}

impl From<NotationArg> for Notation {
    fn from(notation: NotationArg) -> Notation {
        match notation {
            NotationArg::Scalar => Notation::Scalar,
            NotationArg::Matrix => Notation::Matrix,
        }
    }
}
