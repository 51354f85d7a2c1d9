//! Every example network, with a training section and the gradient check, compiles as LaTeX in both
//! languages (xelatex for zh, pdflatex for en), and its PDF shows every equation number. Needs TeX Live
//! and pdftotext (`.ci/run` installs them), so it is ignored in a plain `cargo test`.

use std::process::Command;

use handprop::{Derivation, Format, Lang, Options, Trace, pdf, render, spec};

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdftotext; run by .ci/run"]
fn every_example_compiles_with_training_and_check() {
    let mut compiled = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        let network = spec::load(&path).unwrap();
        let equations = Derivation::new(&Trace::new(&network.network)).equations;
        for lang in [Lang::Zh, Lang::En] {
            let options = Options {
                format: Format::Tex,
                lang,
                steps: Some(200),
                check: true,
                ..Options::default()
            };
            let tex = render(&network, &options).unwrap();
            let out = tempfile::NamedTempFile::with_suffix(".pdf").unwrap();
            pdf::compile(&tex, lang, out.path())
                .unwrap_or_else(|e| panic!("{} {lang:?}: {e}", path.display()));
            let text = Command::new("pdftotext")
                .arg(out.path())
                .arg("-")
                .output()
                .expect("pdftotext runs");
            let text = String::from_utf8_lossy(&text.stdout);
            for n in 1..=equations {
                assert!(
                    text.contains(&format!("({n})")),
                    "{} {lang:?}: ({n}) is not in the PDF",
                    path.display()
                );
            }
            compiled += 1;
        }
    }
    assert_eq!(compiled, 20, "ten examples, two languages");
}
