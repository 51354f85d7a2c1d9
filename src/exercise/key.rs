//! What an exercise asks and the answer key: the out of every neuron, the total error and every updated
//! weight, each printed as the answer sheet prints it, and the key files `key.csv` and `key.json`.

use std::io::Write;

use serde::Serialize;

use super::roster::Student;
use super::rules::Reason;
use crate::number::{Precision, half_unit_of};
use crate::step::Quantity;
use crate::trace::{BiasTrace, Trace};

/// One quantity an exercise asks for (the same for every variant of a set).
#[derive(Debug, Clone, Serialize)]
pub struct Asked {
    /// `out` (a neuron's output), `total_error` or `updated` (a weight after the step).
    pub kind: &'static str,
    /// The trace's symbol: the neuron (`h_1`) or the weight (`w_5`); empty for the total error.
    pub symbol: String,
    /// Its column in the key: `out_h1`, `E_total`, `w5+`.
    pub name: String,
}

/// A variant's answer to one asked quantity.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    /// As the answer sheet prints it, in plain text: `0.5933`, `4.386e-4`.
    pub text: String,
    /// Half a unit of its last place, the tolerance of a quiz.
    pub tolerance: String,
}

/// The asked quantities of a trace, in the order of [`Trace::asked`]: every neuron's out, layer by
/// layer, the total error, then every updated weight (and bias) in the order of their numbers.
pub fn asked(trace: &Trace) -> Vec<Asked> {
    let plain = |symbol: &str| symbol.replace(['_', '{', '}'], "");
    (trace.asked().into_iter())
        .map(|quantity| {
            let symbol = trace.symbol(quantity).unwrap_or_default().to_owned();
            let (kind, name) = match quantity {
                Quantity::Out { .. } => ("out", format!("out_{}", plain(&symbol))),
                Quantity::TotalError => ("total_error", "E_total".to_owned()),
                _ => ("updated", format!("{}+", plain(&symbol))),
            };
            Asked { kind, symbol, name }
        })
        .collect()
}

/// The biases a step updates: every bias of the network when it updates them, else none.
pub fn updated_biases(trace: &Trace) -> impl Iterator<Item = &BiasTrace> {
    (trace.layers.iter())
        .filter(|_| trace.update_biases)
        .flat_map(|l| &l.biases)
}

/// The numbers of [`asked`], in its order.
pub fn values(trace: &Trace) -> Vec<f64> {
    (trace.asked().into_iter())
        .map(|quantity| trace.value(quantity).expect("a step has what it asks"))
        .collect()
}

/// The answers of a trace, printed at `precision`, in the order of [`asked`].
pub fn answers(trace: &Trace, precision: Precision) -> Vec<Answer> {
    values(trace)
        .into_iter()
        .map(|x| {
            let text = precision.plain(x);
            let tolerance = half_unit_of(&text);
            Answer { text, tolerance }
        })
        .collect()
}

/// The interval a quiz accepts for an answer printed as `text` (`0.5933`, `-4.386e-4`): its value
/// less and more half a unit of its last place (`0.59325`, `0.59335`), worked out on the digits so that
/// no binary rounding creeps in. None for a text that is not a decimal number.
pub fn bounds(text: &str) -> Option<(String, String)> {
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, format!("e{e}")),
        None => (text, String::new()),
    };
    let decimals = mantissa.split_once('.').map_or(0, |(_, d)| d.len());
    let digits: i128 = mantissa.replace('.', "").parse().ok()?;
    let (low, high) = (digits.checked_mul(10)? - 5, digits.checked_mul(10)? + 5);
    let print = |n: i128| {
        let sign = if n < 0 { "-" } else { "" };
        let width = decimals + 2;
        let padded = format!("{:0width$}", n.unsigned_abs());
        let (whole, fraction) = padded.split_at(padded.len() - decimals - 1);
        format!("{sign}{whole}.{fraction}{exponent}")
    };
    Some((print(low), print(high)))
}

/// Why draws were turned down; the key reports it. The counts are in the order of [`Reason::ALL`].
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Rejections {
    /// A neuron that saturates: a sigmoid's out below 0.02 or above 0.98, a tanh's beyond ±0.96, a
    /// ReLU that is off.
    pub saturated: u64,
    /// A gradient, or a weight's change, that reads 0 at the set's precision.
    pub change_reads_zero: u64,
    /// Two answers that print the same.
    pub answers_coincide: u64,
    /// The same numbers as a variant drawn before.
    pub duplicate: u64,
}

impl Rejections {
    /// The count of draws turned down for `reason`.
    pub fn of(&mut self, reason: Reason) -> &mut u64 {
        match reason {
            Reason::Saturated => &mut self.saturated,
            Reason::ChangeReadsZero => &mut self.change_reads_zero,
            Reason::AnswersCoincide => &mut self.answers_coincide,
            Reason::Duplicate => &mut self.duplicate,
        }
    }

