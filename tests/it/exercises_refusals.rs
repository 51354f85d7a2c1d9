//! `handprop exercises` refusing bad input: exit code 2, one clear sentence, nothing written; and an
//! `--out` that holds someone else's files.

use std::fs;
use std::path::Path;

use predicates::prelude::*;

use crate::support::sets;

use sets::{exercises, files, handprop};

#[test]
fn a_set_replaces_an_older_set_but_not_someone_else_s_files_unless_forced() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(&dir, &["--count", "5", "--seed", "1"]);
    exercises(&dir, &["--count", "2", "--seed", "1"]);
    assert!(!dir.join("003").exists(), "the older set is replaced whole");
    fs::write(dir.join("notes.txt"), "mine").unwrap();
    let before = files(&dir);
    handprop()
        .args(["exercises", "--count", "2", "--seed", "9", "--out"])
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "holds files handprop did not write (such as notes.txt)",
        ))
        .stderr(predicate::str::contains("--force"));
    assert_eq!(files(&dir), before, "nothing is touched");
    exercises(&dir, &["--count", "2", "--seed", "9", "--force"]);
    assert_eq!(fs::read_to_string(dir.join("notes.txt")).unwrap(), "mine");
    assert_ne!(
        files(&dir)[Path::new("001/network.toml")],
        before[Path::new("001/network.toml")]
    );
    let leftovers: Vec<_> = (fs::read_dir(temp.path()).unwrap())
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != "set")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[track_caller]
fn refused(args: &[&str], message: &str) {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    handprop()
        .arg("exercises")
        .args(args)
        .arg("--out")
        .arg(&dir)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
    assert!(
        fs::read_dir(temp.path()).unwrap().next().is_none(),
        "nothing is written"
    );
}

#[test]
fn bad_input_is_refused_with_exit_2_and_nothing_written() {
    refused(
        &["--count", "0"],
        "--count 0 is out of range; ask for 1 to 1000000 variants",
    );
    refused(&["--count", "1000001"], "--count 1000001 is out of range");
    refused(
        &["--count", "3", "--precision", "1"],
        "--precision 1 cannot print the drawn numbers",
    );
    refused(
        &["--count", "3", "--precision", "full"],
        "--precision full cannot make an answer key",
    );
    let temp = tempfile::tempdir().unwrap();
    let wide = temp.path().join("wide.toml");
    let row = format!("[{}]", vec!["0.5"; 30].join(", "));
    fs::write(
        &wide,
        format!(
            "learning_rate = 0.5\ninputs = {row}\ntargets = [0.5]\n[[layers]]\nweights = [{row}]\n\
             bias = 0.5\n[[layers]]\nweights = [[0.5]]\nbias = 0.5\n"
        ),
    )
    .unwrap();
    refused(
        &[wide.to_str().unwrap(), "--count", "3"],
        "because a neuron saturates (a sigmoid's out below 0.02 or above 0.98",
    );
    refused(
        &["--count", "3", "--moodle", "/no/such/folder/quiz.xml"],
        "/no/such/folder does not exist",
    );
}

#[test]
fn an_out_whose_folder_is_missing_or_a_file_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    handprop()
        .args(["exercises", "--count", "1", "--out"])
        .arg(temp.path().join("missing/set"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not exist"));
    let file = temp.path().join("file");
    fs::write(&file, "x").unwrap();
    handprop()
        .args(["exercises", "--count", "1", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is a file, not a folder"));
}

#[test]
fn a_batch_s_answer_sheets_are_written_in_matrix_notation() {
    let temp = tempfile::tempdir().unwrap();
    let base = temp.path().join("batch.toml");
    fs::write(
        &base,
        "learning_rate = 0.5\nloss = \"squared_error\"\ninputs = [[0.05, 0.1], [0.5, 0.9]]\ntargets = [[0.3], [0.7]]\n\
         [[layers]]\nweights = [[0.15, 0.2], [0.25, 0.3]]\nbias = 0.35\n\
         [[layers]]\nweights = [[0.4, 0.45]]\nbias = 0.6\n",
    )
    .unwrap();
    let dir = temp.path().join("set");
    handprop()
        .arg("exercises")
        .arg(&base)
        .args([
            "--count",
            "2",
            "--notation",
            "matrix",
            "--precision",
            "4",
            "--carry-rounded",
        ])
        .arg("--out")
        .arg(&dir)
        .assert()
        .success();
    let answers: String = (fs::read_dir(&dir).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    assert!(answers.contains("\\Delta^{(2)}"), "{answers}");
}
