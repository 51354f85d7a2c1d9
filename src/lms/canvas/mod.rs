//! The package Canvas's "QTI .zip file" import takes (`--canvas`): QTI 1.2 with Canvas's own metadata,
//! one quiz from which Canvas draws one whole variant per student.
//!
//! Canvas (Classic Quizzes) documents this format only through its code. The package is laid out as
//! text2qti writes it (github.com/gpoore/text2qti: `qti.py`, `xml_imsmanifest.py`,
//! `xml_assessment_meta.py`), whose packages Canvas imports, and as R/exams' `exams2canvas`; the quiz,
//! its question group and its questions are written as Canvas's own export writes them
//! (github.com/instructure/canvas-lms: `lib/cc/qti/qti_generator.rb` `add_group`, `lib/cc/qti/qti_items.rb`
//! `multiple_dropdowns_response_lid` and `multiple_dropdowns_resprocessing`).
//!
//! Why one question per variant: a Canvas numerical question holds one answer, and each question
//! group draws on its own, so a group per quantity would give a student quantities of different
//! variants. A variant is therefore one fill-in-multiple-blanks question with a blank per asked
//! quantity, and the quiz's root section holds one group of all of them with "pick 1". Canvas marks such
//! a blank by its text: its import takes every choice of a blank as a right answer
//! (`gems/plugins/qti_exporter/lib/qti/fill_in_the_blank.rb`, `process_canvas`), and its grading
//! compares the answer with each, trimmed and lower-cased
//! (`app/models/quizzes/quiz_question/fill_in_multiple_blanks_question.rb`). The tolerance is kept by
//! listing every text of a number within it ([`accepted`]), and the question says how to write one.
//! When a student takes the quiz, Canvas puts each blank's field in place of the first `[name]` in the
//! question's HTML (`app/models/quizzes/quiz_question_builder.rb`, `decorate_question_for_submission`),
//! so the names are chosen to occur nowhere else in it ([`blank_names`]).
//!
//! The package: `imsmanifest.xml`; `<quiz>/<quiz>.xml` (the quiz) and `<quiz>/assessment_meta.xml`
//! (its settings); the figures in `images/`, referenced as `$IMS-CC-FILEBASE$/images/…`. The quiz's
//! identifier is a digest of all its questions, as text2qti's are a digest: Canvas updates the quiz of
//! the same identifier when a package is imported again, so another set's quiz is added beside it.

mod accepted;
mod xml;

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};

use sha2::{Digest, Sha256};

pub use accepted::accepted;

use super::package::Package;
use super::{Item, xhtml};
use crate::moodle::escape;

/// The words of a set's Canvas quiz, from the language's templates.
pub struct Words {
    /// After each question's task: how Canvas marks an answer (Markdown).
    pub note: String,
    /// The question group's name after the set's name (`TITLE: one variant per student`).
    pub group: String,
}

/// A Canvas package being written: each variant's figure as the variant comes, its question into a
/// scratch file; the quiz, named by a digest of them all, at the end.
pub struct Canvas<W: Write + Seek> {
    package: Package<W>,
    questions: BufWriter<File>,
    digest: Sha256,
    /// The set's name, the quiz group's name and the points of a variant, from the first variant.
    quiz: Option<(String, String, usize)>,
    /// The labels of the variants written so far.
    labels: Vec<String>,
}

/// The first 16 hex digits of the SHA-256 of `texts`, each ended by a zero byte.
fn digest_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut digest = Sha256::new();
    for text in texts {
        digest.update(text.as_bytes());
        digest.update([0]);
    }
    hex(digest)
}

