//! The accountability table for a terminal: one row per goal with its commitments indented
//! below it, then the count of each status. Colour (status cells, the matched words in the
//! evidence) only when the caller says the terminal supports it.

use super::{evidence_cell, header_lines, outline::new_table, wrap, Look};
use crate::status::Status;
use crate::track::TrackReport;
use comfy_table::{Attribute, Cell, Color};
use std::fmt::Write;

/// Renders `report` as a terminal table.
pub fn render(report: &TrackReport, look: Look) -> String {
    let mut out = header_lines(report);
    // Every row's cells as text, then wrapped to the widths they give (see `wrap`).
    let mut rows: Vec<(Status, Vec<String>)> = Vec::new();
    for goal in &report.goals {
        let names: Vec<&str> = goal.commitments.iter().map(|c| c.name.as_str()).collect();
        rows.push((
            goal.status,
            vec![
                format!("{}\n{}", goal.id, goal.path),
                goal.text.clone(),
                goal.status.as_str().to_string(),
                format!("{:.2}", goal.score),
                evidence_cell(&goal.evidence, &goal.reason, &names, look.color),
            ],
        ));
        for c in &goal.commitments {
            let names = [c.name.as_str()];
            rows.push((
                c.status,
                vec![
                    String::new(),
                    format!("  └ {}", c.name),
                    c.status.as_str().to_string(),
                    c.evidence
                        .first()
                        .map_or(String::new(), |e| format!("{:.2}", e.score)),
                    evidence_cell(&c.evidence, &c.reason, &names, look.color),
                ],
            ));
        }
    }
    let header = ["id", "goal", "status", "score", "evidence"].map(String::from);
    let all: Vec<&[String]> = std::iter::once(&header[..])
        .chain(rows.iter().map(|(_, r)| &r[..]))
        .collect();
    let widths = wrap::widths(look.width, &all);
    let mut table = new_table(look.width);
    table.set_header(header.iter().zip(&widths).map(|(h, &w)| wrap::cell(h, w)));
    for (status, row) in &rows {
        let cells = row.iter().zip(&widths).enumerate().map(|(i, (text, &w))| {
            if i == 2 {
                status_cell(*status, look.color, w)
            } else {
                wrap::cell(text, w)
            }
        });
        table.add_row(cells.collect::<Vec<Cell>>());
    }
    wrap::fix_widths(&mut table, &widths);
    let _ = writeln!(out, "{table}");
    out.push_str(&super::ignored_lines(report));
    out.push_str(&super::targets::render(report, look.width));
    let _ = writeln!(out, "{}", super::counts_line(report));
    out
}

fn status_cell(status: Status, color: bool, width: usize) -> Cell {
    let cell = wrap::cell(status.as_str(), width);
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
