//! Keeping the teacher's files in a new set (`--force`) on a file system that runs out of room part
//! way: each of the teacher's files is linked into the new set, or moved there where it cannot be
//! linked, and a step after a move can fail. Then the run fails in one line and everything moved goes
//! back: the old set and the teacher's files are as they were. Or the run succeeds and keeps them all.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::support::mounts::Tmpfs;
use crate::support::sets::handprop;

/// Every entry under `dir` (a folder's value None, a file's its bytes), by relative path.
fn entries(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut found = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(dir).unwrap().to_path_buf();
            if path.is_dir() {
                pending.push(path);
                found.insert(relative, None);
            } else {
                found.insert(relative, Some(fs::read(&path).unwrap()));
            }
        }
    }
    found
}

/// The teacher's own entries added to a set: a file at its top, empty folders in its variants'
/// folders and a nested one of their own. False when the file system had no room for them.
fn add_the_teachers(set: &Path) -> bool {
    let file = fs::write(set.join("notes.txt"), "the teacher's notes");
    let folders = ["001/e1", "001/e2", "002/e3", "003/e4", "t/x/y"];
    file.is_ok()
        && folders
            .iter()
            .all(|f| fs::create_dir_all(set.join(f)).is_ok())
}

/// On tmpfs file systems of 40 to 70 inodes, a set of 3 variants holding the teacher's entries is
/// written again with `--force`: every outcome keeps the teacher's entries, and some of the runs fail
/// while keeping them (after a file was moved).
#[cfg(target_os = "linux")]
#[test]
#[ignore = "needs root and mount; run by .ci/run"]
fn a_file_system_that_runs_out_while_the_teachers_files_are_kept_changes_nothing() {
    let mut failed_keeping = 0;
    for inodes in 40..=70 {
        let scratch = tempfile::tempdir().unwrap();
        let options = format!("size=5m,nr_inodes={inodes}");
        let small = Tmpfs::mount_with(&scratch.path().join("small"), &options);
        let set = small.path().join("s");
        let write = |seed: &str, force: bool| {
            let mut command = handprop();
            command.args(["exercises", "--count", "3", "--seed", seed, "--out"]);
            command
                .arg(&set)
                .args(force.then_some("--force"))
                .output()
                .unwrap()
        };
        if !write("1", false).status.success() || !add_the_teachers(&set) {
            continue; // no room for the old set and the teacher's entries
        }
        let before = entries(&set);
        let again = write("2", true);
        let stderr = String::from_utf8_lossy(&again.stderr).into_owned();
        let after = entries(&set);
        let left: Vec<_> = fs::read_dir(small.path()).unwrap().flatten().collect();
        drop(small);
        match again.status.code() {
            Some(0) => {
                let kept = after.get(Path::new("notes.txt"));
                assert_eq!(
                    kept,
                    Some(&Some(b"the teacher's notes".to_vec())),
                    "{inodes}"
                );
                for folder in ["001/e1", "001/e2", "002/e3", "003/e4", "t/x/y"] {
                    assert_eq!(
                        after.get(Path::new(folder)),
                        Some(&None),
                        "{inodes}: {folder}"
                    );
                }
            }
            Some(1) => {
                assert_eq!(stderr.lines().count(), 1, "{inodes}: {stderr}");
                assert_eq!(after, before, "{inodes}: the old set changed: {stderr}");
                assert_eq!(left.len(), 1, "{inodes}: no temporary is left: {left:?}");
                failed_keeping += usize::from(stderr.contains("cannot keep your files"));
            }
            code => panic!("{inodes}: exit {code:?}: {stderr}"),
        }
    }
    assert!(
        failed_keeping > 0,
        "no file system was small enough to stop handprop while it kept the teacher's files"
    );
}

/// A folder of the teacher's with nothing in it, inside a variant's folder that the new set (of fewer
/// variants) does not have, is kept with `--force`, in a folder made with the old one's mode.
#[test]
fn the_teachers_empty_folder_keeps_its_place_and_its_folder_s_mode() {
    use std::os::unix::fs::PermissionsExt;
    let scratch = tempfile::tempdir().unwrap();
    let set = scratch.path().join("s");
    let write = |count: &str, force: bool| {
        let mut command = handprop();
        command.args(["exercises", "--count", count, "--seed", "1", "--out"]);
        command
            .arg(&set)
            .args(force.then_some("--force"))
            .assert()
            .success();
    };
    write("3", false);
    fs::create_dir_all(set.join("003/mine/inner")).unwrap();
    fs::set_permissions(set.join("003"), fs::Permissions::from_mode(0o710)).unwrap();
    write("2", true);
    assert!(set.join("003/mine/inner").is_dir());
    assert!(
        !set.join("003/answer.md").exists(),
        "the third variant is gone"
    );
    let mode = fs::metadata(set.join("003")).unwrap().permissions().mode();
    assert_eq!(mode & 0o7777, 0o710);
}

/// A FIFO in place of the set's manifest is not read (reading it would wait for ever): the set's
/// files are then not vouched for, so writing the set again is refused in one line.
#[test]
fn a_fifo_in_place_of_the_manifest_is_refused_not_waited_on() {
    let scratch = tempfile::tempdir().unwrap();
    let set = scratch.path().join("s");
    let write = || {
        let mut command = handprop();
        command.args(["exercises", "--count", "2", "--seed", "1", "--out"]);
        command
            .arg(&set)
            .timeout(std::time::Duration::from_secs(60));
        command.assert()
    };
    write().success();
    let manifest = set.join(".handprop-manifest");
    fs::remove_file(&manifest).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&manifest).status();
    assert!(made.unwrap().success());
    let refused = write().code(2);
    let stderr = String::from_utf8_lossy(&refused.get_output().stderr).into_owned();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("holds files handprop did not write"),
        "{stderr}"
    );
}
