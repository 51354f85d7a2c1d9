//! The real binary, driven with assert_cmd: the command-line contract and output files (bad input is
//! in bad_input.rs).

use std::fs;
use std::path::Path;

use clap::CommandFactory;
use predicates::prelude::*;

use crate::support::handprop;

/// What `handprop ARGS` prints on stdout; it must succeed.
fn printed(args: &[&str]) -> String {
    let output = handprop().args(args).assert().success();
    String::from_utf8(output.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_command_line_definition_is_consistent() {
    handprop::cli::Cli::command().debug_assert();
}

#[test]
fn render_without_a_network_prints_the_seed() {
    let text = printed(&["render"]);
    assert!(text.starts_with("# 手推神经网络\n"));
    assert!(text.contains("&= 0.35891647971788465\n\\end{aligned}\n\\tag{12}"));
    assert_eq!(text.matches("\\tag{").count(), 23);
}

#[test]
fn precision_4_rounds_every_number_and_writes_tiny_ones_in_scientific_form() {
    let text = printed(&["render", "--precision", "4"]);
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
    let trace: serde_json::Value =
        serde_json::from_str(&printed(&["render", "-f", "json"])).unwrap();
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
    let stdout = printed(&["render", "--lang", "en"]);
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
        [
            ".handprop-figures",
            "notes.md",
            "notes.network.svg",
            "notes.targets.svg"
        ],
        "no temporary file is left"
    );
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
