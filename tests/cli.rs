//! The real binary, driven with assert_cmd: the command-line contract, bad input, and output files.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use clap::CommandFactory;
use predicates::prelude::*;

const SEED: &str = include_str!("../examples/mazur.toml");

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

#[test]
fn the_command_line_definition_is_consistent() {
    handprop::cli::Cli::command().debug_assert();
}

#[test]
fn render_without_a_network_prints_the_seed() {
    let output = handprop()
        .arg("render")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    assert!(text.starts_with("# 手推神经网络\n"));
    assert!(text.contains("&= 0.35891647971788465\n\\end{aligned}\n\\tag{12}"));
    assert_eq!(text.matches("\\tag{").count(), 23);
}

#[test]
fn precision_4_rounds_every_number_and_writes_tiny_ones_in_scientific_form() {
    let output = handprop()
        .args(["render", "--precision", "4"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(output).unwrap();
    // (18): ∂E/∂w1 = 0.0004385677… is 0.0004 at four places: printed as 4.386 × 10⁻⁴ instead.
    assert!(
        text.contains("&= 4.386 \\times 10^{-4}\n\\end{aligned}\n\\tag{18}"),
        "{text}"
    );
    assert!(text.contains("&= 0.5933\n\\end{aligned}\n\\tag{2}"));
    assert!(text.contains("&= 0.1500 - 0.5000 \\times 4.386 \\times 10^{-4} \\\\\n&= 0.1498\n"));
    assert!(text.contains("总误差从 $0.2984$ 变为 $0.2910$"));
    assert!(
        !text.contains("0.5932699921071872"),
        "no number is printed in full"
    );
}

#[test]
fn json_is_the_trace() {
    let output = handprop()
        .args(["render", "-f", "json"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let trace: serde_json::Value = serde_json::from_slice(&output).unwrap();
    assert_eq!(trace["total_error"], 0.2983711087600027);
    assert_eq!(trace["total_error_after"], 0.29102777369359933);
    assert_eq!(
        trace["layers"][1]["neurons"][0]["weights"][0]["symbol"],
        "w_5"
    );
    assert_eq!(
        trace["layers"][1]["neurons"][0]["weights"][0]["grad"],
        0.08216704056423077
    );
    assert_eq!(
        trace["layers"][0]["neurons"][0]["d_out_terms"][1]["value"],
        -0.019049118258278118
    );
}

#[test]
fn output_file_holds_the_document_with_its_figures_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    let stdout = handprop()
        .args(["render", "--lang", "en"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(stdout).unwrap();
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(&path)
        .assert()
        .success()
        .stdout("");
    let written = fs::read_to_string(&path).unwrap();
    assert!(
        written.contains("](<notes.network.svg>)") && written.contains("](<notes.targets.svg>)")
    );
    // Apart from the figures (links in the file, notes on stdout), the same document.
    let without_figures = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !l.starts_with("![") && !l.starts_with("<!-- "))
            .map(String::from)
            .collect()
    };
    assert_eq!(without_figures(&written), without_figures(&stdout));
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["notes.md", "notes.network.svg", "notes.targets.svg"],
        "no temporary file is left"
    );
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
    }
}

#[test]
fn an_output_folder_that_does_not_exist() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("notes.md");
    let assert = handprop()
        .arg("render")
        .arg("-o")
        .arg(&path)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("does not exist"), "{stderr}");
    assert!(!Path::new(&path).exists());
}

#[test]
fn help_names_the_commands() {
    handprop()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("render"));
}

#[test]
fn a_step_that_overflows_is_refused() {
    let text =
        seed_with("[0.05, 0.10]", "[1e200, 1e200]").replacen("[[0.15, 0.20]", "[[1e200, 0.20]", 1);
    bad_input(&text, &["`net of h_1` comes out as inf", "smaller weights"]);
}

#[test]
fn steps_out_of_range_are_refused() {
    for steps in ["0", "10000001", "many"] {
        let assert = handprop()
            .args(["render", "--steps", steps])
            .assert()
            .code(2)
            .stdout("");
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains("--steps"), "{stderr}");
    }
}

#[test]
fn training_that_diverges_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("diverge.toml");
    let text = "learning_rate = 5.0\ninputs = [1.0]\ntargets = [0.5]\n\
                [[layers]]\nweights = [[2.0]]\nbias = 0.0\nactivation = \"identity\"\n\
                [[layers]]\nweights = [[2.0]]\nbias = 0.0\nactivation = \"identity\"\n";
    fs::write(&network, text).unwrap();
    handprop().arg("render").arg(&network).assert().success();
    let assert = handprop()
        .arg("render")
        .arg(&network)
        .args(["--steps", "1000"])
        .assert()
        .code(2)
        .stdout("");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("overflows f64: E_total after 5 steps is inf"),
        "{stderr}"
    );
}

#[test]
fn a_figure_file_handprop_did_not_write_is_kept_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    let figure = dir.path().join("notes.network.svg");
    fs::write(&figure, "<svg>the teacher's own drawing</svg>").unwrap();
    let assert = handprop()
        .args(["render", "-o"])
        .arg(&notes)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("notes.network.svg exists and handprop did not write it"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(&figure).unwrap(),
        "<svg>the teacher's own drawing</svg>"
    );
    assert!(!notes.exists(), "nothing was written");
    // handprop's own figures are replaced without asking; anyone else's with --force.
    handprop()
        .args(["render", "--force", "-o"])
        .arg(&notes)
        .assert()
        .success();
    assert!(
        fs::read_to_string(&figure)
            .unwrap()
            .contains("<!-- drawn by handprop -->")
    );
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(&notes)
        .assert()
        .success();
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
fn output_paths_that_name_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let slash = format!("{}/", dir.path().join("notes.md").display());
    let assert = handprop().args(["render", "-o", &slash]).assert().code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("it is a folder"));
    let out = dir.path().join("set");
    let assert = handprop()
        .args(["exercises", "--count", "2", "--seed", "1", "--out"])
        .arg(&out)
        .arg("--moodle")
        .arg(dir.path())
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("is a folder"));
    assert!(!out.exists());
}
