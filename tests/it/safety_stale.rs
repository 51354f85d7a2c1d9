//! A run killed (SIGKILL) between swapping its set into `--out` and removing the old set leaves the old
//! set beside `--out` under the name of its temporary; killed earlier, the staged set. The next run
//! removes either, says so, and loses nothing of the teacher's in it (issue 10, cases 9 and 10). The
//! kill is simulated: the folders are made as the killed run leaves them, named after a process that is
//! gone.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::sets::{exercises, files, handprop};

/// The name a run that is gone gives its temporaries beside `--out`: this boot, a process that has
/// ended, a start time.
fn dead_run_name(suffix: &str) -> String {
    let boot: String = fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .unwrap()
        .chars()
        .filter(char::is_ascii_hexdigit)
        .take(8)
        .collect();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    format!(".handprop-{boot}-{pid}-12345-{suffix}")
}

/// Copies every file of `from` into `to` (made), as the old set holds its own.
fn copy_set(from: &Path, to: &Path) {
    for (relative, bytes) in files(from) {
        let path = to.join(&relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
}

fn run(out: &Path) -> String {
    let assert = handprop()
        .args([
            "exercises",
            "--count",
            "2",
            "--seed",
            "9",
            "--force",
            "--out",
        ])
        .arg(out)
        .assert()
        .success();
    String::from_utf8(assert.get_output().stderr.clone()).unwrap()
}

fn beside(folder: &Path) -> Vec<PathBuf> {
    let mut names: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .collect();
    names.sort();
    names
}

#[test]
fn the_old_set_left_by_a_kill_after_the_swap_is_removed_by_the_next_run() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    exercises(&out, &["--count", "2", "--seed", "1"]);
    fs::write(out.join("notes.txt"), "the teacher's notes").unwrap();
    // the old set, swapped out: its own files, and the teacher's linked into the new set
    let old = scratch.path().join(dead_run_name("a1b2c3"));
    copy_set(&out, &old);
    fs::remove_file(old.join("notes.txt")).unwrap();
    fs::hard_link(out.join("notes.txt"), old.join("notes.txt")).unwrap();
    let stderr = run(&out);
    assert!(
        stderr.contains(&format!("removed {}", old.display()))
            && stderr.contains("left by a handprop run that was stopped"),
        "{stderr}"
    );
    assert_eq!(beside(scratch.path()), [PathBuf::from("set")], "{stderr}");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "the teacher's notes"
    );
}

#[test]
fn a_teachers_file_in_a_stale_set_is_kept_in_view() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    exercises(&out, &["--count", "2", "--seed", "1"]);
    // killed after a teacher's file was moved into the staged set (where no link could be made)
    let staged = scratch.path().join(dead_run_name("d4e5f6"));
    copy_set(&out, &staged);
    fs::write(staged.join("grades.ods"), "the teacher's grades").unwrap();
    let mut edited = fs::read(staged.join("key.csv")).unwrap();
    edited.extend(b"# the teacher's note\n");
    fs::write(staged.join("key.csv"), &edited).unwrap();
    let stderr = run(&out);
    let kept = scratch.path().join("handprop-kept-1");
    assert!(
        stderr.contains(&format!("is kept in {}", kept.display())),
        "{stderr}"
    );
    assert_eq!(
        beside(scratch.path()),
        [PathBuf::from("handprop-kept-1"), PathBuf::from("set")]
    );
    let left = files(&kept);
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        [Path::new("grades.ods"), Path::new("key.csv")],
        "handprop's own files are removed, the teacher's kept"
    );
    assert_eq!(left[Path::new("grades.ods")], b"the teacher's grades");
    assert_eq!(left[Path::new("key.csv")], edited);
}

#[test]
fn a_staged_set_never_published_is_removed_whole() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    exercises(&out, &["--count", "2", "--seed", "1"]);
    let staged = scratch.path().join(dead_run_name("g7h8i9"));
    copy_set(&out, &staged);
    fs::remove_file(staged.join(".handprop-manifest")).unwrap();
    let stderr = run(&out);
    assert!(
        stderr.contains(&format!("removed {}", staged.display())),
        "{stderr}"
    );
    assert_eq!(beside(scratch.path()), [PathBuf::from("set")]);
}

/// Killed (or stopped where a move could not be undone) after moving a pair of the teacher's hard
/// links into the staged set: both names are in the stale folder and nowhere else, so they are the
/// teacher's only copy and are kept, not taken for files linked into the new set.
#[test]
fn the_teachers_hard_links_moved_into_a_stale_set_are_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    exercises(&out, &["--count", "2", "--seed", "1"]);
    let staged = scratch.path().join(dead_run_name("j1k2l3"));
    copy_set(&out, &staged);
    fs::write(staged.join("shared.txt"), "the teacher's shared notes").unwrap();
    fs::hard_link(staged.join("shared.txt"), staged.join("shared-too.txt")).unwrap();
    // and one linked into the new set, as a run that kept the teacher's files links them
    fs::write(out.join("linked.txt"), "linked into the set").unwrap();
    fs::hard_link(out.join("linked.txt"), staged.join("linked.txt")).unwrap();
    let stderr = run(&out);
    let kept = scratch.path().join("handprop-kept-1");
    let left = files(&kept);
    assert_eq!(
        left.keys().collect::<Vec<_>>(),
        [Path::new("shared-too.txt"), Path::new("shared.txt")],
        "{stderr}"
    );
    assert!(left.values().all(|b| b == b"the teacher's shared notes"));
    assert_eq!(
        fs::read_to_string(out.join("linked.txt")).unwrap(),
        "linked into the set"
    );
}
