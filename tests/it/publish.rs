//! Writing a set's folder whole: several writers of the same `--out` at once all succeed, and the
//! folder left is one whole set with its manifest.

use handprop::publish::{Commit, MANIFEST};
use std::fs;
use std::io::Write;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

#[test]
fn writers_of_the_same_folder_at_the_same_time_all_succeed_and_leave_one_whole_set() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("site");
    for round in 0..20 {
        let results: Vec<_> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..6)
                .map(|writer| {
                    let out = &out;
                    scope.spawn(move || {
                        let mut commit = Commit::folder(out, "--out", "test", false)?;
                        commit.mkdir("pages")?;
                        commit.file("pages/who.txt", format!("{round}.{writer}"))?;
                        commit.file("index.txt", format!("{round}.{writer}"))?;
                        commit.publish()
                    })
                })
                .collect();
            writers.into_iter().map(|w| w.join().unwrap()).collect()
        });
        for result in &results {
            assert!(result.is_ok(), "round {round}: {result:?}");
        }
        let index = fs::read_to_string(out.join("index.txt")).unwrap();
        let who = fs::read_to_string(out.join("pages/who.txt")).unwrap();
        assert_eq!(index, who, "one writer's whole set");
        assert!(index.starts_with(&format!("{round}.")));
        let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
        let digest = sha256_hex(index.as_bytes());
        assert_eq!(
            manifest.lines().skip(1).collect::<Vec<_>>(),
            [
                format!("{digest}  pages/who.txt"),
                format!("{digest}  index.txt")
            ],
            "{manifest}"
        );
    }
    let left: Vec<_> = fs::read_dir(scratch.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "no temporary folder is left beside --out");
}

/// Runs `Commit::folder(out)` `times` times while `swap` runs again and again on another thread (as
/// another handprop putting its sets in place would); every begin must succeed.
fn begin_while(out: &Path, times: usize, swap: impl Fn() + Sync) {
    let stop = AtomicBool::new(false);
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                swap();
            }
        });
        for attempt in 0..times {
            if let Err(error) = Commit::folder(out, "--out", "test", false) {
                stop.store(true, Ordering::Relaxed);
                panic!("attempt {attempt}: {error}");
            }
        }
        stop.store(true, Ordering::Relaxed);
    });
}

#[test]
fn a_folder_moved_aside_while_it_is_checked_is_never_taken_for_a_file() {
    let scratch = tempfile::tempdir().unwrap();
    let (out, aside) = (scratch.path().join("site"), scratch.path().join("aside"));
    fs::create_dir(&out).unwrap();
    begin_while(&out, 3000, || {
        let _ = fs::rename(&out, &aside);
        let _ = fs::rename(&aside, &out);
    });
}

#[test]
fn a_set_replaced_by_another_handprop_while_it_is_checked_is_never_taken_for_foreign_files() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("site");
    let sets = AtomicUsize::new(0);
    // another handprop puts a new set, with other files, in place again and again
    begin_while(&out, 300, || {
        let n = sets.fetch_add(1, Ordering::Relaxed);
        write_set(&out, false, &format!("{n}"), || {}).unwrap();
    });
}

/// A set of one file, `index.txt` holding `text`, written into `out`: begun, then `meanwhile`, then
/// committed.
fn write_set(
    out: &Path,
    force: bool,
    text: &str,
    meanwhile: impl FnOnce(),
) -> handprop::Result<()> {
    let mut commit = Commit::folder(out, "--out", "test", force)?;
    commit.file("index.txt", text)?;
    meanwhile();
    commit.publish()
}

#[test]
fn a_file_put_in_the_folder_while_the_set_is_written_is_never_lost() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    write_set(&out, false, "first", || {}).unwrap();
    // without --force: refused at the commit, and the folder is left as it was
    let refused = write_set(&out, false, "second", || {
        fs::write(out.join("notes.txt"), "the teacher's notes").unwrap();
    });
    let message = refused.unwrap_err().to_string();
    assert!(
        message.contains("holds files handprop did not write (such as notes.txt)"),
        "{message}"
    );
    assert_eq!(fs::read_to_string(out.join("index.txt")).unwrap(), "first");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "the teacher's notes"
    );
    // with --force: the set is written and the file is kept beside it
    write_set(&out, true, "third", || {
        fs::write(out.join("more.txt"), "more notes").unwrap();
    })
    .unwrap();
    assert_eq!(fs::read_to_string(out.join("index.txt")).unwrap(), "third");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "the teacher's notes"
    );
    assert_eq!(
        fs::read_to_string(out.join("more.txt")).unwrap(),
        "more notes"
    );
    // with --force, a teacher's file that has the name of a file of the set is kept under a backup
    // name in the set, and nothing is left beside --out
    let other = scratch.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("index.txt"), "the teacher's index").unwrap();
    write_set(&other, true, "fourth", || {}).unwrap();
    assert_eq!(
        fs::read_to_string(other.join("index.txt")).unwrap(),
        "fourth"
    );
    assert_eq!(
        fs::read_to_string(other.join("index.yours.txt")).unwrap(),
        "the teacher's index"
    );
    let left: Vec<_> = fs::read_dir(scratch.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 2, "no temporary folder is left beside --out");
}

