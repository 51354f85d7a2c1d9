//! Bad input, each case by name: one sentence on stderr naming the file, the field and (where TOML gives
//! it) the line and column, exit code 2, and no output file created or changed.

use std::fs;

const SEED: &str = include_str!("../../examples/mazur.toml");

use crate::support::handprop;

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
    let text = seed_with("activation = \"sigmoid\"", "activation = \"softsign\"");
    bad_input(
        &text,
        &[
            "net.toml:11:14",
            "`layers[0].activation`",
            "unknown variant `softsign`",
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
        missing.contains(
            "not provided: --out <OUT> <--count <COUNT>|--roster <STUDENTS.csv>>; usage: handprop exercises"
        ),
        "{missing}"
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

/// A small network of the new maths: 2 inputs, 2 hidden, 2 outputs of `output`, with `head` on top.
fn small(head: &str, inputs: &str, targets: &str, output: &str) -> String {
    format!(
        "{head}\nlearning_rate = 0.5\ninputs = {inputs}\ntargets = {targets}\n\
         [[layers]]\nweights = [[0.1, 0.2], [0.3, 0.4]]\nbias = 0.1\n\
         [[layers]]\nweights = [[0.5, 0.6], [0.7, 0.8]]\nactivation = \"{output}\"\n"
    )
}

#[test]
fn the_new_maths_refuses_what_it_cannot_compute_each_with_its_field_line_and_column() {
    bad_input(
        &small("loss = \"hinge\"", "[0.1, 0.2]", "[0.0, 1.0]", "sigmoid"),
        &[
            "net.toml:1:8",
            "`loss`",
            "unknown variant `hinge`",
            "cross_entropy",
        ],
    );
    bad_input(
        &small(
            "loss = \"cross_entropy\"",
            "[0.1, 0.2]",
            "[0.0, 1.0]",
            "tanh",
        ),
        &[
            "net.toml:1:8",
            "`loss` is cross_entropy but the output layer's activation is \"tanh\"",
            "softmax",
        ],
    );
    let hidden = small("", "[0.1, 0.2]", "[0.0, 1.0]", "sigmoid").replacen(
        "bias = 0.1\n",
        "bias = 0.1\nactivation = \"softmax\"\n",
        1,
    );
    bad_input(
        &hidden,
        &[
            "net.toml:8:14",
            "`layers[0].activation` is softmax in a hidden layer",
            "output layer only",
        ],
    );
    bad_input(
        &small(
            "loss = \"cross_entropy\"",
            "[0.1, 0.2]",
            "[0.5, 0.6]",
            "softmax",
        ),
        &["net.toml:4:11", "`targets` sums to 1.1, not 1", "sum to 1"],
    );
    bad_input(
        &small(
            "",
            "[[0.1, 0.2], [0.3]]",
            "[[0.5, 0.5], [0.5, 0.5]]",
            "sigmoid",
        ),
        &[
            "net.toml:3:10",
            "`inputs` row 2 has 1 value(s) but row 1 has 2",
        ],
    );
    bad_input(
        &small("", "[[0.1, 0.2], [0.3, 0.4]]", "[[0.5, 0.5]]", "sigmoid"),
        &[
            "net.toml:4:11",
            "`targets` has 1 row(s) but `inputs` has 2",
            "one row of targets per row of inputs",
        ],
    );
    bad_input(
        &small(
            "weight_decay = -0.01",
            "[0.1, 0.2]",
            "[0.5, 0.5]",
            "sigmoid",
        ),
        &["net.toml:1:16", "`weight_decay` is -0.01", "λ ≥ 0"],
    );
    bad_input(
        &small(
            "loss = \"cross_entropy\"",
            "[0.1, 0.2]",
            "[0.5, 1.5]",
            "sigmoid",
        ),
        &["net.toml:4:11", "`targets` holds 1.5, outside [0, 1]"],
    );
    bad_input(
        &small(
            "loss = \"squared_error\"",
            "[0.1, 0.2]",
            "[0.0, 1.0]",
            "softmax",
        ),
        &[
            "net.toml:1:8",
            "`loss` is squared_error but the output layer is softmax",
            "cross_entropy",
        ],
    );
    bad_input(
        &small("", "[0.1, [0.2]]", "[0.5, 0.5]", "sigmoid"),
        &["net.toml:3", "`inputs`", "mixes numbers and rows"],
    );
}

#[test]
fn documents_of_the_new_maths_are_written_in_matrix_notation_and_json_has_every_number() {
    let text = small(
        "loss = \"cross_entropy\"",
        "[[0.1, 0.2], [0.3, 0.4]]",
        "[[0.0, 1.0], [1.0, 0.0]]",
        "softmax",
    );
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("batch.toml");
    fs::write(&network, format!("weight_decay = 0.01\n{text}")).unwrap();
    // a batch's document is written in matrix notation too
    let matrix = crate::support::handprop()
        .arg("render")
        .arg(&network)
        .args(["--notation", "matrix"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&matrix.stderr);
    assert!(matrix.status.success(), "{stderr}");
    let output = crate::support::handprop()
        .arg("render")
        .arg(&network)
        .args(["-f", "json", "--steps", "100", "--check"])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let trace: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(trace["loss"], "cross_entropy");
    assert_eq!(trace["weight_decay"]["lambda"], 0.01);
    assert_eq!(trace["examples"].as_array().unwrap().len(), 2);
    assert_eq!(
        trace["examples"][1]["targets"],
        serde_json::json!([1.0, 0.0])
    );
    assert!(
        trace["layers"][1]["biases"].as_array().unwrap().is_empty(),
        "no bias in the output layer"
    );
    assert!(trace["layers"][1]["neurons"][0]["bias"].is_null());
    assert_eq!(trace["training"]["steps"], 100);
    for check in trace["gradient_check"].as_array().unwrap() {
        assert!(check["relative"].as_f64().unwrap() < 1e-8, "{check}");
    }
    // the batch's error is the mean of its examples' plus the decay term
    let mean = (trace["examples"][0]["error"].as_f64().unwrap()
        + trace["examples"][1]["error"].as_f64().unwrap())
        / 2.0;
    let total = mean + trace["weight_decay"]["term"].as_f64().unwrap();
    assert!((trace["total_error"].as_f64().unwrap() - total).abs() < 1e-15);
}
