//! The sheets of one variant: its network file, question sheet, answer sheet and quiz question, each
//! through the templates. The question and answer sheets are [`Skeleton`]s made once per set, and the
//! variant's label (`007`), its network figure (a file's name, or the SVG itself) and, in a set made
//! from a roster, its student's name and id go into their [`Hole`]s: places of the filled text, not
//! characters in it.

use std::sync::OnceLock;

use serde::Serialize;

use super::key::{Answer, Asked};
use super::roster::Student;
use crate::error::Result;
use crate::lesson::Lesson;
use crate::lms::canvas::Words;
use crate::loss::Loss;
use crate::network::Bias;
use crate::render::skeleton::{Filled, Hole, Marks, Skeleton};
use crate::render::templates::Renderer;
use crate::render::templates::escape_markdown;
use crate::render::{self, Figures, Options};
use crate::trace::Trace;

/// What the question templates see of a sheet's student: the holes of their name and id.
#[derive(Serialize, Clone)]
pub(super) struct StudentMarks {
    pub name: String,
    pub id: String,
}

/// Puts `student`'s name or id (each escaped by `escape` for the text's format) in `hole` when it is
/// one of theirs, returning whether it was.
pub(super) fn put_student(
    hole: Hole,
    student: Option<&Student>,
    escape: impl Fn(&str) -> String,
    text: &mut String,
) -> bool {
    match (hole, student) {
        (Hole::StudentName, Some(student)) => text.push_str(&escape(&student.name)),
        (Hole::StudentId, Some(student)) => text.push_str(&escape(&student.id)),
        (Hole::StudentName | Hole::StudentId, None) => {}
        _ => return false,
    }
    true
}

/// What the question templates see.
#[derive(Serialize)]
pub(super) struct Question<'a> {
    pub trace: &'a Trace,
    pub asked: &'a [Asked],
    pub places: u8,
    pub carry_rounded: bool,
    pub label: String,
    pub figures: Figures,
    /// The student's name and id, on the sheets of a set made from a roster.
    pub student: Option<StudentMarks>,
}

impl<'a> Question<'a> {
    /// The question of `trace`, asking `asked`, at the precision and rounding of `options` (a set's
    /// precision is a number of places, see [`super::check_precision`]); its label and its figure
    /// (inline for a web page, else a file's name) are holes of `marks` for the caller to fill.
    pub fn new(
        trace: &'a Trace,
        asked: &'a [Asked],
        options: &Options,
        inline: bool,
        marks: Marks,
    ) -> Self {
        Question {
            trace,
            asked,
            places: options.precision.places().unwrap_or_default(),
            carry_rounded: options.carry_rounded,
            label: marks.hole(Hole::Label),
            figures: Figures::marked(inline, marks),
            student: None,
        }
    }

    /// The same question, with the holes of the student's name and id on it when `roster`.
    pub fn for_student(self, roster: bool, marks: Marks) -> Self {
        let student = roster.then(|| StudentMarks {
            name: marks.hole(Hole::StudentName),
            id: marks.hole(Hole::StudentId),
        });
        Question { student, ..self }
    }
}

/// What the Moodle template sees: the question's data and the answers.
#[derive(Serialize)]
struct Quiz<'a> {
    #[serde(flatten)]
    question: Question<'a>,
    answers: &'a [Answer],
}

/// The holes of `count` answers (text and tolerance), for drawing a quiz's skeleton.
fn answer_marks(count: usize, marks: Marks) -> Vec<Answer> {
    (0..count)
        .map(|n| Answer {
            text: marks.hole(Hole::AnswerText(n)),
            tolerance: marks.hole(Hole::AnswerTolerance(n)),
        })
        .collect()
}

/// The prepared templates of one set.
pub struct Sheets {
    options: Options,
    asked: Vec<Asked>,
    question: Skeleton,
    answer: Skeleton,
    /// The Moodle question, its answers holes (see [`answer_marks`]).
    quiz: Skeleton,
    answers: Vec<Answer>,
    /// A quiz's question without its blanks (QTI, Canvas).
    stem: Skeleton,
    /// The TeX of each asked quantity.
    symbols: Vec<String>,
    heading: Filled,
    title: Filled,
    inline: bool,
    roster: bool,
    /// The worked solution with its network figure (for the quizzes), drawn when first asked for.
    solution: OnceLock<Skeleton>,
}

