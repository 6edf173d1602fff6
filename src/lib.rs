//! plantrack: checks, goal by goal, whether a Chinese public body's plan was carried out.
//!
//! The pipeline, one module per stage, with plain data between stages:
//! - [`ingest`]: bytes on disk to clean lines (encoding detection, noise removal);
//! - [`outline`]: lines to documents, sections and numbered items;
//! - [`rules`]: the TOML matching rules, layered and validated;
//! - [`matcher`]: plan goals × summary items to scored candidate pairs (pure, never prints);
//! - [`status`]: scored pairs to met / partial / missed / unmentioned, with evidence;
//! - [`report`]: renderers for the terminal, Markdown, CSV and JSON.
//!
//! [`cli`] ties the stages to the command line; `main.rs` only maps errors to exit codes.

pub mod batch;
pub mod cli;
pub mod commitments;
pub mod eval;
pub mod history;
pub mod ingest;
pub mod matcher;
pub mod outline;
pub mod report;
pub mod rules;
pub mod similarity;
pub mod status;
pub mod targets;
pub mod tasks;
pub mod track;

/// Builds every fixed pattern and table of the pipeline now: the regexes of cleaning,
/// outlining, commitments and targets, then the vocabulary table. Each is otherwise built on
/// first use. A run on two short documents is mostly this start-up work, so `track` has it
/// done on a thread of its own while it reads the rules.
pub fn preload() {
    ingest::clean::preload();
    outline::preload();
    commitments::preload();
    targets::preload();
    tasks::vocab::Vocabulary::preload();
}
