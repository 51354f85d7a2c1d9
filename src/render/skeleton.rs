//! Skeletons: a document rendered once through the templates with every number of its data replaced by
//! a numbered placeholder, then filled in for each set of numbers of the same shape.
//!
//! Templates never compute: a number reaches a document only through the filters `n`, `p` and `plus`,
//! so the text around the numbers depends only on the data's shape (how many neurons, which symbols),
//! never on the numbers. An exercise set renders thousands of documents of one shape, and filling a
//! skeleton is many times faster than running the templates. A skeleton checks itself: [`Skeleton::new`]
//! also renders its sample directly and refuses when the filled skeleton differs (a template that printed
//! a number without a filter, or chose its words by a number).

use serde::Serialize;
use serde_json::Value;

use super::templates::{Renderer, Style};
use crate::error::{Error, Result};
use crate::number::Precision;

/// Placeholder values are 2⁵² + slot: whole numbers no trace holds, exactly representable in f64.
const BASE: f64 = 4_503_599_627_370_496.0;
/// The most slots a skeleton may have.
const SLOTS: usize = 1 << 30;
/// The marker of a slot in rendered text: OPEN, the filter's letter, the slot number, CLOSE.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The slot a placeholder value stands for, or None for any other number.
pub(crate) fn slot(x: f64) -> Option<usize> {
    let valid = (BASE..BASE + SLOTS as f64).contains(&x) && x.fract() == 0.0;
    valid.then_some((x - BASE) as usize)
}

/// Appends the marker of `slot` printed in `style`.
pub(crate) fn marker(style: Style, slot: usize, text: &mut String) {
    text.push(OPEN);
    text.push(match style {
        Style::Number => 'n',
        Style::Factor => 'p',
        Style::Term => 's',
    });
    text.push_str(&slot.to_string());
    text.push(CLOSE);
}

#[derive(Debug)]
enum Piece {
    Text(String),
    Number { slot: usize, style: Style },
}

/// A template rendered for one shape of data, its numbers left to fill in.
#[derive(Debug)]
pub struct Skeleton {
    pieces: Vec<Piece>,
    slots: usize,
    precision: Precision,
}

impl Skeleton {
    /// Renders `template` for data shaped as `sample` (through `finish`, applied to whole documents),
    /// with `placeholders` (a [`Renderer::with_placeholders`]), and checks the filled skeleton against
    /// `direct`'s rendering of `sample` (a [`Renderer::new`] of the same options).
    pub fn new(
        placeholders: &Renderer,
        direct: &Renderer,
        template: &str,
        sample: &impl Serialize,
        finish: fn(&str) -> String,
    ) -> Result<Skeleton> {
        let (shape, slots) = shape(sample)?;
        let text = finish(&placeholders.render(template, &shape)?);
        let skeleton = Skeleton {
            pieces: split(&text)?,
            slots,
            precision: placeholders.options().precision,
        };
        if skeleton.fill(sample)? != finish(&direct.render(template, sample)?) {
            return Err(Error::Template(format!(
                "{template} prints a number other than through the filters n, p and plus, or words \
                 chosen by a number; print every number through a filter"
            )));
        }
        Ok(skeleton)
    }

    /// The document for `data`, which must have the sample's shape.
    pub fn fill(&self, data: &impl Serialize) -> Result<String> {
        let mut numbers = Vec::with_capacity(self.slots);
        floats(data, &mut numbers)?;
        if numbers.len() != self.slots {
            return Err(Error::Template(format!(
                "the data has {} numbers where the skeleton has {}: a different shape",
                numbers.len(),
                self.slots
            )));
        }
        let mut text = String::with_capacity(4096);
        for piece in &self.pieces {
            match piece {
                Piece::Text(part) => text.push_str(part),
                Piece::Number { slot, style } => {
                    style.print(self.precision, numbers[*slot], &mut text)
                }
            }
        }
        Ok(text)
    }
}

/// A JSON formatter that takes the floats out of serialised data: it collects them in order and writes
/// placeholders in their place, or nothing (when the text is thrown away).
struct Floats<'a> {
    numbers: &'a mut Vec<f64>,
    placeholders: bool,
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
            write!(writer, "{}.0", BASE as u64 + slot)?;
        }
        Ok(())
    }
}

/// The floats of `data`, in the order serde writes them.
fn floats(data: &impl Serialize, numbers: &mut Vec<f64>) -> Result<()> {
    let formatter = Floats {
        numbers,
        placeholders: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(std::io::sink(), formatter);
    data.serialize(&mut serializer).map_err(pass_error)
}

/// `data` with each float replaced by the placeholder of its slot, and how many slots there are.
fn shape(data: &impl Serialize) -> Result<(Value, usize)> {
    let mut numbers = Vec::new();
    let formatter = Floats {
        numbers: &mut numbers,
        placeholders: true,
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

/// Rendered text cut into text and markers.
fn split(text: &str) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        pieces.push(Piece::Text(rest[..start].to_owned()));
        let after = &rest[start + OPEN.len_utf8()..];
        let end = after.find(CLOSE).ok_or_else(broken)?;
        let mut marked = after[..end].chars();
        let style = match marked.next() {
            Some('n') => Style::Number,
            Some('p') => Style::Factor,
            Some('s') => Style::Term,
            _ => return Err(broken()),
        };
        let slot = marked.as_str().parse().map_err(|_| broken())?;
        pieces.push(Piece::Number { slot, style });
        rest = &after[end + CLOSE.len_utf8()..];
    }
    pieces.push(Piece::Text(rest.to_owned()));
    Ok(pieces)
}

fn broken() -> Error {
    Error::Template("a number's placeholder was cut by a template".into())
}
