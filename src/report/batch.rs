//! Batch output: one JSON Lines record per pair, and a table per organization.

use super::outline::new_table;
use crate::batch::{PairResult, Skipped};
use crate::track::Counts;
use serde_json::json;
use std::collections::BTreeMap;
use std::fmt::Write;

/// One JSON object per line: the pair, then the full report or the error.
pub fn jsonl(results: &[PairResult]) -> serde_json::Result<String> {
    let mut out = String::new();
    for r in results {
        let record = match &r.report {
            Ok(report) => json!({
                "plan_file": r.plan_file,
                "summary_file": r.summary_file,
                "organization": r.organization,
                "period": r.period,
                "tied": r.tied,
                "report": report,
            }),
            Err(e) => json!({
                "plan_file": r.plan_file,
                "summary_file": r.summary_file,
                "organization": r.organization,
                "period": r.period,
                "error": e,
            }),
        };
        out.push_str(&serde_json::to_string(&record)?);
        out.push('\n');
    }
    Ok(out)
}

/// The pairs, then a table per organization (goals and statuses added up over its pairs),
/// then ties, the files passed over or unreadable, and the files paired with nothing.
pub fn table(
    results: &[PairResult],
    skipped: &[Skipped],
    unpaired: &[Skipped],
    width: u16,
) -> String {
    let mut out = String::new();
    let mut pairs = new_table(width);
    pairs.set_header([
        "organization",
        "period",
        "plan file",
        "summary file",
        "goals",
        "met",
        "result",
    ]);
    let mut by_org: BTreeMap<String, (usize, Counts)> = BTreeMap::new();
    for r in results {
        let org = r.organization.clone().unwrap_or_else(|| "(unnamed)".into());
        let period = r.period.map_or("?".into(), |p| p.to_string());
        match &r.report {
            Ok(report) => {
                let c = &report.counts;
                pairs.add_row([
                    org.clone(),
                    period,
                    r.plan_file.clone(),
                    r.summary_file.clone(),
                    c.total().to_string(),
                    c.met.to_string(),
                    "ok".to_string(),
                ]);
                let entry = by_org.entry(org).or_default();
                entry.0 += 1;
                for (total, add) in [
                    (&mut entry.1.met, c.met),
                    (&mut entry.1.partial, c.partial),
                    (&mut entry.1.missed, c.missed),
                    (&mut entry.1.unmentioned, c.unmentioned),
                ] {
                    *total += add;
                }
            }
            Err(e) => {
                pairs.add_row([
                    org,
                    period,
                    r.plan_file.clone(),
                    r.summary_file.clone(),
                    "-".into(),
                    "-".into(),
                    format!("failed: {e}"),
                ]);
            }
        }
    }
    let _ = writeln!(out, "pairs ({}):\n{pairs}\n", results.len());
    let mut orgs = new_table(width);
    orgs.set_header([
        "organization",
        "pairs",
        "goals",
        "met",
        "partial",
        "missed",
        "unmentioned",
        "% met",
    ]);
    for (org, (n, c)) in &by_org {
        let share = if c.total() == 0 {
            0.0
        } else {
            c.met as f64 * 100.0 / c.total() as f64
        };
        orgs.add_row([
            org.clone(),
            n.to_string(),
            c.total().to_string(),
            c.met.to_string(),
            c.partial.to_string(),
            c.missed.to_string(),
            c.unmentioned.to_string(),
            format!("{share:.1}"),
        ]);
    }
    let _ = writeln!(out, "by organization:\n{orgs}");
    let ties: Vec<&PairResult> = results.iter().filter(|r| !r.tied.is_empty()).collect();
    if !ties.is_empty() {
        let _ = writeln!(
            out,
            "\nties ({}): the first in name order was chosen",
            ties.len()
        );
        for r in ties {
            let _ = writeln!(
                out,
                "  {}: {} (also fits: {})",
                r.plan_file,
                r.summary_file,
                r.tied.join(", ")
            );
        }
    }
    for (title, list) in [
        ("skipped files", skipped),
        ("files paired with nothing", unpaired),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{title} ({}):", list.len());
            for s in list {
                let _ = writeln!(out, "  {}: {}", s.file, s.reason);
            }
        }
    }
    out
}
