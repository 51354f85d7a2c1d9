//! `-f html`: one self-contained page, every equation as MathML with its number beside it.

use std::path::Path;

use handprop::{Format, Lang, Options, render, spec};

fn page(network: &handprop::Lesson, lang: Lang) -> String {
    render(
        network,
        &Options {
            format: Format::Html,
            lang,
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn the_seed_s_page_has_23_numbered_mathml_equations_and_nothing_to_fetch() {
    for lang in [Lang::Zh, Lang::En] {
        let html = page(&spec::seed_lesson(), lang);
        assert_eq!(html.matches("<math display=\"block\">").count(), 23);
        for n in 1..=23 {
            assert_eq!(
                html.matches(&format!("<span class=\"tag\">({n})</span>"))
                    .count(),
                1,
                "({n})"
            );
        }
        assert!(!html.contains("<merror"));
        assert!(
            !html.contains("$$") && !html.contains("\\tag"),
            "no TeX is left"
        );
        for attribute in [
            "src=\"http",
            "href=\"http",
            "src='http",
            "href='http",
            "url(http",
            "<script",
        ] {
            assert!(!html.contains(attribute), "{attribute}");
        }
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang="));
        assert!(
            html.contains("<mn>0.35891647971788465</mn>"),
            "the numbers are the trace's"
        );
    }
}

#[test]
fn every_example_renders_without_math_errors() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let network = spec::load(&entry.unwrap().path()).unwrap();
        let options = Options {
            format: Format::Html,
            steps: Some(10),
            check: true,
            ..Options::default()
        };
        let html = render(&network, &options).unwrap();
        assert!(!html.contains("<merror") && !html.contains("$"), "{html}");
    }
}

#[test]
fn a_hostile_title_is_escaped() {
    let text = std::fs::read_to_string(Path::new("examples/mazur.toml")).unwrap();
    let text = format!("title = \"</title><script>alert('x')</script> & \\\"q\\\"\"\n{text}");
    let network = spec::parse(&text, "hostile.toml").unwrap();
    let html = page(&network, Lang::En);
    assert!(
        !html.contains("<script>") && !html.contains("</title><script"),
        "{html}"
    );
    assert!(html.contains("<title>&lt;/title&gt;&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</title>"));
    assert!(
        html.contains("<h1>&lt;/title&gt;&lt;script&gt;alert('x')&lt;/script&gt; &amp; \"q\"</h1>")
    );
}
