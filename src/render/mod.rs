//! Rendering: the trace and its derivation through the tera templates, into a document.
//!
//! One seam for every format: [`render`] takes a network and [`Options`] and returns the document's text;
//! [`render_files`] also returns the figures a Markdown document links to (SVG files beside it).

pub mod html;
pub mod latex;
pub mod templates;

use serde::Serialize;

use crate::derivation::Derivation;
use crate::error::{Error, Result};
use crate::figure::Figure;
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
    /// A LaTeX document (ctexart for zh, article for en), or with `--fragment` only its body.
    Tex,
    /// The LaTeX document compiled to PDF (needs `-o FILE.pdf` and TeX Live).
    Pdf,
    /// One self-contained HTML page, every equation as MathML (no JavaScript, nothing fetched).
    Html,
    /// The trace as JSON.
    Json,
}

impl Format {
    /// True for the formats made from the LaTeX template.
    pub fn is_latex(self) -> bool {
        matches!(self, Format::Tex | Format::Pdf)
    }
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
    /// With `Some(N)`, a training section: the total error along N steps (1 to
    /// [`crate::training::MAX_STEPS`]).
    pub steps: Option<usize>,
    /// Whether to add the gradient check: every gradient beside its central finite difference.
    pub check: bool,
    /// LaTeX only: write the body alone, to `\input` into another document.
    pub fragment: bool,
}

/// What the templates see: the trace, its numbered plan, and the settings.
#[derive(Serialize)]
struct Document<'a> {
    trace: &'a Trace,
    derivation: &'a Derivation,
    lang: Lang,
    precision: String,
    fragment: bool,
    figures: Figures,
}

/// The figures as a document shows them: TikZ for LaTeX; for Markdown the SVG files' links (none when
/// the document goes to stdout).
#[derive(Serialize, Default)]
struct Figures {
    network: Option<String>,
    targets: Option<String>,
    loss: Option<String>,
    /// True when the figures are the SVG itself, set inline (HTML).
    inline: bool,
}

impl Figures {
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
}

/// The document for `network` in the format, language and precision of `options` (for `Pdf`, the LaTeX
/// to compile). A Markdown document printed this way links no figure files; see [`render_files`].
pub fn render(network: &Network, options: &Options) -> Result<String> {
    Ok(render_files(network, options, None)?.document)
}

/// The trace of one step of `network`, with the training run and gradient check `options` ask for;
/// an error when any of its numbers is not finite.
pub fn trace(network: &Network, options: &Options) -> Result<Trace> {
    let mut trace = Trace::new(network);
    trace.training = options.steps.map(|steps| train(network, steps));
    if options.check {
        trace.gradient_check = Some(gradcheck::check(network, &trace));
    }
    match trace.first_non_finite() {
        Some((quantity, value)) => Err(Error::NotFinite { quantity, value }),
        None => Ok(trace),
    }
}

/// The document and, for Markdown with a `stem` (the document's file name without `.md`), the SVG figures
/// it links to as `STEM.network.svg`, `STEM.targets.svg` (and `STEM.loss.svg`), to be written beside it.
pub fn render_files(network: &Network, options: &Options, stem: Option<&str>) -> Result<Rendered> {
    let trace = trace(network, options)?;
    let mut drawn = vec![
        ("network", Figure::network(&trace, options.precision)),
        ("targets", Figure::targets(&trace, options.precision)),
    ];
    if let Some(training) = &trace.training {
        drawn.push(("loss", Figure::loss(training, options.precision)));
    }
    let (template, figures, files) = match (options.format, stem) {
        (Format::Json, _) => {
            let document = serde_json::to_string_pretty(&trace).expect("a trace serialises") + "\n";
            return Ok(Rendered {
                document,
                figures: Vec::new(),
            });
        }
        (Format::Tex | Format::Pdf, _) => {
            let figures = Figures::from(&drawn, false, |_, f| f.tikz());
            ("document.tex", figures, Vec::new())
        }
        (Format::Html, _) => {
            let figures = Figures::from(&drawn, true, |_, f| f.svg());
            ("document.md", figures, Vec::new())
        }
        (Format::Md, None) => ("document.md", Figures::default(), Vec::new()),
        (Format::Md, Some(stem)) => {
            let files: Vec<FigureFile> = drawn
                .iter()
                .map(|(kind, f)| FigureFile {
                    name: format!("{stem}.{kind}.svg"),
                    svg: f.svg(),
                })
                .collect();
            let figures = Figures::from(&drawn, false, |kind, _| format!("{stem}.{kind}.svg"));
            ("document.md", figures, files)
        }
    };
    let derivation = Derivation::new(&trace);
    let document = Document {
        trace: &trace,
        derivation: &derivation,
        lang: options.lang,
        precision: options.precision.to_string(),
        fragment: options.fragment && options.format == Format::Tex,
        figures,
    };
    let text = tidy(&templates::render(template, &document, options)?);
    let document = match options.format {
        Format::Html => {
            let body = html::body(&text)?;
            html::page(&html::title(&text), options.lang.html_code(), &body)
        }
        _ => text,
    };
    Ok(Rendered {
        document,
        figures: files,
    })
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