fn hex(digest: Sha256) -> String {
    (digest.finalize().iter().take(8))
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// The names of `count` blanks in a question whose text is `text` without them: `q1`, `q2`, … unless
/// one of `[q1]`, `[q2]`, … is already in `text` (a teacher's template may write anything), then
/// `qq1`, … and so on: no name's `[name]` occurs in `text`.
pub fn blank_names(text: &str, count: usize) -> Vec<String> {
    let mut prefix = String::from("q");
    while (1..=count).any(|n| text.contains(&format!("[{prefix}{n}]"))) {
        prefix.push('q');
    }
    (1..=count).map(|n| format!("{prefix}{n}")).collect()
}

impl<W: Write + Seek> Canvas<W> {
    /// Starts a package in `out`, its questions gathered in `scratch` (an empty file).
    pub fn new(out: W, scratch: File) -> Canvas<W> {
        Canvas {
            package: Package::new(out),
            questions: BufWriter::with_capacity(1 << 16, scratch),
            digest: Sha256::new(),
            quiz: None,
            labels: Vec::new(),
        }
    }

    /// Adds a variant: its figure, and its question to the quiz's group.
    pub fn add(&mut self, item: &Item, words: &Words) -> std::io::Result<()> {
        let image = format!("images/{}.svg", item.label);
        self.package.add(&image, item.figure.as_bytes())?;
        let src = format!("%24IMS-CC-FILEBASE%24/{image}");
        let (stem, note) = (item.stem_html(&src), xhtml::from_markdown(&words.note));
        let symbols: Vec<String> = (item.symbols.iter()).map(|s| escape(s)).collect();
        let names = blank_names(
            &format!("{stem}\n{note}\n{}", symbols.join("\n")),
            symbols.len(),
        );
        let mut html = format!("<div>{stem}{note}");
        for (symbol, name) in symbols.iter().zip(&names) {
            html += &format!("<p>\\({symbol}\\) = [{name}]</p>\n");
        }
        html += "</div>";
        let texts = item.answers.iter().map(|answer| accepted(&answer.text));
        let blanks: Vec<(String, Vec<String>)> = names.into_iter().zip(texts).collect();
        let answers = item.answers.iter().map(|answer| answer.text.as_str());
        let hex = digest_of([item.label, item.title, &html].into_iter().chain(answers));
        let ident = format!("handprop-{}-{hex}", item.label);
        let solution = xhtml::from_markdown(&item.solution_markdown(&src));
        let question = xml::Question {
            ident: &ident,
            title: item.title,
            html: &html,
            blanks: &blanks,
            solution: &solution,
        };
        self.questions.write_all(xml::item(&question).as_bytes())?;
        if self.quiz.is_none() {
            let group = format!("{}: {}", item.set, words.group);
            self.quiz = Some((item.set.to_owned(), group, item.answers.len()));
            self.digest.update(item.set.as_bytes());
        }
        self.digest.update([0]);
        self.digest.update(ident.as_bytes());
        self.labels.push(item.label.to_owned());
        Ok(())
    }

    /// Adds the quiz, its settings and the manifest; the writer back.
    pub fn finish(mut self) -> std::io::Result<W> {
        let quiz = format!("handprop-{}", hex(self.digest));
        let (title, group, points) = self.quiz.unwrap_or_else(|| {
            let title = super::set_title(None);
            (title.clone(), title, 0)
        });
        let meta = xml::meta(&quiz, &title, points);
        (self.package).add(&format!("{quiz}/assessment_meta.xml"), meta.as_bytes())?;
        let mut questions = self.questions.into_inner().map_err(|e| e.into_error())?;
        questions.seek(SeekFrom::Start(0))?;
        let out = self.package.start(&format!("{quiz}/{quiz}.xml"))?;
        out.write_all(xml::quiz_head(&quiz, (&title, &group), points).as_bytes())?;
        std::io::copy(&mut questions, out)?;
        out.write_all(xml::QUIZ_TAIL.as_bytes())?;
        self.package.add("non_cc_assessments/.keep", b"")?;
        let manifest = xml::manifest(&quiz, &self.labels);
        self.package.add("imsmanifest.xml", manifest.as_bytes())?;
        self.package.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_names_never_occur_in_the_text_in_brackets() {
        assert_eq!(blank_names("a [q] [q0] q1 [Q1]", 2), ["q1", "q2"]);
        assert_eq!(blank_names("x [q2] y", 2), ["qq1", "qq2"]);
        assert_eq!(blank_names("[q1] [qq2]", 2), ["qqq1", "qqq2"]);
        assert_eq!(
            blank_names("[q12]", 11),
            [
                "q1", "q2", "q3", "q4", "q5", "q6", "q7", "q8", "q9", "q10", "q11"
            ]
        );
        assert_eq!(blank_names("[q12]", 12)[0], "qq1");
    }
}
