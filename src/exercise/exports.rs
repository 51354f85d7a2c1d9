//! The quizzes a set exports (`--moodle`, `--qti`, `--canvas`), written as the variants come, each
//! from the variant's [`Item`]: its question, its key and its worked solution.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use super::Variant;
use super::pending::{check_distinct, open_export};
use super::sheets::Sheets;
use crate::error::Result;
use crate::lms::canvas::{Canvas, Words};
use crate::lms::qti::Qti;
use crate::lms::{Item, figure_at, set_title, xhtml};
use crate::moodle;
use crate::publish::{Commit, Sink, write_error};

/// Where to write each quiz, if anywhere.
#[derive(Debug, Clone, Default)]
pub struct Quizzes {
    /// Moodle's question XML.
    pub moodle: Option<PathBuf>,
    /// An IMS QTI 2.1 content package.
    pub qti: Option<PathBuf>,
    /// A package for Canvas's QTI import.
    pub canvas: Option<PathBuf>,
}

/// The quizzes being written. A package (QTI, Canvas) is a zip, whose writer seeks back: it is built in
/// an anonymous temporary file and copied into its file of the commit at the end.
pub(super) struct Exports {
    moodle: Option<Sink>,
    /// The set's name ([`set_title`] of its network file's title), once the first variant came; the
    /// Moodle quiz starts with it.
    title: Option<String>,
    qti: Option<(Qti<BufWriter<File>>, Sink)>,
    canvas: Option<(Canvas<BufWriter<File>>, Sink)>,
    /// The words of the Canvas quiz, once the first variant came.
    canvas_words: Option<Words>,
}

/// A zip package's scratch file, removed by the system when closed.
fn scratch(path: &Path) -> Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 16, scratch_file(path)?))
}

/// An anonymous temporary file for the package `path`, removed by the system when closed.
fn scratch_file(path: &Path) -> Result<File> {
    tempfile::tempfile().map_err(|source| write_error(path, source))
}

/// Copies a finished package from its scratch file into its file of the commit.
fn copy_package(written: std::io::Result<BufWriter<File>>, mut sink: Sink) -> Result<()> {
    sink.write(|w| {
        let mut file = written?.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut file, w).map(|_| ())
    })?;
    sink.finish()
}

/// A variant's texts that the quizzes take, as its folder has them.
pub(super) struct VariantTexts<'a> {
    /// Its network figure (SVG).
    pub svg: &'a str,
    /// Its Moodle question, as HTML (its figure at [`MOODLE_SRC`]), when the set has a Moodle quiz.
    pub quiz: Option<&'a str>,
}

/// The Moodle question's figure: its file's name, and where the question's text finds it.
const MOODLE_FIGURE: &str = "network.svg";
/// Where a Moodle question's text finds its figure ([`MOODLE_FIGURE`] among the question's files).
pub(super) const MOODLE_SRC: &str = "@@PLUGINFILE@@/network.svg";

impl Exports {
    /// Opens the quizzes asked for, for the set written to `out`.
    pub fn open(quizzes: &Quizzes, out: &Path, commit: &mut Commit) -> Result<Exports> {
        check_distinct(&[
            ("--moodle", quizzes.moodle.as_deref()),
            ("--qti", quizzes.qti.as_deref()),
            ("--canvas", quizzes.canvas.as_deref()),
        ])?;
        let mut open = |path: &Option<PathBuf>, option: &str, example: &str| {
            (path.as_ref())
                .map(|path| open_export(path, (option, example), out, commit))
                .transpose()
        };
        let moodle = open(&quizzes.moodle, "--moodle", "quiz.xml")?;
        let qti = open(&quizzes.qti, "--qti", "qti.zip")?;
        let canvas = open(&quizzes.canvas, "--canvas", "canvas.zip")?;
        Ok(Exports {
            moodle,
            title: None,
            qti: match (qti, &quizzes.qti) {
                (Some(sink), Some(path)) => Some((Qti::new(scratch(path)?), sink)),
                _ => None,
            },
            canvas: match (canvas, &quizzes.canvas) {
                (Some(sink), Some(path)) => {
                    Some((Canvas::new(scratch(path)?, scratch_file(path)?), sink))
                }
                _ => None,
            },
            canvas_words: None,
        })
    }

    /// The set's name, taken from the first variant (every variant bears the network file's title);
    /// the Moodle quiz's start written with it.
    fn title(&mut self, variant: &Variant) -> Result<String> {
        if let Some(title) = &self.title {
            return Ok(title.clone());
        }
        let title = set_title(variant.trace.title.as_deref());
        if let Some(quiz) = &mut self.moodle {
            quiz.write(|w| moodle::start(&title, w))?;
        }
        self.title = Some(title.clone());
        Ok(title)
    }

    /// Whether any quiz is asked for.
    fn any(&self) -> bool {
        self.moodle.is_some() || self.qti.is_some() || self.canvas.is_some()
    }

    /// Writes a variant's question into each quiz.
    pub fn add(&mut self, variant: &Variant, sheets: &Sheets, texts: &VariantTexts) -> Result<()> {
        if !self.any() {
            return Ok(());
        }
        let set = self.title(variant)?;
        let Variant {
            label,
            trace,
            answers,
            ..
        } = variant;
        let title = sheets.title(label);
        let solution = sheets.solution(trace)?;
        if let Some(quiz) = &mut self.moodle {
            let html = match texts.quiz {
                Some(html) => html.to_owned(),
                None => sheets.quiz(trace, answers, MOODLE_SRC)?,
            };
            let file = moodle::File {
                name: MOODLE_FIGURE,
                bytes: texts.svg.as_bytes(),
            };
            let feedback = xhtml::from_markdown(&figure_at(&solution, MOODLE_SRC));
            quiz.write(|w| moodle::question(&title, &html, &file, &feedback, w))?;
        }
        if self.qti.is_none() && self.canvas.is_none() {
            return Ok(());
        }
        let stem = sheets.stem(trace)?;
        let item = Item {
            set: &set,
            label,
            title: &title,
            stem: &stem,
            symbols: sheets.symbols(),
            answers,
            solution: &solution,
            figure: texts.svg,
        };
        // a package's errors name its file, through its sink
        if let Some((qti, sink)) = &mut self.qti {
            sink.write(|_| qti.add(&item))?;
        }
        if let Some((canvas, sink)) = &mut self.canvas {
            let words = match &mut self.canvas_words {
                Some(words) => words,
                words => words.insert(sheets.canvas_words(trace)?),
            };
            sink.write(|_| canvas.add(&item, words))?;
        }
        Ok(())
    }

    /// Writes the quizzes' ends and closes them.
    pub fn finish(self) -> Result<()> {
        if let Some(mut quiz) = self.moodle {
            if self.title.is_none() {
                quiz.write(|w| moodle::start(&set_title(None), w))?;
            }
            quiz.write(moodle::end)?;
            quiz.finish()?;
        }
        if let Some((qti, sink)) = self.qti {
            copy_package(qti.finish(), sink)?;
        }
        if let Some((canvas, sink)) = self.canvas {
            copy_package(canvas.finish(), sink)?;
        }
        Ok(())
    }
}
