//! Exercise sheets with new numbers: many variants of a base network, each with a network file, a
//! question sheet and a worked answer sheet, the combined sheets, an answer key and, when asked, a Moodle
//! quiz; all reproducible from one seed.
//!
//! Variants come from a seeded stream ([`draw`]), are judged by the [`rules`], rendered through
//! prepared templates ([`sheets`]) and written into a temporary folder that is renamed into place at the
//! end ([`crate::publish`]), so `--out` holds a whole set or is left as it was.

pub mod check;
mod combined;
pub mod draw;
pub mod exports;
pub mod html;
pub mod key;
pub mod latex;
pub mod pending;
pub mod roster;
pub mod rules;
pub mod sheets;

use crate::compact::ByteSet;
use std::path::PathBuf;

use indicatif::ProgressBar;

use crate::error::{Error, Result};
use crate::figure::Figure;
use crate::lesson::Lesson;
use crate::network::Network;
use crate::number::Precision;
use crate::parallel;
use crate::publish::Commit;
use crate::render::Options;
use crate::render::mathml::Typesetter;
use crate::spec::Defaults;
use crate::step::Given;
use crate::trace::Trace;
use combined::{Combined, Part, Parts};
use exports::VariantTexts;
use key::Rejections;
use latex::TexSheets;
use rules::Reason;
use sheets::Sheets;

/// The most variants one set may have.
pub const MAX_COUNT: usize = 1_000_000;

/// How many draws in a row may be turned down before handprop gives up on the base network.
pub const GIVE_UP_AFTER: u64 = 10_000;

/// What to make.
#[derive(Debug, Clone)]
pub struct Settings {
    /// How many variants (1 to [`MAX_COUNT`]).
    pub count: usize,
    /// The seed of the draws.
    pub seed: u64,
    /// Language, precision (a number of places) and rounding of the sheets: with `carry_rounded`, every
    /// intermediate is rounded to the precision before it is used.
    pub options: Options,
    /// The set's folder.
    pub out: PathBuf,
    /// Write into a folder that holds files handprop did not write.
    pub force: bool,
    /// The combined sheets' format, beside the Markdown ones.
    pub format: SheetFormat,
    /// Where to write the quizzes (Moodle, QTI, Canvas), if anywhere.
    pub quizzes: exports::Quizzes,
    /// The base network's name (its file), for the key and for messages.
    pub base_name: String,
    /// The class (`--roster`): a variant per student, in order, `count` of them.
    pub roster: Option<Vec<roster::Student>>,
}

impl Settings {
    /// The `[document]` settings that make `handprop render` write a variant's answer sheet.
    pub fn defaults(&self) -> Defaults {
        Defaults {
            lang: Some(self.options.lang),
            precision: Some(self.options.precision),
            carry_rounded: self.options.carry_rounded,
        }
    }
}

/// The formats of the combined sheets: always Markdown, and LaTeX or HTML beside it when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// Markdown only (`questions.md`, `answers.md`), as `handprop render` writes it.
    Md,
    /// Also `questions.tex` and `answers.tex`: LaTeX documents, one variant a page (xelatex for zh,
    /// pdflatex for en).
    Tex,
    /// Also `questions.html` and `answers.html`: web pages that open offline and print one variant a
    /// page.
    Html,
}

/// Draws, checks and writes the set; returns how many draws were turned down, and why.
pub fn write_set(base: &Lesson, settings: &Settings, progress: &ProgressBar) -> Result<Rejections> {
    let (sheets, sample) = prepare(base, settings, false)?;
    let mut commit = Commit::folder(&settings.out, "--out", "exercises", settings.force)?;
    let latex = match settings.format == SheetFormat::Tex {
        true => Some(TexSheets::new(
            &sample,
            sheets.asked(),
            &settings.options,
            settings.roster.as_deref(),
        )?),
        false => None,
    };
    let forms = match settings.format == SheetFormat::Html {
        true => Some(check::Forms::new(
            &settings.options,
            sheets.asked(),
            &sample,
        )?),
        false => None,
    };
    let mut combined = Combined::open(&mut commit, settings, (&sheets, &sample), latex.as_ref())?;
    progress.set_length(settings.count as u64);
    let mut variants = Variants::new(base, settings);
    let mut typesetters: Vec<Typesetter> = (0..parallel::workers())
        .map(|_| Typesetter::new())
        .collect();
    let render = |typesetter: &mut Typesetter, variant: &Variant| {
        let pages = (latex.as_ref(), forms.as_ref());
        render_variant(variant, base, &sheets, pages, settings, typesetter)
    };
    parallel::render_in_order(&mut variants, &mut typesetters, render, |variant, files| {
        write_variant(
            &variant,
            files,
            &sheets,
            &mut commit,
            &mut combined,
            settings.seed,
        )?;
        progress.inc(1);
        Ok(())
    })?;
    let rejections = variants.rejections;
    combined.finish(&rejections, settings.count)?;
    commit.publish()?;
    Ok(rejections)
}

