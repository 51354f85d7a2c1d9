//! The languages of the documents: each one's code (its template folder, `templates/zh/`) and its tag
//! for HTML. Every word of a language is in its templates; a new language is a variant here (and in
//! `--lang`), a folder of templates and its own name in `templates/html/languages.html`, and, for
//! LaTeX, the engine and preamble that set its script (`pdf::engine_for`, `fmt.preamble`).

use serde::Serialize;

/// The languages of the documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Chinese, the seed's wording.
    #[default]
    Zh,
    /// English, the vocabulary of Mazur's post.
    En,
}

impl Lang {
    /// Every language, in the order documents offer them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language's tag for HTML's `lang` attribute.
    pub fn html_code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The language's code, which is also its template folder.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
}
