//! The accountability table for a terminal: one row per goal with its commitments indented
//! below it, then the count of each status. Colour (status cells, the matched words in the
//! evidence) only when the caller says the terminal supports it.

use super::{evidence_cell, header_lines, outline::new_table, Look};
use crate::status::Status;
use crate::track::TrackReport;
use comfy_table::{Attribute, Cell, Color};
use std::fmt::Write;

/// Renders `report` as a terminal table.
pub fn render(report: &TrackReport, look: Look) -> String {
    let mut out = header_lines(report);
    let mut table = new_table(look.width);
    table.set_header(["id", "goal", "status", "score", "evidence"]);
    for goal in &report.goals {
        let names: Vec<&str> = goal.commitments.iter().map(|c| c.name.as_str()).collect();
        table.add_row(vec![
            Cell::new(format!("{}\n{}", goal.id, goal.path)),
            Cell::new(&goal.text),
            status_cell(goal.status, look.color),
            Cell::new(format!("{:.2}", goal.score)),
            Cell::new(evidence_cell(
                &goal.evidence,
                &goal.reason,
                &names,
                look.color,
            )),
        ]);
        for c in &goal.commitments {
            let names = [c.name.as_str()];
            table.add_row(vec![
                Cell::new(""),
                Cell::new(format!("  └ {}", c.name)),
                status_cell(c.status, look.color),
                Cell::new(
                    c.evidence
                        .first()
                        .map_or(String::new(), |e| format!("{:.2}", e.score)),
                ),
                Cell::new(evidence_cell(&c.evidence, &c.reason, &names, look.color)),
            ]);
        }
    }
    let _ = writeln!(out, "{table}");
    out.push_str(&super::ignored_lines(report));
    out.push_str(&super::targets::render(report, look.width));
    let _ = writeln!(out, "{}", super::counts_line(report));
    out
}

fn status_cell(status: Status, color: bool) -> Cell {
    let cell = Cell::new(status.as_str());
    if !color {
        return cell;
    }
    let c = match status {
        Status::Met => Color::Green,
        Status::Partial => Color::Yellow,
        Status::Missed => Color::Red,
        Status::Unmentioned => Color::DarkGrey,
    };
    cell.fg(c).add_attribute(Attribute::Bold)
}
