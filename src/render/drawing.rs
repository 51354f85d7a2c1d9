//! A skeleton's two drawings: how each writes the places of numbers and [`Hole`]s, and how the places
//! are found by comparing the drawings (not by any character of the text), cutting a rendered text
//! into [`Piece`]s.

use super::templates::Style;

/// A place in a skeleton that the caller fills per document with text of its own (not a number).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hole {
    /// The variant's label (`007`).
    Label,
    /// The network figure.
    Network,
    /// The targets figure.
    Targets,
    /// The text of answer n of a quiz.
    AnswerText(usize),
    /// The tolerance of answer n of a quiz.
    AnswerTolerance(usize),
    /// The student's name, on a question sheet of a set made from a roster.
    StudentName,
    /// The student's id, on a question sheet of a set made from a roster.
    StudentId,
}

/// One of a skeleton's two drawings, and how it writes a number's slot or a [`Hole`]: a run of
/// twelve ASCII digits (the slot's or hole's kind, then its number). The second drawing writes each
/// digit `d` as `(d + 5) mod 10`, so the two drawings differ in every byte of every slot and hole and
/// nowhere else: a skeleton's places are where its drawings differ, never characters of its text. A
/// user's text, whatever characters it holds (these digits, the private-use ones), is the same in both
/// drawings and so is only text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    second: bool,
}

/// How many digits a slot or a hole is drawn with: two of kind, ten of number (a slot is below 2³⁰).
const WIDTH: usize = 12;

/// The kinds of place, as drawn: a number in each [`Style`] (in [`Style::ALL`]'s order), then each hole.
const NUMBER: u64 = 10;
const LABEL: u64 = 20;
const NETWORK: u64 = 21;
const TARGETS: u64 = 22;
const ANSWER_TEXT: u64 = 23;
const ANSWER_TOLERANCE: u64 = 24;
const STUDENT_NAME: u64 = 25;
const STUDENT_ID: u64 = 26;

impl Marks {
    /// The first drawing (a skeleton's placeholders positive).
    pub const FIRST: Marks = Marks { second: false };
    /// The second drawing (its placeholders negative).
    pub const SECOND: Marks = Marks { second: true };

    /// The drawing a placeholder value belongs to: the first for a positive one, the second for a
    /// negative one.
    pub(crate) fn of_placeholder(x: f64) -> Marks {
        Marks {
            second: x.is_sign_negative(),
        }
    }

    /// The text that stands for `hole` in a skeleton's data.
    pub fn hole(self, hole: Hole) -> String {
        let (kind, number) = match hole {
            Hole::Label => (LABEL, 0),
            Hole::Network => (NETWORK, 0),
            Hole::Targets => (TARGETS, 0),
            Hole::AnswerText(n) => (ANSWER_TEXT, n),
            Hole::AnswerTolerance(n) => (ANSWER_TOLERANCE, n),
            Hole::StudentName => (STUDENT_NAME, 0),
            Hole::StudentId => (STUDENT_ID, 0),
        };
        let mut text = String::with_capacity(WIDTH);
        self.write(kind, number, &mut text);
        text
    }

    /// Appends the drawing of `slot` printed in `style`.
    pub(crate) fn number(self, style: Style, slot: usize, text: &mut String) {
        let kind = Style::ALL.iter().position(|&s| s == style).unwrap_or(0) as u64;
        self.write(NUMBER + kind, slot, text);
    }

    fn write(self, kind: u64, number: usize, text: &mut String) {
        let digits = format!("{kind:02}{number:010}");
        let shift = if self.second { 5 } else { 0 };
        text.extend(
            digits
                .bytes()
                .map(|d| char::from(b'0' + (d - b'0' + shift) % 10)),
        );
    }

    /// The place that starts at `at` in both drawings (at a byte where they first differ), or None
    /// when the drawings differ there in any other way (a template changed the text of a place or
    /// chose its words by a number).
    fn place(first: &[u8], second: &[u8], at: usize) -> Option<Piece> {
        let (first, second) = (first.get(at..at + WIDTH)?, second.get(at..at + WIDTH)?);
        let mut digits = [0u64; WIDTH];
        for (digit, (&a, &b)) in digits.iter_mut().zip(first.iter().zip(second)) {
            let drawn = a.is_ascii_digit() && b.is_ascii_digit() && (a - b'0' + 5) % 10 == b - b'0';
            if !drawn {
                return None;
            }
            *digit = u64::from(a - b'0');
        }
        let kind = digits[0] * 10 + digits[1];
        let number = digits[2..].iter().fold(0, |n, d| n * 10 + d) as usize;
        Some(match kind {
            LABEL => Piece::Hole(Hole::Label),
            NETWORK => Piece::Hole(Hole::Network),
            TARGETS => Piece::Hole(Hole::Targets),
            ANSWER_TEXT => Piece::Hole(Hole::AnswerText(number)),
            ANSWER_TOLERANCE => Piece::Hole(Hole::AnswerTolerance(number)),
            STUDENT_NAME => Piece::Hole(Hole::StudentName),
            STUDENT_ID => Piece::Hole(Hole::StudentId),
            kind => Piece::Number {
                style: *Style::ALL.get(kind.checked_sub(NUMBER)? as usize)?,
                slot: number,
            },
        })
    }

    /// The two drawings of a text cut into text, numbers and holes: the text is what they share, the
    /// places are where they differ. None when they differ other than by whole places.
    pub(super) fn split(first: &str, second: &str) -> Option<Vec<Piece>> {
        let (a, b) = (first.as_bytes(), second.as_bytes());
        if a.len() != b.len() {
            return None;
        }
        let mut pieces = Vec::new();
        let (mut from, mut at) = (0, 0);
        while at < a.len() {
            if a[at] == b[at] {
                at += 1;
                continue;
            }
            // a place is ASCII digits: `at` and `at + WIDTH` are boundaries of characters
            let place = Marks::place(a, b, at)?;
            pieces.push(Piece::Text(first[from..at].to_owned()));
            pieces.push(place);
            at += WIDTH;
            from = at;
        }
        pieces.push(Piece::Text(first[from..].to_owned()));
        Some(pieces)
    }
}

/// A piece of a skeleton: text, a number's slot (printed in a style), or a hole.
#[derive(Debug)]
pub(super) enum Piece {
    Text(String),
    Number { slot: usize, style: Style },
    Hole(Hole),
}
