//! The combined LaTeX sheets of a set (`-f tex`): `questions.tex` and `answers.tex`, standalone
//! documents (ctexart for zh, article for en) of one page per variant. A question page is the question
//! sheet's words with the network drawn in TikZ; an answer page is the worked solution that
//! `handprop render -f tex` writes for the variant's network, figures included. Both are [`Skeleton`]s
//! drawn once per set; each page puts in its label and its figures.

use super::key::Asked;
use super::roster::Student;
use super::sheets::{Question, put_student};
use crate::error::Result;
use crate::figure::Figure;
use crate::render::latex::{break_long_lines, fill_part, part_skeleton};
use crate::render::skeleton::{Filled, Hole, Marks, Skeleton};
use crate::render::templates::Renderer;
use crate::render::{self, Format, Options};
use crate::trace::Trace;

/// The prepared LaTeX pages of one set.
pub struct TexSheets {
    options: Options,
    /// The sheets are for xelatex (an English set whose roster pdflatex cannot set).
    xelatex: bool,
    question: Skeleton,
    answer: Skeleton,
    heading: Filled,
    start: String,
    end: String,
}

/// What `exercises/sheet.tex` sees.
#[derive(serde::Serialize)]
struct Sheet {
    lang: render::Lang,
    xelatex: bool,
    end: bool,
}

impl TexSheets {
    /// Prepares the pages for traces shaped as `sample`, asking `asked`, in the language and precision
    /// of `options`.
    /// With `roster`, each question page bears its student's name and id (and the sheets are for
    /// xelatex when an English set's names or ids need it, see
    /// [`crate::render::latex::english_texts_by_xelatex`]).
    pub fn new(
        sample: &Trace,
        asked: &[Asked],
        options: &Options,
        roster: Option<&[Student]>,
    ) -> Result<TexSheets> {
        let xelatex = crate::render::latex::english_texts_by_xelatex(
            options.lang,
            (roster.unwrap_or_default().iter()).flat_map(|s| [s.name.as_str(), s.id.as_str()]),
        );
        let roster = roster.is_some();
        let options = Options {
            format: Format::Tex,
            ..*options
        };
        let direct = Renderer::new(&options)?;
        let placeholders = Renderer::with_placeholders(&options)?;
        let question =
            |marks| Question::new(sample, asked, &options, false, marks).for_student(roster, marks);
        let sheet = |end| {
            let data = Sheet {
                lang: options.lang,
                xelatex,
                end,
            };
            direct.render("exercises/sheet.tex", &data)
        };
        let label = |marks: Marks| serde_json::json!({ "label": marks.hole(Hole::Label) });
        Ok(TexSheets {
            question: Skeleton::new(
                &placeholders,
                &direct,
                "exercises/question.tex",
                question,
                render::tidy,
            )?,
            answer: part_skeleton(&placeholders, &direct, sample)?,
            heading: Filled::drawn(&direct, "exercises/heading.tex", label, render::tidy)?,
            start: render::tidy(&sheet(false)?),
            end: render::tidy(&sheet(true)?),
            options,
            xelatex,
        })
    }

    /// The start of either document: its preamble, up to and with `\begin{document}`.
    pub fn start(&self) -> &str {
        &self.start
    }

    /// The end of either document.
    pub fn end(&self) -> &str {
        &self.end
    }

    /// A variant's question page, `network` its network figure's TikZ, `student` the student whose
    /// sheet it is (a set made from a roster).
    pub fn question(
        &self,
        trace: &Trace,
        (asked, label): (&[Asked], &str),
        student: Option<&Student>,
        network: &str,
    ) -> Result<String> {
        let question = Question::new(trace, asked, &self.options, false, Marks::FIRST);
        let filled = self.question.fill(&question)?;
        Ok(break_long_lines(filled.place(|hole, text| {
            let escape = match self.xelatex {
                true => crate::render::latex::escape_for_xelatex,
                false => crate::render::latex::escape,
            };
            if put_student(hole, student, escape, text) {
                return;
            }
            match hole {
                Hole::Label => text.push_str(label),
                Hole::Network => text.push_str(network),
                _ => {}
            }
        })))
    }

    /// A variant's answer page: its heading and its worked solution, `network` its network figure's TikZ.
    pub fn answer(&self, trace: &Trace, label: &str, network: &str) -> Result<String> {
        let mut page = self.heading.labelled(label);
        let body = fill_part(&self.answer, trace, &self.options)?;
        let targets = Figure::targets(trace, self.options.precision).tikz();
        page.push('\n');
        page.push_str(&body.place(|hole, text| match hole {
            Hole::Network => text.push_str(network),
            Hole::Targets => text.push_str(&targets),
            _ => {}
        }));
        Ok(break_long_lines(page))
    }
}
