//! Batch: runs `track` over a folder of documents, every consecutive pair in parallel.
//!
//! Every file under the folder is read and outlined (in parallel); a file that cannot be read
//! is reported and skipped. Pairs come from a manifest (`plan_file,summary_file` per line) or
//! are found: a plan section for period P in one file and a summary of P in another file,
//! by the same organization. Each pair runs on a worker thread; a pair that fails is reported
//! and the others go on. Results keep the order of the pairs, so output is deterministic.

use crate::cli::{load_outline, InputArgs};
use crate::outline::{period::Period, Outline, SectionKind};
use crate::rules::Rules;
use crate::track::{self, Choice, TrackReport};
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A plan file and a summary file to compare, with what they were paired on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub plan: usize,
    pub summary: usize,
    pub period: Option<Period>,
    pub organization: Option<String>,
}

/// The outcome of one pair.
#[derive(Debug)]
pub struct PairResult {
    pub plan_file: String,
    pub summary_file: String,
    pub organization: Option<String>,
    pub period: Option<Period>,
    pub report: Result<TrackReport, String>,
}

/// A file that could not be used.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// Every file below `dir`, sorted, hidden files and folders left out.
pub fn find_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d)
            .with_context(|| format!("cannot read folder `{}`", d.display()))?;
        for entry in entries {
            let path = entry?.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Runs `work` over `items` on `jobs` threads; results keep the order of `items`.
/// `progress` is called after each item with (done, total).
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..jobs.clamp(1, items.len().max(1)) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let r = work(item);
                if let Ok(mut all) = results.lock() {
                    all[i] = Some(r);
                }
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, items.len());
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect()
}

/// Reads and outlines every file; returns the outlines and the files skipped.
pub fn load_all(
    files: &[PathBuf],
    input: &InputArgs,
    rules: &Rules,
    jobs: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> (Vec<Outline>, Vec<Skipped>) {
    let loaded = parallel(files, jobs, |f| load_outline(f, input, rules), progress);
    let mut outlines = Vec::new();
    let mut skipped = Vec::new();
    for (file, result) in files.iter().zip(loaded) {
        match result {
            Ok(o) => outlines.push(o),
            Err(e) => skipped.push(Skipped {
                file: file.display().to_string(),
                reason: format!("{e:#}"),
            }),
        }
    }
    (outlines, skipped)
}

/// Finds the pairs: a plan for P in one file and a summary of P by the same organization in
/// another.
pub fn find_pairs(outlines: &[Outline]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (p, plan) in outlines.iter().enumerate() {
        let plans = plan.documents.iter().flat_map(|d| {
            d.sections
                .iter()
                .filter(|s| s.kind == SectionKind::Plan)
                .filter_map(move |s| Some((s.period?, d.organization.clone()?)))
        });
        for (period, org) in plans {
            for (s, summary) in outlines.iter().enumerate().filter(|(s, _)| *s != p) {
                let has = summary.documents.iter().any(|d| {
                    d.organization
                        .as_deref()
                        .is_some_and(|o| o.contains(org.as_str()) || org.contains(o))
                        && d.sections
                            .iter()
                            .any(|x| x.kind == SectionKind::Summary && x.period == Some(period))
                });
                let pair = Pair {
                    plan: p,
                    summary: s,
                    period: Some(period),
                    organization: Some(org.clone()),
                };
                if has && !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
    }
    pairs
}

/// Reads a manifest: one `plan_file,summary_file` per line (a header line is allowed), paths
/// relative to the manifest. Returns the pairs as paths.
pub fn read_manifest(path: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read manifest `{}`", path.display()))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.is_empty() || line.starts_with('#') || (n == 0 && line.starts_with("plan_file")) {
            continue;
        }
        let Some((plan, summary)) = line.split_once(',') else {
            anyhow::bail!(
                "{}:{}: expected `plan_file,summary_file`",
                path.display(),
                n + 1
            );
        };
        out.push((base.join(plan.trim()), base.join(summary.trim())));
    }
    Ok(out)
}

/// Runs every pair on `jobs` threads.
pub fn run_pairs(
    outlines: &[Outline],
    pairs: &[Pair],
    rules: &Rules,
    jobs: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<PairResult> {
    let run = |pair: &Pair| {
        let (plan, summary) = (&outlines[pair.plan], &outlines[pair.summary]);
        let choice = Choice {
            period: pair.period,
            ..Choice::default()
        };
        let report = track::select(plan, summary, &choice)
            .map(|sel| track::track(plan, summary, &sel, rules, false))
            .map_err(|e| format!("{e:#}"));
        PairResult {
            plan_file: plan.file.clone(),
            summary_file: summary.file.clone(),
            organization: pair.organization.clone(),
            period: pair.period,
            report,
        }
    };
    parallel(pairs, jobs, run, progress)
}
