//! HTML: the Markdown document through pulldown-cmark (with `ENABLE_MATH`), every math event typeset
//! as MathML by pulldown-latex. No JavaScript, no web fonts, nothing fetched: Chromium and Firefox
//! render MathML Core themselves.
//!
//! pulldown-latex knows no `\tag`, so a display equation's number is taken out of its TeX and set beside
//! it (`<span class="equation">`, a flex row). TeX it cannot parse is an error naming the equation: the
//! parser's events are checked one by one, since `push_mathml` alone would hide errors as `<merror>`.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use pulldown_latex::config::DisplayMode;
use pulldown_latex::{RenderConfig, Storage};

use crate::error::{Error, Result};

/// The stylesheet of every page: readable on a phone, a laptop and in print.
pub const STYLE: &str = include_str!("../../templates/html/style.css");

/// The stylesheet added for matrix notation: a matrix's entries spaced apart.
pub const MATRIX_STYLE: &str = include_str!("../../templates/html/matrix.css");

/// The Markdown parser's options: tables, and `$ … $` / `$$ … $$` math.
pub fn markdown_options() -> Options {
    Options::ENABLE_MATH | Options::ENABLE_TABLES
}

/// The HTML of a Markdown document's body, every math typeset as MathML.
pub fn body(markdown: &str) -> Result<String> {
    body_with(markdown, &mut mathml)
}

/// [`body`], each math's MathML made by `typeset` (TeX, and for a display equation its number or "")
/// instead of [`mathml`]: see [`super::mathml::Typesetter`].
pub fn body_with(
    markdown: &str,
    typeset: &mut impl FnMut(&str, Option<&str>) -> Result<String>,
) -> Result<String> {
    let mut events = Vec::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        events.push(match event {
            Event::InlineMath(tex) => Event::InlineHtml(typeset(&tex, None)?.into()),
            Event::DisplayMath(tex) => Event::InlineHtml(display(&tex, typeset)?.into()),
            other => other,
        });
    }
    let mut html = String::with_capacity(markdown.len() * 4);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    Ok(html)
}

/// The plain text of a Markdown document's first `# heading` (its title), markup removed.
pub fn title(markdown: &str) -> String {
    let mut inside = false;
    let mut title = String::new();
    for event in Parser::new_ext(markdown, markdown_options()) {
        match event {
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => inside = true,
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => break,
            Event::Text(text) | Event::Code(text) if inside => title.push_str(&text),
            _ => {}
        }
    }
    title
}

/// Where a page's navigation goes: after the first of these.
pub const MAIN: &str = "<main>\n";

/// A page with `nav` (HTML) at the top of its `<main>`.
pub fn with_nav(page: &str, nav: &str) -> String {
    page.replacen(MAIN, &format!("{MAIN}{nav}"), 1)
}

/// Text escaped for HTML (element content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    pulldown_cmark_escape::escape_html(&mut escaped, text).expect("writing to a String");
    escaped
}

/// A display equation: its MathML with its number, `(n)`, beside it.
fn display(
    tex: &str,
    typeset: &mut impl FnMut(&str, Option<&str>) -> Result<String>,
) -> Result<String> {
    let (tex, tag) = split_tag(tex);
    let math = typeset(tex, Some(tag.unwrap_or("")))?;
    Ok(match tag {
        Some(n) => format!(
            "<span class=\"equation\" id=\"eq-{n}\">{math}<span class=\"tag\">({n})</span></span>"
        ),
        None => format!("<span class=\"equation\">{math}</span>"),
    })
}

/// The TeX without its `\tag{n}`, and n.
pub(crate) fn split_tag(tex: &str) -> (&str, Option<&str>) {
    match tex.find("\\tag{") {
        Some(start) => {
            let rest = &tex[start + 5..];
            let tag = rest.split('}').next().unwrap_or("").trim();
            (tex[..start].trim(), Some(tag))
        }
        None => (tex.trim(), None),
    }
}

/// MathML of TeX, inline (`tag` None) or as a block; an error names the equation.
pub fn mathml(tex: &str, tag: Option<&str>) -> Result<String> {
    let storage = Storage::new();
    let events: Vec<_> = pulldown_latex::Parser::new(tex, &storage).collect();
    if let Some(Err(problem)) = events.iter().find(|e| e.is_err()) {
        let which = match tag {
            Some("") | None => format!("the math `{}`", tex.trim()),
            Some(n) => format!("equation ({n})"),
        };
        return Err(Error::Math(format!(
            "{which} cannot be typeset as MathML: {problem}"
        )));
    }
    let config = RenderConfig {
        display_mode: if tag.is_some() {
            DisplayMode::Block
        } else {
            DisplayMode::Inline
        },
        ..RenderConfig::default()
    };
    let mut out = String::new();
    pulldown_latex::push_mathml(&mut out, events.into_iter(), config)
        .map_err(|e| Error::Math(format!("MathML could not be written: {e}")))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_numbered_equation_gets_its_number_beside_it() {
        let html = body("$$\nx = 1\n\\tag{7}\n$$\n").unwrap();
        assert!(
            html.contains("<span class=\"equation\" id=\"eq-7\"><math display=\"block\">"),
            "{html}"
        );
        assert!(html.contains("<span class=\"tag\">(7)</span>"));
        assert!(!html.contains("tag{"));
    }

    #[test]
    fn inline_math_is_inline_mathml() {
        let html = body("the output of $h_1$ is").unwrap();
        assert!(
            html.contains("<math display=\"inline\"><msub><mi>h</mi><mn>1</mn></msub></math>"),
            "{html}"
        );
    }

    #[test]
    fn tex_that_cannot_be_parsed_names_its_equation() {
        let error = body("$$\n\\frac{1}\n\\tag{12}\n$$\n").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("equation (12) cannot be typeset as MathML"),
            "{error}"
        );
        let error = body("inline $x^^2$ math").unwrap_err();
        assert!(error.to_string().contains("the math `x^^2`"), "{error}");
    }
}
