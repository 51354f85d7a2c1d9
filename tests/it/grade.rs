//! `handprop grade`: every verdict against an independent recomputation (tests/it/support/marking.rs)
//! for sets of several shapes and activations, with and without --carry-rounded; the grades file, the
//! feedback pages, and bad input.

use crate::support::marking::{self, students};
use crate::support::sets::{exercises, handprop, key};

/// Grades every kind of student of a set of `base` and checks each verdict.
#[track_caller]
fn case(base: &str, carry_rounded: bool) {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    let mut args = vec![
        base,
        "--count",
        "3",
        "--seed",
        "11",
        "--precision",
        "4",
        "--lang",
        "en",
    ];
    if carry_rounded {
        args.push("--carry-rounded");
    }
    exercises(&set, &args);
    let key = key(&set);
    let quantities: Vec<String> = serde_json::from_value(key["quantities"].clone()).unwrap();
    let carry = carry_rounded.then_some(4);
    let mut all = Vec::new();
    let mut expected = Vec::new();
    for variant in 1..=3 {
        let net = marking::load(&set.join(format!("{variant:03}/network.toml")));
        let keys: Vec<String> = (quantities.iter())
            .map(|q| {
                key["variants"][variant - 1]["answers"][q]
                    .as_str()
                    .unwrap()
                    .to_owned()
            })
            .collect();
        for student in students(variant, &keys, &net, carry) {
            expected.push(marking::verdicts(&net, carry, &keys, &student.values));
            all.push(student);
        }
    }
    let file = dir.path().join("responses.csv");
    let grades = marking::grade(&set, &file, &quantities, &all);
    assert_eq!(
        grades.header,
        format!("student,variant,score,max,{}", quantities.join(","))
    );
    for ((student, expected), row) in all.iter().zip(&expected).zip(&grades.rows) {
        let (line, cells) = (
            row.join(","),
            row.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert_eq!(cells[0], student.name);
        assert_eq!(
            &cells[4..],
            &expected[..],
            "{base} carry {carry_rounded}: {}",
            student.name
        );
        let score = expected
            .iter()
            .filter(|&&v| v == "right" || v == "carried")
            .count();
        assert_eq!(cells[2], score.to_string());
        assert_eq!(cells[3], quantities.len().to_string());
        let kind = student.name.split(' ').next().unwrap();
        let only = |verdict: &str| cells[4..].iter().all(|&v| v == verdict);
        match kind {
            "right" => assert!(only("right"), "{line}"),
            "wrong" => assert!(only("wrong"), "{line}"),
            "blank" => assert!(only("blank"), "{line}"),
            "partly" => (4..cells.len()).for_each(|c| {
                assert_eq!(
                    cells[c],
                    if (c - 4) % 2 == 0 { "right" } else { "blank" },
                    "{line}"
                )
            }),
            _ => {
                assert_eq!(cells[4], "wrong", "{line}");
                assert!(
                    cells[5..].iter().all(|&v| v == "right" || v == "carried"),
                    "{line}"
                );
                assert!(cells[5..].contains(&"carried"), "{line}");
            }
        }
    }
}

#[test]
fn the_seeds_network() {
    case("examples/mazur.toml", false);
    case("examples/mazur.toml", true);
}

#[test]
fn tanh_and_three_outputs() {
    case("examples/2-3-2-tanh.toml", false);
    case("examples/2-3-2-tanh.toml", true);
}

#[test]
fn two_hidden_relu_layers() {
    case("examples/2-3-3-1-relu.toml", false);
    case("examples/2-3-3-1-relu.toml", true);
}

#[test]
fn updated_biases_and_more_inputs() {
    case("examples/bias-updates.toml", true);
    case("examples/3-4-2.toml", false);
}

/// A set of the seed's network (3 variants, English) in `dir/set`.
fn seed_set(dir: &std::path::Path) -> std::path::PathBuf {
    let set = dir.join("set");
    exercises(
        &set,
        &[
            "--count",
            "3",
            "--seed",
            "11",
            "--precision",
            "4",
            "--lang",
            "en",
        ],
    );
    set
}

#[track_caller]
fn refused(set: &std::path::Path, csv: &str, expected: &[&str]) {
    let file = set.parent().unwrap().join("responses.csv");
    std::fs::write(&file, csv).unwrap();
    let output = handprop()
        .arg("grade")
        .arg(set)
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{csv}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{stderr} lacks {part}");
    }
    assert!(output.stdout.is_empty());
}

