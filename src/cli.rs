//! Command line: the clap definitions and one `run_*` function per command.
//!
//! Arguments are checked here, before any work starts; the stages below never print.

use crate::ingest;
use crate::outline::period::Period;
use crate::outline::{self, Outline};
use crate::report::{self, Format, Look};
use crate::rules::{RawRules, Rules, RulesError};
use crate::track::{self, Choice};
use anyhow::{Context, Result};
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
    /// Check a plan against the next summary: the accountability table.
    Track(TrackArgs),
    /// Show the documents, sections and items that plantrack reads in a file.
    Outline(OutlineArgs),
    /// Run track over every consecutive plan/summary pair in a folder, in parallel.
    Batch(BatchArgs),
    /// Follow one body's promises through the plans of several consecutive periods: each
    /// promise as a thread, with the status every year's review gave it.
    History(HistoryArgs),
    /// Measure the matcher against gold labels: accuracy, precision, recall, confusion.
    Eval(EvalArgs),
    /// Check rules files, or print the effective rules.
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Debug, clap::Args)]
pub struct BatchArgs {
    /// The folder to search, recursively, for documents.
    pub dir: PathBuf,
    /// Pair files from this CSV (`plan_file,summary_file` per line, relative to it) instead
    /// of by organization and period.
    #[arg(long, value_name = "CSV")]
    pub manifest: Option<PathBuf>,
    /// Write one JSON Lines record per pair to this file.
    #[arg(long, value_name = "FILE")]
    pub jsonl: Option<PathBuf>,
    /// Write a self-contained HTML page of every pair to this file.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The documents of one body, any order (or one folder, searched recursively).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
    /// Keep only threads promised in at least this many plans.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_years: usize,
    /// Worker threads (default: all cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Markdown,
    Csv,
    Json,
    Jsonl,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Gold files (TOML) naming a plan, a summary, a period and labels.
    #[arg(required = true)]
    pub gold: Vec<PathBuf>,
    /// Exit with code 1 when the status accuracy (all labels) is below this share, 0 to 1.
    #[arg(long, value_name = "X")]
    pub min_accuracy: Option<f64>,
    /// Exit with code 1 when the balanced accuracy (the mean of recall on `unmentioned`
    /// labels and on all others) is below this share, 0 to 1.
    #[arg(long, value_name = "X")]
    pub min_balanced_accuracy: Option<f64>,
    /// Leave one pair out: score each gold file with the task threshold that does best on
    /// the other files, never on its own labels.
    #[arg(long)]
    pub folds: bool,
    /// The task thresholds `--folds` chooses from, comma-separated.
    #[arg(long, value_name = "LIST", value_delimiter = ',', requires = "folds")]
    pub thresholds: Vec<f64>,
    /// Output format: a table for people, or JSON with every figure for scripts and CI.
    #[arg(long, value_enum, default_value_t = EvalFormat::Table)]
    pub format: EvalFormat,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Output formats of `eval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalFormat {
    Table,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// Validate rules files without running: every problem, with file, line and key.
    Check {
        /// The rules files to check, each on its own.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Count how common each character bigram is in a corpus of documents and print the
    /// vocabulary table that `rules/vocabulary.tsv` ships (sentences per bigram).
    Vocabulary {
        /// The documents to count, in any input format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print the effective rules (the defaults with each --rules file layered on) as TOML.
    Dump {
        /// A rules file layered over the defaults; repeat to layer several, in order.
        #[arg(long = "rules", value_name = "FILE")]
        rules: Vec<PathBuf>,
    },
}

#[derive(Debug, clap::Args)]
pub struct TrackArgs {
    /// The file holding the plan (published in year N-1).
    pub plan_file: PathBuf,
    /// The file holding the summary of the same period (published in year N). May be the
    /// same file as the plan, as with a compilation.
    pub summary_file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Compare this period (2023, 2023H1, 2023H2) instead of the latest one that fits.
    #[arg(long, value_parser = parse_period)]
    pub period: Option<Period>,
    /// Use this plan section (an id from `plantrack outline`, such as D1.S2).
    #[arg(long, value_name = "ID")]
    pub plan_section: Option<String>,
    /// Use this summary section (an id from `plantrack outline`), even of another body.
    #[arg(long, value_name = "ID")]
    pub summary_section: Option<String>,
    /// Compare the sections named by --plan-section and --summary-section even when they
    /// are not a plan and a summary section.
    #[arg(long)]
    pub force_section: bool,
    /// Print only the quantitative-target table (量化指标落实情况表).
    #[arg(long)]
    pub targets_only: bool,
    /// Explain one goal instead of printing the table: a goal id (D1.S2.I3) or a piece of
    /// its text (a regular expression).
    #[arg(long, value_name = "GOAL")]
    pub explain: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s)
        .ok_or_else(|| format!("`{s}` is not a period; write 2023, 2023H1, 2023H2 or 2021-2025"))
}

/// Options shared by every command that reads documents.
#[derive(Debug, clap::Args)]
pub struct InputArgs {
    /// Read plain-text and HTML input in this encoding instead of detecting it
    /// (utf-8, utf-16le, utf-16be, gbk, gb18030); a .docx needs none.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// A rules file layered over the built-in defaults; repeat to layer several, in order.
    #[arg(long = "rules", value_name = "FILE")]
    pub rules: Vec<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct OutlineArgs {
    /// The document file to read: plain text, .docx or .html, told apart by content.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutlineFormat::Table)]
    pub format: OutlineFormat,
    /// List every item with its id and path.
    #[arg(long)]
    pub items: bool,
    /// Also list every line the cleaning dropped whole (chrome, repeated paragraphs).
    #[arg(long, short)]
    pub verbose: bool,
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
        Command::Track(args) => run_track(&args),
        Command::Outline(args) => run_outline(&args),
        Command::Batch(args) => run_batch(&args),
        Command::History(args) => run_history(&args),
        Command::Eval(args) => run_eval(&args),
        Command::Rules(RulesCommand::Check { files }) => run_rules_check(&files),
        Command::Rules(RulesCommand::Dump { rules }) => run_rules_dump(&rules),
        Command::Rules(RulesCommand::Vocabulary { files }) => run_rules_vocabulary(&files),
    }
}

fn run_rules_vocabulary(files: &[PathBuf]) -> Result<u8> {
    let mut texts = Vec::new();
    for f in files {
        texts.push(ingest::read_source(f, None)?.lines.join("\n"));
    }
    let table = crate::tasks::vocab::build(texts.iter().map(String::as_str));
    std::io::stdout().lock().write_all(table.as_bytes())?;
    Ok(0)
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
    outline::load(path, input.encoding.as_deref(), &rules.sections)
}

fn run_track(args: &TrackArgs) -> Result<u8> {
    // The fixed patterns and the vocabulary table are built, and the summary is read, on
    // threads of their own: a whole run on a pair of short documents is mostly this
    // start-up work.
    std::thread::spawn(crate::preload);
    let rules = load_rules(&args.input.rules)?;
    let (plan, summary) = std::thread::scope(|scope| -> Result<_> {
        let summary = (args.summary_file != args.plan_file)
            .then(|| scope.spawn(|| load_outline(&args.summary_file, &args.input, &rules)));
        let plan = load_outline(&args.plan_file, &args.input, &rules)?;
        let summary = match summary {
            Some(thread) => thread
                .join()
                .map_err(|_| anyhow::anyhow!("reading the summary failed"))??,
            None => plan.clone(),
        };
        Ok((plan, summary))
    })?;
    let choice = Choice {
        period: args.period,
        plan_section: args.plan_section.clone(),
        summary_section: args.summary_section.clone(),
        force_section: args.force_section,
    };
    let selection = track::select(&plan, &summary, &choice)?;
    let report = track::track(&plan, &summary, &selection, &rules, args.explain.is_some());
    let look = Look::detect();
    let text = match &args.explain {
        Some(goal) => {
            report::explain::render(&report, goal, &rules, look.width).ok_or_else(|| {
                let ids: Vec<&str> = report.goals.iter().map(|g| g.id.as_str()).collect();
                anyhow::anyhow!(
                    "no goal is `{goal}` or contains it; the goals are {}",
                    ids.join(", ")
                )
            })?
        }
        None if args.targets_only => match args.format {
            Format::Json => {
                serde_json::to_string_pretty(&report.all_targets().collect::<Vec<_>>())? + "\n"
            }
            _ => report::targets::render(&report, look.width),
        },
        None => report::render(&report, args.format, look)?,
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    for rule in &report.unused_rules {
        eprintln!("warning: rule {rule} never fired");
    }
    Ok(0)
}

fn run_history(args: &HistoryArgs) -> Result<u8> {
    use crate::batch;
    let rules = load_rules(&args.input.rules)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (files, skipped) = match args.files.as_slice() {
        [dir] if dir.is_dir() => {
            let walked = batch::find_files(dir)?;
            (walked.files, walked.skipped)
        }
        files => {
            let mut files = files.to_vec();
            files.sort();
            files.dedup();
            (files, Vec::new())
        }
    };
    if files.is_empty() {
        anyhow::bail!(
            "`{}` holds no regular files to read",
            args.files[0].display()
        );
    }
    let (outlines, unreadable) = batch::load_all(
        &files,
        args.input.encoding.as_deref(),
        &rules,
        jobs,
        |_, _| {},
    );
    // A file named on the command line that cannot be read is the user's mistake; in a
    // folder, it is listed and the others go on (as in `batch`).
    let named = !matches!(args.files.as_slice(), [dir] if dir.is_dir());
    if let Some(first) = unreadable.first().filter(|_| named || outlines.is_empty()) {
        anyhow::bail!("{}: {}", first.file, first.reason);
    }
    let mut history = crate::history::build(&outlines, &rules, jobs)?;
    history
        .left_out
        .extend(skipped.into_iter().chain(unreadable));
    let shown: Vec<&crate::history::Thread> = history
        .threads
        .iter()
        .filter(|t| t.years.len() >= args.min_years)
        .collect();
    let text = match args.format {
        HistoryFormat::Table => report::history::table(&history, &shown, report::width()),
        HistoryFormat::Markdown => report::history::markdown(&history, &shown),
        HistoryFormat::Csv => report::history::csv(&shown),
        HistoryFormat::Json => report::history::json(&history, &shown)?,
        HistoryFormat::Jsonl => report::history::jsonl(&shown)?,
        HistoryFormat::Html => report::html::history(&history, &shown),
    };
    // The table, Markdown and page print these above the threads; a machine format has no
    // place for them, so they go to stderr.
    if matches!(
        args.format,
        HistoryFormat::Csv | HistoryFormat::Json | HistoryFormat::Jsonl
    ) {
        for line in report::history::header(&history).lines().skip(1) {
            eprintln!("note: {line}");
        }
    }
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn run_batch(args: &BatchArgs) -> Result<u8> {
    use crate::batch;
    let rules = load_rules(&args.input.rules)?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let (files, mut skipped, manifest) = match &args.manifest {
        Some(m) => {
            let pairs = batch::read_manifest(m)?;
            let mut files: Vec<PathBuf> = pairs
                .iter()
                .flat_map(|(a, b)| [a.clone(), b.clone()])
                .collect();
            files.sort();
            files.dedup();
            (files, Vec::new(), Some(pairs))
        }
        None => {
            let walked = batch::find_files(&args.dir)?;
            (walked.files, walked.skipped, None)
        }
    };
    if files.is_empty() {
        anyhow::bail!(
            "`{}` holds no regular files to read{}",
            args.dir.display(),
            if skipped.is_empty() {
                String::new()
            } else {
                format!(" ({} entries passed over)", skipped.len())
            }
        );
    }
    let bar = report::progress::Bar::new("reading");
    let encoding = args.input.encoding.as_deref();
    let (outlines, unreadable) =
        batch::load_all(&files, encoding, &rules, jobs, |d, t| bar.show(d, t));
    bar.finish();
    skipped.extend(unreadable);
    let index = |p: &Path| outlines.iter().position(|o| Path::new(&o.file) == p);
    let (pairs, unpaired) = match manifest {
        Some(list) => {
            let pairs = list
                .iter()
                .filter_map(|(a, b)| {
                    Some(batch::Pair {
                        plan: index(a)?,
                        summary: index(b)?,
                        period: None,
                        organization: None,
                        tied: Vec::new(),
                    })
                })
                .collect();
            (pairs, Vec::new())
        }
        None => batch::find_pairs(&outlines),
    };
    if pairs.is_empty() {
        let mut why = String::new();
        for s in skipped.iter().chain(&unpaired) {
            why.push_str(&format!("\n  {}: {}", s.file, s.reason));
        }
        anyhow::bail!(
            "no plan in `{}` has a summary of the same period and body to compare it with; \
             the files read:{why}",
            args.dir.display()
        );
    }
    let bar = report::progress::Bar::new("tracking");
    let mut results = batch::run_pairs(&outlines, &pairs, &rules, jobs, |d, t| bar.show(d, t));
    bar.finish();
    for r in &mut results {
        if let (None, Ok(report)) = (&r.organization, &r.report) {
            r.organization = report.plan.organization.clone();
            r.period = report.plan.period;
        }
    }
    if let Some(path) = &args.jsonl {
        std::fs::write(path, report::batch::jsonl(&results)?)
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    if let Some(path) = &args.html {
        std::fs::write(path, report::html::batch(&results, &skipped, &unpaired))
            .with_context(|| format!("cannot write `{}`", path.display()))?;
    }
    let text = report::batch::table(&results, &skipped, &unpaired, report::width());
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn run_eval(args: &EvalArgs) -> Result<u8> {
    let floors = [
        ("--min-accuracy", args.min_accuracy),
        ("--min-balanced-accuracy", args.min_balanced_accuracy),
    ];
    for (flag, x) in floors {
        if let Some(x) = x.filter(|x| !(0.0..=1.0).contains(x)) {
            anyhow::bail!("`{flag} {x}` must be between 0 and 1");
        }
    }
    if let Some(t) = args.thresholds.iter().find(|t| !(0.0..=1.0).contains(*t)) {
        anyhow::bail!("`--thresholds`: {t} is not between 0 and 1");
    }
    let rules = load_rules(&args.input.rules)?;
    let (thread_files, label_files): (Vec<PathBuf>, Vec<PathBuf>) = args
        .gold
        .iter()
        .cloned()
        .partition(|f| crate::eval::threads::is_thread_gold(f));
    if !thread_files.is_empty() {
        let unsupported = [
            ("--folds", args.folds),
            ("--format json", args.format == EvalFormat::Json),
            ("--min-accuracy", args.min_accuracy.is_some()),
            (
                "--min-balanced-accuracy",
                args.min_balanced_accuracy.is_some(),
            ),
        ];
        if let Some((flag, _)) = unsupported.iter().find(|(_, on)| *on) {
            anyhow::bail!(
                "`{flag}` applies to label gold files, not to thread gold files ({}); run \
                 them apart",
                thread_files[0].display()
            );
        }
        let mut files = Vec::new();
        for f in thread_files {
            let rows = crate::eval::threads::run(&f, args.input.encoding.as_deref(), &rules)?;
            if rows.is_empty() {
                anyhow::bail!(
                    "{}: no gold thread: a check that checks nothing cannot pass",
                    f.display()
                );
            }
            files.push((f, rows));
        }
        let text = report::eval::threads(&files, report::width());
        std::io::stdout().lock().write_all(text.as_bytes())?;
        if label_files.is_empty() {
            return Ok(0);
        }
    }
    let (each, total) = if args.folds {
        let grid: &[f64] = if args.thresholds.is_empty() {
            &crate::eval::folds::GRID
        } else {
            &args.thresholds
        };
        crate::eval::folds::run(&label_files, args.input.encoding.as_deref(), &rules, grid)?
    } else {
        crate::eval::run(&label_files, args.input.encoding.as_deref(), &rules)?
    };
    if total.labels().total == 0 && total.targets.total == 0 {
        anyhow::bail!("no label was scored: a check that checks nothing cannot pass");
    }
    let text = match args.format {
        EvalFormat::Table => report::eval::render(&each, &total, report::width()),
        EvalFormat::Json => report::eval::json(&each, &total, &rules),
    };
    std::io::stdout().lock().write_all(text.as_bytes())?;
    let figures = [
        (
            "accuracy",
            "--min-accuracy",
            args.min_accuracy,
            total.accuracy(),
        ),
        (
            "balanced accuracy",
            "--min-balanced-accuracy",
            args.min_balanced_accuracy,
            total.balanced_accuracy(),
        ),
    ];
    let mut below = false;
    for (name, flag, min, got) in figures {
        if let (Some(min), Some(got)) = (min, got) {
            if got < min {
                eprintln!(
                    "{name} {:.1}% is below {flag} {:.1}%",
                    got * 100.0,
                    min * 100.0
                );
                below = true;
            }
        }
    }
    Ok(u8::from(below))
}

fn run_rules_check(files: &[PathBuf]) -> Result<u8> {
    let mut out = String::new();
    let mut bad = 0;
    for file in files {
        match RawRules::from_file(file)? {
            // A file that passes having set nothing (empty, comments only, bare headers)
            // is said to, so that a wrong or truncated file is not taken for a check passed.
            Ok(raw) if raw.sets_nothing => out.push_str(&format!(
                "{}: ok, but it sets nothing: the built-in rules apply unchanged\n",
                file.display()
            )),
            Ok(_) => out.push_str(&format!("{}: ok\n", file.display())),
            Err(RulesError(problems)) => {
                bad += problems.len();
                for p in problems {
                    out.push_str(&format!("{p}\n"));
                }
            }
        }
    }
    std::io::stdout().lock().write_all(out.as_bytes())?;
    if bad > 0 {
        anyhow::bail!("{bad} problem(s) in the rules");
    }
    Ok(0)
}

/// The built-in rules with `files` layered on; a file that sets nothing is warned about
/// (a truncated or wrong file would otherwise change nothing without a word).
fn load_rules(files: &[PathBuf]) -> Result<Rules> {
    let (rules, empty) = Rules::load(files)?;
    for file in empty {
        eprintln!(
            "warning: {} sets nothing: the built-in rules apply unchanged",
            file.display()
        );
    }
    Ok(rules)
}

fn run_rules_dump(files: &[PathBuf]) -> Result<u8> {
    let text = Rules::merged(files)?.to_toml()?;
    std::io::stdout().lock().write_all(text.as_bytes())?;
    Ok(0)
}

fn run_outline(args: &OutlineArgs) -> Result<u8> {
    let rules = load_rules(&args.input.rules)?;
    let outline = load_outline(&args.file, &args.input, &rules)?;
    let text = match args.format {
        OutlineFormat::Table => {
            let mut text = report::outline::render(&outline, args.items, report::width());
            if args.verbose {
                text.push_str(&report::outline::dropped(&outline));
            }
            text
        }
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
