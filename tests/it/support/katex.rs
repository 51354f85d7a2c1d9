//! KaTeX in node: `tests/katex/check.mjs` parses every math block of Markdown files in strict mode.
//! Needs `npm ci` in tests/katex (`.ci/run` does it); the tests that use it are ignored in a plain
//! `cargo test`, and fail, never skip, when node or katex is missing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Checks `files` in KaTeX: asserts that every math block of every file parses and that each file is
/// reported; the report (one line a file, with its count of display and inline blocks).
pub fn check_in_katex(files: &[PathBuf]) -> String {
    let here = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/katex");
    assert!(
        here.join("node_modules/katex/package.json").is_file(),
        "katex is not installed: run `npm ci` in tests/katex (or .ci/run)"
    );
    let run = Command::new("node")
        .arg(here.join("check.mjs"))
        .args(files)
        .output()
        .expect("node runs (install nodejs)");
    let report = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(
        run.status.success(),
        "KaTeX rejected some math:\n{report}{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let parsed = report.lines().filter(|l| l.contains("math block(s) parse"));
    assert_eq!(parsed.count(), files.len(), "{report}");
    report
}
