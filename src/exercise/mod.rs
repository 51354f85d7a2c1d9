//! Exercise sheets with new numbers: many variants of a base network, each with a network file, a
//! question sheet and a worked answer sheet, the combined sheets, an answer key and, when asked, a Moodle
//! quiz; all reproducible from one seed.
//!
//! Variants come from a seeded stream ([`draw`]), are judged by the [`rules`], rendered through
//! prepared templates ([`sheets`]) and written into a temporary folder that is renamed into place at the
//! end ([`crate::staging`]), so `--out` holds a whole set or is left as it was.

pub mod draw;
pub mod key;
pub mod pending;
pub mod rules;
pub mod sheets;

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use indicatif::ProgressBar;

use crate::error::{Error, Result};
use crate::moodle;
use crate::network::Network;
use crate::number::Precision;
use crate::render::Options;
use crate::staging::{Sink, Staging};
use crate::trace::Trace;
use key::{Rejections, SetFacts};
use pending::QuizFile;
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
    /// Language and precision (a number of places) of the sheets.
    pub options: Options,
    /// Round every intermediate to the precision before it is used.
    pub carry_rounded: bool,
    /// The set's folder.
    pub out: PathBuf,
    /// Write into a folder that holds files handprop did not write.
    pub force: bool,
    /// Where to write the Moodle quiz, if anywhere.
    pub moodle: Option<PathBuf>,
    /// The base network's name (its file), for the key and for messages.
    pub base_name: String,
}

/// The files of the set that are written piece by piece, one variant after another.
struct Combined {
    questions: Sink,
    answers: Sink,
    csv: Sink,
    json: Sink,
    quiz: Option<QuizFile>,
}

/// Draws, checks and writes the set; returns how many draws were turned down, and why.
pub fn write_set(
    base: &Network,
    settings: &Settings,
    progress: &ProgressBar,
) -> Result<Rejections> {
    let places = check(settings.count, settings.options.precision)?;
    let mut staging = Staging::begin(&settings.out, settings.force)?;
    let sample = trace(base, settings);
    let sheets = Sheets::new(
        &sample,
        key::asked(&sample),
        &settings.options,
        places,
        settings.carry_rounded,
    )?;
    let mut combined = open_combined(&mut staging, settings, &sheets, places)?;
    progress.set_length(settings.count as u64);
    let mut variants = Variants::new(base, settings);
    for variant in variants.by_ref() {
        write_variant(
            &variant?,
            &sheets,
            &mut staging,
            &mut combined,
            settings.seed,
        )?;
        progress.inc(1);
    }
    let rejections = variants.rejections;
    finish(staging, combined, &rejections, settings.count)?;
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
}

/// The good variants of a base network, in order: drawn from the settings' seed, judged by the rules,
/// counted. An error (and the end) when too many draws in a row are turned down.
pub struct Variants<'a> {
    settings: &'a Settings,
    drawer: draw::Drawer,
    seen: HashSet<Vec<u8>>,
    /// Why draws were turned down so far.
    pub rejections: Rejections,
    streak: Rejections,
    number: usize,
    width: usize,
}

