//! The form of an exercise web page that checks a student's answers in the browser: beside each asked
//! quantity an `<input data-quantity="NAME">` (NAME as in `key.csv`), a `data-check` button, the
//! network's numbers as data, and for each quantity its worked equation, hidden until it is the first
//! wrong one. The form is `hidden` until the page's script ([`SCRIPT`]) shows it, so a page read without
//! JavaScript is the question and its folded answer, as before. The script judges by the rules of
//! `handprop grade` ([`crate::grade::verdict`]).

use serde::Serialize;

use super::key::{Answer, Asked};
use crate::error::Result;
use crate::grade::feedback::step_of;
use crate::grade::quantity::Located;
use crate::render::mathml::Typesetter;
use crate::render::skeleton::Skeleton;
use crate::render::templates::Renderer;
use crate::render::{Options, html};
use crate::trace::Trace;

/// The script that checks every form of a page, with the colours of its verdicts; once per page.
pub const SCRIPT: &str = concat!(
    "<style>\n",
    include_str!("../grade/check.css"),
    "</style>\n<script>\n",
    include_str!("../grade/check.js"),
    "</script>\n"
);

/// The numbers the script computes with: the network before its step, and the key.
#[derive(Serialize)]
struct Data<'a> {
    places: u8,
    carry: bool,
    eta: f64,
    inputs: Vec<f64>,
    targets: Vec<f64>,
    update_biases: bool,
    /// The loss, when it is not the seed's.
    #[serde(skip_serializing_if = "Option::is_none")]
    loss: Option<crate::loss::Loss>,
    /// λ, with weight decay.
    #[serde(skip_serializing_if = "Option::is_none")]
    decay: Option<f64>,
    /// A batch's examples, each its inputs and its targets (`inputs` and `targets` are the first's).
    #[serde(skip_serializing_if = "Option::is_none")]
    examples: Option<Vec<(&'a [f64], &'a [f64])>>,
    layers: Vec<LayerData>,
    quantities: Vec<QuantityData<'a>>,
}

#[derive(Serialize)]
struct LayerData {
    w: Vec<Vec<f64>>,
    /// Each neuron's bias; empty for a layer without one.
    b: Vec<f64>,
    shared: bool,
    f: crate::activation::Activation,
}

#[derive(Serialize)]
struct QuantityData<'a> {
    name: &'a str,
    key: &'a str,
    of: String,
}

/// What `exercises/check.html` sees.
#[derive(Serialize)]
struct Form<'a> {
    data: String,
    rows: Vec<Row<'a>>,
}

#[derive(Serialize)]
struct Row<'a> {
    name: &'a str,
    label: String,
    worked: String,
}

/// Makes the forms of a set's pages.
pub struct Forms {
    renderer: Renderer,
    options: Options,
    /// The set's asked quantities (the same on every page).
    asked: Vec<Quantity>,
}

/// An asked quantity on the pages of a set: its label, typeset, and its worked equation to fill in.
struct Quantity {
    asked: Asked,
    label: String,
    worked: Skeleton,
}

impl Forms {
    /// The forms of a set of traces shaped as `sample`, printed with `options` (a number of places),
    /// that asks for `asked`.
    pub fn new(options: &Options, asked: &[Asked], sample: &Trace) -> Result<Forms> {
        let renderer = Renderer::new(options)?;
        let placeholders = Renderer::with_placeholders(options)?;
        let mut quantities = Vec::with_capacity(asked.len());
        for a in asked {
            let piece = Piece {
                a: Some(a),
                step: None,
                trace: None,
            };
            let label = html::body(&renderer.render("exercises/check.md", &piece)?)?;
            let label = label
                .trim()
                .trim_start_matches("<p>")
                .trim_end_matches("</p>");
            let step = step_of(sample, a);
            let piece = Piece {
                a: None,
                step: Some(&step),
                trace: Some(sample),
            };
            let worked = Skeleton::new(
                &placeholders,
                &renderer,
                "exercises/check.md",
                |_| &piece,
                str::to_owned,
            )?;
            quantities.push(Quantity {
                asked: a.clone(),
                label: label.to_owned(),
                worked,
            });
        }
        Ok(Forms {
            renderer,
            options: *options,
            asked: quantities,
        })
    }

    /// The form of a variant: its trace and the answers to the set's asked quantities.
    pub fn form(
        &self,
        (trace, answers): (&Trace, &[Answer]),
        typesetter: &mut Typesetter,
    ) -> Result<String> {
        let mut rows = Vec::with_capacity(self.asked.len());
        for quantity in &self.asked {
            let step = step_of(trace, &quantity.asked);
            let piece = Piece {
                a: None,
                step: Some(&step),
                trace: Some(trace),
            };
            let worked = quantity.worked.fill(&piece)?.into_text();
            rows.push(Row {
                name: &quantity.asked.name,
                label: quantity.label.clone(),
                worked: typesetter.body(&worked)?,
            });
        }
        let data = serde_json::to_string(&self.data(trace, answers))
            .expect("numbers serialise")
            .replace('<', "\\u003c");
        self.renderer
            .render("exercises/check.html", &Form { data, rows })
    }

