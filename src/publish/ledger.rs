//! The files of a set being written: each one's name, in the order they were opened, and its digest
//! once it is finished; what the set's manifest lists. Kept compactly ([`crate::compact`]): a set of a
//! million variants keeps four million of them to its end.

use std::io::{self, Write};

use super::owned::{HEADER, Hash};
use crate::compact::{Blocks, ByteSet};

/// The digits of a digest in the manifest.
const HEX: &[u8; 16] = b"0123456789abcdef";

/// The files of a set and their digests.
#[derive(Default)]
pub(super) struct Ledger {
    names: ByteSet,
    digests: Blocks<Hash>,
}

impl Ledger {
    /// Adds the file `relative`, its digest to come: its number, or None when the set has a file of
    /// that name already.
    pub(super) fn open(&mut self, relative: &str) -> Option<usize> {
        let index = self.names.insert(relative.as_bytes())?;
        self.digests.push([0; 32]);
        Some(index)
    }

    /// Records the digest of the file numbered `index`, now finished.
    pub(super) fn finish(&mut self, index: usize, digest: Hash) {
        if let Some(slot) = self.digests.get_mut(index) {
            *slot = digest;
        }
    }

    /// Writes the manifest of the set, written by `command`: a first line naming it, then a
    /// `sha256sum` line per file, in the order they were opened.
    pub(super) fn write_manifest(&self, command: &str, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "{HEADER} {command}; a file whose bytes differ is yours"
        )?;
        for (index, digest) in self.digests.iter().enumerate() {
            let mut hex = [0u8; 64];
            for (pair, byte) in hex.chunks_exact_mut(2).zip(digest) {
                pair[0] = HEX[usize::from(byte >> 4)];
                pair[1] = HEX[usize::from(byte & 15)];
            }
            out.write_all(&hex)?;
            out.write_all(b"  ")?;
            out.write_all(self.names.get(index))?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}