    /// How many draws were turned down in all.
    pub fn total(&self) -> u64 {
        self.saturated + self.change_reads_zero + self.answers_coincide + self.duplicate
    }
}

/// What the key says about the whole set.
#[derive(Debug, Clone, Serialize)]
pub struct SetFacts {
    /// The seed that makes the set again.
    pub seed: u64,
    /// How many variants.
    pub count: usize,
    /// Decimal places.
    pub precision: u8,
    /// Whether every intermediate was rounded before use.
    pub carry_rounded: bool,
    /// The base network's file.
    pub base: String,
    /// The maths beyond the seed's that every variant keeps (absent for the seed's).
    #[serde(flatten)]
    pub maths: Maths,
}

/// What a set's variants keep of their base network beyond the seed's maths: the key names it so that a
/// teacher (and a marking tool) reads what was asked without opening a network file.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Maths {
    /// The loss, when it is not half_squared_error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub loss: Option<crate::loss::Loss>,
    /// How many examples a batch has, when it has more than one: the outs asked are the first
    /// example's, E_total and the updated weights the batch's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub examples: Option<usize>,
    /// λ, with weight decay.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight_decay: Option<f64>,
}

impl Maths {
    /// The maths of a set whose variants are shaped as `sample`.
    pub fn of(sample: &Trace) -> Maths {
        Maths {
            loss: (sample.loss != crate::loss::Loss::HalfSquaredError).then_some(sample.loss),
            examples: (!sample.examples.is_empty()).then_some(sample.examples.len()),
            weight_decay: sample.weight_decay.as_ref().map(|d| d.lambda),
        }
    }
}

/// `key.csv`: a header, then one row per variant: its number, the seed, every answer and, in a set
/// made from a roster (`roster`), the student's id and name.
pub fn csv_header(asked: &[Asked], roster: bool, out: &mut impl Write) -> std::io::Result<()> {
    let names: Vec<&str> = asked.iter().map(|a| a.name.as_str()).collect();
    let students = if roster {
        ",student_id,student_name"
    } else {
        ""
    };
    writeln!(out, "variant,seed,{}{students}", names.join(","))
}

/// One row of `key.csv`, with its `student` in a set made from a roster.
pub fn csv_row(
    number: usize,
    seed: u64,
    (answers, student): (&[Answer], Option<&Student>),
    out: &mut impl Write,
) -> std::io::Result<()> {
    let texts: Vec<&str> = answers.iter().map(|a| a.text.as_str()).collect();
    write!(out, "{number},{seed},{}", texts.join(","))?;
    if let Some(student) = student {
        let mut fields = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        fields.write_record([&student.id, &student.name])?;
        let fields = fields.into_inner().map_err(|e| e.into_error())?;
        out.write_all(b",")?;
        return out.write_all(&fields);
    }
    writeln!(out)
}

/// The start of `key.json`: the set's facts, the quantities, and the opening of the variants' list.
pub fn json_start(facts: &SetFacts, asked: &[Asked], out: &mut impl Write) -> std::io::Result<()> {
    let facts = serde_json::to_string_pretty(facts).expect("facts serialise");
    let names: Vec<&str> = asked.iter().map(|a| a.name.as_str()).collect();
    let names = serde_json::to_string(&names).expect("names serialise");
    let head = facts.trim_end_matches('}').trim_end();
    write!(
        out,
        "{head},\n  \"quantities\": {names},\n  \"variants\": ["
    )
}

/// One variant of `key.json`, with its `student` in a set made from a roster; `first` for the first.
pub fn json_row(
    (number, seed): (usize, u64),
    (asked, answers): (&[Asked], &[Answer]),
    student: Option<&Student>,
    first: bool,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let fields: Vec<String> = (asked.iter().zip(answers))
        .map(|(q, a)| format!("{}: {}", json_text(&q.name), json_text(&a.text)))
        .collect();
    let comma = if first { "" } else { "," };
    let student = student.map_or(String::new(), |s| {
        format!(
            " \"student_id\": {}, \"student_name\": {},",
            json_text(&s.id),
            json_text(&s.name)
        )
    });
    write!(
        out,
        "{comma}\n    {{\"variant\": {number}, \"seed\": {seed},{student} \"answers\": {{{}}}}}",
        fields.join(", ")
    )
}

/// The end of `key.json`: how many draws it took and why the others were turned down.
pub fn json_end(
    rejections: &Rejections,
    count: usize,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let because = serde_json::to_string(rejections).expect("counts serialise");
    let (rejected, draws) = (rejections.total(), rejections.total() + count as u64);
    write!(
        out,
        "\n  ],\n  \"draws\": {draws},\n  \"rejected\": {rejected},\n  \"rejected_because\": {because}\n}}\n"
    )
}