/// A good variant, numbered.
pub struct Variant {
    /// Its number, from 1.
    pub number: usize,
    /// Its number as its folder's name (`007`).
    pub label: String,
    /// Its network.
    pub network: Network,
    /// One training step of it (carried rounded when the settings say so).
    pub trace: Trace,
    /// The asked quantities' answers.
    pub answers: Vec<key::Answer>,
    /// The student whose variant it is, in a set made from a roster.
    pub student: Option<roster::Student>,
}

/// The good variants of a base network, in order: drawn from the settings' seed, judged by the rules,
/// counted. An error (and the end) when too many draws in a row are turned down.
pub struct Variants<'a> {
    settings: &'a Settings,
    base: &'a Lesson,
    drawer: draw::Drawer,
    seen: ByteSet,
    /// Why draws were turned down so far.
    pub rejections: Rejections,
    streak: Rejections,
    number: usize,
    width: usize,
}

impl<'a> Variants<'a> {
    /// The variants of `base` that `settings` ask for.
    pub fn new(base: &'a Lesson, settings: &'a Settings) -> Variants<'a> {
        Variants {
            settings,
            base,
            drawer: draw::Drawer::new(&base.network, settings.seed),
            seen: ByteSet::default(),
            rejections: Rejections::default(),
            streak: Rejections::default(),
            number: 0,
            width: settings.count.to_string().len().max(3),
        }
    }
}

impl Iterator for Variants<'_> {
    type Item = Result<Variant>;

    fn next(&mut self) -> Option<Result<Variant>> {
        let (settings, precision) = (self.settings, self.settings.options.precision);
        while self.number < settings.count {
            let draw = self.drawer.next_draw();
            let rounding = match settings.options.rounding() {
                Ok(rounding) => rounding,
                Err(error) => return Some(Err(error)),
            };
            let trace = match Trace::compute(&draw.network, rounding, &Given::none()) {
                Ok(trace) => self.base.titled(trace),
                Err(overflow) => return Some(Err(self.base.overflow(overflow))),
            };
            let answers = key::answers(&trace, precision);
            let verdict = match self.seen.contains(&draw.indices) {
                true => Some(Reason::Duplicate),
                false => rules::judge(&trace, &answers, precision),
            };
            if let Some(reason) = verdict {
                *self.rejections.of(reason) += 1;
                *self.streak.of(reason) += 1;
                if self.streak.total() >= GIVE_UP_AFTER {
                    self.number = settings.count;
                    return Some(Err(give_up(&settings.base_name, self.streak)));
                }
                continue;
            }
            self.seen.insert(&draw.indices);
            self.streak = Rejections::default();
            self.number += 1;
            let (number, width) = (self.number, self.width);
            let label = format!("{number:0width$}");
            let student = (settings.roster.as_ref()).and_then(|r| r.get(number - 1).cloned());
            return Some(Ok(Variant {
                student,
                label,
                number,
                network: draw.network,
                trace,
                answers,
            }));
        }
        None
    }
}

/// A variant's files, and its part of the combined files, rendered.
struct Files {
    network_file: String,
    svg: String,
    question: String,
    answer: String,
    part: Part,
}

/// Renders a variant's folder (its network file, network figure, question and answer sheets) and its
/// part of the combined files; on any thread (see [`parallel`]).
fn render_variant(
    variant: &Variant,
    base: &Lesson,
    sheets: &Sheets,
    (latex, forms): (Option<&TexSheets>, Option<&check::Forms>),
    settings: &Settings,
    typesetter: &mut Typesetter,
) -> Result<Files> {
    let lesson = Lesson {
        network: variant.network.clone(),
        document: settings.defaults(),
        ..base.clone()
    };
    let figure = Figure::network(&variant.trace, settings.options.precision);
    let question = sheets.question_marked(&variant.trace)?;
    let answer = sheets.answer(&variant.trace)?;
    let tikz = latex.map(|_| figure.tikz());
    let parts = Parts {
        question: &question,
        answer: &answer,
        latex: tikz.as_deref().zip(latex),
        web: forms.map(|forms| (typesetter, forms)),
        quiz: settings.quizzes.moodle.is_some(),
    };
    let student = variant.student.as_ref();
    Ok(Files {
        part: Part::new(variant, sheets, parts)?,
        network_file: sheets::network_file(&lesson),
        svg: figure.svg(),
        question: sheets::place_figure(&question, &variant.label, student, "network.svg"),
        answer,
    })
}

