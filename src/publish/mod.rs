//! Publishing a run's output: one commit per run. Every file of a run (a document and its figures; a
//! set's folder, its Moodle quiz and its exports outside the folder) is staged first, beside its place,
//! and put in place together by [`Commit::publish`], after everything else has succeeded. Nothing of the
//! teacher's is lost or exposed:
//!
//! - a document's figure files are handprop's only as the folder's figure manifest lists them with
//!   their SHA-256 ([`figures`]), like a set's files;
//! - a set's folder records what handprop wrote in its manifest ([`owned`]): the command, and each
//!   file's SHA-256. Anything else in the folder, or a file whose bytes changed, is the teacher's: a
//!   folder holding such is refused; with `--force` it is kept in the new set (under a printed backup
//!   name, `key.yours.csv`, where the new set has a file of its name). A folder written by one command is
//!   never replaced by another's;
//! - the set is swapped with the old one in one step ([`swap`]), so `--out` is never missing;
//! - no output is written over an input ([`place::input`]), a link is followed to its target, a FIFO or
//!   a device is written through, the folder the user is in is refused up front ([`place`]);
//! - a replaced file or folder keeps its mode and owner;
//! - temporaries are removed when the run fails or is stopped, and by a later run when their run is
//!   gone ([`temporary`]).

mod check;
pub mod figures;
mod file;
mod ledger;
mod meta;
pub mod owned;
pub mod place;
mod sink;
mod swap;
pub mod temporary;

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::error::{Error, Result};
use check::{check, copy_modes, survey};
use file::Staged;
pub use file::Theirs;
pub use owned::MANIFEST;
use owned::Survey;
use place::{FileTarget, Place};
pub use sink::{Sink, SinkWriter, to_stdout};
pub use swap::Lock;
use temporary::Temporary;

/// The prefix of handprop's temporaries beside an output.
const PREFIX: &str = ".handprop-";

/// The refusal or failure to write `path`.
pub fn write_error(path: &Path, source: std::io::Error) -> Error {
    Error::Write {
        path: path.to_owned(),
        source,
    }
}

/// A run's output, staged, to be put in place whole by [`Commit::publish`] (or dropped: then nothing
/// is changed and every temporary is removed).
pub struct Commit {
    set: Option<Set>,
    files: Vec<Staged>,
    ledger: sink::Shared,
    force: bool,
}

/// A set's folder being staged.
struct Set {
    out: PathBuf,
    option: &'static str,
    place: Place,
    command: &'static str,
    staged: Temporary,
    survey: Option<Survey>,
}

impl Commit {
    /// A commit of single files (`-o FILE` and its figures).
    pub fn files(force: bool) -> Commit {
        Commit {
            set: None,
            files: Vec::new(),
            ledger: Rc::default(),
            force,
        }
    }

