//! Writing a set's folder whole: several writers of the same `--out` at once all succeed, and the
//! folder left is one whole set with its manifest.

use handprop::staging::{MANIFEST, Staging};
use std::fs;
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
                        let mut staging = Staging::begin(out, false)?;
                        staging.folder("pages")?;
                        staging.file("pages/who.txt", format!("{round}.{writer}"))?;
                        staging.file("index.txt", format!("{round}.{writer}"))?;
                        staging.commit()
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
        assert_eq!(
            fs::read_to_string(out.join(MANIFEST)).unwrap(),
            "pages/who.txt\nindex.txt\n.handprop-manifest\n"
        );
    }
    let left: Vec<_> = fs::read_dir(scratch.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 1, "no temporary folder is left beside --out");
}

/// Runs `Staging::begin(out)` `times` times while `swap` runs again and again on another thread (as
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
            if let Err(error) = Staging::begin(out, false) {
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
fn a_set_replaced_by_another_while_it_is_checked_is_never_taken_for_foreign_files() {
    let scratch = tempfile::tempdir().unwrap();
    let folder = |name: &str| scratch.path().join(name);
    let (out, next, old) = (folder("site"), folder("next"), folder("old"));
    let set = |into: &Path, n: usize| {
        let file = format!("{n}.txt");
        fs::create_dir(into).unwrap();
        fs::write(into.join(&file), &file).unwrap();
        fs::write(into.join(MANIFEST), format!("{file}\n{MANIFEST}\n")).unwrap();
    };
    set(&out, 0);
    let sets = AtomicUsize::new(1);
    // as another handprop does: a new set, with other files, put in place of the old one
    begin_while(&out, 3000, || {
        set(&next, sets.fetch_add(1, Ordering::Relaxed));
        fs::rename(&out, &old).unwrap();
        fs::rename(&next, &out).unwrap();
        fs::remove_dir_all(&old).unwrap();
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
    let mut staging = Staging::begin(out, force)?;
    staging.file("index.txt", text.to_owned())?;
    meanwhile();
    staging.commit()
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
    // with --force, a teacher's file that has the name of a file of the set is replaced, and nothing
    // is kept beside --out
    let other = scratch.path().join("other");
    fs::create_dir(&other).unwrap();
    fs::write(other.join("index.txt"), "the teacher's index").unwrap();
    write_set(&other, true, "fourth", || {}).unwrap();
    assert_eq!(
        fs::read_to_string(other.join("index.txt")).unwrap(),
        "fourth"
    );
    let left: Vec<_> = fs::read_dir(scratch.path()).unwrap().flatten().collect();
    assert_eq!(left.len(), 2, "no temporary folder is left beside --out");
}
