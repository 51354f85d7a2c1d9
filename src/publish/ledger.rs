//! The files of a set being written: each one's name, in the order they were opened, and its digest
//! once it is finished; what the set's manifest lists (and, read back, what an old set's listed). Kept compactly ([`crate::compact`]): a set of a
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

    /// Records `digest` for the file `name`, listed once (the last digest given counts).
    pub(super) fn record(&mut self, name: &[u8], digest: Hash) {
        match self.names.insert(name) {
            Some(_) => _ = self.digests.push(digest),
            None => {
                if let Some(index) = self.names.find(name) {
                    self.finish(index, digest);
                }
            }
        }
    }

    /// The digest recorded for the file `name`.
    pub(super) fn digest(&self, name: &[u8]) -> Option<&Hash> {
        self.digests.get(self.names.find(name)?)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_read_back_gives_each_name_its_last_digest() {
        let mut ledger = Ledger::default();
        ledger.record(b"001/answer.md", [1; 32]);
        ledger.record(b"key.csv", [2; 32]);
        ledger.record(b"001/answer.md", [3; 32]);
        assert_eq!(ledger.digest(b"001/answer.md"), Some(&[3; 32]));
        assert_eq!(ledger.digest(b"key.csv"), Some(&[2; 32]));
        assert_eq!(ledger.digest(b"001"), None);
        let mut text = Vec::new();
        ledger.write_manifest("exercises", &mut text).unwrap();
        let expected = format!(
            "{HEADER} exercises; a file whose bytes differ is yours\n{}  001/answer.md\n{}  key.csv\n",
            "03".repeat(32),
            "02".repeat(32)
        );
        assert_eq!(String::from_utf8(text).unwrap(), expected);
    }
}
