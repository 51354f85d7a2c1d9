//! Skeletons: a document rendered once through the templates with every number of its data replaced by
//! a numbered placeholder, then filled in for each set of numbers of the same shape.
//!
//! Templates never compute: a number reaches a document only through the number filters (`n`, `p`,
//! `plus`, `rough`, `base`: [`Style`]), so the text around the numbers depends only on the data's shape (how many neurons, which symbols),
//! never on the numbers. An exercise set renders thousands of documents of one shape, and filling a
//! skeleton is many times faster than running the templates. A skeleton checks itself: [`Skeleton::new`]
//! draws it twice, with positive and with negative placeholders, and also renders its sample directly;
//! it refuses when the two drawings differ or the filled skeleton differs from the direct rendering (a
//! template that printed a number without a filter, or chose its words by a number).

use serde::Serialize;
use serde_json::Value;

use super::templates::{Renderer, Style};
use crate::error::{Error, Result};
use crate::number::Precision;

/// Placeholder values are 2⁵² + slot: whole numbers no trace holds, exactly representable in f64.
const BASE: f64 = 4_503_599_627_370_496.0;
/// The most slots a skeleton may have.
const SLOTS: usize = 1 << 30;

/// The slot a placeholder value (2⁵² + slot, or its negative) stands for, or None for any other number.
pub(crate) fn slot(x: f64) -> Option<usize> {
    let magnitude = x.abs();
    let valid = (BASE..BASE + SLOTS as f64).contains(&magnitude) && magnitude.fract() == 0.0;
    valid.then_some((magnitude - BASE) as usize)
}

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

/// How one set's templates mark a number's slot or a [`Hole`] while a skeleton is drawn: two characters
/// chosen for the set among the private-use ones, so that no text of the set (its templates, a title, an
/// author) holds either. A user can type any character: the marks are the ones this set's texts leave free.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marks {
    open: char,
    close: char,
}

/// The private-use characters, in the order marks are chosen from them.
const PRIVATE_USE: [(u32, u32); 3] = [
    (0xE000, 0xF8FF),
    (0xF_0000, 0xF_FFFD),
    (0x10_0000, 0x10_FFFD),
];

impl Marks {
    /// The first two private-use characters that none of `texts` holds; an error naming the fix when
    /// the texts hold them all.
    pub fn avoiding<'t>(texts: impl IntoIterator<Item = &'t str>) -> Result<Marks> {
        let used: std::collections::HashSet<char> = texts
            .into_iter()
            .flat_map(str::chars)
            .filter(|&c| {
                PRIVATE_USE
                    .iter()
                    .any(|&(a, b)| (a..=b).contains(&u32::from(c)))
            })
            .collect();
        let mut free = PRIVATE_USE
            .iter()
            .flat_map(|&(a, b)| (a..=b).filter_map(char::from_u32))
            .filter(|c| !used.contains(c));
        match (free.next(), free.next()) {
            (Some(open), Some(close)) => Ok(Marks { open, close }),
            _ => Err(Error::Usage(
                "the title, author and templates use every private-use character (U+E000 and on); \
                 leave two of them out"
                    .into(),
            )),
        }
    }

    /// The text that stands for `hole` in a skeleton's data.
    pub fn hole(self, hole: Hole) -> String {
        let Marks { open, close } = self;
        match hole {
            Hole::Label => format!("{open}L{close}"),
            Hole::Network => format!("{open}N{close}"),
            Hole::Targets => format!("{open}T{close}"),
            Hole::AnswerText(n) => format!("{open}A{n}{close}"),
            Hole::AnswerTolerance(n) => format!("{open}O{n}{close}"),
            Hole::StudentName => format!("{open}S{close}"),
            Hole::StudentId => format!("{open}I{close}"),
        }
    }

    /// Appends the mark of `slot` printed in `style`.
    pub(crate) fn number(self, style: Style, slot: usize, text: &mut String) {
        text.push(self.open);
        text.push(style.letter());
        text.push_str(&slot.to_string());
        text.push(self.close);
    }

    /// Rendered text cut into text, numbers and holes.
    fn split(self, text: &str) -> Result<Vec<Piece>> {
        let mut pieces = Vec::new();
        let mut rest = text;
        while let Some(start) = rest.find(self.open) {
            pieces.push(Piece::Text(rest[..start].to_owned()));
            let after = &rest[start + self.open.len_utf8()..];
            let end = after.find(self.close).ok_or_else(broken)?;
            let mut marked = after[..end].chars();
            let letter = marked.next().ok_or_else(broken)?;
            let number = || marked.as_str().parse::<usize>().map_err(|_| broken());
            pieces.push(match letter {
                'L' => Piece::Hole(Hole::Label),
                'N' => Piece::Hole(Hole::Network),
                'T' => Piece::Hole(Hole::Targets),
                'A' => Piece::Hole(Hole::AnswerText(number()?)),
                'O' => Piece::Hole(Hole::AnswerTolerance(number()?)),
                'S' => Piece::Hole(Hole::StudentName),
                'I' => Piece::Hole(Hole::StudentId),
                letter => Piece::Number {
                    style: Style::of_letter(letter).ok_or_else(broken)?,
                    slot: number()?,
                },
            });
            rest = &after[end + self.close.len_utf8()..];
        }
        pieces.push(Piece::Text(rest.to_owned()));
        Ok(pieces)
    }
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Number { slot: usize, style: Style },
    Hole(Hole),
}

