//! An output folder (an exercise set, a site), written whole or not at all.
//!
//! Everything is written into a temporary folder beside `--out`, then renamed into place. The folder
//! keeps a list of the files handprop wrote ([`MANIFEST`]), so that writing a set again over an older one
//! needs no `--force`, while a folder that holds anyone else's files is refused unless `--force` is
//! given; with `--force` those files are kept (moved into the new set), except any that have the name of
//! a file of the set, which are replaced.

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use crate::error::{Error, Result};

mod manifest;

use manifest::{entries_not_listed, foreign_files};

/// The list of the files handprop wrote in a set's folder, one relative path a line.
pub const MANIFEST: &str = ".handprop-manifest";

/// How many times a step that another handprop writing the same `--out` can spoil (checking the
/// folder, putting the set in place) is tried before its failure is reported.
const ATTEMPTS: u32 = 32;

/// A set being written: a temporary folder and the list of what is in it. Folders and whole files are
/// written by a second thread, while the first draws and renders the next variant.
pub struct Staging {
    temporary: Option<tempfile::TempDir>,
    out: PathBuf,
    force: bool,
    written: Vec<String>,
    jobs: Option<SyncSender<Job>>,
    writer: Option<JoinHandle<Result<()>>>,
}

/// Work for the writing thread: a folder or a file of the set, by its relative path.
enum Job {
    Folder(String),
    File(String, String),
}

/// The writing thread: does the jobs in order, and stops at the first failure.
fn write_jobs(folder: PathBuf, out: PathBuf, jobs: Receiver<Job>) -> Result<()> {
    for job in jobs {
        let (relative, result) = match job {
            Job::Folder(relative) => {
                let result = fs::create_dir(folder.join(&relative));
                (relative, result)
            }
            Job::File(relative, text) => {
                let result = fs::write(folder.join(&relative), text);
                (relative, result)
            }
        };
        result.map_err(|source| write_error(&out.join(relative), source))?;
    }
    Ok(())
}

/// A file being written in the staging folder; errors name the file as it will be in `--out`.
pub struct Sink {
    writer: BufWriter<File>,
    path: PathBuf,
}

impl Sink {
    /// Runs `write` on the file, naming the file in an error.
    pub fn write(
        &mut self,
        write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
    ) -> Result<()> {
        write(&mut self.writer).map_err(|source| write_error(&self.path, source))
    }

    /// The file's writer, to be written and flushed by the caller (a zip package needs to seek).
    pub fn into_writer(self) -> BufWriter<File> {
        self.writer
    }

    /// Flushes the file.
    pub fn finish(mut self) -> Result<()> {
        self.writer
            .flush()
            .map_err(|source| write_error(&self.path, source))
    }
}

pub(super) fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        source,
    }
}

impl Staging {
    /// Checks `out` and opens a temporary folder beside it.
    pub fn begin(out: &Path, force: bool) -> Result<Staging> {
        let parent = crate::output::existing_parent(out, "--out")?;
        // one look at `out`: another handprop may move it aside between two looks
        if fs::metadata(out).is_ok_and(|found| !found.is_dir()) {
            return Err(Error::Usage(format!(
                "--out {} is a file, not a folder; choose a new or empty folder",
                out.display()
            )));
        }
        if let Some(foreign) = foreign_files(out)?.first().filter(|_| !force) {
            return Err(refusal(out, foreign));
        }
        let temporary = tempfile::Builder::new()
            .prefix(".handprop-")
            .tempdir_in(parent)
            .map_err(|source| write_error(out, source))?;
        let (jobs, queue) = sync_channel(4096);
        let (folder, out_name) = (temporary.path().to_owned(), out.to_owned());
        let writer = std::thread::spawn(move || write_jobs(folder, out_name, queue));
        Ok(Staging {
            temporary: Some(temporary),
            out: out.to_owned(),
            force,
            written: Vec::new(),
            jobs: Some(jobs),
            writer: Some(writer),
        })
    }

    fn path(&self) -> &Path {
        self.temporary.as_ref().map_or(Path::new("."), |t| t.path())
    }

    fn send(&mut self, job: Job) -> Result<()> {
        let sent = self
            .jobs
            .as_ref()
            .is_some_and(|jobs| jobs.send(job).is_ok());
        if sent { Ok(()) } else { self.wait() }
    }

    /// Waits for the writing thread to finish its jobs; its first failure, if any.
    fn wait(&mut self) -> Result<()> {
        self.jobs = None;
        match self.writer.take().map(JoinHandle::join) {
            Some(Ok(result)) => result,
            Some(Err(_)) => Err(write_error(
                &self.out,
                std::io::Error::other("the thread writing the set stopped"),
            )),
            None => Ok(()),
        }
    }

    /// Creates the folder `relative` of the set.
    pub fn folder(&mut self, relative: &str) -> Result<()> {
        self.send(Job::Folder(relative.to_owned()))
    }

    /// Writes the whole file `relative` of the set.
    pub fn file(&mut self, relative: &str, text: String) -> Result<()> {
        self.written.push(relative.to_owned());
        self.send(Job::File(relative.to_owned(), text))
    }

