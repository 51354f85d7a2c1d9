//! The files of a set that hold every variant: `questions.md` and `answers.md` (with `-f tex`, also
//! `questions.tex` and `answers.tex`, one page per variant; with `-f html`, `questions.html` and
//! `answers.html`), the key (`key.csv`, `key.json`) and the
//! Moodle quiz, each written piece by piece as the variants come.

use std::io::Write;

use super::check::{self, Forms};
use super::exports::{self, Exports, VariantTexts};
use super::html::{self, HtmlSheets};
use super::latex::TexSheets;
use super::sheets::{Sheets, place_figure};
use super::{Settings, SheetFormat, Variant, key};
use crate::error::Result;
use crate::publish::{Commit, Sink};
use crate::render::mathml::Typesetter;
use crate::render::skeleton::Filled;

/// The combined files being written.
pub(super) struct Combined {
    markdown: Pair,
    csv: Sink,
    json: Sink,
    exports: Exports,
    latex: Option<Latex>,
    web: Option<Web>,
}

/// `questions.tex` and `answers.tex`, and their end.
struct Latex {
    end: String,
    pair: Pair,
}

/// `questions.html` and `answers.html`, and their pages' beginnings and ends (the script that checks
/// the question sheet's forms before its end).
struct Web {
    sheets: HtmlSheets,
    pair: Pair,
}

/// A question sheet and an answer sheet of one format (`questions.md` and `answers.md`, …): a
/// beginning, each variant's part, an end.
struct Pair {
    questions: Sink,
    answers: Sink,
}

impl Pair {
    /// Opens `questions.EXTENSION` and `answers.EXTENSION` and writes their beginnings.
    fn open(commit: &mut Commit, extension: &str, starts: [&str; 2]) -> Result<Pair> {
        let mut pair = Pair {
            questions: commit.sink(&format!("questions.{extension}"))?,
            answers: commit.sink(&format!("answers.{extension}"))?,
        };
        pair.write(starts)?;
        Ok(pair)
    }

    /// Writes `texts[0]` to the questions and `texts[1]` to the answers.
    fn write(&mut self, texts: [&str; 2]) -> Result<()> {
        for (sink, text) in [
            (&mut self.questions, texts[0]),
            (&mut self.answers, texts[1]),
        ] {
            sink.write(|w| w.write_all(text.as_bytes()))?;
        }
        Ok(())
    }

    /// Writes the ends and closes both files.
    fn finish(mut self, ends: [&str; 2]) -> Result<()> {
        self.write(ends)?;
        self.questions.finish()?;
        self.answers.finish()
    }
}

/// One variant's sheets as rendered for its own folder, to be put into the combined files.
pub(super) struct Parts<'a> {
    /// Its question sheet, its label and figure still to place.
    pub question: &'a Filled,
    /// Its worked solution.
    pub answer: &'a str,
    /// Its network figure's TikZ and the set's LaTeX pages, with `-f tex`.
    pub latex: Option<(&'a str, &'a TexSheets)>,
    /// The typesetter of its web sections and the set's forms that check answers, with `-f html`.
    pub web: Option<(&'a mut Typesetter, &'a Forms)>,
    /// Whether the set has a Moodle quiz.
    pub quiz: bool,
}

/// A variant's part of each combined file (question, answer), rendered on any thread before the
/// variants' parts are written in order.
pub(super) struct Part {
    markdown: [String; 2],
    web: Option<[String; 2]>,
    quiz: Option<String>,
    latex: Option<[String; 2]>,
}

impl Part {
    /// Renders the part of `variant`, whose own sheets are `parts`.
    pub fn new(variant: &Variant, sheets: &Sheets, parts: Parts) -> Result<Part> {
        let Variant {
            label,
            trace,
            answers,
            student,
            ..
        } = variant;
        let student = student.as_ref();
        let figure = format!("{label}/network.svg");
        let question = place_figure(parts.question, label, student, &figure);
        let answer = sheets.answer_part(parts.answer, label);
        let web = match parts.web {
            Some((typesetter, forms)) => {
                let form = forms.form((trace, answers), typesetter)?;
                let section = html::section(&question, typesetter)?;
                let question = section.replacen("</section>", &form, 1) + "</section>\n";
                Some([question, html::section(&answer, typesetter)?])
            }
            None => None,
        };
        let quiz = match parts.quiz {
            true => Some(sheets.quiz(trace, answers, exports::MOODLE_SRC)?),
            false => None,
        };
        let latex = match parts.latex {
            Some((tikz, latex)) => {
                let page = (sheets.asked(), label.as_str());
                Some([
                    latex.question(trace, page, student, tikz)?,
                    latex.answer(trace, label, tikz)?,
                ])
            }
            None => None,
        };
        Ok(Part {
            markdown: [question, answer],
            web,
            quiz,
            latex,
        })
    }

