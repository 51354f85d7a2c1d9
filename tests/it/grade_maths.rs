//! `handprop grade` and the exercise pages' script for sets of issue 11's maths: every loss, a softmax
//! output, weight decay, layers without a bias and mini-batches, with and without --carry-rounded.
//!
//! Until the answer sheets of these maths are written, `handprop exercises` cannot make such a set, so
//! the tests lay one out as it does (`key.json`, `NNN/network.toml`), the key computed by the tests'
//! own step (tests/it/support/marking.rs), which is first checked against `handprop render -f json`.
//! Each kind of student (right, wrong, blank, partly blank, wrong early then consistent) must get the
//! verdicts the rules give on that independent recomputation; the browser test types the same answers
//! into a page that runs the pages' script (src/grade/check.js) and must get `grade`'s verdicts.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::marking::{self, Net, Student, responses, students};
use crate::support::sets::handprop;
use crate::support::webdriver::Browser;

/// Variants of every new kind of maths: (name, network file).
const VARIANTS: [(&str, &str); 6] = [
    (
        "softmax cross-entropy, tanh hidden layer",
        "learning_rate = 0.5\nloss = \"cross_entropy\"\ninputs = [0.35, 0.9]\ntargets = [0.0, 1.0, 0.0]\n\
         [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3], [0.4, 0.1]]\nbias = 0.35\nactivation = \"tanh\"\n\
         [[layers]]\nweights = [[0.4, 0.45, 0.1], [0.5, 0.55, 0.3], [0.2, 0.65, 0.8]]\nbias = [0.6, 0.1, 0.3]\nactivation = \"softmax\"\n",
    ),
    (
        "sigmoid cross-entropy",
        "learning_rate = 0.25\nloss = \"cross_entropy\"\nupdate_biases = true\ninputs = [0.05, 0.1]\ntargets = [0.73]\n\
         [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\nbias = 0.35\n\
         [[layers]]\nweights = [[0.4, 0.45]]\nbias = 0.6\n",
    ),
    (
        "XOR mini-batch, squared error, weight decay",
        "learning_rate = 0.5\nloss = \"squared_error\"\nweight_decay = 0.01\nupdate_biases = true\n\
         inputs = [[0.05, 0.05], [0.05, 0.95], [0.95, 0.05], [0.95, 0.95]]\ntargets = [[0.1], [0.9], [0.9], [0.1]]\n\
         [[layers]]\nweights = [[0.35, 0.6], [0.7, 0.15]]\nbias = [0.2, 0.45]\n\
         [[layers]]\nweights = [[0.55, 0.3]]\nbias = 0.25\n",
    ),
    (
        "mean squared error, no hidden bias, batch of two, decay",
        "learning_rate = 1.0\nloss = \"mean_squared_error\"\nweight_decay = 0.05\nupdate_biases = true\n\
         inputs = [[0.1, 0.8, 0.3], [0.6, 0.2, 0.9]]\ntargets = [[0.2, 0.7], [0.8, 0.35]]\n\
         [[layers]]\nweights = [[0.15, 0.2, 0.3], [0.25, 0.3, 0.05]]\n\
         [[layers]]\nweights = [[0.4, 0.45], [0.5, 0.55]]\nbias = 0.6\n",
    ),
    (
        "squared error, relu layers, no biases at all",
        "learning_rate = 0.1\nloss = \"squared_error\"\ninputs = [0.5, 0.9]\ntargets = [0.4, 0.75]\n\
         [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3], [0.6, 0.35]]\nactivation = \"relu\"\n\
         [[layers]]\nweights = [[0.4, 0.45, 0.1], [0.5, 0.55, 0.2]]\nactivation = \"relu\"\n\
         [[layers]]\nweights = [[0.3, 0.2], [0.7, 0.1]]\n",
    ),
    (
        "softmax batch of three, decay",
        "learning_rate = 0.5\nloss = \"cross_entropy\"\nweight_decay = 0.02\n\
         inputs = [[0.2, 0.7], [0.9, 0.1], [0.5, 0.5]]\ntargets = [[1, 0], [0, 1], [0, 1]]\n\
         [[layers]]\nweights = [[0.15, 0.8], [0.65, 0.3]]\nbias = 0.1\n\
         [[layers]]\nweights = [[0.4, 0.9], [0.7, 0.2]]\nbias = 0.3\nactivation = \"softmax\"\n",
    ),
];

