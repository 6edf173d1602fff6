//! Batch: runs `track` over a folder of documents, every consecutive pair in parallel.
//!
//! Every regular file under the folder is read and outlined (in parallel, by rayon); links
//! are not followed and FIFOs are not opened, and each is reported. A file that cannot be
//! read is reported and skipped. Pairs come from a manifest (`plan_file,summary_file` per
//! line) or are found: for each plan section of period P in one file, the one other file
//! that summarises P for the same organization, nearest in the folder tree. Files read but
//! paired with nothing are listed with why. A pair that fails is reported and the others go
//! on. Results keep the order of the pairs, so output is deterministic.

use crate::outline::{period::Period, Outline, SectionKind};
use crate::rules::Rules;
use crate::track::{self, Choice, TrackReport};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A plan file and a summary file to compare, with what they were paired on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub plan: usize,
    pub summary: usize,
    pub period: Option<Period>,
    pub organization: Option<String>,
    /// Other summary files that fit as well and stand as near in the folder tree; the
    /// first in name order was chosen.
    pub tied: Vec<usize>,
}

/// The outcome of one pair.
#[derive(Debug)]
pub struct PairResult {
    pub plan_file: String,
    pub summary_file: String,
    pub organization: Option<String>,
    pub period: Option<Period>,
    /// Summary files that fit as well as the one chosen.
    pub tied: Vec<String>,
    pub report: Result<TrackReport, String>,
}

/// A file that could not be used, or was read and paired with nothing.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Skipped {
    pub file: String,
    pub reason: String,
}

/// The regular files below a folder, and what was passed over.
#[derive(Debug, Default)]
pub struct Walked {
    /// Regular files, sorted; hidden files and folders left out.
    pub files: Vec<PathBuf>,
    /// Symbolic links (never followed: a link may lead out of the tree or back into it),
    /// FIFOs, sockets and devices (reading one may block forever), and entries that could
    /// not be read.
    pub skipped: Vec<Skipped>,
}

/// Every regular file below `dir`, in name order, hidden files and folders left out.
/// Links are not followed and only regular files are read, so a link loop or a FIFO
/// cannot make a run hang.
pub fn find_files(dir: &Path) -> Result<Walked> {
    if !dir.is_dir() {
        anyhow::bail!("`{}` is not a folder", dir.display());
    }
    let hidden = |e: &walkdir::DirEntry| {
        e.depth() > 0 && e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
    };
    let mut walked = Walked::default();
    let entries = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !hidden(e));
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                walked.skipped.push(Skipped {
                    file: e
                        .path()
                        .map_or_else(|| dir.display().to_string(), |p| p.display().to_string()),
                    reason: format!("cannot be read: {e}"),
                });
                continue;
            }
        };
        let kind = entry.file_type();
        let reason = if kind.is_file() {
            walked.files.push(entry.into_path());
            continue;
        } else if kind.is_dir() {
            continue;
        } else if kind.is_symlink() {
            "a symbolic link: not followed"
        } else {
            "not a regular file (a FIFO, socket or device): not read"
        };
        walked.skipped.push(Skipped {
            file: entry.path().display().to_string(),
            reason: reason.to_string(),
        });
    }
    walked.files.sort();
    Ok(walked)
}

