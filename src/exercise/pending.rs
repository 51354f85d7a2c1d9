//! The files a set exports for quiz systems (`--moodle`, `--qti`, `--canvas`). Outside the set's folder
//! one is written beside its place and renamed into it only after the set is in place, so that a run
//! that fails leaves it untouched; directly in the set's folder it is one of the set's files.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::staging::{Staging, write_error};

/// Where an export goes when it is whole.
pub struct Place {
    /// The file as the user named it, for messages.
    path: PathBuf,
    /// A temporary file beside it, to be renamed to it; none for a file of the set.
    aside: Option<tempfile::TempPath>,
}

impl Place {
    /// Flushes and closes `writer`: the file is whole, waiting for [`Finished::persist`].
    pub fn finish(self, mut writer: BufWriter<File>) -> Result<Finished> {
        writer
            .flush()
            .map_err(|source| write_error(&self.path, source))?;
        Ok(Finished(self))
    }

    /// The file as the user named it.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A whole export, to be put in its place once the set is in place.
pub struct Finished(Place);

impl Finished {
    /// Renames the file into its place (a file of the set went with the set).
    pub fn persist(self) -> Result<()> {
        let Place { path, aside } = self.0;
        match aside {
            Some(temporary) => temporary
                .persist(&path)
                .map(|_| ())
                .map_err(|e| write_error(&path, e.error)),
            None => Ok(()),
        }
    }
}

/// An export being written: its writer and its place.
pub struct ExportFile {
    /// The file's writer.
    pub writer: BufWriter<File>,
    /// Where it goes.
    pub place: Place,
}

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
    crate::staging::MANIFEST,
];

impl ExportFile {
    /// Opens the export `path`, given by `option` (`--moodle`), of the set written to `out`;
    /// `example` is a file name to suggest.
    pub fn open(
        path: &Path,
        option: &str,
        example: &str,
        out: &Path,
        staging: &mut Staging,
    ) -> Result<ExportFile> {
        if crate::output::names_a_folder(path) {
            return Err(Error::Usage(format!(
                "{option} {} is a folder; give a file name, such as {}",
                path.display(),
                path.join(example).display()
            )));
        }
        let lexical = |p: &Path| {
            p.components()
                .filter(|c| c.as_os_str() != ".")
                .collect::<PathBuf>()
        };
        let Ok(inside) = lexical(path)
            .strip_prefix(lexical(out))
            .map(Path::to_path_buf)
        else {
            return ExportFile::aside(path, option);
        };
        let name = inside.to_string_lossy().into_owned();
        if inside.components().count() != 1 || SET_FILES.contains(&name.as_str()) {
            return Err(Error::Usage(format!(
                "{option} {} would overwrite or go inside the set's own files; write it directly in {} \
                 under another name, or outside it",
                path.display(),
                out.display()
            )));
        }
        let writer = staging.sink(&name)?.into_writer();
        let place = Place {
            path: path.to_owned(),
            aside: None,
        };
        Ok(ExportFile { writer, place })
    }

    /// A temporary file beside `path`.
    fn aside(path: &Path, option: &str) -> Result<ExportFile> {
        let folder = crate::output::existing_parent(path, option)?;
        let file =
            crate::output::temporary_in(folder).map_err(|source| write_error(path, source))?;
        let (file, temporary) = file.into_parts();
        Ok(ExportFile {
            writer: BufWriter::with_capacity(1 << 16, file),
            place: Place {
                path: path.to_owned(),
                aside: Some(temporary),
            },
        })
    }

    /// Runs `write` on the file, naming the file in an error.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
    ) -> Result<()> {
        write(&mut self.writer).map_err(|source| write_error(&self.place.path, source))
    }
}

/// Refuses two exports (or an export and the set's folder) that name the same file.
pub fn check_distinct(exports: &[(&str, Option<&Path>)]) -> Result<()> {
    let named: Vec<(&str, &Path)> = (exports.iter())
        .filter_map(|(option, path)| path.map(|p| (*option, p)))
        .collect();
    for (n, (option, path)) in named.iter().enumerate() {
        let same = |other: &&(&str, &Path)| {
            other.1 == *path
                || (std::fs::canonicalize(other.1).ok())
                    .is_some_and(|c| std::fs::canonicalize(path).ok() == Some(c))
        };
        if let Some((other, _)) = named[..n].iter().find(same) {
            return Err(Error::Usage(format!(
                "{other} and {option} both name {}; give each export its own file",
                path.display()
            )));
        }
    }
    Ok(())
}
