//! The quantitative-target table (量化指标落实情况表): every numeric target of the plan set
//! against the actual the summary reports.

use crate::track::{TargetResult, TrackReport};

/// The target as written: `≥ 700亿元`, `≈ 5%`, `≤ 5.5%`, or the mask (`X亿元`).
pub fn target_cell(t: &TargetResult) -> String {
    let sign = match t.comparator.words() {
        "at least" => "≥ ",
        "at most" => "≤ ",
        _ => "≈ ",
    };
    match (t.target, &t.masked) {
        (Some(v), _) => format!("{sign}{}{}", number(v), t.unit),
        (None, Some(mask)) => format!("{sign}{mask}{}", t.unit),
        (None, None) => "-".to_string(),
    }
}

/// The actual with its unit, or `-`.
pub fn actual_cell(t: &TargetResult) -> String {
    t.actual
        .map_or("-".to_string(), |v| format!("{}{}", number(v), t.unit))
}

/// A number without trailing zeros: 700, 15, 284.61.
pub fn number(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Rows of the table, as cells.
pub fn rows(report: &TrackReport) -> Vec<[String; 8]> {
    report
        .all_targets()
        .map(|t| {
            [
                t.goal.clone().unwrap_or_else(|| "(lead)".into()),
                t.metric.clone(),
                target_cell(t),
                actual_cell(t),
                t.actual_scope.clone().unwrap_or_else(|| "-".into()),
                t.percent_of_target
                    .map_or("-".into(), |p| format!("{p:.1}%")),
                t.status.as_str().to_string(),
                match &t.actual_quote {
                    Some(a) => format!("{}\n→ {a}", t.target_quote),
                    None => t.target_quote.clone(),
                },
            ]
        })
        .collect()
}

pub const HEADER: [&str; 8] = [
    "goal",
    "metric",
    "target",
    "actual",
    "scope",
    "% of target",
    "status",
    "quotes",
];

/// Renders the table for a terminal, or a line saying there are no targets.
pub fn render(report: &TrackReport, width: u16) -> String {
    let rows = rows(report);
    if rows.is_empty() {
        return "targets: the plan sets no numeric target\n".to_string();
    }
    let table = super::wrap::table(width, &HEADER, &rows);
    format!("targets ({}):\n{table}\n", report.all_targets().count())
}
