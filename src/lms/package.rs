//! A zip package (a QTI or Canvas import) written the same way every time: the files in the order they
//! are added, each with the same fixed date (1980-01-01, the earliest zip can hold) and permissions, so
//! that the same seed gives a byte-identical package.

use std::io::{Seek, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A package being written to `W`.
pub struct Package<W: Write + Seek> {
    zip: ZipWriter<W>,
}

impl<W: Write + Seek> Package<W> {
    /// Starts a package in `out`.
    pub fn new(out: W) -> Package<W> {
        Package {
            zip: ZipWriter::new(out),
        }
    }

    /// Adds the file `name` (a path in the package, with `/`) holding `bytes`.
    pub fn add(&mut self, name: &str, bytes: &[u8]) -> std::io::Result<()> {
        self.start(name)?.write_all(bytes)
    }

    /// Starts the file `name`, to be written through the writer returned (until the next file).
    pub fn start(&mut self, name: &str) -> std::io::Result<&mut ZipWriter<W>> {
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .last_modified_time(DateTime::default())
            .unix_permissions(0o644);
        self.zip.start_file(name, options).map_err(to_io)?;
        Ok(&mut self.zip)
    }

    /// Writes the package's directory; the writer back.
    pub fn finish(self) -> std::io::Result<W> {
        self.zip.finish().map_err(to_io)
    }
}

fn to_io(error: zip::result::ZipError) -> std::io::Error {
    match error {
        zip::result::ZipError::Io(error) => error,
        other => std::io::Error::other(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_files_make_the_same_bytes() {
        let make = || {
            let mut package = Package::new(std::io::Cursor::new(Vec::new()));
            package.add("imsmanifest.xml", b"<manifest/>").unwrap();
            package.add("a/b.svg", b"<svg/>").unwrap();
            package.finish().unwrap().into_inner()
        };
        let first = make();
        std::thread::sleep(std::time::Duration::from_millis(1100));
        assert_eq!(first, make());
        let mut read = zip::ZipArchive::new(std::io::Cursor::new(first)).unwrap();
        assert_eq!(read.file_names().count(), 2);
        assert!(read.by_name("a/b.svg").is_ok());
    }
}
