//! A file outside any set's folder (a document, a figure, a quiz, an export): staged as a temporary
//! file, then renamed over its place, or copied through to a FIFO, a device or standard output.

use std::fs::{self, File};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::owned::Meta;
use super::place::{self, FileTarget};
use super::temporary::{self, Temporary};
use super::{PREFIX, swap, write_error};
use crate::error::Result;

/// A file outside any set folder, staged.
pub(super) struct Staged {
    pub(super) shown: PathBuf,
    pub(super) target: FileTarget,
    pub(super) temporary: Temporary,
    pub(super) theirs: Theirs,
}

/// What to do with a file already at a staged file's place that handprop did not write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theirs {
    /// Replace it: the user named it (`-o FILE`, `--moodle FILE`).
    Replace,
    /// Keep it under a backup name, printed (a figure beside `-o` with `--force`).
    Backup,
}

/// A new temporary file in `folder`, readable by all like every document.
pub(super) fn new_file(folder: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .prefix(&temporary::prefix(PREFIX))
        .permissions(fs::Permissions::from_mode(0o644))
        .tempfile_in(folder)
}

/// Before anything is put in place: a staged file's target checked again (an input? a file of the
/// teacher's to keep?), the mode and owner of the file it replaces given to it.
pub(super) fn prepare(
    staged: &Staged,
    force: bool,
    renamed: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<()> {
    let FileTarget::Replace(place) = &staged.target else {
        return Ok(());
    };
    let path = place.path();
    let Ok(meta) = fs::symlink_metadata(&path) else {
        return Ok(());
    };
    if let Some(input) = place::which_input(meta.dev(), meta.ino()) {
        return Err(place::over_input("-o", &staged.shown, &input));
    }
    if staged.theirs == Theirs::Backup && force {
        let backup = place
            .folder
            .join(swap::backup_name(Path::new(&place.name), &[&place.folder]));
        fs::rename(&path, &backup).map_err(|source| write_error(&staged.shown, source))?;
        renamed.push((path, backup));
        return Ok(());
    }
    if meta.is_file() {
        swap::copy_mode(&Meta::from(&meta), staged.temporary.path());
    }
    Ok(())
}

/// Puts a staged file in place: renamed over its place, or copied through to a FIFO, device or stdout.
pub(super) fn finish(staged: Staged) -> Result<()> {
    let fail = |source| write_error(&staged.shown, source);
    match &staged.target {
        FileTarget::Replace(place) => {
            fs::rename(staged.temporary.path(), place.path()).map_err(fail)?;
            staged.temporary.release();
            Ok(())
        }
        FileTarget::Through(path) => {
            let mut from = File::open(staged.temporary.path()).map_err(fail)?;
            let mut to = fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(fail)?;
            std::io::copy(&mut from, &mut to)
                .and_then(|_| to.flush())
                .map_err(fail)?;
            Ok(())
        }
        FileTarget::Stdout => {
            let mut from = File::open(staged.temporary.path()).map_err(fail)?;
            let mut out = std::io::stdout().lock();
            match std::io::copy(&mut from, &mut out).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => result.map(|_| ()).map_err(fail),
            }
        }
    }
}
