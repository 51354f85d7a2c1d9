//! The Moodle quiz's file: a file of the run's commit ([`crate::publish`]), outside the set's folder
//! (staged beside its place and put there with the set) or directly in it (then one of the set's files).

use std::path::Path;

use crate::error::{Error, Result};
use crate::publish::{Commit, Sink, Theirs, place};

/// The names of the set's own files, which the quiz may not take.
const SET_FILES: [&str; 9] = [
    "questions.md",
    "answers.md",
    "questions.tex",
    "answers.tex",
    "questions.html",
    "answers.html",
    "key.csv",
    "key.json",
    crate::publish::MANIFEST,
];

/// Opens the quiz file `path` of the set written to `out`.
pub fn open_quiz(path: &Path, out: &Path, commit: &mut Commit) -> Result<Sink> {
    if place::names_a_folder(path) {
        return Err(Error::Usage(format!(
            "--moodle {} is a folder; give a file name, such as {}",
            path.display(),
            path.join("quiz.xml").display()
        )));
    }
    if let Ok(inside) = place::absolute(path).strip_prefix(place::absolute(out))
        && (inside.components().count() != 1
            || SET_FILES.contains(&inside.to_string_lossy().as_ref()))
    {
        return Err(Error::Usage(format!(
            "--moodle {} would overwrite or go inside the set's own files; write it directly in {} \
             under another name, or outside it",
            path.display(),
            out.display()
        )));
    }
    commit.outside(path, "--moodle", Theirs::Replace)
}
