//! Writing results: to stdout, or to a file through a temporary name and a rename, so that a file is
//! either the whole new document or left as it was.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `text` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_file(path: &Path, text: &str) -> Result<()> {
    write_bytes(path, text.as_bytes())
}

/// True when `path` is a folder, or is written as one (ending in a separator).
pub fn names_a_folder(path: &Path) -> bool {
    path.is_dir()
        || path
            .as_os_str()
            .to_string_lossy()
            .ends_with(std::path::MAIN_SEPARATOR)
}

/// The folder `path` is to be written in (`.` for a bare name); an error (bad input) naming `option`
/// when that folder does not exist.
pub fn existing_parent<'p>(path: &'p Path, option: &str) -> Result<&'p Path> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !folder.is_dir() {
        return Err(Error::Usage(format!(
            "cannot write {}: the folder {} does not exist; create it first or choose another {option}",
            path.display(),
            folder.display()
        )));
    }
    Ok(folder)
}

/// The folder `path` is to be written in; an error (bad input) when it does not exist or `path` is a
/// folder itself.
pub fn check_folder(path: &Path) -> Result<&Path> {
    if names_a_folder(path) {
        return Err(Error::Usage(format!(
            "cannot write {}: it is a folder; give -o a file name in it, such as {}",
            path.display(),
            path.join("notes").display()
        )));
    }
    existing_parent(path, "-o")
}

/// A temporary file in `folder`, to be renamed to a file of handprop's there: readable by all, as a
/// document is for sharing (a temporary file would otherwise be 0600).
pub fn temporary_in(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(".handprop-");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    builder.tempfile_in(folder)
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, then a rename.
pub fn write_bytes(path: &Path, bytes: &[u8]) -> Result<()> {
    let write_error = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let folder = check_folder(path)?;
    let mut temporary = temporary_in(folder).map_err(write_error)?;
    temporary.write_all(bytes).map_err(write_error)?;
    temporary.persist(path).map_err(|e| write_error(e.error))?;
    Ok(())
}

/// Writes `text` to stdout, or to `path` when one is given.
pub fn emit(path: Option<&Path>, text: &str) -> Result<()> {
    match path {
        Some(path) => write_file(path, text),
        None => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                // A reader that stopped early (`handprop render | head`) is not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => result.map_err(|source| Error::Write {
                    path: "stdout".into(),
                    source,
                }),
            }
        }
    }
}
