//! The built-in tera templates, embedded in the binary, and the filters they use.
//!
//! A document is the shared skeleton (`document.md`, or `document.tex` for LaTeX), the TeX of every
//! equation (`partials/symbols.md` and `partials/equations.md`, the same for every language and format),
//! the wording of one language (`zh/words.md` or `en/words.md`), which define components of the same
//! names, the notation's template (`notation/scalar.md` or `notation/matrix.md`, again components of
//! the same names: how a section's intro, a step's lead and its equation are written), and the format's markup for the words (`markup.md` or `markup.tex`: a bullet, a table, a
//! figure). Templates never compute: the filters format numbers and escape a user's text.

use serde::Serialize;
use std::sync::{Arc, Mutex};

use tera::{Context, Kwargs, State, Tera};

use super::overrides::TemplateSet;
use super::{Format, Lang, Options};
use crate::error::{Error, Result};
use crate::number::Precision;

/// The built-in templates: (name, text).
pub const BUILT_IN: &[(&str, &str)] = &[
    ("document.md", include_str!("../../templates/document.md")),
    ("document.tex", include_str!("../../templates/document.tex")),
    ("markup.md", include_str!("../../templates/markup.md")),
    (
        "html/index.html",
        include_str!("../../templates/html/index.html"),
    ),
    (
        "html/nav.html",
        include_str!("../../templates/html/nav.html"),
    ),
    (
        "html/answer.html",
        include_str!("../../templates/html/answer.html"),
    ),
    (
        "html/page.html",
        include_str!("../../templates/html/page.html"),
    ),
    (
        "html/languages.html",
        include_str!("../../templates/html/languages.html"),
    ),
    ("markup.tex", include_str!("../../templates/markup.tex")),
    (
        "partials/symbols.md",
        include_str!("../../templates/partials/symbols.md"),
    ),
    (
        "partials/equations.md",
        include_str!("../../templates/partials/equations.md"),
    ),
    (
        "partials/matrix.md",
        include_str!("../../templates/partials/matrix.md"),
    ),
    (
        "notation/scalar.md",
        include_str!("../../templates/notation/scalar.md"),
    ),
    (
        "notation/matrix.md",
        include_str!("../../templates/notation/matrix.md"),
    ),
    (
        "partials/tables.md",
        include_str!("../../templates/partials/tables.md"),
    ),
    ("zh/words.md", include_str!("../../templates/zh/words.md")),
    ("en/words.md", include_str!("../../templates/en/words.md")),
    ("zh/site.md", include_str!("../../templates/zh/site.md")),
    ("en/site.md", include_str!("../../templates/en/site.md")),
    (
        "exercises/question.md",
        include_str!("../../templates/exercises/question.md"),
    ),
    (
        "exercises/heading.md",
        include_str!("../../templates/exercises/heading.md"),
    ),
    (
        "exercises/title.txt",
        include_str!("../../templates/exercises/title.txt"),
    ),
    (
        "exercises/sheet_title.txt",
        include_str!("../../templates/exercises/sheet_title.txt"),
    ),
    (
        "exercises/question.tex",
        include_str!("../../templates/exercises/question.tex"),
    ),
    (
        "exercises/heading.tex",
        include_str!("../../templates/exercises/heading.tex"),
    ),
    (
        "exercises/sheet.tex",
        include_str!("../../templates/exercises/sheet.tex"),
    ),
    (
        "exercises/tex.md",
        include_str!("../../templates/exercises/tex.md"),
    ),
    (
        "exercises/stem.md",
        include_str!("../../templates/exercises/stem.md"),
    ),
    (
        "exercises/symbols.txt",
        include_str!("../../templates/exercises/symbols.txt"),
    ),
    (
        "exercises/canvas.md",
        include_str!("../../templates/exercises/canvas.md"),
    ),
    (
        "exercises/canvas_group.txt",
        include_str!("../../templates/exercises/canvas_group.txt"),
    ),
    (
        "moodle/cloze.tera",
        include_str!("../../templates/moodle/cloze.tera"),
    ),
    (
        "zh/exercises.md",
        include_str!("../../templates/zh/exercises.md"),
    ),
    (
        "en/exercises.md",
        include_str!("../../templates/en/exercises.md"),
    ),
    (
        "grade/feedback.md",
        include_str!("../../templates/grade/feedback.md"),
    ),
    (
        "exercises/check.md",
        include_str!("../../templates/exercises/check.md"),
    ),
    (
        "exercises/check.html",
        include_str!("../../templates/exercises/check.html"),
    ),
    ("zh/grade.md", include_str!("../../templates/zh/grade.md")),
    ("en/grade.md", include_str!("../../templates/en/grade.md")),
];

