//! History output: the threads of a series as a table, Markdown, CSV (one row per thread
//! and year), JSON and JSON Lines (one thread per line).

use crate::history::{History, Thread};
use crate::status::Status;
use std::fmt::Write;

/// The letter for what a year's review said of a promise; `-` where there is no review.
fn mark(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Met) => "M",
        Some(Status::Partial) => "P",
        Some(Status::Missed) => "X",
        Some(Status::Unmentioned) => "U",
        None => "-",
    }
}

/// The legend of [`mark`], printed under the table.
const LEGEND: &str = "years: M met, P partial, X missed, U never mentioned by that year's review, - no review in the files";

/// The years of a thread with what each review said: `2004:P 2005:M 2006:-`.
fn strip(thread: &Thread) -> String {
    thread
        .years
        .iter()
        .map(|p| format!("{}:{}", p.period, mark(p.status)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The quote of the latest year a review spoke of, with its year and item id.
fn latest_quote(thread: &Thread) -> String {
    thread
        .years
        .iter()
        .rev()
        .find_map(|p| {
            let quote = p.quote.as_ref()?;
            Some(format!(
                "{} {}: {quote}",
                p.period,
                p.evidence.as_deref().unwrap_or("")
            ))
        })
        .unwrap_or_default()
}

/// The lines above the table: body, runs, gaps, plans not tracked or not reviewed, notes on
/// the sections chosen, files left out.
pub fn header(history: &History) -> String {
    let mut out = String::new();
    let body = history
        .organization
        .as_deref()
        .unwrap_or("(body not named)");
    let runs: Vec<String> = history
        .runs
        .iter()
        .map(|r| format!("{}–{}", r.first, r.last))
        .collect();
    let _ = writeln!(
        out,
        "series: {body}; runs of consecutive plans: {}",
        runs.join(", ")
    );
    for pair in history.runs.windows(2) {
        let _ = writeln!(
            out,
            "gap: no plan between {} and {}; threads do not cross it",
            pair[0].last, pair[1].first
        );
    }
    for p in &history.plans {
        for note in &p.notes {
            let _ = writeln!(out, "plan {} ({}): {note}", p.period, p.plan_file);
        }
        match (&p.error, &p.review_file) {
            (Some(e), _) => {
                let _ = writeln!(out, "plan {} ({}) not tracked: {e}", p.period, p.plan_file);
            }
            (None, None) => {
                let _ = writeln!(
                    out,
                    "plan {} ({}): no review of it in the files; its promises are not judged",
                    p.period, p.plan_file
                );
            }
            _ => {}
        }
    }
    for l in &history.left_out {
        let _ = writeln!(out, "left out: {}: {}", l.file, l.reason);
    }
    out
}

/// The counts line below the table.
fn counts(history: &History, shown: &[&Thread]) -> String {
    let parts: Vec<String> = crate::history::Label::counts(shown)
        .iter()
        .map(|(label, n)| format!("{} {n}", label.as_str()))
        .collect();
    format!(
        "threads: {} shown of {} ({})\n",
        shown.len(),
        history.threads.len(),
        parts.join(", ")
    )
}

/// The threads as a terminal table.
pub fn table(history: &History, shown: &[&Thread], width: u16) -> String {
    let mut out = header(history);
    let rows: Vec<[String; 5]> = shown
        .iter()
        .map(|thread| {
            [
                thread.id.clone(),
                thread.label.as_str().to_string(),
                thread.years[0].text.clone(),
                strip(thread),
                latest_quote(thread),
            ]
        })
        .collect();
    let header = [
        "thread",
        "label",
        "promise (first year)",
        "years",
        "latest evidence",
    ];
    let t = super::wrap::table(width, &header, &rows);
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "{LEGEND}");
    out.push_str(&counts(history, shown));
    out
}

/// The threads as a Markdown table.
pub fn markdown(history: &History, shown: &[&Thread]) -> String {
    use super::markdown::escape;
    let mut out = String::new();
    for line in header(history).lines() {
        let _ = writeln!(out, "{}  ", escape(line));
    }
    out.push_str("\n| thread | label | promise (first year) | years | latest evidence |\n");
    out.push_str("|---|---|---|---|---|\n");
    for thread in shown {
        let _ = writeln!(
            out,
            "| {} | **{}** | {} | {} | {} |",
            thread.id,
            thread.label.as_str(),
            escape(&thread.years[0].text),
            escape(&strip(thread)),
            escape(&latest_quote(thread))
        );
    }
    let _ = writeln!(out, "\n{LEGEND}  ");
    out.push_str(&counts(history, shown));
    out
}

/// One CSV row per thread and year, for Excel (UTF-8 with a byte-order mark, CRLF).
pub fn csv(shown: &[&Thread]) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    let header = [
        "thread",
        "label",
        "first_met",
        "period",
        "goal_id",
        "promise",
        "status",
        "link_score",
        "evidence_id",
        "evidence_quote",
    ];
    super::csv::push_row(&mut out, header.iter().map(|s| s.to_string()));
    for thread in shown {
        for p in &thread.years {
            super::csv::push_row(
                &mut out,
                [
                    thread.id.clone(),
                    thread.label.as_str().to_string(),
                    thread.first_met.map_or(String::new(), |p| p.to_string()),
                    p.period.to_string(),
                    p.goal.clone(),
                    p.text.clone(),
                    p.status.map_or("", |s| s.as_str()).to_string(),
                    p.link_score.map_or(String::new(), |s| format!("{s:.3}")),
                    p.evidence.clone().unwrap_or_default(),
                    p.quote.clone().unwrap_or_default(),
                ],
            );
        }
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The whole history as one JSON document, threads filtered to those shown.
pub fn json(history: &History, shown: &[&Thread]) -> serde_json::Result<String> {
    let value = serde_json::json!({
        "organization": history.organization,
        "runs": history.runs,
        "plans": history.plans,
        "left_out": history.left_out,
        "threads": shown,
    });
    Ok(serde_json::to_string_pretty(&value)? + "\n")
}

/// One thread per line.
pub fn jsonl(shown: &[&Thread]) -> serde_json::Result<String> {
    let mut out = String::new();
    for t in shown {
        out.push_str(&serde_json::to_string(t)?);
        out.push('\n');
    }
    Ok(out)
}
