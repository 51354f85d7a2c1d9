//! LaTeX of any accepted network and any text (issue 10, cases 15 and 16, what was left): the largest
//! network handprop takes compiles (its long lines broken for TeX's line buffer, the engine given the
//! memory its figure needs); the widths a LaTeX equation line holds are refused past their edge and
//! taken up to it; an English exercise set whose roster pdflatex cannot set is written for xelatex,
//! decided where `render` decides it.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::sets::handprop;

/// A network file of `inputs` inputs, `hidden` hidden neurons and `outputs` outputs, every weight a
/// different number of 17 digits (the longest a document prints).
fn network(dir: &Path, name: &str, (inputs, hidden, outputs): (usize, usize, usize)) -> PathBuf {
    let mut next = 0u64;
    let mut row = |n: usize| {
        let numbers: Vec<String> = (0..n)
            .map(|_| {
                next += 1;
                format!("-0.{:017}", 12_345_678_901_234_567 + next * 7_919)
            })
            .collect();
        format!("[{}]", numbers.join(", "))
    };
    let inputs_row = row(inputs);
    let hidden_rows: Vec<String> = (0..hidden).map(|_| row(inputs)).collect();
    let output_rows: Vec<String> = (0..outputs).map(|_| row(hidden)).collect();
    let targets = format!("[{}]", vec!["0.5"; outputs].join(", "));
    let text = format!(
        "learning_rate = 0.5\ninputs = {inputs_row}\ntargets = {targets}\n\
         [[layers]]\nweights = [{}]\nbias = 0.1\n\
         [[layers]]\nweights = [{}]\nbias = 0.1\n",
        hidden_rows.join(", "),
        output_rows.join(", "),
    );
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// The largest network handprop takes with the widest last hidden layer LaTeX sets: 96 inputs, 200
/// hidden neurons, 2 outputs, 19,802 weights and biases (of at most 20,000), weights numbered to w₁₉₆₀₀.
const LARGEST: (usize, usize, usize) = (96, 200, 2);

#[test]
fn the_largest_network_s_latex_has_no_line_past_tex_s_buffer() {
    let dir = tempfile::tempdir().unwrap();
    let file = network(dir.path(), "largest.toml", LARGEST);
    let tex = handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "tex"])
        .assert()
        .success();
    let tex = String::from_utf8(tex.get_output().stdout.clone()).unwrap();
    // TeX Live reads a line into a buffer of 200,000 characters
    let longest = tex.lines().map(str::len).max().unwrap();
    assert!(longest <= 100_000, "a line of {longest} bytes");
    // every weight is still given, each once, in order, in the paragraph that lists them
    let start = tex.find("Let $w_1 = ").unwrap();
    // (a line break reads as a space)
    let list = tex[start..start + tex[start..].find("$b_1").unwrap()].replace('\n', " ");
    let given: Vec<usize> = (list.match_indices("$w_"))
        .filter_map(|(at, _)| {
            let rest = list[at + 3..].trim_start_matches('{');
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            let after = rest[digits..].trim_start_matches('}');
            after
                .starts_with(" = -0.")
                .then(|| rest[..digits].parse().ok())
                .flatten()
        })
        .collect();
    assert!(
        given.iter().copied().eq(1..=19_600),
        "{} weights given, the first {:?}",
        given.len(),
        &given[..given.len().min(5)]
    );
}

#[test]
#[ignore = "needs TeX Live (pdflatex) and pdftotext; run by .ci/run"]
fn the_largest_network_makes_a_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let file = network(dir.path(), "largest.toml", LARGEST);
    let pdf = dir.path().join("largest.pdf");
    handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "pdf", "-o"])
        .arg(&pdf)
        .timeout(std::time::Duration::from_secs(3600))
        .assert()
        .success();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("w19600"), "the last weight is set");
}

