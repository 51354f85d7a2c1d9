//! PDFs made by the real TeX Live (xelatex for zh, pdflatex for en) and read back with poppler's
//! `pdftotext`. These tests are `#[ignore]`d in a plain `cargo test` and run by `.ci/run`, which installs
//! TeX Live; without it they fail (they do not skip).

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use handprop::{Format, Lang, Options, Precision, pdf, render, spec};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name)
}

use crate::support::{handprop, write_built_in_templates};

/// `handprop render -f pdf` of `network` (the seed when None) in `lang`, with `extra` arguments; the PDF.
fn make_pdf(folder: &Path, network: Option<&str>, lang: &str, extra: &[&str]) -> PathBuf {
    let out = folder.join(format!(
        "{}-{lang}.pdf",
        network.unwrap_or("seed").trim_end_matches(".toml")
    ));
    let mut command = handprop();
    command
        .args(["render", "-f", "pdf", "--lang", lang, "-o"])
        .arg(&out)
        .args(extra);
    if let Some(name) = network {
        command.arg(example(name));
    }
    command.assert().success();
    let bytes = std::fs::read(&out).expect("the PDF is written");
    assert!(bytes.starts_with(b"%PDF-"), "{} is a PDF", out.display());
    out
}

fn pdftotext(file: &Path) -> String {
    let out = Process::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        file.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

/// The widths of the `Overfull \hbox (Xpt too wide)` warnings of a TeX log.
pub(crate) fn overfull(log: &str) -> Vec<f64> {
    log.split("Overfull \\hbox (")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("pt too wide")
                .and_then(|(pt, _)| pt.parse().ok())
        })
        .collect()
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdftotext; run by .ci/run"]
fn the_seed_and_two_other_shapes_compile_in_both_languages() {
    let folder = tempfile::tempdir().unwrap();
    for network in [None, Some("3-4-2.toml"), Some("1-1-1.toml")] {
        for lang in ["zh", "en"] {
            make_pdf(folder.path(), network, lang, &[]);
        }
    }
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdftotext; run by .ci/run"]
fn the_seed_pdf_shows_every_equation_number_and_every_updated_weight() {
    let folder = tempfile::tempdir().unwrap();
    let trace = handprop::Trace::new(&spec::seed());
    for lang in ["zh", "en"] {
        let text = pdftotext(&make_pdf(folder.path(), None, lang, &[]));
        let tags: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with('(') && l.ends_with(')'))
            .collect();
        let expected: Vec<String> = (1..=23).map(|n| format!("({n})")).collect();
        assert_eq!(tags, expected, "[{lang}] equation numbers in order");
        for layer in &trace.layers {
            for w in layer.neurons.iter().flat_map(|n| &n.weights) {
                let k = w.symbol.trim_start_matches("w_");
                assert!(
                    text.contains(&format!("w{k}+ = w{k}")),
                    "[{lang}] w{k}+ is derived"
                );
                assert!(
                    text.contains(&format!("= {}", w.updated)),
                    "[{lang}] w{k}+ = {}",
                    w.updated
                );
            }
        }
        assert!(
            text.contains("w1 = 0.15") && text.contains("w8 = 0.55"),
            "[{lang}] the figure's weights"
        );
    }
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex); run by .ci/run"]
fn nothing_runs_off_the_page() {
    let networks = [
        spec::seed_lesson(),
        spec::load(&example("3-4-2.toml")).unwrap(),
        spec::load(&example("1-1-1.toml")).unwrap(),
    ];
    for (n, network) in networks.iter().enumerate() {
        for lang in [Lang::Zh, Lang::En] {
            let options = Options {
                format: Format::Tex,
                lang,
                precision: Precision::Full,
                ..Options::default()
            };
            let compiled = pdf::build(&render(network, &options).unwrap(), lang)
                .expect("the document compiles");
            let too_wide: Vec<f64> = overfull(&compiled.log)
                .into_iter()
                .filter(|&pt| pt > 10.0)
                .collect();
            assert!(
                too_wide.is_empty(),
                "network {n} [{lang:?}]: Overfull \\hbox of {too_wide:?} pt"
            );
            // A line that cannot be broken (long numbers in an exponent) is shrunk to fit, but never
            // below three quarters of its size: no box is wider than 600 pt for a line of about 450.
            let widest = compiled
                .log
                .match_indices("handprop: shrunk a box ")
                .filter_map(|(i, m)| {
                    compiled.log[i + m.len()..]
                        .split("pt")
                        .next()?
                        .parse::<f64>()
                        .ok()
                })
                .fold(0.0, f64::max);
            assert!(
                widest <= 600.0,
                "network {n} [{lang:?}]: a box {widest} pt wide was shrunk to fit"
            );
            if n == 0 {
                // The seed's lines are broken, not shrunk: every equation and figure is at its natural size.
                assert!(
                    !compiled.log.contains("handprop: shrunk"),
                    "[{lang:?}] the seed shrinks nothing"
                );
            }
        }
    }
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdftotext; run by .ci/run"]
fn a_title_of_every_special_character_prints_literally() {
    let folder = tempfile::tempdir().unwrap();
    let title = r"Notes & 100% $5 #1 a_b {c} ~d ^e \f";
    for lang in ["zh", "en"] {
        let file = make_pdf(
            folder.path(),
            None,
            lang,
            &["--title", title, "--author", "A_B & C"],
        );
        let text = pdftotext(&file);
        assert!(
            text.contains(title),
            "[{lang}] the title prints literally: {}",
            &text[..200.min(text.len())]
        );
        assert!(
            text.contains("A_B & C"),
            "[{lang}] the author prints literally"
        );
    }
}

#[test]
#[ignore = "needs TeX Live (pdflatex); run by .ci/run"]
fn a_failing_engine_shows_its_log_and_leaves_no_pdf() {
    // A teacher's document.tex that calls a macro no package defines makes pdflatex fail. (A Chinese
    // title under --lang en no longer does: such a document is compiled with xelatex.)
    let folder = tempfile::tempdir().unwrap();
    let templates = tempfile::tempdir().unwrap();
    let mine = templates.path().join("mine");
    write_built_in_templates(&mine);
    let document = mine.join("document.tex");
    let tex = std::fs::read_to_string(&document).unwrap();
    assert!(tex.contains("\\begin{document}"), "{tex}");
    let broken = tex.replacen(
        "\\begin{document}",
        "\\begin{document}\\handpropUndefinedMacro",
        1,
    );
    std::fs::write(&document, broken).unwrap();
    let out = folder.path().join("notes.pdf");
    let run = handprop()
        .args(["render", "-f", "pdf", "--lang", "en", "--templates"])
        .arg(&mine)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("pdflatex failed on the LaTeX document, so no PDF was written"),
        "{stderr}"
    );
    assert!(
        stderr.contains("Undefined control sequence"),
        "the log's error line: {stderr}"
    );
    assert!(!out.exists());
    let leftovers: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert!(leftovers.is_empty(), "nothing half-written: {leftovers:?}");
}

