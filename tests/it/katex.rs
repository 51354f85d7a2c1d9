//! Every math block of every Markdown output parses in KaTeX (strict mode, throwOnError), checked by
//! `tests/katex/check.mjs` in node. Needs `npm ci` in tests/katex (`.ci/run` does it), so it is ignored
//! in a plain `cargo test`; it fails, never skips, when node or katex is missing.

use handprop::{Format, Lang, Options, Precision, render, spec};

use crate::support::katex;

#[test]
#[ignore = "needs node and katex (tests/katex: npm ci); run by .ci/run"]
fn every_math_block_parses_in_katex() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mut networks = vec![("seed".to_owned(), spec::seed_lesson())];
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        networks.push((name, spec::load(&path).unwrap()));
    }
    for (name, network) in &networks {
        for lang in [Lang::Zh, Lang::En] {
            for precision in [Precision::Full, Precision::Places(4)] {
                // The rounded documents also carry a training section and the gradient check.
                let extras = precision != Precision::Full;
                let options = Options {
                    format: Format::Md,
                    lang,
                    precision,
                    steps: extras.then_some(100),
                    check: extras,
                    ..Options::default()
                };
                let file = dir.path().join(format!("{name}-{lang:?}-{precision}.md"));
                std::fs::write(&file, render(network, &options).unwrap()).unwrap();
                files.push(file);
            }
        }
    }
    let report = katex::check_in_katex(&files);
    assert!(
        report.contains("(23 display"),
        "the seed has 23 display blocks:\n{report}"
    );
}
