//! The shell of every HTML page (a document, an exercise's page, a web sheet, a feedback page): the
//! template `html/page.html`, in the words and with the templates of a [`Renderer`], around a body
//! typeset elsewhere. Its stylesheet is the shared one, then its notation's, then the backward-pass
//! figure's when the page shows that figure (see [`stylesheet`]).

use serde::Serialize;

use super::Options;
use super::format::Shown;
use super::html::{self, STYLE};
use super::templates::Renderer;
use crate::error::Result;

/// The style added to pages that show the backward-pass figure: on a narrow screen the figure keeps
/// its size and scrolls sideways, rather than shrinking its labels past reading.
pub const BACKWARD_STYLE: &str = include_str!("../../templates/html/backward.css");

/// A page's beginning, up to where its body goes, and its end.
#[derive(Debug, Clone, PartialEq)]
pub struct Shell {
    /// Everything before the body.
    pub start: String,
    /// Everything after it.
    pub end: String,
}

/// What `html/page.html` sees.
#[derive(Serialize)]
struct Part<'a> {
    /// `start` or `end`: the part of the page to render.
    part: &'static str,
    /// The language's HTML tag ([`super::Lang::html_code`]).
    html_lang: &'static str,
    /// The page's title, escaped for HTML.
    title: &'a str,
    /// The stylesheet.
    style: &'a str,
}

impl Shell {
    /// The shell of a page titled `title` (plain text), in the language, notation and figures of the
    /// options of `renderer`.
    pub fn new(renderer: &Renderer, title: &str) -> Result<Shell> {
        let options = renderer.options();
        let style = stylesheet(options);
        let title = html::escape(title);
        let part = |part| Part {
            part,
            html_lang: options.lang.html_code(),
            title: &title,
            style: &style,
        };
        Ok(Shell {
            start: renderer.render("html/page.html", &part("start"))?,
            end: renderer.render("html/page.html", &part("end"))?,
        })
    }

    /// The shell a template draws around one text, from its drawings around no text, `a` and `b`:
    /// Some when both are that same start, the text and that same end (a template that puts the text
    /// once, as it is), else None. (No other split is consistent with both: a piece of the start or end
    /// that moved across the text would have to read as a run of `a` and of `b` at once.)
    pub fn split(draw: impl Fn(&str) -> Result<String>) -> Result<Option<Shell>> {
        let (empty, a, b) = (draw("")?, draw("a")?, draw("b")?);
        let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        if at > empty.len() || !empty.is_char_boundary(at) {
            return Ok(None);
        }
        let (start, end) = empty.split_at(at);
        let around = |text: &str| [start, text, end].concat();
        Ok((a == around("a") && b == around("b")).then(|| Shell {
            start: start.to_owned(),
            end: end.to_owned(),
        }))
    }

    /// The page of the body made of `parts`, with `nav` at the top of its `<main>` as
    /// [`html::with_nav`] puts it, made in one piece (a page is copied once, not three times).
    pub fn around_with_nav(&self, parts: &[&str], nav: &str) -> String {
        let Some(at) = self.start.find(html::MAIN) else {
            return html::with_nav(&self.around(&parts.concat()), nav);
        };
        let at = at + html::MAIN.len();
        let length = parts.iter().map(|part| part.len()).sum::<usize>();
        let mut page =
            String::with_capacity(self.start.len() + nav.len() + length + self.end.len());
        page.push_str(&self.start[..at]);
        page.push_str(nav);
        page.push_str(&self.start[at..]);
        parts.iter().for_each(|part| page.push_str(part));
        page.push_str(&self.end);
        page
    }

    /// The whole page around `body`.
    pub fn around(&self, body: &str) -> String {
        let mut page = String::with_capacity(self.start.len() + body.len() + self.end.len());
        page.push_str(&self.start);
        page.push_str(body);
        page.push_str(&self.end);
        page
    }
}

/// The stylesheet of a page of `options`: the shared one, its notation's and, when it shows the
/// backward-pass figure (a document whose format sets its figures inline), that figure's.
pub fn stylesheet(options: &Options) -> String {
    let inline = options.format.shows_figures(None) == Shown::Inline;
    let backward = if inline && options.shows_backward_figure() {
        BACKWARD_STYLE
    } else {
        ""
    };
    [STYLE, options.notation.style(), backward].concat()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_plain_text_and_escaped_in_the_page() {
        let markdown = "# A \\<script\\> \\& \"quotes\" / 'it'\n\ntext\n";
        let title = html::title(markdown);
        assert_eq!(title, "A <script> & \"quotes\" / 'it'");
        let renderer = Renderer::new(&Options::default()).unwrap();
        let page = Shell::new(&renderer, &title).unwrap();
        let page = page.around(&html::body(markdown).unwrap());
        assert!(
            page.contains(
                "<title>A &lt;script&gt; &amp; &quot;quotes&quot; / &#39;it&#39;</title>"
            ),
            "{page}"
        );
        assert!(!page.contains("<script>"));
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n"));
        assert!(page.ends_with("<p>text</p>\n</main>\n</body>\n</html>\n"));
    }

    #[test]
    fn a_page_made_in_one_piece_is_the_page_with_its_nav() {
        let shells = [
            ("<html><main>\n<p>", "</p></main></html>"),
            ("<html><main><p>", "</p></main></html>"),
            ("<html>", "<main>\n</html>"),
        ];
        for (start, end) in shells {
            let shell = Shell {
                start: start.to_owned(),
                end: end.to_owned(),
            };
            for parts in [&["a", "<main>\n", "c"][..], &[][..]] {
                let nav = "<nav>n</nav>";
                let whole = html::with_nav(&shell.around(&parts.concat()), nav);
                assert_eq!(shell.around_with_nav(parts, nav), whole);
            }
        }
    }

    #[test]
    fn a_template_that_puts_its_text_once_as_it_is_splits_around_it() {
        let split = |template: fn(&str) -> String| Shell::split(|text| Ok(template(text))).unwrap();
        let shell = split(|text| format!("<details>a{text}b</details>")).unwrap();
        assert_eq!(
            (&shell.start[..], &shell.end[..]),
            ("<details>a", "b</details>")
        );
        assert_eq!(shell.around("<p>x</p>"), "<details>a<p>x</p>b</details>");
        assert_eq!(split(|text| format!("{text}{text}")), None);
        assert_eq!(split(|text| text.to_uppercase()), None);
        assert_eq!(split(|text| format!("<{}>", text.len())), None);
        assert_eq!(split(|_| "same".to_owned()), None);
        let shell = split(|text| format!("é{text}")).unwrap();
        assert_eq!((&shell.start[..], &shell.end[..]), ("é", ""));
    }
}
