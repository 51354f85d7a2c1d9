//! The command line (clap derive): raw arguments become a validated request in one place, and errors
//! are printed once with one exit-code policy (2 for bad input, 1 for other failures).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::Result;
use crate::number::Precision;
use crate::render::{self, Format, Lang, Options};
use crate::{output, spec};

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
    /// Write to this file instead of stdout (written whole, or not at all).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Render(args) => {
            let network = match &args.network {
                Some(path) => spec::load(path)?,
                None => spec::seed(),
            };
            let options = Options {
                format: args.format,
                lang: args.lang,
                precision: args.precision,
            };
            let document = render::render(&network, &options)?;
            output::emit(args.output.as_deref(), &document)
        }
    }
}
