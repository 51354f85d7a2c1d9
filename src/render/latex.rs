//! LaTeX output: escaping the text a user gives (title, author, date), so that it prints literally in
//! text mode under both pdflatex (T1 fonts) and xelatex (ctex); and the worked solution as a page of a
//! combined sheet (an exercise set's `answers.tex`), drawn once as a [`Skeleton`] for many traces; lines
//! too long for TeX's buffer broken ([`break_long_lines`]).

use super::skeleton::{Filled, Marks, Skeleton};
use super::templates::Renderer;
use super::{Document, Figures, Options, tidy};
use crate::derivation::Derivation;
use crate::error::Result;
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
    Skeleton::new(
        placeholders,
        direct,
        "document.tex",
        |marks| part(sample, &derivation, direct.options(), marks),
        tidy,
    )
}

/// The page of `trace` from a [`part_skeleton`], its figures' holes still to fill.
pub fn fill_part(skeleton: &Skeleton, trace: &Trace, options: &Options) -> Result<Filled> {
    let derivation = Derivation::in_notation(trace, options.notation, options.precision);
    skeleton.fill(&part(trace, &derivation, options, Marks::FIRST))
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

/// True when pdflatex (an English document: `article`, OT1 fonts) can set `c`: ASCII, the accented
/// letters of Latin-1, and the typographic dashes, quotes and ellipsis.
fn pdflatex_sets(c: char) -> bool {
    c.is_ascii()
        || ('\u{C0}'..='\u{FF}').contains(&c)
        || matches!(c, '–' | '—' | '‘' | '’' | '“' | '”' | '…')
}

/// True when an English document of a title, author and date `texts` must be compiled by xelatex (with
/// fonts for Chinese, Japanese, Korean and a fallback for the rest, see [`escape_for_xelatex`]): one of
/// them holds a character pdflatex cannot set. Decided here, once, for the preamble and the engine.
pub fn needs_xelatex<'t>(texts: impl IntoIterator<Item = &'t str>) -> bool {
    texts
        .into_iter()
        .any(|text| !text.chars().all(pdflatex_sets))
}

/// True when the document in `lang` of this title, author and date is compiled by xelatex although it
/// is English (see [`needs_xelatex`]); Chinese documents always are.
pub fn english_by_xelatex(lang: super::Lang, texts: [&Option<String>; 3]) -> bool {
    english_texts_by_xelatex(lang, texts.into_iter().flatten().map(String::as_str))
}

/// True when an English document holding the user's `texts` (a title, author and date; the names and
/// ids of a roster's students on exercise sheets) is compiled by xelatex: the one place the engine of
/// a LaTeX document is decided, for `render` and `exercises` alike ([`crate::pdf::engine_for`]).
pub fn english_texts_by_xelatex<'t>(
    lang: super::Lang,
    texts: impl IntoIterator<Item = &'t str>,
) -> bool {
    lang == super::Lang::En && needs_xelatex(texts)
}

/// Where xelatex finds `c` in an English document: the main font (Latin Modern: Latin), xeCJK's
/// (FandolSong: Chinese, Japanese), or the fallback (DejaVu Sans: Greek, Cyrillic, Hebrew, Arabic,
/// symbols, emoji).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Main,
    Cjk,
    Fallback { right_to_left: bool },
}

fn script(c: char) -> Script {
    match u32::from(c) {
        0..=0x24F | 0x2000..=0x206F => Script::Main,
        0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF => Script::Cjk,
        0x590..=0x8FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF => Script::Fallback {
            right_to_left: true,
        },
        _ => Script::Fallback {
            right_to_left: false,
        },
    }
}

/// `text` escaped as [`escape`] does, for an English document compiled by xelatex: each run of
/// characters that neither Latin Modern nor xeCJK's font has is set in the fallback font
/// (`\handpropfallback`, which the preamble defines; where it is not defined, as in a fragment
/// `\input` elsewhere, the run is set in the surrounding font), a right-to-left run (Hebrew, Arabic)
/// from right to left (`\beginR … \endR`).
pub fn escape_for_xelatex(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 16);
    let mut run: Option<bool> = None;
    for c in text.chars() {
        let here = match script(c) {
            Script::Fallback { right_to_left } => Some(right_to_left),
            _ => None,
        };
        if here != run {
            close_run(run, &mut escaped);
            if let Some(right_to_left) = here {
                escaped.push_str("{\\csname handpropfallback\\endcsname ");
                if right_to_left {
                    escaped.push_str("\\beginR ");
                }
            }
            run = here;
        }
        escaped.push_str(&escape(c.encode_utf8(&mut [0; 4])));
    }
    close_run(run, &mut escaped);
    escaped
}

