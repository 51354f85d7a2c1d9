//! A file outside the set's folder (the Moodle quiz), written beside its place and renamed into it at
//! the end, so that it is whole or untouched.

use std::io::BufWriter;
use std::path::{Path, PathBuf};

use super::files::write_error;
use crate::error::{Error, Result};

/// A file outside the set (the Moodle quiz), written beside its place and renamed into it at the end.
pub struct Pending {
    writer: BufWriter<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Pending {
    /// Opens a temporary file beside `path`.
    pub fn begin(path: &Path) -> Result<Pending> {
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if !folder.is_dir() {
            return Err(Error::Usage(format!(
                "cannot write {}: the folder {} does not exist; create it first or choose another path",
                path.display(),
                folder.display()
            )));
        }
        let file = tempfile::Builder::new()
            .prefix(".handprop-")
            .tempfile_in(folder)
            .map_err(|source| write_error(path, source))?;
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