/// Writes a variant's folder and its part of the combined files, in the order of the variants.
fn write_variant(
    variant: &Variant,
    files: Files,
    sheets: &Sheets,
    commit: &mut Commit,
    combined: &mut Combined,
    seed: u64,
) -> Result<()> {
    let label = &variant.label;
    commit.mkdir(label)?;
    commit.file(&format!("{label}/network.toml"), files.network_file)?;
    let texts = VariantTexts {
        svg: &files.svg,
        quiz: files.part.quiz(),
    };
    combined.add(variant, sheets, (&files.part, &texts), seed)?;
    commit.file(&format!("{label}/network.svg"), files.svg)?;
    commit.file(&format!("{label}/question.md"), files.question)?;
    commit.file(&format!("{label}/answer.md"), files.answer)
}

/// The sheets of a set (figures `inline` for HTML, else linked files); with the base's trace, the
/// sample of the set's shape. The count and precision are checked by the command line ([`check_count`], [`check_precision`]),
/// which knows where each came from.
pub fn prepare(base: &Lesson, settings: &Settings, inline: bool) -> Result<(Sheets, Trace)> {
    let sample = base.trace(settings.options.rounding()?, &Given::none())?;
    if let Some(what) = sample.unwritten_in_document(settings.options.notation) {
        return Err(Error::Usage(format!(
            "{}: answer sheets of {what} are not written yet, so exercise sets of it cannot be made yet; \
             `handprop render {} -f json` gives every number of its step",
            base.source, base.source
        )));
    }
    settings.options.figures_drawn(&sample, &base.source)?;
    let asked = key::asked(&sample);
    let roster = settings.roster.is_some();
    let sheets = Sheets::new(&sample, asked, &settings.options, (inline, roster))?;
    Ok((sheets, sample))
}

/// Checks a set's count, given by the option `flag` (`--count`, `--exercises`).
pub fn check_count(count: usize, flag: &str) -> Result<()> {
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(Error::Usage(format!(
            "{flag} {count} is out of range; ask for 1 to {MAX_COUNT} variants"
        )));
    }
    Ok(())
}

/// Checks that a set's precision (given by `from`: `--precision`, or a base file's `[document]`) is a
/// number of places that can print its numbers.
pub fn check_precision(precision: Precision, from: &str) -> Result<()> {
    match precision {
        Precision::Places(1) => Err(Error::Usage(format!(
            "{from} 1 cannot print the drawn numbers (0.05, 0.01, 0.25); give 2 or more places, such as --precision 4"
        ))),
        Precision::Places(_) => Ok(()),
        Precision::Full => Err(Error::Usage(format!(
            "{from} full cannot make an answer key; give a number of decimal places, such as --precision 4"
        ))),
    }
}

/// The precision of a set: `given` on the command line, else the base file's `[document]` one, else 4
/// places; with the words that say where it came from, for [`check_precision`]'s messages.
pub fn precision(given: Option<Precision>, base: &Lesson, base_name: &str) -> (Precision, String) {
    match (given, base.document.precision) {
        (None, Some(precision)) => (precision, format!("{base_name}'s [document] precision")),
        (given, _) => (
            given.unwrap_or(Precision::Places(4)),
            "--precision".to_owned(),
        ),
    }
}

/// The error when the base network gives no good variant: the constraint that turned down most draws.
fn give_up(base: &str, mut streak: Rejections) -> Error {
    let (most, reason) = (Reason::ALL.into_iter())
        .map(|reason| (*streak.of(reason), reason))
        .max_by_key(|(n, _)| *n)
        .unwrap_or((0, Reason::Saturated));
    let (constraint, fix) = reason.explain();
    Error::Usage(format!(
        "cannot draw good variants of {base}: {GIVE_UP_AFTER} draws in a row were turned down, {most} of \
         them because {constraint}; {fix}"
    ))
}
