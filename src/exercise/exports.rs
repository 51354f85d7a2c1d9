//! The quizzes a set exports (`--moodle`, `--qti`, `--canvas`), written as the variants come, each
//! from the variant's [`Item`]: its question, its key and its worked solution.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;

use super::Variant;
use super::pending::{ExportFile, Finished, Place, check_distinct};
use super::sheets::Sheets;
use crate::error::Result;
use crate::lms::canvas::Canvas;
use crate::lms::qti::Qti;
use crate::lms::{Item, xhtml};
use crate::moodle;
use crate::staging::{Staging, write_error};

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

/// The quizzes being written.
pub(super) struct Exports {
    moodle: Option<ExportFile>,
    qti: Option<(Qti<BufWriter<File>>, Place)>,
    canvas: Option<(Canvas<BufWriter<File>>, Place)>,
}

/// A variant's texts that the quizzes take, as its folder has them.
pub(super) struct VariantTexts<'a> {
    /// Its worked solution (Markdown).
    pub answer: &'a str,
    /// Its network figure (SVG).
    pub svg: &'a str,
}

/// The Moodle question's figure: its file's name, and where the question's text finds it.
const MOODLE_FIGURE: &str = "network.svg";

impl Exports {
    /// Opens the quizzes asked for, for the set written to `out`; `title` names the quizzes.
    pub fn open(
        quizzes: &Quizzes,
        out: &std::path::Path,
        staging: &mut Staging,
        title: &str,
    ) -> Result<Exports> {
        check_distinct(&[
            ("--out", Some(out)),
            ("--moodle", quizzes.moodle.as_deref()),
            ("--qti", quizzes.qti.as_deref()),
            ("--canvas", quizzes.canvas.as_deref()),
        ])?;
        let mut open = |path: &Option<PathBuf>, option: &str, example: &str| {
            (path.as_ref())
                .map(|path| ExportFile::open(path, option, example, out, staging))
                .transpose()
        };
        let moodle = open(&quizzes.moodle, "--moodle", "quiz.xml")?;
        let qti = open(&quizzes.qti, "--qti", "qti.zip")?;
        let canvas = open(&quizzes.canvas, "--canvas", "canvas.zip")?;
        let mut exports = Exports {
            moodle,
            qti: qti.map(|file| (Qti::new(file.writer, title), file.place)),
            canvas: canvas.map(|file| (Canvas::new(file.writer, title), file.place)),
        };
        if let Some(quiz) = &mut exports.moodle {
            quiz.write(|w| moodle::start("handprop", w))?;
        }
        Ok(exports)
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
        let Variant {
            label,
            trace,
            answers,
            ..
        } = variant;
        let title = sheets.title(label);
        let solution = xhtml::from_markdown(texts.answer);
        if let Some(quiz) = &mut self.moodle {
            let src = format!("@@PLUGINFILE@@/{MOODLE_FIGURE}");
            let html = sheets.quiz(trace, answers, &src)?;
            let file = moodle::File {
                name: MOODLE_FIGURE,
                bytes: texts.svg.as_bytes(),
            };
            quiz.write(|w| moodle::question(&title, &html, &file, &solution, w))?;
        }
        if self.qti.is_none() && self.canvas.is_none() {
            return Ok(());
        }
        let stem = sheets.stem(trace)?;
        let item = Item {
            label,
            title: &title,
            stem: &stem,
            asked: sheets.asked(),
            symbols: sheets.symbols(),
            answers,
            solution: &solution,
            figure: texts.svg,
        };
        if let Some((qti, place)) = &mut self.qti {
            qti.add(&item).map_err(|e| write_error(place.path(), e))?;
        }
        if let Some((canvas, place)) = &mut self.canvas {
            canvas
                .add(&item)
                .map_err(|e| write_error(place.path(), e))?;
        }
        Ok(())
    }

    /// Writes the quizzes' ends and closes them: whole, to be put in place with the set.
    pub fn finish(self) -> Result<Vec<Finished>> {
        let mut finished = Vec::new();
        if let Some(mut quiz) = self.moodle {
            quiz.write(moodle::end)?;
            finished.push(quiz.place.finish(quiz.writer)?);
        }
        if let Some((qti, place)) = self.qti {
            let writer = qti.finish().map_err(|e| write_error(place.path(), e))?;
            finished.push(place.finish(writer)?);
        }
        if let Some((canvas, place)) = self.canvas {
            let writer = canvas.finish().map_err(|e| write_error(place.path(), e))?;
            finished.push(place.finish(writer)?);
        }
        Ok(finished)
    }
}