impl Sheets {
    /// Prepares the sheets for traces shaped as `sample`, asking `asked`; with `inline`, the question
    /// sets its figure as SVG (a web page), else it links to the figure's file; with `roster`, each
    /// question sheet bears its student's name and id.
    pub fn new(
        sample: &Trace,
        asked: Vec<Asked>,
        options: &Options,
        (inline, roster): (bool, bool),
    ) -> Result<Sheets> {
        let direct = Renderer::new(options)?;
        let placeholders = Renderer::with_placeholders(options)?;
        let question = |marks| {
            Question::new(sample, &asked, options, inline, marks).for_student(roster, marks)
        };
        let label = |marks: Marks| serde_json::json!({ "label": marks.hole(Hole::Label) });
        let answers = [Marks::FIRST, Marks::SECOND].map(|marks| answer_marks(asked.len(), marks));
        let quiz = |marks: Marks| Quiz {
            question: Question::new(sample, &asked, options, inline, marks),
            answers: &answers[usize::from(marks == Marks::SECOND)],
        };
        let quiz = Skeleton::new(
            &placeholders,
            &direct,
            "moodle/cloze.tera",
            quiz,
            render::tidy,
        )?;
        let question = Skeleton::new(
            &placeholders,
            &direct,
            "exercises/question.md",
            question,
            render::tidy,
        )?;
        let stem_data = |marks| Question::new(sample, &asked, options, false, marks);
        let stem = Skeleton::new(
            &placeholders,
            &direct,
            "exercises/stem.md",
            stem_data,
            render::tidy,
        )?;
        let symbols: Vec<String> = direct
            .render("exercises/symbols.txt", &stem_data(Marks::FIRST))?
            .lines()
            .filter(|line| !line.trim().is_empty())
            .map(str::to_owned)
            .collect();
        let [answers, _] = answers;
        Ok(Sheets {
            quiz,
            answers,
            stem,
            symbols,
            answer: render::markdown_skeleton(&placeholders, &direct, sample)?,
            heading: Filled::drawn(&direct, "exercises/heading.md", label, render::tidy)?,
            title: Filled::drawn(&direct, "exercises/title.txt", label, |title| {
                title.trim().to_owned()
            })?,
            question,
            options: *options,
            asked,
            inline,
            roster,
            solution: OnceLock::new(),
        })
    }

    /// The asked quantities, in the key's order.
    pub fn asked(&self) -> &[Asked] {
        &self.asked
    }

    /// The question sheet of a variant, its network figure given by `figure`: the figure file's
    /// relative path or, for sheets made `inline`, the SVG.
    pub fn question(
        &self,
        trace: &Trace,
        label: &str,
        student: Option<&Student>,
        figure: &str,
    ) -> Result<String> {
        let question = self.question_marked(trace)?;
        Ok(place_figure(&question, label, student, figure))
    }

    /// The question sheet of a variant with holes for its label, its student and its figure (see
    /// [`place_figure`]), to place several figures in one rendering.
    pub fn question_marked(&self, trace: &Trace) -> Result<Filled> {
        let data = self
            .question_data(trace)
            .for_student(self.roster, Marks::FIRST);
        self.question.fill(&data)
    }

    /// The worked solution of a variant: what `handprop render` prints for its network file.
    pub fn answer(&self, trace: &Trace) -> Result<String> {
        render::fill_markdown(&self.answer, trace, &self.options)
    }

    /// A variant's worked solution as [`Sheets::answer`] writes it, but with a hole
    /// ([`Hole::Network`]) where its network figure goes, for a quiz whose package holds the figure.
    pub fn solution(&self, trace: &Trace) -> Result<Filled> {
        let skeleton = match self.solution.get() {
            Some(skeleton) => skeleton,
            None => {
                let placeholders = Renderer::with_placeholders(&self.options)?;
                let direct = Renderer::new(&self.options)?;
                let figures = Figures::network_marked;
                let skeleton =
                    render::markdown_skeleton_with(&placeholders, &direct, trace, figures)?;
                self.solution.get_or_init(|| skeleton)
            }
        };
        render::fill_markdown_marked(skeleton, trace, &self.options)
    }

    /// A variant's worked solution as a part of the combined `answers.md`: under its heading, its own
    /// headings one level down.
    pub fn answer_part(&self, answer: &str, label: &str) -> String {
        let mut part = self.heading.labelled(label);
        part.reserve(answer.len() + 64);
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
        self.title.labelled(label)
    }

    /// A variant's Moodle cloze question, as HTML, its network figure at `figure`.
    pub fn quiz(&self, trace: &Trace, answers: &[Answer], figure: &str) -> Result<String> {
        let quiz = Quiz {
            question: self.question_data(trace),
            answers: &self.answers,
        };
        Ok(self.quiz.fill(&quiz)?.place(|hole, text| {
            let answer = |n: usize| answers.get(n);
            match hole {
                Hole::AnswerText(n) => text.push_str(answer(n).map_or("", |a| &a.text)),
                Hole::AnswerTolerance(n) => text.push_str(answer(n).map_or("", |a| &a.tolerance)),
                Hole::Network => text.push_str(figure),
                _ => {}
            }
        }))
    }

    /// A variant's question for a quiz without its blanks, as Markdown, a hole where its network figure
    /// goes ([`Hole::Network`]).
    pub fn stem(&self, trace: &Trace) -> Result<Filled> {
        let stem = Question::new(trace, &self.asked, &self.options, false, Marks::FIRST);
        self.stem.fill(&stem)
    }