fn json_text(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec;

    #[test]
    fn the_seed_asks_four_outs_the_total_error_and_eight_weights() {
        let trace = Trace::new(&spec::seed());
        let names: Vec<String> = asked(&trace).into_iter().map(|a| a.name).collect();
        let expected = [
            "out_h1", "out_h2", "out_o1", "out_o2", "E_total", "w1+", "w2+", "w3+", "w4+", "w5+",
            "w6+", "w7+", "w8+",
        ];
        assert_eq!(names, expected);
        let texts: Vec<String> = answers(&trace, Precision::Places(4))
            .into_iter()
            .map(|a| a.text)
            .collect();
        let seed = [
            "0.5933", "0.5969", "0.7514", "0.7729", "0.2984", "0.1498", "0.1996", "0.2498",
            "0.2995", "0.3589", "0.4087", "0.5113", "0.5614",
        ];
        assert_eq!(texts, seed);
    }

    #[test]
    fn bounds_are_half_a_unit_either_side_on_the_digits() {
        let case = |text: &str, low: &str, high: &str| {
            assert_eq!(bounds(text), Some((low.into(), high.into())), "{text}");
        };
        case("0.5933", "0.59325", "0.59335");
        case("0.5930", "0.59295", "0.59305");
        case("-0.5933", "-0.59335", "-0.59325");
        case("4.386e-4", "4.3855e-4", "4.3865e-4");
        case("0.0001", "0.00005", "0.00015");
        case("12.00", "11.995", "12.005");
        assert_eq!(bounds("x"), None);
    }

    #[test]
    fn two_digit_weights_have_plain_names() {
        let network = spec::load(std::path::Path::new("examples/3-4-2.toml")).unwrap();
        let asked = asked(&Trace::new(&network.network));
        assert_eq!(asked.len(), 6 + 1 + 20);
        assert_eq!(asked[3].name, "out_h4");
        assert_eq!(asked[26].name, "w20+");
        assert_eq!(asked[26].symbol, "w_{20}");
    }

    #[test]
    fn the_json_key_is_json() {
        let trace = Trace::new(&spec::seed());
        let (asked, answers) = (asked(&trace), answers(&trace, Precision::Places(4)));
        let facts = SetFacts {
            seed: 1,
            count: 2,
            precision: 4,
            carry_rounded: false,
            base: "a \"quoted\" name".into(),
            maths: Maths::default(),
        };
        let mut json = Vec::new();
        json_start(&facts, &asked, &mut json).unwrap();
        let zoe = Student {
            id: "s\"1".into(),
            name: "Zoë <Z> & Co".into(),
        };
        json_row((1, 1), (&asked, &answers), None, true, &mut json).unwrap();
        json_row((2, 1), (&asked, &answers), Some(&zoe), false, &mut json).unwrap();
        let rejections = Rejections {
            saturated: 3,
            duplicate: 1,
            ..Rejections::default()
        };
        json_end(&rejections, 2, &mut json).unwrap();
        let key: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(key["base"], "a \"quoted\" name");
        assert_eq!(key["variants"][1]["answers"]["w5+"], "0.3589");
        assert_eq!(key["variants"][1]["student_name"], "Zoë <Z> & Co");
        assert_eq!(key["variants"][1]["student_id"], "s\"1");
        assert!(key["variants"][0].get("student_id").is_none());
        assert_eq!(key["draws"], 6);
        assert_eq!(key["rejected"], 4);
        assert_eq!(key["rejected_because"]["saturated"], 3);
        assert!(key.get("loss").is_none() && key.get("examples").is_none());
    }

    #[test]
    fn the_key_names_the_maths_beyond_the_seeds() {
        let network = spec::parse(
            "learning_rate = 0.5\nloss = \"squared_error\"\nweight_decay = 0.01\n\
             inputs = [[0.1, 0.2], [0.3, 0.4]]\ntargets = [[0.5], [0.6]]\n\
             [[layers]]\nweights = [[0.15, 0.2]]\nbias = 0.35\n\
             [[layers]]\nweights = [[0.4]]\nbias = 0.6\n",
            "b.toml",
        )
        .unwrap()
        .network;
        let facts = SetFacts {
            seed: 1,
            count: 2,
            precision: 4,
            carry_rounded: true,
            base: "b.toml".into(),
            maths: Maths::of(&Trace::new(&network)),
        };
        let mut json = Vec::new();
        json_start(&facts, &[], &mut json).unwrap();
        json_end(&Rejections::default(), 2, &mut json).unwrap();
        let key: serde_json::Value = serde_json::from_slice(&json).unwrap();
        assert_eq!(key["loss"], "squared_error");
        assert_eq!(key["examples"], 2);
        assert_eq!(key["weight_decay"], 0.01);
    }
}
