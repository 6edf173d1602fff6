//! The accountability table as Markdown, for reports and issues.

use super::{evidence_cell, header_lines};
use crate::track::TrackReport;
use std::fmt::Write;

/// Renders `report` as a Markdown table.
pub fn render(report: &TrackReport) -> String {
    let mut out = String::new();
    for line in header_lines(report).lines() {
        let _ = writeln!(out, "{}  ", escape(line));
    }
    out.push('\n');
    out.push_str("| id | goal | status | score | evidence |\n|---|---|---|---:|---|\n");
    for goal in &report.goals {
        let evidence = evidence_cell(&goal.evidence, &goal.reason, &[], false);
        let _ = writeln!(
            out,
            "| {} | {} | **{}** | {:.2} | {} |",
            escape(&goal.id),
            escape(&goal.text),
            goal.status.as_str(),
            goal.score,
            escape(&evidence)
        );
        for c in &goal.commitments {
            let evidence = evidence_cell(&c.evidence, &c.reason, &[], false);
            let score = c
                .evidence
                .first()
                .map_or(String::new(), |e| format!("{:.2}", e.score));
            let _ = writeln!(
                out,
                "| | ↳ {} | {} | {score} | {} |",
                escape(&c.name),
                c.status.as_str(),
                escape(&evidence)
            );
        }
    }
    for line in super::ignored_lines(report).lines() {
        let _ = writeln!(out, "\n{}", escape(line.trim()));
    }
    let rows = super::targets::rows(report);
    if !rows.is_empty() {
        let _ = writeln!(
            out,
            "\n| {} |\n|{}",
            super::targets::HEADER.join(" | "),
            "---|".repeat(8)
        );
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            let _ = writeln!(out, "| {} |", cells.join(" | "));
        }
    }
    let _ = writeln!(out, "\n{}", super::counts_line(report));
    out
}

/// Escapes what would break a Markdown table cell.
pub(super) fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', "<br>")
}
