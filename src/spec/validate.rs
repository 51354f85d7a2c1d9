//! Validation: a parsed network file made into a [`Network`], or an error naming the field, its line
//! and column, what is wrong and how to fix it.

use toml::Spanned;

use super::defaults::DefaultsFile;
use super::{BiasFile, LayerFile, NetworkFile, place};
use crate::error::{Error, Result};
use crate::lesson::Lesson;
use crate::limits;
use crate::network::{Bias, Layer, Network};

pub(super) struct Validator<'a> {
    pub(super) name: &'a str,
    pub(super) text: &'a str,
}

impl Validator<'_> {
    pub(super) fn fail<T>(
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

    pub(super) fn lesson(&self, file: NetworkFile) -> Result<Lesson> {
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
            self.finite(value, field, value.get_ref().numbers())?;
            if value.get_ref().0.iter().all(Vec::is_empty) {
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
        self.rows(&file.inputs, &file.targets)?;
        self.softmax_only_at_the_output(file.layers.get_ref())?;
        let mut width_before = file.inputs.get_ref().0[0].len();
        let mut layers = Vec::with_capacity(count);
        for (l, layer) in file.layers.into_inner().into_iter().enumerate() {
            let layer = self.layer(layer, l, width_before)?;
            width_before = layer.width();
            layers.push(layer);
        }
        let targets = file.targets.get_ref().0[0].len();
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
        let document = match file.document.map(DefaultsFile::defaults).transpose() {
            Ok(defaults) => defaults.unwrap_or_default(),
            Err((span, problem, fix)) => {
                return self.fail(span, "document.carry_rounded", problem, &fix);
            }
        };
        let output = layers.last().map(Layer::activation).unwrap_or_default();
        let loss = self.loss(file.loss.as_ref(), output, &file.targets)?;
        let decay = self.weight_decay(file.weight_decay.as_ref())?;
        let (inputs, targets) = (file.inputs.into_inner().0, file.targets.into_inner().0);
        let network = Network::batch(rate, (inputs, targets), layers, file.update_biases, loss)
            .and_then(|network| match decay {
                Some(lambda) => network.with_weight_decay(lambda),
                None => Ok(network),
            })
            .map_err(|e| self.shape(e))?;
        Ok(Lesson {
            network,
            title: file.title.map(Spanned::into_inner),
            author: file.author.map(Spanned::into_inner),
            date: file.date.map(Spanned::into_inner),
            document,
            source: self.name.to_owned(),
        })
    }

    /// A shape the checks above let through but the network's constructor refuses: a bug, reported
    /// as bad input rather than a panic.
    fn shape(&self, error: crate::network::ShapeError) -> Error {
        Error::Invalid {
            place: self.name.to_owned(),
            field: "layers".to_owned(),
            problem: error.to_string(),
            fix: "examples/mazur.toml shows the format".to_owned(),
        }
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
        let activation = layer.activation();
        let Some(spanned_bias) = &layer.bias else {
            let weights = layer.weights.into_inner();
            return Layer::new(weights, Bias::None, activation).map_err(|e| self.shape(e));
        };
        let bias = match spanned_bias.get_ref() {
            BiasFile::Shared(b) => Bias::Shared(*b),
            BiasFile::PerNeuron(bs) if bs.len() == width => Bias::PerNeuron(bs.clone()),
            BiasFile::PerNeuron(bs) => {
                let problem = format!(
                    "has {} value(s) but the layer has {width} neuron(s)",
                    bs.len()
                );
                return self.fail(
                    spanned_bias.span(),
                    &field,
                    problem,
                    "give one bias for the layer, or one per neuron",
                );
            }
        };
        self.finite(spanned_bias, &field, bias.as_slice())?;
        Layer::new(layer.weights.into_inner(), bias, activation).map_err(|e| self.shape(e))
    }
}
