//! The LaTeX output and the figures, without TeX Live: snapshots of the seed's `.tex` in both languages,
//! the same TeX in Markdown and LaTeX, `--fragment`, escaping of a user's text, and the SVG files that
//! `-o notes.md` writes beside the document.

use handprop::{Format, Lang, Options, Precision, render, spec};

use crate::support::katex;

fn tex(lang: Lang, fragment: bool) -> String {
    let options = Options {
        format: Format::Tex,
        lang,
        precision: Precision::Full,
        fragment,
        ..Options::default()
    };
    render(&spec::seed_lesson(), &options).expect("the seed renders")
}

fn markdown(lang: Lang) -> String {
    let options = Options {
        format: Format::Md,
        lang,
        precision: Precision::Full,
        ..Options::default()
    };
    render(&spec::seed_lesson(), &options).expect("the seed renders")
}

use crate::support::handprop;

/// The equations of a document, in order: (number, the TeX between `open` and `close`, the wrapper).
fn equations(document: &str, open: &str, close: &str) -> Vec<(u32, String)> {
    let mut found = Vec::new();
    let mut rest = document;
    while let Some(start) = rest.find(open) {
        let after = &rest[start + open.len()..];
        let end = after.find(close).expect("every equation is closed");
        let tag = after[end..]
            .split_once("\\tag{")
            .and_then(|(_, t)| t.split_once('}'));
        let number = tag.map(|(n, _)| n);
        found.push((
            number.expect("a tag follows").parse().expect("a number"),
            after[..end].trim().to_owned(),
        ));
        rest = &after[end..];
    }
    found
}

#[test]
fn the_seed_tex_in_chinese_is_as_reviewed() {
    insta::assert_snapshot!("seed_zh_tex", tex(Lang::Zh, false));
}

#[test]
fn the_seed_tex_in_english_is_as_reviewed() {
    insta::assert_snapshot!("seed_en_tex", tex(Lang::En, false));
}

#[test]
fn latex_and_markdown_show_the_same_tex_numbered_1_to_23() {
    for lang in [Lang::Zh, Lang::En] {
        let in_tex = equations(&tex(lang, false), "{$\\displaystyle\n", "\n$}\n");
        let in_md = equations(&markdown(lang), "\n\n$$\n", "\n\\tag");
        assert_eq!(
            in_tex.iter().map(|(n, _)| *n).collect::<Vec<_>>(),
            (1..=23).collect::<Vec<_>>()
        );
        assert_eq!(in_tex, in_md, "{lang:?}");
    }
}

#[test]
fn the_documents_use_ctexart_for_chinese_and_article_for_english() {
    let zh = tex(Lang::Zh, false);
    let en = tex(Lang::En, false);
    assert!(
        zh.starts_with("\\documentclass[UTF8, a4paper, zihao=5]{ctexart}"),
        "{}",
        &zh[..80]
    );
    assert!(
        en.starts_with("\\documentclass[a4paper, 11pt]{article}"),
        "{}",
        &en[..80]
    );
    for document in [&zh, &en] {
        assert!(
            document.contains("\\usepackage{amsmath}") && document.contains("\\begin{tikzpicture}")
        );
        assert!(document.trim_end().ends_with("\\end{document}"));
        assert_eq!(
            document.matches("\\begin{tikzpicture}").count(),
            2,
            "the network and the targets"
        );
    }
}

#[test]
fn a_fragment_is_the_body_alone() {
    let fragment = tex(Lang::Zh, true);
    for preamble in [
        "\\documentclass",
        "\\begin{document}",
        "\\end{document}",
        "\\usepackage",
        "\\maketitle",
    ] {
        assert!(!fragment.contains(preamble), "{preamble} in the fragment");
    }
    assert!(fragment.starts_with("% handprop: a fragment to \\input"));
    assert!(fragment.contains("\\section*{1\\quad 前向传播}") && fragment.contains("\\tag{23}"));
    assert!(
        fragment.contains("w_8 = 0.55$};"),
        "the network figure labels w_8"
    );
}

#[test]
fn the_figure_labels_every_weight_with_its_value() {
    let document = tex(Lang::En, false);
    for (w, value) in [
        (1, "0.15"),
        (2, "0.2"),
        (3, "0.25"),
        (4, "0.3"),
        (5, "0.4"),
        (6, "0.45"),
        (7, "0.5"),
        (8, "0.55"),
    ] {
        assert!(
            document.contains(&format!("{{$w_{w} = {value}$}};")),
            "w_{w}"
        );
    }
    for side in [
        "i_1 = 0.05",
        "i_2 = 0.1",
        "\\text{target}_{o_1} = 0.01",
        "\\text{target}_{o_2} = 0.99",
        "b_1 = 0.35",
    ] {
        assert!(document.contains(side), "{side}");
    }
    assert!(
        document.contains("\\text{out}_{o_1} = 0.7513650695523157"),
        "the targets figure shows out"
    );
}

const SPECIALS: &str = r"A & B 100% $5 #1 a_b {c} ~d ^e \f";

