//! Issue 10, case 20: a skeleton's places are a structure, not characters a user could type. A title and
//! an author made of the private-use characters the sheets once reserved (U+E000 … U+E004) go through
//! every kind of set and the site literally: not refused, not taken for a number, a label or a figure.

use std::fs;

use crate::support::sets::{exercises, handprop};

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