    /// The words of a Canvas quiz of variants shaped as `trace` (`exercises/canvas.md`,
    /// `exercises/canvas_group.txt`); a set asks once.
    pub fn canvas_words(&self, trace: &Trace) -> Result<Words> {
        let direct = Renderer::new(&self.options)?;
        let data = self.question_data(trace);
        Ok(Words {
            note: direct
                .render("exercises/canvas.md", &data)?
                .trim()
                .to_owned(),
            group: (direct.render("exercises/canvas_group.txt", &data)?.trim()).to_owned(),
        })
    }

    /// The TeX of each asked quantity, in the key's order.
    pub fn symbols(&self) -> &[String] {
        &self.symbols
    }

    fn question_data<'a>(&'a self, trace: &'a Trace) -> Question<'a> {
        Question::new(trace, &self.asked, &self.options, self.inline, Marks::FIRST)
    }
}

/// A Markdown question sheet with its `label`, its `student`'s name and id (when the set has a
/// roster) and its network `figure` in their holes.
pub fn place_figure(
    question: &Filled,
    label: &str,
    student: Option<&Student>,
    figure: &str,
) -> String {
    question.place(|hole, text| {
        if put_student(hole, student, escape_markdown, text) {
            return;
        }
        match hole {
            Hole::Label => text.push_str(label),
            Hole::Network => text.push_str(figure),
            _ => {}
        }
    })
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

    /// The question sheet of `toml` in `lang` at 4 places.
    fn question(toml: &str, lang: crate::render::Lang) -> String {
        let lesson = spec::parse(toml, "q.toml").unwrap();
        let trace = Trace::new(&lesson.network);
        let options = Options {
            lang,
            precision: crate::number::Precision::Places(4),
            ..Options::default()
        };
        let asked = super::super::key::asked(&trace);
        let sheets = Sheets::new(&trace, asked, &options, (false, false)).unwrap();
        sheets.question(&trace, "001", None, "network.svg").unwrap()
    }

    const XOR_DECAY: &str = "learning_rate = 0.5\nloss = \"squared_error\"\nweight_decay = 0.01\n\
        inputs = [[0.05, 0.05], [0.05, 0.95], [0.95, 0.05], [0.95, 0.95]]\n\
        targets = [[0.1], [0.9], [0.9], [0.1]]\n\
        [[layers]]\nweights = [[0.35, 0.6], [0.7, 0.15]]\nbias = 0.2\n\
        [[layers]]\nweights = [[0.55, 0.3]]\nbias = 0.4\n";

    const SOFTMAX: &str = "learning_rate = 0.5\nloss = \"cross_entropy\"\ninputs = [0.5, 0.5]\n\
        targets = [0, 1]\n[[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\nbias = 0.35\n\
        [[layers]]\nweights = [[0.4, 0.45], [0.5, 0.55]]\nbias = 0.6\nactivation = \"softmax\"\n";

    #[test]
    fn a_question_says_which_loss_how_many_examples_and_the_decay() {
        use crate::render::Lang::{En, Zh};
        let en = question(XOR_DECAY, En);
        for part in [
            r"the squared error $E = \sum (\text{target} - \text{out})^2$ of each example, averaged over the mini-batch of 4 examples",
            r"E_{\text{total}} = \frac{1}{4} \sum E + \frac{\lambda}{2} \sum w^2",
            r"with weight decay $\lambda = 0.0100$ on the weights (the biases are not updated)",
            "(the biases are not updated)",
            r"$(0.0500, 0.9500) \to (0.9000)$",
            "The mini-batch has 4 examples",
            "forward pass of the first example, the total error $E_{\\text{total}}$ of the batch",
        ] {
            assert!(en.contains(part), "{part}\n{en}");
        }
        assert!(!en.contains("The inputs are"), "{en}");
        let zh = question(XOR_DECAY, Zh);
        for part in [
            "平方误差",
            "对 4 个样本的小批量取平均",
            r"权重衰减 $\lambda = 0.0100$",
            "（偏差不更新）",
            "第一个样本的每个神经元的输出",
            "小批量有 4 个样本",
        ] {
            assert!(zh.contains(part), "{part}\n{zh}");
        }
        let en = question(SOFTMAX, En);
        assert!(
            en.contains(r"the cross-entropy $E_{\text{total}} = -\sum \text{target} \cdot \ln \text{out}$ of the softmax outputs (the biases are not updated)"),
            "{en}"
        );
        assert!(en.contains("The inputs are"), "{en}");
        let bce = SOFTMAX
            .replace("targets = [0, 1]", "targets = [0.3, 0.8]")
            .replace("activation = \"softmax\"\n", "");
        assert!(question(&bce, Zh).contains("sigmoid 输出的交叉熵"));
        let mse = SOFTMAX
            .replace("cross_entropy", "mean_squared_error")
            .replace("activation = \"softmax\"\n", "");
        assert!(question(&mse, En).contains(r"the mean squared error $E_{\text{total}} = \frac{1}{n} \sum (\text{target} - \text{out})^2$ over the $n = 2$ outputs"));
    }
}
