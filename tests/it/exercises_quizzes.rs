//! `handprop exercises --qti/--canvas/--moodle`: each quiz, read back from its files, asks for exactly
//! the key's values with half a unit of their last place as tolerance (Canvas's, whose blanks compare
//! texts, is read in exercises_canvas), shows the variant's figure (a file of the package, referenced
//! from the question) and holds the variant's worked solution as feedback; the same seed makes
//! byte-identical packages; a run that fails changes none of them. The QTI items validate against the
//! IMS schema through xmllint (ignored: run by .ci/run).

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::packages::{
    all_text, by_name, holds_the_solution, holds_the_solution_as_mathml, maths, unzip,
};
use crate::support::sets::{exercises, handprop, key};

/// A set written with all three quizzes: (its temporary folder, the set's folder).
pub(crate) fn set_with_quizzes(args: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    let path = |name: &str| temp.path().join(name).to_str().unwrap().to_owned();
    let (qti, canvas, moodle) = (path("qti.zip"), path("canvas.zip"), path("quiz.xml"));
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--qti", &qti, "--canvas", &canvas, "--moodle", &moodle]);
    exercises(&dir, &all);
    (temp, dir)
}

/// The sets the tests read: several shapes, activations, precisions and bias updates, and the new
/// losses, softmax, weight decay and layers without a bias.
pub(crate) const SHAPES: [&[&str]; 7] = [
    &["--count", "4", "--seed", "3"],
    &[
        "examples/3-4-2.toml",
        "--count",
        "3",
        "--seed",
        "8",
        "--lang",
        "en",
    ],
    &[
        "examples/bias-updates.toml",
        "--count",
        "3",
        "--seed",
        "5",
        "--precision",
        "3",
    ],
    &[
        "examples/2-3-3-1-relu.toml",
        "--count",
        "3",
        "--seed",
        "2",
        "--lang",
        "en",
    ],
    &[
        "examples/softmax-3class.toml",
        "--count",
        "3",
        "--seed",
        "4",
    ],
    &[
        "examples/bce.toml",
        "--count",
        "3",
        "--seed",
        "6",
        "--lang",
        "en",
        "--carry-rounded",
    ],
    &["examples/decay-no-bias.toml", "--count", "3", "--seed", "7"],
];

/// The key's answers of every variant, each variant's in the key's order.
pub(crate) fn key_answers(dir: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let key = key(dir);
    let names: Vec<String> = (key["quantities"].as_array().unwrap().iter())
        .map(|n| n.as_str().unwrap().to_owned())
        .collect();
    let answers = (key["variants"].as_array().unwrap().iter())
        .map(|v| {
            (names.iter())
                .map(|n| v["answers"][n].as_str().unwrap().to_owned())
                .collect()
        })
        .collect();
    (names, answers)
}

