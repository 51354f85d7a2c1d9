//! The command line (clap derive): raw arguments become a validated request in one place, and errors
//! are printed once with one exit-code policy (2 for bad input, 1 for other failures).

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::error::Result;
use crate::number::Precision;
use crate::render::{self, Format, Lang, Options};
use crate::training::MAX_STEPS;
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
    /// Add a training section: the total error along N steps of gradient descent (1 to 10,000,000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_STEPS as u64))]
    pub steps: Option<u64>,
    /// Add a gradient check: every ∂E/∂w and ∂E/∂b beside its central finite difference.
    #[arg(long)]
    pub check: bool,
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
                steps: args.steps.map(|n| n as usize),
                check: args.check,
            };
            let document = render::render(&network, &options)?;
            output::emit(args.output.as_deref(), &document)
        }
    }
}
