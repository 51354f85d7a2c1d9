//! Markdown (a question or a worked solution) as the XHTML that quiz systems take: well-formed XML,
//! only the elements and attributes QTI 2.1's content model allows (no `style`, no raw HTML), and the
//! math left as TeX between `\( … \)` and `\[ … \]` for the system's MathJax (Moodle, Canvas, and the
//! QTI players that typeset TeX). A number in `\tag{n}` stays with its equation.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Parser, Tag, TagEnd};

use crate::moodle::escape;
use crate::render::html::markdown_options;

/// The XHTML of `markdown`. Raw HTML in it (the comments that stand for figures not written) is
/// left out; an image becomes `<img src alt/>`, a link its text.
pub fn from_markdown(markdown: &str) -> String {
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
            Event::InlineMath(tex) => out.push_str(&format!("\\({}\\)", escape(&tex))),
            Event::DisplayMath(tex) => out.push_str(&format!("\\[{}\\]", escape(&tex))),
            Event::SoftBreak => out.push('\n'),
            Event::HardBreak => out.push_str("<br/>\n"),
            Event::Rule => out.push_str("<hr/>\n"),
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }
    out
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
}
