//! LaTeX output: escaping the text a user gives (title, author, date), so that it prints literally in
//! text mode under both pdflatex (T1 fonts) and xelatex (ctex); and the worked solution as a page of a
//! combined sheet (an exercise set's `answers.tex`), drawn once as a [`Skeleton`] for many traces.

use super::skeleton::{Filled, Marks, Skeleton};
use super::templates::Renderer;
use super::{Document, Figures, Options, tidy};
use crate::derivation::Derivation;
use crate::error::{Error, Result};
use crate::trace::Trace;

/// The worked solution's LaTeX body, to set as a page of a standalone document whose preamble is the
/// templates' `fmt.preamble`, prepared for many traces of the shape of `sample`: `placeholders` and
/// `direct` are [`Renderer::with_placeholders`] and [`Renderer::new`] of the same LaTeX options. Its
/// figures are [`Figures::marked`]: each page puts its own TikZ in place of the marks.
pub fn part_skeleton(
    placeholders: &Renderer,
    direct: &Renderer,
    sample: &Trace,
) -> Result<Skeleton> {
    let options = direct.options();
    let derivation = Derivation::in_notation(sample, options.notation, options.precision);
    let marks = placeholders.marks().ok_or_else(|| {
        Error::Template("a skeleton is drawn by a renderer with placeholders".into())
    })?;
    Skeleton::new(
        placeholders,
        direct,
        "document.tex",
        &part(sample, &derivation, direct.options(), marks),
        tidy,
    )
}

/// The page of `trace` from a [`part_skeleton`], its figures' holes still to fill.
pub fn fill_part(skeleton: &Skeleton, trace: &Trace, options: &Options) -> Result<Filled> {
    let derivation = Derivation::in_notation(trace, options.notation, options.precision);
    skeleton.fill(&part(trace, &derivation, options, skeleton.marks()))
}

fn part<'a>(
    trace: &'a Trace,
    derivation: &'a Derivation,
    options: &Options,
    marks: Marks,
) -> Document<'a> {
    Document {
        fragment: true,
        part: true,
        figures: Figures::marked(false, marks),
        ..Document::new(trace, derivation, options)
    }
}

/// `text` escaped for LaTeX's text mode: the ten special characters `& % $ # _ { } ~ ^ \` get the commands
/// that print them, line breaks become spaces, and `<`, `>`, `|` (which some font encodings print as
/// other glyphs) get their text commands.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                escaped.push('\\');
                escaped.push(c);
            }
            '~' => escaped.push_str("\\textasciitilde{}"),
            '^' => escaped.push_str("\\textasciicircum{}"),
            '\\' => escaped.push_str("\\textbackslash{}"),
            '<' => escaped.push_str("\\textless{}"),
            '>' => escaped.push_str("\\textgreater{}"),
            '|' => escaped.push_str("\\textbar{}"),
            '\n' | '\r' => escaped.push(' '),
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[track_caller]
    fn case(text: &str, expected: &str) {
        assert_eq!(escape(text), expected);
    }

    #[test]
    fn every_special_character_prints_literally() {
        case(
            "& % $ # _ { } ~ ^ \\",
            r"\& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} \textbackslash{}",
        );
        case("a<b>c|d", r"a\textless{}b\textgreater{}c\textbar{}d");
    }

    #[test]
    fn plain_text_and_chinese_are_kept_and_lines_joined() {
        case("手推神经网络", "手推神经网络");
        case("Notes, week 3", "Notes, week 3");
        case("two\nlines", "two lines");
    }

    #[test]
    fn a_backslash_command_is_not_run() {
        case(
            r"\input{/etc/passwd}",
            r"\textbackslash{}input\{/etc/passwd\}",
        );
    }
}
