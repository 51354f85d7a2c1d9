//! The checks before a set's folder is replaced: who wrote it, whose its entries are, whether what
//! must be kept can be kept; and the old set's modes given to the new one.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use super::owned::{Owner, Survey};
use super::{place, swap};
use crate::error::{Error, Result};

/// The survey of the existing folder `target` (`out` as the user gave it), None when there is none.
/// `before` is Some when the caller holds the lock (its survey, if any, spares reading unchanged files
/// again); else a shared lock is taken while the folder is read.
pub(super) fn survey(
    out: &Path,
    target: &Path,
    before: Option<Option<&Survey>>,
) -> Result<Option<Survey>> {
    let _lock = before
        .is_none()
        .then(|| swap::Lock::on(target.parent().unwrap_or(target), false));
    // a folder moved away while it is read (by another program: handprops take turns) is read again
    let mut tries = 0;
    loop {
        tries += 1;
        match Survey::of(target, before.flatten()) {
            Ok(survey) => return Ok(Some(survey)),
            Err(_) if fs::symlink_metadata(target).is_err() => return Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && tries < 100 => continue,
            Err(source) => {
                return Err(Error::Read {
                    path: out.to_owned(),
                    source,
                });
            }
        }
    }
}

/// Refuses to replace `out` when another command wrote it, when it holds one of the run's inputs,
/// or a teacher's entry (unless `force`, and then one that can be kept: not a mount point, and every
/// folder of handprop's writable).
pub(super) fn check(
    out: &Path,
    option: &str,
    command: &str,
    survey: &Survey,
    force: bool,
) -> Result<()> {
    if let Some(other) = survey.command.as_deref().filter(|c| *c != command) {
        return Err(Error::Usage(format!(
            "{option} {} holds what `handprop {other}` wrote; `handprop {command}` never replaces it; \
             choose another {option}",
            out.display()
        )));
    }
    for entry in &survey.entries {
        if let Some(input) = place::which_input(entry.meta.dev(), entry.meta.ino())
            .filter(|_| entry.owner == Owner::Handprop)
        {
            return Err(Error::Usage(format!(
                "{option} {} holds {}, an input of this run, which a new set would replace; \
                 handprop never writes over its inputs; copy it elsewhere or choose another {option}",
                out.display(),
                input.display()
            )));
        }
    }
    let teacher = survey.teacher();
    if survey.older && !force {
        return Err(Error::Usage(format!(
            "{option} {} was written by an older handprop, whose manifest cannot tell your changes from \
             its files; move the folder away (or give --force to keep its files beside the new set)",
            out.display()
        )));
    }
    let named = (survey.entries.iter())
        .find(|e| e.owner == Owner::Teacher && !e.meta.is_dir())
        .or(teacher.first().copied());
    if let Some(first) = named.filter(|_| !force) {
        return Err(Error::Usage(format!(
            "{option} {} holds files handprop did not write (such as {}), or changed since it wrote them; \
             choose a new or empty folder, or give --force to keep them beside the new set",
            out.display(),
            first.relative.display()
        )));
    }
    if let Some(mount) = teacher.iter().find(|e| e.meta.dev() != survey.root.dev()) {
        return Err(Error::Usage(format!(
            "{option} {}: {} is a mount point, which handprop cannot keep in a new set; unmount it or \
             choose another {option}",
            out.display(),
            out.join(&mount.relative).display()
        )));
    }
    let me = rustix::process::geteuid();
    let folders = std::iter::once((out.to_owned(), &survey.root)).chain(
        (survey.entries.iter())
            .filter(|e| e.meta.is_dir())
            .map(|e| (out.join(&e.relative), &e.meta)),
    );
    for (folder, meta) in folders {
        let writable = me.is_root() || meta.uid() == me.as_raw() && meta.mode() & 0o200 != 0;
        if !writable && rustix::fs::access(&folder, rustix::fs::Access::WRITE_OK).is_err() {
            return Err(Error::Usage(format!(
                "cannot replace the set in {}: its folder {} cannot be written; make it writable \
                 (chmod u+w) or choose another {option}",
                out.display(),
                folder.display()
            )));
        }
    }
    Ok(())
}

/// Gives the new set's files and folders the modes (and owners) of the old set's of the same names.
pub(super) fn copy_modes(survey: &Survey, staged: &Path) {
    swap::copy_mode(&survey.root, staged);
    for entry in survey.entries.iter().filter(|e| e.owner == Owner::Handprop) {
        let path = staged.join(&entry.relative);
        if let Ok(new) = fs::symlink_metadata(&path) {
            if (new.mode(), new.uid(), new.gid())
                != (entry.meta.mode(), entry.meta.uid(), entry.meta.gid())
            {
                swap::copy_mode(&entry.meta, &path);
            }
        }
    }
}
