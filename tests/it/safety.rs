//! Nothing a teacher has is lost or exposed (issue 10, cases 1–12 and 23): the teacher's files in an
//! `--out` folder, inputs, links, FIFOs and devices, modes, a full disk, signals and `--out .`.

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::mounts::{Tmpfs, fill};
use crate::support::sets::{exercises, files, handprop};

/// The entries of `folder` whose names start with `.handprop-` (handprop's temporaries).
fn temporaries(folder: &Path) -> Vec<PathBuf> {
    (fs::read_dir(folder).unwrap().flatten())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".handprop-"))
        .map(|e| e.path())
        .collect()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().mode() & 0o7777
}

/// Case 1: with --force, a teacher's file of no set name and one of a set's name are both kept; the
/// second under a backup name that handprop prints.
#[test]
fn case_1_force_keeps_every_teacher_file() {
    let scratch = tempfile::tempdir().unwrap();
    let course = scratch.path().join("course");
    fs::create_dir_all(course.join("001")).unwrap();
    fs::write(course.join("001/notes.docx"), "notes").unwrap();
    fs::write(course.join("key.csv"), "k").unwrap();
    let assert = handprop()
        .args([
            "exercises",
            "--count",
            "2",
            "--seed",
            "1",
            "--force",
            "--out",
        ])
        .arg(&course)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(course.join("001/notes.docx")).unwrap(),
        "notes"
    );
    assert_eq!(
        fs::read_to_string(course.join("key.yours.csv")).unwrap(),
        "k"
    );
    assert!(
        fs::read_to_string(course.join("key.csv"))
            .unwrap()
            .starts_with("variant,seed")
    );
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("key.yours.csv"), "{stderr}");
    assert_eq!(
        fs::read_dir(scratch.path()).unwrap().count(),
        1,
        "nothing beside --out"
    );
    // run again: the set is replaced, the teacher's files stay (no second backup)
    exercises(&course, &["--count", "3", "--seed", "2", "--force"]);
    assert_eq!(
        fs::read_to_string(course.join("001/notes.docx")).unwrap(),
        "notes"
    );
    assert_eq!(
        fs::read_to_string(course.join("key.yours.csv")).unwrap(),
        "k"
    );
    assert!(!course.join("key.yours-2.csv").exists());
}

/// Case 2: a mount point inside --out cannot be kept in a new set: refused up front, with or without
/// --force, nothing moved, nothing hidden beside --out.
#[test]
#[ignore = "needs root; run by .ci/run"]
fn case_2_a_mount_point_inside_out_is_refused_up_front() {
    let scratch = tempfile::tempdir().unwrap();
    let set = scratch.path().join("set");
    exercises(&set, &["--count", "2", "--seed", "1"]);
    let mount = Tmpfs::mount(&set.join("mnt"), "64k");
    fs::write(mount.path().join("grades.ods"), "grades").unwrap();
    let before = files(&set);
    for force in [false, true] {
        let mut run = handprop();
        run.args(["exercises", "--count", "2", "--seed", "3", "--out"])
            .arg(&set);
        if force {
            run.arg("--force");
        }
        let assert = run.assert().code(2);
        let stderr = stderr_of(&assert);
        let expected = if force {
            "is a mount point"
        } else {
            "handprop did not write"
        };
        assert!(stderr.contains(expected), "{stderr}");
        assert_eq!(files(&set), before, "nothing changed");
        assert_eq!(
            fs::read_dir(scratch.path()).unwrap().count(),
            1,
            "nothing beside --out"
        );
    }
}

