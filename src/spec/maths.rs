//! Validation of the maths beyond the seed: the rows of a batch, the loss and the output it needs,
//! softmax only in the output layer, the targets a loss can take, and weight decay. Each error names the
//! field, its line and column, what is wrong and how to fix it.

use toml::Spanned;

use super::validate::Validator;
use super::{LayerFile, Rows};
use crate::activation::Activation;
use crate::error::Result;
use crate::limits;
use crate::loss::Loss;

impl Validator<'_> {
    /// Every row of inputs (and of targets) of one length, and as many rows of inputs as of targets.
    pub(super) fn rows(&self, inputs: &Spanned<Rows>, targets: &Spanned<Rows>) -> Result<()> {
        for (value, field) in [(inputs, "inputs"), (targets, "targets")] {
            let rows = &value.get_ref().0;
            let width = rows[0].len();
            if let Some((e, row)) = rows.iter().enumerate().find(|(_, r)| r.len() != width) {
                let problem = format!(
                    "row {} has {} value(s) but row 1 has {width}",
                    e + 1,
                    row.len()
                );
                return self.fail(
                    value.span(),
                    field,
                    problem,
                    "give every example a row of one length",
                );
            }
        }
        let (m, n) = (inputs.get_ref().0.len(), targets.get_ref().0.len());
        if m > limits::MAX_EXAMPLES {
            let problem = format!("has {m} rows");
            let fix = format!("a batch may have up to {} examples", limits::MAX_EXAMPLES);
            return self.fail(inputs.span(), "inputs", problem, &fix);
        }
        if m != n {
            let problem = format!("has {n} row(s) but `inputs` has {m}");
            return self.fail(
                targets.span(),
                "targets",
                problem,
                "give one row of targets per row of inputs",
            );
        }
        Ok(())
    }

    /// Softmax in the output layer only.
    pub(super) fn softmax_only_at_the_output(&self, layers: &[LayerFile]) -> Result<()> {
        let hidden = &layers[..layers.len().saturating_sub(1)];
        for (l, layer) in hidden.iter().enumerate() {
            if let Some(activation) = &layer.activation
                && *activation.get_ref() == Activation::Softmax
            {
                let field = format!("layers[{l}].activation");
                let fix = "use softmax in the output layer only; hidden layers take sigmoid, tanh, relu or identity";
                return self.fail(
                    activation.span(),
                    &field,
                    "is softmax in a hidden layer".into(),
                    fix,
                );
            }
        }
        Ok(())
    }

    /// The loss (half squared error when the file gives none), checked against the output layer's
    /// activation and the targets.
    pub(super) fn loss(
        &self,
        loss: Option<&Spanned<Loss>>,
        output: Activation,
        targets: &Spanned<Rows>,
    ) -> Result<Loss> {
        let value = loss.map_or(Loss::default(), |l| *l.get_ref());
        let span = loss.map_or_else(|| targets.span(), Spanned::span);
        let softmax = output == Activation::Softmax;
        if value.is_cross_entropy() && !softmax && output != Activation::Sigmoid {
            let name = serde_json::to_string(&output).expect("a name serialises");
            let problem = format!("is cross_entropy but the output layer's activation is {name}");
            let fix = "give the output layer activation = \"softmax\" or \"sigmoid\"";
            return self.fail(span, "loss", problem, fix);
        }
        if softmax && !value.is_cross_entropy() {
            let problem = format!("is {} but the output layer is softmax", value.name());
            let fix = "give loss = \"cross_entropy\" with a softmax output (or another output activation)";
            return self.fail(span, "loss", problem, fix);
        }
        for (e, row) in targets.get_ref().0.iter().enumerate() {
            let example = if targets.get_ref().0.len() > 1 {
                format!("row {} ", e + 1)
            } else {
                String::new()
            };
            if value.is_cross_entropy()
                && let Some(t) = row.iter().find(|t| !(0.0..=1.0).contains(*t))
            {
                let problem = format!("{example}holds {t}, outside [0, 1]");
                let fix = "cross-entropy targets are probabilities: give each one from 0 to 1";
                return self.fail(targets.span(), "targets", problem, fix);
            }
            let total: f64 = row.iter().sum();
            if softmax && (total - 1.0).abs() > 1e-9 {
                let problem = format!("{example}sums to {total}, not 1");
                let fix = "a softmax output's targets are a distribution: make each row sum to 1 (such as [0, 1, 0])";
                return self.fail(targets.span(), "targets", problem, fix);
            }
        }
        Ok(value)
    }

    /// λ of the weight decay: finite and not negative.
    pub(super) fn weight_decay(&self, decay: Option<&Spanned<f64>>) -> Result<Option<f64>> {
        let Some(decay) = decay else { return Ok(None) };
        let lambda = *decay.get_ref();
        if !lambda.is_finite() || lambda < 0.0 {
            let fix = "give λ ≥ 0, such as weight_decay = 0.01";
            return self.fail(decay.span(), "weight_decay", format!("is {lambda}"), fix);
        }
        Ok(Some(lambda))
    }
}