    /// Its Moodle question, as HTML, when the set has a Moodle quiz.
    pub fn quiz(&self) -> Option<&str> {
        self.quiz.as_deref()
    }
}

impl Combined {
    /// Opens the files and writes their beginnings.
    pub fn open(
        commit: &mut Commit,
        settings: &Settings,
        (sheets, sample): (&Sheets, &crate::trace::Trace),
        latex: Option<&TexSheets>,
    ) -> Result<Combined> {
        let mut csv = commit.sink("key.csv")?;
        let roster = settings.roster.is_some();
        csv.write(|w| key::csv_header(sheets.asked(), roster, w))?;
        let mut json = commit.sink("key.json")?;
        let facts = key::SetFacts {
            seed: settings.seed,
            count: settings.count,
            precision: settings.options.precision.places().unwrap_or_default(),
            carry_rounded: settings.options.carry_rounded,
            base: settings.base_name.clone(),
            maths: key::Maths::of(sample),
        };
        json.write(|w| key::json_start(&facts, sheets.asked(), w))?;
        let exports = Exports::open(&settings.quizzes, &settings.out, commit)?;
        let latex = match latex {
            Some(sheets) => Some(Latex {
                pair: Pair::open(commit, "tex", [sheets.start(), sheets.start()])?,
                end: sheets.end().to_owned(),
            }),
            None => None,
        };
        let web = match settings.format {
            SheetFormat::Html => {
                let sheets = HtmlSheets::new(&settings.options)?;
                let starts = [&sheets.questions.start, &sheets.answers.start];
                Some(Web {
                    pair: Pair::open(commit, "html", starts.map(String::as_str))?,
                    sheets,
                })
            }
            SheetFormat::Md | SheetFormat::Tex => None,
        };
        Ok(Combined {
            markdown: Pair::open(commit, "md", ["", ""])?,
            csv,
            json,
            exports,
            latex,
            web,
        })
    }

    /// Writes a variant's part of every file.
    pub fn add(
        &mut self,
        variant: &Variant,
        sheets: &Sheets,
        (part, texts): (&Part, &VariantTexts),
        seed: u64,
    ) -> Result<()> {
        let Variant {
            number, answers, ..
        } = variant;
        let first = *number == 1;
        let gap = if first { "" } else { "\n" };
        self.markdown.write([gap, gap])?;
        self.markdown
            .write(part.markdown.each_ref().map(String::as_str))?;
        if let (Some(web), Some([question, answer])) = (&mut self.web, &part.web) {
            web.pair.write([question, answer])?;
        }
        let student = variant.student.as_ref();
        let row = (answers.as_slice(), student);
        (self.csv).write(|w| key::csv_row(*number, seed, row, w))?;
        let row = (sheets.asked(), answers.as_slice());
        (self.json).write(|w| key::json_row((*number, seed), row, student, first, w))?;
        self.exports.add(variant, sheets, texts)?;
        if let (Some(latex), Some(pages)) = (&mut self.latex, &part.latex) {
            let page_break = if first { "" } else { "\n\\clearpage\n\n" };
            latex.pair.write([page_break, page_break])?;
            latex.pair.write(pages.each_ref().map(String::as_str))?;
        }
        Ok(())
    }

    /// Writes the files' ends and closes them (the quizzes too).
    pub fn finish(mut self, rejections: &key::Rejections, count: usize) -> Result<()> {
        self.json.write(|w| key::json_end(rejections, count, w))?;
        self.markdown.finish(["", ""])?;
        for sink in [self.csv, self.json] {
            sink.finish()?;
        }
        if let Some(web) = self.web {
            let questions_end = format!("{}{}", check::SCRIPT, web.sheets.questions.end);
            web.pair.finish([&questions_end, &web.sheets.answers.end])?;
        }
        if let Some(latex) = self.latex {
            let end = format!("\n{}", latex.end);
            latex.pair.finish([&end, &end])?;
        }
        self.exports.finish()
    }
}
