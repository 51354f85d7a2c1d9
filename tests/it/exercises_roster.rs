//! `handprop exercises --roster`: one variant per student in the roster's order, the student's name and
//! id printed as written on their question sheet (Markdown, LaTeX one page each, HTML) and in the key;
//! the quizzes carry no names; a bad roster is one line naming its file and row, exit 2.

use std::fs;
use std::path::Path;

use crate::support::sets::{exercises, handprop, key};

/// The roster of the tests: a header in another order, an extra column, names that need escaping.
const ROSTER: &str = "email,Name,id\n\
    z@example.org,Zoë <Z> & Co,s-001\n\
    a@example.org,\"Lee, Ann $x$ \\\\ _b_ #1\",s-002\n\
    ,李雷,s-003\n";

const STUDENTS: [(&str, &str); 3] = [
    ("s-001", "Zoë <Z> & Co"),
    ("s-002", "Lee, Ann $x$ \\\\ _b_ #1"),
    ("s-003", "李雷"),
];

fn roster(folder: &Path) -> String {
    let path = folder.join("students.csv");
    fs::write(&path, ROSTER).unwrap();
    path.to_str().unwrap().to_owned()
}

/// The text a reader sees of a Markdown sheet (markup and escapes gone).
fn markdown_text(markdown: &str) -> String {
    let options = pulldown_cmark::Options::ENABLE_MATH | pulldown_cmark::Options::ENABLE_TABLES;
    let mut text = String::new();
    for event in pulldown_cmark::Parser::new_ext(markdown, options) {
        match event {
            pulldown_cmark::Event::Text(t) => text.push_str(&t),
            pulldown_cmark::Event::InlineMath(t) => text.push_str(&format!("${t}$")),
            pulldown_cmark::Event::SoftBreak | pulldown_cmark::Event::End(_) => text.push('\n'),
            _ => {}
        }
    }
    text
}

#[test]
fn each_student_gets_their_own_sheet_and_row_in_the_key() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    let students = roster(temp.path());
    for (lang, name_word) in [("en", "Name: "), ("zh", "姓名：")] {
        exercises(
            &dir,
            &[
                "--roster", &students, "--seed", "6", "--lang", lang, "-f", "html",
            ],
        );
        let key = key(&dir);
        let variants = key["variants"].as_array().unwrap();
        assert_eq!(variants.len(), STUDENTS.len());
        assert_eq!(key["count"], 3);
        for (n, (variant, (id, name))) in variants.iter().zip(STUDENTS).enumerate() {
            assert_eq!(variant["variant"], n + 1);
            assert_eq!(variant["student_id"], id);
            assert_eq!(variant["student_name"], name);
            let sheet = fs::read_to_string(dir.join(format!("{:03}/question.md", n + 1))).unwrap();
            let text = markdown_text(&sheet);
            assert!(text.contains(&format!("{name_word}{name}")), "{text}");
            assert!(text.contains(id), "{text}");
        }
        let all = markdown_text(&fs::read_to_string(dir.join("questions.md")).unwrap());
        let places: Vec<usize> = (STUDENTS.iter())
            .map(|(_, name)| all.find(&format!("{name_word}{name}")).unwrap())
            .collect();
        assert!(places.is_sorted(), "in the roster's order");
        let html = fs::read_to_string(dir.join("questions.html")).unwrap();
        assert!(
            html.contains("Zoë &lt;Z&gt; &amp; Co"),
            "escaped once in HTML"
        );
        assert!(
            html.contains("Lee, Ann $x$ \\\\ _b_ #1"),
            "no markup made of a name"
        );
        let mut reader = csv::Reader::from_path(dir.join("key.csv")).unwrap();
        let header = reader.headers().unwrap().clone();
        let at = |column: &str| header.iter().position(|h| h == column).unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), STUDENTS.len());
        for (row, (id, name)) in rows.iter().zip(STUDENTS) {
            assert_eq!(
                (&row[at("student_id")], &row[at("student_name")]),
                (id, name)
            );
            let answers = &variants[row[0].parse::<usize>().unwrap() - 1]["answers"];
            assert_eq!(row[at("w1+")], answers["w1+"]);
        }
    }
}

#[test]
fn the_latex_sheets_are_a_page_per_student_with_their_name_escaped() {
    let temp = tempfile::tempdir().unwrap();
    let dir = temp.path().join("set");
    let students = roster(temp.path());
    exercises(&dir, &["--roster", &students, "--seed", "2", "-f", "tex"]);
    let tex = fs::read_to_string(dir.join("questions.tex")).unwrap();
    let pages: Vec<&str> = tex.split("\\clearpage").collect();
    assert_eq!(pages.len(), STUDENTS.len());
    let escaped = [
        "Zoë \\textless{}Z\\textgreater{} \\& Co",
        "Lee, Ann \\$x\\$ \\textbackslash{}\\textbackslash{} \\_b\\_ \\#1",
        "李雷",
    ];
    for ((page, (id, _)), name) in pages.iter().zip(STUDENTS).zip(escaped) {
        assert!(
            page.contains(&format!("姓名：{name}，学号：{id}")),
            "{page}"
        );
    }
}

#[test]
fn quizzes_made_from_a_roster_carry_no_names() {
    let temp = tempfile::tempdir().unwrap();
    let students = roster(temp.path());
    let quiz = temp.path().join("quiz.xml");
    let qti = temp.path().join("qti.zip");
    let canvas = temp.path().join("canvas.zip");
    exercises(
        &temp.path().join("set"),
        &[
            "--roster",
            &students,
            "--moodle",
            quiz.to_str().unwrap(),
            "--qti",
            qti.to_str().unwrap(),
            "--canvas",
            canvas.to_str().unwrap(),
        ],
    );
    let moodle = fs::read_to_string(&quiz).unwrap();
    let mut packages = crate::support::packages::unzip(&qti);
    packages.extend(crate::support::packages::unzip(&canvas));
    for (_, name) in STUDENTS {
        assert!(!moodle.contains(name));
        for (file, bytes) in &packages {
            assert!(!String::from_utf8_lossy(bytes).contains(name), "{file}");
        }
    }
}

#[test]
fn a_bad_roster_is_one_line_naming_its_file_and_row() {
    let temp = tempfile::tempdir().unwrap();
    let case = |text: &[u8], expected: &str| {
        let path = temp.path().join("r.csv");
        fs::write(&path, text).unwrap();
        let output = handprop()
            .args(["exercises", "--roster"])
            .arg(&path)
            .arg("--out")
            .arg(temp.path().join("set"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            stderr.contains(&format!("{}{expected}", path.display())),
            "{stderr}"
        );
        assert!(!temp.path().join("set").exists(), "nothing written");
    };
    case(b"id,mail\n1,a\n", ":1: the header row has no `name` column");
    case(
        b"name,id\nA,1\nB,2\nC,1\n",
        ":4: the id `1` is already on row 2",
    );
    case(b"id,name\n", ": lists no students");
    case(b"id,name\n1,Zo\xebe\n", ":2: this row is not UTF-8");
    case(b"id,name\n1,\n", ":2: the name is empty");
    handprop()
        .args([
            "exercises",
            "--count",
            "2",
            "--roster",
            "r.csv",
            "--out",
            "x",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}
