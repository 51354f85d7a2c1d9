//! The seam for notations, formats and languages: the page shell, each notation's way of writing a
//! step and the languages' own names are templates a teacher's `--templates DIR` replaces, each used
//! by every output that has it (and by no other); the formats' decisions are one table.

use std::fs;
use std::path::Path;

use handprop::{Format, render::Delivery};

use crate::support::handprop;

/// Runs handprop in `dir` and returns its stdout.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = handprop().current_dir(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A folder `mine` in `dir` with `name` holding the built-in template changed by `change`.
fn mine(dir: &Path, name: &str, change: impl Fn(&str) -> String) {
    run(dir, &["templates", "--out", "built-in"]);
    let text = fs::read_to_string(dir.join("built-in").join(name)).unwrap();
    let file = dir.join("mine").join(name);
    fs::create_dir_all(file.parent().unwrap()).unwrap();
    fs::write(file, change(&text)).unwrap();
}

#[test]
fn the_page_shell_is_a_template_used_by_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let meta = "<meta name=\"generator\" content=\"our course\">";
    mine(dir.path(), "html/page.html", |text| {
        text.replace(
            "<meta charset=\"utf-8\">",
            &format!("<meta charset=\"utf-8\">\n{meta}"),
        )
    });
    let page = run(dir.path(), &["render", "-f", "html", "--templates", "mine"]);
    let built_in = run(dir.path(), &["render", "-f", "html"]);
    assert_eq!(page.replace(&format!("{meta}\n"), ""), built_in);
    let args = ["--seed", "1", "--templates", "mine"];
    run(
        dir.path(),
        &[
            &["exercises", "--count", "1", "-f", "html", "--out", "set"],
            &args[..],
        ]
        .concat(),
    );
    run(
        dir.path(),
        &[&["site", "--exercises", "1", "--out", "site"], &args[..]].concat(),
    );
    for page in [
        "set/questions.html",
        "set/answers.html",
        "site/mazur.en.html",
        "site/exercises/001.html",
    ] {
        let text = fs::read_to_string(dir.path().join(page)).unwrap();
        assert_eq!(text.matches(meta).count(), 1, "{page}");
    }
}

#[test]
fn a_notation_s_template_writes_its_documents_only() {
    let dir = tempfile::tempdir().unwrap();
    mine(dir.path(), "notation/scalar.md", |text| {
        text.replace(
            "{% component notation.lead(step, trace) %}",
            "{% component notation.lead(step, trace) %}» ",
        )
    });
    let scalar = run(
        dir.path(),
        &["render", "--lang", "en", "--templates", "mine"],
    );
    let built_in = run(dir.path(), &["render", "--lang", "en"]);
    // one lead for each of the seed's 23 equations (some leads are empty: a line of its own)
    assert_eq!(scalar.matches('»').count(), 23);
    let mut unmarked = String::new();
    for line in scalar.lines().filter(|line| *line != "»") {
        if !(line.is_empty() && unmarked.ends_with("\n\n")) {
            unmarked.push_str(line.strip_prefix("» ").unwrap_or(line));
            unmarked.push('\n');
        }
    }
    assert_eq!(unmarked, built_in);
    let matrix = ["render", "--notation", "matrix"];
    assert_eq!(
        run(
            dir.path(),
            &[&matrix[..], &["--templates", "mine"]].concat()
        ),
        run(dir.path(), &matrix),
        "matrix notation has a template of its own"
    );
}

#[test]
fn each_language_is_named_in_its_own_words_on_every_page() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let out = format!("site-{lang}");
        run(dir.path(), &["site", "--lang", lang, "--out", &out]);
        let index = fs::read_to_string(dir.path().join(&out).join("index.html")).unwrap();
        assert!(index.contains("hreflang=\"zh-CN\">中文</a>"), "{index}");
        assert!(index.contains("hreflang=\"en\">English</a>"), "{index}");
    }
    let zh = fs::read_to_string(dir.path().join("site-en/mazur.zh.html")).unwrap();
    assert!(zh.contains("<a href=\"mazur.en.html\" hreflang=\"en\">English</a>"));
    let en = fs::read_to_string(dir.path().join("site-en/mazur.en.html")).unwrap();
    assert!(en.contains("<a href=\"mazur.zh.html\" hreflang=\"zh-CN\">中文</a>"));
}

#[track_caller]
fn case(format: Format, layout: Option<&str>, markup: &str, fragment: bool, delivery: Delivery) {
    assert_eq!(format.layout(), layout, "{format:?}");
    assert_eq!(format.markup(), markup, "{format:?}");
    assert_eq!(
        format.is_latex(),
        layout == Some("document.tex"),
        "{format:?}"
    );
    assert_eq!(format.takes_fragment(), fragment, "{format:?}");
    assert_eq!(format.delivery(), delivery, "{format:?}");
}

#[test]
fn each_format_answers_each_question_of_the_seam() {
    case(
        Format::Md,
        Some("document.md"),
        "markup.md",
        false,
        Delivery::WithFigureFiles,
    );
    case(
        Format::Html,
        Some("document.md"),
        "markup.md",
        false,
        Delivery::Text,
    );
    case(
        Format::Tex,
        Some("document.tex"),
        "markup.tex",
        true,
        Delivery::Text,
    );
    case(
        Format::Pdf,
        Some("document.tex"),
        "markup.tex",
        false,
        Delivery::Compiled,
    );
    case(Format::Json, None, "markup.md", false, Delivery::Text);
}