    /// A commit of the folder `out` (given as `option`), written by `command` (`exercises`, `site`,
    /// `templates`): checked now, so that a refusal comes before any work.
    pub fn folder(
        out: &Path,
        option: &'static str,
        command: &'static str,
        force: bool,
    ) -> Result<Commit> {
        let place = place::folder_target(out, option)?;
        temporary::sweep(&place.folder, PREFIX);
        let survey = survey(out, &place.path(), None)?;
        if let Some(survey) = &survey {
            check(out, option, command, survey, force)?;
        }
        let staged = Temporary::make(|| {
            let made = tempfile::Builder::new()
                .prefix(&temporary::prefix(PREFIX))
                .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o777))
                .tempdir_in(&place.folder)?;
            Ok(made.keep())
        })
        .map_err(|source| write_error(out, source))?;
        let set = Set {
            out: out.to_owned(),
            option,
            place,
            command,
            staged,
            survey,
        };
        Ok(Commit {
            set: Some(set),
            ..Commit::files(force)
        })
    }

    fn set(&self) -> Result<&Set> {
        self.set
            .as_ref()
            .ok_or_else(|| Error::Usage("this output has no folder".into()))
    }

    /// Creates the folder `relative` of the set.
    pub fn mkdir(&mut self, relative: &str) -> Result<()> {
        let set = self.set()?;
        fs::create_dir(set.staged.path().join(relative))
            .map_err(|source| write_error(&set.out.join(relative), source))
    }

    /// Writes the whole file `relative` of the set.
    pub fn file(&mut self, relative: &str, bytes: impl AsRef<[u8]>) -> Result<()> {
        let mut sink = self.sink(relative)?;
        sink.write(|w| w.write_all(bytes.as_ref()))?;
        sink.finish()
    }

    /// Opens the file `relative` of the set, to be written piece by piece.
    pub fn sink(&mut self, relative: &str) -> Result<Sink> {
        let set = self.set()?;
        let shown = set.out.join(relative);
        let index = match relative == MANIFEST {
            true => None,
            false => self.ledger.borrow_mut().open(relative),
        };
        let Some(index) = index else {
            return Err(Error::Usage(format!(
                "{} would be written twice in one set; give each output its own name",
                shown.display()
            )));
        };
        let file = File::create(set.staged.path().join(relative))
            .map_err(|source| write_error(&shown, source))?;
        Ok(Sink::new(file, shown, Some((index, self.ledger.clone()))))
    }

    /// Opens the file `path` (given as `option`: `-o`, `--moodle`, `--qti`), anywhere: a file of the set
    /// when it lies directly in the set's folder (however spelled), else staged beside its place and put
    /// there by [`Commit::publish`]. A file already there is replaced or kept as `theirs` says.
    pub fn outside(&mut self, path: &Path, option: &str, theirs: Theirs) -> Result<Sink> {
        if let Some(set) = &self.set
            && let Ok(inside) = place::absolute(path).strip_prefix(set.place.path())
        {
            let name = inside.to_string_lossy().into_owned();
            if inside.components().count() != 1 {
                return Err(Error::Usage(format!(
                    "{option} {} would go inside the set's own folders; write it directly in {} \
                     under another name, or outside it",
                    path.display(),
                    set.out.display()
                )));
            }
            return self.sink(&name);
        }
        let target = place::file_target(path, option)?;
        let (folder, shown) = match &target {
            FileTarget::Stdout | FileTarget::Through(_) => (std::env::temp_dir(), path.to_owned()),
            FileTarget::Replace(place) => (place.folder.clone(), path.to_owned()),
        };
        temporary::sweep(&folder, PREFIX);
        let mut kept = None;
        let temporary = Temporary::make(|| {
            let (file, path) = file::new_file(&folder)?.keep().map_err(|e| e.error)?;
            kept = Some(file);
            Ok(path)
        })
        .map_err(|source| write_error(&shown, source))?;
        let file = kept.ok_or_else(|| write_error(&shown, std::io::Error::other("no file")))?;
        self.files.push(Staged {
            shown: shown.clone(),
            target,
            temporary,
            theirs,
        });
        Ok(Sink::new(file, shown, None))
    }

    /// Writes the whole file `path` (see [`Commit::outside`]).
    pub fn put(&mut self, path: &Path, option: &str, bytes: &[u8], theirs: Theirs) -> Result<()> {
        let mut sink = self.outside(path, option, theirs)?;
        sink.write(|w| w.write_all(bytes))?;
        sink.finish()
    }

    /// Puts everything in place: the set first (its manifest written, the folder checked again,
    /// swapped with the old one), then the files outside it; then removes the old set. On an error
    /// before the set is in place, nothing is changed.
    pub fn publish(mut self) -> Result<()> {
        let _publishing = temporary::publishing();
        let mut renamed = Vec::new();
        for staged in &self.files {
            file::prepare(staged, self.force, &mut renamed)?;
        }
        let old = match self.set.take() {
            Some(set) => Some(self.publish_set(set)?),
            None => None,
        };
        for staged in std::mem::take(&mut self.files) {
            file::finish(staged)?;
        }
        for (from, to) in renamed {
            eprintln!("handprop: kept your {} as {}", from.display(), to.display());
        }
        if let Some(old) = old {
            old.remove();
        }
        Ok(())
    }

    fn publish_set(&self, set: Set) -> Result<OldSet> {
        let target = set.place.path();
        let staged = set.staged.path().to_owned();
        self.write_manifest(set.command, &staged.join(MANIFEST))
            .map_err(|source| write_error(&set.out, source))?;
        let _lock = swap::Lock::on(&set.place.folder, true);
        let survey = survey(&set.out, &target, Some(set.survey.as_ref()))?;
        if let Some(now) = &survey {
            check(&set.out, set.option, set.command, now, self.force)?;
        }
        let mut carried = swap::Carried::default();
        if let Some(survey) = &survey {
            copy_modes(survey, &staged);
            if let Err(source) = swap::carry(&target, &staged, survey, &mut carried) {
                let stranded = Self::uncarry(set.staged, &carried);
                return Err(Error::Keep {
                    path: set.out.clone(),
                    source,
                    stranded,
                });
            }
        }
        if let Err(source) = swap::swap(&staged, &target) {
            if let Some(folder) = Self::uncarry(set.staged, &carried) {
                return Err(Error::Keep {
                    path: set.out.clone(),
                    source,
                    stranded: Some(folder),
                });
            }
            return Err(write_error(&set.out, source));
        }
        for (from, to) in &carried.renamed {
            eprintln!(
                "handprop: kept your {} as {}",
                set.out.join(from).display(),
                set.out.join(to).display()
            );
        }
        Ok(OldSet {
            temporary: set.staged,
            survey,
            carried,
            out: target,
        })
    }
}

impl Commit {
    /// Moves the teacher's entries that were moved into the staged set back; when one cannot be, the
    /// staged folder is kept (not removed with what it holds) and returned.
    fn uncarry(staged: Temporary, carried: &swap::Carried) -> Option<PathBuf> {
        if swap::uncarry(carried) {
            return None;
        }
        let folder = staged.path().to_owned();
        staged.release();
        Some(folder)
    }

    /// Writes the set's manifest, listing every file of the ledger, at `path`.
    fn write_manifest(&self, command: &str, path: &Path) -> std::io::Result<()> {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, File::create(path)?);
        self.ledger.borrow().write_manifest(command, &mut out)?;
        out.flush()
    }
}

/// An old set swapped out, to remove.
struct OldSet {
    temporary: Temporary,
    survey: Option<Survey>,
    carried: swap::Carried,
    out: PathBuf,
}

impl OldSet {
    fn remove(self) {
        let Some(survey) = &self.survey else {
            return; // there was none: the staged folder is --out now
        };
        let path = self.temporary.path().to_owned();
        self.temporary.release();
        if let Some(kept) = swap::remove_old(&path, survey, &self.carried, &self.out) {
            eprintln!(
                "handprop: files that turned up in {} while it was written are kept in {}",
                self.out.display(),
                kept.display()
            );
        }
    }
}
