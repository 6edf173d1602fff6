//! Command line: the clap definitions and one `run_*` function per command.
//!
//! Arguments are checked here, before any work starts; the stages below never print.

use crate::ingest;
use crate::outline::{self, Outline};
use crate::report;
use crate::rules::Rules;
use anyhow::Result;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Check, goal by goal, whether a Chinese public body's plan was carried out.
///
/// Exit codes: 0 success, 1 a check asked for by a flag failed, 2 a usage, input or rules
/// error.
#[derive(Debug, Parser)]
#[command(name = "plantrack", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Show the documents, sections and items that plantrack reads in a file.
    Outline(OutlineArgs),
}

/// Options shared by every command that reads documents.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Read input files in this encoding instead of detecting it
    /// (utf-8, utf-16le, utf-16be, gbk, gb18030).
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// A rules file layered over the built-in defaults; repeat to layer several, in order.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct OutlineArgs {
    /// The document file to read.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,
    /// List every item with its id and path.
    #[arg(long)]
    pub items: bool,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutlineFormat {
    Table,
    Json,
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Outline(args) => run_outline(&args),
    }
}

/// True when `err` comes from writing to a closed pipe (`plantrack … | head`).
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Reads and outlines one file, failing when it holds no recognisable section.
pub fn load_outline(path: &Path, input: &InputArgs, rules: &Rules) -> Result<Outline> {
    let source = ingest::read_source(path, input.encoding.as_deref())?;
    let outline = outline::build(&source, &rules.sections);
    if outline.documents.iter().all(|d| d.sections.is_empty()) {
        anyhow::bail!(
            "`{}` has no recognisable summary, plan or problems section; \
             see `plantrack outline` and add heading words with `--rules`",
            path.display()
        );
    }
    Ok(outline)
}

fn run_outline(args: &OutlineArgs) -> Result<u8> {
    let rules = Rules::from_files(&args.input.rules)?;
    let outline = load_outline(&args.file, &args.input, &rules)?;
    let text = match args.format {
        OutlineFormat::Table => report::outline::render(&outline, args.items, report::width()),
        OutlineFormat::Json => serde_json::to_string_pretty(&outline)? + "\n",
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// The clap definition is consistent.
    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }
}
