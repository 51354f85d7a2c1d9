//! The `handprop` binary: parse the command line, run it, print an error once.

use clap::Parser;

fn main() {
    let cli = handprop::cli::Cli::parse();
    if let Err(error) = handprop::cli::run(cli) {
        eprintln!("handprop: error: {error}");
        std::process::exit(error.exit_code());
    }
}
