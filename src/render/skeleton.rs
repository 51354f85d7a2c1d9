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
/// The marker of a slot in rendered text: OPEN, the filter's letter, the slot number, CLOSE.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// The slot a placeholder value (2⁵² + slot, or its negative) stands for, or None for any other number.
pub(crate) fn slot(x: f64) -> Option<usize> {
    let magnitude = x.abs();
    let valid = (BASE..BASE + SLOTS as f64).contains(&magnitude) && magnitude.fract() == 0.0;
    valid.then_some((magnitude - BASE) as usize)
}

/// Appends the marker of `slot` printed in `style`.
pub(crate) fn marker(style: Style, slot: usize, text: &mut String) {
    text.push(OPEN);
    text.push(style.letter());
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
        // Placeholders once positive and once negative: words chosen by comparing a number change.
        let (shape, slots) = shape_of(sample, false)?;
        let text = finish(&placeholders.render(template, &shape)?);
        let (negative, _) = shape_of(sample, true)?;
        if finish(&placeholders.render(template, &negative)?) != text {
            return Err(refused(template));
        }
        let skeleton = Skeleton {
            pieces: split(&text)?,
            slots,
            precision: placeholders.options().precision,
        };
        if skeleton.fill(sample)? != finish(&direct.render(template, sample)?) {
            return Err(refused(template));
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

/// Rendered text cut into text and markers.
fn split(text: &str) -> Result<Vec<Piece>> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(OPEN) {
        pieces.push(Piece::Text(rest[..start].to_owned()));
        let after = &rest[start + OPEN.len_utf8()..];
        let end = after.find(CLOSE).ok_or_else(broken)?;
        let mut marked = after[..end].chars();
        let style = marked
            .next()
            .and_then(Style::of_letter)
            .ok_or_else(broken)?;
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
        let placeholders = Renderer::from_templates(templates, &options, true)?;
        let direct = Renderer::from_templates(templates, &options, false)?;
        Skeleton::new(&placeholders, &direct, "t", sample, |text| text.to_owned())
    }

    #[test]
    fn a_skeleton_fills_in_each_number_in_its_filter_s_style() {
        let template = "{{ a|n }} times {{ b|p }} {{ c|plus }}; {{ count }} of {{ name }}";
        let sample = serde_json::json!({"a": 0.5, "b": -0.25, "c": -1.5, "count": 3, "name": "x"});
        let skeleton = skeleton(template, &sample).unwrap();
        let other = serde_json::json!({"a": 0.126, "b": 2.0, "c": 0.004, "count": 3, "name": "x"});
        assert_eq!(
            skeleton.fill(&other).unwrap(),
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
}
