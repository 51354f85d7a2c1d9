//! A document's figure files are handprop's only as the folder's figure manifest lists them with the
//! SHA-256 of their bytes (issue 10: what handprop owns, for the figures beside `-o notes.md`): a
//! teacher's edited figure, a teacher's own SVG of the same name (even one carrying handprop's comment),
//! a link or a second link to one, is never replaced: refused, or kept under a printed name with --force.

use std::fs;
use std::path::Path;

use crate::support::sets::{files, handprop};

/// SHA-256 of the file at `path` in hex, by the system's `sha256sum` (not by the code under test).
fn sha256sum(path: &Path) -> String {
    let output = std::process::Command::new("sha256sum")
        .arg(path)
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()[..64].to_owned()
}

fn render(out: &Path, force: bool) -> assert_cmd::assert::Assert {
    let mut run = handprop();
    run.args(["render", "--lang", "en", "-o"]).arg(out);
    if force {
        run.arg("--force");
    }
    run.assert()
}

fn stderr_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

#[test]
fn the_figure_manifest_lists_each_figure_with_its_sha256() {
    let dir = tempfile::tempdir().unwrap();
    render(&dir.path().join("notes.md"), false).success();
    render(&dir.path().join("b.md"), false).success();
    let manifest = fs::read_to_string(dir.path().join(".handprop-figures")).unwrap();
    let lines: Vec<&str> = manifest.lines().collect();
    assert!(
        lines[0].starts_with("# written by handprop render"),
        "{manifest}"
    );
    let expected: Vec<String> = [
        "b.network.svg",
        "b.targets.svg",
        "notes.network.svg",
        "notes.targets.svg",
    ]
    .iter()
    .map(|name| format!("{}  {name}", sha256sum(&dir.path().join(name))))
    .collect();
    assert_eq!(lines[1..], expected, "{manifest}");
    // handprop's own figures are written again without asking
    render(&dir.path().join("notes.md"), false).success();
}

#[test]
fn an_edited_figure_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    render(&notes, false).success();
    let figure = dir.path().join("notes.network.svg");
    // the teacher's edit keeps handprop's comment
    let edited = fs::read_to_string(&figure)
        .unwrap()
        .replace("</svg>", "<!-- mine --></svg>");
    assert!(edited.contains("<!-- drawn by handprop -->"));
    fs::write(&figure, &edited).unwrap();
    let before = files(dir.path());
    let assert = render(&notes, false).code(2);
    assert!(
        stderr_of(&assert).contains("notes.network.svg exists and handprop did not write it"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(files(dir.path()), before, "nothing changed");
    let assert = render(&notes, true).success();
    let backup = dir.path().join("notes.network.yours.svg");
    assert!(
        stderr_of(&assert).contains("notes.network.yours.svg"),
        "{}",
        stderr_of(&assert)
    );
    assert_eq!(fs::read_to_string(&backup).unwrap(), edited);
    assert_ne!(fs::read_to_string(&figure).unwrap(), edited);
    // the backup is the teacher's, the new figure handprop's
    render(&notes, false).success();
    assert_eq!(fs::read_to_string(&backup).unwrap(), edited);
}

#[test]
fn a_teachers_own_svg_carrying_handprops_comment_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    render(&dir.path().join("a.md"), false).success();
    // a copy of handprop's figure under another document's name: not listed under that name
    let copy = dir.path().join("b.targets.svg");
    let own = "<svg><!-- drawn by handprop --><circle r=\"1\"/></svg>";
    fs::write(dir.path().join("b.network.svg"), own).unwrap();
    fs::copy(dir.path().join("a.targets.svg"), &copy).unwrap();
    let before = files(dir.path());
    render(&dir.path().join("b.md"), false).code(2);
    assert_eq!(files(dir.path()), before, "nothing changed");
    render(&dir.path().join("b.md"), true).success();
    assert_eq!(
        fs::read_to_string(dir.path().join("b.network.yours.svg")).unwrap(),
        own
    );
    assert_eq!(
        fs::read(dir.path().join("b.targets.yours.svg")).unwrap(),
        before[Path::new("b.targets.svg")]
    );
}

#[test]
fn links_and_a_foreign_manifest_are_the_teachers() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.md");
    render(&notes, false).success();
    // a second name for handprop's figure (a hard link) and a symbolic link to the teacher's file
    let elsewhere = tempfile::tempdir().unwrap();
    let linked = elsewhere.path().join("kept.svg");
    fs::hard_link(dir.path().join("notes.targets.svg"), &linked).unwrap();
    let theirs = elsewhere.path().join("theirs.svg");
    fs::write(&theirs, "<svg>theirs</svg>").unwrap();
    fs::remove_file(dir.path().join("notes.network.svg")).unwrap();
    std::os::unix::fs::symlink(&theirs, dir.path().join("notes.network.svg")).unwrap();
    let linked_bytes = fs::read(&linked).unwrap();
    let before = files(dir.path());
    for force in [false, true] {
        let assert = render(&notes, force).code(2);
        assert!(
            stderr_of(&assert).contains("notes.network.svg is a link"),
            "{}",
            stderr_of(&assert)
        );
        assert_eq!(files(dir.path()), before, "nothing changed");
        assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 2);
    }
    // without the symbolic link, the hard-linked figure is the teacher's: kept under a printed name
    fs::remove_file(dir.path().join("notes.network.svg")).unwrap();
    render(&notes, false).code(2);
    render(&notes, true).success();
    assert_eq!(fs::read_to_string(&theirs).unwrap(), "<svg>theirs</svg>");
    assert_eq!(fs::read(&linked).unwrap(), linked_bytes);
    assert_eq!(
        fs::read(dir.path().join("notes.targets.yours.svg")).unwrap(),
        linked_bytes
    );
    // a file of the manifest's name that handprop did not write is refused, and kept
    let other = tempfile::tempdir().unwrap();
    fs::write(other.path().join(".handprop-figures"), "my notes").unwrap();
    for force in [false, true] {
        let assert = render(&other.path().join("notes.md"), force).code(2);
        assert!(
            stderr_of(&assert).contains(".handprop-figures exists and handprop did not write it")
        );
        assert_eq!(
            fs::read_to_string(other.path().join(".handprop-figures")).unwrap(),
            "my notes"
        );
        assert_eq!(fs::read_dir(other.path()).unwrap().count(), 1);
    }
}

/// Runs writing documents in one folder at once take turns with the manifest: none loses another's
/// figures from it (each can write its own again without --force).
#[test]
fn runs_at_once_in_one_folder_keep_each_others_figures() {
    let dir = tempfile::tempdir().unwrap();
    for _ in 0..5 {
        std::thread::scope(|scope| {
            for name in ["a.md", "b.md", "c.md"] {
                let path = dir.path().join(name);
                scope.spawn(move || render(&path, false).success());
            }
        });
    }
    let manifest = fs::read_to_string(dir.path().join(".handprop-figures")).unwrap();
    assert_eq!(manifest.lines().count(), 7, "{manifest}");
    for name in ["a.md", "b.md", "c.md"] {
        render(&dir.path().join(name), false).success();
    }
}
