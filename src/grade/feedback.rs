//! `--feedback DIR`: a page per student, in Markdown and HTML and in the language of the student's
//! variant: each asked quantity with their answer, the key and the verdict, and for the first wrong one
//! the worked step computed from their own numbers. The words are the templates' (`grade/feedback.md`,
//! `zh/grade.md`, `en/grade.md`).

use std::collections::HashSet;

use serde::Serialize;

use super::quantity::Located;
use super::recompute;
use super::{Graded, Networks, Responses, Set, Verdict};
use crate::derivation::{MAX_INPUTS_INSIDE_F, NET_TERMS_PER_LINE, Step, StepKind};
use crate::error::{Error, Result};
use crate::exercise::key::{self, Asked};
use crate::publish::Commit;
use crate::render::page::Shell;
use crate::render::templates::Renderer;
use crate::render::{Lang, Options, html};
use crate::step::Rounding;
use crate::trace::Trace;

/// What `grade/feedback.md` sees.
#[derive(Serialize)]
struct Page<'a> {
    student: &'a str,
    label: String,
    score: String,
    max: usize,
    rows: Vec<Row>,
    worked: Option<Worked>,
}

/// One asked quantity of the page.
#[derive(Serialize)]
struct Row {
    a: Asked,
    answer: String,
    key: String,
    verdict: Verdict,
}

/// The first wrong answer's step, computed from the student's own numbers.
#[derive(Serialize)]
struct Worked {
    a: Asked,
    /// The student's answers it was computed from.
    given: Vec<Row>,
    step: Step,
    trace: Trace,
}

/// Writes every student's pages into the folder of `commit`; returns how many students.
pub fn write(
    commit: &mut Commit,
    set: &Set,
    responses: &Responses,
    grades: &[Graded],
) -> Result<usize> {
    let mut networks = Networks::new(set);
    let mut renderers: Vec<(Lang, Renderer)> = Vec::new();
    let mut names = HashSet::new();
    for (response, graded) in responses.rows.iter().zip(grades) {
        let (network, lang) = networks.get(response.variant)?;
        let lang = *lang;
        if !renderers.iter().any(|(l, _)| *l == lang) {
            let options = Options {
                lang,
                precision: set.precision,
                ..Options::default()
            };
            renderers.push((lang, Renderer::new(&options)?));
        }
        let renderer = &renderers
            .iter()
            .find(|(l, _)| *l == lang)
            .expect("made above")
            .1;
        let Some(sample) = recompute::trace(network, recompute::rounding(set), &[], usize::MAX)
        else {
            continue; // a variant of a set always computes; nothing to say otherwise
        };
        if let Some(what) = sample.unwritten_in_document(crate::render::Notation::Scalar) {
            return Err(Error::Usage(format!(
                "{}: feedback pages of {what} are not written yet (their worked steps are the answer \
                 sheets'); grade without --feedback",
                set.dir
                    .join(set.label(response.variant))
                    .join("network.toml")
                    .display()
            )));
        }
        let asked = key::asked(&sample);
        let page = page(
            set,
            responses,
            (response, graded),
            (&asked, &sample),
            network,
        )?;
        let markdown = renderer.render("grade/feedback.md", &page)?;
        let body = html::body(&markdown)?;
        let document = Shell::new(renderer, &html::title(&markdown))?.around(&body);
        let name = file_name(&response.student, &mut names);
        commit.file(&format!("{name}.md"), markdown)?;
        commit.file(&format!("{name}.html"), document)?;
    }
    Ok(responses.rows.len())
}

/// A student's page.
fn page<'a>(
    set: &Set,
    responses: &Responses,
    (response, graded): (&'a super::Response, &Graded),
    (asked, sample): (&[Asked], &Trace),
    network: &recompute::Variant,
) -> Result<Page<'a>> {
    let key = &set.keys[response.variant - 1];
    let row = |slot: usize, verdict| {
        let q = responses.asked[slot];
        Row {
            a: asked[q].clone(),
            answer: response.answers[slot].text.clone(),
            key: key[q].clone(),
            verdict,
        }
    };
    let rows = (0..responses.asked.len())
        .map(|slot| row(slot, graded.verdicts[slot]))
        .collect();
    let worked = graded.first_wrong().and_then(|slot| {
        let q = responses.asked[slot];
        let mut given: Vec<Option<f64>> = vec![None; set.quantities.len()];
        let mut shown = Vec::new();
        let below = |p: usize| match asked[q].kind {
            "out" => {
                let layer = |p: usize| Located::of(sample, &asked[p]).out_layer();
                layer(p) < layer(q)
            }
            _ => true,
        };
        for (s, (&p, answer)) in responses.asked.iter().zip(&response.answers).enumerate() {
            if p != q && answer.value.is_some() && asked[p].kind == "out" && below(p) {
                given[p] = answer.value;
                shown.push(row(s, graded.verdicts[s]));
            }
        }
        let rounding: Rounding = recompute::rounding(set);
        let trace = recompute::trace(network, rounding, &given, q)?;
        let step = step_of(&trace, &asked[q]);
        Some(Worked {
            a: asked[q].clone(),
            given: shown,
            step,
            trace,
        })
    });
    Ok(Page {
        student: &response.student,
        label: set.label(response.variant),
        score: super::score_text(graded.score),
        max: responses.asked.len(),
        rows,
        worked,
    })
}

/// The equation that computes an asked quantity, written in full.
pub fn step_of(trace: &Trace, a: &Asked) -> Step {
    let mut step = Step {
        number: 0,
        kind: StepKind::TotalError,
        first: true,
        layer: 0,
        neuron: 0,
        weight: 0,
        full: true,
        example: false,
        net_terms_per_line: 0,
        blocks: Vec::new(),
    };
    match Located::of(trace, a) {
        Located::Out { layer, neuron } => {
            let long = trace.layers[layer].neurons[neuron].weights.len() > MAX_INPUTS_INSIDE_F;
            step.kind = if long {
                StepKind::NetOut
            } else {
                StepKind::OutFull
            };
            step.net_terms_per_line = if long { NET_TERMS_PER_LINE } else { 0 };
            (step.layer, step.neuron) = (layer, neuron);
        }
        Located::TotalError => {}
        Located::Weight {
            layer,
            neuron,
            input,
        } => {
            step.kind = StepKind::UpdateLikewise;
            (step.layer, step.neuron, step.weight) = (layer, neuron, input);
        }
        Located::Bias { layer, index } => {
            step.kind = StepKind::BiasUpdate;
            (step.layer, step.neuron) = (layer, index);
        }
    }
    step
}

/// A file name for a student's pages: their name's letters, digits, `-` and `_` (others become `_`),
/// made unique with `-2`, `-3`, … (ignoring case, for file systems that do).
fn file_name(student: &str, taken: &mut HashSet<String>) -> String {
    let mut base: String = student
        .chars()
        .take(60)
        .map(|c| {
            if c.is_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if base.is_empty() || base.starts_with(['-', '.']) {
        base.insert_str(0, "student");
    }
    let mut name = base.clone();
    let mut n = 1;
    while !taken.insert(name.to_lowercase()) {
        n += 1;
        name = format!("{base}-{n}");
    }
    name
}
