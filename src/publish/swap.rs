//! Putting a staged set in place: under a lock on the folder above `--out` (so that two handprops take
//! turns), the teacher's entries are linked into the new set, the new and the old set are swapped in
//! one step (`renameat2(RENAME_EXCHANGE)` on Linux, so `--out` is never missing), and the old set's own
//! files are removed.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use super::owned::{Meta, Owner, Survey};

/// An exclusive (or shared) `flock` on a folder, released when dropped. Where the file system cannot
/// lock (some network file systems), handprop goes on without it.
pub struct Lock {
    _held: Option<fs::File>,
}

impl Lock {
    /// Locks `folder`: exclusively to change it, shared to read it.
    pub fn on(folder: &Path, exclusive: bool) -> Lock {
        use rustix::fs::FlockOperation::{LockExclusive, LockShared};
        let file = fs::File::open(folder).ok();
        let op = if exclusive { LockExclusive } else { LockShared };
        let locked = file.filter(|f| {
            loop {
                match rustix::fs::flock(f, op) {
                    Err(rustix::io::Errno::INTR) => continue,
                    result => break result.is_ok(),
                }
            }
        });
        Lock { _held: locked }
    }
}

/// Gives `to` the mode and (where allowed) the owner of `from`.
pub fn copy_mode(from: &Meta, to: &Path) {
    let _ = fs::set_permissions(to, fs::Permissions::from_mode(from.mode() & 0o7777));
    let me = rustix::process::geteuid();
    if from.uid() != me.as_raw() || from.gid() != rustix::process::getegid().as_raw() {
        let _ = std::os::unix::fs::lchown(to, Some(from.uid()), Some(from.gid()));
        // chown clears set-id bits: set the mode again
        let _ = fs::set_permissions(to, fs::Permissions::from_mode(from.mode() & 0o7777));
    }
}

/// Puts `staged` in place of `target`: swaps them when `target` exists (then `staged` holds the old
/// set), else renames.
pub fn swap(staged: &Path, target: &Path) -> std::io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staged, target);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        match renameat_with(CWD, staged, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(()),
            Err(rustix::io::Errno::INVAL | rustix::io::Errno::NOSYS) => {}
            Err(error) => return Err(error.into()),
        }
    }
    // no exchange on this file system: two renames, the old set going to the staged folder's name
    let aside = staged.with_extension("old");
    fs::rename(target, &aside)?;
    if let Err(error) = fs::rename(staged, target) {
        let _ = fs::rename(&aside, target);
        return Err(error);
    }
    fs::rename(&aside, staged)
}

/// A name beside `path` that nothing has in any of the folders `within`: `key.yours.csv`,
/// `key.yours-2.csv`, …
pub fn backup_name(path: &Path, within: &[&Path]) -> PathBuf {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let extension = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    (1..)
        .map(|n| {
            let mark = if n == 1 {
                String::new()
            } else {
                format!("-{n}")
            };
            path.with_file_name(format!("{stem}.yours{mark}{extension}"))
        })
        .find(|candidate| {
            (within.iter()).all(|folder| fs::symlink_metadata(folder.join(candidate)).is_err())
        })
        .unwrap_or_else(|| path.to_owned())
}

/// What carrying the teacher's entries into the new set did.
#[derive(Default)]
pub struct Carried {
    /// The old set's entries now also in the new set (hard links), to remove from the old one.
    pub linked: HashSet<PathBuf>,
    /// Entries moved (where a link could not be made), to move back if the commit fails.
    pub moved: Vec<(PathBuf, PathBuf)>,
    /// Entries kept under another name, as (old name, new name), to tell the teacher.
    pub renamed: Vec<(PathBuf, PathBuf)>,
}

/// Brings every entry of the teacher's in `out` (as `survey` found it) into the staged set: at the
/// same place, or under a backup name ([`backup_name`]) where the set has a file of that name. What
/// it did is in `carried`, also when it fails part way (then [`uncarry`] undoes it).
pub fn carry(
    out: &Path,
    staged: &Path,
    survey: &Survey,
    carried: &mut Carried,
) -> std::io::Result<()> {
    // where each folder carried so far is in the new set
    let mut places: HashMap<PathBuf, PathBuf> = HashMap::from([(PathBuf::new(), PathBuf::new())]);
    for entry in survey.entries.iter().filter(|e| e.owner == Owner::Teacher) {
        let parent = entry.relative.parent().unwrap_or(Path::new(""));
        let base = match places.get(parent) {
            Some(base) => base.clone(),
            None => make_parent(parent, staged, survey, &places)?,
        };
        let mut to = base.join(entry.relative.file_name().unwrap_or_default());
        let there = fs::symlink_metadata(staged.join(&to));
        let merge = entry.meta.is_dir() && there.as_ref().is_ok_and(fs::Metadata::is_dir);
        if there.is_ok() && !merge {
            let backup = backup_name(&to, &[staged, out]);
            carried
                .renamed
                .push((entry.relative.clone(), backup.clone()));
            to = backup;
        }
        if entry.meta.is_dir() {
            if !merge {
                fs::create_dir(staged.join(&to))?;
                copy_mode(&entry.meta, &staged.join(&to));
            }
            places.insert(entry.relative.clone(), to);
            continue;
        }
        let (from_path, to_path) = (out.join(&entry.relative), staged.join(&to));
        if fs::hard_link(&from_path, &to_path).is_ok() {
            carried.linked.insert(entry.relative.clone());
        } else {
            fs::rename(&from_path, &to_path)?;
            carried.moved.push((from_path, to_path));
        }
    }
    Ok(())
}