#[test]
#[ignore = "needs TeX Live (pdflatex) and pdftotext; run by .ci/run"]
fn a_fragment_compiles_inside_a_teachers_own_notes() {
    let options = Options {
        format: Format::Tex,
        lang: Lang::En,
        precision: Precision::Full,
        fragment: true,
        ..Options::default()
    };
    let fragment = render(&spec::seed_lesson(), &options).unwrap();
    let notes = format!(
        "\\documentclass{{article}}\n\\usepackage{{amsmath,graphicx,tikz}}\n\\usetikzlibrary{{arrows.meta}}\n\
         \\begin{{document}}\n\\section{{My lecture}}\nSome words.\n{fragment}\nMore words.\n\\end{{document}}\n"
    );
    let compiled = pdf::build(&notes, Lang::En).expect("the teacher's notes compile");
    let too_wide: Vec<f64> = overfull(&compiled.log)
        .into_iter()
        .filter(|&pt| pt > 10.0)
        .collect();
    assert!(too_wide.is_empty(), "Overfull \\hbox of {too_wide:?} pt");
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("notes.pdf");
    std::fs::write(&file, &compiled.pdf).unwrap();
    let text = pdftotext(&file);
    assert!(text.contains("My lecture") && text.contains("(23)") && text.contains("More words."));
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdfinfo; run by .ci/run"]
fn the_same_document_gives_the_same_pdf_bytes() {
    let folder = tempfile::tempdir().unwrap();
    let pdf = |name: &str, lang: &str, epoch: &str| {
        let out = folder.path().join(format!("{name}-{lang}.pdf"));
        let mut command = handprop();
        match epoch {
            "" => command.env_remove("SOURCE_DATE_EPOCH"),
            epoch => command.env("SOURCE_DATE_EPOCH", epoch),
        };
        command
            .args(["render", "-f", "pdf", "--lang", lang, "-o"])
            .arg(&out);
        command.assert().success();
        out
    };
    for lang in ["en", "zh"] {
        let first = std::fs::read(pdf("first", lang, "")).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100)); // another second on the clock
        let second = std::fs::read(pdf("second", lang, "")).unwrap();
        assert!(first == second, "{lang}: no date of the run in the PDF");
        // a date asked for through SOURCE_DATE_EPOCH is the PDF's date
        let info = Process::new("pdfinfo")
            .arg(pdf("dated", lang, "86400"))
            .output()
            .expect("pdfinfo runs (install poppler-utils)");
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("Jan  2 00:00:00 1970"), "{lang}: {info}");
    }
}
