//! `handprop exercises --moodle`: the quiz parses as XML and asks what the key holds; and a set made
//! without `--seed` can be made again from the seed it prints; a set is made quietly off a terminal.

use std::fs;

use crate::support::sets;

use sets::{exercises, files, handprop, key};

#[test]
fn the_moodle_quiz_parses_and_asks_what_the_key_holds() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    let quiz = temp.path().join("quiz.xml");
    exercises(
        &dir,
        &[
            "--count",
            "15",
            "--seed",
            "11",
            "--moodle",
            quiz.to_str().unwrap(),
        ],
    );
    #[cfg(unix)]
    {
        // readable by all, as every file handprop writes (a temporary file is 0600)
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&quiz).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }
    let xml = fs::read_to_string(&quiz).unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let questions: Vec<_> = (document.descendants())
        .filter(|n| n.has_tag_name("question") && n.attribute("type") == Some("cloze"))
        .collect();
    let key = key(&dir);
    let variants = key["variants"].as_array().unwrap();
    assert_eq!(questions.len(), variants.len());
    for (question, variant) in questions.iter().zip(variants) {
        let text = (question.descendants())
            .find(|n| n.has_tag_name("questiontext"))
            .and_then(|n| n.descendants().find(|t| t.has_tag_name("text")))
            .and_then(|t| t.text())
            .unwrap();
        let blanks: Vec<(&str, &str)> = (text.split("{1:NUMERICAL:=").skip(1))
            .map(|rest| rest.split_once('}').unwrap().0.split_once(':').unwrap())
            .collect();
        let answers = variant["answers"].as_object().unwrap();
        let names = key["quantities"].as_array().unwrap();
        assert_eq!(blanks.len(), names.len());
        for ((answer, tolerance), name) in blanks.iter().zip(names) {
            let expected = answers[name.as_str().unwrap()].as_str().unwrap();
            assert_eq!(*answer, expected);
            let places = expected.split_once('.').unwrap().1.len();
            if !expected.contains('e') {
                assert_eq!(*tolerance, format!("0.{}5", "0".repeat(places)));
            }
        }
        assert!(
            text.contains("<p>"),
            "the question text is HTML, escaped in the XML"
        );
    }
}

#[test]
fn without_a_seed_one_is_drawn_printed_and_kept_in_the_key() {
    let temp = tempfile::tempdir().unwrap();
    let (a, b) = (temp.path().join("a"), temp.path().join("b"));
    let output = handprop()
        .args(["exercises", "--count", "3", "--out"])
        .arg(&a)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let seed = stderr
        .split("seed ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap();
    assert_eq!(key(&a)["seed"].to_string(), seed);
    exercises(&b, &["--count", "3", "--seed", seed]);
    assert_eq!(files(&a), files(&b));
}

#[test]
fn a_long_set_shows_its_progress_on_a_terminal() {
    // `script` (util-linux, in every Debian) runs handprop with a terminal as its stderr
    let temp = tempfile::tempdir().unwrap();
    let on_a_terminal = |count: &str, out: &str| {
        let command = format!(
            "{} exercises --count {count} --seed 4 --out {}",
            env!("CARGO_BIN_EXE_handprop"),
            temp.path().join(out).display()
        );
        let output = std::process::Command::new("script")
            .args(["-qec", &command, "/dev/null"])
            .output()
            .expect("script runs (util-linux)");
        assert!(output.status.success(), "{output:?}");
        String::from_utf8_lossy(&output.stdout).into_owned()
    };
    let long = on_a_terminal("3000", "long");
    assert!(long.contains("/3000 variants"), "a bar: {long:?}");
    let short = on_a_terminal("20", "short");
    assert!(
        !short.contains("variants"),
        "no bar for a short set: {short:?}"
    );
}

#[test]
fn a_set_with_a_seed_is_quiet_when_stderr_is_not_a_terminal() {
    let temp = tempfile::tempdir().unwrap();
    let output = handprop()
        .args(["exercises", "--count", "1200", "--seed", "4", "--out"])
        .arg(temp.path().join("set"))
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "",
        "no progress bar, no chatter"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn a_quiz_can_live_in_the_set_s_folder_but_not_over_its_files() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    let inside = dir.join("quiz.xml");
    exercises(
        &dir,
        &[
            "--count",
            "2",
            "--seed",
            "3",
            "--moodle",
            inside.to_str().unwrap(),
        ],
    );
    exercises(
        &dir,
        &[
            "--count",
            "2",
            "--seed",
            "4",
            "--moodle",
            inside.to_str().unwrap(),
        ],
    );
    let quiz = fs::read_to_string(&inside).unwrap();
    assert!(roxmltree::Document::parse(&quiz).is_ok());
    let manifest = fs::read_to_string(dir.join(".handprop-manifest")).unwrap();
    assert!(
        manifest.lines().any(|l| l.ends_with("  quiz.xml")),
        "{manifest}"
    );
    for name in ["key.csv", "001/quiz.xml"] {
        handprop()
            .args(["exercises", "--count", "2", "--out"])
            .arg(&dir)
            .arg("--moodle")
            .arg(dir.join(name))
            .assert()
            .code(2)
            .stderr(predicates::str::contains("the set's own files"));
    }
}
