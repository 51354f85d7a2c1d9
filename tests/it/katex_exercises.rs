//! Every math block of the exercise sheets (question, answer, and the combined files) parses in KaTeX,
//! checked by `tests/katex/check.mjs` in node, in both languages, with and without `--carry-rounded`,
//! for the seed's loss and for the new losses, softmax, weight decay and layers without a bias.
//! Ignored in a plain `cargo test` like tests/katex.rs; `.ci/run` runs it.

use crate::support::katex;

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_math_block_of_the_sheets_parses_in_katex() {
    let temp = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let bases = [
        "examples/3-4-2.toml",
        "examples/softmax-3class.toml",
        "examples/bce.toml",
        "examples/decay-no-bias.toml",
    ];
    for (lang, base) in ["zh", "en"].into_iter().flat_map(|l| bases.map(|b| (l, b))) {
        for carry in [false, true] {
            let stem = base
                .trim_start_matches("examples/")
                .trim_end_matches(".toml");
            let out = temp.path().join(format!("{stem}-{lang}-{carry}"));
            let mut command = crate::support::handprop();
            command.args(["exercises", base, "--count", "3", "--seed", "1"]);
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
