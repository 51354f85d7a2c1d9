//! Rendering: the trace and its derivation through the tera templates, into a document.
//!
//! One seam for every format: [`render`] takes a network and [`Options`] and returns the document's text;
//! [`render_files`] also returns the figures a Markdown document links to (SVG files beside it). What
//! differs between formats is decided in [`Format`]'s methods (`format.rs`); what differs between
//! notations, by [`Notation`] and its template (`templates/notation/`); the words, by the language's
//! templates.

mod budget;
mod drawing;
mod format;
pub mod html;
mod lang;
pub mod latex;
pub mod mathml;
pub mod overrides;
pub mod page;
pub mod skeleton;
pub mod templates;

mod figures;

use serde::Serialize;

use crate::derivation::Derivation;
pub use crate::derivation::Notation;
use crate::error::{Error, Result};
use crate::gradcheck;
use crate::lesson::Lesson;
use crate::number::Precision;
use crate::spec;
use crate::step::{Given, Rounding};
use crate::trace::Trace;
use crate::training::{Training, train};
pub use figures::{FigureFile, Figures, Rendered};
pub use format::{Delivery, Format, json};
pub use lang::Lang;

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
    /// 10,000,000).
    pub steps: Option<usize>,
    /// Whether to add the gradient check: every gradient beside its central finite difference.
    pub check: bool,
    /// LaTeX only: write the body alone, to `\input` into another document.
    pub fragment: bool,
    /// Round every intermediate to the precision before it is used (needs `Precision::Places`).
    pub carry_rounded: bool,
    /// A teacher's templates in place of the built-in ones of the same names (`--templates DIR`).
    pub templates: Option<&'static overrides::TemplateSet>,
    /// Neuron by neuron (the seed's way) or as vectors and matrices.
    pub notation: Notation,
    /// Show the backward-pass figure in a notation that does not draw it of itself (scalar):
    /// `--backward-figure`. See [`Options::shows_backward_figure`].
    pub backward_figure: bool,
}

/// What the templates see: the trace, its numbered plan, and the settings.
#[derive(Serialize)]
struct Document<'a> {
    trace: &'a Trace,
    derivation: &'a Derivation,
    lang: Lang,
    fragment: bool,
    /// A page of a combined sheet: a fragment without its note on top.
    part: bool,
    /// An English document whose title, author or date pdflatex cannot set: compiled by xelatex, with
    /// fonts for every script (see [`latex::needs_xelatex`]).
    xelatex: bool,
    figures: Figures,
    /// Whether the document shows the backward-pass figure ([`Options::shows_backward_figure`]).
    backward_figure: bool,
    /// For a batch in matrix notation: each example's numbers beyond the trace's JSON.
    columns: Vec<&'a crate::batch::ExampleColumns>,
}

impl<'a> Document<'a> {
    /// A whole document (not a fragment) without figures.
    fn new(trace: &'a Trace, derivation: &'a Derivation, options: &Options) -> Document<'a> {
        Document {
            trace,
            derivation,
            lang: options.lang,
            fragment: false,
            part: false,
            xelatex: latex::english_by_xelatex(
                options.lang,
                [&trace.title, &trace.author, &trace.date],
            ),
            figures: Figures::default(),
            backward_figure: options.draws_backward_figure_of(trace),
            columns: trace.examples.iter().map(|e| &e.columns).collect(),
        }
    }
}

/// The document of `lesson` in the format, language and precision of `options` (for `Pdf`, the LaTeX
/// to compile). A Markdown document printed this way links no figure files; see [`render_files`].
pub fn render(lesson: &Lesson, options: &Options) -> Result<String> {
    Ok(render_files(lesson, options, None)?.document)
}

impl Options {
    /// Whether the document shows the backward-pass figure: when its notation draws it
    /// ([`Notation::draws_backward_figure`]) or when asked (`--backward-figure`).
    pub fn shows_backward_figure(&self) -> bool {
        self.backward_figure || self.notation.draws_backward_figure()
    }

    /// Whether the document of `trace` draws the backward-pass figure: when it shows it and `trace`
    /// is of one example (the figure shows one example's δ beside each neuron; a mini-batch's
    /// gradients are the examples' mean, so its matrix document has no such figure).
    pub fn draws_backward_figure_of(&self, trace: &Trace) -> bool {
        self.shows_backward_figure() && trace.examples.is_empty()
    }

    /// An error naming `source` when the figures asked for cannot be drawn for `trace`: the
    /// backward-pass figure shows one example's δ, so a mini-batch's document has none yet.
    pub fn figures_drawn(&self, trace: &Trace, source: &str) -> Result<()> {
        if self.backward_figure && !trace.examples.is_empty() {
            return Err(Error::Usage(format!(
                "{source}: --backward-figure draws the backward pass of one example, and this network \
                 trains on a mini-batch; drop --backward-figure (or give one example)"
            )));
        }
        Ok(())
    }

    /// How the step's numbers are carried: rounded to the precision when `carry_rounded` is set (an
    /// error when the precision is full).
    pub fn rounding(&self) -> Result<Rounding> {
        Rounding::new(self.carry_rounded, self.precision).map_err(|_| {
            Error::Usage(
                "--carry-rounded needs a number of places to round to; give --precision N, such as --precision 4"
                    .into(),
            )
        })
    }
}

