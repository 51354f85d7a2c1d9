//! The network file (TOML): its schema, read with serde and toml, and validated into a [`Network`].
//!
//! Every error names the file, the field and, where toml gives a span, the line and column.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use toml::Spanned;

use crate::activation::Activation;
use crate::error::{Error, Result};
use crate::limits;
use crate::network::{Bias, Layer, Network};

/// The seed's network (Mazur's example), built into the binary; also `examples/mazur.toml`.
pub const SEED_TOML: &str = include_str!("../examples/mazur.toml");

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
    inputs: Spanned<Vec<f64>>,
    targets: Spanned<Vec<f64>>,
    layers: Spanned<Vec<LayerFile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LayerFile {
    weights: Spanned<Vec<Vec<f64>>>,
    bias: Spanned<BiasFile>,
    #[serde(default)]
    activation: Activation,
}

impl LayerFile {
    /// How many weights and biases the layer asks for.
    fn parameters(&self) -> usize {
        let weights: usize = self.weights.get_ref().iter().map(Vec::len).sum();
        weights
            + match self.bias.get_ref() {
                BiasFile::Shared(_) => 1,
                BiasFile::PerNeuron(bs) => bs.len(),
            }
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
pub fn load(path: &Path) -> Result<Network> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&text, &path.display().to_string())
}

/// The seed's network.
pub fn seed() -> Network {
    parse(SEED_TOML, SEED_NAME).expect("the built-in network is valid")
}

/// Parses and validates network-file text; `name` is the file's name for messages.
pub fn parse(text: &str, name: &str) -> Result<Network> {
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
    let network = Validator { name, text }.network(file)?;
    match crate::trace::Trace::new(&network).first_non_finite() {
        Some((quantity, value)) => Err(Error::Invalid {
            place: name.to_owned(),
            field: quantity,
            problem: format!("comes out as {value} in f64"),
            fix: "use smaller weights, inputs or learning rate".to_owned(),
        }),
        None => Ok(network),
    }
}

/// `file:line:column` of a byte offset.
fn place(name: &str, text: &str, offset: usize) -> String {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    format!("{name}:{line}:{column}")
}

struct Validator<'a> {
    name: &'a str,
    text: &'a str,
}