/// A prepared tera instance: the built-in templates of one language parsed and the filters of one
/// precision registered, once, to render many documents (an exercise set renders thousands).
pub struct Renderer {
    tera: Arc<Tera>,
    options: Options,
}

/// What decides the templates a renderer parses ([`Renderer::sources`]) and its filters
/// (`register_filters`): renderers of equal keys share one parse.
#[derive(PartialEq)]
struct Built {
    format: Format,
    lang: Lang,
    notation: crate::derivation::Notation,
    precision: Precision,
    /// The teacher's template set by its address: sets are leaked, never freed, so an address is one
    /// set for the life of the process.
    templates: Option<usize>,
    placeholders: bool,
}

impl Built {
    fn of(options: &Options, placeholders: bool) -> Built {
        Built {
            format: options.format,
            lang: options.lang,
            notation: options.notation,
            precision: options.precision,
            templates: (options.templates).map(|set| set as *const TemplateSet as usize),
            placeholders,
        }
    }
}

/// Every renderer built in this process, by its key; never dropped (dropping a parse costs as much as
/// making it, and the process ends with them).
static BUILT: Mutex<Vec<(Built, Arc<Tera>)>> = Mutex::new(Vec::new());

impl Renderer {
    /// Parses the built-in templates for the language and precision of `options`.
    pub fn new(options: &Options) -> Result<Renderer> {
        Renderer::build(options, false)
    }

    /// The same, except that the number filters print [`skeleton`](super::skeleton) placeholders as
    /// the places of a drawing ([`Marks`](super::skeleton::Marks)): the renderer that draws a skeleton.
    pub fn with_placeholders(options: &Options) -> Result<Renderer> {
        Renderer::build(options, true)
    }

    /// The texts of the templates a renderer of `options` parses (the teacher's where they replace
    /// built-in ones).
    pub fn sources(options: &Options) -> Vec<(&'static str, &'static str)> {
        // Every shared template, the wording of the chosen language only, the template of the chosen
        // notation only, and the format's markup; the LaTeX layouts (`.tex`, which use LaTeX's markup
        // alone) only for LaTeX.
        let latex = options.format.is_latex();
        let markup = options.format.markup();
        let notation = options.notation.template();
        let chosen = BUILT_IN.iter().filter(|(template, _)| {
            let folder = template.split_once('/').map_or("", |(folder, _)| folder);
            let is_markup = template.starts_with("markup.");
            let is_language = Lang::ALL.iter().any(|lang| lang.code() == folder);
            (!is_language || folder == options.lang.code())
                && (folder != "notation" || *template == notation)
                && (!is_markup || *template == markup)
                && (latex || is_markup || !template.ends_with(".tex"))
        });
        let set = options.templates;
        chosen
            .map(|&(name, text)| (name, set.map_or(text, |set| set.text(name, text))))
            .collect()
    }

    /// The renderer of `options`: the templates parsed once in the process for each [`Built`] key
    /// (a site parses its exercises' templates once, not once a sheet, a form and a page).
    fn build(options: &Options, placeholders: bool) -> Result<Renderer> {
        let key = Built::of(options, placeholders);
        let found = |built: &[(Built, Arc<Tera>)]| {
            (built.iter()).find_map(|(of, tera)| (*of == key).then(|| Arc::clone(tera)))
        };
        if let Some(tera) = found(&BUILT.lock().unwrap_or_else(|e| e.into_inner())) {
            return Ok(Renderer {
                tera,
                options: *options,
            });
        }
        let renderer = Renderer::from_templates(Renderer::sources(options), options, placeholders)
            .map_err(|e| in_files(e, options))?;
        let mut built = BUILT.lock().unwrap_or_else(|e| e.into_inner());
        if found(&built).is_none() {
            built.push((key, Arc::clone(&renderer.tera)));
        }
        Ok(renderer)
    }

