//! Report: renderers that turn the pipeline's results into text. Nothing else prints.
//!
//! One file per format; [`Format`] chooses among them.

pub mod batch;
pub mod csv;
pub mod eval;
pub mod explain;
pub mod history;
pub mod html;
pub mod json;
pub mod markdown;
pub mod outline;
pub mod progress;
pub mod table;
pub mod targets;
pub mod wrap;

use crate::track::{Evidence, TrackReport};
use std::io::IsTerminal;

/// Output formats of `plantrack track`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Markdown,
    Csv,
    Json,
    /// One self-contained page to open in a browser or mail on.
    Html,
}

/// How a terminal table looks: its width and whether it may use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    pub width: u16,
    pub color: bool,
}

impl Look {
    /// The terminal's look: colour when stdout is a terminal and `NO_COLOR` is unset.
    pub fn detect() -> Look {
        let tty = std::io::stdout().is_terminal();
        Look {
            width: width(),
            color: tty && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

/// Renders `report` in `format`.
pub fn render(report: &TrackReport, format: Format, look: Look) -> anyhow::Result<String> {
    Ok(match format {
        Format::Table => table::render(report, look),
        Format::Markdown => markdown::render(report),
        Format::Csv => csv::render(report),
        Format::Json => json::render(report)?,
        Format::Html => html::track(report),
    })
}

/// Width for tables: `COLUMNS` or 120 when stdout is a terminal, else a fixed 120 columns
/// so that output to a file or pipe is the same on every machine.
pub fn width() -> u16 {
    if std::io::stdout().is_terminal() {
        if let Some(n) = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.parse::<u16>().ok())
        {
            return n.max(60);
        }
    }
    120
}

/// The lines above a report: which sections were compared, and any notes.
pub fn header_lines(report: &TrackReport) -> String {
    let side = |label: &str, s: &crate::track::Side| {
        format!(
            "{label}: {} {} [{}] {} — {}",
            s.file,
            s.sections.join("+"),
            s.period.map_or("?".into(), |p| p.to_string()),
            s.organization.as_deref().unwrap_or("(no organization)"),
            s.title.as_deref().unwrap_or("(no title)")
        )
    };
    let mut out = format!(
        "{}\n{}\n",
        side("plan", &report.plan),
        side("summary", &report.summary)
    );
    for note in &report.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out
}

/// The goals that `[ignore]` rules left out, one line each, after the rows.
pub fn ignored_lines(report: &TrackReport) -> String {
    let mut out = String::new();
    if !report.ignored.is_empty() {
        out.push_str(&format!("ignored by rules ({}):\n", report.ignored.len()));
    }
    for i in &report.ignored {
        out.push_str(&format!(
            "  {} {} — {} ({})\n",
            i.id, i.path, i.text, i.rule
        ));
    }
    out
}

/// The status counts after the rows.
pub fn counts_line(report: &TrackReport) -> String {
    let c = &report.counts;
    let k = &report.commitment_counts;
    let not_tasks: usize = report.goals.iter().map(|g| g.not_tasks.len()).sum();
    let mut line = format!(
        "goals: {} (met {}, partial {}, missed {}, unmentioned {}); commitments: {} (met {}, partial {}, missed {}, unmentioned {})",
        c.total(), c.met, c.partial, c.missed, c.unmentioned,
        k.total(), k.met, k.partial, k.missed, k.unmentioned
    );
    if not_tasks > 0 {
        line.push_str(&format!(
            "; {not_tasks} clauses not taken as tasks (listed by --explain, and in JSON as not_tasks)"
        ));
    }
    let passed = report.passed_over.len();
    if passed > 0 {
        line.push_str(&format!(
            "; {passed} review sentences that report on nothing (thanks, lessons) never taken as evidence (listed by --explain, and in JSON as passed_over)"
        ));
    }
    line
}

/// The evidence column: the best item's id, score and quote, with the names highlighted
/// when `color` is on; then how many more items there are; then the reason.
pub fn evidence_cell(evidence: &[Evidence], reason: &str, names: &[&str], color: bool) -> String {
    let Some(first) = evidence.first() else {
        return format!("— {reason}");
    };
    let mut quote = first.quote.clone();
    if color {
        for name in names.iter().filter(|n| !n.is_empty()) {
            quote = quote.replace(name, &format!("\u{1b}[1;33m{name}\u{1b}[0m"));
        }
    }
    let more = if evidence.len() > 1 {
        format!(" (+{} more)", evidence.len() - 1)
    } else {
        String::new()
    };
    format!(
        "{} ({:.2}){more}: {quote}\n— {reason}",
        first.id, first.score
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::outline::SectionKind;

    fn evidence(quote: &str) -> Evidence {
        Evidence {
            id: "D1.S1.I1".into(),
            path: "一".into(),
            section: SectionKind::Summary,
            quote: quote.into(),
            text: quote.into(),
            score: 0.5,
        }
    }

    /// With colour, the matched name is highlighted in the quote; without, the text is plain.
    #[test]
    fn evidence_highlights_names_only_in_colour() {
        let e = [evidence("甲工程完工。")];
        let plain = evidence_cell(&e, "why", &["甲工程"], false);
        assert_eq!(plain, "D1.S1.I1 (0.50): 甲工程完工。\n— why");
        let colour = evidence_cell(&e, "why", &["甲工程"], true);
        assert!(colour.contains("\u{1b}[1;33m甲工程\u{1b}[0m"));
    }

    /// A goal with no evidence says why in the evidence column.
    #[test]
    fn no_evidence_shows_the_reason() {
        assert_eq!(
            evidence_cell(&[], "no summary item matches", &[], false),
            "— no summary item matches"
        );
    }
}
