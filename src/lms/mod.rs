//! Quizzes for the systems courses use: an IMS QTI 2.1 content package ([`qti`]), the QTI 1.2 package
//! Canvas imports ([`canvas`]) and Moodle's question XML ([`crate::moodle`]). Each is written from the
//! same [`Item`] per variant: the question (its text, its network figure, a field per asked quantity),
//! the answer key's values and tolerances, and the worked solution, shown after submission. What is
//! asked comes from the key ([`crate::exercise::key`]), so new quantities reach every quiz by
//! themselves.

pub mod canvas;
pub mod package;
pub mod qti;
pub mod xhtml;

use crate::exercise::key::Answer;
use crate::render::skeleton::{Filled, Hole};

/// The most characters of a set's name: Moodle's category names and Canvas's quiz and question group
/// names hold 255, and a Canvas question group adds its words to it.
pub const MAX_SET_TITLE: usize = 200;

/// The name of a set's quizzes: the title of its network file on one line (each run of spaces, tabs
/// and line breaks one space), cut to [`MAX_SET_TITLE`] characters (its last one then `…`), else
/// `handprop`.
pub fn set_title(title: Option<&str>) -> String {
    let words: Vec<&str> = title.unwrap_or_default().split_whitespace().collect();
    let line = match words.is_empty() {
        true => return "handprop".to_owned(),
        false => words.join(" "),
    };
    match line.chars().count() > MAX_SET_TITLE {
        true => line.chars().take(MAX_SET_TITLE - 1).chain(['…']).collect(),
        false => line,
    }
}

/// One variant as a quiz question.
pub struct Item<'a> {
    /// The set's name ([`set_title`]), which names the quizzes.
    pub set: &'a str,
    /// The variant's label (`007`), unique in its set.
    pub label: &'a str,
    /// Its name, such as `Exercise 007` (never a student's name: the quizzes carry none).
    pub title: &'a str,
    /// The question without its blanks, as Markdown, a hole where the network figure goes
    /// ([`Hole::Network`]).
    pub stem: &'a Filled,
    /// Each asked quantity's TeX, such as `\text{out}_{h_1}`.
    pub symbols: &'a [String],
    /// The key's answers, in the same order.
    pub answers: &'a [Answer],
    /// The worked solution as Markdown (the answer sheet), a hole where the network figure goes.
    pub solution: &'a Filled,
    /// The network figure, SVG.
    pub figure: &'a str,
}

impl Item<'_> {
    /// The question's text as Markdown, its figure an image at `src`.
    pub fn stem_markdown(&self, src: &str) -> String {
        figure_at(self.stem, src)
    }

    /// The question's text as XHTML, its math TeX, its figure an image at `src`.
    pub fn stem_html(&self, src: &str) -> String {
        xhtml::from_markdown(&self.stem_markdown(src))
    }

    /// The worked solution as Markdown, its figure an image at `src`.
    pub fn solution_markdown(&self, src: &str) -> String {
        figure_at(self.solution, src)
    }
}

/// A text with its network figure at `src`.
pub fn figure_at(text: &Filled, src: &str) -> String {
    text.place(|hole, text| {
        if hole == Hole::Network {
            text.push_str(src)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_is_named_by_its_title_on_one_line_else_handprop() {
        assert_eq!(
            set_title(Some(" A \"3-4-2\"\n\tnet <&> ")),
            "A \"3-4-2\" net <&>"
        );
        assert_eq!(set_title(Some("练习 🧠")), "练习 🧠");
        assert_eq!(set_title(Some(" \n")), "handprop");
        assert_eq!(set_title(None), "handprop");
        let long = set_title(Some(&"练".repeat(1000)));
        assert_eq!(long.chars().count(), MAX_SET_TITLE);
        assert!(long.ends_with("练…"));
        assert_eq!(
            set_title(Some(&"a".repeat(MAX_SET_TITLE))),
            "a".repeat(MAX_SET_TITLE)
        );
    }
}
