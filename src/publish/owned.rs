//! What handprop owns in a folder it wrote: its manifest ([`MANIFEST`]) names the command that wrote the
//! folder and, for each file, the SHA-256 of the bytes handprop wrote (the lines of `sha256sum`). A file
//! whose bytes differ, and anything the manifest does not list, is the teacher's.

use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ledger::Ledger;
pub use super::meta::Meta;

/// The manifest's name in a folder handprop wrote.
pub const MANIFEST: &str = ".handprop-manifest";

/// The first words of the manifest's first line, before the command's name.
pub(super) const HEADER: &str = "# written by handprop";

/// A SHA-256 digest.
pub type Hash = [u8; 32];

/// The digest of `bytes`.
pub fn hash(bytes: &[u8]) -> Hash {
    Sha256::digest(bytes).into()
}

/// The digest of a file's bytes, read in pieces.
pub(super) fn hash_file(path: &Path) -> std::io::Result<Hash> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 1 << 16];
    loop {
        match file.read(&mut buffer)? {
            0 => return Ok(hasher.finalize().into()),
            n => hasher.update(&buffer[..n]),
        }
    }
}

/// A manifest read back: the command, and each file's digest by its relative path. `command` is None
/// for a manifest of an older handprop (names only), which cannot tell a teacher's change.
#[derive(Default)]
struct Manifest {
    command: Option<String>,
    files: Ledger,
    older: bool,
}

fn read_manifest(folder: &Path) -> Manifest {
    // only a regular file: reading a FIFO of its name would wait for ever
    let path = folder.join(MANIFEST);
    let regular = fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
    let Some(text) = regular.then(|| fs::read_to_string(&path).ok()).flatten() else {
        return Manifest::default();
    };
    let mut lines = text.lines();
    let command = lines
        .next()
        .and_then(|first| first.strip_prefix(HEADER))
        .and_then(|rest| rest.trim().split(';').next())
        .map(str::to_owned);
    let older = command.is_none();
    let mut files = Ledger::default();
    for line in text.lines().skip(1) {
        let Some((hex, name)) = line.split_once("  ") else {
            continue;
        };
        let digest: Option<Vec<u8>> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
            .collect();
        if let Some(Ok(digest)) = digest.map(Hash::try_from) {
            let name: PathBuf = Path::new(name).components().collect();
            files.record(name.as_os_str().as_bytes(), digest);
        }
    }
    Manifest {
        command,
        files,
        older,
    }
}

/// Who an entry of the folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    /// A file handprop wrote, unchanged since.
    Handprop,
    /// Anything else: a changed file, a file not listed, a link, a folder holding no file of handprop's.
    Teacher,
}

/// An entry of a surveyed folder.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Its path below the folder.
    pub relative: PathBuf,
    /// Its metadata (not following links).
    pub meta: Meta,
    /// Whose it is (folders: whether they hold anything of the teacher's, see [`Survey::teacher`]).
    pub owner: Owner,
}

/// An existing output folder, looked at once: every entry and whose it is.
#[derive(Debug)]
pub struct Survey {
    /// The command its manifest names (None: no manifest, or an older handprop's).
    pub command: Option<String>,
    /// Its manifest is an older handprop's, listing names only.
    pub older: bool,
    /// The folder's own metadata.
    pub root: Meta,
    /// Every entry below it (folders before what they hold), the manifest excepted.
    pub entries: Vec<Entry>,
}

