//! The Moodle quiz's file. Outside the set's folder it is written beside its place and renamed into it
//! at the end, so that it is whole or untouched; directly in the folder it is one of the set's files.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::staging::{Sink, Staging, write_error};

/// A file outside the set (the Moodle quiz), written beside its place and renamed into it at the end.
pub struct Pending {
    writer: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Pending {
    /// Opens a temporary file beside `path`.
    pub fn begin(path: &Path) -> Result<Pending> {
        let folder = crate::output::existing_parent(path, "--moodle")?;
        let file =
            crate::output::temporary_in(folder).map_err(|source| write_error(path, source))?;
        Ok(Pending {
            writer: BufWriter::with_capacity(1 << 16, file),
            path: path.to_owned(),
        })
    }

    /// Runs `write` on the file, naming the file in an error.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut BufWriter<tempfile::NamedTempFile>) -> std::io::Result<()>,
    ) -> Result<()> {
        write(&mut self.writer).map_err(|source| write_error(&self.path, source))
    }

    /// Puts the file in its place.
    pub fn commit(self) -> Result<()> {
        let file =
            (self.writer.into_inner()).map_err(|e| write_error(&self.path, e.into_error()))?;
        file.persist(&self.path)
            .map_err(|e| write_error(&self.path, e.error))?;
        Ok(())
    }
}

/// The Moodle quiz's file: beside the set, or directly in the set's folder (then one of the set's files).
pub enum QuizFile {
    /// A file outside `--out`.
    Aside(Pending),
    /// A file of the set.
    InSet(Sink),
}

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
    crate::staging::MANIFEST,
];

impl QuizFile {
    /// Opens the quiz file `path` of the set written to `out`.
    pub fn open(path: &Path, out: &Path, staging: &mut Staging) -> Result<QuizFile> {
        if crate::output::names_a_folder(path) {
            return Err(Error::Usage(format!(
                "--moodle {} is a folder; give a file name, such as {}",
                path.display(),
                path.join("quiz.xml").display()
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
            return Pending::begin(path).map(QuizFile::Aside);
        };
        let name = inside.to_string_lossy().into_owned();
        if inside.components().count() != 1 || SET_FILES.contains(&name.as_str()) {
            return Err(Error::Usage(format!(
                "--moodle {} would overwrite or go inside the set's own files; write it directly in {} \
                 under another name, or outside it",
                path.display(),
                out.display()
            )));
        }
        staging.sink(&name).map(QuizFile::InSet)
    }

    /// Runs `write` on the file, naming the file in an error.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> Result<()> {
        match self {
            QuizFile::Aside(pending) => pending.write(|w| write(w)),
            QuizFile::InSet(sink) => sink.write(|w| write(w)),
        }
    }

    /// Puts the file in its place (a file of the set goes with the set).
    pub fn finish(self) -> Result<()> {
        match self {
            QuizFile::Aside(pending) => pending.commit(),
            QuizFile::InSet(sink) => sink.finish(),
        }
    }
}
