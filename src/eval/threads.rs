//! Eval of `history`: gold threads, written by reading a body's plans and reviews year by
//! year, against the threads the tool finds.
//!
//! A gold thread names a promise by a substring of its first year's plan (`key`), the plan
//! years that promise it (`years`) and the labels a careful reader accepts. The tool's
//! thread is the one holding the promise of that first year whose text contains the key
//! (or, where the key spans two of the tool's clauses, shares the longest run with it). A
//! thread is right when its years are the gold years and its label is accepted.

use crate::history::{self, Label, Thread};
use crate::outline::period::Period;
use crate::rules::{line_col, Rules};
use crate::similarity::longest_common_run;
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A gold file of threads.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadGold {
    /// The folder of the series, relative to the gold file.
    pub series: String,
    /// The start of the names of the series' files in that folder.
    pub files: String,
    pub thread: Vec<ThreadLabel>,
}

/// One gold thread.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreadLabel {
    pub key: Spanned<String>,
    pub years: Vec<i32>,
    /// What each year's review said, as the reader saw it (documentation; not scored).
    #[serde(default)]
    pub statuses: Vec<String>,
    pub accept: Vec<String>,
    pub note: Option<String>,
}

/// One gold thread scored.
#[derive(Debug, Clone)]
pub struct ThreadRow {
    pub key: String,
    pub want_years: Vec<i32>,
    pub want: Vec<String>,
    /// The tool's thread: its years and label, or nothing when no thread holds the key.
    pub got: Option<(Vec<i32>, Label)>,
}

impl ThreadRow {
    pub fn years_right(&self) -> bool {
        self.got
            .as_ref()
            .is_some_and(|(y, _)| *y == self.want_years)
    }

    pub fn label_right(&self) -> bool {
        self.got
            .as_ref()
            .is_some_and(|(_, l)| self.want.iter().any(|w| w == l.as_str()))
    }
}

/// True when `path` is a gold file of threads (it has a `[[thread]]` table).
pub fn is_thread_gold(path: &Path) -> bool {
    crate::ingest::read_text(path)
        .ok()
        .and_then(|t| t.parse::<toml::Table>().ok())
        .is_some_and(|t| t.contains_key("thread"))
}

/// Runs `history` on the series a gold file names and scores every gold thread.
pub fn run(path: &Path, encoding: Option<&str>, rules: &Rules) -> Result<Vec<ThreadRow>> {
    let text = crate::ingest::read_text(path)
        .with_context(|| format!("cannot read gold file `{}`", path.display()))?;
    let gold: ThreadGold = toml::from_str(&text)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message()))?;
    for label in &gold.thread {
        if let Some(a) = label.accept.iter().find(|a| Label::parse(a).is_none()) {
            let (line, col) = line_col(&text, label.key.span().start);
            bail!(
                "{}:{line}:{col}: `accept`: `{a}` is not a label (new, done, done, continued, \
                 recurring, dropped, unfinished)",
                path.display()
            );
        }
    }
    let dir = path.parent().unwrap_or(Path::new(".")).join(&gold.series);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| {
            format!(
                "{}: cannot read series folder `{}`",
                path.display(),
                dir.display()
            )
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&gold.files))
        })
        .collect();
    files.sort();
    let outlines = files
        .iter()
        .map(|f| crate::outline::load(f, encoding, &rules.sections))
        .collect::<Result<Vec<_>>>()?;
    let history = history::build(&outlines, rules, 1)
        .with_context(|| format!("{}: the series `{}`", path.display(), dir.display()))?;
    // Each plan file's text, read once, to check that every key is in its plan.
    let plans: Vec<(&history::PlanYear, String)> = history
        .plans
        .iter()
        .map(|p| {
            (
                p,
                crate::ingest::read_text(p.plan_file.as_ref()).unwrap_or_default(),
            )
        })
        .collect();
    let mut rows = Vec::new();
    for label in &gold.thread {
        let key = label.key.get_ref();
        let (line, col) = line_col(&text, label.key.span().start);
        let Some(&first) = label.years.first() else {
            bail!(
                "{}:{line}:{col}: `years`: a thread needs at least one year",
                path.display()
            );
        };
        // The key must be in the plan of its first year as written: a key that is not is a
        // mistake in the gold file, never a miss of the tool.
        let plan = plans.iter().find(|(p, _)| p.period == Period::Year(first));
        let in_plan = plan.is_some_and(|(_, text)| !key.is_empty() && text.contains(key.as_str()));
        if !in_plan {
            bail!(
                "{}:{line}:{col}: `key`: `{key}` is not in the plan for {first}{}",
                path.display(),
                plan.map_or(
                    " (the series holds no plan for that year)".to_string(),
                    |(p, _)| { format!(" (`{}`)", p.plan_file) }
                )
            );
        }
        let got = find(&history.threads, key, Period::Year(first)).map(|t| {
            let years = t
                .years
                .iter()
                .map(|p| match p.period {
                    Period::Year(y) | Period::Half(y, _) | Period::Span(_, y) => y,
                })
                .collect();
            (years, t.label)
        });
        rows.push(ThreadRow {
            key: key.clone(),
            want_years: label.years.clone(),
            want: label.accept.clone(),
            got,
        });
    }
    Ok(rows)
}

/// The thread holding the promise of `period` that names `key`: the promise whose text
/// contains it, else the one sharing the longest run with it (at least half the key).
fn find<'a>(threads: &'a [Thread], key: &str, period: Period) -> Option<&'a Thread> {
    let n = key.chars().count();
    let mut best: Option<(usize, &Thread)> = None;
    for t in threads {
        for p in t.years.iter().filter(|p| p.period == period) {
            let run = if p.text.contains(key) {
                n
            } else {
                longest_common_run(key, &p.text)
            };
            if run * 2 >= n && best.is_none_or(|(b, _)| run > b) {
                best = Some((run, t));
            }
        }
    }
    best.map(|(_, t)| t)
}
