//! A user's text and file names in Markdown (issue 10, cases 13, 14 and 25): a title, author or date
//! that starts like a Markdown block stays one paragraph of literal text; an `-o` name of any bytes
//! gives figure files of its own and links to them that work and inject nothing.

use std::fs;
use std::path::Path;

use assert_cmd::Command;

const SEED: &str = include_str!("../../examples/mazur.toml");

fn handprop() -> Command {
    Command::cargo_bin("handprop").unwrap()
}

fn toml_string(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('\\', "\\\\")
            .replace('"', "\\\"")
            .replace('\n', "\\n")
    )
}

fn render(network: &Path, format: &str) -> String {
    let out = handprop()
        .arg("render")
        .arg(network)
        .args(["--lang", "en", "-f", format])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The HTML of the document's head (from `<main>` to its first section): what a CommonMark renderer
/// makes of the title, author and date.
fn html_head(html: &str) -> &str {
    let start = html.find("<main>").unwrap() + "<main>".len();
    let end = html[start..].find("<h2").unwrap() + start;
    &html[start..end]
}

#[test]
fn an_author_or_date_that_starts_like_a_block_stays_a_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("net.toml");
    for (text, shown) in [
        ("1. Smith", "1. Smith"),
        ("2) Jones", "2) Jones"),
        ("+ x", "+ x"),
        ("- x", "- x"),
        ("---", "---"),
        ("===", "==="),
        ("# x", "# x"),
        ("> quoted", "&gt; quoted"),
        ("    four spaces", "    four spaces"),
        ("\tTab", "\tTab"),
        ("\n\n\n\n    x", "        x"),
    ] {
        let file = format!(
            "title = {t}\nauthor = {t}\ndate = {t}\n{SEED}",
            t = toml_string(text)
        );
        fs::write(&network, file).unwrap();
        let html = render(&network, "html");
        let head = html_head(&html);
        // one heading, then the author and the date each one paragraph, the text as it was given
        let paragraph = format!("<p>{shown}</p>");
        assert_eq!(head.matches("<h1>").count(), 1, "{text:?}: {head}");
        assert_eq!(head.matches(&paragraph).count(), 2, "{text:?}: {head}");
        for markup in [
            "<ol",
            "<ul",
            "<li",
            "<hr",
            "<h2",
            "<pre",
            "<code",
            "<blockquote",
        ] {
            assert!(!head.contains(markup), "{text:?} made {markup}: {head}");
        }
        // the Markdown itself keeps one line per field
        let markdown = render(&network, "md");
        let lines: Vec<&str> = markdown.lines().take(5).collect();
        assert!(lines[0].starts_with("# "), "{text:?}: {lines:?}");
        assert_eq!(lines[1], "", "{text:?}: {lines:?}");
        assert_eq!(lines[2], lines[4], "{text:?}: {lines:?}");
        assert_eq!(lines[3], "", "{text:?}: {lines:?}");
    }
}

#[test]
fn plain_text_is_escaped_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let network = dir.path().join("net.toml");
    let file = format!("author = \"Ann 1. Lee - x\"\ndate = \"2024-01-02\"\n{SEED}");
    fs::write(&network, file).unwrap();
    let markdown = render(&network, "md");
    assert!(
        markdown.contains("\nAnn 1. Lee - x\n\n2024-01-02\n"),
        "{markdown}"
    );
}

/// Renders Markdown to `-o dir/NAME` and returns the document and the figure files written.
fn render_to(dir: &Path, name: &std::ffi::OsStr) -> (String, Vec<std::ffi::OsString>) {
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(dir.join(name))
        .assert()
        .success();
    let document = fs::read_to_string(dir.join(name)).unwrap();
    let mut figures: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.as_encoded_bytes().ends_with(b".svg"))
        .collect();
    figures.sort();
    (document, figures)
}

