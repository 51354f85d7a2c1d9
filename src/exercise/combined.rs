//! The files of a set that hold every variant: `questions.md` and `answers.md` (with `-f tex`, also
//! `questions.tex` and `answers.tex`, one page per variant; with `-f html`, `questions.html` and
//! `answers.html`), the key (`key.csv`, `key.json`) and the
//! Moodle quiz, each written piece by piece as the variants come.

use std::io::Write;

use super::html::{self, HtmlSheets};
use super::latex::TexSheets;
use super::pending::QuizFile;
use super::sheets::{Sheets, place_figure};
use super::{Settings, SheetFormat, Variant, key};
use crate::error::Result;
use crate::moodle;
use crate::staging::{Sink, Staging};

/// The combined files being written.
pub(super) struct Combined {
    questions: Sink,
    answers: Sink,
    csv: Sink,
    json: Sink,
    quiz: Option<QuizFile>,
    latex: Option<Latex>,
    web: Option<Web>,
}

/// `questions.tex` and `answers.tex`, and their prepared pages.
struct Latex {
    sheets: TexSheets,
    questions: Sink,
    answers: Sink,
}

/// `questions.html` and `answers.html`, and their pages' beginnings and ends.
struct Web {
    sheets: HtmlSheets,
    questions: Sink,
    answers: Sink,
}

/// One variant's sheets as rendered for its own folder, to be put into the combined files.
pub(super) struct Parts<'a> {
    /// Its question sheet, its figure still marked.
    pub question: &'a str,
    /// Its worked solution.
    pub answer: &'a str,
    /// Its network figure's TikZ, with `-f tex`.
    pub tikz: Option<&'a str>,
}

impl Combined {
    /// Opens the files and writes their beginnings.
    pub fn open(
        staging: &mut Staging,
        settings: &Settings,
        sheets: &Sheets,
        latex: Option<TexSheets>,
        places: u8,
    ) -> Result<Combined> {
        let mut csv = staging.sink("key.csv")?;
        csv.write(|w| key::csv_header(sheets.asked(), w))?;
        let mut json = staging.sink("key.json")?;
        let facts = key::SetFacts {
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
        let latex = match latex {
            Some(tex) => {
                let mut questions = staging.sink("questions.tex")?;
                let mut answers = staging.sink("answers.tex")?;
                questions.write(|w| w.write_all(tex.start().as_bytes()))?;
                answers.write(|w| w.write_all(tex.start().as_bytes()))?;
                Some(Latex {
                    sheets: tex,
                    questions,
                    answers,
                })
            }
            None => None,
        };
        let web = match settings.format {
            SheetFormat::Html => {
                let sheets = HtmlSheets::new(&settings.options)?;
                let mut questions = staging.sink("questions.html")?;
                let mut answers = staging.sink("answers.html")?;
                questions.write(|w| w.write_all(sheets.questions.start.as_bytes()))?;
                answers.write(|w| w.write_all(sheets.answers.start.as_bytes()))?;
                Some(Web {
                    sheets,
                    questions,
                    answers,
                })
            }
            SheetFormat::Md | SheetFormat::Tex => None,
        };
        Ok(Combined {
            questions: staging.sink("questions.md")?,
            answers: staging.sink("answers.md")?,
            csv,
            json,
            quiz,
            latex,
            web,
        })
    }

    /// Writes a variant's part of every file.
    pub fn add(
        &mut self,
        variant: &Variant,
        sheets: &Sheets,
        parts: &Parts,
        seed: u64,
    ) -> Result<()> {
        let Variant {
            number,
            label,
            trace,
            answers,
            ..
        } = variant;
        let first = *number == 1;
        let gap: &[u8] = if first { b"" } else { b"\n" };
        let question = place_figure(parts.question, &format!("{label}/network.svg"));
        let answer = sheets.answer_part(parts.answer, label);
        (self.questions).write(|w| {
            w.write_all(gap)
                .and_then(|()| w.write_all(question.as_bytes()))
        })?;
        (self.answers).write(|w| {
            w.write_all(gap)
                .and_then(|()| w.write_all(answer.as_bytes()))
        })?;
        if let Some(web) = &mut self.web {
            let question = html::section(&question)?;
            let answer = html::section(&answer)?;
            (web.questions).write(|w| w.write_all(question.as_bytes()))?;
            (web.answers).write(|w| w.write_all(answer.as_bytes()))?;
        }
        (self.csv).write(|w| key::csv_row(*number, seed, answers, w))?;
        let row = (sheets.asked(), answers.as_slice());
        (self.json).write(|w| key::json_row(*number, seed, row, first, w))?;
        if let Some(quiz) = &mut self.quiz {
            let html = sheets.quiz(trace, answers)?;
            quiz.write(|w| moodle::question(&sheets.title(label), &html, w))?;
        }
        if let (Some(latex), Some(tikz)) = (&mut self.latex, parts.tikz) {
            let page_break: &[u8] = if first { b"" } else { b"\n\\clearpage\n\n" };
            let question = latex.sheets.question(trace, sheets.asked(), label, tikz)?;
            let answer = latex.sheets.answer(trace, label, tikz)?;
            for (sink, page) in [
                (&mut latex.questions, question),
                (&mut latex.answers, answer),
            ] {
                sink.write(|w| {
                    w.write_all(page_break)
                        .and_then(|()| w.write_all(page.as_bytes()))
                })?;
            }
        }
        Ok(())
    }

    /// Writes the files' ends and closes them.
    pub fn finish(mut self, rejections: &key::Rejections, count: usize) -> Result<()> {
        self.json.write(|w| key::json_end(rejections, count, w))?;
        for sink in [self.questions, self.answers, self.csv, self.json] {
            sink.finish()?;
        }
        if let Some(mut quiz) = self.quiz {
            quiz.write(|w| moodle::end(w))?;
            quiz.finish()?;
        }
        if let Some(mut web) = self.web {
            (web.questions).write(|w| w.write_all(web.sheets.questions.end.as_bytes()))?;
            (web.answers).write(|w| w.write_all(web.sheets.answers.end.as_bytes()))?;
            web.questions.finish()?;
            web.answers.finish()?;
        }
        if let Some(latex) = self.latex {
            let end = latex.sheets.end().as_bytes();
            for mut sink in [latex.questions, latex.answers] {
                sink.write(|w| w.write_all(b"\n").and_then(|()| w.write_all(end)))?;
                sink.finish()?;
            }
        }
        Ok(())
    }
}
