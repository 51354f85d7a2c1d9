//! What handprop needs to know of an entry in a folder it surveys: who it is (device and inode), its
//! kind, whether it changed (size and times), its mode and owner, its links. A `std::fs::Metadata` is
//! about 200 bytes; this is 64, and a set written over an old one surveys millions of entries.

use std::fs;
use std::os::unix::fs::MetadataExt;

use rustix::fs::FileType;

/// An entry's metadata, as far as handprop uses it (not following links).
#[derive(Debug, Clone, Copy)]
pub struct Meta {
    dev: u64,
    ino: u64,
    len: u64,
    mtime: i64,
    ctime: i64,
    mtime_nsec: u32,
    ctime_nsec: u32,
    mode: u32,
    uid: u32,
    gid: u32,
    nlink: u32,
}

impl From<&fs::Metadata> for Meta {
    fn from(meta: &fs::Metadata) -> Meta {
        // the kernel gives nanoseconds below 10⁹
        let nanoseconds = |n: i64| u32::try_from(n).unwrap_or(0);
        Meta {
            dev: meta.dev(),
            ino: meta.ino(),
            len: meta.len(),
            mtime: meta.mtime(),
            ctime: meta.ctime(),
            mtime_nsec: nanoseconds(meta.mtime_nsec()),
            ctime_nsec: nanoseconds(meta.ctime_nsec()),
            mode: meta.mode(),
            uid: meta.uid(),
            gid: meta.gid(),
            nlink: u32::try_from(meta.nlink()).unwrap_or(u32::MAX),
        }
    }
}

impl Meta {
    /// The metadata of `path`, not following a link.
    pub fn of(path: &std::path::Path) -> std::io::Result<Meta> {
        fs::symlink_metadata(path).map(|meta| Meta::from(&meta))
    }

    /// A folder.
    pub fn is_dir(&self) -> bool {
        FileType::from_raw_mode(self.mode) == FileType::Directory
    }

    /// A regular file.
    pub fn is_file(&self) -> bool {
        FileType::from_raw_mode(self.mode) == FileType::RegularFile
    }

    /// The device it is on.
    pub fn dev(&self) -> u64 {
        self.dev
    }

    /// Its inode.
    pub fn ino(&self) -> u64 {
        self.ino
    }

    /// Its mode: kind and permissions.
    pub fn mode(&self) -> u32 {
        self.mode
    }

    /// Its owner.
    pub fn uid(&self) -> u32 {
        self.uid
    }

    /// Its group.
    pub fn gid(&self) -> u32 {
        self.gid
    }

    /// How many names it has (at most `u32::MAX`).
    pub fn nlink(&self) -> u32 {
        self.nlink
    }

    /// The same file, unchanged (as far as its metadata tells).
    pub fn same_file(&self, other: &Meta) -> bool {
        let identity = |m: &Meta| {
            (
                m.dev,
                m.ino,
                m.len,
                m.mtime,
                m.mtime_nsec,
                m.ctime,
                m.ctime_nsec,
            )
        };
        identity(self) == identity(other)
    }
}