    /// A renderer of the given (name, text) templates instead of the built-in ones; with
    /// `placeholders`, one that draws skeletons.
    pub fn from_templates<'t>(
        templates: impl IntoIterator<Item = (&'t str, &'t str)>,
        options: &Options,
        placeholders: bool,
    ) -> Result<Renderer> {
        let mut tera = Tera::new();
        register_filters(&mut tera, options, placeholders);
        tera.add_raw_templates(templates).map_err(template_error)?;
        Ok(Renderer {
            tera: Arc::new(tera),
            options: *options,
        })
    }

    /// The language and precision it renders with.
    pub fn options(&self) -> &Options {
        &self.options
    }

    /// Renders the template `name` with `data`; with a teacher's templates, under [`super::budget`]'s
    /// bounds of time and size.
    pub fn render(&self, name: &str, data: &impl Serialize) -> Result<String> {
        let context = Context::from_serialize(data).map_err(template_error)?;
        let rendered = match self.options.templates {
            None => self.tera.render(name, &context).map_err(template_error),
            Some(set) => super::budget::render(&self.tera, name, context, set),
        };
        rendered.map_err(|e| in_files(e, &self.options))
    }
}

/// Renders the built-in template `name` with `data`, in the language and precision of `options`
/// (parsing the templates for this one document; [`Renderer`] keeps them for many).
pub fn render(name: &str, data: &impl Serialize, options: &Options) -> Result<String> {
    Renderer::new(options)?.render(name, data)
}

/// How a number filter prints a number, always through [`Precision::format`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `n`: the number.
    Number,
    /// `p`: a factor: a negative number in parentheses.
    Factor,
    /// `plus`: a later term of a sum, with its sign (`+ 0.5`, `- 0.5`).
    Term,
    /// `rough`: two significant digits, whatever the precision (a relative difference).
    Rough,
    /// `base`: the base of a power: in parentheses when negative or in scientific form.
    Base,
}

impl Style {
    /// Every style, each a filter of the templates.
    pub const ALL: [Style; 5] = [
        Style::Number,
        Style::Factor,
        Style::Term,
        Style::Rough,
        Style::Base,
    ];

    /// The filter's name in the templates.
    pub fn filter(self) -> &'static str {
        match self {
            Style::Number => "n",
            Style::Factor => "p",
            Style::Term => "plus",
            Style::Rough => "rough",
            Style::Base => "base",
        }
    }

    /// `x` printed in this style at `precision`, appended to `text`.
    pub fn print(self, precision: Precision, x: f64, text: &mut String) {
        let precision = if self == Style::Rough {
            Precision::Places(2)
        } else {
            precision
        };
        let start = text.len();
        precision.push(x, text);
        let negative = text[start..].starts_with('-');
        let parenthesised = match self {
            Style::Number | Style::Rough => false,
            Style::Factor => negative,
            Style::Base => negative || text[start..].contains('\\'),
            Style::Term if negative => {
                text.replace_range(start..start + 1, "- ");
                false
            }
            Style::Term => {
                text.insert_str(start, "+ ");
                false
            }
        };
        if parenthesised {
            text.insert(start, '(');
            text.push(')');
        }
    }
}

/// The number filters `n`, `p`, `plus`, `rough` and `base` (see [`Style`]), and `md` and `tex`, which escape a
/// user's text for Markdown and LaTeX. With `placeholders`, a number that is a
/// [`skeleton`](super::skeleton) placeholder value is printed as its drawing's place instead, to be
/// filled in later.
fn register_filters(tera: &mut Tera, options: &Options, placeholders: bool) {
    use super::skeleton::{Marks, slot};
    let precision = options.precision;
    for style in Style::ALL {
        tera.register_filter(style.filter(), move |x: f64, _: Kwargs, _: &State| {
            let mut text = String::new();
            match slot(x).filter(|_| placeholders) {
                Some(slot) => Marks::of_placeholder(x).number(style, slot, &mut text),
                None => style.print(precision, x, &mut text),
            }
            text
        });
    }
    tera.register_filter("md", |text: &str, _: Kwargs, _: &State| {
        escape_markdown(text)
    });
    // English text that pdflatex cannot set makes the document xelatex's, with fallback fonts
    let escape_tex = match options.lang {
        Lang::En => super::latex::escape_for_xelatex,
        Lang::Zh => super::latex::escape,
    };
    tera.register_filter("tex", move |text: &str, _: Kwargs, _: &State| {
        escape_tex(text)
    });
}

