//! The sheets of one variant: its network file, question sheet, answer sheet and quiz question, each
//! through the templates. The question and answer sheets are [`Skeleton`]s made once per set, and the
//! variant's label (`007`) goes into the text where the templates put a placeholder, and its network
//! figure (a file's name, or the SVG itself) where they put another.

use serde::Serialize;

use super::key::{Answer, Asked};
use crate::error::Result;
use crate::lesson::Lesson;
use crate::loss::Loss;
use crate::network::Bias;
use crate::render::skeleton::Skeleton;
use crate::render::templates::Renderer;
use crate::render::{self, Figures, NETWORK_MARK, Options};
use crate::trace::Trace;

/// Stands for the variant's label in rendered text.
pub(super) const LABEL: &str = "\u{E002}";

/// What the question templates see.
#[derive(Serialize)]
pub(super) struct Question<'a> {
    pub trace: &'a Trace,
    pub asked: &'a [Asked],
    pub places: u8,
    pub carry_rounded: bool,
    pub label: &'a str,
    pub figures: Figures,
}

impl<'a> Question<'a> {
    /// The question of `trace`, asking `asked`, at the precision and rounding of `options` (a set's
    /// precision is a number of places, see [`super::check_precision`]); its figure inline (a web page)
    /// or marked for the caller to place.
    pub fn new(trace: &'a Trace, asked: &'a [Asked], options: &Options, inline: bool) -> Self {
        Question {
            trace,
            asked,
            places: options.precision.places().unwrap_or_default(),
            carry_rounded: options.carry_rounded,
            label: LABEL,
            figures: Figures::marked(inline),
        }
    }
}

/// What the Moodle template sees: the question's data and the answers.
#[derive(Serialize)]
struct Quiz<'a> {
    #[serde(flatten)]
    question: Question<'a>,
    answers: &'a [Answer],
}

/// Stand for the text (`t`) and the tolerance (`o`) of answer n in a quiz's skeleton: `\u{E003}3t\u{E004}`.
const ANSWER_OPEN: char = '\u{E003}';
const ANSWER_CLOSE: char = '\u{E004}';

/// The stand-ins of `count` answers, for drawing a quiz's skeleton.
fn answer_marks(count: usize) -> Vec<Answer> {
    let mark = |n: usize, part: char| format!("{ANSWER_OPEN}{n}{part}{ANSWER_CLOSE}");
    (0..count)
        .map(|n| Answer {
            text: mark(n, 't'),
            tolerance: mark(n, 'o'),
        })
        .collect()
}

