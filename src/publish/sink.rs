//! A file being written: of a set (its digest kept for the manifest) or staged outside it.

use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use sha2::{Digest, Sha256};

use super::ledger::Ledger;
use super::write_error;
use crate::error::Result;

/// The files of a set and their digests, filled in as each is finished.
pub(super) type Shared = Rc<RefCell<Ledger>>;

/// A file being written (of the set, or staged outside it); errors name the file as it will be.
pub struct Sink {
    writer: SinkWriter,
    shown: PathBuf,
    ledger: Option<(usize, Shared)>,
}

/// What a [`Sink`]'s writing closure writes to: the file, through a buffer, and its digest.
pub struct SinkWriter {
    file: BufWriter<File>,
    hasher: Option<Sha256>,
}

impl Write for SinkWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let n = self.file.write(bytes)?;
        if let Some(hasher) = &mut self.hasher {
            hasher.update(&bytes[..n]);
        }
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl Sink {
    pub(super) fn new(file: File, shown: PathBuf, ledger: Option<(usize, Shared)>) -> Sink {
        Sink {
            writer: SinkWriter {
                file: BufWriter::with_capacity(1 << 16, file),
                hasher: ledger.as_ref().map(|_| Sha256::new()),
            },
            shown,
            ledger,
        }
    }

    /// Runs `write` on the file, naming the file in an error.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut SinkWriter) -> std::io::Result<()>,
    ) -> Result<()> {
        write(&mut self.writer).map_err(|source| write_error(&self.shown, source))
    }

    /// Flushes the file (to the disk: a full disk shows here, not after the commit) and records its
    /// digest for the set's manifest.
    pub fn finish(mut self) -> Result<()> {
        let fail = |source| write_error(&self.shown, source);
        self.writer.flush().map_err(fail)?;
        if let (Some((index, ledger)), Some(hasher)) =
            (self.ledger.take(), self.writer.hasher.take())
        {
            ledger.borrow_mut().finish(index, hasher.finalize().into());
        }
        Ok(())
    }
}

/// Writes `text` to standard output; a reader that stopped early (`handprop render | head`) is not a
/// failure.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(|source| write_error(Path::new("stdout"), source)),
    }
}
