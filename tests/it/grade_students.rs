//! `handprop grade` and who the students are: in a set made from a roster, the roster's ids are the
//! students it expects (an unknown id, or another student's variant, is one line naming the file, row
//! and column); and GRADES.csv never hands a spreadsheet a formula, whatever a student's name is.

use std::fs;

use crate::support::sets::{exercises, handprop, key};

/// Runs `grade SET RESPONSES` with `csv` as the responses: (exit code, stdout, stderr).
fn grade(set: &std::path::Path, csv: &str) -> (Option<i32>, String, String) {
    let file = set.parent().unwrap().join("responses.csv");
    fs::write(&file, csv).unwrap();
    let output = handprop()
        .arg("grade")
        .arg(set)
        .arg(&file)
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (
        output.status.code(),
        text(output.stdout),
        text(output.stderr),
    )
}

#[track_caller]
fn refused(set: &std::path::Path, csv: &str, expected: &[&str]) {
    let (code, stdout, stderr) = grade(set, csv);
    assert_eq!(code, Some(2), "{csv}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    for part in expected {
        assert!(stderr.contains(part), "{stderr} lacks {part}");
    }
    assert!(stdout.is_empty());
}

#[test]
fn a_roster_sets_the_students_and_their_variants() {
    let dir = tempfile::tempdir().unwrap();
    let roster = dir.path().join("students.csv");
    fs::write(&roster, "id,name\ns-001,Ann\ns-002,Bo\n=cmd,Eve\n").unwrap();
    let set = dir.path().join("set");
    exercises(&set, &["--roster", roster.to_str().unwrap(), "--seed", "3"]);
    let key = key(&set);
    assert_eq!(key["variants"][2]["student_id"], "=cmd");
    let right = |n: usize| {
        key["variants"][n - 1]["answers"]["out_h1"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let head = "student,variant,out_h1\n";
    let good = format!(
        "{head}s-002,2,{}\ns-001,1,\n=cmd,3,{}\n",
        right(2),
        right(3)
    );
    let (code, grades, stderr) = grade(&set, &good);
    assert_eq!(code, Some(0), "{stderr}");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(grades.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    let expected = [
        ["s-002", "2", "1", "1", "right"],
        ["s-001", "1", "0", "1", "blank"],
        ["'=cmd", "3", "1", "1", "right"],
    ];
    assert_eq!(rows, expected.map(|r| r.map(str::to_owned).to_vec()));
    refused(
        &set,
        &format!("{head}s-001,1,\ns-009,2,\n"),
        &[
            "responses.csv row 3, column 1",
            "`s-009` is not a student of the set's roster",
            "`s-001`",
        ],
    );
    refused(
        &set,
        &format!("{head}s-001,2,\n"),
        &[
            "responses.csv row 2, column 2",
            "`2` is not s-001's variant",
            "variant 1",
        ],
    );
}

#[test]
fn no_name_becomes_a_formula_in_grades_csv() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set");
    exercises(&set, &["--count", "2", "--seed", "3"]);
    let names = [
        ("=1+2", "'=1+2"),
        ("+SUM(A1:A9)", "'+SUM(A1:A9)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("＝1+2", "'＝1+2"),
        ("Lee;=HYPERLINK(\"x\")", "Lee;'=HYPERLINK(\"x\")"),
        ("Lee, =1", "Lee, =1"),
        ("Lee,=1", "Lee,'=1"),
        ("a=b-c", "a=b-c"),
        ("Zoë", "Zoë"),
    ];
    let mut csv = String::from("student,variant,E_total\n");
    for (name, _) in names {
        csv.push_str(&format!("\"{}\",1,\n", name.replace('"', "\"\"")));
    }
    let (code, grades, stderr) = grade(&set, &csv);
    assert_eq!(code, Some(0), "{stderr}");
    let cells: Vec<String> = csv::Reader::from_reader(grades.as_bytes())
        .records()
        .map(|r| r.unwrap()[0].to_owned())
        .collect();
    let expected: Vec<&str> = names.iter().map(|&(_, cell)| cell).collect();
    assert_eq!(cells, expected);
    // As a spreadsheet splitting at `;` reads the raw line, no piece starts a formula.
    for line in grades.lines().skip(1) {
        for piece in line.split([';', ',', '\t']) {
            let piece = piece.trim_start_matches('"');
            assert!(!piece.starts_with(['=', '+', '-', '@', '＝']), "{line}");
        }
    }
}
