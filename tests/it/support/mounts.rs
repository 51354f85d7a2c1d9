//! A small tmpfs for the tests that need a full disk or a mount point: made when running as root
//! (as CI does), unmounted when dropped. A test that cannot make one FAILS: it never passes by skipping.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A tmpfs mounted at a folder, unmounted when dropped.
pub struct Tmpfs {
    path: PathBuf,
}

impl Tmpfs {
    /// Mounts a tmpfs of `size` (`mount -o size=…`, such as `256k`) at `path` (made if missing).
    #[track_caller]
    pub fn mount(path: &Path, size: &str) -> Tmpfs {
        Tmpfs::mount_with(path, &format!("size={size}"))
    }

    /// Mounts a tmpfs with `options` (`mount -o …`, such as `size=5m,nr_inodes=50`) at `path`.
    #[track_caller]
    pub fn mount_with(path: &Path, options: &str) -> Tmpfs {
        std::fs::create_dir_all(path).unwrap();
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(path)
            .status();
        assert!(
            status.as_ref().is_ok_and(|s| s.success()),
            "this test needs root to mount a tmpfs (CI runs as root): mount said {status:?}"
        );
        Tmpfs {
            path: path.to_owned(),
        }
    }

    /// Where it is mounted.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.path).status();
    }
}

/// Fills the file system of `folder` with a file `filler` until it is full, then frees `free` bytes.
pub fn fill(folder: &Path, free: u64) {
    use std::io::Write;
    let path = folder.join("filler");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = vec![7u8; 4096];
    while file.write_all(&block).is_ok() {}
    let _ = file.sync_all();
    let len = std::fs::metadata(&path).unwrap().len();
    file.set_len(len.saturating_sub(free)).unwrap();
}
