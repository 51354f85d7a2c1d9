//! Rendering: the trace and its derivation through the tera templates, into a document.
//!
//! One seam for every format: [`render`] takes a network and [`Options`] and returns the document's text.

pub mod html;
pub mod templates;

use serde::Serialize;

use crate::derivation::Derivation;
use crate::error::{Error, Result};
use crate::gradcheck;
use crate::network::Network;
use crate::number::Precision;
use crate::trace::Trace;
use crate::training::train;

/// The document formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Markdown with `$$ … \tag{n} $$` display math (KaTeX, MathJax, GitHub).
    #[default]
    Md,
    /// One self-contained HTML page, every equation as MathML (no JavaScript, nothing fetched).
    Html,
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
    /// The language's tag for HTML's `lang` attribute.
    pub fn html_code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

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
    /// With `Some(N)`, a training section: the total error along N steps (1 to [`crate::training::MAX_STEPS`]).
    pub steps: Option<usize>,
    /// Whether to add the gradient check: every gradient beside its central finite difference.
    pub check: bool,
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
    let mut trace = Trace::new(network);
    trace.training = options.steps.map(|steps| train(network, steps));
    if options.check {
        trace.gradient_check = Some(gradcheck::check(network, &trace));
    }
    if let Some((quantity, value)) = trace.first_non_finite() {
        return Err(Error::NotFinite { quantity, value });
    }
    match options.format {
        Format::Json => {
            Ok(serde_json::to_string_pretty(&trace).expect("a trace serialises") + "\n")
        }
        Format::Md => markdown(&trace, options),
        Format::Html => {
            let markdown = markdown(&trace, options)?;
            let body = html::body(&markdown)?;
            Ok(html::page(
                &html::title(&markdown),
                options.lang.html_code(),
                &body,
            ))
        }
    }
}

/// The Markdown document of a trace.
fn markdown(trace: &Trace, options: &Options) -> Result<String> {
    let derivation = Derivation::new(trace);
    let document = Document {
        trace,
        derivation: &derivation,
        lang: options.lang,
        precision: options.precision.to_string(),
    };
    Ok(tidy(&templates::render("document.md", &document, options)?))
}

/// Template output made tidy: no trailing spaces, at most one blank line in a row, one final newline.
/// (The templates then need no whitespace control around every tag.)
fn tidy(text: &str) -> String {
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
