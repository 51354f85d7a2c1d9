//! Which entries of an output folder handprop wrote: those its manifest ([`MANIFEST`]) lists. Another
//! handprop may be writing the same folder at the same moment, so the folder is read with care.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use super::{ATTEMPTS, MANIFEST};
use crate::error::{Error, Result};

/// The entries of `out` that handprop's manifest there does not list (topmost only: a foreign folder
/// is one entry), sorted. None when `out` does not exist.
pub(super) fn foreign_files(out: &Path) -> Result<Vec<PathBuf>> {
    match entries_not_listed(out) {
        // another handprop moved it aside while it was read: it is being replaced by a whole set
        Err(source) if source.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(source) => Err(Error::Read {
            path: out.to_owned(),
            source,
        }),
        Ok(foreign) => Ok(foreign),
    }
}

/// [`foreign_files`], with the bare error of the file system. Another handprop may put a new set in
/// place while the folder is read, so the manifest is read before and after the folder: the entries
/// count only when both readings agree (else it reads again, [`ATTEMPTS`] times at most).
pub(super) fn entries_not_listed(out: &Path) -> std::io::Result<Vec<PathBuf>> {
    for _ in 0..ATTEMPTS {
        let before = read_manifest(out);
        let foreign = entries_not_in(out, before.as_deref().unwrap_or_default())?;
        if read_manifest(out) == before {
            return Ok(foreign);
        }
    }
    Err(std::io::Error::other(
        "other handprop runs kept replacing the folder while it was read; try again",
    ))
}

/// The manifest in `out`, if there is one.
fn read_manifest(out: &Path) -> Option<String> {
    fs::read_to_string(out.join(MANIFEST)).ok()
}

/// The entries of `out` (topmost only) that `manifest` does not list, sorted.
fn entries_not_in(out: &Path, manifest: &str) -> std::io::Result<Vec<PathBuf>> {
    if !out.is_dir() {
        return Ok(Vec::new());
    }
    let listed: HashSet<PathBuf> = manifest.lines().map(PathBuf::from).collect();
    let folders: HashSet<PathBuf> = (listed.iter())
        .flat_map(|p| p.ancestors().skip(1).map(Path::to_path_buf))
        .collect();
    let mut foreign = Vec::new();
    let mut pending = vec![PathBuf::new()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(out.join(&folder))?.flatten() {
            let relative = folder.join(entry.file_name());
            let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
            if listed.contains(&relative) && !is_folder {
                continue;
            }
            if is_folder && folders.contains(&relative) {
                pending.push(relative);
            } else {
                foreign.push(relative);
            }
        }
    }
    foreign.sort();
    Ok(foreign)
}
