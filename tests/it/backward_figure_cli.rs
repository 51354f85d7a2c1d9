//! `--backward-figure` on `render`, `exercises` and `site`: a scalar document with the figure is the
//! same document as without it plus the figure alone (one block, where matrix notation puts it); a
//! mini-batch is refused in one line (and its matrix document has none); the answer sheets and the site's pages carry the figure too.

use std::path::Path;

use handprop::render::page::BACKWARD_STYLE;

use crate::support::handprop;

/// The lines of `with` that `plain` lacks, when `with` is `plain` with one block of lines inserted
/// (panics otherwise).
#[track_caller]
fn inserted(plain: &str, with: &str) -> String {
    let (plain, with): (Vec<&str>, Vec<&str>) = (plain.lines().collect(), with.lines().collect());
    let before = plain.iter().zip(&with).take_while(|(a, b)| a == b).count();
    let after = (plain.iter().rev().zip(with.iter().rev()))
        .take_while(|(a, b)| a == b)
        .count()
        .min(plain.len() - before);
    assert_eq!(before + after, plain.len(), "only lines are added");
    with[before..with.len() - after].join("\n")
}

fn run(args: &[&str], dir: &Path) -> String {
    let out = handprop().current_dir(dir).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_scalar_document_with_the_figure_is_the_document_and_the_figure() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        run(&["render", "--lang", lang, "-o", "plain.md"], dir.path());
        run(
            &[
                "render",
                "--lang",
                lang,
                "--backward-figure",
                "-o",
                "notes.md",
            ],
            dir.path(),
        );
        let read = |name: &str| std::fs::read_to_string(dir.path().join(name)).unwrap();
        let plain = read("plain.md").replace("plain.", "notes.");
        let block = inserted(&plain, &read("notes.md"));
        assert!(block.trim().starts_with("!["), "{block}");
        assert!(block.trim().ends_with("](<notes.backward.svg>)"), "{block}");
        assert!(read("notes.backward.svg").contains("0.1385"));
        assert_eq!(read("plain.network.svg"), read("notes.network.svg"));

        let plain = run(&["render", "--lang", lang, "-f", "tex"], dir.path());
        let with = run(
            &["render", "--lang", lang, "-f", "tex", "--backward-figure"],
            dir.path(),
        );
        let block = inserted(&plain, &with);
        assert!(block.starts_with("\\begin{center}"), "{block}");
        assert!(block.contains("\\delta_{o_1} = 0.1385"), "{block}");
        assert!(
            block.contains("\\partial E/\\partial w_5 = 0.08217"),
            "{block}"
        );
    }
    assert!(!dir.path().join("plain.backward.svg").exists());
}

#[test]
fn a_mini_batch_s_figure_is_refused_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let batch = std::fs::canonicalize("examples/xor-batch.toml").unwrap();
    let batch = batch.to_str().unwrap();
    let out = dir.path().join("set");
    for args in [
        vec!["render", batch, "--backward-figure"],
        vec![
            "exercises",
            batch,
            "--count",
            "1",
            "--seed",
            "1",
            "--backward-figure",
            "--out",
            out.to_str().unwrap(),
        ],
    ] {
        let output = handprop().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(stderr.contains("xor-batch.toml") && stderr.contains("drop --backward-figure"));
    }
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_mini_batch_s_matrix_document_has_no_backward_figure() {
    // its gradients are the examples' mean: a figure of one example's δ beside them would mix the two
    let dir = tempfile::tempdir().unwrap();
    let batch = std::fs::canonicalize("examples/xor-batch.toml").unwrap();
    let batch = batch.to_str().unwrap();
    run(
        &["render", batch, "--notation", "matrix", "-o", "x.md"],
        dir.path(),
    );
    let document = std::fs::read_to_string(dir.path().join("x.md")).unwrap();
    assert!(dir.path().join("x.network.svg").exists());
    assert!(!dir.path().join("x.backward.svg").exists());
    assert!(
        !document.contains("backward"),
        "no link to a backward figure"
    );
    let tex = run(
        &["render", batch, "--notation", "matrix", "-f", "tex"],
        dir.path(),
    );
    assert!(
        tex.contains("tikzpicture") && !tex.contains("\\delta_{"),
        "no δ in a figure"
    );
    // one example in matrix notation still draws it
    run(
        &["render", "--notation", "matrix", "-o", "seed.md"],
        dir.path(),
    );
    assert!(dir.path().join("seed.backward.svg").exists());
}

#[test]
fn answer_sheets_and_the_site_carry_the_figure_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let set = |name: &str, flag: &[&str]| {
        let args = [
            &["exercises", "--count", "1", "--seed", "7", "--out", name],
            flag,
        ]
        .concat();
        run(&args, dir.path());
        std::fs::read_to_string(dir.path().join(name).join("001/answer.md")).unwrap()
    };
    let block = inserted(&set("plain", &[]), &set("with", &["--backward-figure"]));
    assert!(
        block.contains("FILE.backward.svg"),
        "the figure's note: {block}"
    );

    let site = |name: &str, flag: &[&str]| {
        run(&[&["site", "--out", name], flag].concat(), dir.path());
        std::fs::read_to_string(dir.path().join(name).join("mazur.en.html")).unwrap()
    };
    // the page adds the figure's style (a phone scrolls the figure sideways) and the figure
    let (plain, with) = (site("site", &[]), site("site-with", &["--backward-figure"]));
    let head = |page: &str| page.split("</style>").next().unwrap().to_owned();
    let style = inserted(&head(&plain), &head(&with));
    assert_eq!(style, BACKWARD_STYLE.trim_end(), "the stylesheet's end");
    let with = with.replacen(BACKWARD_STYLE, "", 1);
    let block = inserted(&plain, &with);
    assert!(
        block.starts_with("<figure class=\"backward\"><svg"),
        "{block}"
    );
    for label in ["0.1385", "−0.03810", "0.08217", "0.0004386"] {
        assert!(block.contains(label), "{label} in the site's figure");
    }
    // the caption's math is typeset, not left as TeX
    assert!(block.contains("<figcaption>\n<p>The backward pass: each neuron's error term <math"));
    assert!(!block.contains("$\\delta$"), "{block}");
}