/// Runs `work` over `items` on `jobs` threads (rayon); results keep the order of `items`.
/// `progress` is called after each item with (done, total).
pub fn parallel<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    work: impl Fn(&T) -> R + Sync,
    progress: impl Fn(usize, usize) + Sync,
) -> Vec<R> {
    let done = AtomicUsize::new(0);
    let run = || {
        items
            .par_iter()
            .map(|item| {
                let r = work(item);
                progress(done.fetch_add(1, Ordering::Relaxed) + 1, items.len());
                r
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
    {
        Ok(pool) => pool.install(run),
        Err(_) => run(),
    }
}

/// Reads and outlines every file; returns the outlines and the files skipped.
pub fn load_all(
    files: &[PathBuf],
    encoding: Option<&str>,
    rules: &Rules,
    jobs: usize,
    progress: impl Fn(usize, usize) + Sync,
) -> (Vec<Outline>, Vec<Skipped>) {
    let loaded = parallel(
        files,
        jobs,
        |f| crate::outline::load(f, encoding, &rules.sections),
        progress,
    );
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

/// The (period, organization) of every section of `kind` in an outline that names both.
fn keyed(outline: &Outline, kind: SectionKind) -> Vec<(Period, String)> {
    let mut out: Vec<(Period, String)> = outline
        .documents
        .iter()
        .flat_map(|d| {
            d.sections
                .iter()
                .filter(move |s| s.kind == kind)
                .filter_map(move |s| Some((s.period?, d.organization.clone()?)))
        })
        .collect();
    out.sort();
    out.dedup();
    out
}

/// How far apart two files stand in the folder tree: the folders climbed up from one and
/// down to the other.
fn distance(a: &Path, b: &Path) -> usize {
    let (a, b) = (a.parent().unwrap_or(a), b.parent().unwrap_or(b));
    let common = a
        .components()
        .zip(b.components())
        .take_while(|(x, y)| x == y)
        .count();
    a.components().count() + b.components().count() - 2 * common
}

/// Finds the pairs: for each plan of period P by an organization in one file, the one
/// summary file that reports P for the same organization, nearest in the folder tree (ties
/// go to the first in name order and are reported). Returns the pairs and the files read
/// but paired with nothing, each with why.
pub fn find_pairs(outlines: &[Outline]) -> (Vec<Pair>, Vec<Skipped>) {
    let summaries: Vec<Vec<(Period, String)>> = outlines
        .iter()
        .map(|o| keyed(o, SectionKind::Summary))
        .collect();
    let mut pairs = Vec::new();
    for (p, plan) in outlines.iter().enumerate() {
        for (period, org) in keyed(plan, SectionKind::Plan) {
            let fits: Vec<(usize, usize)> = summaries
                .iter()
                .enumerate()
                .filter(|(s, keys)| {
                    *s != p
                        && keys
                            .iter()
                            .any(|(q, o)| *q == period && crate::outline::same_body(o, &org))
                })
                .map(|(s, _)| {
                    let d = distance(Path::new(&plan.file), Path::new(&outlines[s].file));
                    (d, s)
                })
                .collect();
            let Some(&(best, summary)) = fits.iter().min() else {
                continue;
            };
            if pairs
                .iter()
                .any(|x: &Pair| x.plan == p && x.summary == summary && x.period == Some(period))
            {
                continue;
            }
            let tied = fits
                .iter()
                .filter(|(d, s)| *d == best && *s != summary)
                .map(|(_, s)| *s)
                .collect();
            pairs.push(Pair {
                plan: p,
                summary,
                period: Some(period),
                organization: Some(org),
                tied,
            });
        }
    }
    let unpaired = outlines
        .iter()
        .enumerate()
        .filter(|(i, _)| !pairs.iter().any(|x| x.plan == *i || x.summary == *i))
        .map(|(_, o)| Skipped {
            file: o.file.clone(),
            reason: why_unpaired(o),
        })
        .collect();
    (pairs, unpaired)
}

/// Why a file that was read joined no pair.
fn why_unpaired(outline: &Outline) -> String {
    let list = |keys: &[(Period, String)]| {
        keys.iter()
            .map(|(p, o)| format!("{p} by {o}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let plans = keyed(outline, SectionKind::Plan);
    let summaries = keyed(outline, SectionKind::Summary);
    if !plans.is_empty() {
        format!(
            "paired with nothing: no other file summarises its plan ({})",
            list(&plans)
        )
    } else if !summaries.is_empty() {
        format!(
            "paired with nothing: no other file holds a plan its summary reports on ({})",
            list(&summaries)
        )
    } else {
        "paired with nothing: no plan or summary section names both its period and its \
         organization (see `plantrack outline`; pair it with --manifest)"
            .to_string()
    }
}

/// Reads a manifest: one `plan_file,summary_file` per line (a header line is allowed), paths
/// relative to the manifest. Returns the pairs as paths.
pub fn read_manifest(path: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let text = crate::ingest::read_text(path)
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
            tied: pair
                .tied
                .iter()
                .map(|&t| outlines[t].file.clone())
                .collect(),
            report,
        }
    };
    parallel(pairs, jobs, run, progress)
}
