//! The eval report: accuracy per gold file and in total, precision and recall per status,
//! the confusion matrix, and every wrong answer.

use super::outline::new_table;
use crate::eval::{Scores, Tally};
use crate::status::Status;
use std::fmt::Write;
use std::path::PathBuf;

fn cell(t: Tally) -> String {
    match t.ratio() {
        Some(r) => format!("{}/{} ({:.1}%)", t.right, t.total, r * 100.0),
        None => "-".to_string(),
    }
}

fn percent(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", num as f64 * 100.0 / den as f64)
    }
}

/// Renders the scores of each gold file and the total.
pub fn render(each: &[(PathBuf, Scores)], total: &Scores, width: u16) -> String {
    let mut out = String::new();
    let mut table = new_table(width);
    table.set_header(["gold file", "goals", "commitments", "evidence", "targets"]);
    for (file, s) in each
        .iter()
        .map(|(f, s)| (f.display().to_string(), s))
        .chain([("total".to_string(), total)])
    {
        table.add_row([
            file,
            cell(s.goals),
            cell(s.commitments),
            cell(s.evidence),
            cell(s.targets),
        ]);
    }
    let _ = writeln!(out, "{table}");
    let accuracy = total
        .accuracy()
        .map_or("-".to_string(), |a| format!("{:.1}%", a * 100.0));
    let _ = writeln!(out, "status accuracy (goals and commitments): {accuracy}\n");
    let mut pr = new_table(width);
    pr.set_header(["status", "predicted", "precision", "gold", "recall"]);
    for (i, s) in Status::ALL.iter().enumerate() {
        let (right_p, predicted, right_g, gold) = total.per_status[i];
        pr.add_row([
            s.as_str().to_string(),
            predicted.to_string(),
            percent(right_p, predicted),
            gold.to_string(),
            percent(right_g, gold),
        ]);
    }
    let _ = writeln!(out, "precision and recall per status:\n{pr}\n");
    let mut cm = new_table(width);
    let mut header = vec!["gold \\ predicted".to_string()];
    header.extend(Status::ALL.iter().map(|s| s.as_str().to_string()));
    cm.set_header(header);
    for (g, s) in Status::ALL.iter().enumerate() {
        let mut row = vec![s.as_str().to_string()];
        row.extend(total.confusion[g].iter().map(|n| n.to_string()));
        cm.add_row(row);
    }
    let _ = writeln!(
        out,
        "confusion matrix (gold = first accepted status):\n{cm}"
    );
    if !total.wrong.is_empty() {
        let _ = writeln!(out, "\nwrong or unchecked ({}):", total.wrong.len());
        for w in &total.wrong {
            let _ = writeln!(out, "  {w}");
        }
    }
    out
}