/// Every figure link `![…](<target>)` of a Markdown document.
fn link_targets(markdown: &str) -> Vec<String> {
    markdown
        .lines()
        .filter_map(|line| line.strip_prefix("!["))
        .map(|rest| {
            let target = &rest[rest.find("](<").unwrap() + 3..];
            assert!(target.ends_with(">)"), "{target}");
            target[..target.len() - 2].to_owned()
        })
        .collect()
}

/// `target` percent-decoded to bytes, as a browser does with a link.
fn decoded(target: &str) -> Vec<u8> {
    let bytes = target.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(&target[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn figure_links_of_any_name_link_their_own_files_and_inject_nothing() {
    for name in [
        "x> <img src=x onerror=alert(1)> <.md",
        "a>b.md",
        "#1.md",
        "%20.md",
        "a&amp;b.md",
        "q?x=1.md",
        "m`c`d.md",
        "n$x$.md",
        "back\\slash.md",
        "笔记 1.md",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (document, figures) = render_to(dir.path(), name.as_ref());
        let stem = name.strip_suffix(".md").unwrap();
        let expected: Vec<std::ffi::OsString> = ["network", "targets"]
            .iter()
            .map(|kind| format!("{stem}.{kind}.svg").into())
            .collect();
        assert_eq!(figures, expected, "{name}");
        let targets = link_targets(&document);
        assert_eq!(targets.len(), 2, "{name}: {document}");
        for (target, file) in targets.iter().zip(&expected) {
            // a link destination in <…> ends at the first `>`; nothing in it may end it, start a
            // fragment, a query, an entity, a code span or math
            for c in ['<', '>', '#', '?', '&', '`', '$', '\\', '\n'] {
                assert!(!target.contains(c), "{name}: {target}");
            }
            assert_eq!(decoded(target), file.as_encoded_bytes(), "{name}: {target}");
        }
        // and a CommonMark renderer makes two images of it, their sources the files, nothing more
        assert!(!document.contains("<img"), "{name}");
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new(&document));
        assert_eq!(html.matches("<img").count(), 2, "{name}");
        assert!(!html.contains("onerror=\""), "{name}");
        let sources: Vec<Vec<u8>> = html
            .split("<img src=\"")
            .skip(1)
            .map(|rest| decoded(&rest[..rest.find('"').unwrap()].replace("&amp;", "&")))
            .collect();
        let files: Vec<&[u8]> = expected.iter().map(|f| f.as_encoded_bytes()).collect();
        assert_eq!(sources, files, "{name}: {html}");
    }
}

#[cfg(unix)]
#[test]
fn two_names_that_are_not_utf8_write_two_sets_of_figures() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;

    let dir = tempfile::tempdir().unwrap();
    handprop()
        .args(["render", "--lang", "en", "-o"])
        .arg(dir.path().join(OsStr::from_bytes(b"x\xfe.md")))
        .assert()
        .success();
    let other = tempfile::tempdir().unwrap();
    let (second, _) = render_to(other.path(), OsStr::from_bytes(b"x\xff.md"));
    // side by side in one folder, the second does not touch the first's figures
    handprop()
        .args(["render", "--lang", "en", "--title", "second", "-o"])
        .arg(dir.path().join(OsStr::from_bytes(b"x\xff.md")))
        .assert()
        .success();
    let mut names: Vec<Vec<u8>> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().as_bytes().to_vec())
        .collect();
    names.sort();
    let expected: Vec<Vec<u8>> = [
        &b".handprop-figures"[..],
        b"x\xfe.md",
        b"x\xfe.network.svg",
        b"x\xfe.targets.svg",
        b"x\xff.md",
        b"x\xff.network.svg",
        b"x\xff.targets.svg",
    ]
    .iter()
    .map(|n| n.to_vec())
    .collect();
    assert_eq!(names, expected);
    assert_eq!(
        link_targets(&second),
        ["x%FF.network.svg", "x%FF.targets.svg"]
    );
    let first = fs::read_to_string(dir.path().join(OsStr::from_bytes(b"x\xfe.md"))).unwrap();
    assert_eq!(
        link_targets(&first),
        ["x%FE.network.svg", "x%FE.targets.svg"]
    );
}
