//! What handprop reads (issue 10, cases 19, 21, 24 and `render -` of 26): input files are bounded in
//! size before they are parsed, standard input is a network file like any other, a CRLF file reads as
//! its LF twin, and the command line's `--title`/`--author` pass the checks a file's title does.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const SEED: &str = include_str!("../../examples/mazur.toml");

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

/// The one line of stderr of a run that must fail as bad input (exit 2, nothing on stdout).
#[track_caller]
fn refused(command: &mut Command) -> String {
    let out = command.assert().code(2).stdout("");
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

fn render_stdout(args: &[&str], network: &Path) -> String {
    let out = handprop()
        .arg("render")
        .arg(network)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn a_network_file_over_the_size_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.toml");
    // A valid file padded with a comment to 5 MiB: well-formed, but no network needs that much text.
    let mut text = SEED.to_owned();
    text.push('#');
    text.push_str(&"x".repeat(5 << 20));
    text.push('\n');
    fs::write(&big, text).unwrap();
    let stderr = refused(handprop().arg("render").arg(&big));
    assert!(stderr.contains("big.toml"), "{stderr}");
    assert!(stderr.contains("larger than 4 MiB"), "{stderr}");
}

#[test]
fn dev_zero_is_refused_without_reading_it_all() {
    // /dev/zero never ends: reading it whole would take all memory. Bounded, it is refused at once.
    let started = std::time::Instant::now();
    let stderr = refused(
        handprop()
            .args(["render", "/dev/zero"])
            .timeout(std::time::Duration::from_secs(60)),
    );
    assert!(stderr.contains("/dev/zero"), "{stderr}");
    assert!(stderr.contains("larger than 4 MiB"), "{stderr}");
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn a_file_that_is_not_utf8_is_named_with_the_byte() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.toml");
    fs::write(&file, b"title = \"caf\xe9\"\n").unwrap();
    let stderr = refused(handprop().arg("render").arg(&file));
    assert!(
        stderr.contains("latin1.toml: byte 13 is not UTF-8"),
        "{stderr}"
    );
}

#[test]
fn render_dash_reads_the_network_from_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("net.toml");
    let text = SEED.replace("0.15", "0.17");
    fs::write(&file, &text).unwrap();
    let from_file = render_stdout(&["--lang", "en"], &file);
    let from_stdin = handprop()
        .args(["render", "-", "--lang", "en"])
        .write_stdin(text)
        .assert()
        .success();
    assert_eq!(
        String::from_utf8(from_stdin.get_output().stdout.clone()).unwrap(),
        from_file
    );
    assert!(from_file.contains("0.17"));
    // and an error in it names standard input
    let stderr = refused(
        handprop()
            .args(["render", "-"])
            .write_stdin(SEED.replace("learning_rate = 0.5", "learning_rate = -1")),
    );
    assert!(
        stderr.starts_with("handprop: error: standard input:"),
        "{stderr}"
    );
}

#[test]
fn a_crlf_file_with_a_multi_line_title_reads_as_its_lf_twin() {
    let dir = tempfile::tempdir().unwrap();
    let lf = format!("title = \"\"\"\nBackprop\nby hand\"\"\"\n{SEED}");
    let crlf = lf.replace('\n', "\r\n");
    assert!(crlf.contains("Backprop\r\nby hand"));
    let (lf_file, crlf_file) = (dir.path().join("lf.toml"), dir.path().join("crlf.toml"));
    fs::write(&lf_file, &lf).unwrap();
    fs::write(&crlf_file, &crlf).unwrap();
    for format in ["md", "tex", "html", "json"] {
        let from_lf = render_stdout(&["-f", format], &lf_file);
        assert_eq!(
            render_stdout(&["-f", format], &crlf_file),
            from_lf,
            "{format}"
        );
        assert!(!from_lf.contains('\r'), "{format}");
    }
    let json = render_stdout(&["-f", "json"], &crlf_file);
    assert!(json.contains(r#""Backprop\nby hand""#), "{json}");
}

#[test]
fn command_line_title_and_author_pass_the_file_title_checks() {
    let long = "x".repeat(1001);
    for (option, value, problem) in [
        ("--title", "a\u{7}b", "holds the control character U+0007"),
        (
            "--author",
            "\u{1b}[31mred",
            "holds the control character U+001B",
        ),
        ("--title", "\u{85}", "holds the control character U+0085"),
        (
            "--title",
            long.as_str(),
            "has 1001 characters, more than 1000",
        ),
        (
            "--author",
            long.as_str(),
            "has 1001 characters, more than 1000",
        ),
    ] {
        let stderr = refused(handprop().args(["render", option, value]));
        assert!(stderr.contains(&format!("{option} {problem}")), "{stderr}");
    }
    // what a file's title may hold, the option may too
    let out = handprop()
        .args([
            "render",
            "--lang",
            "en",
            "--title",
            "Line one\nline two\ttab",
        ])
        .assert()
        .success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        text.starts_with("# Line one line two\ttab\n"),
        "{}",
        &text[..80]
    );
}
