//! `handprop render`: the worked solution of one step of one network, in any format.

use std::path::{Path, PathBuf};

use super::{FormatArg, LangArg, NotationArg};
use crate::error::{Error, Result};
use crate::lesson::Lesson;
use crate::number::Precision;
use crate::publish::figures::{FIGURES, Figures};
use crate::publish::owned::Owner;
use crate::publish::{self, Commit, Theirs, place};
use crate::render::{self, Delivery, Format, Options};
use crate::training::MAX_STEPS;
use crate::{pdf, spec};

/// `handprop render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The network file (TOML); without it, the seed's network (examples/mazur.toml).
    pub network: Option<PathBuf>,
    /// The output format.
    #[arg(short, long, value_enum, default_value_t = FormatArg::Md)]
    pub format: FormatArg,
    /// The document's language [default: the network file's `[document]` lang, else zh].
    #[arg(long, value_enum)]
    pub lang: Option<LangArg>,
    /// How the step is written: neuron by neuron (`scalar`, the seed's way) or layer by layer as
    /// vectors and matrices (`matrix`).
    #[arg(long, value_enum, default_value_t = NotationArg::Scalar)]
    pub notation: NotationArg,
    /// Show the backward-pass figure (each neuron's δ, each edge's ∂E/∂w) in scalar notation too;
    /// matrix notation always shows it.
    #[arg(long)]
    pub backward_figure: bool,
    /// How numbers are printed: `full` (the shortest decimal that round-trips) or N decimal places
    /// [default: the network file's `[document]` precision, else full].
    #[arg(long)]
    pub precision: Option<Precision>,
    /// Add a training section: the total error along N steps of gradient descent (1 to 10,000,000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_STEPS as u64))]
    pub steps: Option<u64>,
    /// Add a gradient check: every ∂E/∂w and ∂E/∂b beside its central finite difference.
    #[arg(long)]
    pub check: bool,
    /// A folder of your own templates (see `handprop templates`), used in place of the built-in ones.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Write figure files beside `-o FILE.md` (FILE.network.svg, …) even where files that handprop did
    /// not draw have their names: those are kept as FILE.network.yours.svg, … (`-o FILE` itself is
    /// always replaced: naming it is consent).
    #[arg(long)]
    pub force: bool,
    /// Write to this file instead of stdout (written whole, or not at all; `-` is stdout).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// With `-f tex`: write only the document's body, to `\input` into your own notes.
    #[arg(long)]
    pub fragment: bool,
    /// The document's title (instead of the network file's `title`).
    #[arg(long)]
    pub title: Option<String>,
    /// The document's author (instead of the network file's `author`).
    #[arg(long)]
    pub author: Option<String>,
    /// Round every intermediate to the precision before it is used (needs --precision N), as
    /// `handprop exercises --carry-rounded` does [default: the network file's `[document]`
    /// carry_rounded, when the precision is N places].
    #[arg(long, overrides_with = "no_carry_rounded")]
    pub carry_rounded: bool,
    /// Do not round the intermediates, even when the network file's `[document]` asks for it.
    #[arg(long, overrides_with = "carry_rounded")]
    pub no_carry_rounded: bool,
}

