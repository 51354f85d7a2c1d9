//! `-f pdf`: the LaTeX document compiled by TeX Live in a temporary folder, the PDF then moved into place
//! whole (or not at all). zh is compiled by xelatex (ctexart), en by pdflatex; through latexmk when it is
//! installed, else by running the engine twice (for the page references of `\maketitle` and friends).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::publish::{Commit, Theirs, place, temporary};
use crate::render::Lang;

/// The Debian packages that give every engine handprop uses.
pub const DEBIAN_PACKAGES: &str = "texlive-xetex texlive-lang-chinese texlive-latex-extra";

/// The extra words of memory each engine gets, at the top and at the bottom of its main memory (TeX Live
/// reads `extra_mem_top` and `extra_mem_bot` from the environment): the network figure of the largest
/// network handprop takes (20,000 weights, each labelled) is read whole into a box, past the 5,000,000
/// words TeX Live gives by default. Memory only: the PDF is the same.
const EXTRA_MEMORY: &str = "20000000";

/// The name of the document in the temporary folder.
const JOB: &str = "handprop";

/// The start of the temporary folders' names (in the system's temporary folder).
const TEX_PREFIX: &str = "handprop-tex-";

/// A compiled document: the PDF and the engine's log.
#[derive(Debug, Clone)]
pub struct Compiled {
    /// The PDF file's bytes.
    pub pdf: Vec<u8>,
    /// The engine's `.log` of the last run (for warnings such as `Overfull \hbox`).
    pub log: String,
}

/// The engine for a language: xelatex for zh (ctexart), pdflatex for en.
pub fn engine(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "xelatex",
        Lang::En => "pdflatex",
    }
}

/// The engine for a document of `lesson` in `lang`: [`engine`], except xelatex for an English one
/// whose title, author or date pdflatex cannot set (its LaTeX then loads the fonts xelatex needs).
pub fn engine_for(lang: Lang, lesson: &crate::lesson::Lesson) -> &'static str {
    let texts = [&lesson.title, &lesson.author, &lesson.date];
    if crate::render::latex::english_by_xelatex(lang, texts) {
        "xelatex"
    } else {
        engine(lang)
    }
}

/// Where `program` is on the `PATH`, if anywhere.
fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|file| file.is_file())
}

/// The latest date TeX's engines print: the end of the year 9999, in seconds since 1970.
const LAST_EPOCH: u64 = 253_402_300_799;

/// The date of the PDF, as `SOURCE_DATE_EPOCH` for the engines: the same document gives the same PDF,
/// its dates (and the file's ID) the user's `SOURCE_DATE_EPOCH` when set, else the start of 1970. A
/// value that is no such date is bad input, named before TeX runs.
pub fn source_date_epoch() -> Result<String> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok("0".to_owned());
    };
    let seconds = value
        .to_str()
        .filter(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&s| s <= LAST_EPOCH);
    match seconds {
        Some(seconds) => Ok(seconds.to_string()),
        None => Err(Error::Usage(format!(
            "SOURCE_DATE_EPOCH={} is not a date for the PDF: set it to the whole seconds since 1970-01-01 UTC (such as 1700000000, at most {LAST_EPOCH}) or unset it",
            value.to_string_lossy().escape_debug()
        ))),
    }
}

/// Compiles the standalone LaTeX document `tex` in a temporary folder.
pub fn build(tex: &str, lang: Lang) -> Result<Compiled> {
    build_with(tex, engine(lang))
}

/// Compiles the standalone LaTeX document `tex` with `engine` (`xelatex` or `pdflatex`).
pub fn build_with(tex: &str, engine: &'static str) -> Result<Compiled> {
    let epoch = source_date_epoch()?;
    if find(engine).is_none() {
        return Err(Error::MissingEngine {
            engine: engine.to_owned(),
            packages: DEBIAN_PACKAGES,
        });
    }
    let failed = |detail: String| Error::Engine {
        engine: engine.to_owned(),
        detail,
    };
    temporary::sweep(&std::env::temp_dir(), TEX_PREFIX);
    let folder = temporary::Temporary::make(|| {
        let made = tempfile::Builder::new()
            .prefix(&temporary::prefix(TEX_PREFIX))
            .tempdir()?;
        Ok(made.keep())
    })
    .map_err(|e| failed(format!("cannot make a temporary folder: {e}")))?;
    let source = folder.path().join(format!("{JOB}.tex"));
    std::fs::write(&source, tex)
        .map_err(|e| failed(format!("cannot write {}: {e}", source.display())))?;

    let flags = [
        "-interaction=nonstopmode",
        "-halt-on-error",
        "-file-line-error",
    ];
    let runs: Vec<Command> = if find("latexmk").is_some() {
        let mut latexmk = Command::new("latexmk");
        latexmk
            .arg(if engine == "xelatex" {
                "-xelatex"
            } else {
                "-pdf"
            })
            .arg("-quiet")
            .args(flags);
        vec![latexmk]
    } else {
        (0..2)
            .map(|_| {
                let mut run = Command::new(engine);
                run.args(flags);
                run
            })
            .collect()
    };
    for mut run in runs {
        temporary::dies_with_us(&mut run);
        let child = run
            .arg(format!("{JOB}.tex"))
            .env("SOURCE_DATE_EPOCH", &epoch)
            .env("FORCE_SOURCE_DATE", "1")
            .env("extra_mem_top", EXTRA_MEMORY)
            .env("extra_mem_bot", EXTRA_MEMORY)
            .current_dir(folder.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| failed(format!("cannot run it: {e}")))?;
        let mut child = child;
        let _group = temporary::Group::watch(child.id());
        let status = child
            .wait()
            .map_err(|e| failed(format!("cannot run it: {e}")))?;
        if !status.success() {
            let log = std::fs::read_to_string(folder.path().join(format!("{JOB}.log")))
                .unwrap_or_default();
            if log.trim().is_empty() {
                return Err(failed(format!(
                    "  (it stopped with {status} and wrote no log)"
                )));
            }
            return Err(failed(excerpt(&log)));
        }
    }
    let pdf = std::fs::read(folder.path().join(format!("{JOB}.pdf")))
        .map_err(|e| failed(format!("it made no PDF ({e})")))?;
    let log = std::fs::read_to_string(folder.path().join(format!("{JOB}.log"))).unwrap_or_default();
    Ok(Compiled { pdf, log })
}

