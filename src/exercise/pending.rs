//! The files a set exports for quiz systems (`--moodle`, `--qti`, `--canvas`): files of the run's commit
//! ([`crate::publish`]), outside the set's folder (staged beside their place and put there with the set)
//! or directly in it (then files of the set).

use std::path::Path;

use crate::error::{Error, Result};
use crate::publish::{Commit, Sink, Theirs, place};

/// The names of the set's own files, which an export may not take.
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

/// Opens the export `path`, given as `option` (`--moodle`), of the set written to `out`; `example` is a
/// file name to suggest.
pub fn open_export(
    path: &Path,
    (option, example): (&str, &str),
    out: &Path,
    commit: &mut Commit,
) -> Result<Sink> {
    if place::names_a_folder(path) {
        return Err(Error::Usage(format!(
            "{option} {} is a folder; give a file name, such as {}",
            path.display(),
            path.join(example).display()
        )));
    }
    if let Ok(inside) = place::absolute(path).strip_prefix(place::absolute(out))
        && (inside.components().count() != 1
            || SET_FILES.contains(&inside.to_string_lossy().as_ref()))
    {
        return Err(Error::Usage(format!(
            "{option} {} would overwrite or go inside the set's own files; write it directly in {} \
             under another name, or outside it",
            path.display(),
            out.display()
        )));
    }
    commit.outside(path, option, Theirs::Replace)
}

/// Refuses two exports that name the same file.
pub fn check_distinct(exports: &[(&str, Option<&Path>)]) -> Result<()> {
    let named: Vec<(&str, std::path::PathBuf)> = (exports.iter())
        .filter_map(|(option, path)| path.map(|p| (*option, place::absolute(p))))
        .collect();
    for (n, (option, path)) in named.iter().enumerate() {
        if let Some((other, _)) = named[..n].iter().find(|(_, p)| p == path) {
            return Err(Error::Usage(format!(
                "{other} and {option} both name {}; give each export its own file",
                path.display()
            )));
        }
    }
    Ok(())
}
