//! Markdown (a question or a worked solution) as the XHTML that quiz systems take: well-formed XML,
//! only the elements and attributes QTI 2.1's content model allows (no `style`, no raw HTML). The math
//! is either left as TeX between `\( … \)` and `\[ … \]` for the system's MathJax (Moodle, Canvas:
//! [`from_markdown`]), or written as MathML in its own namespace (QTI 2.1, whose schema takes MathML 2
//! in any content: [`with_mathml`]). A number in `\tag{n}` stays with its equation.

use std::convert::Infallible;

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::error::Result;
use crate::moodle::escape;
use crate::render::html::{markdown_options, split_tag};
use crate::render::mathml::Typesetter;

/// MathML's namespace, declared on each `<math>`.
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";

/// The XHTML of `markdown`, its math TeX. Raw HTML in it (the comments that stand for figures not
/// written) is left out; an image becomes `<img src alt/>`, a link its text.
pub fn from_markdown(markdown: &str) -> String {
    let tex = &mut |tex: &str, display: bool| -> std::result::Result<String, Infallible> {
        Ok(match display {
            true => format!("\\[{}\\]", escape(tex)),
            false => format!("\\({}\\)", escape(tex)),
        })
    };
    match convert(markdown, tex) {
        Ok(xhtml) => xhtml,
        Err(never) => match never {},
    }
}

/// The XHTML of `markdown` as [`from_markdown`] writes it, but its math MathML typeset by
/// `typesetter`: inline math a `<math>`, display math a `<math display="block">` in
/// `<span class="equation">`, its number `(n)` after it.
pub fn with_mathml(markdown: &str, typesetter: &mut Typesetter) -> Result<String> {
    convert(markdown, &mut |tex: &str, display: bool| match display {
        false => inline_mathml(tex, typesetter),
        true => {
            let (tex, tag) = split_tag(tex);
            let math = mathml(typesetter.mathml(tex, Some(tag.unwrap_or("")))?)?;
            let number = tag.map_or(String::new(), |n| format!(" ({})", escape(n)));
            Ok(format!("<span class=\"equation\">{math}{number}</span>"))
        }
    })
}

/// The TeX `tex` as inline MathML, in MathML's namespace.
pub fn inline_mathml(tex: &str, typesetter: &mut Typesetter) -> Result<String> {
    mathml(typesetter.mathml(tex, None)?)
}

/// One equation's MathML (as pulldown-latex writes it, `<math` first) in MathML's namespace, made
/// well-formed XML ([`well_formed`]).
fn mathml(math: String) -> Result<String> {
    let math = well_formed(&math);
    match math.strip_prefix("<math") {
        Some(rest) => Ok(format!("<math xmlns=\"{MATHML}\"{rest}")),
        None => Err(crate::error::Error::Math(format!(
            "MathML that does not start with <math>: {math}"
        ))),
    }
}

/// pulldown-latex's MathML as XML: it writes an operator `<` or `>` as it is (`<mo><</mo>`) and a
/// space at the edge of `\text{…}` as HTML's `&nbsp;`, which XML does not know. Outside the tags (a
/// `<` before a letter or `/` to the next `>`), `<` and `>` become `&lt;` and `&gt;`, and `&nbsp;` its
/// number.
fn well_formed(math: &str) -> String {
    let mut xml = String::with_capacity(math.len() + 16);
    let mut in_tag = false;
    let mut chars = math.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '>' if in_tag => {
                in_tag = false;
                xml.push(c);
            }
            '<' if !in_tag => match chars.peek() {
                Some((_, next)) if next.is_ascii_alphabetic() || *next == '/' => {
                    in_tag = true;
                    xml.push(c);
                }
                _ => xml.push_str("&lt;"),
            },
            '>' => xml.push_str("&gt;"),
            '&' if !in_tag && math[at..].starts_with("&nbsp;") => {
                xml.push_str("&#160;");
                for _ in 0.."nbsp;".len() {
                    chars.next();
                }
            }
            c => xml.push(c),
        }
    }
    xml
}

