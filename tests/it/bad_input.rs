//! Bad input, each case by name: one sentence on stderr naming the file, the field and (where TOML gives
//! it) the line and column, exit code 2, and no output file created or changed.

use std::fs;

use assert_cmd::Command;

const SEED: &str = include_str!("../../examples/mazur.toml");

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

/// Runs `render` on a network file made from `text`; asserts exit code 2, one line on stderr naming
/// the file, each of `expected`, and that an existing output file is untouched.
#[track_caller]
fn bad_input(text: &str, expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("net.toml");
    fs::write(&network, text).unwrap();
    let kept = dir.path().join("kept.md");
    fs::write(&kept, "the teacher's notes").unwrap();
    let assert = handprop()
        .arg("render")
        .arg(&network)
        .arg("-o")
        .arg(&kept)
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.contains("net.toml"), "names the file: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{stderr:?} should contain {part:?}");
    }
    assert_eq!(fs::read_to_string(&kept).unwrap(), "the teacher's notes");
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        2,
        "nothing else was written"
    );
}

fn seed_with(from: &str, to: &str) -> String {
    assert!(SEED.contains(from), "{from}");
    SEED.replacen(from, to, 1)
}

#[test]
fn a_missing_file_is_named() {
    let assert = handprop()
        .args(["render", "no/such/net.toml"])
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("cannot read no/such/net.toml"), "{stderr}");
}

#[test]
fn a_file_that_is_not_toml() {
    bad_input(
        "learning_rate = = 0.5\n",
        &["net.toml:1:17", "not valid TOML"],
    );
}

#[test]
fn a_missing_field() {
    bad_input(
        &seed_with("targets = [0.01, 0.99]\n", ""),
        &["missing field `targets`"],
    );
}

#[test]
fn weights_that_do_not_chain_with_the_layer_before() {
    let text = seed_with("[0.50, 0.55]]", "[0.50, 0.55, 0.1]]");
    bad_input(
        &text,
        &[
            "net.toml:14:11",
            "`layers[1].weights`",
            "row 2 has 3 weight(s)",
            "2 neuron(s)",
        ],
    );
    let text = seed_with("[0.25, 0.30]]", "[0.30]]");
    bad_input(
        &text,
        &[
            "`layers[0].weights`",
            "row 2 has 1 weight(s) but the network has 2 input(s)",
        ],
    );
}

#[test]
fn targets_of_the_wrong_length() {
    let text = seed_with("targets = [0.01, 0.99]", "targets = [0.01, 0.99, 0.5]");
    bad_input(
        &text,
        &["net.toml:5:11", "`targets` has 3 value(s)", "2 neuron(s)"],
    );
}

#[test]
fn nan_and_infinite_numbers() {
    bad_input(
        &seed_with("[0.05, 0.10]", "[0.05, nan]"),
        &["`inputs` holds NaN", "finite"],
    );
    bad_input(
        &seed_with("bias = 0.60", "bias = inf"),
        &["`layers[1].bias` holds inf"],
    );
    bad_input(
        &seed_with("[0.15, 0.20]", "[0.15, -inf]"),
        &["`layers[0].weights` holds -inf"],
    );
    bad_input(
        &seed_with("[0.01, 0.99]", "[nan, 0.99]"),
        &["`targets` holds NaN"],
    );
}

#[test]
fn a_learning_rate_that_is_not_positive() {
    for rate in ["0", "-0.5"] {
        let text = seed_with("learning_rate = 0.5", &format!("learning_rate = {rate}"));
        bad_input(
            &text,
            &["net.toml:3:17", "`learning_rate`", "greater than 0"],
        );
    }
}

#[test]
fn an_unknown_activation() {
    let text = seed_with("activation = \"sigmoid\"", "activation = \"softmax\"");
    bad_input(
        &text,
        &[
            "net.toml:11:14",
            "`layers[0].activation`",
            "unknown variant `softmax`",
        ],
    );
}

#[test]
fn a_bias_list_of_the_wrong_length() {
    bad_input(
        &seed_with("bias = 0.35", "bias = [0.35]"),
        &["`layers[0].bias` has 1 value(s)"],
    );
}

#[test]
fn an_unknown_format_language_or_precision() {
    for args in [
        ["-f", "docx"],
        ["--lang", "fr"],
        ["--precision", "0"],
        ["--precision", "many"],
    ] {
        let assert = handprop()
            .arg("render")
            .args(args)
            .assert()
            .code(2)
            .stdout("");
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(args[1]), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(
            stderr.starts_with("handprop: error: invalid value"),
            "{stderr}"
        );
    }
    // what the value may be, or what is missing, is in that one line
    let line = |args: &[&str]| {
        let assert = handprop().args(args).assert().code(2).stdout("");
        String::from_utf8(assert.get_output().stderr.clone()).unwrap()
    };
    assert_eq!(
        line(&["render", "-f", "docx"]),
        "handprop: error: invalid value 'docx' for '--format <FORMAT>' \
         [possible values: md, tex, pdf, html, json]; see --help\n"
    );
    let missing = line(&["exercises"]);
    assert_eq!(missing.lines().count(), 1, "{missing}");
    assert!(
        missing.contains("not provided: --count <COUNT> --out <OUT>; usage: handprop exercises")
    );
}

#[test]
fn a_step_that_overflows_is_refused() {
    let text =
        seed_with("[0.05, 0.10]", "[1e200, 1e200]").replacen("[[0.15, 0.20]", "[[1e200, 0.20]", 1);
    bad_input(
        &text,
        &["overflows f64: net of h_1 is inf", "smaller weights"],
    );
}

#[test]
fn text_with_control_characters_and_networks_too_large_are_refused() {
    bad_input(
        &format!("title = \"a\\u0001b\"\n{SEED}"),
        &["net.toml:1:9", "`title` holds the control character U+0001"],
    );
    let row = format!("[{}]", vec!["0.1"; 150].join(", "));
    let layer = format!(
        "[[layers]]\nweights = [{}]\nbias = 0.1\n",
        vec![row.as_str(); 150].join(", ")
    );
    let text = format!(
        "learning_rate = 0.5\ninputs = {row}\ntargets = [0.5]\n{layer}[[layers]]\nweights = [{row}]\nbias = 0.1\n"
    );
    bad_input(
        &text,
        &["`layers` hold 22652 weights and biases", "up to 20000"],
    );
}

#[test]
fn a_document_table_with_an_unknown_language_precision_or_key() {
    let with = |table: &str| format!("{SEED}\n[document]\n{table}\n");
    let line = SEED.lines().count() + 3;
    bad_input(
        &with("lang = \"fr\""),
        &[
            &format!("net.toml:{line}:8"),
            "`document.lang`",
            "string \"fr\", expected \"zh\" or \"en\"",
        ],
    );
    bad_input(
        &with("lang = 3"),
        &["`document.lang`", "integer `3`, expected \"zh\" or \"en\""],
    );
    bad_input(
        &with("precision = 0"),
        &["`document.precision`", "`0` is not a precision"],
    );
    bad_input(
        &with("precision = \"many\""),
        &["`document.precision`", "`many` is not a precision"],
    );
    bad_input(&with("colour = \"red\""), &["unknown field `colour`"]);
    bad_input(
        &with("carry_rounded = true"),
        &[
            "`document.carry_rounded`",
            "without a number of places",
            "precision = N",
        ],
    );
    bad_input(
        &with("precision = \"full\"\ncarry_rounded = true"),
        &["`document.carry_rounded`"],
    );
}
