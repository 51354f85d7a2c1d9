//! Every math block of the exercise sheets (question, answer, and the combined files) parses in KaTeX,
//! checked by `tests/katex/check.mjs` in node, in both languages, with and without `--carry-rounded`.
//! Ignored in a plain `cargo test` like tests/katex.rs; `.ci/run` runs it.

use std::path::Path;
use std::process::Command;

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_math_block_of_the_sheets_parses_in_katex() {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/katex");
    assert!(
        here.join("node_modules/katex/package.json").is_file(),
        "katex is not installed: run `npm ci` in tests/katex (or .ci/run)"
    );
    let temp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for lang in ["zh", "en"] {
        for carry in [false, true] {
            let out = temp.path().join(format!("{lang}-{carry}"));
            let mut command = assert_cmd::Command::cargo_bin("handprop").unwrap();
            command.args([
                "exercises",
                "examples/3-4-2.toml",
                "--count",
                "3",
                "--seed",
                "1",
            ]);
            command.args(["--lang", lang, "--out"]).arg(&out);
            if carry {
                command.arg("--carry-rounded");
            }
            command.assert().success();
            for name in [
                "001/question.md",
                "001/answer.md",
                "questions.md",
                "answers.md",
            ] {
                files.push(out.join(name));
            }
        }
    }
    let run = Command::new("node")
        .arg(here.join("check.mjs"))
        .args(&files)
        .output()
        .expect("node runs (install nodejs)");
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "KaTeX rejected some math:\n{report}");
    let parsed = report.lines().filter(|l| l.contains("math block(s) parse"));
    assert_eq!(parsed.count(), files.len(), "{report}");
}