#[test]
fn a_title_of_special_characters_is_escaped_for_latex_and_markdown() {
    let latex = handprop()
        .args(["render", "-f", "tex", "--title", SPECIALS])
        .assert()
        .success();
    let latex = String::from_utf8(latex.get_output().stdout.clone()).unwrap();
    let escaped =
        r"A \& B 100\% \$5 \#1 a\_b \{c\} \textasciitilde{}d \textasciicircum{}e \textbackslash{}f";
    assert!(
        latex.contains(&format!("\\title{{ %\n{escaped}%\n}}")),
        "{}",
        &latex[..400]
    );
    let md = handprop()
        .args(["render", "--title", SPECIALS])
        .assert()
        .success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(
        md.starts_with(r"# A \& B 100% \$5 \#1 a\_b {c} \~d ^e \\f"),
        "{}",
        &md[..80]
    );
}

#[test]
fn author_and_date_come_from_the_network_file_or_the_command_line() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("net.toml");
    let seed = spec::SEED_TOML.replace(
        "learning_rate",
        "author = \"Ada & Co\"\ndate = \"2026-11-27\"\nlearning_rate",
    );
    std::fs::write(&file, seed).unwrap();
    let out = handprop()
        .args(["render", "-f", "tex"])
        .arg(&file)
        .assert()
        .success();
    let out = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(out.contains("\\author{Ada \\& Co}") && out.contains("\\date{2026-11-27}"));
    let out = handprop()
        .args(["render", "-f", "tex", "--author", "Ruiqiang Jiao"])
        .arg(&file)
        .assert()
        .success();
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("\\author{Ruiqiang Jiao}"));
    let md = handprop().args(["render"]).arg(&file).assert().success();
    let md = String::from_utf8(md.get_output().stdout.clone()).unwrap();
    assert!(md.contains("\nAda \\& Co\n") && md.contains("\n2026-11-27\n"));
}

#[test]
fn markdown_written_to_a_file_links_its_figures_written_beside_it() {
    let folder = tempfile::tempdir().unwrap();
    handprop()
        .args(["render", "-o"])
        .arg(folder.path().join("notes.md"))
        .assert()
        .success();
    let md = std::fs::read_to_string(folder.path().join("notes.md")).unwrap();
    assert!(md.contains("](<notes.network.svg>)") && md.contains("](<notes.targets.svg>)"));
    let network = std::fs::read_to_string(folder.path().join("notes.network.svg")).unwrap();
    assert!(
        network.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
            && network.trim_end().ends_with("</svg>")
    );
    assert_eq!(
        network.matches("<circle").count(),
        2 + 2 + 2 + 2,
        "inputs, hidden, outputs, bias units"
    );
    assert_eq!(
        network.matches("<line").count(),
        4 + 2 + 4 + 2,
        "weights and bias edges"
    );
    assert!(
        network.contains("0.55</tspan>") && network.contains("0.99</tspan>"),
        "w_8 and a target"
    );
    let targets = std::fs::read_to_string(folder.path().join("notes.targets.svg")).unwrap();
    assert!(targets.contains("0.7513650695523157</tspan>"));
}

#[test]
fn markdown_on_stdout_says_where_the_figures_would_be() {
    let out = handprop().arg("render").assert().success();
    let md = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(md.contains(
        "; `handprop render -o FILE.md` writes it to FILE.network.svg and links it here -->"
    ));
    assert!(md.contains(
        "; `handprop render -o FILE.md` writes it to FILE.targets.svg and links it here -->"
    ));
    assert!(!md.contains(".svg>)"));
}

#[test]
fn bad_requests_are_one_sentence_and_exit_2() {
    let cases: &[&[&str]] = &[
        &["render", "-f", "pdf"],
        &["render", "--fragment"],
        &["render", "-o", "/no/such/folder/notes.md"],
        &["render", "-f", "tex", "-o", "/no/such/folder/notes.tex"],
        &["render", "-f", "pdf", "-o", "/no/such/folder/notes.pdf"],
        &["render", "-f", "pdf", "-o", env!("CARGO_MANIFEST_DIR")],
        &["render", "-o", env!("CARGO_MANIFEST_DIR")],
    ];
    for args in cases {
        let out = handprop().args(*args).assert().code(2);
        let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
        assert!(
            stderr.starts_with("handprop: error: ") && stderr.lines().count() == 1,
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn without_tex_live_pdf_names_the_packages_to_install_and_writes_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let pdf = folder.path().join("seed.pdf");
    let out = handprop()
        .env("PATH", folder.path())
        .args(["render", "-f", "pdf", "-o"])
        .arg(&pdf)
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("xelatex is not installed"), "{stderr}");
    assert!(
        stderr.contains("texlive-xetex texlive-lang-chinese texlive-latex-extra"),
        "{stderr}"
    );
    assert!(!pdf.exists());
}

#[test]
#[ignore = "needs node and tests/katex's npm packages; run by .ci/run"]
fn the_markdown_with_its_broken_lines_parses_in_katex() {
    let folder = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for network in ["mazur.toml", "3-4-2.toml", "1-1-1.toml"] {
        for lang in ["zh", "en"] {
            let file = folder.path().join(format!("{network}-{lang}.md"));
            let example = format!("{}/examples/{network}", env!("CARGO_MANIFEST_DIR"));
            handprop()
                .args(["render", "--lang", lang, "-o"])
                .arg(&file)
                .arg(example)
                .assert()
                .success();
            files.push(file);
        }
    }
    assert_eq!(files.len(), 6);
    katex::check_in_katex(&files);
}
