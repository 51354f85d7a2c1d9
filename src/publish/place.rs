//! Where an output goes, decided before any work: links followed to their target, the same place
//! however it is spelled, never an input of the run, never the folder the user is in.

use std::ffi::OsString;
use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The files and folders this run reads (device and inode, and the name the user gave).
static INPUTS: Mutex<Vec<(u64, u64, PathBuf)>> = Mutex::new(Vec::new());

/// Records `path` (a network file, a templates folder and each file in it) as an input of this run:
/// no output may be written over it.
pub fn input(path: &Path) {
    if let Ok(meta) = fs::metadata(path) {
        let mut inputs = INPUTS.lock().unwrap_or_else(|p| p.into_inner());
        inputs.push((meta.dev(), meta.ino(), path.to_owned()));
    }
}

/// The input that `meta` is, if it is one.
pub fn which_input(dev: u64, ino: u64) -> Option<PathBuf> {
    let inputs = INPUTS.lock().unwrap_or_else(|p| p.into_inner());
    (inputs.iter())
        .find(|entry| (entry.0, entry.1) == (dev, ino))
        .map(|(_, _, path)| path.clone())
}

/// The refusal to write `path` (given as `option`) over the input `input`.
pub fn over_input(option: &str, path: &Path, input: &Path) -> Error {
    Error::Usage(format!(
        "{option} {} is {}, an input of this run; handprop never writes over its inputs; choose another {option}",
        path.display(),
        input.display()
    ))
}

/// A place in the file system: an existing real folder (links resolved) and a name in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The folder, canonical.
    pub folder: PathBuf,
    /// The name in it.
    pub name: OsString,
}

impl Place {
    /// The full path.
    pub fn path(&self) -> PathBuf {
        self.folder.join(&self.name)
    }
}

/// The folder `path` is in (`.` for a bare name).
fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The place `path` names, links followed (the last one too, when it is a link); None when its
/// folder does not exist. A link to nowhere is refused, naming `option`.
pub fn resolve(path: &Path, option: &str) -> Result<Option<Place>> {
    if let Ok(meta) = fs::symlink_metadata(path)
        && meta.file_type().is_symlink()
    {
        return match fs::canonicalize(path) {
            Ok(target) => Ok(split(&target)),
            Err(_) => Err(Error::Usage(format!(
                "{option} {} is a link to {}, which does not exist; create it, or give {option} a real path",
                path.display(),
                fs::read_link(path).unwrap_or_default().display()
            ))),
        };
    }
    let Some(name) = path.file_name().filter(|_| !path.ends_with("..")) else {
        // `.`, `..`, `/`: the folder itself, as it is now
        return Ok(fs::canonicalize(path).ok().and_then(|p| split(&p)));
    };
    let Ok(folder) = fs::canonicalize(folder_of(path)) else {
        return Ok(None);
    };
    Ok(Some(Place {
        folder,
        name: name.to_owned(),
    }))
}

fn split(canonical: &Path) -> Option<Place> {
    Some(Place {
        folder: canonical.parent()?.to_owned(),
        name: canonical.file_name()?.to_owned(),
    })
}

/// The refusal when the folder of `path` (given as `option`) does not exist.
pub fn missing_folder(path: &Path, option: &str) -> Error {
    Error::Usage(format!(
        "cannot write {}: the folder {} does not exist; create it first or choose another {option}",
        path.display(),
        folder_of(path).display()
    ))
}

/// Where a single file goes.
#[derive(Debug)]
pub enum FileTarget {
    /// Standard output (`-o -`).
    Stdout,
    /// Something that is not a regular file (a FIFO, a device, `/dev/stdout`): written through.
    Through(PathBuf),
    /// A regular file, new or replaced whole.
    Replace(Place),
}

/// True when `path` is a folder, or is written as one (ending in a separator).
pub fn names_a_folder(path: &Path) -> bool {
    path.is_dir() || path.as_os_str().to_string_lossy().ends_with('/')
}

/// Where the file `path` (given as `option`) goes; refused when it is a folder, its folder is missing
/// or it is an input.
pub fn file_target(path: &Path, option: &str) -> Result<FileTarget> {
    if path == Path::new("-") {
        return Ok(FileTarget::Stdout);
    }
    if names_a_folder(path) {
        return Err(Error::Usage(format!(
            "cannot write {}: it is a folder; give {option} a file name in it, such as {}",
            path.display(),
            path.join("notes").display()
        )));
    }
    if let Ok(meta) = fs::metadata(path) {
        if let Some(input) = which_input(meta.dev(), meta.ino()) {
            return Err(over_input(option, path, &input));
        }
        let kind = meta.file_type();
        if kind.is_fifo() || kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Ok(FileTarget::Through(path.to_owned()));
        }
    }
    match resolve(path, option)? {
        Some(place) => Ok(FileTarget::Replace(place)),
        None => Err(missing_folder(path, option)),
    }
}

/// The real folder `out` (given as `option`) names, links followed; refused when it is a file, an
/// input, or the folder the user is in or one above it (which cannot be replaced).
pub fn folder_target(out: &Path, option: &str) -> Result<Place> {
    let place = resolve(out, option)?.ok_or_else(|| missing_folder(out, option))?;
    let path = place.path();
    if let Ok(meta) = fs::metadata(&path) {
        if !meta.is_dir() {
            return Err(Error::Usage(format!(
                "{option} {} is a file, not a folder; choose a new or empty folder",
                out.display()
            )));
        }
        if let Some(input) = which_input(meta.dev(), meta.ino()) {
            return Err(over_input(option, out, &input));
        }
    }
    let here = std::env::current_dir().ok();
    if here.is_some_and(|here| here.starts_with(&path)) {
        return Err(Error::Usage(format!(
            "{option} {} is the folder you are in (or holds it), which handprop cannot replace; run \
             handprop from the folder above it, with {option} {}",
            out.display(),
            Path::new(&place.name).display()
        )));
    }
    Ok(place)
}

/// `path` made absolute and plain (no `.`, `..` resolved through the real folders that exist), to
/// tell whether it lies inside a folder however it is spelled.
pub fn absolute(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while fs::canonicalize(&existing).is_err() {
        let Some(name) = existing.file_name().map(|n| n.to_owned()) else {
            break;
        };
        rest.push(name);
        existing = folder_of(&existing).to_path_buf();
    }
    let mut found = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        found.push(name);
    }
    found
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect()
}
