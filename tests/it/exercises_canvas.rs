//! `handprop exercises --canvas`: the package, read back, is one quiz whose root section holds one
//! question group drawing one variant per student (pick 1, worth a point per asked quantity); each
//! variant is a fill-in-multiple-blanks question whose blanks, each named once in its text, accept the
//! key's text and only texts of numbers within half a unit of its last place; the worked solution is its
//! general feedback and its figure a file of the package. Hostile titles and templates, a set of one
//! variant, and the quiz's identifier (a digest of the set) are checked too.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::exercises_quizzes::{
    SHAPES, child, half_unit, key_answers, labels, set_with_quizzes, unescape,
};
use crate::support::packages::{all_text, by_name, holds_the_solution, unzip};
use crate::support::sets::{exercises, key};
use crate::support::write_built_in_templates;

/// A Canvas package's one quiz, parsed.
pub(crate) struct Quiz<'a> {
    /// Its identifier.
    pub id: String,
    xml: roxmltree::Document<'a>,
    meta: roxmltree::Document<'a>,
}

impl<'a> Quiz<'a> {
    /// The package's quiz, by the manifest, which must list exactly one.
    pub fn read(files: &'a BTreeMap<String, String>) -> Quiz<'a> {
        let manifest = roxmltree::Document::parse(&files["imsmanifest.xml"]).unwrap();
        let quizzes: Vec<_> = (manifest.descendants())
            .filter(|n| n.has_tag_name("resource") && n.attribute("type") == Some("imsqti_xmlv1p2"))
            .collect();
        assert_eq!(quizzes.len(), 1, "one quiz");
        let id = quizzes[0].attribute("identifier").unwrap().to_owned();
        let file = child(quizzes[0], "file").attribute("href").unwrap();
        assert_eq!(file, format!("{id}/{id}.xml"));
        let meta = &files[&format!("{id}/assessment_meta.xml")];
        Quiz {
            xml: roxmltree::Document::parse(&files[file]).unwrap(),
            meta: roxmltree::Document::parse(meta).unwrap(),
            id,
        }
    }

    pub fn assessment(&self) -> roxmltree::Node<'_, 'a> {
        let assessment = self.xml.root_element().first_element_child().unwrap();
        assert!(assessment.has_tag_name("assessment"));
        assessment
    }

    /// The question group: the root section's only child section, holding every question.
    pub fn group(&self) -> roxmltree::Node<'_, 'a> {
        let root = child(self.assessment(), "section");
        assert_eq!(root.attribute("ident"), Some("root_section"));
        let sections: Vec<_> = (root.children().filter(|n| n.is_element())).collect();
        assert_eq!(sections.len(), 1, "the root section holds one group");
        assert!(sections[0].has_tag_name("section"));
        sections[0]
    }

    /// The text of the settings' element `tag`.
    pub fn meta_text(&self, tag: &str) -> &str {
        let node = self.meta.descendants().find(|n| n.has_tag_name(tag));
        node.and_then(|n| n.text()).unwrap_or_default()
    }
}

/// The text of the first descendant `tag` of `node`.
fn text_of<'a>(node: roxmltree::Node<'a, '_>, tag: &str) -> &'a str {
    let found = node.descendants().find(|n| n.has_tag_name(tag)).unwrap();
    found.text().unwrap_or_default()
}

/// `text` (an accepted answer) read as a number, checked to be within half a unit of the last place
/// of `key` from its value.
#[track_caller]
fn within(text: &str, key: &str) {
    let (value, expected): (f64, f64) = (text.parse().unwrap(), key.parse().unwrap());
    let slack = half_unit(key) * (1.0 + 1e-9) + 1e-15 * expected.abs();
    assert!(
        (value - expected).abs() <= slack,
        "{text} is not within {} of {key}",
        half_unit(key)
    );
}

/// The mantissas half a unit of the last place below and above `mantissa` (`0.5933`: `0.59325` and
/// `0.59335`), written with one more place.
fn edges(mantissa: &str) -> [String; 2] {
    let places = mantissa.split_once('.').map_or(0, |(_, f)| f.len()) + 1;
    let units: i64 = format!("{}0", mantissa.replace('.', "")).parse().unwrap();
    [units - 5, units + 5].map(|n| {
        let digits = format!("{:0width$}", n.abs(), width = places + 1);
        let (whole, fraction) = digits.split_at(digits.len() - places);
        format!("{}{whole}.{fraction}", if n < 0 { "-" } else { "" })
    })
}

/// Checks that the Canvas package `canvas` of the set in `dir` asks every variant's key in one group;
/// the number of variants.
fn check_package(canvas: &Path, dir: &Path) -> usize {
    let files = by_name(&unzip(canvas));
    let (names, answers) = key_answers(dir);
    let manifest = roxmltree::Document::parse(&files["imsmanifest.xml"]).unwrap();
    let mut listed: Vec<&str> = (manifest.descendants())
        .filter(|n| n.has_tag_name("file"))
        .filter_map(|n| n.attribute("href"))
        .collect();
    listed.sort();
    let packaged: Vec<&str> = (files.keys().map(String::as_str))
        .filter(|name| !["imsmanifest.xml", "non_cc_assessments/.keep"].contains(name))
        .collect();
    assert_eq!(listed, packaged, "the manifest lists every file once");
    let quiz = Quiz::read(&files);
    assert_eq!(quiz.assessment().attribute("ident"), Some(quiz.id.as_str()));
    assert_eq!(
        quiz.meta.root_element().attribute("identifier"),
        Some(quiz.id.as_str())
    );
    assert_eq!(quiz.meta_text("available"), "false", "unpublished");
    let points = names.len().to_string();
    assert_eq!(quiz.meta_text("points_possible"), format!("{points}.0"));
    let group = quiz.group();
    assert_eq!(text_of(group, "selection_number"), "1");
    assert_eq!(text_of(group, "points_per_item"), points);
    let items: Vec<_> = (group.children().filter(|n| n.has_tag_name("item"))).collect();
    assert_eq!(items.len(), answers.len(), "a question per variant");
    let precision = key(dir)["precision"].as_u64().unwrap();
    for ((item, label), expected) in items.iter().zip(labels(answers.len())).zip(&answers) {
        assert!(all_text(*item).contains("fill_in_multiple_blanks_question"));
        assert!(item.attribute("title").unwrap().ends_with(&label));
        let html = text_of(*item, "mattext");
        let blanks: Vec<_> = (item.descendants())
            .filter(|n| n.has_tag_name("response_lid"))
            .collect();
        assert_eq!(blanks.len(), names.len(), "{label}: a blank per quantity");
        for (blank, answer) in blanks.iter().zip(expected) {
            let name = text_of(*blank, "mattext");
            let ident = blank.attribute("ident").unwrap();
            assert_eq!(ident, format!("response_{name}"));
            let field = format!("[{name}]");
            assert_eq!(html.matches(&field).count(), 1, "{label}: {field} once");
            let choices: Vec<(&str, &str)> = (blank.descendants())
                .filter(|n| n.has_tag_name("response_label"))
                .map(|n| (n.attribute("ident").unwrap(), text_of(n, "mattext")))
                .collect();
            let texts: Vec<&str> = choices.iter().map(|(_, text)| *text).collect();
            assert_eq!(texts[0], answer, "{label} {name}: the key first");
            let (mantissa, exponent) = answer.split_once('e').unwrap_or((answer, ""));
            let exponent = if exponent.is_empty() {
                String::new()
            } else {
                format!("e{exponent}")
            };
            let finer = format!("{mantissa}0{exponent}");
            assert!(texts.contains(&finer.as_str()), "{label}: {finer}");
            for edge in edges(mantissa) {
                let edge = format!("{edge}{exponent}");
                assert!(
                    texts.contains(&edge.as_str()),
                    "{label}: {edge} (inclusive)"
                );
            }
            for text in &texts {
                within(text, answer);
                assert_eq!(
                    texts.iter().filter(|t| *t == text).count(),
                    1,
                    "{text} once"
                );
            }
            let scored = (item.descendants())
                .filter(|n| n.has_tag_name("varequal") && n.attribute("respident") == Some(ident))
                .map(|n| n.text().unwrap())
                .collect::<Vec<_>>();
            let right = choices.iter().find(|(id, _)| [*id] == scored[..]);
            assert_eq!(right.map(|(_, text)| *text), Some(answer.as_str()));
        }
        let src = format!("<img src=\"%24IMS-CC-FILEBASE%24/images/{label}.svg\"");
        assert!(html.contains(&src), "{html}");
        let said = [
            format!("rounded to {precision} decimal places (one more is accepted too)"),
            format!("保留 {precision} 位小数（多保留一位也算对）"),
        ];
        assert!(said.iter().any(|s| html.contains(s.as_str())), "{html}");
        let svg = fs::read_to_string(dir.join(&label).join("network.svg")).unwrap();
        assert_eq!(files[&format!("images/{label}.svg")], svg);
        let feedback = (item
            .descendants()
            .filter(|n| n.has_tag_name("itemfeedback")))
        .collect::<Vec<_>>();
        assert_eq!(feedback.len(), 1);
        assert_eq!(feedback[0].attribute("ident"), Some("general_fb"));
        let sheet = fs::read_to_string(dir.join(&label).join("answer.md")).unwrap();
        let solution = unescape(&all_text(feedback[0]));
        holds_the_solution(&solution, &sheet);
        assert!(solution.contains(&src), "the solution shows the figure");
    }
    answers.len()
}

#[test]
fn canvas_is_one_quiz_drawing_a_variant_whose_blanks_accept_the_key_within_its_tolerance() {
    let scientific: &[&str] = &[
        "examples/2-3-3-1-relu.toml",
        "--count",
        "5",
        "--seed",
        "4",
        "--precision",
        "3",
        "--lang",
        "en",
    ];
    let one: &[&str] = &["--count", "1", "--seed", "9"];
    for args in SHAPES.iter().chain([&scientific, &one]) {
        let (temp, dir) = set_with_quizzes(args);
        let count = check_package(&temp.path().join("canvas.zip"), &dir);
        assert_eq!(count, key(&dir)["count"].as_u64().unwrap() as usize);
    }
    let (_temp, dir) = set_with_quizzes(scientific);
    let csv = fs::read_to_string(dir.join("key.csv")).unwrap();
    assert!(csv.contains("e-4"), "a key in scientific form: {csv}");
}

#[test]
fn the_canvas_quiz_is_named_by_a_digest_of_its_set() {
    let read = |seed: &str| {
        let (temp, _) = set_with_quizzes(&["--count", "3", "--seed", seed]);
        let files = by_name(&unzip(&temp.path().join("canvas.zip")));
        let quiz = Quiz::read(&files);
        let items: Vec<String> = (quiz.group().children())
            .filter_map(|n| n.attribute("ident").map(str::to_owned))
            .collect();
        (quiz.id.clone(), items)
    };
    let (a, b) = (read("1"), read("2"));
    assert_ne!(a.0, b.0);
    assert!(a.1.iter().all(|item| !b.1.contains(item)), "{a:?} {b:?}");
    assert_eq!(
        a,
        read("1"),
        "the same set, the same quiz (an import updates it)"
    );
}

#[test]
fn hostile_titles_and_templates_leave_each_blank_once_in_its_question() {
    let temp = tempfile::tempdir().unwrap();
    let title = "x]]> <b>&amp; \"q\" 'y' [q1] [q2] [[q3]] ]]>";
    let toml_title = toml::Value::String(title.to_owned()).to_string();
    let base = fs::read_to_string("examples/3-4-2.toml").unwrap();
    let network = temp.path().join("hostile.toml");
    fs::write(&network, base.replace("\"A 3-4-2 network\"", &toml_title)).unwrap();
    let templates = temp.path().join("tpl");
    write_built_in_templates(&templates);
    let note = templates.join("exercises/canvas.md");
    let mut text = fs::read_to_string(&note).unwrap();
    text.push_str("\nWrite [q1], [q2] and [qq1] ]]> <&> as you like.\n");
    fs::write(&note, text).unwrap();
    let (dir, canvas) = (temp.path().join("set"), temp.path().join("c.zip"));
    let args = [network.to_str().unwrap(), "--count", "2", "--lang", "en"];
    let mut all = args.to_vec();
    all.extend(["--templates", templates.to_str().unwrap()]);
    all.extend(["--canvas", canvas.to_str().unwrap()]);
    exercises(&dir, &all);
    assert_eq!(check_package(&canvas, &dir), 2);
    let files = by_name(&unzip(&canvas));
    let quiz = Quiz::read(&files);
    assert_eq!(quiz.assessment().attribute("title"), Some(title));
    assert_eq!(quiz.meta_text("title"), title);
    let group = quiz.group().attribute("title").unwrap();
    assert_eq!(group, format!("{title}: one variant per student"));
    for item in quiz.group().children().filter(|n| n.has_tag_name("item")) {
        let html = text_of(item, "mattext");
        let shown = "Write [q1], [q2] and [qq1] ]]> <&> as you like.";
        assert!(unescape(html).contains(shown), "{html}");
        let blank = item.descendants().find(|n| n.has_tag_name("response_lid"));
        assert_eq!(blank.map(|b| text_of(b, "mattext")), Some("qqq1"));
        assert_eq!(html.matches("[q1]").count(), 1, "the teacher's own");
    }
}
