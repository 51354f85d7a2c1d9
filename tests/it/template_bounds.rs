//! A teacher's templates (issue 10, case 18, and the one-line template errors of 26): only regular files
//! are read from `--templates DIR`, a template renders under a budget of time, size and memory, and a
//! template that includes itself is named. Each failure is one line, exit 2, and writes nothing.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;

use crate::support::write_built_in_templates;

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

/// Runs `render --templates DIR -o DIR/../out.md`; asserts exit 2, one line on stderr holding each of
/// `expected`, and no output file; returns the seconds it took.
#[track_caller]
fn refused(templates: &Path, expected: &[&str]) -> f64 {
    let out = templates.parent().unwrap().join("out.md");
    let started = Instant::now();
    let assert = handprop()
        .args(["render", "--lang", "en", "--templates"])
        .arg(templates)
        .arg("-o")
        .arg(&out)
        .timeout(Duration::from_secs(300))
        .assert()
        .code(2)
        .stdout("");
    let seconds = started.elapsed().as_secs_f64();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{stderr:?} should contain {part:?}");
    }
    assert!(!out.exists());
    seconds
}

fn folder_with(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mine");
    let file = templates.join(name);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(&file, text).unwrap();
    (dir, file)
}

#[test]
fn nested_range_loops_stop_at_the_time_budget() {
    let (_dir, file) = folder_with(
        "document.md",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}",
    );
    let seconds = refused(
        file.parent().unwrap(),
        &[&file.display().to_string(), "took more than 60 s to render"],
    );
    assert!(seconds < 200.0, "{seconds}");
}

#[test]
fn a_loop_that_writes_without_end_stops_at_the_size_budget() {
    let line = "x".repeat(4000);
    let (_dir, file) = folder_with(
        "document.md",
        &format!(
            "{{% for i in range(end=100000) %}}{{% for j in range(end=100000) %}}{line}{{{{ j }}}}\n{{% endfor %}}{{% endfor %}}"
        ),
    );
    refused(
        file.parent().unwrap(),
        &[&file.display().to_string(), "or wrote more than 256 MiB"],
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_string_doubled_in_a_loop_stops_at_the_memory_budget() {
    let (_dir, file) = folder_with(
        "document.md",
        "{% set_global s = \"doubled\" %}{% for i in range(end=64) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}",
    );
    refused(
        file.parent().unwrap(),
        &[
            &file.display().to_string(),
            "took more than 512 MiB of memory",
        ],
    );
}

#[test]
fn a_template_that_includes_itself_names_the_teachers_file() {
    let (_dir, file) = folder_with("en/words.md", "{% include \"en/words.md\" %}");
    refused(
        file.parent().unwrap().parent().unwrap(),
        &[
            "template error in your templates: Circular include",
            &format!("'{}'", file.display()),
        ],
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_named_like_a_template_is_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mine");
    fs::create_dir(&templates).unwrap();
    let fifo = templates.join("document.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let seconds = refused(
        &templates,
        &[&fifo.display().to_string(), "is not a regular file"],
    );
    assert!(seconds < 30.0, "{seconds}");
}

#[cfg(unix)]
#[test]
fn a_link_to_a_folder_is_not_followed_round_in_a_loop() {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("mine");
    fs::create_dir_all(templates.join("en")).unwrap();
    std::os::unix::fs::symlink(&templates, templates.join("en/again")).unwrap();
    refused(&templates, &["en/again is not a regular file"]);
}

#[test]
fn a_template_file_over_the_size_limit_is_refused() {
    let (_dir, file) = folder_with("document.md", &"x".repeat(5 << 20));
    refused(
        file.parent().unwrap(),
        &[&file.display().to_string(), "larger than 4 MiB"],
    );
}

#[test]
fn a_teachers_template_within_budget_renders_as_before() {
    // the built-in templates written out and read back render the same bytes, through the budget
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine");
    write_built_in_templates(&mine);
    for format in ["md", "tex", "html"] {
        let built_in = handprop()
            .args([
                "render", "--lang", "en", "--steps", "3", "--check", "-f", format,
            ])
            .assert()
            .success();
        let through = handprop()
            .args([
                "render",
                "--lang",
                "en",
                "--steps",
                "3",
                "--check",
                "-f",
                format,
                "--templates",
            ])
            .arg(&mine)
            .assert()
            .success();
        assert_eq!(
            through.get_output().stdout,
            built_in.get_output().stdout,
            "{format}"
        );
    }
}