/// SHA-256 of `bytes` in hex, computed by the system's `sha256sum` (not by the code under test).
fn sha256_hex(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("sha256sum")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8(out.stdout).unwrap()[..64].to_owned()
}

/// A set of many files (over several of the ledger's blocks), one of them opened first and finished
/// last as a set's combined sheets are: the manifest lists every file in the order it was opened, with
/// the digest `sha256sum` gives for it; a name given twice, or the manifest's, is refused.
#[test]
fn the_manifest_lists_every_file_of_a_large_set_in_order_with_its_digest() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    let mut commit = Commit::folder(&out, "--out", "test", false).unwrap();
    let mut names = vec!["all sheets.md".to_owned()];
    let mut combined = commit.sink(&names[0]).unwrap();
    for folder in 0..2100 {
        let folder = format!("{folder:04}");
        commit.mkdir(&folder).unwrap();
        for (i, file) in ["network.toml", "答案 é.md", "q"].iter().enumerate() {
            let name = format!("{folder}/{file}");
            commit
                .file(&name, format!("{name} {}", "x".repeat(i * 7)))
                .unwrap();
            combined.write(|w| w.write_all(name.as_bytes())).unwrap();
            names.push(name);
        }
    }
    combined.finish().unwrap();
    for taken in ["0000/q", "2099/network.toml", "all sheets.md", MANIFEST] {
        let refused = commit.file(taken, "again").unwrap_err().to_string();
        assert!(
            refused.contains("would be written twice"),
            "{taken}: {refused}"
        );
    }
    commit.publish().unwrap();
    let listed = std::process::Command::new("sha256sum")
        .args(&names)
        .current_dir(&out)
        .output()
        .unwrap();
    assert!(listed.status.success());
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    let (first, lines) = manifest.split_once('\n').unwrap();
    assert_eq!(
        first,
        "# written by handprop test; a file whose bytes differ is yours"
    );
    assert_eq!(lines, String::from_utf8(listed.stdout).unwrap());
}

/// Folders whose names sort one way as text and another as paths (`a`, `a b`, `a-b`, `a/x`): a set
/// written again over itself is handprop's throughout; a file or an empty folder the teacher adds in
/// any of them is named and refused, and kept with `--force`.
#[test]
fn what_each_folder_holds_is_told_apart_whatever_its_name_sorts_next_to() {
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    let folders = ["a", "a b", "a-b", "a/x", "a/x/y", "a.b", "ab"];
    let write = |force: bool, text: &str| -> handprop::Result<()> {
        let mut commit = Commit::folder(&out, "--out", "test", force)?;
        for folder in folders {
            commit.mkdir(folder)?;
            commit.file(&format!("{folder}/f"), format!("{folder} {text}"))?;
        }
        commit.publish()
    };
    write(false, "one").unwrap();
    write(false, "two").unwrap();
    assert_eq!(fs::read_to_string(out.join("a-b/f")).unwrap(), "a-b two");
    for (added, folder) in [
        ("a-b/mine.txt", false),
        ("a/x/y/z", true),
        ("a b/notes", true),
    ] {
        match folder {
            true => fs::create_dir(out.join(added)).unwrap(),
            false => fs::write(out.join(added), "the teacher's").unwrap(),
        }
        let refused = write(false, "three").unwrap_err().to_string();
        assert!(
            refused.contains(&format!("such as {added})")),
            "{added}: {refused}"
        );
        write(true, "four").unwrap();
        assert!(
            fs::symlink_metadata(out.join(added)).is_ok(),
            "{added} kept"
        );
        assert_eq!(
            fs::read_to_string(out.join("a/x/y/f")).unwrap(),
            "a/x/y four"
        );
        let _ = fs::remove_file(out.join(added)).or_else(|_| fs::remove_dir(out.join(added)));
        write(false, "five").unwrap();
    }
}