fn close_run(run: Option<bool>, escaped: &mut String) {
    match run {
        Some(true) => escaped.push_str("\\endR}"),
        Some(false) => escaped.push('}'),
        None => {}
    }
}

/// The longest line of LaTeX handprop writes, in bytes: TeX reads a line whole into a buffer of
/// 200,000 characters (TeX Live's `buf_size`), so a longer line stops the engine ("unable to read an
/// entire line"). Lines past this are broken ([`break_long_lines`]); none of a document of the seed's
/// size comes near it.
pub const MAX_LINE: usize = 100_000;

/// `tex` with every line longer than [`MAX_LINE`] bytes broken at spaces into lines of at most about
/// that length. A line break reads as the space it replaces, so the document sets the same; no break
/// is made after a comment's `%`, at a control space (`\ `), or where only spaces would follow (an
/// empty line is a new paragraph).
pub fn break_long_lines(tex: String) -> String {
    if tex.split('\n').all(|line| line.len() <= MAX_LINE) {
        return tex;
    }
    let mut broken = String::with_capacity(tex.len() + tex.len() / MAX_LINE + 1);
    for line in tex.split_inclusive('\n') {
        if line.len() <= MAX_LINE {
            broken.push_str(line);
        } else {
            break_line(line, &mut broken);
        }
    }
    broken
}

/// One long line, broken at spaces (see [`break_long_lines`]) and pushed to `broken`.
fn break_line(line: &str, broken: &mut String) {
    let bytes = line.as_bytes();
    let mut start = 0;
    let mut backslashes = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        match byte {
            b'%' if backslashes % 2 == 0 => break, // a comment: the rest of the line stays as it is
            b' ' if backslashes % 2 == 0
                && i - start >= MAX_LINE / 2
                && bytes[i + 1..].iter().any(|b| !b" \r\n".contains(b)) =>
            {
                broken.push_str(&line[start..i]);
                broken.push('\n');
                start = i + 1;
            }
            _ => {}
        }
        backslashes = if byte == b'\\' { backslashes + 1 } else { 0 };
    }
    broken.push_str(&line[start..]);
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
    fn other_scripts_are_set_in_the_fallback_font_for_xelatex() {
        use super::{escape_for_xelatex, needs_xelatex};
        assert!(!needs_xelatex(["Café – “Notes”", "Zoë Müller"]));
        assert!(needs_xelatex(["Notes", "手推"]));
        assert!(needs_xelatex(["😀"]));
        assert_eq!(escape_for_xelatex("Café 手推 & x"), r"Café 手推 \& x");
        assert_eq!(
            escape_for_xelatex("a😀b"),
            r"a{\csname handpropfallback\endcsname 😀}b"
        );
        assert_eq!(
            escape_for_xelatex("x שלום y"),
            r"x {\csname handpropfallback\endcsname \beginR שלום\endR} y"
        );
    }

    #[test]
    fn long_lines_are_broken_at_spaces_outside_comments() {
        use super::{MAX_LINE, break_long_lines};
        let short = "a b c\n".repeat(10);
        assert_eq!(break_long_lines(short.clone()), short);
        let word = "$w_{1} = 0.5$, ";
        let long = word.repeat(2 * MAX_LINE / word.len());
        let tex = format!("x\n{long}\\ %{long}\ny\n");
        let broken = break_long_lines(tex.clone());
        assert_eq!(broken.replace('\n', " "), tex.replace('\n', " "));
        let lines: Vec<&str> = broken.lines().collect();
        assert!(lines.len() > 3, "{}", lines.len());
        assert!(
            lines[1..lines.len() - 2]
                .iter()
                .all(|l| l.len() <= MAX_LINE && !l.is_empty())
        );
        let last = lines[lines.len() - 2];
        assert!(
            last.ends_with(&format!("\\ %{long}")),
            "the comment is whole"
        );
        assert!(
            lines.iter().all(|l| !l.ends_with('\\')),
            "no control space is broken"
        );
    }

    #[test]
    fn a_backslash_command_is_not_run() {
        case(
            r"\input{/etc/passwd}",
            r"\textbackslash{}input\{/etc/passwd\}",
        );
    }
}
