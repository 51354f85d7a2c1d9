//! `handprop exercises` with figures and `-f tex`: each variant's network figure beside its question
//! and linked from both question sheets; `questions.tex` and `answers.tex`, one variant per page, each
//! answer page the worked solution that `handprop render -f tex` writes for the variant's network.

use std::fs;
use std::path::Path;

use crate::support::sets;

use sets::{exercises, handprop};

/// The first weight of a variant's network file, as the sheets print it at 4 places.
fn first_weight(dir: &Path, label: &str) -> String {
    let network = fs::read_to_string(dir.join(label).join("network.toml")).unwrap();
    let spec = handprop::spec::parse(&network, "network.toml").unwrap();
    handprop::Precision::Places(4).format(spec.network.layers()[0].weights()[0][0])
}

#[test]
fn each_variant_has_its_figure_linked_from_both_question_sheets() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(&dir, &["--count", "3", "--seed", "1"]);
    let questions = fs::read_to_string(dir.join("questions.md")).unwrap();
    let mut figures = Vec::new();
    for label in ["001", "002", "003"] {
        let svg = fs::read_to_string(dir.join(label).join("network.svg")).unwrap();
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        let weight = first_weight(&dir, label);
        assert!(
            svg.contains(&format!("=\u{a0}{weight}<")),
            "{label}: w1 = {weight} on its edge"
        );
        let question = fs::read_to_string(dir.join(label).join("question.md")).unwrap();
        let link = "![图 1：网络，每条边上标有它的权重，左边是输入，右边是目标输出](<network.svg>)";
        assert_eq!(question.matches(link).count(), 1, "{label}: {question}");
        let linked = format!("](<{label}/network.svg>)");
        assert_eq!(
            questions.matches(&linked).count(),
            1,
            "{label} in questions.md"
        );
        figures.push(svg);
    }
    assert_ne!(figures[0], figures[1], "each variant draws its own numbers");
    assert!(
        !dir.join("questions.tex").exists(),
        "LaTeX only with -f tex"
    );
    let manifest = fs::read_to_string(dir.join(".handprop-manifest")).unwrap();
    assert!(manifest.lines().any(|l| l.ends_with("  002/network.svg")));
}

/// The equation numbers of a LaTeX text, in order.
fn tags(tex: &str) -> Vec<u32> {
    tex.split("\\tag{")
        .skip(1)
        .map(|rest| rest[..rest.find('}').unwrap()].parse().unwrap())
        .collect()
}

#[test]
fn tex_sheets_have_a_page_per_variant_numbered_as_the_seed() {
    let temp = tempfile::tempdir().unwrap();
    for (lang, class, title) in [
        ("zh", "{ctexart}", "练习 002"),
        ("en", "{article}", "Exercise 002"),
    ] {
        let dir = temp.path().join(lang);
        exercises(
            &dir,
            &["--count", "4", "--seed", "3", "--lang", lang, "-f", "tex"],
        );
        let questions = fs::read_to_string(dir.join("questions.tex")).unwrap();
        let answers = fs::read_to_string(dir.join("answers.tex")).unwrap();
        for sheet in [&questions, &answers] {
            assert!(
                sheet.starts_with("\\documentclass")
                    && sheet.lines().next().unwrap().ends_with(class)
            );
            assert!(sheet.ends_with("\\end{document}\n"));
            assert_eq!(
                sheet.matches("\\clearpage").count(),
                3,
                "[{lang}] between 4 variants"
            );
            assert_eq!(sheet.matches("\\begin{document}").count(), 1);
        }
        assert_eq!(answers.matches("\\tag{23}").count(), 4, "[{lang}]");
        let body = &answers[answers.find("\\begin{document}").unwrap()..];
        for page in body.split("\\clearpage") {
            assert_eq!(
                tags(page),
                (1..=23).collect::<Vec<_>>(),
                "[{lang}] (1)…(23) on each page"
            );
        }
        let pages: Vec<&str> = questions.split("\\clearpage").collect();
        assert!(
            pages[1].contains(title) && !pages[0].contains(title),
            "[{lang}]"
        );
        for (k, page) in pages.iter().enumerate() {
            let label = format!("{:03}", k + 1);
            assert_eq!(
                page.matches("\\begin{tikzpicture}").count(),
                1,
                "[{lang}] {label}'s figure"
            );
            let weight = first_weight(&dir, &label);
            assert!(
                page.contains(&format!("w_1 = {weight}")),
                "[{lang}] {label}: w1 = {weight}"
            );
            assert!(
                !page.contains('\u{E003}') && !page.contains('\u{E002}'),
                "no mark is left"
            );
        }
        assert!(!answers.contains('\u{E003}') && !answers.contains('\u{E004}'));
    }
}

#[test]
fn an_answer_page_is_the_worked_solution_render_writes_for_the_variant() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    exercises(
        &dir,
        &[
            "--count",
            "3",
            "--seed",
            "8",
            "--lang",
            "en",
            "-f",
            "tex",
            "--carry-rounded",
        ],
    );
    let answers = fs::read_to_string(dir.join("answers.tex")).unwrap();
    let body = &answers[answers.find("\\begin{document}").unwrap()..];
    let pages: Vec<&str> = body.split("\n\\clearpage\n").collect();
    assert_eq!(pages.len(), 3);
    for (k, page) in pages.iter().enumerate() {
        let label = format!("{:03}", k + 1);
        assert!(page.contains(&format!("Exercise {label}: Solution")));
        let fragment = handprop()
            .args(["render", "-f", "tex", "--fragment", "--lang", "en"])
            .args(["--precision", "4", "--carry-rounded"])
            .arg(dir.join(&label).join("network.toml"))
            .output()
            .unwrap();
        let fragment = String::from_utf8(fragment.stdout).unwrap();
        let solution = &fragment[fragment.find("\\begingroup").unwrap()..];
        let on_page = &page[page.find("\\begingroup").unwrap()..];
        let on_page = on_page.trim_end_matches("\n\\end{document}\n").trim_end();
        assert_eq!(
            on_page,
            solution.trim_end(),
            "{label}: figures and equations as render -f tex"
        );
    }
}