/// A filled skeleton: its text, and where each of its holes goes in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filled {
    text: String,
    holes: Vec<(usize, Hole)>,
}

impl Filled {
    /// Text rendered with [`Marks::hole`]s in it, cut at them (text without numbers, such as a heading).
    pub fn split(text: &str, marks: Marks) -> Result<Filled> {
        let mut filled = Filled::default();
        for piece in marks.split(text)? {
            match piece {
                Piece::Text(part) => filled.text.push_str(&part),
                Piece::Hole(hole) => filled.holes.push((filled.text.len(), hole)),
                Piece::Number { .. } => return Err(broken()),
            }
        }
        Ok(filled)
    }

    /// The text with `put` writing each hole's contents in its place.
    pub fn place(&self, mut put: impl FnMut(Hole, &mut String)) -> String {
        let extra: usize = 64 * self.holes.len();
        let mut text = String::with_capacity(self.text.len() + extra);
        let mut from = 0;
        for &(at, hole) in &self.holes {
            text.push_str(&self.text[from..at]);
            put(hole, &mut text);
            from = at;
        }
        text.push_str(&self.text[from..]);
        text
    }

    /// The text, its holes left empty (a document that has none).
    pub fn into_text(self) -> String {
        self.text
    }

    /// The text with only the label in its holes (a document with no other holes).
    pub fn labelled(&self, label: &str) -> String {
        self.place(|hole, text| {
            if hole == Hole::Label {
                text.push_str(label)
            }
        })
    }
}

/// A template rendered for one shape of data, its numbers left to fill in.
#[derive(Debug)]
pub struct Skeleton {
    pieces: Vec<Piece>,
    slots: usize,
    precision: Precision,
    marks: Marks,
}

impl Skeleton {
    /// Renders `template` for data shaped as `sample` (through `finish`, applied to whole documents),
    /// with `placeholders` (a [`Renderer::with_placeholders`], whose marks are the ones the sample's
    /// holes hold), and checks the filled skeleton against `direct`'s rendering of `sample` (a
    /// [`Renderer::new`] of the same options).
    pub fn new(
        placeholders: &Renderer,
        direct: &Renderer,
        template: &str,
        sample: &impl Serialize,
        finish: fn(&str) -> String,
    ) -> Result<Skeleton> {
        let marks = placeholders.marks().ok_or_else(|| refused(template))?;
        // Placeholders once positive and once negative: words chosen by comparing a number change.
        let (shape, slots) = shape_of(sample, false)?;
        let text = finish(&placeholders.render(template, &shape)?);
        let (negative, _) = shape_of(sample, true)?;
        if finish(&placeholders.render(template, &negative)?) != text {
            return Err(refused(template));
        }
        let skeleton = Skeleton {
            pieces: marks.split(&text)?,
            slots,
            precision: placeholders.options().precision,
            marks,
        };
        let filled = skeleton
            .fill(sample)?
            .place(|hole, text| text.push_str(&marks.hole(hole)));
        if filled != finish(&direct.render(template, sample)?) {
            return Err(refused(template));
        }
        Ok(skeleton)
    }

    /// The marks it was drawn with (what its sample's holes held).
    pub fn marks(&self) -> Marks {
        self.marks
    }

    /// The document for `data`, which must have the sample's shape, its holes still to fill.
    pub fn fill(&self, data: &impl Serialize) -> Result<Filled> {
        let mut numbers = Vec::with_capacity(self.slots);
        floats(data, &mut numbers)?;
        if numbers.len() != self.slots {
            return Err(Error::Template(format!(
                "the data has {} numbers where the skeleton has {}: a different shape",
                numbers.len(),
                self.slots
            )));
        }
        let mut filled = Filled {
            text: String::with_capacity(4096),
            holes: Vec::new(),
        };
        for piece in &self.pieces {
            match piece {
                Piece::Text(part) => filled.text.push_str(part),
                Piece::Number { slot, style } => {
                    style.print(self.precision, numbers[*slot], &mut filled.text)
                }
                Piece::Hole(hole) => filled.holes.push((filled.text.len(), *hole)),
            }
        }
        Ok(filled)
    }
}

fn refused(template: &str) -> Error {
    Error::Template(format!(
        "{template} prints a number other than through the filters n, p, plus, rough and base, or \
         chooses its words by a number; print every number through a filter and choose words by the data's shape"
    ))
}

