//! A class's roster (`--roster students.csv`): one variant per student, in the roster's order, with the
//! student's name and id on their question sheet and in the key. The file is CSV with a header row
//! naming at least the columns `id` and `name` (in any order, any case; other columns are ignored).

use std::path::Path;

use crate::error::{Error, Result};

/// One student of a roster.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Student {
    /// Their id, as the roster gives it (trimmed).
    pub id: String,
    /// Their name, as the roster gives it (trimmed).
    pub name: String,
}

/// The students of the roster file `path`, in its order.
pub fn load(path: &Path) -> Result<Vec<Student>> {
    crate::publish::place::input(path);
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    parse(&bytes, &path.display().to_string())
}

/// The students of a roster's text `bytes`, the file named `file` in messages.
pub fn parse(bytes: &[u8], file: &str) -> Result<Vec<Student>> {
    let bad = |place: String, problem: String| Error::Usage(format!("--roster {place}: {problem}"));
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes));
    let header = reader.headers().map_err(|e| unreadable(&e, file))?.clone();
    let column = |name: &str| {
        (header.iter().position(|h| h.eq_ignore_ascii_case(name))).ok_or_else(|| {
            bad(
                format!("{file}:1"),
                format!(
                    "the header row has no `{name}` column; start the file with a header row such as id,name"
                ),
            )
        })
    };
    let (id_at, name_at) = (column("id")?, column("name")?);
    let mut students: Vec<Student> = Vec::new();
    let mut rows: Vec<u64> = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| unreadable(&e, file))?;
        let row = record.position().map_or(0, |p| p.line());
        let place = format!("{file}:{row}");
        if record.iter().all(str::is_empty) {
            continue;
        }
        let field = |at: usize, what: &str| -> Result<String> {
            let text = record.get(at).unwrap_or_default();
            if text.is_empty() {
                return Err(bad(
                    place.clone(),
                    format!("the {what} is empty; give every student an id and a name"),
                ));
            }
            if text.chars().any(char::is_control) {
                return Err(bad(
                    place.clone(),
                    format!("the {what} holds a control character; remove it"),
                ));
            }
            Ok(text.to_owned())
        };
        let student = Student {
            id: field(id_at, "id")?,
            name: field(name_at, "name")?,
        };
        if let Some(n) = students.iter().position(|s| s.id == student.id) {
            return Err(bad(
                place,
                format!(
                    "the id `{}` is already on row {}; give each student their own id",
                    student.id, rows[n]
                ),
            ));
        }
        students.push(student);
        rows.push(row);
    }
    if students.is_empty() {
        return Err(bad(
            file.to_owned(),
            "lists no students; give a header row id,name and a row per student".to_owned(),
        ));
    }
    Ok(students)
}

/// A CSV error of the roster `file` as the error of a bad roster (not UTF-8, not CSV).
fn unreadable(error: &csv::Error, file: &str) -> Error {
    let row = error
        .position()
        .map_or(String::new(), |p| format!(":{}", p.line()));
    let problem = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text; save the roster as UTF-8 CSV".to_owned(),
        _ => format!("is not readable as CSV ({error}); save it as CSV with a header row id,name"),
    };
    Error::Usage(format!("--roster {file}{row}: this row {problem}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_found_by_name_and_other_columns_ignored() {
        let roster = "email,Name,ID\na@x,\"Zoë <Z> & Co\", s1 \nb@x,\"Lee, Ann\",s2\n\n";
        let students = parse(roster.as_bytes(), "r.csv").unwrap();
        assert_eq!(
            students,
            [
                Student {
                    id: "s1".into(),
                    name: "Zoë <Z> & Co".into()
                },
                Student {
                    id: "s2".into(),
                    name: "Lee, Ann".into()
                },
            ]
        );
    }

    #[test]
    fn a_bad_roster_is_one_line_naming_file_and_row() {
        let case = |text: &str, expected: &str| {
            let message = parse(text.as_bytes(), "r.csv").unwrap_err().to_string();
            assert!(message.contains(expected), "{message}");
            assert!(!message.contains('\n'), "{message}");
        };
        case(
            "id,email\n1,a\n",
            "r.csv:1: the header row has no `name` column",
        );
        case(
            "id,name\n1,A\n2,B\n1,C\n",
            "r.csv:4: the id `1` is already on row 2",
        );
        case("id,name\n", "r.csv: lists no students");
        case("", "r.csv:1: the header row has no `id` column");
        case("id,name\n1,\n", "r.csv:2: the name is empty");
        case(
            "id,name\n1,\"a\u{7}\"\n",
            "r.csv:2: the name holds a control character; remove it",
        );
        // a private-use character is only text (a skeleton's holes are no characters)
        let private = parse("id,name\n\u{E000},\"a\u{E002}\"\n".as_bytes(), "r.csv").unwrap();
        assert_eq!(private[0].name, "a\u{E002}");
        let latin1 = parse(b"id,name\n1,Zo\xeb\n", "r.csv")
            .unwrap_err()
            .to_string();
        assert!(
            latin1.contains("r.csv:2: this row is not UTF-8"),
            "{latin1}"
        );
    }
}