/// Compiles `tex` and writes the PDF to `path` (through a temporary file and a rename).
pub fn compile(tex: &str, lang: Lang, path: &Path) -> Result<()> {
    compile_with(tex, engine(lang), path)
}

/// Compiles `tex` with `engine` and writes the PDF to `path` (in one commit: whole, or not at all).
pub fn compile_with(tex: &str, engine: &'static str, path: &Path) -> Result<()> {
    place::file_target(path, "-o")?;
    let compiled = build_with(tex, engine)?;
    if let Some(problem) = missing_character(&compiled.log, tex) {
        return Err(Error::Usage(problem));
    }
    let mut commit = Commit::files(false);
    commit.put(path, "-o", &compiled.pdf, Theirs::Replace)?;
    commit.publish()
}

/// What is wrong when the engine's `log` says a character of `tex` is in no font it was set in (TeX then
/// prints nothing for it, and goes on): the character, the font, and the line of the LaTeX that holds it.
pub fn missing_character(log: &str, tex: &str) -> Option<String> {
    let line = log
        .lines()
        .find_map(|line| line.strip_prefix("Missing character: There is no "))?;
    let (character, rest) = match line.split_once(" (U+") {
        Some((character, rest)) => (character, rest.split_once(") ").map_or("", |(_, r)| r)),
        None => line.split_once(' ').unwrap_or((line, "")),
    };
    let font = rest
        .strip_prefix("in font ")
        .map(|f| f.split(['/', ':', '!']).next().unwrap_or(f).trim())
        .unwrap_or("its font");
    let code = character
        .chars()
        .next()
        .filter(|_| character.chars().count() == 1)
        .map(|c| format!(" (U+{:04X})", u32::from(c)))
        .unwrap_or_default();
    let place = (tex.lines().enumerate())
        .find(|(_, l)| !character.is_empty() && l.contains(character))
        .map(|(n, l)| {
            let shown: String = l.trim().chars().take(80).collect();
            format!(" in line {} of the LaTeX, `{shown}`", n + 1)
        })
        .unwrap_or_default();
    Some(format!(
        "the character {character}{code}{place} is in no font installed for it ({font}), so the PDF would show nothing there; leave it out of the title, author, date or roster, or use -f html or -f md"
    ))
}

/// The lines of a TeX log that tell what went wrong: each error (`! …` or `file:line: …`) with the two
/// lines after it (TeX's context); when there is none, the log's last lines.
pub fn excerpt(log: &str) -> String {
    let lines: Vec<&str> = log.lines().collect();
    let is_error =
        |line: &&str| line.starts_with('!') || line.contains(".tex:") && line.contains(": ");
    let mut picked = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if is_error(line) {
            picked.extend(lines[i..(i + 3).min(lines.len())].iter().copied());
        }
    }
    if picked.is_empty() {
        picked = lines[lines.len().saturating_sub(12)..].to_vec();
    }
    picked.truncate(24);
    picked
        .iter()
        .map(|line| format!("  {line}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn the_excerpt_is_the_error_and_its_context() {
        let log = "This is XeTeX\n(./handprop.tex\n./handprop.tex:12: Undefined control sequence.\nl.12 \\foo\n\n\
                   more\nOutput written";
        let text = excerpt(log);
        assert!(
            text.contains("handprop.tex:12: Undefined control sequence."),
            "{text}"
        );
        assert!(text.contains("l.12 \\foo"), "{text}");
        assert!(!text.contains("Output written"), "{text}");
    }

    #[test]
    fn a_missing_character_is_named_with_its_font_and_line() {
        let log = "x\nMissing character: There is no \u{1f980} (U+1F980) in font DejaVu Sans/OT:script=latn;l\nanguage=dflt;!\n";
        let tex =
            "\\title{A}\n\\author{Zo\u{eb} {\\csname handpropfallback\\endcsname \u{1f980}}}\n";
        assert_eq!(
            super::missing_character(log, tex).unwrap(),
            "the character \u{1f980} (U+1F980) in line 2 of the LaTeX, `\\author{Zo\u{eb} {\\csname handpropfallback\\endcsname \u{1f980}}}` is in no font installed for it (DejaVu Sans), so the PDF would show nothing there; leave it out of the title, author, date or roster, or use -f html or -f md"
        );
        assert_eq!(super::missing_character("all well\n", tex), None);
    }

    #[test]
    fn without_an_error_line_the_excerpt_is_the_end_of_the_log() {
        let log = (1..=30)
            .map(|n| format!("line {n}"))
            .collect::<Vec<_>>()
            .join("\n");
        let text = excerpt(&log);
        assert!(
            text.contains("line 30") && text.contains("line 19") && !text.contains("line 18"),
            "{text}"
        );
    }
}
