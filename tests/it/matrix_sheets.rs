//! `--notation matrix` on `exercises` and `site`: each variant's answer sheet holds the same numbered
//! matrix equations as `handprop render --notation matrix` of that variant's network (which
//! tests/it/matrix.rs checks entry by entry), and the site's pages are in matrix notation.

use std::fs;

use crate::support::sets::{exercises, handprop};

/// The display equations of a Markdown document, in order.
fn equations(markdown: &str) -> Vec<String> {
    markdown
        .split("$$")
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn each_answer_sheet_has_the_matrix_equations_of_its_network() {
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "--count",
        "3",
        "--seed",
        "7",
        "--precision",
        "4",
        "--notation",
        "matrix",
    ];
    exercises(dir.path(), &args);
    for variant in ["001", "002", "003"] {
        let folder = dir.path().join(variant);
        let answer = fs::read_to_string(folder.join("answer.md")).unwrap();
        let network = folder.join("network.toml");
        let render = handprop()
            .args(["render", "--notation", "matrix", "--precision", "4"])
            .arg(&network)
            .output()
            .unwrap();
        assert!(render.status.success());
        let direct = equations(&String::from_utf8(render.stdout).unwrap());
        assert!(
            direct.len() >= 14 && direct[0].contains("bmatrix"),
            "{variant}"
        );
        assert_eq!(equations(&answer), direct, "{variant}");
    }
}

#[test]
fn the_site_s_pages_are_in_matrix_notation() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    handprop()
        .args([
            "site",
            "--notation",
            "matrix",
            "--exercises",
            "2",
            "--seed",
            "3",
            "--out",
        ])
        .arg(&out)
        .assert()
        .success();
    for page in ["mazur.en.html", "mazur.zh.html", "exercises/001.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(html.contains("menv-arraylike"), "{page}: matrices");
        assert!(
            html.contains("mtable.menv-arraylike > mtr > mtd"),
            "{page}: their style"
        );
    }
}
