//! The command line (clap derive): raw arguments become a validated request in one place, and errors
//! are printed once with one exit-code policy (2 for bad input, 1 for other failures).

mod exercises;
mod render;
mod site;
mod values;

use clap::{Parser, Subcommand};

use crate::error::Result;
use crate::render::overrides::TemplateSet;
pub use exercises::ExercisesArgs;
pub use render::RenderArgs;
pub use site::SiteArgs;
pub use values::{FormatArg, LangArg, NotationArg, SheetFormatArg};

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
    /// Build a static website of worked solutions (and exercises): offline pages, typeset math.
    Site(SiteArgs),
    /// Write the built-in templates as files, to copy and change (then use them with --templates DIR).
    Templates(TemplatesArgs),
}

/// `handprop templates`.
#[derive(Debug, clap::Args)]
pub struct TemplatesArgs {
    /// The folder to write the templates into (made whole, or left as it was).
    #[arg(long)]
    pub out: std::path::PathBuf,
    /// Write into --out even though it holds files handprop did not write (they are kept).
    #[arg(long)]
    pub force: bool,
}

/// The teacher's templates of `--templates DIR`, read once for the whole run.
fn templates(dir: Option<&std::path::Path>) -> Result<Option<&'static TemplateSet>> {
    // Leaked on purpose: read once, used by every document of the run, freed when the process ends.
    Ok(match dir {
        Some(dir) => Some(Box::leak(Box::new(TemplateSet::load(dir)?))),
        None => None,
    })
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Exercises(args) => exercises::run(args),
        Command::Site(args) => site::run(args),
        Command::Templates(args) => {
            let count = crate::render::overrides::write_built_in(&args.out, args.force)?;
            eprintln!("handprop: {count} templates in {}", args.out.display());
            Ok(())
        }
    }
}

/// A switch given as `--X` (`yes`) or `--no-X` (`no`), the last one given winning: None when neither.
fn flag(yes: bool, no: bool) -> Option<bool> {
    match (yes, no) {
        (true, _) => Some(true),
        (_, true) => Some(false),
        _ => None,
    }
}

/// A command-line error of clap's as one line, like handprop's own errors: its message, the values it
/// allows, and where to read more.
pub fn one_line(error: &clap::Error) -> String {
    let text = error.render().to_string();
    let mut line = String::new();
    for part in text.lines().map(str::trim) {
        if part.is_empty() || part.starts_with("For more information") {
            continue;
        }
        let part = part.strip_prefix("error: ").unwrap_or(part);
        let (between, part) = match part.strip_prefix("Usage: ") {
            Some(usage) => ("; usage: ", usage),
            None if part.starts_with("tip: ") => ("; ", part),
            None if line.is_empty() => ("", part),
            None => (" ", part),
        };
        line.push_str(between);
        line.push_str(part);
    }
    line + "; see --help"
}
