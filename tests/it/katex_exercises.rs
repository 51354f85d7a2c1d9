//! Every math block of the exercise sheets (question, answer, and the combined files) parses in KaTeX,
//! checked by `tests/katex/check.mjs` in node, in both languages, with and without `--carry-rounded`.
//! Ignored in a plain `cargo test` like tests/katex.rs; `.ci/run` runs it.

use crate::support::katex;

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_math_block_of_the_sheets_parses_in_katex() {
    let temp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for lang in ["zh", "en"] {
        for carry in [false, true] {
            let out = temp.path().join(format!("{lang}-{carry}"));
            let mut command = crate::support::handprop();
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
    katex::check_in_katex(&files);
}
