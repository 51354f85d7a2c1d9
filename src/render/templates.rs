//! The built-in tera templates, embedded in the binary, and the filters they use.
//!
//! A document is the shared skeleton `document.md`, the TeX of every equation (`partials/symbols.md`
//! and `partials/equations.md`,
//! the same for every language) and the wording of one language (`zh/words.md` or `en/words.md`), which
//! define components of the same names; `markup.md` or `markup.tex` gives the format's markup for the
//! words (a bullet). Templates never compute: the filters format numbers and escape a user's text.

use serde::Serialize;
use tera::{Context, Kwargs, State, Tera};

use super::Options;
use crate::error::{Error, Result};
use crate::number::Precision;

/// The built-in templates: (name, text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("document.md", include_str!("../../templates/document.md")),
    (
        "partials/symbols.md",
        include_str!("../../templates/partials/symbols.md"),
    ),
    ("document.tex", include_str!("../../templates/document.tex")),
    ("markup.md", include_str!("../../templates/markup.md")),
    ("markup.tex", include_str!("../../templates/markup.tex")),
    (
        "partials/equations.md",
        include_str!("../../templates/partials/equations.md"),
    ),
    ("zh/words.md", include_str!("../../templates/zh/words.md")),
    ("en/words.md", include_str!("../../templates/en/words.md")),
];

/// Renders the built-in template `name` with `data`, in the language and precision of `options`.
pub fn render(name: &str, data: &impl Serialize, options: &Options) -> Result<String> {
    let words = format!("{}/words.md", options.lang.code());
    let markup = if options.format.is_latex() {
        "markup.tex"
    } else {
        "markup.md"
    };
    let mut tera = Tera::new();
    register_filters(&mut tera, options.precision);
    let chosen = BUILT_IN.iter().filter(|(template, _)| {
        let is_words = template.ends_with("/words.md");
        let is_markup = template.starts_with("markup.");
        (!is_words || *template == words) && (!is_markup || *template == markup)
    });
    tera.add_raw_templates(chosen.copied())
        .map_err(template_error)?;
    let context = Context::from_serialize(data).map_err(template_error)?;
    tera.render(name, &context).map_err(template_error)
}

/// The number filters, all through [`Precision::format`]:
/// `n` prints a number (`n(places=2)` at a fixed precision), `p` puts a negative one in parentheses (a factor), `plus` prints a later term of
/// a sum with its sign (`+ 0.5`, `- 0.5`). `md` escapes a user's text for Markdown.
fn register_filters(tera: &mut Tera, precision: Precision) {
    tera.register_filter("n", move |x: f64, kwargs: Kwargs, _: &State| {
        // `n(places=2)`: a fixed precision for a figure whose digits do not matter (a relative error).
        let places: Option<u8> = kwargs.get("places").ok().flatten();
        places.map_or(precision, Precision::Places).format(x)
    });
    tera.register_filter("p", move |x: f64, _: Kwargs, _: &State| {
        let text = precision.format(x);
        if text.starts_with('-') {
            format!("({text})")
        } else {
            text
        }
    });
    tera.register_filter("md", |text: &str, _: Kwargs, _: &State| {
        escape_markdown(text)
    });
    tera.register_filter("tex", |text: &str, _: Kwargs, _: &State| {
        super::latex::escape(text)
    });
    tera.register_filter("plus", move |x: f64, _: Kwargs, _: &State| {
        let text = precision.format(x);
        match text.strip_prefix('-') {
            Some(magnitude) => format!("- {magnitude}"),
            None => format!("+ {text}"),
        }
    });
}

/// Text a user gave (a title), escaped for Markdown: each character Markdown or its math extensions
/// could read as markup gets CommonMark's backslash escape, and line breaks become spaces, so the text
/// prints literally and stays on its line.
pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => escaped.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '$' | '&' | '~' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            c => escaped.push(c),
        }
    }
    escaped
}

fn template_error(error: tera::Error) -> Error {
    use std::error::Error as _;
    let mut message = error.to_string();
    let mut cause = error.source();
    while let Some(inner) = cause {
        message.push_str(&format!(": {inner}"));
        cause = inner.source();
    }
    Error::Template(message)
}
