//! LaTeX and PDF of any accepted network and any text (issue 10, cases 15 and 16): a figure larger than
//! TeX's dimensions is drawn smaller and fitted to the page; a layer too wide for one line of an
//! equation is refused up front naming the widths that fit; an English document whose title or author
//! pdflatex cannot set (Chinese, emoji, Hebrew, Arabic) is compiled by xelatex with fonts that have
//! them, its text read back from the PDF.

use std::fs;
use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

/// A network file of `inputs` inputs, `hidden` hidden neurons and `outputs` outputs, weights 0.01.
fn network(
    dir: &Path,
    name: &str,
    inputs: usize,
    hidden: usize,
    outputs: usize,
) -> std::path::PathBuf {
    let row = |n: usize, x: &str| format!("[{}]", vec![x; n].join(", "));
    let text = format!(
        "learning_rate = 0.5\ninputs = {}\ntargets = {}\n\
         [[layers]]\nweights = [{}]\nbias = 0.1\n\
         [[layers]]\nweights = [{}]\nbias = 0.1\n",
        row(inputs, "0.01"),
        row(outputs, "0.5"),
        vec![row(inputs, "0.01"); hidden].join(", "),
        vec![row(hidden, "0.01"); outputs].join(", "),
    );
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

fn pdftotext(file: &Path) -> String {
    let out = Process::new("pdftotext")
        .arg(file)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        file.display()
    );
    String::from_utf8(out.stdout).expect("pdftotext writes UTF-8")
}

#[test]
fn a_layer_too_wide_for_an_equation_line_is_refused_up_front_naming_the_widths_that_fit() {
    let dir = tempfile::tempdir().unwrap();
    for (name, inputs, hidden, outputs, layer, width) in [
        ("tall.toml", 2, 300, 2, "last hidden layer", 300),
        ("outputs.toml", 2, 2, 150, "output layer", 150),
    ] {
        let file = network(dir.path(), name, inputs, hidden, outputs);
        for format in ["tex", "pdf"] {
            let out = dir.path().join(format!("notes.{format}"));
            let assert = handprop()
                .arg("render")
                .arg(&file)
                .args(["--lang", "en", "-f", format, "-o"])
                .arg(&out)
                .env("PATH", dir.path()) // refused before TeX is looked for
                .assert()
                .code(2)
                .stdout("");
            let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
            assert_eq!(stderr.lines().count(), 1, "{stderr}");
            assert!(stderr.contains(name), "{stderr}");
            assert!(
                stderr.contains(&format!("the {layer} has {width} neurons")),
                "{stderr}"
            );
            assert!(
                stderr.contains("up to 120 output neurons and 200 in the last hidden layer"),
                "{stderr}"
            );
            assert!(!out.exists());
        }
        // every other format takes it
        handprop()
            .arg("render")
            .arg(&file)
            .args(["-f", "md"])
            .assert()
            .success();
    }
    // and so does an exercise set's LaTeX
    let base = network(dir.path(), "outputs.toml", 2, 2, 150);
    let assert = handprop()
        .arg("exercises")
        .arg(&base)
        .args(["--count", "1", "--seed", "1", "-f", "tex", "--out"])
        .arg(dir.path().join("set"))
        .assert()
        .code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("the output layer has 150 neurons"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs pdflatex (TeX Live); run by .ci/run"]
fn a_network_of_400_inputs_makes_a_pdf_its_figure_fitted_to_the_page() {
    // the network figure is 400 inputs tall, 700 cm: past TeX's largest dimension (575 cm)
    let dir = tempfile::tempdir().unwrap();
    let file = network(dir.path(), "wide.toml", 400, 2, 2);
    let tex = handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "tex"])
        .assert()
        .success();
    let tex = String::from_utf8(tex.get_output().stdout.clone()).unwrap();
    assert!(
        tex.contains("\\resizebox{!}{0.8\\textheight}{%\n\\begin{tikzpicture}[x=0."),
        "the figure is drawn smaller and fitted"
    );
    let pdf = dir.path().join("wide.pdf");
    handprop()
        .arg("render")
        .arg(&file)
        .args(["--lang", "en", "-f", "pdf", "-o"])
        .arg(&pdf)
        .timeout(std::time::Duration::from_secs(900))
        .assert()
        .success();
    let text = pdftotext(&pdf);
    assert!(text.contains("i400"), "every input is drawn");
}

#[test]
#[ignore = "needs xelatex, FandolSong (texlive-lang-chinese), DejaVu Sans (fonts-dejavu-core) and pdftotext; run by .ci/run"]
fn an_english_pdf_sets_chinese_emoji_and_right_to_left_titles() {
    let dir = tempfile::tempdir().unwrap();
    for (title, author, words) in [
        ("手推神经网络 by hand", "李雷", vec!["手推神经网络", "李雷"]),
        ("Backprop 😀 notes", "Ann ☺ ♥", vec!["😀", "☺", "♥"]),
        ("שלום Backprop", "דוד", vec!["שלום", "דוד"]),
        (
            "مرحبا Backprop",
            "Ελένη Иван",
            vec!["مرحبا", "Ελένη", "Иван"],
        ),
    ] {
        let pdf = dir.path().join("notes.pdf");
        handprop()
            .args([
                "render", "--lang", "en", "-f", "pdf", "--title", title, "--author", author, "-o",
            ])
            .arg(&pdf)
            .assert()
            .success();
        let text = pdftotext(&pdf);
        for word in words {
            assert!(
                text.contains(word),
                "{word} in the PDF of {title:?}: {}",
                &text[..300.min(text.len())]
            );
        }
        assert!(
            text.contains("Backward Pass") || text.contains("backward"),
            "the document itself"
        );
        fs::remove_file(&pdf).unwrap();
    }
    // a title pdflatex can set stays pdflatex's, its LaTeX as before
    let tex = handprop()
        .args([
            "render",
            "--lang",
            "en",
            "-f",
            "tex",
            "--title",
            "Café – “Notes”",
        ])
        .assert()
        .success();
    let tex = String::from_utf8(tex.get_output().stdout.clone()).unwrap();
    assert!(!tex.contains("fontspec") && tex.contains("\\UndeclareTextCommand"));
}
