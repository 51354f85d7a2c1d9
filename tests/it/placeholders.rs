//! Issue 10, case 20: a skeleton's places are a structure, not characters a user could type. A title and
//! an author made of the private-use characters the sheets once reserved (U+E000 … U+E004), of the
//! digits a skeleton's drawings write, and of private-use characters from all three ranges go through
//! every kind of set and the site literally: not refused, not taken for a number, a label or a figure;
//! so does a teacher's template that prints every private-use character there is.

use std::fs;

use crate::support::sets::{exercises, handprop};
use crate::support::write_built_in_templates;

const TYPED: &str = "T \u{E000}1n\u{E001} \u{E002} \u{E003}0t\u{E004} \u{E003} \u{E004} end";

fn base(dir: &std::path::Path) -> std::path::PathBuf {
    let seed = fs::read_to_string("examples/mazur.toml").unwrap();
    let text = seed.replacen(
        "learning_rate",
        &format!("title = \"{TYPED}\"\nauthor = \"{TYPED}\"\nlearning_rate"),
        1,
    );
    let path = dir.join("typed.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn a_title_of_private_use_characters_goes_through_every_set_literally() {
    let temp = tempfile::tempdir().unwrap();
    let base = base(temp.path());
    let base = base.to_str().unwrap();
    for format in ["md", "tex", "html"] {
        let dir = temp.path().join(format);
        let quiz = temp.path().join(format!("{format}.xml"));
        let quiz = quiz.to_str().unwrap();
        let args = [
            base, "--count", "3", "--seed", "2", "-f", format, "--moodle", quiz,
        ];
        exercises(&dir, &args);
        for label in ["001", "003"] {
            let folder = dir.join(label);
            let rendered = handprop()
                .arg("render")
                .arg(folder.join("network.toml"))
                .output()
                .unwrap();
            assert!(rendered.status.success());
            let answer = fs::read_to_string(folder.join("answer.md")).unwrap();
            assert_eq!(String::from_utf8(rendered.stdout).unwrap(), answer);
            assert!(answer.starts_with(&format!("# {TYPED}\n")), "{answer}");
        }
        let answers = fs::read_to_string(dir.join("answers.md")).unwrap();
        assert_eq!(
            answers.matches(TYPED).count(),
            3 * 2,
            "title and author, each variant"
        );
        let questions = fs::read_to_string(dir.join("questions.md")).unwrap();
        assert_eq!(questions.matches("/network.svg").count(), 3, "{questions}");
    }
}

#[test]
fn a_site_of_a_title_of_private_use_characters_is_built() {
    let temp = tempfile::tempdir().unwrap();
    let base = base(temp.path());
    let out = temp.path().join("site");
    handprop()
        .args([
            "site",
            base.to_str().unwrap(),
            "--exercises",
            "2",
            "--seed",
            "3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    let page = fs::read_to_string(out.join("typed.zh.html")).unwrap();
    assert!(page.contains(&format!("<title>{TYPED}</title>")), "{page}");
}

/// Private-use characters from all three ranges (their ends, and a spread between), the digits a
/// skeleton's two drawings write for a label and a number's slot, and the once-reserved U+E000 … U+E004:
/// at most the 1,000 characters a title may have.
fn every_kind() -> String {
    let ranges = [
        (0xE000u32, 0xF8FF),
        (0xF_0000, 0xF_FFFD),
        (0x10_0000, 0x10_FFFD),
    ];
    let mut text = String::from(
        "\u{E000}\u{E001}\u{E002}\u{E003}\u{E004} 200000000000 755555555555 100000000007 ",
    );
    for (first, last) in ranges {
        let step = (last - first) / 300;
        text.extend(
            (first..=last)
                .step_by(step as usize)
                .filter_map(char::from_u32),
        );
        text.extend(char::from_u32(last));
    }
    assert!(text.chars().count() <= 1000);
    text
}

#[test]
fn a_title_author_and_roster_of_every_kind_of_private_use_character_print_as_written() {
    let temp = tempfile::tempdir().unwrap();
    let text = every_kind();
    let seed = fs::read_to_string("examples/mazur.toml").unwrap();
    let toml = format!("title = \"{text}\"\nauthor = \"{text}\"\n{seed}");
    let base = temp.path().join("typed.toml");
    fs::write(&base, toml).unwrap();
    let roster = temp.path().join("students.csv");
    fs::write(&roster, format!("id,name\n\u{E001}7,{text}\n")).unwrap();
    for format in ["md", "tex", "html"] {
        let dir = temp.path().join(format);
        let lms = |name: &str| temp.path().join(format!("{format}.{name}"));
        handprop()
            .arg("exercises")
            .arg(&base)
            .args(["--count", "2", "--seed", "5", "-f", format, "--out"])
            .arg(&dir)
            .arg("--moodle")
            .arg(lms("xml"))
            .arg("--qti")
            .arg(lms("qti.zip"))
            .arg("--canvas")
            .arg(lms("canvas.zip"))
            .assert()
            .success();
        for label in ["001", "002"] {
            let answer = fs::read_to_string(dir.join(label).join("answer.md")).unwrap();
            assert!(answer.starts_with(&format!("# {text}\n")), "{answer}");
        }
        // the combined answers (answers.tex's pages are fragments, without the title)
        let combined = ["answers.md"]
            .into_iter()
            .chain((format == "html").then_some("answers.html"));
        for combined in combined {
            let answers = fs::read_to_string(dir.join(combined)).unwrap();
            assert_eq!(answers.matches(text.as_str()).count(), 2 * 2, "{combined}");
        }
        let quiz = fs::read_to_string(lms("xml")).unwrap();
        assert!(quiz.contains("<questiontext format=\"html\">"), "{quiz}");
        // a roster: the student's name on their sheet, as written
        let dir = temp.path().join(format!("{format}-roster"));
        handprop()
            .arg("exercises")
            .arg(&base)
            .args(["--seed", "5", "-f", format, "--roster"])
            .arg(&roster)
            .arg("--out")
            .arg(&dir)
            .assert()
            .success();
        let question = fs::read_to_string(dir.join("001/question.md")).unwrap();
        assert!(question.contains(&text), "{question}");
        assert!(question.contains("\u{E001}7"), "{question}");
    }
}

#[test]
fn a_template_printing_every_private_use_character_is_printed_as_written() {
    let temp = tempfile::tempdir().unwrap();
    let templates = temp.path().join("tpl");
    write_built_in_templates(&templates);
    let ranges = [
        (0xE000u32, 0xF8FF),
        (0xF_0000, 0xF_FFFD),
        (0x10_0000, 0x10_FFFD),
    ];
    let every: String = ranges
        .iter()
        .flat_map(|&(first, last)| (first..=last).filter_map(char::from_u32))
        .collect();
    assert_eq!(every.chars().count(), 6400 + 2 * 65534);
    let question = templates.join("exercises/question.md");
    let mut text = fs::read_to_string(&question).unwrap();
    text += &format!("\n{every}\n");
    fs::write(&question, text).unwrap();
    let dir = temp.path().join("set");
    handprop()
        .args(["exercises", "--count", "2", "--seed", "1", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(&dir)
        .assert()
        .success();
    for label in ["001", "002"] {
        let sheet = fs::read_to_string(dir.join(label).join("question.md")).unwrap();
        assert!(sheet.ends_with(&format!("\n{every}\n")), "{label}");
    }
}

#[test]
fn a_teachers_template_that_changes_a_label_is_refused_naming_its_file() {
    let temp = tempfile::tempdir().unwrap();
    let templates = temp.path().join("tpl");
    write_built_in_templates(&templates);
    let title = templates.join("exercises/title.txt");
    fs::write(&title, "{{ label|reverse }}\n").unwrap();
    let run = handprop()
        .args(["exercises", "--count", "2", "--seed", "1", "--templates"])
        .arg(&templates)
        .arg("--out")
        .arg(temp.path().join("set"))
        .assert()
        .code(2);
    let stderr = String::from_utf8(run.get_output().stderr.clone()).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("{} prints a number", title.display()))
            && stderr.contains("changes the text of a number or of a label"),
        "{stderr}"
    );
}