impl<'a> Variants<'a> {
    /// The variants of `base` that `settings` ask for.
    pub fn new(base: &Network, settings: &'a Settings) -> Variants<'a> {
        Variants {
            settings,
            drawer: draw::Drawer::new(base, settings.seed),
            seen: HashSet::new(),
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
            let trace = trace(&draw.network, settings);
            let answers = key::answers(&trace, precision);
            let verdict = match self.seen.contains(&draw.indices) {
                true => Some(Reason::Duplicate),
                false => rules::judge(&trace, &answers, precision),
            };
            if let Some(reason) = verdict {
                count(&mut self.rejections, reason);
                count(&mut self.streak, reason);
                if self.streak.total() >= GIVE_UP_AFTER {
                    self.number = settings.count;
                    return Some(Err(give_up(&settings.base_name, &self.streak)));
                }
                continue;
            }
            self.seen.insert(draw.indices);
            self.streak = Rejections::default();
            self.number += 1;
            let (number, width) = (self.number, self.width);
            let label = format!("{number:0width$}");
            return Some(Ok(Variant {
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

/// Writes a variant's folder and its part of the combined files.
fn write_variant(
    variant: &Variant,
    sheets: &Sheets,
    staging: &mut Staging,
    combined: &mut Combined,
    seed: u64,
) -> Result<()> {
    let Variant {
        number,
        label,
        trace,
        answers,
        ..
    } = variant;
    staging.folder(label)?;
    let network_file = sheets::network_file(&variant.network);
    staging.file(&format!("{label}/network.toml"), network_file)?;
    let question = sheets.question(trace, label)?;
    let answer = sheets.answer(trace)?;
    let gap: &[u8] = if *number == 1 { b"" } else { b"\n" };
    let part = sheets.answer_part(&answer, label);
    let questions = question.as_bytes();
    (combined.questions).write(|w| w.write_all(gap).and_then(|()| w.write_all(questions)))?;
    (combined.answers).write(|w| w.write_all(gap).and_then(|()| w.write_all(part.as_bytes())))?;
    (combined.csv).write(|w| key::csv_row(*number, seed, answers, w))?;
    let row = (sheets.asked(), answers.as_slice());
    (combined.json).write(|w| key::json_row(*number, seed, row, *number == 1, w))?;
    if let Some(quiz) = &mut combined.quiz {
        let html = sheets.quiz(trace, answers)?;
        quiz.write(|w| moodle::question(&sheets.title(label), &html, w))?;
    }
    staging.file(&format!("{label}/question.md"), question)?;
    staging.file(&format!("{label}/answer.md"), answer)
}

/// Checks a set's count and precision; the precision's number of places.
pub fn check(count: usize, precision: Precision) -> Result<u8> {
    if !(1..=MAX_COUNT).contains(&count) {
        return Err(Error::Usage(format!(
            "--count {count} is out of range; ask for 1 to {MAX_COUNT} variants"
        )));
    }
    match precision {
        Precision::Places(1) => Err(Error::Usage(
            "--precision 1 cannot print the drawn numbers (0.05, 0.01, 0.25); give 2 or more places, such as --precision 4".into(),
        )),
        Precision::Places(places) => Ok(places),
        Precision::Full => Err(Error::Usage(
            "--precision full cannot make an answer key; give a number of decimal places, such as --precision 4".into(),
        )),
    }
}

/// The trace of one training step of `network`, rounded as the settings ask.
pub fn trace(network: &Network, settings: &Settings) -> Trace {
    let precision = settings.options.precision;
    match settings.carry_rounded {
        true => Trace::carried(network, &|x| precision.carried(x)),
        false => Trace::new(network),
    }
}

fn count(rejections: &mut Rejections, reason: Reason) {
    match reason {
        Reason::Saturated => rejections.saturated += 1,
        Reason::ChangeReadsZero => rejections.change_reads_zero += 1,
        Reason::AnswersCoincide => rejections.answers_coincide += 1,
        Reason::Duplicate => rejections.duplicate += 1,
    }
}

/// The error when the base network gives no good variant: the constraint that turned down most draws.
fn give_up(base: &str, streak: &Rejections) -> Error {
    let reasons = [
        (streak.saturated, Reason::Saturated),
        (streak.change_reads_zero, Reason::ChangeReadsZero),
        (streak.answers_coincide, Reason::AnswersCoincide),
        (streak.duplicate, Reason::Duplicate),
    ];
    let (most, reason) = reasons
        .into_iter()
        .max_by_key(|(n, _)| *n)
        .unwrap_or((0, Reason::Saturated));
    let (constraint, fix) = reason.explain();
    Error::Usage(format!(
        "cannot draw good variants of {base}: {GIVE_UP_AFTER} draws in a row were turned down, {most} of \
         them because {constraint}; {fix}"
    ))
}

fn open_combined(
    staging: &mut Staging,
    settings: &Settings,
    sheets: &Sheets,
    places: u8,
) -> Result<Combined> {
    let mut csv = staging.sink("key.csv")?;
    csv.write(|w| key::csv_header(sheets.asked(), w))?;
    let mut json = staging.sink("key.json")?;
    let facts = SetFacts {
        seed: settings.seed,
        count: settings.count,
        precision: places,
        carry_rounded: settings.carry_rounded,
        base: settings.base_name.clone(),
    };
    json.write(|w| key::json_start(&facts, sheets.asked(), w))?;
    let quiz = match &settings.moodle {
        Some(path) => {
            let mut quiz = QuizFile::open(path, &settings.out, staging)?;
            quiz.write(|w| moodle::start("handprop", w))?;
            Some(quiz)
        }
        None => None,
    };
    Ok(Combined {
        questions: staging.sink("questions.md")?,
        answers: staging.sink("answers.md")?,
        csv,
        json,
        quiz,
    })
}

fn finish(
    staging: Staging,
    mut combined: Combined,
    rejections: &Rejections,
    count: usize,
) -> Result<()> {
    combined
        .json
        .write(|w| key::json_end(rejections, count, w))?;
    for sink in [
        combined.questions,
        combined.answers,
        combined.csv,
        combined.json,
    ] {
        sink.finish()?;
    }
    if let Some(mut quiz) = combined.quiz {
        quiz.write(|w| moodle::end(w))?;
        quiz.finish()?;
    }
    staging.commit()
}
