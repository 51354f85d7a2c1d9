//! The command line (clap derive): raw arguments become a validated request in one place, and errors
//! are printed once with one exit-code policy (2 for bad input, 1 for other failures).

use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal;

use crate::error::{Error, Result};
use crate::network::Network;
use crate::number::Precision;
use crate::render::{self, Format, Lang, Options};
use crate::training::MAX_STEPS;
use crate::{exercise, output, pdf, spec};

/// Worked solutions of neural-network backpropagation, by hand.
#[derive(Debug, Parser)]
#[command(name = "handprop", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// handprop's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the worked solution of one training step of a network.
    Render(RenderArgs),
    /// Write exercise sheets with new numbers: variants of a network, question and answer sheets, a key.
    Exercises(ExercisesArgs),
}

/// `handprop render`.
#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// The network file (TOML); without it, the seed's network (examples/mazur.toml).
    pub network: Option<PathBuf>,
    /// The output format.
    #[arg(short, long, value_enum, default_value_t = Format::Md)]
    pub format: Format,
    /// The document's language.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// How numbers are printed: `full` (the shortest decimal that round-trips) or N decimal places.
    #[arg(long, default_value = "full")]
    pub precision: Precision,
    /// Add a training section: the total error along N steps of gradient descent (1 to 10,000,000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_STEPS as u64))]
    pub steps: Option<u64>,
    /// Add a gradient check: every ∂E/∂w and ∂E/∂b beside its central finite difference.
    #[arg(long)]
    pub check: bool,
    /// Write to this file instead of stdout (written whole, or not at all).
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
    /// `handprop exercises --carry-rounded` does.
    #[arg(long)]
    pub carry_rounded: bool,
}

/// `handprop exercises`.
#[derive(Debug, clap::Args)]
pub struct ExercisesArgs {
    /// The base network (TOML) whose shape the variants take; without it, the seed's 2-2-2 network.
    pub base: Option<PathBuf>,
    /// How many variants (1 to 1,000,000).
    #[arg(long)]
    pub count: usize,
    /// The seed of the draws; without it, one is drawn, printed and written into the key.
    #[arg(long)]
    pub seed: Option<u64>,
    /// The sheets' language.
    #[arg(long, value_enum, default_value_t = Lang::Zh)]
    pub lang: Lang,
    /// The sheets' format.
    #[arg(short, long, value_enum, default_value_t = SheetFormat::Md)]
    pub format: SheetFormat,
    /// Decimal places of every printed number and every answer.
    #[arg(long, default_value = "4")]
    pub precision: Precision,
    /// Round every intermediate to the precision before it is used, so each line can be checked by hand.
    #[arg(long)]
    pub carry_rounded: bool,
    /// The folder to write the set into (made whole, or left as it was).
    #[arg(long)]
    pub out: PathBuf,
    /// Write into --out even though it holds files handprop did not write (they are kept).
    #[arg(long)]
    pub force: bool,
    /// Also write a Moodle quiz (question XML) to this file: one cloze question per variant.
    #[arg(long, value_name = "FILE")]
    pub moodle: Option<PathBuf>,
}

/// The formats of exercise sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SheetFormat {
    /// Markdown, as `handprop render` writes it.
    Md,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Render(args) => {
            let mut network = match &args.network {
                Some(path) => spec::load(path)?,
                None => spec::seed(),
            };
            network.title = args.title.or(network.title);
            network.author = args.author.or(network.author);
            if args.fragment && args.format != Format::Tex {
                return Err(Error::Usage(
                    "--fragment goes with -f tex only; add -f tex or drop --fragment".into(),
                ));
            }
            let options = Options {
                format: args.format,
                lang: args.lang,
                precision: args.precision,
                steps: args.steps.map(|n| n as usize),
                check: args.check,
                fragment: args.fragment,
                carry_rounded: args.carry_rounded,
            };
            match (args.format, args.output.as_deref()) {
                (Format::Pdf, None) => Err(Error::Usage(
                    "-f pdf needs a file to write: add -o FILE.pdf (or use -f tex to print LaTeX)"
                        .into(),
                )),
                (Format::Pdf, Some(path)) => {
                    pdf::compile(&render::render(&network, &options)?, args.lang, path)
                }
                (Format::Md, Some(path)) => write_markdown(&network, &options, path),
                (_, path) => output::emit(path, &render::render(&network, &options)?),
            }
        }
        Command::Exercises(args) => exercises(args),
    }
}

/// Writes a Markdown document to `path` and its figures beside it (`notes.md`: `notes.network.svg`, …),
/// the figures first, so that the document never links to a file that is not there.
fn write_markdown(network: &Network, options: &Options, path: &Path) -> Result<()> {
    let folder = output::check_folder(path)?;
    let stem = path
        .file_stem()
        .map_or_else(|| "figure".into(), |s| s.to_string_lossy());
    let rendered = render::render_files(network, options, Some(&stem))?;
    for figure in &rendered.figures {
        output::write_file(&folder.join(&figure.name), &figure.svg)?;
    }
    output::write_file(path, &rendered.document)
}

fn exercises(args: ExercisesArgs) -> Result<()> {
    let (base, base_name) = match &args.base {
        Some(path) => (spec::load(path)?, path.display().to_string()),
        None => (spec::seed(), spec::SEED_NAME.to_owned()),
    };
    exercise::check(args.count, args.precision)?;
    let seed = args.seed.unwrap_or_else(|| {
        let seed = fresh_seed();
        eprintln!("handprop: seed {seed} (give --seed {seed} to make this set again)");
        seed
    });
    let settings = exercise::Settings {
        count: args.count,
        seed,
        options: Options {
            format: Format::Md,
            lang: args.lang,
            precision: args.precision,
            ..Options::default()
        },
        carry_rounded: args.carry_rounded,
        out: args.out,
        force: args.force,
        moodle: args.moodle,
        base_name,
    };
    let progress = if std::io::stderr().is_terminal() && settings.count >= 1000 {
        let style =
            ProgressStyle::with_template("{bar:40} {pos}/{len} variants, {per_sec}, {eta} left")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
        ProgressBar::new(settings.count as u64).with_style(style)
    } else {
        ProgressBar::hidden()
    };
    let result = exercise::write_set(&base, &settings, &progress);
    progress.finish_and_clear();
    result.map(|_| ())
}

/// A seed from the operating system's randomness (through the standard library's hasher keys).
fn fresh_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    hasher.finish()
}