#[test]
fn bad_input_is_one_line_naming_the_file_row_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let set = seed_set(dir.path());
    let head = "student,variant,out_h1,E_total\n";
    refused(
        &set,
        &format!("{head}ann,4,0.5,\n"),
        &[
            "responses.csv row 2, column 2",
            "`4` is not a variant",
            "1 to 3",
        ],
    );
    refused(
        &set,
        &format!("{head}ann,x,0.5,\n"),
        &["row 2, column 2", "`x`"],
    );
    refused(
        &set,
        "student,variant,out_h1,w9+\nann,1,0.5,\n",
        &[
            "row 1, column 4",
            "`w9+` is not a quantity",
            "out_h1, out_h2",
        ],
    );
    refused(
        &set,
        "student,variant,out_h1,out_h1\nann,1,0.5,0.5\n",
        &["row 1, column 4", "second column"],
    );
    refused(
        &set,
        &format!("{head}ann,1,0.5,\nbob,2,zero,\n"),
        &["row 3, column 3", "(out_h1) `zero` is not a number"],
    );
    refused(
        &set,
        &format!("{head}ann,1,0.5,\nbob,2,,\nann,3,,\n"),
        &["row 4, column 1", "\"ann\" a second time"],
    );
    refused(
        &set,
        &format!("{head}ann,1,\"1,2.5\",\n"),
        &["row 2, column 3", "not a number"],
    );
    refused(
        &set,
        &format!("{head}ann,1,0.5\n"),
        &["responses.csv row 2", "3 cells", "header has 4"],
    );
    refused(
        &set,
        "name,variant\n",
        &["row 1, column 1", "student,variant"],
    );
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    refused(&empty, head, &["has no readable key.json", "--out"]);
    let output = handprop()
        .args(["grade"])
        .arg(&set)
        .arg(dir.path().join("responses.csv"))
        .args(["--carried-credit", "1.5"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn carried_credit_and_feedback_pages_in_the_students_language() {
    let dir = tempfile::tempdir().unwrap();
    let set = seed_set(dir.path());
    let key = key(&set);
    let answers = &key["variants"][0]["answers"];
    let k = |q: &str| answers[q].as_str().unwrap().to_owned();
    // out_h1 wrong (0.6000); out_o1 computed from it is carried; E_total right; w5+ wrong.
    let net = marking::load(&set.join("001/network.toml"));
    let from_own = marking::step(
        &net,
        None,
        &std::collections::HashMap::from([((0, 0), 0.6)]),
    );
    let out_o1 = marking::text(from_own[2], 4);
    let csv = format!(
        "student,variant,out_h1,out_h2,out_o1,E_total,w5+\n\"Wang <b>芳</b>\",1,0.6000,{},{out_o1},{},0.1\n",
        k("out_h2"),
        k("E_total")
    );
    let file = dir.path().join("responses.csv");
    std::fs::write(&file, csv).unwrap();
    let (grades, feedback) = (dir.path().join("grades.csv"), dir.path().join("feedback"));
    handprop()
        .arg("grade")
        .arg(&set)
        .arg(&file)
        .arg("-o")
        .arg(&grades)
        .arg("--feedback")
        .arg(&feedback)
        .args(["--carried-credit", "0.5"])
        .assert()
        .success();
    let grades = std::fs::read_to_string(&grades).unwrap();
    assert_eq!(
        grades,
        "student,variant,score,max,out_h1,out_h2,out_o1,E_total,w5+\nWang <b>芳</b>,1,2.5,5,wrong,right,carried,right,wrong\n"
    );
    let markdown = std::fs::read_to_string(feedback.join("Wang__b_芳__b_.md")).unwrap();
    assert!(
        markdown.starts_with("# Feedback for Wang \\<b\\>芳\\</b\\>: exercise 001\n"),
        "{markdown}"
    );
    assert!(markdown.contains("| $\\text{out}_{o_1}$ | "), "{markdown}");
    assert!(
        markdown.contains(&format!("| {out_o1} | {} | ↪ carried |", k("out_o1"))),
        "{markdown}"
    );
    assert!(
        markdown
            .contains("Your first wrong answer is $\\text{out}_{h_1}$. It works out as follows:")
    );
    let html = std::fs::read_to_string(feedback.join("Wang__b_芳__b_.html")).unwrap();
    assert!(
        html.contains("<html lang=\"en\">")
            && html.contains("&lt;b&gt;芳&lt;/b&gt;")
            && !html.contains("<b>芳")
    );
    assert!(!html.contains("<merror"));
}