impl Validator<'_> {
    fn fail<T>(
        &self,
        span: std::ops::Range<usize>,
        field: &str,
        problem: String,
        fix: &str,
    ) -> Result<T> {
        Err(Error::Invalid {
            place: place(self.name, self.text, span.start),
            field: field.to_owned(),
            problem,
            fix: fix.to_owned(),
        })
    }

    fn finite<'v, T>(
        &self,
        value: &Spanned<T>,
        field: &str,
        numbers: impl IntoIterator<Item = &'v f64>,
    ) -> Result<()> {
        match numbers.into_iter().find(|x| !x.is_finite()) {
            Some(x) => self.fail(
                value.span(),
                field,
                format!("holds {x}"),
                "every number must be finite",
            ),
            None => Ok(()),
        }
    }

    fn network(&self, file: NetworkFile) -> Result<Network> {
        for (value, field) in [
            (&file.title, "title"),
            (&file.author, "author"),
            (&file.date, "date"),
        ] {
            if let Some(problem) = value
                .as_ref()
                .and_then(|v| limits::text_problem(v.get_ref()))
            {
                let span = value.as_ref().map_or(0..0, Spanned::span);
                return self.fail(span, field, problem, "give plain text");
            }
        }
        let parameters: usize = file
            .layers
            .get_ref()
            .iter()
            .map(LayerFile::parameters)
            .sum();
        if parameters > limits::MAX_PARAMETERS {
            let problem = format!("hold {parameters} weights and biases");
            let fix = format!(
                "handprop writes documents of networks of up to {} of them",
                limits::MAX_PARAMETERS
            );
            return self.fail(file.layers.span(), "layers", problem, &fix);
        }
        let rate = *file.learning_rate.get_ref();
        self.finite(&file.learning_rate, "learning_rate", [&rate])?;
        if rate <= 0.0 {
            let problem = format!("is {rate}");
            return self.fail(
                file.learning_rate.span(),
                "learning_rate",
                problem,
                "the learning rate η must be greater than 0",
            );
        }
        for (value, field) in [(&file.inputs, "inputs"), (&file.targets, "targets")] {
            self.finite(value, field, value.get_ref())?;
            if value.get_ref().is_empty() {
                return self.fail(
                    value.span(),
                    field,
                    "is empty".into(),
                    "give at least one number",
                );
            }
        }
        let count = file.layers.get_ref().len();
        if count < 2 {
            let problem = format!("has {count} layer(s)");
            let fix =
                "give at least two [[layers]] tables: the hidden layers, then the output layer";
            return self.fail(file.layers.span(), "layers", problem, fix);
        }
        let mut width_before = file.inputs.get_ref().len();
        let mut layers = Vec::with_capacity(count);
        for (l, layer) in file.layers.into_inner().into_iter().enumerate() {
            let layer = self.layer(layer, l, width_before)?;
            width_before = layer.width();
            layers.push(layer);
        }
        let targets = file.targets.get_ref().len();
        if targets != width_before {
            let problem =
                format!("has {targets} value(s) but the output layer has {width_before} neuron(s)");
            return self.fail(
                file.targets.span(),
                "targets",
                problem,
                "give one target per output neuron",
            );
        }
        Ok(Network {
            title: file.title.map(Spanned::into_inner),
            update_biases: file.update_biases,
            author: file.author.map(Spanned::into_inner),
            date: file.date.map(Spanned::into_inner),
            learning_rate: rate,
            inputs: file.inputs.into_inner(),
            targets: file.targets.into_inner(),
            layers,
        })
    }

    fn layer(&self, layer: LayerFile, l: usize, width_before: usize) -> Result<Layer> {
        let field = format!("layers[{l}].weights");
        let rows = layer.weights.get_ref();
        self.finite(&layer.weights, &field, rows.iter().flatten())?;
        if rows.is_empty() {
            return self.fail(
                layer.weights.span(),
                &field,
                "is empty".into(),
                "give one row of weights per neuron",
            );
        }
        let before = if l == 0 {
            "network has"
        } else {
            "layer before has"
        };
        let what = if l == 0 { "input(s)" } else { "neuron(s)" };
        if let Some((j, row)) = rows
            .iter()
            .enumerate()
            .find(|(_, row)| row.len() != width_before)
        {
            let problem = format!(
                "row {} has {} weight(s) but the {before} {width_before} {what}",
                j + 1,
                row.len()
            );
            let fix = format!(
                "give each row one weight per {}",
                if l == 0 {
                    "input"
                } else {
                    "neuron of the layer before"
                }
            );
            return self.fail(layer.weights.span(), &field, problem, &fix);
        }
        let width = rows.len();
        let field = format!("layers[{l}].bias");
        let bias = match layer.bias.get_ref() {
            BiasFile::Shared(b) => Bias::Shared(*b),
            BiasFile::PerNeuron(bs) if bs.len() == width => Bias::PerNeuron(bs.clone()),
            BiasFile::PerNeuron(bs) => {
                let problem = format!(
                    "has {} value(s) but the layer has {width} neuron(s)",
                    bs.len()
                );
                return self.fail(
                    layer.bias.span(),
                    &field,
                    problem,
                    "give one bias for the layer, or one per neuron",
                );
            }
        };
        let biases = match &bias {
            Bias::Shared(b) => std::slice::from_ref(b),
            Bias::PerNeuron(bs) => bs.as_slice(),
        };
        self.finite(&layer.bias, &field, biases)?;
        Ok(Layer {
            weights: layer.weights.into_inner(),
            bias,
            activation: layer.activation,
        })
    }
}