/// The widths a LaTeX document takes, at their edges: 200 neurons in the last hidden layer (with weights
/// numbered past 10,000, the widest their names get) and 120 outputs are set; 201 and 121 are refused
/// up front with exit 2, naming the widths that fit.
#[test]
fn the_widths_latex_takes_are_taken_up_to_their_edges() {
    let dir = tempfile::tempdir().unwrap();
    for (shape, refused) in [
        ((60, 200, 2), None),
        ((60, 201, 2), Some("the last hidden layer has 201 neurons")),
        ((2, 2, 120), None),
        ((2, 2, 121), Some("the output layer has 121 neurons")),
    ] {
        let file = network(dir.path(), "edge.toml", shape);
        let run = handprop()
            .arg("render")
            .arg(&file)
            .args(["--lang", "en", "-f", "tex"])
            .assert();
        match refused {
            None => {
                run.success();
            }
            Some(problem) => {
                let stderr = String::from_utf8(run.code(2).get_output().stderr.clone()).unwrap();
                assert_eq!(stderr.lines().count(), 1, "{stderr}");
                assert!(stderr.contains(problem), "{stderr}");
                assert!(
                    stderr.contains("up to 120 output neurons and 200 in the last hidden layer"),
                    "{stderr}"
                );
            }
        }
    }
}

/// TeX sets the widest equation of the edge (the total error written out over 200 hidden neurons with
/// five-digit weight names) within its largest dimension.
#[test]
#[ignore = "needs TeX Live (pdflatex); run by .ci/run"]
fn the_edge_width_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let file = network(dir.path(), "edge.toml", (60, 200, 2));
    handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "pdf", "-o"])
        .arg(dir.path().join("edge.pdf"))
        .timeout(std::time::Duration::from_secs(3600))
        .assert()
        .success();
}

fn roster_set(dir: &Path, names: &[&str]) -> (String, String) {
    let roster = dir.join("roster.csv");
    let rows: Vec<String> = (names.iter().enumerate())
        .map(|(i, name)| format!("{},{name}", i + 1))
        .collect();
    fs::write(&roster, format!("id,name\n{}\n", rows.join("\n"))).unwrap();
    let out = dir.join("set");
    handprop()
        .args([
            "exercises",
            "--seed",
            "1",
            "-f",
            "tex",
            "--lang",
            "en",
            "--force",
            "--roster",
        ])
        .arg(&roster)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    (
        fs::read_to_string(out.join("questions.tex")).unwrap(),
        fs::read_to_string(out.join("answers.tex")).unwrap(),
    )
}

#[test]
fn an_english_set_whose_roster_pdflatex_cannot_set_is_for_xelatex() {
    let dir = tempfile::tempdir().unwrap();
    let (questions, answers) = roster_set(dir.path(), &["张伟", "Zoë 😀"]);
    for tex in [&questions, &answers] {
        assert!(tex.contains("\\usepackage{xeCJK}"), "{}", &tex[..600]);
    }
    assert!(questions.contains("Name: 张伟, ID: 1"));
    assert!(questions.contains("Name: Zoë {\\csname handpropfallback\\endcsname 😀}, ID: 2"));
    // a roster pdflatex sets keeps pdflatex's preamble
    let (questions, answers) = roster_set(dir.path(), &["Zoë Müller", "Ann"]);
    for tex in [&questions, &answers] {
        assert!(!tex.contains("fontspec"), "{}", &tex[..600]);
        assert!(tex.contains("\\UndeclareTextCommand{\\textunderscore}{OT1}"));
    }
}

#[test]
#[ignore = "needs TeX Live (xelatex) and pdftotext; run by .ci/run"]
fn an_english_set_of_a_chinese_roster_compiles() {
    let dir = tempfile::tempdir().unwrap();
    let (questions, _) = roster_set(dir.path(), &["张伟", "Zoë"]);
    let compiled = handprop::pdf::build_with(&questions, "xelatex").expect("it compiles");
    let pdf = dir.path().join("questions.pdf");
    fs::write(&pdf, &compiled.pdf).unwrap();
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("张伟") && text.contains("Zoë"), "{text}");
}

/// A character no installed font has (a crab, U+1F980, which DejaVu Sans lacks) would print as nothing:
/// `-f pdf` refuses with one line naming it and the line of the LaTeX holding it, exit 2, and writes no
/// PDF; the emoji DejaVu Sans has still print.
#[test]
#[ignore = "needs TeX Live (xelatex) and DejaVu Sans; run by .ci/run"]
fn a_character_no_font_has_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let seed = include_str!("../../examples/mazur.toml");
    let file = dir.path().join("crab.toml");
    fs::write(&file, format!("author = \"Zoë 🦀\"\n{seed}")).unwrap();
    let pdf = dir.path().join("crab.pdf");
    let assert = handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "pdf", "-o"])
        .arg(&pdf)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("the character 🦀 (U+1F980) in line")
            && stderr.contains("\\author{Zoë")
            && stderr.contains("(DejaVu Sans)"),
        "{stderr}"
    );
    assert!(!pdf.exists());
}