/// The place in the new set for what lies in `parent`, a folder of handprop's holding a folder of the
/// teacher's with no file in it (the teacher's empty folder): `parent` below its nearest carried
/// folder, made where missing with the old folders' modes.
fn make_parent(
    parent: &Path,
    staged: &Path,
    survey: &Survey,
    places: &HashMap<PathBuf, PathBuf>,
) -> std::io::Result<PathBuf> {
    let (above, mut place) = (parent.ancestors())
        .find_map(|above| Some((above, places.get(above)?.clone())))
        .unwrap_or((Path::new(""), PathBuf::new()));
    let mut old = above.to_path_buf();
    for name in parent.strip_prefix(above).unwrap_or(parent) {
        old.push(name);
        place.push(name);
        if fs::symlink_metadata(staged.join(&place)).is_err() {
            fs::create_dir(staged.join(&place))?;
            if let Some(folder) = survey.get(&old) {
                copy_mode(&folder.meta, &staged.join(&place));
            }
        }
    }
    Ok(place)
}

/// Moves back what [`carry`] moved (the commit failed); returns whether every entry went back.
pub fn uncarry(carried: &Carried) -> bool {
    let mut all = true;
    for (from, to) in carried.moved.iter().rev() {
        all &= fs::rename(to, from).is_ok();
    }
    all
}

/// Removes the old set (now at `old`): handprop's files as `survey` found them and the entries carried
/// into the new set by a link, then the folders left empty. Anything else (it turned up meanwhile) is
/// kept: the folder is then left under a visible name beside `--out`, which is returned.
pub fn remove_old(old: &Path, survey: &Survey, carried: &Carried, out: &Path) -> Option<PathBuf> {
    for entry in survey.entries.iter().rev() {
        let path = old.join(&entry.relative);
        if entry.meta.is_dir() {
            let _ = fs::remove_dir(&path);
            continue;
        }
        let now = fs::symlink_metadata(&path);
        let unchanged =
            now.is_ok_and(|m| (m.dev(), m.ino()) == (entry.meta.dev(), entry.meta.ino()));
        if unchanged && (entry.owner == Owner::Handprop || carried.linked.contains(&entry.relative))
        {
            let _ = fs::remove_file(&path);
        }
    }
    let _ = fs::remove_file(old.join(super::owned::MANIFEST));
    if fs::remove_dir(old).is_ok() || fs::symlink_metadata(old).is_err() {
        return None;
    }
    let name = out.file_name().unwrap_or_default().to_string_lossy();
    let kept = (1..)
        .map(|n| out.with_file_name(format!("{name}.left-{n}")))
        .find(|p| fs::symlink_metadata(p).is_err())?;
    fs::rename(old, &kept).ok().map(|()| kept)
}

/// Removes `stale`, a set's folder that a stopped run left beside `--out` (staged, or the old set
/// swapped out but not yet removed). Without a manifest it was never published and holds only what
/// the run wrote: removed whole. With one, its files are removed where the manifest says handprop
/// wrote them and where a name outside it still holds them (the teacher's files linked into the new
/// set); anything else is the teacher's (a file moved into the staged set, a pair of the teacher's
/// hard links among them): the folder is then kept under a visible name, which is returned.
pub fn remove_stale(stale: &Path) -> std::io::Result<Option<PathBuf>> {
    if fs::symlink_metadata(stale.join(super::owned::MANIFEST)).is_err() {
        return fs::remove_dir_all(stale).map(|()| None);
    }
    let survey = Survey::of(stale, None)?;
    let mut names_inside: HashMap<(u64, u64), u32> = HashMap::new();
    for entry in survey.entries.iter().filter(|e| e.meta.nlink() > 1) {
        *names_inside
            .entry((entry.meta.dev(), entry.meta.ino()))
            .or_default() += 1;
    }
    for entry in survey.entries.iter().rev() {
        let path = stale.join(&entry.relative);
        let inside = names_inside.get(&(entry.meta.dev(), entry.meta.ino()));
        let held_outside = inside.is_some_and(|&inside| entry.meta.nlink() > inside);
        if entry.meta.is_dir() {
            let _ = fs::remove_dir(&path);
        } else if entry.owner == Owner::Handprop || held_outside {
            fs::remove_file(&path)?;
        }
    }
    fs::remove_file(stale.join(super::owned::MANIFEST))?;
    if fs::remove_dir(stale).is_ok() {
        return Ok(None);
    }
    let parent = stale.parent().unwrap_or(Path::new("."));
    let kept = (1..)
        .map(|n| parent.join(format!("handprop-kept-{n}")))
        .find(|p| fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| stale.to_owned());
    fs::rename(stale, &kept).map(|()| Some(kept))
}
