//! `handprop grade`: every verdict against an independent recomputation (tests/it/support/marking.rs)
//! for sets of several shapes and activations, with and without --carry-rounded; the grades file, the
//! feedback pages, and bad input.

use crate::support::marking::{self, responses, students};
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
    responses(&file, &quantities, &all);
    let output = handprop()
        .arg("grade")
        .arg(&set)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let grades = String::from_utf8(output.stdout).unwrap();
    let mut lines = grades.lines();
    assert_eq!(
        lines.next().unwrap(),
        format!("student,variant,score,max,{}", quantities.join(","))
    );
    for ((student, expected), line) in all.iter().zip(&expected).zip(lines) {
        let cells: Vec<&str> = line.split(',').collect();
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
