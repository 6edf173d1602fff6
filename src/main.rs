//! The `plantrack` binary: parses arguments, runs the command, maps errors to exit codes.
//!
//! Exit codes: 0 success; 1 a check asked for by a flag failed (`eval --min-accuracy`);
//! 2 a usage, input or rules error. A closed output pipe is not an error.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = plantrack::cli::Cli::parse();
    match plantrack::cli::run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(err) if plantrack::cli::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}
