//! The LaTeX exercise sheets (`handprop exercises -f tex`) compiled by the real TeX Live (xelatex for
//! zh, pdflatex for en) and read back with poppler's `pdftotext`, page by page. `#[ignore]`d in a plain
//! `cargo test` and run by `.ci/run`, which installs TeX Live; without it they fail (they do not skip).

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use handprop::{Lang, pdf};

use crate::support::sets;

use sets::exercises;

/// The pages of a compiled sheet, as pdftotext reads them.
fn pages(folder: &Path, name: &str, tex: &str, lang: Lang) -> Vec<String> {
    let compiled = pdf::build(tex, lang).unwrap_or_else(|e| panic!("{name} compiles: {e}"));
    assert!(
        !compiled.log.contains("Overfull \\hbox"),
        "{name}: nothing runs off the page"
    );
    let file = folder.join(format!("{name}.pdf"));
    fs::write(&file, &compiled.pdf).unwrap();
    let out = Process::new("pdftotext")
        .arg(&file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "pdftotext failed on {name}");
    let text = String::from_utf8(out.stdout).expect("pdftotext writes UTF-8");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    pages.pop(); // after the last form feed
    pages
}

/// Whether a page opens with `heading` (pdftotext may put the page's number before it).
fn opens_with(page: &str, heading: &str) -> bool {
    let mut lines = page.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or_default();
    let first = match first.parse::<u32>() {
        Ok(_) => lines.next().unwrap_or_default(),
        Err(_) => first,
    };
    first.starts_with(heading)
}

/// The equation numbers, `(n)` alone on a line, of a text.
fn tags(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            l.starts_with('(') && l.ends_with(')') && l[1..l.len() - 1].parse::<u32>().is_ok()
        })
        .map(str::to_owned)
        .collect()
}

#[test]
#[ignore = "needs TeX Live (xelatex, pdflatex) and pdftotext; run by .ci/run"]
fn both_sheets_compile_with_a_page_per_variant_in_both_languages() {
    let temp = tempfile::tempdir().unwrap();
    let expected: Vec<String> = (1..=23).map(|n| format!("({n})")).collect();
    for (lang, code, question, answer) in [
        (Lang::Zh, "zh", "练习 ", " 解答"),
        (Lang::En, "en", "Exercise ", ": Solution"),
    ] {
        let dir = temp.path().join(code);
        exercises(
            &dir,
            &["--count", "3", "--seed", "4", "--lang", code, "-f", "tex"],
        );
        let tex = |name: &str| fs::read_to_string(dir.join(name)).unwrap();
        let questions = pages(
            temp.path(),
            &format!("q-{code}"),
            &tex("questions.tex"),
            lang,
        );
        assert_eq!(questions.len(), 3, "[{code}] one page per question");
        for (k, page) in questions.iter().enumerate() {
            let label = format!("{:03}", k + 1);
            assert!(
                opens_with(page, &format!("{question}{label}")),
                "[{code}] {page}"
            );
            assert!(
                page.contains("w1 = "),
                "[{code}] {label}: the figure's weights"
            );
        }
        let answers = pages(temp.path(), &format!("a-{code}"), &tex("answers.tex"), lang);
        let starts: Vec<usize> = (answers.iter().enumerate())
            .filter(|(_, page)| opens_with(page, question))
            .map(|(n, _)| n)
            .collect();
        assert_eq!(
            starts.len(),
            3,
            "[{code}] each variant's answer starts a page"
        );
        for (k, &start) in starts.iter().enumerate() {
            let label = format!("{:03}", k + 1);
            let heading = format!("{question}{label}{answer}");
            assert!(opens_with(&answers[start], &heading), "[{code}] {heading}");
            let end = starts.get(k + 1).copied().unwrap_or(answers.len());
            let text = answers[start..end].join("\n");
            assert_eq!(tags(&text), expected, "[{code}] {label}: (1)…(23) in order");
        }
    }
}