impl Survey {
    /// Looks at `folder`: each file is the teacher's unless the manifest lists it with its digest. A
    /// file already seen in `before` with the same identity keeps its verdict (it is not read again).
    pub fn of(folder: &Path, before: Option<&Survey>) -> std::io::Result<Survey> {
        let manifest = read_manifest(folder);
        let root = Meta::of(folder)?;
        let mut entries = Vec::new();
        let mut pending = vec![PathBuf::new()];
        while let Some(relative) = pending.pop() {
            let mut names: Vec<_> = fs::read_dir(folder.join(&relative))?
                .map(|e| e.map(|e| e.file_name()))
                .collect::<std::io::Result<_>>()?;
            names.sort();
            for name in names.into_iter().rev() {
                let relative = relative.join(name);
                if relative == Path::new(MANIFEST) {
                    continue;
                }
                let meta = Meta::of(&folder.join(&relative))?;
                let owner = if meta.is_dir() {
                    if meta.dev() == root.dev() {
                        pending.push(relative.clone());
                    }
                    Owner::Teacher
                } else {
                    match before.and_then(|before| before.get(&relative)) {
                        Some(seen) if seen.meta.same_file(&meta) => seen.owner,
                        _ => judge(folder, &relative, &meta, &manifest)?,
                    }
                };
                entries.push(Entry {
                    relative,
                    meta,
                    owner,
                });
            }
        }
        entries.sort_unstable_by(|a, b| a.relative.cmp(&b.relative));
        let mut survey = Survey {
            command: manifest.command,
            older: manifest.older,
            root,
            entries,
        };
        survey.mark_folders();
        Ok(survey)
    }

    /// A folder is handprop's when it holds a file of handprop's and nothing of the teacher's; a folder
    /// on another device (a mount point) is never looked into, so it is the teacher's. The entries are
    /// sorted by their components, so what a folder holds comes right after it: counts of files before
    /// each entry tell what any folder holds, in time linear in the entries (a set of a million
    /// variants has millions).
    fn mark_folders(&mut self) {
        let (mut teacher, mut handprop) = (vec![0usize], vec![0usize]);
        for entry in &self.entries {
            let file = !entry.meta.is_dir();
            let (t, h) = (teacher[teacher.len() - 1], handprop[handprop.len() - 1]);
            teacher.push(t + usize::from(file && entry.owner == Owner::Teacher));
            handprop.push(h + usize::from(file && entry.owner == Owner::Handprop));
        }
        let root_dev = self.root.dev();
        for i in 0..self.entries.len() {
            let folder = &self.entries[i];
            if !folder.meta.is_dir() {
                continue;
            }
            let below = &self.entries[i + 1..];
            let end = i + 1 + below.partition_point(|e| e.relative.starts_with(&folder.relative));
            let mine = folder.meta.dev() == root_dev
                && teacher[end] == teacher[i + 1]
                && handprop[end] > handprop[i + 1];
            self.entries[i].owner = match mine {
                true => Owner::Handprop,
                false => Owner::Teacher,
            };
        }
    }

    /// The teacher's entries, topmost only (a folder of the teacher's stands for what it holds).
    pub fn teacher(&self) -> Vec<&Entry> {
        let mut found: Vec<&Entry> = Vec::new();
        for entry in self.entries.iter().filter(|e| e.owner == Owner::Teacher) {
            // what a folder holds comes right after it (see `mark_folders`)
            if !found
                .last()
                .is_some_and(|f| entry.relative.starts_with(&f.relative))
            {
                found.push(entry);
            }
        }
        found
    }

    /// The entry at `relative`, if any.
    pub fn get(&self, relative: &Path) -> Option<&Entry> {
        (self
            .entries
            .binary_search_by(|e| e.relative.as_path().cmp(relative))
            .ok())
        .map(|i| &self.entries[i])
    }
}

/// Whether the regular file `relative` holds what the manifest says handprop wrote there.
fn judge(
    folder: &Path,
    relative: &Path,
    meta: &Meta,
    manifest: &Manifest,
) -> std::io::Result<Owner> {
    let Some(digest) = manifest.files.digest(relative.as_os_str().as_bytes()) else {
        return Ok(Owner::Teacher);
    };
    if !meta.is_file() || meta.nlink() > 1 {
        return Ok(Owner::Teacher);
    }
    Ok(match hash_file(&folder.join(relative))? == *digest {
        true => Owner::Handprop,
        false => Owner::Teacher,
    })
}