/// Case 2 as a user: a read-only folder of the teacher's inside --out: refused up front (it could not
/// be emptied), nothing moved.
#[test]
#[ignore = "needs root; run by .ci/run"]
fn case_2_a_read_only_folder_is_refused_up_front_for_a_user() {
    assert!(
        rustix_is_root(),
        "this test runs handprop as `nobody` and needs root (CI runs as root)"
    );
    let scratch = tempfile::tempdir().unwrap();
    fs::set_permissions(scratch.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let set = scratch.path().join("set");
    exercises(&set, &["--count", "2", "--seed", "1"]);
    fs::create_dir(set.join("locked")).unwrap();
    fs::write(set.join("locked/old.txt"), "old").unwrap();
    chown_all(&set, 65534);
    fs::set_permissions(set.join("locked"), fs::Permissions::from_mode(0o555)).unwrap();
    let before = files(&set);
    let assert = as_nobody()
        .args([
            "exercises",
            "--count",
            "2",
            "--seed",
            "3",
            "--force",
            "--out",
        ])
        .arg(&set)
        .assert()
        .code(2);
    let stderr = stderr_of(&assert);
    assert!(stderr.contains("locked cannot be written"), "{stderr}");
    assert_eq!(files(&set), before);
    assert_eq!(
        fs::read_dir(scratch.path()).unwrap().count(),
        1,
        "nothing beside --out"
    );
}

fn rustix_is_root() -> bool {
    fs::metadata("/proc/self").map(|m| m.uid()).unwrap_or(1) == 0
}

fn chown_all(path: &Path, uid: u32) {
    std::os::unix::fs::lchown(path, Some(uid), Some(uid)).unwrap();
    if path.is_dir() {
        for entry in fs::read_dir(path).unwrap().flatten() {
            chown_all(&entry.path(), uid);
        }
    }
}

/// The handprop binary, run as the user `nobody`.
fn as_nobody() -> assert_cmd::Command {
    let binary = assert_cmd::cargo::cargo_bin("handprop");
    let mut command = std::process::Command::new(binary);
    std::os::unix::process::CommandExt::uid(&mut command, 65534);
    std::os::unix::process::CommandExt::gid(&mut command, 65534);
    assert_cmd::Command::from_std(command)
}

/// Case 3: an edited template is the teacher's: kept (refused, or with --force under a printed backup
/// name); a template folder is never made an exercise set.
#[test]
fn case_3_an_edited_template_is_never_lost_and_templates_are_not_a_set() {
    let scratch = tempfile::tempdir().unwrap();
    let mytpl = scratch.path().join("mytpl");
    let templates = |force: bool| {
        let mut run = handprop();
        run.args(["templates", "--out"]).arg(&mytpl);
        if force {
            run.arg("--force");
        }
        run.assert()
    };
    templates(false).success();
    let words = mytpl.join("zh/words.md");
    let built_in = fs::read_to_string(&words).unwrap();
    fs::write(&words, format!("{built_in}\n{{# my edit #}}\n")).unwrap();
    let stderr = stderr_of(&templates(false).code(2));
    assert!(stderr.contains("zh/words.md"), "{stderr}");
    assert!(fs::read_to_string(&words).unwrap().contains("my edit"));
    let stderr = stderr_of(&templates(true).success());
    assert!(stderr.contains("words.yours.md"), "{stderr}");
    assert!(
        fs::read_to_string(mytpl.join("zh/words.yours.md"))
            .unwrap()
            .contains("my edit")
    );
    assert_eq!(fs::read_to_string(&words).unwrap(), built_in);
    fs::remove_file(mytpl.join("zh/words.yours.md")).unwrap();
    let before = files(&mytpl);
    for extra in [&["--templates", mytpl.to_str().unwrap()][..], &[]] {
        let assert = handprop()
            .args(["exercises", "--count", "2", "--seed", "1"])
            .args(extra)
            .arg("--out")
            .arg(&mytpl)
            .arg("--force")
            .assert()
            .code(2);
        let stderr = stderr_of(&assert);
        assert!(
            stderr.contains("handprop templates") || stderr.contains("an input of this run"),
            "{stderr}"
        );
        assert_eq!(files(&mytpl), before);
    }
}

/// Case 4: the network file is never the output.
#[test]
fn case_4_the_network_file_is_never_overwritten() {
    let scratch = tempfile::tempdir().unwrap();
    let net = scratch.path().join("net.toml");
    fs::copy("examples/mazur.toml", &net).unwrap();
    let text = fs::read(&net).unwrap();
    for args in [
        vec!["render", "NET", "-o", "NET"],
        vec!["render", "NET", "-f", "tex", "-o", "NET"],
        vec![
            "exercises",
            "NET",
            "--count",
            "2",
            "--out",
            "SET",
            "--moodle",
            "NET",
        ],
    ] {
        let set = scratch.path().join("set");
        let args: Vec<_> = args
            .iter()
            .map(|a| match *a {
                "NET" => net.clone().into_os_string(),
                "SET" => set.clone().into_os_string(),
                a => a.into(),
            })
            .collect();
        let assert = handprop().args(&args).assert().code(2);
        assert!(
            stderr_of(&assert).contains("an input of this run"),
            "{args:?}"
        );
        assert_eq!(fs::read(&net).unwrap(), text, "{args:?}");
        assert!(!set.exists());
    }
}

/// Case 5: `-o` a FIFO, a device or a link to one is written through, never replaced; `-o -` is
/// standard output.
#[test]
fn case_5_fifos_and_devices_are_written_through() {
    let scratch = tempfile::tempdir().unwrap();
    let expected = handprop()
        .arg("render")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // -o -
    let out = handprop()
        .args(["render", "-o", "-"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(out, expected);
    // a link to a device: the link and the device stay
    let null = scratch.path().join("null.md");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    handprop()
        .args(["render", "-o"])
        .arg(&null)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&null)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
    // a FIFO: a reader gets the document, the FIFO stays a FIFO
    let fifo = scratch.path().join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read(fifo).unwrap())
    };
    handprop()
        .args(["render", "-o"])
        .arg(&fifo)
        .assert()
        .success();
    assert_eq!(reader.join().unwrap(), expected);
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // -o /dev/stdout is standard output (last: a layer that replaced it would break the machine)
    let out = handprop()
        .args(["render", "-o", "/dev/stdout"])
        .assert()
        .success();
    assert_eq!(out.get_output().stdout, expected);
    assert!(
        fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

/// Case 5 on a full device (a node of /dev/full's numbers, made here, which needs root): exit 1, a
/// clear message, still a device.
#[test]
#[ignore = "needs root; run by .ci/run"]
fn case_5_a_full_device_stays_a_device() {
    let scratch = tempfile::tempdir().unwrap();
    assert!(
        rustix_is_root(),
        "this test makes a device node and needs root (CI runs as root)"
    );
    let full = scratch.path().join("full");
    let made = std::process::Command::new("mknod")
        .arg(&full)
        .args(["c", "1", "7"])
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mknod needs root");
    let assert = handprop()
        .args(["render", "-o"])
        .arg(&full)
        .assert()
        .code(1);
    assert!(
        stderr_of(&assert).contains("No space left on device"),
        "{}",
        stderr_of(&assert)
    );
    assert!(
        fs::symlink_metadata(&full)
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// Case 6: the quiz in the set's folder, spelled another way, is the set's file; later runs accept it.
#[test]
fn case_6_the_quiz_in_the_set_spelled_another_way() {
    let scratch = tempfile::tempdir().unwrap();
    let quiz = scratch.path().join("set/quiz.xml");
    for seed in ["1", "2"] {
        handprop()
            .current_dir(scratch.path())
            .args([
                "exercises",
                "--count",
                "2",
                "--seed",
                seed,
                "--out",
                "set",
                "--moodle",
            ])
            .arg(&quiz)
            .assert()
            .success();
        let text = fs::read_to_string(&quiz).unwrap();
        assert!(roxmltree::Document::parse(&text).is_ok());
        let manifest = fs::read_to_string(scratch.path().join("set/.handprop-manifest")).unwrap();
        assert!(
            manifest.lines().any(|l| l.ends_with("  quiz.xml")),
            "{manifest}"
        );
    }
}

/// Waits until `folder` holds a temporary of handprop's (a run is under way).
fn wait_for_temporary(folder: &Path) {
    let start = Instant::now();
    while temporaries(folder).is_empty() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the run never started"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Case 7: a run that fails late (here: a teacher's file turns up in --out while it runs, so it is
/// refused at the end) has not replaced the quiz outside --out: quiz and key stay one set's.
#[test]
fn case_7_a_late_failure_leaves_the_quiz_of_the_old_set() {
    let scratch = tempfile::tempdir().unwrap();
    let (set, quiz) = (scratch.path().join("set"), scratch.path().join("quiz.xml"));
    let run = |seed: &str, count: &str| {
        let mut run = std::process::Command::new(assert_cmd::cargo::cargo_bin("handprop"));
        run.args(["exercises", "--count", count, "--seed", seed, "--out"])
            .arg(&set)
            .arg("--moodle")
            .arg(&quiz);
        run
    };
    assert!(run("1", "2").status().unwrap().success());
    let (old_quiz, old_key) = (
        fs::read(&quiz).unwrap(),
        fs::read(set.join("key.csv")).unwrap(),
    );
    let child = run("2", "300")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_temporary(scratch.path());
    fs::write(set.join("notes.txt"), "the teacher's notes").unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        fs::read(&quiz).unwrap(),
        old_quiz,
        "the quiz is the old set's"
    );
    assert_eq!(fs::read(set.join("key.csv")).unwrap(), old_key);
    assert!(temporaries(scratch.path()).is_empty());
}

/// Case 7 on a full disk: the set's folder fills up while the variants are written; the quiz (on
/// another file system) and the set both stay the old ones.
#[test]
#[ignore = "needs root; run by .ci/run"]
fn case_7_a_full_disk_leaves_the_quiz_of_the_old_set() {
    let scratch = tempfile::tempdir().unwrap();
    let small = Tmpfs::mount(&scratch.path().join("small"), "1m");
    let (set, quiz) = (small.path().join("set"), scratch.path().join("quiz.xml"));
    let run = |seed: &str, count: &str| {
        handprop()
            .args(["exercises", "--count", count, "--seed", seed, "--out"])
            .arg(&set)
            .arg("--moodle")
            .arg(&quiz)
            .assert()
    };
    run("1", "2").success();
    let (old_quiz, old_set) = (fs::read(&quiz).unwrap(), files(&set));
    let assert = run("2", "400").code(1);
    assert!(
        stderr_of(&assert).contains("No space left on device"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(fs::read(&quiz).unwrap(), old_quiz);
    assert_eq!(files(&set), old_set);
    assert!(temporaries(small.path()).is_empty() && temporaries(scratch.path()).is_empty());
}

/// Case 8: `render -o a.md` on a full disk: exit 1, the document and its figures all stay the old ones.
#[test]
#[ignore = "needs root; run by .ci/run"]
fn case_8_a_full_disk_leaves_the_document_and_its_figures_old() {
    let scratch = tempfile::tempdir().unwrap();
    let small = Tmpfs::mount(&scratch.path().join("small"), "512k");
    let doc = small.path().join("a.md");
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(&doc)
        .assert()
        .success();
    let before = files(small.path());
    let figure = fs::metadata(small.path().join("a.network.svg"))
        .unwrap()
        .len();
    // room for the figures but not for the document as well
    fill(small.path(), figure + 4096);
    let before_filled = files(small.path());
    let assert = handprop()
        .args(["render", "--lang", "zh", "--steps", "3", "-o"])
        .arg(&doc)
        .assert()
        .code(1);
    assert!(
        stderr_of(&assert).contains("No space left on device"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(files(small.path()), before_filled);
    for (name, bytes) in &before {
        assert_eq!(
            &fs::read(small.path().join(name)).unwrap(),
            bytes,
            "{name:?} is the old one"
        );
    }
}

/// Case 9: while sets are replaced again and again, `--out` is never missing (the old and new set
/// are swapped in one step).
#[test]
fn case_9_out_is_never_missing_while_a_set_is_replaced() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let scratch = tempfile::tempdir().unwrap();
    let out = scratch.path().join("set");
    exercises(&out, &["--count", "1", "--seed", "1"]);
    let (stop, missing) = (AtomicBool::new(false), AtomicUsize::new(0));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            while !stop.load(Ordering::Relaxed) {
                if fs::symlink_metadata(out.join("key.csv")).is_err() {
                    missing.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        for seed in 2..60 {
            exercises(&out, &["--count", "1", "--seed", &seed.to_string()]);
        }
        stop.store(true, Ordering::Relaxed);
    });
    assert_eq!(missing.load(Ordering::Relaxed), 0, "--out was missing");
}

/// Sends `signal` to `pid`.
fn kill(signal: &str, pid: u32) {
    let status = std::process::Command::new("kill")
        .args([signal, &pid.to_string()])
        .status();
    assert!(status.unwrap().success());
}

/// Case 10: SIGINT and SIGTERM remove the temporary folder; after SIGKILL, the next run removes it
/// and says so.
#[test]
fn case_10_interruptions_leave_nothing() {
    let scratch = tempfile::tempdir().unwrap();
    let set = scratch.path().join("set");
    let long = || {
        let mut run = std::process::Command::new(assert_cmd::cargo::cargo_bin("handprop"));
        run.args(["exercises", "--count", "100000", "--seed", "1", "--out"])
            .arg(&set);
        run.spawn().unwrap()
    };
    for (signal, code) in [("-INT", 130), ("-TERM", 143)] {
        let mut child = long();
        wait_for_temporary(scratch.path());
        kill(signal, child.id());
        assert_eq!(child.wait().unwrap().code(), Some(code), "{signal}");
        assert!(
            temporaries(scratch.path()).is_empty(),
            "{signal}: {:?}",
            temporaries(scratch.path())
        );
    }
    let mut child = long();
    wait_for_temporary(scratch.path());
    kill("-KILL", child.id());
    child.wait().unwrap();
    let stale = temporaries(scratch.path());
    assert_eq!(stale.len(), 1);
    let assert = handprop()
        .args(["exercises", "--count", "1", "--seed", "1", "--out"])
        .arg(&set)
        .assert()
        .success();
    let stderr = stderr_of(&assert);
    assert!(
        stderr.contains(&format!("removed {}", stale[0].display())),
        "{stderr}"
    );
    assert!(temporaries(scratch.path()).is_empty());
}

/// Case 10 with TeX: stopping `-f pdf` stops TeX and removes its temporary folder.
#[test]
#[ignore = "needs TeX Live (xelatex); run by .ci/run"]
fn case_10_stopping_a_pdf_stops_tex() {
    let scratch = tempfile::tempdir().unwrap();
    let tmp = scratch.path().join("tmp");
    fs::create_dir(&tmp).unwrap();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("handprop"))
        .env("TMPDIR", &tmp)
        .args(["render", "-f", "pdf", "--steps", "100", "-o"])
        .arg(scratch.path().join("a.pdf"))
        .spawn()
        .unwrap();
    let start = Instant::now();
    let tex_dir = loop {
        let found = fs::read_dir(&tmp).unwrap().flatten().find(|e| {
            e.file_name().to_string_lossy().starts_with("handprop-tex-")
                && e.path().join("handprop.tex").exists()
        });
        if let Some(found) = found {
            break found.path();
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "TeX never started"
        );
        std::thread::sleep(Duration::from_millis(5));
    };
    std::thread::sleep(Duration::from_millis(200));
    kill("-TERM", child.id());
    assert_eq!(child.wait().unwrap().code(), Some(143));
    std::thread::sleep(Duration::from_millis(300));
    assert!(!tex_dir.exists(), "the TeX folder is removed");
    // no process works in the TeX folder any more
    let folder = tex_dir.display().to_string();
    let left: Vec<_> = (fs::read_dir("/proc").unwrap().flatten())
        .filter(|p| {
            fs::read_link(p.path().join("cwd"))
                .is_ok_and(|cwd| cwd.display().to_string().starts_with(&folder))
        })
        .map(|p| p.file_name())
        .collect();
    assert!(left.is_empty(), "TeX processes left: {left:?}");
    assert!(!scratch.path().join("a.pdf").exists());
}

/// Case 11: a replaced document, set and key keep their modes.
#[test]
fn case_11_modes_are_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let doc = scratch.path().join("a.md");
    handprop()
        .args(["render", "-o"])
        .arg(&doc)
        .assert()
        .success();
    fs::set_permissions(&doc, fs::Permissions::from_mode(0o600)).unwrap();
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(&doc)
        .assert()
        .success();
    assert_eq!(mode(&doc), 0o600);
    let set = scratch.path().join("set");
    exercises(&set, &["--count", "2", "--seed", "1"]);
    assert_eq!(
        (mode(&set), mode(&set.join("key.csv"))),
        (0o755, 0o644),
        "new: as mkdir and touch make them"
    );
    fs::set_permissions(&set, fs::Permissions::from_mode(0o700)).unwrap();
    fs::set_permissions(set.join("key.csv"), fs::Permissions::from_mode(0o600)).unwrap();
    exercises(&set, &["--count", "3", "--seed", "2"]);
    assert_eq!(mode(&set), 0o700);
    assert_eq!(mode(&set.join("key.csv")), 0o600);
    let quiz = scratch.path().join("quiz.xml");
    exercises(
        &set,
        &[
            "--count",
            "2",
            "--seed",
            "1",
            "--moodle",
            quiz.to_str().unwrap(),
        ],
    );
    fs::set_permissions(&quiz, fs::Permissions::from_mode(0o640)).unwrap();
    exercises(
        &set,
        &[
            "--count",
            "2",
            "--seed",
            "3",
            "--moodle",
            quiz.to_str().unwrap(),
        ],
    );
    assert_eq!(mode(&quiz), 0o640);
}

/// Case 12: a link as --out or -o is written through to its target; the link stays and no file of
/// the target's folder moves.
#[test]
fn case_12_links_are_written_through() {
    let scratch = tempfile::tempdir().unwrap();
    let real = scratch.path().join("real");
    fs::create_dir(&real).unwrap();
    fs::write(real.join("notes.txt"), "mine").unwrap();
    let link = scratch.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    exercises(&link, &["--count", "2", "--seed", "1", "--force"]);
    exercises(&link, &["--count", "2", "--seed", "2", "--force"]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(real.join("notes.txt")).unwrap(), "mine");
    assert!(real.join("key.csv").is_file() && real.join("002/answer.md").is_file());
    let names: Vec<_> = fs::read_dir(scratch.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 2, "only the link and its target: {names:?}");
    // -o a link to a document: the document is replaced, the link stays
    let doc = real.join("doc.md");
    fs::write(&doc, "old").unwrap();
    let doc_link = scratch.path().join("doc-link.md");
    std::os::unix::fs::symlink(&doc, &doc_link).unwrap();
    handprop()
        .args(["render", "-o"])
        .arg(&doc_link)
        .assert()
        .success();
    assert!(
        fs::symlink_metadata(&doc_link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(fs::read_to_string(&doc).unwrap().contains("$$"));
    assert!(
        real.join("doc.network.svg").is_file(),
        "figures beside the real document"
    );
    // a link to nowhere is refused clearly
    let dangling = scratch.path().join("dangling");
    std::os::unix::fs::symlink(scratch.path().join("nowhere"), &dangling).unwrap();
    let assert = handprop()
        .args(["exercises", "--count", "1", "--out"])
        .arg(&dangling)
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("is a link to"),
        "{}",
        stderr_of(&assert)
    );
}

/// Case 23: `--out .` is refused up front, before any work.
#[test]
fn case_23_out_dot_is_refused_up_front() {
    let scratch = tempfile::tempdir().unwrap();
    fs::write(scratch.path().join("notes.txt"), "mine").unwrap();
    for out in [".", "./", "..", scratch.path().to_str().unwrap()] {
        let start = Instant::now();
        let assert = handprop()
            .current_dir(scratch.path())
            .args([
                "exercises",
                "--count",
                "1000000",
                "--seed",
                "1",
                "--force",
                "--out",
                out,
            ])
            .timeout(Duration::from_secs(5))
            .assert()
            .code(2);
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "refused before the work"
        );
        assert!(
            stderr_of(&assert).contains("the folder you are in"),
            "{}",
            stderr_of(&assert)
        );
    }
    let names: Vec<_> = fs::read_dir(scratch.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names, ["notes.txt"]);
}

/// A folder with an older handprop's manifest (names only) cannot tell the teacher's changes: refused
/// without --force, and with it every file is kept.
#[test]
fn an_older_manifest_is_refused_and_with_force_every_file_is_kept() {
    let scratch = tempfile::tempdir().unwrap();
    let set = scratch.path().join("set");
    fs::create_dir(&set).unwrap();
    fs::write(set.join("key.csv"), "edited by hand").unwrap();
    fs::write(
        set.join(".handprop-manifest"),
        "key.csv\n.handprop-manifest\n",
    )
    .unwrap();
    let assert = handprop()
        .args(["exercises", "--count", "1", "--seed", "1", "--out"])
        .arg(&set)
        .assert()
        .code(2);
    assert!(
        stderr_of(&assert).contains("older handprop"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(
        fs::read_to_string(set.join("key.csv")).unwrap(),
        "edited by hand"
    );
    exercises(&set, &["--count", "1", "--seed", "1", "--force"]);
    assert_eq!(
        fs::read_to_string(set.join("key.yours.csv")).unwrap(),
        "edited by hand"
    );
    let manifest = fs::read_to_string(set.join(".handprop-manifest")).unwrap();
    assert!(
        manifest.starts_with("# written by handprop exercises"),
        "{manifest}"
    );
}
