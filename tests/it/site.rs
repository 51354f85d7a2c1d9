//! `handprop site`: the folder of pages, its links, its determinism and its refusals.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::handprop;

/// Builds a site of the seed and the 3-4-2 network with `exercises` variants into `out`.
fn build(out: &Path, exercises: &str) {
    handprop()
        .args([
            "site",
            "examples/mazur.toml",
            "examples/3-4-2.toml",
            "--exercises",
            exercises,
            "--seed",
            "11",
        ])
        .arg("--out")
        .arg(out)
        .assert()
        .success();
}

/// Every file below `folder`, relative, sorted.
fn files(folder: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(
                files(&path)
                    .into_iter()
                    .map(|p| Path::new(path.file_name().unwrap()).join(p)),
            );
        } else {
            found.push(PathBuf::from(path.file_name().unwrap()));
        }
    }
    found.sort();
    found
}

#[test]
fn the_site_has_a_page_per_network_and_language_and_per_exercise() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build(&out, "3");
    let names: Vec<String> = files(&out)
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let expected = [
        ".handprop-manifest",
        "3-4-2.en.html",
        "3-4-2.zh.html",
        "exercises/001.html",
        "exercises/002.html",
        "exercises/003.html",
        "index.html",
        "mazur.en.html",
        "mazur.zh.html",
    ];
    assert_eq!(names, expected);
    let index = fs::read_to_string(out.join("index.html")).unwrap();
    for href in [
        "mazur.zh.html",
        "mazur.en.html",
        "3-4-2.zh.html",
        "exercises/002.html",
    ] {
        assert!(index.contains(&format!("href=\"{href}\"")), "{href}");
    }
    let seed = fs::read_to_string(out.join("mazur.zh.html")).unwrap();
    assert!(
        seed.contains("<a href=\"mazur.en.html\" hreflang=\"en\">English</a>"),
        "the language switch"
    );
    assert_eq!(seed.matches("<math display=\"block\">").count(), 23);
    let exercise = fs::read_to_string(out.join("exercises/001.html")).unwrap();
    assert!(
        exercise.contains("<details>\n<summary>答案</summary>"),
        "the answer is folded"
    );
    assert!(exercise.contains("<a href=\"../index.html\">"));
    // The question shows the variant's network inline, before the folded answer.
    let question = &exercise[..exercise.find("<details>").unwrap()];
    assert_eq!(
        question.matches("<figure class=\"network\"><svg").count(),
        1
    );
    assert!(question.contains("<figcaption>图 1：网络"));
    let network = fs::read_to_string(out.join("exercises/003.html")).unwrap();
    assert_ne!(
        svg_of(question),
        svg_of(&network),
        "each variant draws its own numbers"
    );
}

/// The first inline SVG of a page.
fn svg_of(page: &str) -> &str {
    let start = page.find("<svg").unwrap();
    &page[start..start + page[start..].find("</svg>").unwrap()]
}

#[test]
fn every_link_is_relative_and_nothing_is_fetched() {
    let dir = tempfile::tempdir().unwrap();
    build(&dir.path().join("site"), "2");
    for file in files(&dir.path().join("site"))
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        let page = fs::read_to_string(dir.path().join("site").join(file)).unwrap();
        for attribute in ["src=\"", "href=\""] {
            for (i, _) in page.match_indices(attribute) {
                let link = &page[i + attribute.len()..];
                let link = &link[..link.find('"').unwrap()];
                assert!(
                    !link.contains("://") && !link.starts_with('/'),
                    "{}: {link}",
                    file.display()
                );
            }
        }
        assert!(
            !page.contains("<script") && !page.contains("@import") && !page.contains("url(http")
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    build(&a, "3");
    build(&b, "3");
    assert_eq!(files(&a), files(&b));
    for file in files(&a) {
        assert_eq!(
            fs::read(a.join(&file)).unwrap(),
            fs::read(b.join(&file)).unwrap(),
            "{}",
            file.display()
        );
    }
    // Building again over a site handprop wrote needs no --force, and gives the same site.
    build(&a, "3");
    assert_eq!(
        fs::read(a.join("index.html")).unwrap(),
        fs::read(b.join("index.html")).unwrap()
    );
}

#[test]
fn a_folder_with_other_files_is_refused_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    fs::create_dir(&out).unwrap();
    fs::write(out.join("notes.txt"), "a teacher's file").unwrap();
    let assert = handprop()
        .args(["site", "--out"])
        .arg(&out)
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("holds files handprop did not write") && stderr.contains("--force"),
        "{stderr}"
    );
    assert_eq!(
        files(&out),
        [PathBuf::from("notes.txt")],
        "nothing was written"
    );
    handprop()
        .args(["site", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "a teacher's file",
        "kept"
    );
    assert!(out.join("mazur.zh.html").is_file());
}

#[test]
fn titles_with_markup_are_escaped_in_every_page() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("hostile.toml");
    let text = fs::read_to_string("examples/mazur.toml").unwrap();
    fs::write(
        &network,
        format!("title = \"<script>alert(1)</script> & \\\"q\\\" 'x'\"\n{text}"),
    )
    .unwrap();
    let out = dir.path().join("site");
    handprop()
        .arg("site")
        .arg(&network)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    for file in ["index.html", "hostile.zh.html", "hostile.en.html"] {
        let page = fs::read_to_string(out.join(file)).unwrap();
        assert!(!page.contains("<script>"), "{file}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;"),
            "{file}"
        );
    }
}

#[test]
fn bad_requests_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (vec!["--exercises", "0"], "--exercises 0 is out of range"),
        (vec!["no/such.toml"], "cannot read no/such.toml"),
    ] {
        let assert = handprop()
            .arg("site")
            .args(&args)
            .arg("--out")
            .arg(dir.path().join("s"))
            .assert()
            .code(2);
        let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
        assert!(stderr.contains(says), "{stderr}");
    }
    let missing = dir.path().join("no").join("site");
    let assert = handprop()
        .args(["site", "--out"])
        .arg(&missing)
        .assert()
        .code(2);
    assert!(String::from_utf8_lossy(&assert.get_output().stderr).contains("does not exist"));
}

#[test]
fn the_index_names_each_document_in_the_index_s_language() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, title, other) in [
        ("zh", "手推神经网络", "Backpropagation, Step by Step"),
        ("en", "Backpropagation, Step by Step", "手推神经网络"),
    ] {
        let out = dir.path().join(lang);
        handprop()
            .args(["site", "--lang", lang, "--out"])
            .arg(&out)
            .assert()
            .success();
        let index = fs::read_to_string(out.join("index.html")).unwrap();
        assert!(index.contains(title), "{lang}: {index}");
        assert!(!index.contains(other), "{lang}: {index}");
    }
}
