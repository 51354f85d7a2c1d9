//! What handprop owns beside a document (`-o notes.md` writes `notes.network.svg`, … beside it): the
//! folder's figure manifest ([`FIGURES`]) lists each figure file handprop wrote with the SHA-256 of its
//! bytes, as a set's manifest does ([`super::owned`]). A figure file whose bytes differ, or that the
//! manifest does not list, is the teacher's: it is never replaced (refused, or with `--force` kept under
//! a printed backup name).

use std::collections::BTreeMap;
use std::ffi::{OsStr, OsString};
use std::fs;
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::owned::{Hash, Owner, hash_file};
use crate::error::{Error, Result};

/// The figure manifest's name in a folder where handprop wrote a document's figures.
pub const FIGURES: &str = ".handprop-figures";

/// The manifest's first line.
const HEADER: &[u8] = b"# written by handprop render: the figures beside its documents; a file whose bytes differ is yours\n";

/// A folder's figure manifest: each figure file's digest by its name.
#[derive(Debug, Default)]
pub struct Figures {
    files: BTreeMap<OsString, Hash>,
}

impl Figures {
    /// The figure manifest of `folder` (empty when there is none). A file of its name that handprop did
    /// not write is the teacher's: refused.
    pub fn read(folder: &Path) -> Result<Figures> {
        let path = folder.join(FIGURES);
        let Ok(meta) = fs::symlink_metadata(&path) else {
            return Ok(Figures::default());
        };
        let bytes = meta
            .is_file()
            .then(|| fs::read(&path).ok())
            .flatten()
            .filter(|b| b.starts_with(HEADER));
        let Some(bytes) = bytes else {
            return Err(Error::Usage(format!(
                "{} exists and handprop did not write it; move it, or write the document in another folder",
                path.display()
            )));
        };
        let files = bytes[HEADER.len()..]
            .split(|&b| b == b'\n')
            .filter_map(parse_line)
            .collect();
        Ok(Figures { files })
    }

    /// Whose the file `name` in `folder` is: None when there is none, [`Owner::Handprop`] when it is
    /// a regular file (one link) holding the bytes the manifest says handprop wrote.
    pub fn owner(&self, folder: &Path, name: &OsStr) -> Option<Owner> {
        let path = folder.join(name);
        let meta = fs::symlink_metadata(&path).ok()?;
        let ours = meta.is_file()
            && meta.nlink() == 1
            && self
                .files
                .get(name)
                .is_some_and(|digest| hash_file(&path).is_ok_and(|h| h == *digest));
        Some(if ours {
            Owner::Handprop
        } else {
            Owner::Teacher
        })
    }

    /// Records that handprop writes `bytes` as the figure `name`.
    pub fn wrote(&mut self, name: &OsStr, bytes: &[u8]) {
        self.files
            .insert(name.to_owned(), super::owned::hash(bytes));
    }

    /// The manifest's bytes, listing the figures still in `folder` or just written (`written`).
    pub fn text(&self, folder: &Path, written: &[&OsStr]) -> Vec<u8> {
        let mut text = HEADER.to_vec();
        for (name, digest) in &self.files {
            if !written.contains(&name.as_os_str())
                && fs::symlink_metadata(folder.join(name)).is_err()
            {
                continue;
            }
            for byte in digest {
                text.extend(format!("{byte:02x}").bytes());
            }
            text.extend(b"  ");
            for &byte in name.as_bytes() {
                match byte {
                    b'\\' => text.extend(b"\\\\"),
                    b'\n' => text.extend(b"\\n"),
                    byte => text.push(byte),
                }
            }
            text.push(b'\n');
        }
        text
    }
}

/// A line `digest  name` (the name's `\` and line breaks escaped), read back.
fn parse_line(line: &[u8]) -> Option<(OsString, Hash)> {
    let hex = std::str::from_utf8(line.get(..64)?).ok()?;
    let name = line.get(64..)?.strip_prefix(b"  ")?;
    let digest: Vec<u8> = (0..32)
        .map(|i| u8::from_str_radix(hex.get(2 * i..2 * i + 2)?, 16).ok())
        .collect::<Option<_>>()?;
    let mut unescaped = Vec::with_capacity(name.len());
    let mut bytes = name.iter();
    while let Some(&byte) = bytes.next() {
        unescaped.push(match (byte, byte == b'\\') {
            (_, true) => match bytes.next()? {
                b'n' => b'\n',
                &other => other,
            },
            (byte, false) => byte,
        });
    }
    Some((OsString::from_vec(unescaped), digest.try_into().ok()?))
}