/// Half a unit of the last place of a printed answer, worked out here on its own.
pub(crate) fn half_unit(text: &str) -> f64 {
    let (mantissa, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let places = mantissa.split_once('.').map_or(0, |(_, d)| d.len()) as i32;
    0.5 * 10f64.powi(exponent.parse::<i32>().unwrap() - places)
}

#[track_caller]
fn close(actual: &str, expected: f64) {
    let actual: f64 = actual.trim().parse().unwrap();
    assert!(
        (actual - expected).abs() <= 1e-9 * expected.abs().max(1e-9),
        "{actual} is not {expected}"
    );
}

/// HTML's text: what a browser shows for `html`'s escapes (the quizzes hold HTML as text).
pub(crate) fn unescape(html: &str) -> String {
    (html.replace("&lt;", "<").replace("&gt;", ">"))
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The child element `tag` of `parent`.
pub(crate) fn child<'a, 'input>(
    parent: roxmltree::Node<'a, 'input>,
    tag: &str,
) -> roxmltree::Node<'a, 'input> {
    parent.children().find(|n| n.has_tag_name(tag)).unwrap()
}

pub(crate) fn labels(count: usize) -> Vec<String> {
    (1..=count).map(|n| format!("{n:03}")).collect()
}

#[test]
fn qti_items_ask_for_the_key_show_the_figure_and_explain_the_solution() {
    for args in SHAPES {
        let (temp, dir) = set_with_quizzes(args);
        let files = by_name(&unzip(&temp.path().join("qti.zip")));
        let (names, answers) = key_answers(&dir);
        let manifest = roxmltree::Document::parse(&files["imsmanifest.xml"]).unwrap();
        let listed: Vec<&str> = (manifest.descendants())
            .filter(|n| n.has_tag_name("file"))
            .filter_map(|n| n.attribute("href"))
            .collect();
        let mut packaged: Vec<&str> = files.keys().map(String::as_str).collect();
        packaged.retain(|name| *name != "imsmanifest.xml");
        let mut sorted = listed.clone();
        sorted.sort();
        assert_eq!(sorted, packaged, "the manifest lists every file once");
        for (label, expected) in labels(answers.len()).iter().zip(&answers) {
            let xml = &files[&format!("items/{label}.xml")];
            let item = roxmltree::Document::parse(xml).unwrap();
            let values: Vec<&str> = (item.descendants())
                .filter(|n| n.has_tag_name("correctResponse"))
                .map(|n| n.descendants().find(|v| v.has_tag_name("value")).unwrap())
                .map(|v| v.text().unwrap())
                .collect();
            assert_eq!(values, *expected, "{label}");
            let declared = (item.descendants()).filter(|n| {
                n.has_tag_name("responseDeclaration") && n.attribute("baseType") == Some("float")
            });
            assert_eq!(declared.count(), names.len());
            let entries = (item.descendants()).filter(|n| n.has_tag_name("textEntryInteraction"));
            assert_eq!(entries.count(), names.len());
            let equals: Vec<_> = (item.descendants())
                .filter(|n| n.has_tag_name("equal"))
                .collect();
            for (equal, answer) in equals.iter().zip(expected) {
                assert_eq!(equal.attribute("toleranceMode"), Some("absolute"));
                let tolerance = equal.attribute("tolerance").unwrap();
                for bound in tolerance.split(' ') {
                    close(bound, half_unit(answer));
                }
            }
            assert_eq!(equals.len(), names.len());
            let image = item.descendants().find(|n| n.has_tag_name("img")).unwrap();
            assert_eq!(
                image.attribute("src"),
                Some(format!("{label}.svg").as_str())
            );
            let svg = fs::read_to_string(dir.join(label).join("network.svg")).unwrap();
            assert_eq!(files[&format!("items/{label}.svg")], svg);
            let feedback = (item.descendants())
                .find(|n| n.has_tag_name("modalFeedback"))
                .unwrap();
            assert_eq!(feedback.attribute("showHide"), Some("show"));
            let answer = fs::read_to_string(dir.join(label).join("answer.md")).unwrap();
            holds_the_solution_as_mathml(feedback, &answer);
            let shown = feedback.descendants().find(|n| n.has_tag_name("img"));
            let src = format!("{label}.svg");
            assert_eq!(shown.and_then(|n| n.attribute("src")), Some(src.as_str()));
            let numbers: Vec<&str> = (maths(feedback).iter())
                .flat_map(|m| m.descendants())
                .filter(|n| n.tag_name().name() == "mn")
                .filter_map(|n| n.text())
                .collect();
            for value in expected {
                let mantissa = value.split('e').next().unwrap().trim_start_matches('-');
                assert!(
                    numbers.contains(&mantissa),
                    "{label}: {value} in the solution"
                );
            }
            let body = item
                .descendants()
                .find(|n| n.has_tag_name("itemBody"))
                .unwrap();
            let fields = (body.descendants()).filter(|n| n.has_tag_name("li"));
            for field in fields.filter(|li| {
                li.children()
                    .any(|n| n.has_tag_name("textEntryInteraction"))
            }) {
                assert_eq!(maths(field).len(), 1, "each field's quantity in MathML");
            }
            assert!(
                !xml.contains("\\(") && !xml.contains("\\["),
                "no TeX left: {label}"
            );
        }
        let test = roxmltree::Document::parse(&files["test.xml"]).unwrap();
        let selection = test.descendants().find(|n| n.has_tag_name("selection"));
        assert_eq!(selection.and_then(|n| n.attribute("select")), Some("1"));
        let refs = (test.descendants()).filter(|n| n.has_tag_name("assessmentItemRef"));
        assert_eq!(refs.count(), answers.len());
    }
}

#[test]
fn moodle_questions_show_the_figure_and_give_the_solution_as_general_feedback() {
    use base64::Engine;
    for args in SHAPES {
        let (temp, dir) = set_with_quizzes(args);
        let xml = fs::read_to_string(temp.path().join("quiz.xml")).unwrap();
        let quiz = roxmltree::Document::parse(&xml).unwrap();
        let questions: Vec<_> = (quiz.descendants())
            .filter(|n| n.has_tag_name("question") && n.attribute("type") == Some("cloze"))
            .collect();
        let (_, answers) = key_answers(&dir);
        assert_eq!(questions.len(), answers.len());
        for (question, label) in questions.iter().zip(labels(answers.len())) {
            let text = child(*question, "questiontext");
            let html = child(text, "text").text().unwrap();
            assert!(
                html.contains("<img src=\"@@PLUGINFILE@@/network.svg\""),
                "{html}"
            );
            let file = child(text, "file");
            assert_eq!(file.attribute("name"), Some("network.svg"));
            assert_eq!(file.attribute("encoding"), Some("base64"));
            let svg = base64::engine::general_purpose::STANDARD
                .decode(file.text().unwrap())
                .unwrap();
            assert_eq!(svg, fs::read(dir.join(&label).join("network.svg")).unwrap());
            let general = child(*question, "generalfeedback");
            let feedback = child(general, "text").text().unwrap();
            let sheet = fs::read_to_string(dir.join(&label).join("answer.md")).unwrap();
            holds_the_solution(&unescape(feedback), &sheet);
            assert!(feedback.contains("<img src=\"@@PLUGINFILE@@/network.svg\""));
            let again = child(general, "file");
            assert_eq!(again.attribute("name"), Some("network.svg"));
            assert_eq!(
                again.text(),
                file.text(),
                "the figure embedded in the feedback too"
            );
        }
    }
}

#[test]
fn the_same_seed_makes_byte_identical_packages() {
    let args = ["examples/3-4-2.toml", "--count", "5", "--seed", "21"];
    let (a, _) = set_with_quizzes(&args);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (b, _) = set_with_quizzes(&args);
    for name in ["qti.zip", "canvas.zip", "quiz.xml"] {
        let read = |temp: &tempfile::TempDir| fs::read(temp.path().join(name)).unwrap();
        assert!(read(&a) == read(&b), "{name} differs");
    }
}

#[test]
fn a_run_that_fails_leaves_every_quiz_as_it_was() {
    let temp = tempfile::tempdir().unwrap();
    let old = |name: &str| {
        let path = temp.path().join(name);
        fs::write(&path, format!("the teacher's {name}")).unwrap();
        path
    };
    let (qti, moodle) = (old("qti.zip"), old("quiz.xml"));
    handprop()
        .args(["exercises", "--count", "2", "--seed", "1", "--out"])
        .arg(temp.path().join("set"))
        .arg("--qti")
        .arg(&qti)
        .arg("--moodle")
        .arg(&moodle)
        .arg("--canvas")
        .arg(temp.path().join("no such folder/canvas.zip"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no such folder"));
    assert_eq!(fs::read_to_string(&qti).unwrap(), "the teacher's qti.zip");
    assert_eq!(
        fs::read_to_string(&moodle).unwrap(),
        "the teacher's quiz.xml"
    );
    let left: Vec<_> = fs::read_dir(temp.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 2, "no temporary file and no set: {left:?}");
    handprop()
        .args(["exercises", "--count", "2", "--out"])
        .arg(temp.path().join("set"))
        .arg("--qti")
        .arg(&qti)
        .arg("--canvas")
        .arg(&qti)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("both name"));
}

/// The QTI 2.1 schema: `HANDPROP_QTI_SCHEMA`, else `shared/qti/` beside the clone (as in CI).
fn qti_schema() -> PathBuf {
    let path = std::env::var_os("HANDPROP_QTI_SCHEMA").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/qti/imsqti_v2p1p2.xsd"),
        PathBuf::from,
    );
    assert!(
        path.is_file(),
        "the QTI schema is not at {} (shared/qti beside the clone, or set HANDPROP_QTI_SCHEMA)",
        path.display()
    );
    path
}

#[test]
#[ignore = "needs xmllint (libxml2-utils) and the QTI schema in ../shared/qti; run by .ci/run"]
fn every_qti_item_and_the_test_validate_against_the_ims_schema() {
    let schema = qti_schema();
    for args in SHAPES {
        let (temp, _) = set_with_quizzes(args);
        let unpacked = temp.path().join("qti");
        let mut xml = Vec::new();
        for (name, bytes) in unzip(&temp.path().join("qti.zip")) {
            let path = unpacked.join(&name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap();
            if name.ends_with(".xml") && name != "imsmanifest.xml" {
                xml.push(path);
            }
        }
        let output = std::process::Command::new("xmllint")
            .arg("--noout")
            .arg("--schema")
            .arg(&schema)
            .args(&xml)
            .output()
            .expect("xmllint runs (Debian: libxml2-utils)");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{stderr}");
        let valid = stderr.lines().filter(|l| l.ends_with(" validates")).count();
        assert_eq!(valid, xml.len(), "{stderr}");
    }
}

#[test]
fn each_quiz_is_named_by_the_set_s_title_as_written() {
    let temp = tempfile::tempdir().unwrap();
    let title = "Week \"3\" <b> & 'x' /a/b 练习 🧠";
    let base = fs::read_to_string("examples/3-4-2.toml").unwrap();
    let toml_title = toml::Value::String(format!("  {title}\n ")).to_string();
    let base = base.replace("\"A 3-4-2 network\"", &toml_title);
    let network = temp.path().join("week 3.toml");
    fs::write(&network, base).unwrap();
    let (outside, dir) = set_with_quizzes(&[network.to_str().unwrap(), "--count", "2"]);
    let path = |name: &str| outside.path().join(name);
    let qti = by_name(&unzip(&path("qti.zip")));
    let test = roxmltree::Document::parse(&qti["test.xml"]).unwrap();
    assert_eq!(test.root_element().attribute("title"), Some(title));
    let canvas = by_name(&unzip(&path("canvas.zip")));
    let quiz = crate::exercises_canvas::Quiz::read(&canvas);
    assert_eq!(quiz.assessment().attribute("title"), Some(title));
    assert_eq!(quiz.meta_text("title"), title);
    let group = quiz.group().attribute("title").unwrap();
    assert!(group.starts_with(&format!("{title}: ")), "{group}");
    let moodle = fs::read_to_string(path("quiz.xml")).unwrap();
    let moodle = roxmltree::Document::parse(&moodle).unwrap();
    let category = moodle.descendants().find(|n| n.has_tag_name("category"));
    let expected = format!("$course$/{}", title.replace('/', "//"));
    assert_eq!(category.map(all_text), Some(expected));
    assert!(dir.join("001").join("answer.md").is_file());
}