/// Lays out a set of one variant, `file`, at 4 places as `handprop exercises` writes one, carried
/// rounded or not, its key from the tests' own step; returns the set, the network, the quantities'
/// names and the key.
fn set(dir: &Path, file: &str, carry: bool) -> (PathBuf, Net, Vec<String>, Vec<String>) {
    let set = dir.join(if carry { "carried" } else { "exact" });
    let folder = set.join("001");
    fs::create_dir_all(&folder).unwrap();
    let document = format!("\n[document]\nlang = \"en\"\nprecision = 4\ncarry_rounded = {carry}\n");
    fs::write(folder.join("network.toml"), format!("{file}{document}")).unwrap();
    let net = marking::parse(file);
    let values = marking::step(&net, carry.then_some(4), &Default::default());
    let keys: Vec<String> = values.iter().map(|&x| marking::text(x, 4)).collect();
    let names: Vec<String> = (marking::quantities(&net).into_iter())
        .map(|(name, _)| name)
        .collect();
    assert_eq!(names.len(), keys.len());
    let answers: serde_json::Map<String, serde_json::Value> = (names.iter().zip(&keys))
        .map(|(name, key)| (name.clone(), key.clone().into()))
        .collect();
    let key = serde_json::json!({
        "seed": 1, "count": 1, "precision": 4, "carry_rounded": carry, "base": "maths.toml",
        "quantities": names, "variants": [{"variant": 1, "seed": 1, "answers": answers}],
    });
    fs::write(set.join("key.json"), key.to_string()).unwrap();
    (set, net, names, keys)
}

/// Every number `handprop render -f json` computes for `file` (the first example's outs, E_total,
/// every updated weight and bias), in the key's order.
fn handprops_values(dir: &Path, file: &str) -> Vec<f64> {
    let path = dir.join("network.toml");
    fs::write(&path, file).unwrap();
    let output = handprop()
        .arg("render")
        .arg(&path)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trace: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let layers = trace["layers"].as_array().unwrap();
    let number = |v: &serde_json::Value| v.as_f64().unwrap();
    let list = |v: &serde_json::Value| v.as_array().unwrap().clone();
    let mut values: Vec<f64> = (layers.iter())
        .flat_map(|l| list(&l["neurons"]).into_iter().map(|n| number(&n["out"])))
        .collect();
    values.push(number(&trace["total_error"]));
    for l in layers {
        for n in list(&l["neurons"]) {
            values.extend(list(&n["weights"]).iter().map(|w| number(&w["updated"])));
        }
    }
    if trace["update_biases"].as_bool().unwrap() {
        for l in layers {
            values.extend(list(&l["biases"]).iter().map(|b| number(&b["updated"])));
        }
    }
    values
}

/// Runs `handprop grade` on the students' answers; the verdict cells of each student's row.
fn grade(set: &Path, names: &[String], all: &[Student]) -> Vec<Vec<String>> {
    let grades = marking::grade(set, &set.join("responses.csv"), names, all);
    (grades.rows.into_iter())
        .map(|row| row.into_iter().skip(4).collect())
        .collect()
}

#[test]
fn the_tests_step_is_handprops_step_exact_and_carried_rounded() {
    let dir = tempfile::tempdir().unwrap();
    for (name, file) in VARIANTS {
        let ours = marking::step(&marking::parse(file), None, &Default::default());
        let theirs = handprops_values(dir.path(), file);
        assert_eq!(ours.len(), theirs.len(), "{name}");
        for (q, (a, b)) in ours.iter().zip(&theirs).enumerate() {
            assert!(
                (a - b).abs() <= 1e-12 * b.abs().max(1e-3),
                "{name}: quantity {q}: {a} against handprop's {b}"
            );
        }
        // --carry-rounded: every printed intermediate rounded to 4 places before it is used, so the
        // answers are the same numbers, digit for digit.
        let carried = format!("{file}\n[document]\nprecision = 4\ncarry_rounded = true\n");
        let ours = marking::step(&marking::parse(file), Some(4), &Default::default());
        let theirs = handprops_values(dir.path(), &carried);
        let print = |xs: &[f64]| xs.iter().map(|&x| marking::text(x, 4)).collect::<Vec<_>>();
        assert_eq!(print(&ours), print(&theirs), "{name}, carried rounded");
    }
}

