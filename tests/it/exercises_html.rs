//! `handprop exercises -f html`: `questions.html` and `answers.html`, one self-contained page each with
//! a section per variant (a new sheet of paper in print), every answer of the key in its variant's
//! section, every figure linked to the variant's own file; the Markdown sheets unchanged by the format.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::support::sets;

use sets::{exercises, handprop, key};

/// The sections of a web sheet, in order.
fn sections(page: &str) -> Vec<&str> {
    page.split("<section class=\"variant\">\n")
        .skip(1)
        .map(|s| s.split("</section>").next().unwrap())
        .collect()
}

/// The key's text as MathML prints it: `4.386e-4` is 4.386 × 10 to the −4.
fn as_mathml(plain: &str) -> String {
    match plain.split_once('e') {
        Some((mantissa, _)) => format!("<mn>{mantissa}</mn><mo>×</mo>"),
        None => format!("<mn>{plain}</mn>"),
    }
}

#[test]
fn every_variant_has_a_section_with_its_figure_and_every_answer_of_the_key() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(
        &dir,
        &["--count", "4", "--seed", "11", "--lang", "en", "-f", "html"],
    );
    let questions = fs::read_to_string(dir.join("questions.html")).unwrap();
    let answers = fs::read_to_string(dir.join("answers.html")).unwrap();
    assert!(questions.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(questions.contains("<title>Exercises</title>"));
    assert!(answers.contains("<title>Exercises: Solutions</title>"));
    for page in [&questions, &answers] {
        assert!(page.ends_with("</main>\n</body>\n</html>\n"));
        // The answer forms' script (its regular expressions have `$`) is not text.
        let text = page.split("<script>").next().unwrap();
        assert!(
            !text.contains('$') && !page.contains("<merror"),
            "all math typeset"
        );
        assert!(page.contains("section.variant + section.variant { break-before: page;"));
    }
    let key = key(&dir);
    let variants = key["variants"].as_array().unwrap();
    let (questions, answers) = (sections(&questions), sections(&answers));
    assert_eq!((questions.len(), answers.len()), (4, 4));
    for (n, variant) in variants.iter().enumerate() {
        let label = format!("{:03}", n + 1);
        let question = questions[n];
        assert!(question.starts_with(&format!("<h1>Exercise {label}</h1>")));
        let figure = format!("<img src=\"{label}/network.svg\"");
        assert_eq!(question.matches(&figure).count(), 1, "{label}");
        assert!(dir.join(&label).join("network.svg").is_file());
        let answer = answers[n];
        assert!(answer.starts_with(&format!("<h1>Exercise {label}: Solution</h1>")));
        for (name, value) in variant["answers"].as_object().unwrap() {
            let value = as_mathml(value.as_str().unwrap());
            assert!(answer.contains(&value), "{label}: {name} = {value}");
        }
    }
}

#[test]
fn the_markdown_sheets_are_the_same_with_or_without_the_web_sheets() {
    let temp = tempfile::tempdir().unwrap();
    let (md, html) = (temp.path().join("md"), temp.path().join("html"));
    exercises(&md, &["--count", "3", "--seed", "5"]);
    exercises(&html, &["--count", "3", "--seed", "5", "-f", "html"]);
    for file in ["questions.md", "answers.md", "key.json", "001/question.md"] {
        assert_eq!(
            fs::read(md.join(file)).unwrap(),
            fs::read(html.join(file)).unwrap(),
            "{file}"
        );
    }
    let page = fs::read_to_string(html.join("questions.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    assert!(page.contains("<title>练习</title>") && page.contains("<h1>练习 001</h1>"));
    let answers = fs::read_to_string(html.join("answers.html")).unwrap();
    assert!(
        answers.contains("<title>练习解答</title>") && answers.contains("<h1>练习 003 解答</h1>")
    );
}

#[test]
fn the_quiz_may_not_take_the_name_of_a_sheet() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    for (format, sheet) in [("html", "questions.html"), ("tex", "answers.tex")] {
        let quiz = dir.join(sheet);
        let output = handprop()
            .args(["exercises", "--count", "2", "--seed", "1", "-f", format])
            .arg("--out")
            .arg(&dir)
            .arg("--moodle")
            .arg(&quiz)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{sheet}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("would overwrite"), "{stderr}");
        assert!(!dir.exists(), "nothing written");
    }
}

/// Chromium's PDF of a page, as text, a string per printed page.
fn printed_pages(page: &Path) -> Vec<String> {
    let pdf = page.with_extension("pdf");
    let status = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .status()
        .expect("chromium runs");
    assert!(status.success());
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(text.status.success());
    let text = String::from_utf8(text.stdout).unwrap();
    text.split('\u{c}').map(str::to_owned).collect()
}

#[test]
#[ignore = "needs chromium and poppler-utils; run by .ci/run"]
fn each_variant_starts_a_new_printed_page() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(
        &dir,
        &["--count", "3", "--seed", "2", "--lang", "en", "-f", "html"],
    );
    for (sheet, heading) in [("questions.html", ""), ("answers.html", ": Solution")] {
        let pages = printed_pages(&dir.join(sheet));
        let starts: Vec<_> = (pages.iter())
            .filter_map(|p| p.trim_start().lines().next())
            .filter(|line| line.starts_with("Exercise "))
            .collect();
        let expected: Vec<_> = (1..=3)
            .map(|n| format!("Exercise 00{n}{heading}"))
            .collect();
        assert_eq!(starts, expected, "{sheet}: a page starts each variant");
        let all = pages.concat();
        assert_eq!(all.matches("Exercise 00").count(), 3, "{sheet}");
    }
}
