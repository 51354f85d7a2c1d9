//! The `handprop` binary: parse the command line, run it, print an error once.

use clap::Parser;

/// The binary's allocator: mimalloc, whose per-thread heaps serve the workers' many short-lived strings
/// without the contention and trimming of the system's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = match handprop::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) if !error.use_stderr() => error.exit(), // --help, --version
        Err(error) => {
            eprintln!("handprop: error: {}", handprop::cli::one_line(&error));
            std::process::exit(2);
        }
    };
    let result = handprop::cli::run(cli);
    handprop::publish::temporary::wait_if_stopping();
    if let Err(error) = result {
        eprintln!("handprop: error: {error}");
        std::process::exit(error.exit_code());
    }
}