    /// Opens the file `relative` of the set, to be written piece by piece.
    pub fn sink(&mut self, relative: &str) -> Result<Sink> {
        let path = self.out.join(relative);
        let file = File::create(self.path().join(relative))
            .map_err(|source| write_error(&path, source))?;
        self.written.push(relative.to_owned());
        Ok(Sink {
            writer: BufWriter::with_capacity(1 << 16, file),
            path,
        })
    }

    /// Writes the manifest and puts the set in place of `--out`.
    pub fn commit(mut self) -> Result<()> {
        self.wait()?;
        self.written.push(MANIFEST.to_owned());
        let manifest = self.written.join("\n") + "\n";
        let fail = |source| write_error(&self.out, source);
        fs::write(self.path().join(MANIFEST), manifest).map_err(fail)?;
        let Some(temporary) = self.temporary.take() else {
            return Ok(());
        };
        let staged = temporary.keep();
        // Another handprop may be writing the same --out at the same moment: when a rename finds the
        // place taken (or emptied) by it, try again, so that the last set written is the one kept.
        let mut attempts = 0;
        loop {
            attempts += 1;
            match self.put_in_place(&staged) {
                Err(Failure::Io(source)) if attempts < ATTEMPTS && is_race(&source) => continue,
                Err(failure) => {
                    let _ = fs::remove_dir_all(&staged);
                    return Err(match failure {
                        Failure::Io(source) => fail(source),
                        Failure::Foreign(foreign) => refusal(&self.out, &foreign),
                    });
                }
                Ok(()) => return Ok(()),
            }
        }
    }

    /// Renames the finished set `staged` to `--out`, moving an older set aside when there is one. Files
    /// that are not the older set's (a teacher's) are refused without `--force`; with it, or when they
    /// turn up after the check, they are kept (see [`Staging::keep_foreign`]).
    fn put_in_place(&self, staged: &Path) -> std::result::Result<(), Failure> {
        if fs::symlink_metadata(&self.out).is_err() {
            return Ok(fs::rename(staged, &self.out)?);
        }
        // checked again here, as files may have turned up in --out since `begin`
        if !self.force
            && let Some(foreign) = entries_not_listed(&self.out)?.into_iter().next()
        {
            return Err(Failure::Foreign(foreign));
        }
        let old = tempfile::Builder::new()
            .prefix(".handprop-old-")
            .tempdir_in(staged.parent().unwrap_or(Path::new(".")))?;
        let aside = old.path().join("set");
        fs::rename(&self.out, &aside)?;
        let placed = fs::rename(staged, &self.out);
        if placed.is_err() && fs::rename(&aside, &self.out).is_ok() {
            return Ok(placed?); // the old set is back in place, whole
        }
        self.keep_foreign(old);
        Ok(placed?)
    }

    /// Moves the entries of the old set (in `old`) that its manifest does not list into the folder now
    /// at `--out`. One that has the name of a file there is replaced with `--force`; without it (it
    /// turned up while the set was written), or when a move fails, the old set's folder is kept beside
    /// `--out` (`.handprop-old-…`) instead of removed, so that no one's file is lost.
    fn keep_foreign(&self, old: tempfile::TempDir) {
        let aside = old.path().join("set");
        let moved = |foreign: &Path| -> std::io::Result<bool> {
            let to = self.out.join(foreign);
            if fs::symlink_metadata(&to).is_ok() {
                return Ok(self.force);
            }
            if let Some(folder) = to.parent() {
                fs::create_dir_all(folder)?;
            }
            fs::rename(aside.join(foreign), &to).map(|()| true)
        };
        let all_moved = entries_not_listed(&aside).and_then(|foreign| {
            (foreign.iter()).try_fold(true, |all, f| moved(f).map(|one| all && one))
        });
        if !matches!(all_moved, Ok(true)) {
            let _ = old.keep();
        }
    }
}

/// Why a set could not be put in place.
enum Failure {
    /// The file system's error.
    Io(std::io::Error),
    /// `--out` holds this file, which handprop did not write (and `--force` was not given).
    Foreign(PathBuf),
}

impl From<std::io::Error> for Failure {
    fn from(source: std::io::Error) -> Failure {
        Failure::Io(source)
    }
}

/// The refusal to write into `out`, which holds `foreign`, a file handprop did not write.
fn refusal(out: &Path, foreign: &Path) -> Error {
    Error::Usage(format!(
        "--out {} holds files handprop did not write (such as {}); choose a new or empty folder, \
         or give --force to write the set beside them",
        out.display(),
        foreign.display()
    ))
}

/// Whether a rename failed because another process took or emptied the place at the same moment.
fn is_race(error: &std::io::Error) -> bool {
    use std::io::ErrorKind::{AlreadyExists, DirectoryNotEmpty, NotFound};
    matches!(error.kind(), AlreadyExists | DirectoryNotEmpty | NotFound)
}

impl Drop for Staging {
    /// A set that is not committed is removed whole, after the writing thread has stopped.
    fn drop(&mut self) {
        let _ = self.wait();
    }
}