/// The trace of one step of `lesson` (carried rounded when `options` say so), with the training run and
/// gradient check `options` ask for; an error when any of its numbers is not finite.
pub fn trace(lesson: &Lesson, options: &Options) -> Result<Trace> {
    let network = &lesson.network;
    if let Some(problem) = crate::limits::work_problem(network, options.steps, options.check) {
        return Err(Error::Usage(problem));
    }
    let mut trace = lesson.trace(options.rounding()?, &Given::none())?;
    trace.training = options.steps.map(|steps| Training {
        is_mazur_example: *network == spec::seed(),
        ..train(network, steps)
    });
    if options.check {
        trace.gradient_check = Some(gradcheck::check(network, &trace));
    }
    trace
        .finite()
        .map_err(|overflow| lesson.overflow(overflow))?;
    Ok(trace)
}

/// The document and, for Markdown with a `stem` (the document's file name without `.md`), the SVG figures
/// it links to as `STEM.network.svg`, `STEM.targets.svg` (and `STEM.loss.svg`), to be written beside it.
pub fn render_files(
    lesson: &Lesson,
    options: &Options,
    stem: Option<&std::ffi::OsStr>,
) -> Result<Rendered> {
    let trace = trace(lesson, options)?;
    // a format written from templates (not the trace itself) writes every step as a document does
    if options.format.layout().is_some() {
        trace.document_written(&lesson.source, options.notation)?;
        options.figures_drawn(&trace, &lesson.source)?;
        (trace.softmax_written()).map_err(|overflow| lesson.overflow(overflow))?;
    }
    render_trace_files(&trace, options, stem)
}

/// The document of a trace (such as a carried rounded one) in the format, language and precision
/// of `options`.
pub fn render_trace(trace: &Trace, options: &Options) -> Result<String> {
    Ok(render_trace_files(trace, options, None)?.document)
}

/// [`render_files`] of a trace.
pub fn render_trace_files(
    trace: &Trace,
    options: &Options,
    stem: Option<&std::ffi::OsStr>,
) -> Result<Rendered> {
    let Some(layout) = options.format.layout() else {
        return Ok(Rendered {
            document: json(trace),
            figures: Vec::new(),
            title: None,
        });
    };
    let (figures, files) = figures::for_format(trace, options, stem);
    let derivation = Derivation::in_notation(trace, options.notation, options.precision);
    let document = Document {
        fragment: options.fragment && options.format.takes_fragment(),
        figures,
        ..Document::new(trace, &derivation, options)
    };
    let renderer = templates::Renderer::new(options)?;
    let text = tidy(&renderer.render(layout, &document)?);
    let (document, title) = options.format.finish(text, &renderer)?;
    Ok(Rendered {
        document,
        figures: files,
        title,
    })
}

/// A Markdown document prepared for many traces of one shape (see [`skeleton`]): `placeholders` and
/// `direct` are [`Renderer::with_placeholders`](templates::Renderer::with_placeholders) and
/// [`Renderer::new`](templates::Renderer::new) of the same options, `sample` a trace of that shape.
pub fn markdown_skeleton(
    placeholders: &templates::Renderer,
    direct: &templates::Renderer,
    sample: &Trace,
) -> Result<skeleton::Skeleton> {
    let options = direct.options();
    let derivation = Derivation::in_notation(sample, options.notation, options.precision);
    let document = Document::new(sample, &derivation, direct.options());
    skeleton::Skeleton::new(placeholders, direct, "document.md", |_| &document, tidy)
}

/// [`markdown_skeleton`] with `figures` (holes of a drawing, such as [`Figures::network_marked`])
/// where the document shows its figures; fill it with [`fill_markdown_marked`].
pub fn markdown_skeleton_with(
    placeholders: &templates::Renderer,
    direct: &templates::Renderer,
    sample: &Trace,
    figures: fn(skeleton::Marks) -> Figures,
) -> Result<skeleton::Skeleton> {
    let options = direct.options();
    let derivation = Derivation::in_notation(sample, options.notation, options.precision);
    let document = |marks| Document {
        figures: figures(marks),
        ..Document::new(sample, &derivation, direct.options())
    };
    skeleton::Skeleton::new(placeholders, direct, "document.md", document, tidy)
}

/// The Markdown document of `trace` from a skeleton of [`markdown_skeleton`]: the same text as
/// [`render_trace`] gives for Markdown printed to stdout, made faster.
pub fn fill_markdown(
    skeleton: &skeleton::Skeleton,
    trace: &Trace,
    options: &Options,
) -> Result<String> {
    Ok(fill_markdown_marked(skeleton, trace, options)?.into_text())
}

/// The Markdown document of `trace` from a skeleton of [`markdown_skeleton_with`], its figures' holes
/// still to fill.
pub fn fill_markdown_marked(
    skeleton: &skeleton::Skeleton,
    trace: &Trace,
    options: &Options,
) -> Result<skeleton::Filled> {
    let derivation = Derivation::in_notation(trace, options.notation, options.precision);
    skeleton.fill(&Document::new(trace, &derivation, options))
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
