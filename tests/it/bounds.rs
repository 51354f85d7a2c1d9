//! The work a command line may ask for is bounded by the network's size (issue 10, case 17): a
//! training run of `--steps` × weights and biases, and a gradient check (`--check`), whose work grows as
//! the square of their number. Past the bound: one line, exit 2, at once, naming what would fit.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

/// A network file of `inputs` inputs, a hidden layer of `hidden` neurons and one output, biases
/// shared: `inputs × hidden + hidden + 2` weights and biases.
fn network(dir: &Path, inputs: usize, hidden: usize) -> std::path::PathBuf {
    let row = |n: usize| format!("[{}]", vec!["0.01"; n].join(", "));
    let hidden_rows = vec![row(inputs); hidden].join(",\n");
    let text = format!(
        "learning_rate = 0.5\ninputs = {}\ntargets = [0.5]\n\
         [[layers]]\nweights = [{hidden_rows}]\nbias = 0.1\n\
         [[layers]]\nweights = [{}]\nbias = 0.1\n",
        row(inputs),
        row(hidden)
    );
    let path = dir.join("wide.toml");
    fs::write(&path, text).unwrap();
    path
}

#[track_caller]
fn refused(network: &Path, args: &[&str]) -> String {
    let started = Instant::now();
    let assert = Command::cargo_bin("handprop")
        .unwrap()
        .arg("render")
        .arg(network)
        .args(args)
        .timeout(Duration::from_secs(120))
        .assert()
        .code(2)
        .stdout("");
    assert!(started.elapsed().as_secs() < 30, "refused at once");
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

#[test]
fn a_training_run_too_long_for_the_network_is_refused_naming_the_steps_that_fit() {
    let dir = tempfile::tempdir().unwrap();
    let wide = network(dir.path(), 100, 99); // 9,900 + 99 weights, 2 biases
    let parameters: u64 = 100 * 99 + 99 + 2;
    let most = 1_000_000_000 / parameters; // 99,990
    for steps in [most + 1, 10_000_000] {
        let stderr = refused(&wide, &["--steps", &steps.to_string()]);
        assert!(
            stderr.contains(&format!(
                "--steps {steps} of a network of {parameters} weights and biases"
            )),
            "{stderr}"
        );
        assert!(
            stderr.contains(&format!("give --steps {most} or fewer")),
            "{stderr}"
        );
    }
}

#[test]
fn a_gradient_check_too_large_for_the_network_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wide = network(dir.path(), 100, 99);
    let stderr = refused(&wide, &["--check", "-f", "json"]);
    assert!(
        stderr.contains("--check of a network of 10001 weights and biases"),
        "{stderr}"
    );
    assert!(stderr.contains("networks of up to 10000"), "{stderr}");
}

#[test]
fn the_seeds_network_keeps_every_step_it_had() {
    // 10 weights and biases: the bound is 100,000,000 steps, past --steps' own 10,000,000; a short
    // run of a wide network stays as it was
    let dir = tempfile::tempdir().unwrap();
    let wide = network(dir.path(), 100, 99);
    Command::cargo_bin("handprop")
        .unwrap()
        .arg("render")
        .arg(&wide)
        .args(["--steps", "10", "-f", "json"])
        .assert()
        .success();
    let stderr = refused(Path::new("examples/mazur.toml"), &["--steps", "10000001"]);
    assert!(stderr.contains("10000001"), "clap's own range: {stderr}");
}
