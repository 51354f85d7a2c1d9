//! The network file (TOML): its schema, read with serde and toml, and validated into a [`Network`].
//!
//! Every error names the file, the field and, where toml gives a span, the line and column.

mod defaults;
mod maths;
mod validate;

pub use defaults::Defaults;

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::activation::Activation;
use crate::error::{Error, Result};
use crate::lesson::Lesson;
use crate::loss::Loss;
use crate::network::Network;
use validate::Validator;

/// The seed's network (Mazur's example), built into the binary; also `examples/mazur.toml`.
pub const SEED_TOML: &str = include_str!("../../examples/mazur.toml");

/// The name the built-in network goes by in messages.
pub const SEED_NAME: &str = "examples/mazur.toml (built in)";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkFile {
    title: Option<Spanned<String>>,
    #[serde(default)]
    update_biases: bool,
    author: Option<Spanned<String>>,
    date: Option<Spanned<String>>,
    learning_rate: Spanned<f64>,
    loss: Option<Spanned<Loss>>,
    weight_decay: Option<Spanned<f64>>,
    inputs: Spanned<Rows>,
    targets: Spanned<Rows>,
    layers: Spanned<Vec<LayerFile>>,
    document: Option<defaults::DefaultsFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerFile {
    weights: Spanned<Vec<Vec<f64>>>,
    bias: Option<Spanned<BiasFile>>,
    activation: Option<Spanned<Activation>>,
}

impl LayerFile {
    /// How many weights and biases the layer asks for.
    fn parameters(&self) -> usize {
        let weights: usize = self.weights.get_ref().iter().map(Vec::len).sum();
        weights
            + match self.bias.as_ref().map(Spanned::get_ref) {
                None => 0,
                Some(BiasFile::Shared(_)) => 1,
                Some(BiasFile::PerNeuron(bs)) => bs.len(),
            }
    }

    /// The layer's activation: sigmoid when the file gives none.
    fn activation(&self) -> Activation {
        self.activation
            .as_ref()
            .map_or_else(Activation::default, |a| *a.get_ref())
    }
}

/// `inputs = [0.05, 0.10]` (one example) or `inputs = [[0, 0], [0, 1]]` (a batch: one row per
/// example); likewise `targets`.
struct Rows(Vec<Vec<f64>>);

impl Rows {
    /// Every number, row by row.
    fn numbers(&self) -> impl Iterator<Item = &f64> {
        self.0.iter().flatten()
    }
}

impl<'de> Deserialize<'de> for Rows {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        /// One element of the list: a number or a row of numbers.
        enum Item {
            Number(f64),
            Row(Vec<f64>),
        }
        impl<'de> Deserialize<'de> for Item {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                struct ItemVisitor;
                impl<'de> Visitor<'de> for ItemVisitor {
                    type Value = Item;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a number, or a row of numbers (one row per example)")
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Item, E> {
                        Ok(Item::Number(v))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<Item, E> {
                        Ok(Item::Number(v as f64))
                    }
                    fn visit_seq<A: SeqAccess<'de>>(
                        self,
                        mut seq: A,
                    ) -> std::result::Result<Item, A::Error> {
                        let mut row = Vec::new();
                        while let Some(x) = seq.next_element::<f64>()? {
                            row.push(x);
                        }
                        Ok(Item::Row(row))
                    }
                }
                d.deserialize_any(ItemVisitor)
            }
        }
        struct RowsVisitor;
        impl<'de> Visitor<'de> for RowsVisitor {
            type Value = Rows;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list of numbers, or a list of rows of numbers (one per example)")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Rows, A::Error> {
                let (mut flat, mut rows) = (Vec::new(), Vec::new());
                while let Some(item) = seq.next_element::<Item>()? {
                    match item {
                        Item::Number(x) => flat.push(x),
                        Item::Row(row) => rows.push(row),
                    }
                }
                match (flat.is_empty(), rows.is_empty()) {
                    (false, false) => Err(de::Error::custom(
                        "mixes numbers and rows; give numbers (one example) or rows (a batch)",
                    )),
                    (_, true) => Ok(Rows(vec![flat])),
                    (true, false) => Ok(Rows(rows)),
                }
            }
        }
        deserializer.deserialize_seq(RowsVisitor)
    }
}

/// `bias = 0.35` or `bias = [0.35, 0.4]`.
enum BiasFile {
    Shared(f64),
    PerNeuron(Vec<f64>),
}

impl<'de> Deserialize<'de> for BiasFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct BiasVisitor;
        impl<'de> Visitor<'de> for BiasVisitor {
            type Value = BiasFile;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a number (one bias for the layer) or a list of numbers (one per neuron)",
                )
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<BiasFile, E> {
                Ok(BiasFile::Shared(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> std::result::Result<BiasFile, E> {
                Ok(BiasFile::Shared(v as f64))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<BiasFile, A::Error> {
                let mut biases = Vec::new();
                while let Some(b) = seq.next_element::<f64>()? {
                    biases.push(b);
                }
                Ok(BiasFile::PerNeuron(biases))
            }
        }
        deserializer.deserialize_any(BiasVisitor)
    }
}

/// Reads and validates the network file at `path`.
pub fn load(path: &Path) -> Result<Lesson> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// The seed's network.
pub fn seed() -> Network {
    seed_lesson().network
}

/// The seed's network file: its network, no title, no document settings.
pub fn seed_lesson() -> Lesson {
    parse(SEED_TOML, SEED_NAME).expect("the built-in network is valid")
}

/// Parses and validates network-file text; `name` is the file's name for messages. It computes
/// nothing: a step that overflows f64 is found when the step is computed
/// ([`Lesson::trace`]).
pub fn parse(text: &str, name: &str) -> Result<Lesson> {
    let locate = |span: std::ops::Range<usize>| place(name, text, span.start);
    let deserializer = toml::Deserializer::parse(text).map_err(|e| Error::Syntax {
        place: e.span().map_or_else(|| name.to_owned(), &locate),
        message: format!("this is not valid TOML: {}", e.message().trim_end()),
    })?;
    let file: NetworkFile = serde_path_to_error::deserialize(deserializer).map_err(|e| {
        // toml::Spanned shows up in serde's path under a private name: leave it out.
        let field = e
            .path()
            .to_string()
            .replace(".$__serde_spanned_private_value", "");
        let inner = e.into_inner();
        let at = inner.span().map_or_else(|| name.to_owned(), &locate);
        let message = inner.message().trim_end().to_owned();
        Error::Syntax {
            place: at,
            message: if field == "." {
                format!("{message}; examples/mazur.toml shows the format")
            } else {
                format!("`{field}`: {message}; examples/mazur.toml shows the format")
            },
        }
    })?;
    Validator { name, text }.lesson(file)
}

/// `file:line:column` of a byte offset.
fn place(name: &str, text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{name}:{line}:{column}")
}
