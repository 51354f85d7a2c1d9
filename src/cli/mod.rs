//! The command line (clap derive): raw arguments become a validated request in one place, and errors
//! are printed once with one exit-code policy (2 for bad input, 1 for other failures).

mod exercises;
mod render;
mod site;

use clap::{Parser, Subcommand};

use crate::error::Result;
pub use exercises::{ExercisesArgs, SheetFormat};
pub use render::RenderArgs;
pub use site::SiteArgs;

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
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match cli.command {
        Command::Render(args) => render::run(args),
        Command::Exercises(args) => exercises::run(args),
        Command::Site(args) => site::run(args),
    }
}