    fn data<'a>(&'a self, trace: &'a Trace, answers: &'a [Answer]) -> Data<'a> {
        let layers = (trace.layers.iter())
            .map(|layer| LayerData {
                w: (layer.neurons.iter())
                    .map(|n| n.weights.iter().map(|w| w.value).collect())
                    .collect(),
                b: (layer.neurons.iter())
                    .filter_map(|n| n.bias.as_ref().map(|b| b.value))
                    .collect(),
                shared: layer.shared_bias,
                f: layer.activation,
            })
            .collect();
        let output = trace.layers.last().map_or(&[][..], |l| &l.neurons[..]);
        Data {
            places: self.options.precision.places().unwrap_or(4),
            carry: self.options.carry_rounded,
            eta: trace.learning_rate,
            inputs: trace.inputs.iter().map(|i| i.value).collect(),
            targets: output
                .iter()
                .map(|n| n.target.unwrap_or_default())
                .collect(),
            update_biases: trace.update_biases,
            loss: (trace.loss != crate::loss::Loss::HalfSquaredError).then_some(trace.loss),
            decay: trace.weight_decay.as_ref().map(|d| d.lambda),
            examples: (!trace.examples.is_empty()).then(|| {
                (trace.examples.iter())
                    .map(|x| (&x.inputs[..], &x.targets[..]))
                    .collect()
            }),
            layers,
            quantities: (self.asked.iter().zip(answers))
                .map(|(Quantity { asked: a, .. }, answer)| QuantityData {
                    name: &a.name,
                    key: &answer.text,
                    of: Located::of(trace, a).script_name(),
                })
                .collect(),
        }
    }
}

/// What `exercises/check.md` sees: an asked quantity's name, or its worked equation.
#[derive(Serialize)]
struct Piece<'a> {
    a: Option<&'a Asked>,
    step: Option<&'a crate::derivation::Step>,
    trace: Option<&'a Trace>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::key;
    use crate::number::Precision;
    use crate::spec;

    /// The form data the page's script reads for the network `toml`.
    fn data(toml: &str) -> serde_json::Value {
        let trace = Trace::new(&spec::parse(toml, "f.toml").unwrap().network);
        let options = Options {
            precision: Precision::Places(4),
            ..Options::default()
        };
        let forms = Forms::new(&options, &key::asked(&trace), &trace).unwrap();
        let answers = key::answers(&trace, Precision::Places(4));
        serde_json::to_value(forms.data(&trace, &answers)).unwrap()
    }

    /// The form of `trace` made directly: each worked equation rendered and typeset on its own.
    fn direct_form(forms: &Forms, trace: &Trace, answers: &[Answer]) -> String {
        let rows = (forms.asked.iter())
            .map(|quantity| {
                let step = step_of(trace, &quantity.asked);
                let piece = Piece {
                    a: None,
                    step: Some(&step),
                    trace: Some(trace),
                };
                let markdown = forms.renderer.render("exercises/check.md", &piece).unwrap();
                Row {
                    name: &quantity.asked.name,
                    label: quantity.label.clone(),
                    worked: html::body(&markdown).unwrap(),
                }
            })
            .collect();
        let data = serde_json::to_string(&forms.data(trace, answers))
            .unwrap()
            .replace('<', "\\u003c");
        (forms.renderer)
            .render("exercises/check.html", &Form { data, rows })
            .unwrap()
    }

    #[test]
    fn a_form_filled_from_the_set_s_skeletons_is_the_form_made_directly() {
        let toml = include_str!("../../examples/2-3-3-1-relu.toml");
        let other = toml
            .replace("[1.0, 0.5]", "[0.9, 0.45]")
            .replace("[0.8]", "[0.7]");
        let traces: Vec<Trace> = [toml, other.as_str()]
            .iter()
            .map(|toml| Trace::new(&spec::parse(toml, "f.toml").unwrap().network))
            .collect();
        for places in [2, 4] {
            let options = Options {
                precision: Precision::Places(places),
                ..Options::default()
            };
            let forms = Forms::new(&options, &key::asked(&traces[0]), &traces[0]).unwrap();
            let mut typesetter = Typesetter::new();
            for trace in traces.iter().chain(&traces) {
                let answers = key::answers(trace, options.precision);
                let filled = forms.form((trace, &answers), &mut typesetter).unwrap();
                assert!(filled == direct_form(&forms, trace, &answers), "{places}");
            }
        }
    }

    #[test]
    fn the_script_gets_the_loss_the_decay_the_batch_and_the_bias_layout() {
        let batch = data(
            "learning_rate = 0.5\nloss = \"cross_entropy\"\nweight_decay = 0.02\n\
             inputs = [[0.2, 0.7], [0.9, 0.1]]\ntargets = [[1, 0], [0, 1]]\n\
             [[layers]]\nweights = [[0.15, 0.8], [0.65, 0.3]]\n\
             [[layers]]\nweights = [[0.4, 0.9], [0.7, 0.2]]\nbias = 0.3\nactivation = \"softmax\"\n",
        );
        assert_eq!(batch["loss"], "cross_entropy");
        assert_eq!(batch["decay"], 0.02);
        let examples = serde_json::json!([[[0.2, 0.7], [1.0, 0.0]], [[0.9, 0.1], [0.0, 1.0]]]);
        assert_eq!(batch["examples"], examples);
        assert_eq!(batch["inputs"], serde_json::json!([0.2, 0.7]));
        assert_eq!(batch["layers"][0]["b"], serde_json::json!([]));
        assert_eq!(batch["layers"][1]["b"], serde_json::json!([0.3, 0.3]));
        assert_eq!(batch["layers"][1]["shared"], true);
        assert_eq!(batch["layers"][1]["f"], "softmax");
        // The seed's maths: none of these, so its pages are as before.
        let seed = data(spec::SEED_TOML);
        for field in ["loss", "decay", "examples"] {
            assert!(seed.get(field).is_none(), "{field}");
        }
        assert_eq!(seed["layers"][0]["b"], serde_json::json!([0.35, 0.35]));
    }
}