/// Runs `handprop render`.
pub fn run(args: RenderArgs) -> Result<()> {
    let format: Format = args.format.into();
    let mut network = match &args.network {
        Some(path) => {
            place::input(path);
            spec::load(path)?
        }
        None => spec::seed_lesson(),
    };
    crate::limits::check_option("--title", args.title.as_deref())?;
    crate::limits::check_option("--author", args.author.as_deref())?;
    network.title = args.title.or(network.title);
    network.author = args.author.or(network.author);
    if args.fragment && !format.takes_fragment() {
        return Err(Error::Usage(
            "--fragment goes with -f tex only; add -f tex or drop --fragment".into(),
        ));
    }
    if format.is_latex()
        && let Some(problem) = crate::limits::latex_problem(&network.network)
    {
        let name = args
            .network
            .as_deref()
            .map_or_else(|| spec::SEED_NAME.to_owned(), |p| p.display().to_string());
        return Err(Error::Usage(format!("{name}: {problem}")));
    }
    let defaults = network.document;
    let precision = defaults.precision(args.precision);
    let lang = defaults.lang(args.lang.map(Into::into));
    let options = Options {
        format,
        lang,
        precision,
        steps: args.steps.map(|n| n as usize),
        check: args.check,
        fragment: args.fragment,
        carry_rounded: defaults.carry_rounded(
            super::flag(args.carry_rounded, args.no_carry_rounded),
            precision,
        ),
        templates: super::templates(args.templates.as_deref())?,
        notation: args.notation.into(),
        backward_figure: args.backward_figure,
    };
    let target = match args.output.as_deref() {
        Some(path) => Some((path, place::file_target(path, "-o")?)),
        None => None,
    };
    match (format.delivery(), target) {
        (Delivery::Compiled, None) => Err(Error::Usage(
            "-f pdf needs a file to write: add -o FILE.pdf (or use -f tex to print LaTeX)".into(),
        )),
        (Delivery::Compiled, Some((path, _))) => {
            let tex = render::render(&network, &options)?;
            pdf::compile_with(&tex, pdf::engine_for(lang, &network), path)
        }
        (Delivery::WithFigureFiles, Some((path, place::FileTarget::Replace(at)))) => {
            write_markdown(&network, &options, path, &at, args.force)
        }
        (_, target) => emit(
            target.map(|(path, _)| path),
            &render::render(&network, &options)?,
        ),
    }
}

/// Writes `text` to stdout, or to `path` when one is given (in one commit: whole, or not at all).
pub fn emit(path: Option<&Path>, text: &str) -> Result<()> {
    let Some(path) = path else {
        return publish::to_stdout(text.as_bytes());
    };
    let mut commit = Commit::files(false);
    commit.put(path, "-o", text.as_bytes(), Theirs::Replace)?;
    commit.publish()
}

/// Writes a Markdown document to `path` (at `at`, links followed) and its figures beside it
/// (`notes.md`: `notes.network.svg`, …), all in one commit.
fn write_markdown(
    network: &Lesson,
    options: &Options,
    path: &Path,
    at: &place::Place,
    force: bool,
) -> Result<()> {
    let folder = at.folder.as_path();
    let stem = Path::new(&at.name).file_stem().unwrap_or("figure".as_ref());
    let rendered = render::render_files(network, options, Some(stem))?;
    let mut commit = Commit::files(force);
    // two runs writing documents in one folder take turns, so that neither loses the other's figures
    // from the manifest
    let _lock = publish::Lock::on(folder, true);
    let mut manifest = Figures::read(folder)?;
    for figure in &rendered.figures {
        let file = folder.join(&figure.name);
        if std::fs::symlink_metadata(&file).is_ok_and(|m| m.is_symlink()) {
            return Err(Error::Usage(format!(
                "{} is a link, and handprop writes figures only as files of their own (never through \
                 a link); remove the link or choose another -o",
                file.display()
            )));
        }
        let theirs = manifest.owner(folder, &figure.name) == Some(Owner::Teacher);
        if theirs && !force {
            return Err(Error::Usage(format!(
                "{} exists and handprop did not write it (or it was changed since); move it, choose \
                 another -o, or give --force to keep it under another name",
                file.display()
            )));
        }
        let theirs = if theirs {
            Theirs::Backup
        } else {
            Theirs::Replace
        };
        commit.put(&file, "-o", figure.svg.as_bytes(), theirs)?;
        manifest.wrote(&figure.name, figure.svg.as_bytes());
    }
    if !rendered.figures.is_empty() {
        let written: Vec<&std::ffi::OsStr> = rendered
            .figures
            .iter()
            .map(|f| f.name.as_os_str())
            .collect();
        let text = manifest.text(folder, &written);
        commit.put(&folder.join(FIGURES), "-o", &text, Theirs::Replace)?;
    }
    commit.put(path, "-o", rendered.document.as_bytes(), Theirs::Replace)?;
    commit.publish()
}
