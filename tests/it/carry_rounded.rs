//! `--carry-rounded`: every line of an answer sheet, recomputed from the numbers printed on the line
//! before it, gives the number printed to the last place, and every number an equation brings in is
//! one the sheet printed above it. The test reads the TeX of each equation back into arithmetic, so it
//! checks what a student with a calculator would check.

use std::fs;
use std::path::Path;

use crate::support::arithmetic;

use arithmetic::{Node, follows, parse};

/// The steps of every aligned equation of a document: the right sides, in order.
fn equations(document: &str) -> Vec<Vec<String>> {
    document
        .split("\\begin{aligned}\n")
        .skip(1)
        .map(|rest| {
            let body = rest.split("\n\\end{aligned}").next().unwrap();
            // Continuation lines (a long product or sum broken across lines) join their line.
            let body = body
                .replace(" \\\\\n&\\qquad \\times ", " \\times ")
                .replace(" \\\\\n&\\quad \\times ", " \\times ")
                .replace(" \\\\\n&\\quad + ", " + ");
            let first = body.split_once("&= ").unwrap().1;
            first.split(" \\\\\n&= ").map(str::to_owned).collect()
        })
        .collect()
}

/// Checks every pair of numeric steps of a document; how many numbers, and the failures.
fn check(document: &str) -> (usize, Vec<String>) {
    let (mut checked, mut failures) = (0, Vec::new());
    for (e, steps) in equations(document).iter().enumerate() {
        let parsed: Vec<Option<Node>> = steps.iter().map(|s| parse(s)).collect();
        for pair in parsed.windows(2) {
            if let [Some(before), Some(after)] = pair {
                match follows(before, after) {
                    Ok(n) => checked += n,
                    Err(problem) => failures.push(format!("equation {}: {problem}", e + 1)),
                }
            }
        }
    }
    (checked, failures)
}

/// The numbers written in a step, as printed.
fn numbers(node: &Node, into: &mut Vec<String>) {
    match node {
        Node::Number(text, _) => into.push(text.clone()),
        Node::Negative(inner) | Node::Sigmoid(inner) | Node::Square(inner) => numbers(inner, into),
        Node::Sum(terms) => terms.iter().for_each(|(_, t)| numbers(t, into)),
        Node::Product(factors) => factors.iter().for_each(|f| numbers(f, into)),
    }
}

/// The numbers an equation brings in from elsewhere (those of its first numeric step) that the
/// document has not printed before it: neither among the given numbers (in the text before the first
/// equation) nor in an earlier equation. Constants of the formulas (1, 2, ½) are not brought in.
fn brought_in_unseen(document: &str) -> (usize, Vec<String>) {
    let given = document.split("\\begin{aligned}").next().unwrap();
    let mut seen: std::collections::HashSet<String> = given
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect();
    seen.extend(["1", "2", "\\frac{1}{2}"].map(str::to_owned));
    let (mut brought, mut unseen) = (0, Vec::new());
    for steps in equations(document) {
        let parsed: Vec<Node> = steps.iter().filter_map(|s| parse(s)).collect();
        let mut first = Vec::new();
        if let Some(node) = parsed.first() {
            numbers(node, &mut first);
        }
        brought += first.len();
        unseen.extend(first.into_iter().filter(|n| !seen.contains(n)));
        for node in &parsed {
            let mut all = Vec::new();
            numbers(node, &mut all);
            seen.extend(all);
        }
    }
    (brought, unseen)
}

fn set(dir: &Path, carry: bool) {
    let mut command = crate::support::handprop();
    command
        .args([
            "exercises",
            "--count",
            "40",
            "--seed",
            "31",
            "--lang",
            "en",
            "--out",
        ])
        .arg(dir);
    if carry {
        command.arg("--carry-rounded");
    }
    command.assert().success();
}

#[test]
fn every_line_follows_from_the_printed_numbers_above_it() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("carried");
    set(&dir, true);
    for n in 1..=40 {
        let answer = fs::read_to_string(dir.join(format!("{n:03}/answer.md"))).unwrap();
        let (checked, failures) = check(&answer);
        assert!(failures.is_empty(), "{n:03}: {failures:#?}");
        // and every number an equation takes from elsewhere is one printed before it
        let (brought, unseen) = brought_in_unseen(&answer);
        assert!(unseen.is_empty(), "{n:03}: {unseen:?} appear from nowhere");
        assert_eq!(
            brought, 119,
            "{n:03}: numbers brought into the equations of a 2-2-2 sheet"
        );
        // Every computed number of a 2-2-2 sheet: 4 nets, 4 outs, 2 errors, the total, 4 hidden terms
        // and their 2 sums, 8 gradients and 8 updated weights.
        assert_eq!(checked, 33, "{n:03}: {checked} numbers checked");
    }
    let question = fs::read_to_string(dir.join("001/question.md")).unwrap();
    assert!(question.contains("Round every intermediate result in the same way before you use it"));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(
            &fs::read_to_string(dir.join("key.json")).unwrap()
        )
        .unwrap()["carry_rounded"],
        true
    );
}

#[test]
fn without_carrying_some_lines_do_not_follow_and_render_reproduces_the_carried_sheet() {
    let temp = tempfile::tempdir().unwrap();
    let (exact, carried) = (temp.path().join("exact"), temp.path().join("carried"));
    set(&exact, false);
    set(&carried, true);
    let failing = (1..=40)
        .filter(|n| {
            let answer = fs::read_to_string(exact.join(format!("{n:03}/answer.md"))).unwrap();
            !check(&answer).1.is_empty()
        })
        .count();
    assert!(
        failing > 0,
        "the check finds the lines that exact intermediates break"
    );
    let output = crate::support::handprop()
        .arg("render")
        .arg(carried.join("007/network.toml"))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        fs::read_to_string(carried.join("007/answer.md")).unwrap()
    );
}

#[test]
fn carry_rounded_needs_a_number_of_places() {
    crate::support::handprop()
        .args(["render", "--carry-rounded"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "--carry-rounded needs a number of places",
        ));
}