/// `text` with each answer's stand-in replaced by that answer's text or tolerance.
fn put_answers(text: &str, answers: &[Answer]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(ANSWER_OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + ANSWER_OPEN.len_utf8()..];
        let end = after.find(ANSWER_CLOSE).unwrap_or(after.len());
        let (number, part) = after[..end].split_at(end.saturating_sub(1));
        let answer = number.parse::<usize>().ok().and_then(|n| answers.get(n));
        match (answer, part) {
            (Some(answer), "t") => out.push_str(&answer.text),
            (Some(answer), _) => out.push_str(&answer.tolerance),
            (None, _) => {}
        }
        rest = after.get(end + ANSWER_CLOSE.len_utf8()..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The prepared templates of one set.
pub struct Sheets {
    options: Options,
    asked: Vec<Asked>,
    question: Skeleton,
    answer: Skeleton,
    /// The Moodle question, its answers stood in for by [`answer_marks`].
    quiz: Skeleton,
    marks: Vec<Answer>,
    heading: String,
    title: String,
    inline: bool,
}

impl Sheets {
    /// Prepares the sheets for traces shaped as `sample`, asking `asked`; with `inline`, the question
    /// sets its figure as SVG (a web page), else it links to the figure's file.
    pub fn new(
        sample: &Trace,
        asked: Vec<Asked>,
        options: &Options,
        inline: bool,
    ) -> Result<Sheets> {
        let direct = Renderer::new(options)?;
        let placeholders = Renderer::with_placeholders(options)?;
        let question = Question::new(sample, &asked, options, inline);
        let label = serde_json::json!({ "label": LABEL });
        let marks = answer_marks(asked.len());
        let quiz = Quiz {
            question: Question::new(sample, &asked, options, inline),
            answers: &marks,
        };
        let quiz = Skeleton::new(
            &placeholders,
            &direct,
            "moodle/cloze.tera",
            &quiz,
            render::tidy,
        )?;
        let question = Skeleton::new(
            &placeholders,
            &direct,
            "exercises/question.md",
            &question,
            render::tidy,
        )?;
        Ok(Sheets {
            quiz,
            marks,
            answer: render::markdown_skeleton(&placeholders, &direct, sample)?,
            heading: render::tidy(&direct.render("exercises/heading.md", &label)?),
            title: direct
                .render("exercises/title.txt", &label)?
                .trim()
                .to_owned(),
            question,
            options: *options,
            asked,
            inline,
        })
    }

    /// The asked quantities, in the key's order.
    pub fn asked(&self) -> &[Asked] {
        &self.asked
    }

    /// The question sheet of a variant, its network figure given by `figure`: the figure file's
    /// relative path or, for sheets made `inline`, the SVG.
    pub fn question(&self, trace: &Trace, label: &str, figure: &str) -> Result<String> {
        Ok(place_figure(&self.question_marked(trace, label)?, figure))
    }

    /// The question sheet of a variant with [`NETWORK_MARK`] where its figure goes (see
    /// [`place_figure`]), to place several figures in one rendering.
    pub fn question_marked(&self, trace: &Trace, label: &str) -> Result<String> {
        let text = self.question.fill(&self.question_data(trace))?;
        Ok(text.replace(LABEL, label))
    }

    /// The worked solution of a variant: what `handprop render` prints for its network file.
    pub fn answer(&self, trace: &Trace) -> Result<String> {
        render::fill_markdown(&self.answer, trace, &self.options)
    }

    /// A variant's worked solution as a part of the combined `answers.md`: under its heading, its own
    /// headings one level down.
    pub fn answer_part(&self, answer: &str, label: &str) -> String {
        let mut part = self.heading.replace(LABEL, label);
        part.push('\n');
        for line in answer.lines() {
            if line.starts_with('#') {
                part.push('#');
            }
            part.push_str(line);
            part.push('\n');
        }
        part
    }

    /// The name of a variant, such as `Exercise 007`.
    pub fn title(&self, label: &str) -> String {
        self.title.replace(LABEL, label)
    }

    /// A variant's Moodle cloze question, as HTML.
    pub fn quiz(&self, trace: &Trace, answers: &[Answer]) -> Result<String> {
        let quiz = Quiz {
            question: self.question_data(trace),
            answers: &self.marks,
        };
        Ok(put_answers(&self.quiz.fill(&quiz)?, answers))
    }

    fn question_data<'a>(&'a self, trace: &'a Trace) -> Question<'a> {
        Question::new(trace, &self.asked, &self.options, self.inline)
    }
}

/// `text` with `figure` in place of the network figure's mark.
pub fn place_figure(text: &str, figure: &str) -> String {
    text.replace(NETWORK_MARK, figure)
}

/// The network file of a variant, which `handprop render` reads back to the same numbers and, through
/// its `[document]` table (`defaults`: the set's language, precision and rounding), to the same answer
/// sheet.
pub fn network_file(lesson: &Lesson) -> String {
    let (network, defaults) = (&lesson.network, &lesson.document);
    let number = |x: f64| {
        let text = format!("{x}");
        if text.contains(['.', 'e', 'i', 'N']) {
            text
        } else {
            text + ".0"
        }
    };
    let list = |xs: &[f64]| {
        let items: Vec<String> = xs.iter().map(|&x| number(x)).collect();
        format!("[{}]", items.join(", "))
    };
    let mut file = String::new();
    let texts = [
        ("title", &lesson.title),
        ("author", &lesson.author),
        ("date", &lesson.date),
    ];
    for (field, text) in texts {
        if let Some(text) = text {
            file += &format!("{field} = {}\n", toml::Value::String(text.clone()));
        }
    }
    if network.update_biases {
        file += "update_biases = true\n";
    }
    file += &format!("learning_rate = {}\n", number(network.learning_rate));
    if network.loss != Loss::HalfSquaredError {
        file += &format!("loss = \"{}\"\n", network.loss.name());
    }
    if let Some(lambda) = network.weight_decay {
        file += &format!("weight_decay = {}\n", number(lambda));
    }
    let rows = |rows: &[Vec<f64>]| match rows {
        [one] => list(one),
        _ => format!(
            "[{}]",
            rows.iter().map(|r| list(r)).collect::<Vec<_>>().join(", ")
        ),
    };
    file += &format!("inputs = {}\n", rows(&network.inputs));
    file += &format!("targets = {}\n", rows(&network.targets));
    for layer in &network.layers {
        let rows: Vec<String> = layer.weights.iter().map(|row| list(row)).collect();
        file += &format!("\n[[layers]]\nweights = [{}]\n", rows.join(", "));
        file += &match &layer.bias {
            Bias::None => String::new(),
            Bias::Shared(b) => format!("bias = {}\n", number(*b)),
            Bias::PerNeuron(bs) => format!("bias = {}\n", list(bs)),
        };
        let activation = serde_json::to_string(&layer.activation).expect("a name serialises");
        file += &format!("activation = {activation}\n");
    }
    file + &defaults.to_toml()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exercise::draw::Drawer;
    use crate::spec;

    #[test]
    fn answers_take_the_places_of_their_stand_ins() {
        let marks = answer_marks(12);
        let answers: Vec<Answer> = (0..12)
            .map(|n| Answer {
                text: format!("0.{n}"),
                tolerance: format!("0.0{n}5"),
            })
            .collect();
        let text = format!(
            "a={}:{} b={}:{}.",
            marks[0].text, marks[0].tolerance, marks[11].text, marks[11].tolerance
        );
        assert_eq!(put_answers(&text, &answers), "a=0.0:0.005 b=0.11:0.0115.");
        assert_eq!(put_answers("no answers", &answers), "no answers");
        let cut = format!("cut {ANSWER_OPEN}3t");
        assert_eq!(
            put_answers(&cut, &answers),
            "cut 0.3",
            "an unclosed stand-in does not panic"
        );
    }

    #[test]
    fn a_network_file_reads_back_as_the_same_network() {
        let mut wide = spec::load(std::path::Path::new("examples/3-4-2.toml")).unwrap();
        wide.title = Some("a \"title\" with \\ and\nlines".into());
        wide.author = Some("Ann & 'Bo'".into());
        wide.date = Some("2026-11-27".into());
        wide.network.update_biases = true;
        wide.document = spec::Defaults {
            lang: Some(crate::render::Lang::En),
            precision: Some(crate::number::Precision::Places(3)),
            carry_rounded: true,
        };
        for base in [spec::seed_lesson(), wide] {
            let mut drawer = Drawer::new(&base.network, 3);
            for _ in 0..50 {
                let lesson = Lesson {
                    network: drawer.next_draw().network,
                    source: "variant.toml".into(),
                    ..base.clone()
                };
                let file = network_file(&lesson);
                assert_eq!(
                    spec::parse(&file, "variant.toml").unwrap(),
                    lesson,
                    "{file}"
                );
            }
        }
        let mut one = spec::seed_lesson();
        one.network.learning_rate = 1.0;
        assert!(network_file(&one).contains("learning_rate = 1.0\n"));
    }
}
