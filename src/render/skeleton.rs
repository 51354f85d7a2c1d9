//! Skeletons: a document rendered once through the templates with every number of its data replaced by
//! a numbered placeholder, then filled in for each set of numbers of the same shape.
//!
//! Templates never compute: a number reaches a document only through the number filters (`n`, `p`,
//! `plus`, `rough`, `base`: [`Style`](super::templates::Style)), so the text around the numbers depends only on the data's shape (how many neurons, which symbols),
//! never on the numbers. An exercise set renders thousands of documents of one shape, and filling a
//! skeleton is many times faster than running the templates. A skeleton checks itself: [`Skeleton::new`]
//! draws it twice, with positive and with negative placeholders, and also renders its sample directly;
//! it refuses when the two drawings differ other than at its places or the filled skeleton differs
//! from the direct rendering (a template that printed a number without a filter, or chose its words by
//! a number).
//!
//! Structure, not sentinels: the places of numbers and [`Hole`]s are found by comparing the two
//! drawings, which write every place in other digits and all else alike ([`Marks`]); a skeleton is a
//! list of pieces (text, a number's slot, a hole), and no character of a text is ever read as a place.

use serde::Serialize;
use serde_json::Value;

use super::drawing::Piece;
pub use super::drawing::{Hole, Marks};
use super::templates::Renderer;
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

/// A filled skeleton: its text, and where each of its holes goes in it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filled {
    text: String,
    holes: Vec<(usize, Hole)>,
}

impl Filled {
    /// `template` rendered by `direct` for `data`'s two drawings (text with holes and no numbers, such
    /// as a heading), through `finish`, cut at its holes.
    pub fn drawn<T: Serialize>(
        direct: &Renderer,
        template: &str,
        data: impl Fn(Marks) -> T,
        finish: fn(&str) -> String,
    ) -> Result<Filled> {
        let first = finish(&direct.render(template, &data(Marks::FIRST))?);
        let second = finish(&direct.render(template, &data(Marks::SECOND))?);
        let mut filled = Filled::default();
        for piece in Marks::split(&first, &second).ok_or_else(|| refused(template, direct))? {
            match piece {
                Piece::Text(part) => filled.text.push_str(&part),
                Piece::Hole(hole) => filled.holes.push((filled.text.len(), hole)),
                Piece::Number { .. } => return Err(refused(template, direct)),
            }
        }
        // each hole is the one its digits name (a template that reordered them is refused)
        if filled.place(|hole, text| text.push_str(&Marks::FIRST.hole(hole))) != first {
            return Err(refused(template, direct));
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
}

impl Skeleton {
    /// Renders `template` for data shaped as `sample` (through `finish`, applied to whole documents),
    /// with `placeholders` (a [`Renderer::with_placeholders`]), and checks the filled skeleton against
    /// `direct`'s rendering of `sample` (a [`Renderer::new`] of the same options). `sample` gives the
    /// data with its holes as each drawing writes them ([`Marks::hole`]).
    pub fn new<T: Serialize>(
        placeholders: &Renderer,
        direct: &Renderer,
        template: &str,
        sample: impl Fn(Marks) -> T,
        finish: fn(&str) -> String,
    ) -> Result<Skeleton> {
        // Two drawings: placeholders positive in the first, negative in the second (words chosen by
        // comparing a number change), each with its own holes; they differ exactly at the places.
        let first_sample = sample(Marks::FIRST);
        let (first, slots) = shape_of(&first_sample, false)?;
        let (second, _) = shape_of(&sample(Marks::SECOND), true)?;
        let first = finish(&placeholders.render(template, &first)?);
        let second = finish(&placeholders.render(template, &second)?);
        let skeleton = Skeleton {
            pieces: Marks::split(&first, &second).ok_or_else(|| refused(template, direct))?,
            slots,
            precision: placeholders.options().precision,
        };
        let filled = skeleton
            .fill(&first_sample)?
            .place(|hole, text| text.push_str(&Marks::FIRST.hole(hole)));
        if filled != finish(&direct.render(template, &first_sample)?) {
            return Err(refused(template, direct));
        }
        Ok(skeleton)
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

/// A template refused for a skeleton; with a teacher's templates, their fault (exit 2), named by their
/// file when they replace `template` (else by `template`, which uses theirs).
fn refused(template: &str, renderer: &Renderer) -> Error {
    let set = renderer.options().templates;
    let file = set.and_then(|set| set.file(template));
    let name = file.map_or(template.into(), |file| file.display().to_string());
    let message = format!(
        "{name} prints a number other than through the filters n, p, plus, rough and base, changes \
         the text of a number or of a label, figure or answer, or chooses its words by a number; print \
         every number through a filter, print the others as they are and choose words by the data's shape"
    );
    match set {
        Some(_) => Error::UserTemplate(message),
        None => Error::Template(message),
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Options;
    use crate::render::templates::Style;

    fn skeleton(template: &str, sample: &serde_json::Value) -> Result<Skeleton> {
        let options = Options {
            precision: Precision::Places(2),
            ..Options::default()
        };
        let templates = [("t", template)];
        let placeholders = Renderer::from_templates(templates, &options, true)?;
        let direct = Renderer::from_templates(templates, &options, false)?;
        Skeleton::new(
            &placeholders,
            &direct,
            "t",
            |_| sample,
            |text| text.to_owned(),
        )
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
    fn places_are_where_the_drawings_differ_never_characters_of_the_text() {
        // text holding every private-use character and what the drawings write prints as it is
        let mut title: String = (0xE000..=0xF8FFu32).filter_map(char::from_u32).collect();
        title += "\u{F0000}\u{10FFFD} 100000000000 650000000000 200000000000 7";
        for drawing in [Marks::FIRST, Marks::SECOND] {
            title += &drawing.hole(Hole::Label);
            title.push(' ');
            drawing.number(Style::Number, 0, &mut title);
        }
        let template = "{{ title }}: {{ a|n }}{{ b|p }}0{{ label }}";
        let data = |marks: Marks| serde_json::json!({"title": title, "a": 0.5, "b": -0.25, "label": marks.hole(Hole::Label)});
        let options = Options {
            precision: Precision::Places(2),
            ..Options::default()
        };
        let templates = [("t", template)];
        let placeholders = Renderer::from_templates(templates, &options, true).unwrap();
        let direct = Renderer::from_templates(templates, &options, false).unwrap();
        let skeleton = Skeleton::new(&placeholders, &direct, "t", data, |t| t.to_owned()).unwrap();
        let filled = skeleton.fill(&data(Marks::FIRST)).unwrap();
        assert_eq!(filled.labelled("007"), format!("{title}: 0.50(-0.25)0007"));
        // a template that changes a hole's text is refused, whatever the hole holds
        let templates = [("t", "{{ label|reverse }}")];
        let direct = Renderer::from_templates(templates, &options, false).unwrap();
        let label = |marks: Marks| serde_json::json!({"label": marks.hole(Hole::Label)});
        assert!(Filled::drawn(&direct, "t", label, |t| t.to_owned()).is_err());
    }
}
