//! `RESPONSES.csv`: a header `student,variant,` then any of the set's quantity columns (as `key.csv`
//! names them), and one row per student; an empty cell is not answered. Every problem is one line
//! naming the file, the row and the column.

use std::collections::HashSet;
use std::path::Path;

use super::number;
use super::set::Set;
use crate::error::{Error, Result};

/// A student's answer to one asked quantity.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// As the student wrote it (trimmed); empty when not answered.
    pub text: String,
    /// Its value; None when not answered.
    pub value: Option<f64>,
}

/// One student's row.
#[derive(Debug, Clone)]
pub struct Response {
    /// The student, as the file names them.
    pub student: String,
    /// Their variant's number.
    pub variant: usize,
    /// Their answers, one per asked quantity, in the order of [`Responses::asked`].
    pub answers: Vec<Answer>,
}

/// Every student's answers.
#[derive(Debug, Clone)]
pub struct Responses {
    /// The asked quantities: the file's quantity columns, as indices into the set's quantities, in the
    /// key's order.
    pub asked: Vec<usize>,
    /// The students, in the file's order.
    pub rows: Vec<Response>,
}

/// Reads `path` against the set's key.
pub fn read(path: &Path, set: &Set) -> Result<Responses> {
    let file = path.display().to_string();
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_path(path)
        .map_err(|e| Error::Read {
            path: path.to_owned(),
            source: std::io::Error::other(e.to_string()),
        })?;
    let header = reader.headers().map_err(|e| csv_error(&file, &e))?.clone();
    let columns = quantity_columns(&header, set, &file)?;
    let mut asked: Vec<usize> = columns.iter().map(|&(_, q)| q).collect();
    asked.sort_unstable();
    let mut rows = Vec::new();
    let mut students = HashSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| csv_error(&file, &e))?;
        let row = record.position().map_or(0, |p| p.line());
        let at = |column: usize| format!("{file} row {row}, column {}", column + 1);
        let student = record[0].to_owned();
        if student.is_empty() {
            return Err(bad(at(0), "has no student", "name every student"));
        }
        if !students.insert(student.clone()) {
            let problem = format!("names {student:?} a second time");
            return Err(bad(at(0), &problem, "give each student one row"));
        }
        let variant = record[1]
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=set.keys.len()).contains(n))
            .ok_or_else(|| {
                let problem = format!("`{}` is not a variant of the set", &record[1]);
                let fix = format!("give a number from 1 to {}", set.keys.len());
                bad(at(1), &problem, &fix)
            })?;
        check_roster(set, &student, variant, &at)?;
        let mut answers = vec![
            Answer {
                text: String::new(),
                value: None
            };
            asked.len()
        ];
        for &(column, quantity) in &columns {
            let text = record[column].to_owned();
            let value = match text.is_empty() {
                true => None,
                false => Some(number::parse(&text).ok_or_else(|| {
                    let problem =
                        format!("({}) `{text}` is not a number", header[column].to_owned());
                    bad(
                        at(column),
                        &problem,
                        "write a decimal such as 0.5933 or 4.386e-4, or leave it empty",
                    )
                })?),
            };
            let slot = asked
                .iter()
                .position(|&q| q == quantity)
                .unwrap_or_default();
            answers[slot] = Answer { text, value };
        }
        rows.push(Response {
            student,
            variant,
            answers,
        });
    }
    Ok(Responses { asked, rows })
}

/// In a set made from a roster, checks that `student` is a roster id and that `variant` is theirs.
fn check_roster(
    set: &Set,
    student: &str,
    variant: usize,
    at: &dyn Fn(usize) -> String,
) -> Result<()> {
    match set.variant_of(student) {
        None => Ok(()),
        Some(None) => {
            let example = set.students.iter().flatten().next().cloned();
            let problem = format!("`{student}` is not a student of the set's roster");
            let fix = format!(
                "the set was made from a roster: name each student by their id as the roster gives it (such as `{}`), as key.csv lists them",
                example.unwrap_or_default()
            );
            Err(bad(at(0), &problem, &fix))
        }
        Some(Some(theirs)) if theirs != variant => {
            let problem = format!("`{variant}` is not {student}'s variant");
            let fix = format!("the roster gave {student} variant {theirs}; give {theirs}");
            Err(bad(at(1), &problem, &fix))
        }
        Some(Some(_)) => Ok(()),
    }
}

/// The quantity columns of the header: (column, index of the quantity in the set).
fn quantity_columns(
    header: &csv::StringRecord,
    set: &Set,
    file: &str,
) -> Result<Vec<(usize, usize)>> {
    let at = |column: usize| format!("{file} row 1, column {}", column + 1);
    for (column, name) in ["student", "variant"].into_iter().enumerate() {
        if header.get(column) != Some(name) {
            let problem = format!("is `{}`, not `{name}`", header.get(column).unwrap_or(""));
            return Err(bad(
                at(column),
                &problem,
                "begin the header with student,variant",
            ));
        }
    }
    let mut columns: Vec<(usize, usize)> = Vec::new();
    for (column, name) in header.iter().enumerate().skip(2) {
        let quantity = set
            .quantities
            .iter()
            .position(|q| q == name)
            .ok_or_else(|| {
                let problem = format!("`{name}` is not a quantity of the set");
                let fix = format!(
                    "name columns as key.csv does: {}",
                    set.quantities.join(", ")
                );
                bad(at(column), &problem, &fix)
            })?;
        if columns.iter().any(|&(_, q)| q == quantity) {
            let problem = format!("`{name}` is a second column of the same quantity");
            return Err(bad(at(column), &problem, "give each quantity one column"));
        }
        columns.push((column, quantity));
    }
    Ok(columns)
}

fn bad(place: String, problem: &str, fix: &str) -> Error {
    Error::Usage(format!("{place}: {problem}; {fix}"))
}

/// A CSV error (a row of another length, text that is not UTF-8) naming the file and the row.
fn csv_error(file: &str, error: &csv::Error) -> Error {
    let row = error
        .position()
        .map_or(String::new(), |p| format!(" row {}", p.line()));
    let what = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!(
            "has {len} cells but the header has {expected_len}; give every row one cell per column"
        ),
        csv::ErrorKind::Utf8 { .. } => "is not UTF-8 text; save the file as UTF-8 CSV".to_owned(),
        csv::ErrorKind::Io(e) => format!("cannot be read: {e}"),
        _ => format!("is not CSV: {error}"),
    };
    Error::Usage(format!("{file}{row}: {what}"))
}
