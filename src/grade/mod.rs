//! `handprop grade`: marking students' answers to a set with error carried forward.
//!
//! Each answer is `right` (within half a unit of the key's last place), `carried` (not right, but
//! within one unit of the last place of the value recomputed from the student's own answers: the step
//! computed with their answered values given in place of computed ones, rounded as the set was), `wrong`
//! or `blank` ([`verdict`]). The recomputation is the one computation of a step ([`recompute`]).

pub mod feedback;
pub mod number;
pub mod quantity;
pub mod recompute;
pub mod responses;
pub mod set;
pub mod verdict;

use std::collections::HashMap;
use std::io::Write;

use crate::error::{Error, Result};
use crate::render::Lang;
use crate::step::Quantity;
use recompute::Variant;
pub use responses::{Response, Responses};
pub use set::Set;
pub use verdict::Verdict;

/// One student's marks.
#[derive(Debug, Clone)]
pub struct Graded {
    /// A verdict per asked quantity, in the order of [`Responses::asked`].
    pub verdicts: Vec<Verdict>,
    /// Right answers count 1, carried ones the credit.
    pub score: f64,
}

impl Graded {
    /// The first asked quantity (its position in [`Responses::asked`]) whose answer is wrong.
    pub fn first_wrong(&self) -> Option<usize> {
        self.verdicts.iter().position(|&v| v == Verdict::Wrong)
    }
}

/// The networks of the variants the students have, read once each.
pub struct Networks<'s> {
    set: &'s Set,
    read: HashMap<usize, (Variant, Lang)>,
}

impl<'s> Networks<'s> {
    /// None read yet.
    pub fn new(set: &'s Set) -> Networks<'s> {
        Networks {
            set,
            read: HashMap::new(),
        }
    }

    /// Variant `number`'s network and language.
    pub fn get(&mut self, number: usize) -> Result<&(Variant, Lang)> {
        if !self.read.contains_key(&number) {
            let (network, lang) = self.set.network(number)?;
            let variant =
                Variant::new(network, recompute::rounding(self.set)).ok_or_else(|| {
                    Error::Usage(format!(
                        "{}: variant {number}'s step overflows; write the set again",
                        self.set.dir.display()
                    ))
                })?;
            self.read.insert(number, (variant, lang));
        }
        Ok(&self.read[&number])
    }
}

/// Marks one student: `credit` is what a carried answer counts.
pub fn grade(
    set: &Set,
    asked: &[usize],
    response: &Response,
    variant: &Variant,
    credit: f64,
) -> Graded {
    let key = &set.keys[response.variant - 1];
    let mut given: Vec<Option<f64>> = vec![None; set.quantities.len()];
    for (&q, answer) in asked.iter().zip(&response.answers) {
        given[q] = answer.value;
    }
    let rounding = recompute::rounding(set);
    // Only outs feed later quantities: every other one is recomputed by one step with the student's
    // outs given, shared by all of them; an out, by a step with their other outs given.
    let outs: Vec<Option<f64>> = (given.iter().zip(&variant.quantities))
        .map(|(&value, quantity)| value.filter(|_| matches!(quantity, Quantity::Out { .. })))
        .collect();
    let mut from_outs: Option<Option<crate::trace::Trace>> = None;
    let mut verdicts = Vec::with_capacity(asked.len());
    let mut score = 0.0;
    for (&q, answer) in asked.iter().zip(&response.answers) {
        let verdict = match answer.value {
            None => Verdict::Blank,
            Some(value) if verdict::is_right(value, &key[q]) => Verdict::Right,
            Some(value) => {
                let again = match variant.quantities[q] {
                    Quantity::Out { .. } => recompute::value(variant, rounding, &outs, q),
                    quantity => (from_outs.get_or_insert_with(|| {
                        recompute::trace(variant, rounding, &outs, usize::MAX)
                    }))
                    .as_ref()
                    .and_then(|trace| trace.value(quantity))
                    .unwrap_or(f64::NAN),
                };
                match verdict::is_carried(value, again, set.precision) {
                    true => Verdict::Carried,
                    false => Verdict::Wrong,
                }
            }
        };
        score += match verdict {
            Verdict::Right => 1.0,
            Verdict::Carried => credit,
            Verdict::Wrong | Verdict::Blank => 0.0,
        };
        verdicts.push(verdict);
    }
    Graded { verdicts, score }
}

/// Marks every student.
pub fn grade_all(set: &Set, responses: &Responses, credit: f64) -> Result<Vec<Graded>> {
    let mut networks = Networks::new(set);
    let mut grades = Vec::with_capacity(responses.rows.len());
    for response in &responses.rows {
        let (variant, _) = networks.get(response.variant)?;
        grades.push(grade(set, &responses.asked, response, variant, credit));
    }
    Ok(grades)
}

/// `GRADES.csv`: `student,variant,score,max,` then a verdict per asked quantity.
pub fn write_csv(
    set: &Set,
    responses: &Responses,
    grades: &[Graded],
    out: impl Write,
) -> std::result::Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    let names = responses.asked.iter().map(|&q| set.quantities[q].as_str());
    let header = ["student", "variant", "score", "max"]
        .into_iter()
        .chain(names);
    writer.write_record(header)?;
    let max = responses.asked.len().to_string();
    for (response, graded) in responses.rows.iter().zip(grades) {
        let fixed = [
            inert_cell(&response.student),
            response.variant.to_string(),
            score_text(graded.score),
            max.clone(),
        ];
        let words = graded.verdicts.iter().map(|v| v.word().to_owned());
        writer.write_record(fixed.into_iter().chain(words))?;
    }
    writer.flush()?;
    Ok(())
}

/// The characters that make a spreadsheet read a cell as a formula (OWASP, "CSV Injection"): = + - @,
/// a tab and a carriage return, and their full-width forms.
const FORMULA_STARTS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

/// `text` as a cell that no spreadsheet reads as a formula (OWASP's CSV injection advice): a `'` before
/// it when it starts with a character of [`FORMULA_STARTS`], and before every such character that
/// follows a `;`, `,` or a tab inside it (a spreadsheet that splits cells at those would start a cell
/// there). The csv writer then quotes it as it needs.
pub fn inert_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len() + 2);
    let mut starts_a_cell = true;
    for c in text.chars() {
        if starts_a_cell && FORMULA_STARTS.contains(&c) {
            cell.push('\'');
        }
        starts_a_cell = matches!(c, ';' | ',' | '\t');
        cell.push(c);
    }
    cell
}

/// A score as a short decimal: `12`, `10.5`, `7.3` (not `7.300000000000001`).
fn score_text(score: f64) -> String {
    let text = format!("{score:.6}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}
