//! Every string a user gives (title, author, date) is escaped for the format it lands in: Markdown,
//! LaTeX, HTML (and the site's index), and Moodle XML; hostile text prints literally and injects nothing.

use std::fs;

const HOSTILE: &str =
    "</svg><script>alert(1)</script> \\input{/etc/passwd} $$x$$ & \"q\" 'a' %#_~^ *b* [l](u)\nline";

fn network_file(dir: &std::path::Path) -> std::path::PathBuf {
    let toml_string = |s: &str| {
        format!(
            "\"{}\"",
            s.replace('\\', "\\\\")
                .replace('"', "\\\"")
                .replace('\n', "\\n")
        )
    };
    let text = format!(
        "title = {}\nauthor = {}\ndate = {}\n{}",
        toml_string(HOSTILE),
        toml_string("O'Brien & <Co>"),
        toml_string("$\\today$"),
        fs::read_to_string("examples/mazur.toml").unwrap()
    );
    let path = dir.join("hostile.toml");
    fs::write(&path, text).unwrap();
    path
}

fn render(args: &[&str], network: &std::path::Path) -> String {
    let out = crate::support::handprop()
        .arg("render")
        .arg(network)
        .args(args)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn markdown_escapes_markup_and_keeps_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let md = render(&[], &network_file(dir.path()));
    let title = md.lines().next().unwrap();
    assert!(
        title.starts_with("# \\</svg\\>\\<script\\>alert(1)\\</script\\>"),
        "{title}"
    );
    assert!(
        title.contains("\\\\input{/etc/passwd}")
            && title.contains("\\$\\$x\\$\\$")
            && title.contains("\\&")
    );
    assert!(
        title.contains("\\*b\\*") && title.contains("\\[l\\](u)") && title.ends_with(" line"),
        "{title}"
    );
    // The title's $$ cannot open a math block: every $$ of the document is an equation's.
    assert_eq!(md.matches("$$").count(), 2 * 23);
}

#[test]
fn latex_escapes_every_special_character() {
    let dir = tempfile::tempdir().unwrap();
    let tex = render(&["-f", "tex"], &network_file(dir.path()));
    assert!(
        !tex.contains("\\input{/etc/passwd}"),
        "no \\input reaches LaTeX"
    );
    assert!(tex.contains("\\textbackslash{}input\\{/etc/passwd\\}"));
    assert!(
        tex.contains("\\$\\$x\\$\\$ \\& \"q\" 'a' \\%\\#\\_\\textasciitilde{}\\textasciicircum{}")
    );
    assert!(
        tex.contains("O'Brien \\& \\textless{}Co\\textgreater{}")
            && tex.contains("\\$\\textbackslash{}today\\$")
    );
}

#[test]
fn html_escapes_tags_quotes_and_ampersands() {
    let dir = tempfile::tempdir().unwrap();
    let html = render(&["-f", "html"], &network_file(dir.path()));
    assert!(
        !html.contains("<script") && !html.contains("</svg><"),
        "no tag is injected"
    );
    assert!(html.contains("&lt;/svg&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("O'Brien &amp; &lt;Co&gt;"));
    let title = &html[html.find("<title>").unwrap()..html.find("</title>").unwrap()];
    assert!(
        title.contains("&quot;q&quot;") && !title.contains('\n'),
        "{title}"
    );
}

#[test]
fn the_site_index_and_the_moodle_quiz_escape_too() {
    let dir = tempfile::tempdir().unwrap();
    let network = network_file(dir.path());
    let site = dir.path().join("site");
    crate::support::handprop()
        .arg("site")
        .arg(&network)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    let index = fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains("<script") && index.contains("&lt;script&gt;"));
    let set = dir.path().join("set");
    let quiz = dir.path().join("quiz.xml");
    crate::support::handprop()
        .arg("exercises")
        .arg(&network)
        .args(["--count", "2", "--seed", "3", "--out"])
        .arg(&set)
        .arg("--moodle")
        .arg(&quiz)
        .assert()
        .success();
    let xml = fs::read_to_string(&quiz).unwrap();
    assert!(
        !xml.contains("<script"),
        "the quiz holds no raw tag from the title"
    );
    roxmltree::Document::parse(&xml).expect("the quiz is well-formed XML");
}