#[test]
fn grade_marks_every_loss_decay_bias_layout_and_batch_with_error_carried_forward() {
    let dir = tempfile::tempdir().unwrap();
    for (n, (name, file)) in VARIANTS.iter().enumerate() {
        for carry in [false, true] {
            let dir = dir.path().join(n.to_string());
            let (set, net, names, keys) = set(&dir, file, carry);
            let places = carry.then_some(4);
            let all = students(1, &keys, &net, places);
            let graded = grade(&set, &names, &all);
            for (student, verdicts) in all.iter().zip(&graded) {
                let expected = marking::verdicts(&net, places, &keys, &student.values);
                assert_eq!(
                    verdicts, &expected,
                    "{name}, carry {carry}: {}",
                    student.name
                );
            }
            // The student who slipped on the first out and went on from it loses that mark only.
            let early = &graded[4];
            assert_eq!(early[0], "wrong", "{name}");
            assert!(
                early[1..].iter().all(|v| v == "right" || v == "carried"),
                "{name}: {early:?}"
            );
            assert!(early.contains(&"carried".to_owned()), "{name}: {early:?}");
        }
    }
}

/// An exercise page as `handprop exercises -f html` lays out its answer form (src/exercise/check.rs),
/// with the script the pages carry: the data is the tests' own, from the network file.
fn page(net: &Net, names: &[String], keys: &[String], carry: bool) -> String {
    let data = marking::form_data(net, 4, carry, keys)
        .to_string()
        .replace('<', "\\u003c");
    let rows: String = (names.iter())
        .map(|n| {
            format!(
                "<li><label>{n} = <input data-quantity=\"{n}\"></label> <span data-verdict-of=\"{n}\"></span></li>\n\
                 <div data-worked-for=\"{n}\" hidden>{n}</div>\n"
            )
        })
        .collect();
    let script = include_str!("../../src/grade/check.js");
    format!(
        "<!DOCTYPE html><html><body>\n<form data-check-form hidden data-right=\"right\" data-carried=\"carried\" \
         data-wrong=\"wrong\" data-blank=\"blank\" data-not-number=\"nan\">\n\
         <script type=\"application/json\">{data}</script>\n<ol>\n{rows}</ol>\n\
         <button type=\"submit\" data-check>check</button>\n</form>\n<script>\n{script}</script>\n</body></html>\n"
    )
}

#[test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
fn the_pages_script_gives_every_answer_the_verdict_of_grade_for_every_new_maths() {
    let browser = Browser::start();
    let dir = tempfile::tempdir().unwrap();
    for (n, (name, file)) in VARIANTS.iter().enumerate() {
        for carry in [false, true] {
            let dir = dir.path().join(n.to_string());
            let (set, net, names, keys) = set(&dir, file, carry);
            let all = students(1, &keys, &net, carry.then_some(4));
            let graded = grade(&set, &names, &all);
            let html = set.join("page.html");
            fs::write(&html, page(&net, &names, &keys, carry)).unwrap();
            for (student, verdicts) in all.iter().zip(&graded) {
                browser.open(&format!("file://{}", html.display()));
                for (q, answer) in names.iter().zip(&student.answers) {
                    if !answer.is_empty() {
                        let input = browser.find(&format!("input[data-quantity=\"{q}\"]"));
                        browser.type_into(&input, answer);
                    }
                }
                browser.click(&browser.find("[data-check]"));
                let seen: Vec<String> = (names.iter())
                    .map(|q| {
                        let input = browser.find(&format!("input[data-quantity=\"{q}\"]"));
                        browser
                            .attribute(&input, "data-verdict")
                            .unwrap_or_default()
                    })
                    .collect();
                assert_eq!(&seen, verdicts, "{name}, carry {carry}: {}", student.name);
            }
        }
    }
}

#[test]
fn feedback_pages_of_a_batch_under_squared_error_with_decay_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let (name, file) = VARIANTS[2];
    let (set, net, names, keys) = set(dir.path(), file, false);
    let all = students(1, &keys, &net, None);
    let responses_file = set.join("responses.csv");
    responses(&responses_file, &names, &all);
    let grades = dir.path().join("grades.csv");
    let feedback = dir.path().join("feedback");
    let output = handprop()
        .arg("grade")
        .arg(&set)
        .arg(&responses_file)
        .arg("-o")
        .arg(&grades)
        .arg("--feedback")
        .arg(&feedback)
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{name}: {stderr}");
    assert!(grades.exists());
    let pages: Vec<String> = fs::read_dir(&feedback)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert!(!pages.is_empty(), "{name}: no feedback page");
    assert!(pages.iter().all(|p| p.contains("of 13.")), "{pages:?}");
    // a student with a wrong answer gets its worked step, from the batch's document (the first example's)
    let worked = pages.iter().find(|p| p.contains("It works out as follows"));
    assert!(
        worked.is_some_and(|p| p.contains("\\begin{aligned}")),
        "{pages:?}"
    );
}
