//! The combined web sheets of a set (`-f html`): `questions.html` and `answers.html`, each one page
//! that opens offline, with every variant in a `<section>` that starts a new sheet of paper in print.
//! A section is the variant's part of `questions.md` or `answers.md` typeset as `handprop render -f
//! html` does (MathML); a question's network figure is the variant's `NNN/network.svg`, linked.

use crate::error::Result;
use crate::render::Options;
use crate::render::mathml::Typesetter;
use crate::render::page::Shell;
use crate::render::templates::Renderer;

/// A web sheet's beginning and end, with the variants' sections between.
pub struct Page {
    /// The page up to its first section.
    pub start: String,
    /// The page after its last section.
    pub end: String,
}

/// The two web sheets of a set.
pub struct HtmlSheets {
    /// `questions.html`.
    pub questions: Page,
    /// `answers.html`.
    pub answers: Page,
}

/// What `exercises/sheet_title.txt` sees.
#[derive(serde::Serialize)]
struct SheetTitle {
    which: &'static str,
}

impl HtmlSheets {
    /// The sheets' beginnings and ends, titled in the language of `options`.
    pub fn new(options: &Options) -> Result<HtmlSheets> {
        let direct = Renderer::new(options)?;
        let page = |which| -> Result<Page> {
            let title = direct.render("exercises/sheet_title.txt", &SheetTitle { which })?;
            let Shell { start, end } = Shell::new(&direct, title.trim())?;
            Ok(Page { start, end })
        };
        Ok(HtmlSheets {
            questions: page("questions")?,
            answers: page("answers")?,
        })
    }
}

/// A variant's section of a web sheet: its part of the Markdown sheet, typeset by the set's
/// `typesetter` (each equation shape once).
pub fn section(markdown: &str, typesetter: &mut Typesetter) -> Result<String> {
    Ok(format!(
        "<section class=\"variant\">\n{}</section>\n",
        typesetter.body(markdown)?
    ))
}