/// Text a user gave (a title), escaped for Markdown: each character Markdown or its math extensions
/// could read as markup gets CommonMark's backslash escape, and line breaks become spaces, so the text
/// prints literally and stays on its line; and what would start a block at the start of a line (an
/// indent, a list item's `-`, `+` or `1.`, a rule or setext underline's `-` or `=`) is escaped too,
/// so the text cannot change the document's structure wherever a template puts it.
pub fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 8);
    let rest = escape_line_start(text, &mut escaped);
    for c in rest.chars() {
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

/// Escapes the start of `text` that Markdown would read as the start of a block into `escaped`, and
/// returns the rest of the text. An indent (which makes code) becomes a character reference, which
/// prints the same; the marker of a list item or a rule gets a backslash.
fn escape_line_start<'t>(text: &'t str, escaped: &mut String) -> &'t str {
    let mut rest = text;
    let blank = [' ', '\t', '\n', '\r'];
    if let Some(c) = rest.chars().next().filter(|c| blank.contains(c)) {
        escaped.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
        rest = &rest[1..];
        // the rest of the indent stays (line breaks as spaces); it now follows text, not a line's start
        let indent = rest.len() - rest.trim_start_matches(blank).len();
        escaped.extend(
            rest[..indent]
                .chars()
                .map(|c| if c == '\t' { c } else { ' ' }),
        );
        return &rest[indent..];
    }
    if let Some(c) = rest.chars().next().filter(|c| matches!(c, '-' | '+' | '=')) {
        escaped.push('\\');
        escaped.push(c);
        return &rest[1..];
    }
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    // an ordered list item: 1–9 digits, `.` or `)`, then a blank or the end (`0.5933` is no item)
    let bytes = rest.as_bytes();
    if (1..=9).contains(&digits)
        && matches!(bytes.get(digits), Some(b'.' | b')'))
        && matches!(
            bytes.get(digits + 1),
            None | Some(b' ' | b'\t' | b'\n' | b'\r')
        )
    {
        escaped.push_str(&rest[..digits]);
        escaped.push('\\');
        return &rest[digits..];
    }
    rest
}

/// An error whose places name built-in templates, made to name the teacher's files that replace them.
fn in_files(error: Error, options: &Options) -> Error {
    let (Error::Template(message), Some(set)) = (&error, options.templates) else {
        return error;
    };
    let mut named = message.clone();
    for (name, _) in BUILT_IN {
        if let Some(file) = set.file(name) {
            let file = file.display();
            for (built_in, teachers) in [
                (format!("at {name}:"), format!("at {file}:")),
                (format!("'{name}'"), format!("'{file}'")),
                (format!("\"{name}\""), format!("\"{file}\"")),
            ] {
                named = named.replace(&built_in, &teachers);
            }
        }
    }
    // A teacher's template that fails is bad input (exit 2); a built-in one, a bug (exit 1).
    let note = missing_component(message, options, set).map(|file| {
        format!(
            ": {} does not define it (a template of an older handprop?); the built-in one does: \
             write them with `handprop templates --out DIR` and carry your changes over",
            file.display()
        )
    });
    match (named == *message, note) {
        (true, None) => error,
        (_, note) => Error::UserTemplate(named + &note.unwrap_or_default()),
    }
}

/// The teacher's file that replaces the built-in template (of those a renderer of `options` parses)
/// defining the component an error says is unknown (`Unknown component \`ex.canvas_answers\``), if
/// the teacher replaced it.
fn missing_component<'s>(
    message: &str,
    options: &Options,
    set: &'s TemplateSet,
) -> Option<&'s std::path::Path> {
    let (_, rest) = message.split_once("Unknown component `")?;
    let (component, _) = rest.split_once('`')?;
    let definition = format!("{{% component {component}(");
    let used = Renderer::sources(&Options {
        templates: None,
        ..*options
    });
    (used.into_iter())
        .filter(|(_, text)| text.contains(&definition))
        .find_map(|(name, _)| set.file(name))
}

/// A tera error as one line: its message, each cause, and where (`at NAME:LINE:COLUMN`), without the
/// excerpt of the template that tera draws below it.
pub(super) fn template_error(error: tera::Error) -> Error {
    use std::error::Error as _;
    let mut message = one_line(&error.to_string());
    let mut cause = error.source();
    while let Some(inner) = cause {
        message.push_str(": ");
        message.push_str(&one_line(&inner.to_string()));
        cause = inner.source();
    }
    Error::Template(message)
}

/// One of tera's reports (`message`, then ` --> name:line:column` and the lines of the template with a
/// caret) as `message at name:line:column`.
fn one_line(report: &str) -> String {
    let report = report.strip_prefix("error: ").unwrap_or(report);
    let mut lines = report.lines().map(str::trim);
    let mut message = lines.next().unwrap_or_default().to_owned();
    if let Some(place) = lines.find_map(|line| line.strip_prefix("--> ")) {
        message.truncate(message.trim_end_matches('.').len());
        message.push_str(" at ");
        message.push_str(place);
    }
    message
}
