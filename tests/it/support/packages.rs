//! Helpers of the tests that read the quizzes a set exports: a zip package's files, an XML file's
//! elements, the worked solution's equations.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

/// Every file of the zip package at `path`, by name, in the package's order.
pub fn unzip(path: &Path) -> Vec<(String, Vec<u8>)> {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    (0..archive.len())
        .map(|n| {
            let mut entry = archive.by_index(n).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().to_owned(), bytes)
        })
        .collect()
}

/// The files of a package by name.
pub fn by_name(files: &[(String, Vec<u8>)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(name, bytes)| (name.clone(), String::from_utf8_lossy(bytes).into_owned()))
        .collect()
}

/// The TeX of every display equation (`$$ … $$`) of a Markdown answer sheet, trimmed.
pub fn display_equations(markdown: &str) -> Vec<String> {
    markdown
        .split("$$")
        .skip(1)
        .step_by(2)
        .map(|tex| tex.trim().to_owned())
        .collect()
}

/// The text of every descendant of `node`, joined.
pub fn all_text(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Asserts that `feedback` (the text of a quiz's feedback, unescaped) holds every display equation of
/// the answer sheet `answer`, each between `\[` and `\]`.
#[track_caller]
pub fn holds_the_solution(feedback: &str, answer: &str) {
    let equations = display_equations(answer);
    assert!(equations.len() >= 10, "an answer sheet of equations");
    for tex in equations {
        assert!(
            feedback.contains(&format!("\\[\n{tex}\n\\]")),
            "the feedback lacks {tex}"
        );
    }
}

/// The runs of digits of a text, in order (`x_{1} = 0.25` gives 1, 0, 25).
pub fn digit_runs(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|run| !run.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The MathML elements (in MathML's namespace) under `node`.
pub fn maths<'a, 'input>(node: roxmltree::Node<'a, 'input>) -> Vec<roxmltree::Node<'a, 'input>> {
    const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
    node.descendants()
        .filter(|n| n.tag_name().name() == "math" && n.tag_name().namespace() == Some(MATHML))
        .collect()
}

/// Asserts that `feedback` (a QTI `modalFeedback`) holds every display equation of the answer sheet
/// `answer` as a displayed MathML `<math>`, in order, with the same numbers (digit for digit, in any
/// order) as the equation's TeX, and its number after it.
#[track_caller]
pub fn holds_the_solution_as_mathml(feedback: roxmltree::Node, answer: &str) {
    let equations = display_equations(answer);
    assert!(equations.len() >= 10, "an answer sheet of equations");
    let displayed: Vec<_> = (maths(feedback).into_iter())
        .filter(|m| m.attribute("display") == Some("block"))
        .collect();
    assert_eq!(
        displayed.len(),
        equations.len(),
        "one MathML block per equation"
    );
    for (tex, math) in equations.iter().zip(displayed) {
        let (tex, number) = tex.split_once("\\tag{").unwrap_or((tex, ""));
        let texts: Vec<&str> = (math.descendants().filter(|n| n.is_text()))
            .filter_map(|n| n.text())
            .collect();
        // sorted: MathML puts a sub- before a superscript, whichever TeX writes first
        let sorted = |mut runs: Vec<String>| {
            runs.sort();
            runs
        };
        let (typeset, written) = (digit_runs(&texts.join(" ")), digit_runs(tex));
        assert_eq!(sorted(typeset), sorted(written), "{tex}");
        let after: String = (math.next_siblings().filter(|n| n.is_text()))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(digit_runs(&after), digit_runs(number), "{tex}");
    }
}
