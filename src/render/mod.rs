//! Rendering: the trace and its derivation through the tera templates, into a document.
//!
//! One seam for every format: [`render`] takes a network and [`Options`] and returns the document's text.

pub mod skeleton;
pub mod templates;

use serde::Serialize;

use crate::derivation::Derivation;
use crate::error::Result;
use crate::network::Network;
use crate::number::Precision;
use crate::trace::Trace;

/// The document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown with `$$ … \tag{n} $$` display math (KaTeX, MathJax, GitHub).
    #[default]
    Md,
    /// The trace as JSON.
    Json,
}

/// The languages of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese, the seed's wording.
    #[default]
    Zh,
    /// English, the vocabulary of Mazur's post.
    En,
}

impl Lang {
    /// The language's code, which is also its template folder.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}

/// What to render and how.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The output format.
    pub format: Format,
    /// The document's language.
    pub lang: Lang,
    /// How numbers are printed.
    pub precision: Precision,
}

/// What the templates see: the trace, its numbered plan, and the settings.
#[derive(Serialize)]
struct Document<'a> {
    trace: &'a Trace,
    derivation: &'a Derivation,
    lang: Lang,
    precision: String,
}

/// The document for `network` in the format, language and precision of `options`.
pub fn render(network: &Network, options: &Options) -> Result<String> {
    render_trace(&Trace::new(network), options)
}

/// The document of a trace (such as a [`Trace::carried`] one) in the format, language and precision
/// of `options`.
pub fn render_trace(trace: &Trace, options: &Options) -> Result<String> {
    match options.format {
        Format::Json => Ok(json(trace)),
        Format::Md => markdown(&templates::Renderer::new(options)?, trace),
    }
}

/// The trace as pretty JSON, with a final newline.
pub fn json(trace: &Trace) -> String {
    serde_json::to_string_pretty(trace).expect("a trace serialises") + "\n"
}

/// The Markdown document of `trace` through a prepared renderer (its language and precision).
pub fn markdown(renderer: &templates::Renderer, trace: &Trace) -> Result<String> {
    let derivation = Derivation::new(trace);
    let document = Document {
        trace,
        derivation: &derivation,
        lang: renderer.options().lang,
        precision: renderer.options().precision.to_string(),
    };
    Ok(tidy(&renderer.render("document.md", &document)?))
}

/// A Markdown document prepared for many traces of one shape (see [`skeleton`]): `placeholders` and
/// `direct` are [`Renderer::with_placeholders`](templates::Renderer::with_placeholders) and
/// [`Renderer::new`](templates::Renderer::new) of the same options, `sample` a trace of that shape.
pub fn markdown_skeleton(
    placeholders: &templates::Renderer,
    direct: &templates::Renderer,
    sample: &Trace,
) -> Result<skeleton::Skeleton> {
    let derivation = Derivation::new(sample);
    let document = Document {
        trace: sample,
        derivation: &derivation,
        lang: direct.options().lang,
        precision: direct.options().precision.to_string(),
    };
    skeleton::Skeleton::new(placeholders, direct, "document.md", &document, tidy)
}

/// The Markdown document of `trace` from a skeleton of [`markdown_skeleton`]: the same text as
/// [`markdown`] gives, made faster.
pub fn fill_markdown(
    skeleton: &skeleton::Skeleton,
    trace: &Trace,
    options: &Options,
) -> Result<String> {
    let derivation = Derivation::new(trace);
    skeleton.fill(&Document {
        trace,
        derivation: &derivation,
        lang: options.lang,
        precision: options.precision.to_string(),
    })
}

/// Template output made tidy: no trailing spaces, at most one blank line in a row, one final newline.
/// (The templates then need no whitespace control around every tag.)
pub fn tidy(text: &str) -> String {
    let mut tidied = String::with_capacity(text.len());
    let mut blank = true; // also drops blank lines at the start
    for line in text.lines().map(str::trim_end) {
        if line.is_empty() {
            if !blank {
                tidied.push('\n');
            }
            blank = true;
        } else {
            tidied.push_str(line);
            tidied.push('\n');
            blank = false;
        }
    }
    while tidied.ends_with("\n\n") {
        tidied.pop();
    }
    tidied
}