/// A JSON formatter that takes the floats out of serialised data: it collects them in order and writes
/// placeholders in their place, or nothing (when the text is thrown away).
struct Floats<'a> {
    numbers: &'a mut Vec<f64>,
    placeholders: bool,
    negative: bool,
}

impl serde_json::ser::Formatter for Floats<'_> {
    fn write_f64<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        value: f64,
    ) -> std::io::Result<()> {
        let slot = self.numbers.len() as u64;
        self.numbers.push(value);
        if self.placeholders {
            let sign = if self.negative { "-" } else { "" };
            write!(writer, "{sign}{}.0", BASE as u64 + slot)?;
        }
        Ok(())
    }
}

/// The floats of `data`, in the order serde writes them.
fn floats(data: &impl Serialize, numbers: &mut Vec<f64>) -> Result<()> {
    let formatter = Floats {
        numbers,
        placeholders: false,
        negative: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(std::io::sink(), formatter);
    data.serialize(&mut serializer).map_err(pass_error)
}

/// `data` with each float replaced by the placeholder of its slot (negated with `negative`), and how
/// many slots there are.
fn shape_of(data: &impl Serialize, negative: bool) -> Result<(Value, usize)> {
    let mut numbers = Vec::new();
    let formatter = Floats {
        numbers: &mut numbers,
        placeholders: true,
        negative,
    };
    let mut json = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut json, formatter);
    data.serialize(&mut serializer).map_err(pass_error)?;
    let shape = serde_json::from_slice(&json).map_err(pass_error)?;
    Ok((shape, numbers.len()))
}

fn pass_error(error: serde_json::Error) -> Error {
    Error::Template(format!("cannot pass the data to the templates: {error}"))
}

fn broken() -> Error {
    Error::Template("a number's placeholder was cut by a template".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Options;

    fn skeleton(template: &str, sample: &serde_json::Value) -> Result<Skeleton> {
        let options = Options {
            precision: Precision::Places(2),
            ..Options::default()
        };
        let templates = [("t", template)];
        let marks = Marks::avoiding([template, &sample.to_string()])?;
        let placeholders = Renderer::from_templates(templates, &options, Some(marks))?;
        let direct = Renderer::from_templates(templates, &options, None)?;
        Skeleton::new(&placeholders, &direct, "t", sample, |text| text.to_owned())
    }

    #[test]
    fn a_skeleton_fills_in_each_number_in_its_filter_s_style() {
        let template = "{{ a|n }} times {{ b|p }} {{ c|plus }}; {{ count }} of {{ name }}";
        let sample = serde_json::json!({"a": 0.5, "b": -0.25, "c": -1.5, "count": 3, "name": "x"});
        let skeleton = skeleton(template, &sample).unwrap();
        let other = serde_json::json!({"a": 0.126, "b": 2.0, "c": 0.004, "count": 3, "name": "x"});
        assert_eq!(
            skeleton.fill(&other).unwrap().into_text(),
            "0.13 times 2.00 + 4.0 \\times 10^{-3}; 3 of x"
        );
        let shape = serde_json::json!({"a": 0.5, "count": 3});
        assert!(skeleton.fill(&shape).is_err(), "another shape is refused");
    }

    #[test]
    fn a_template_that_prints_a_number_without_a_filter_or_branches_on_one_is_refused() {
        let sample = serde_json::json!({"a": 0.5});
        // the last one only the comparison with a direct rendering catches (no placeholder is 0.5)
        for template in [
            "{{ a }}",
            "{% if a > 0.3 %}big{% endif %} {{ a|n }}",
            "{% if a == 0.5 %}half{% endif %} {{ a|n }}",
        ] {
            let error = skeleton(template, &sample).unwrap_err().to_string();
            assert!(
                error.contains("other than through the filters"),
                "{template}: {error}"
            );
        }
    }

    #[test]
    fn marks_are_characters_no_text_of_the_set_holds() {
        let marks = Marks::avoiding(["a \u{E000}\u{E002} b", "\u{E001}"]).unwrap();
        assert_eq!((marks.open, marks.close), ('\u{E003}', '\u{E004}'));
        let every: String = (0xE000..=0xF8FFu32).filter_map(char::from_u32).collect();
        let marks = Marks::avoiding([every.as_str()]).unwrap();
        assert_eq!((marks.open, marks.close), ('\u{F0000}', '\u{F0001}'));
        // text holding what other sets use as marks prints as it is
        let template = "{{ title }}: {{ a|n }}";
        let sample = serde_json::json!({"title": "\u{E000}n0\u{E001} \u{E003}", "a": 0.5});
        let filled = skeleton(template, &sample).unwrap().fill(&sample).unwrap();
        assert_eq!(filled.into_text(), "\u{E000}n0\u{E001} \u{E003}: 0.50");
    }
}