/// The XHTML of `markdown`, each equation (its TeX, and whether it is displayed) written by `math`.
fn convert<E>(
    markdown: &str,
    math: &mut impl FnMut(&str, bool) -> std::result::Result<String, E>,
) -> std::result::Result<String, E> {
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut image: Option<(String, String)> = None;
    for event in Parser::new_ext(markdown, markdown_options()) {
        if let Some((_, alt)) = &mut image {
            match event {
                Event::End(TagEnd::Image) => {
                    let (src, alt) = image.take().unwrap_or_default();
                    out.push_str(&format!(
                        "<img src=\"{}\" alt=\"{}\"/>",
                        escape(&src),
                        escape(&alt)
                    ));
                }
                Event::Text(text) | Event::Code(text) | Event::InlineMath(text) => {
                    alt.push_str(&text)
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                image = Some((dest_url.into_string(), String::new()))
            }
            Event::Start(tag) => out.push_str(open(&tag)),
            Event::End(tag) => out.push_str(close(tag)),
            Event::Text(text) => out.push_str(&escape(&text)),
            Event::Code(text) => out.push_str(&format!("<code>{}</code>", escape(&text))),
            Event::InlineMath(tex) => out.push_str(&math(&tex, false)?),
            Event::DisplayMath(tex) => out.push_str(&math(&tex, true)?),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br/>\n"),
            Event::Rule => out.push_str("<hr/>\n"),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    Ok(out)
}

/// The opening tag of a Markdown element.
fn open(tag: &Tag) -> &'static str {
    match tag {
        Tag::Paragraph => "<p>",
        Tag::Heading { level, .. } => match level {
            HeadingLevel::H1 => "<h1>",
            HeadingLevel::H2 => "<h2>",
            HeadingLevel::H3 => "<h3>",
            HeadingLevel::H4 => "<h4>",
            HeadingLevel::H5 => "<h5>",
            HeadingLevel::H6 => "<h6>",
        },
        Tag::BlockQuote(_) => "<blockquote>",
        Tag::CodeBlock(CodeBlockKind::Fenced(_) | CodeBlockKind::Indented) => "<pre>",
        Tag::List(Some(_)) => "<ol>\n",
        Tag::List(None) => "<ul>\n",
        Tag::Item => "<li>",
        Tag::Table(_) => "<table>\n",
        Tag::TableHead => "<thead><tr>",
        Tag::TableRow => "<tr>",
        Tag::TableCell => "<td>",
        Tag::Emphasis => "<em>",
        Tag::Strong => "<strong>",
        Tag::Strikethrough => "<del>",
        _ => "",
    }
}

/// The closing tag of a Markdown element.
fn close(tag: TagEnd) -> &'static str {
    match tag {
        TagEnd::Paragraph => "</p>\n",
        TagEnd::Heading(level) => match level {
            HeadingLevel::H1 => "</h1>\n",
            HeadingLevel::H2 => "</h2>\n",
            HeadingLevel::H3 => "</h3>\n",
            HeadingLevel::H4 => "</h4>\n",
            HeadingLevel::H5 => "</h5>\n",
            HeadingLevel::H6 => "</h6>\n",
        },
        TagEnd::BlockQuote(_) => "</blockquote>\n",
        TagEnd::CodeBlock => "</pre>\n",
        TagEnd::List(true) => "</ol>\n",
        TagEnd::List(false) => "</ul>\n",
        TagEnd::Item => "</li>\n",
        TagEnd::Table => "</tbody></table>\n",
        TagEnd::TableHead => "</tr></thead><tbody>\n",
        TagEnd::TableRow => "</tr>\n",
        TagEnd::TableCell => "</td>",
        TagEnd::Emphasis => "</em>",
        TagEnd::Strong => "</strong>",
        TagEnd::Strikethrough => "</del>",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn math_stays_tex_and_markup_is_well_formed() {
        let html = from_markdown(
            "# A & B\n\nLet $a<b$.\n\n$$\nx &= 1\n\\tag{1}\n$$\n\n<!-- a figure -->\n\n\
             ![Fig <1>](<f.svg>)\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n- one\n",
        );
        assert!(html.contains("<h1>A &amp; B</h1>"), "{html}");
        assert!(html.contains("\\(a&lt;b\\)"), "{html}");
        assert!(html.contains("\\[\nx &amp;= 1\n\\tag{1}\n\\]"), "{html}");
        assert!(
            html.contains("<img src=\"f.svg\" alt=\"Fig &lt;1&gt;\"/>"),
            "{html}"
        );
        assert!(!html.contains("<!--") && !html.contains("style"), "{html}");
        assert!(
            html.contains("<thead><tr><td>a</td><td>b</td></tr></thead><tbody>"),
            "{html}"
        );
        assert!(html.contains("<ul>\n<li>one</li>\n</ul>"), "{html}");
    }

    #[test]
    fn mathml_is_in_its_namespace_and_keeps_the_equation_number() {
        let mut typesetter = Typesetter::new();
        let markdown = "Let $a<b$.\n\n$$\nx = 1.25\n\\tag{7}\n$$\n";
        let html = with_mathml(markdown, &mut typesetter).unwrap();
        let wrapped = format!("<div>{html}</div>");
        let document = roxmltree::Document::parse(&wrapped).expect(&wrapped);
        let maths: Vec<_> = (document.descendants())
            .filter(|n| n.tag_name().name() == "math")
            .collect();
        assert_eq!(maths.len(), 2, "{html}");
        assert!(
            maths
                .iter()
                .all(|m| m.tag_name().namespace() == Some(MATHML))
        );
        let numbers: Vec<&str> = (maths[1].descendants())
            .filter(|n| n.tag_name().name() == "mn")
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(numbers, ["1.25"], "{html}");
        assert!(html.contains("</math> (7)</span>"), "{html}");
        assert!(!html.contains("\\(") && !html.contains("\\tag"), "{html}");
        let (lt, space) = (&maths[0], "x \\text{ if } y > 0");
        let texts: Vec<&str> = (lt.descendants().filter(|n| n.is_text()))
            .filter_map(|n| n.text())
            .collect();
        assert_eq!(texts, ["a", "<", "b"]);
        let spaced = with_mathml(&format!("${space}$"), &mut typesetter).unwrap();
        let wrapped = format!("<div>{spaced}</div>");
        let document = roxmltree::Document::parse(&wrapped).expect(&wrapped);
        assert!(
            document
                .root()
                .descendants()
                .any(|n| n.text() == Some("\u{a0}if\u{a0}"))
        );
    }
}
