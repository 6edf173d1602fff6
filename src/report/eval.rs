//! The eval report: the figures per gold file and in total (as a table, or as JSON for
//! scripts and CI), precision and recall per status, the confusion matrix, and every wrong
//! answer; and gold threads against `history`'s.

use super::outline::new_table;
use crate::eval::folds::Setting;
use crate::eval::threads::ThreadRow;
use crate::eval::{Row, Scores, Tally, UNTRACKED};
use crate::rules::Rules;
use crate::status::Status;
use serde_json::{json, Value};
use std::fmt::Write;

fn cell(t: Tally) -> String {
    match t.ratio() {
        Some(r) => format!("{}/{} ({:.1}%)", t.right, t.total, r * 100.0),
        None => "-".to_string(),
    }
}

fn share(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |a| format!("{:.1}%", a * 100.0))
}

fn percent(num: usize, den: usize) -> String {
    if den == 0 {
        "-".to_string()
    } else {
        format!("{:.1}%", num as f64 * 100.0 / den as f64)
    }
}

/// Renders the scores of each gold file and the total as tables.
pub fn render(each: &[Row], total: &Scores, width: u16) -> String {
    let mut out = String::new();
    let folds = each.iter().any(|r| r.setting.is_some());
    let mut table = new_table(width);
    let mut header = vec![
        "gold file",
        "labels",
        "balanced",
        "unmentioned",
        "mentioned",
        "evidence",
        "targets",
    ];
    if folds {
        header.push("threshold / mass / power");
    }
    table.set_header(header);
    let rows = each
        .iter()
        .map(|r| (r.path.display().to_string(), &r.scores, r.setting))
        .chain([("total".to_string(), total, None)]);
    for (file, s, threshold) in rows {
        let mut row = vec![
            file,
            cell(s.labels()),
            share(s.balanced_accuracy()),
            cell(s.unmentioned),
            cell(s.mentioned),
            cell(s.evidence),
            cell(s.targets),
        ];
        if folds {
            row.push(threshold.map_or(String::new(), |t| {
                format!("{:.2} / {:.0} / {:.0}", t.threshold, t.min_mass, t.power)
            }));
        }
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
    let how = if folds {
        "leave one pair out: each file scored with the task settings chosen on the others"
    } else {
        "every file scored with the rules' task settings"
    };
    let _ = writeln!(
        out,
        "status accuracy: {} (goals {}, tasks {}, commitments {})",
        share(total.accuracy()),
        cell(total.goals),
        cell(total.tasks),
        cell(total.commitments),
    );
    let _ = writeln!(
        out,
        "balanced accuracy: {} (mean of recall on unmentioned and on all other labels; {how})",
        share(total.balanced_accuracy()),
    );
    let _ = writeln!(
        out,
        "untracked (no goal holds the text): {}; tasks judged by their goal's verdict: {}\n",
        total.untracked, total.by_goal
    );
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
    header.push("untracked".to_string());
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

/// A share rounded to four places, or null.
fn num(x: Option<f64>) -> Value {
    x.map_or(Value::Null, |x| json!((x * 10_000.0).round() / 10_000.0))
}

fn tally(t: Tally) -> Value {
    json!({"right": t.right, "total": t.total, "accuracy": num(t.ratio())})
}

/// Every figure of one gold file or of the total.
fn figures(s: &Scores) -> Value {
    let confusion: serde_json::Map<String, Value> = Status::ALL
        .iter()
        .enumerate()
        .map(|(g, gold)| {
            let row: serde_json::Map<String, Value> = Status::ALL
                .iter()
                .map(|p| p.as_str())
                .chain(["untracked"])
                .enumerate()
                .map(|(p, name)| (name.to_string(), json!(s.confusion[g][p])))
                .collect();
            (gold.as_str().to_string(), Value::Object(row))
        })
        .collect();
    debug_assert_eq!(UNTRACKED, Status::ALL.len());
    json!({
        "labels": s.labels().total,
        "right": s.labels().right,
        "accuracy": num(s.accuracy()),
        "balanced_accuracy": num(s.balanced_accuracy()),
        "recall_unmentioned": num(s.unmentioned.ratio()),
        "recall_mentioned": num(s.mentioned.ratio()),
        "unmentioned_labels": s.unmentioned.total,
        "evidence_accuracy": num(s.evidence.ratio()),
        "evidence_labels": s.evidence.total,
        "target_accuracy": num(s.targets.ratio()),
        "goals": tally(s.goals),
        "tasks": tally(s.tasks),
        "commitments": tally(s.commitments),
        "targets": tally(s.targets),
        "untracked": s.untracked,
        "tasks_judged_by_goal": s.by_goal,
        "confusion": confusion,
    })
}

/// Every figure as JSON: `files[]` (each with `file`, the `threshold` and `min_mass` chosen
/// for it under `--folds` or else the rules' own, and its figures) and `total`.
pub fn json(each: &[Row], total: &Scores, rules: &Rules) -> String {
    let own = Setting {
        threshold: rules.tasks.threshold,
        min_mass: rules.tasks.min_mass,
        power: rules.tasks.power,
    };
    let files: Vec<Value> = each
        .iter()
        .map(|r| {
            let mut v = figures(&r.scores);
            let s = r.setting.unwrap_or(own);
            v["file"] = json!(r.path.display().to_string());
            v["threshold"] = json!(s.threshold);
            v["min_mass"] = json!(s.min_mass);
            v["power"] = json!(s.power);
            v
        })
        .collect();
    let doc = json!({
        "folds": each.iter().any(|r| r.setting.is_some()),
        "rules_threshold": own.threshold,
        "rules_min_mass": own.min_mass,
        "rules_power": own.power,
        "files": files,
        "total": figures(total),
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Gold threads against the tool's: each gold file's figures (years right, label right,
/// both), then every thread that is not right in both, with what the tool found.
pub fn threads(files: &[(std::path::PathBuf, Vec<ThreadRow>)], width: u16) -> String {
    let mut out = String::new();
    let mut t = new_table(width);
    t.set_header([
        "gold file",
        "threads",
        "years right",
        "label right",
        "both right",
    ]);
    let pct = |n: usize, d: usize| format!("{n}/{d} ({:.1}%)", 100.0 * n as f64 / d.max(1) as f64);
    let (mut all, mut years, mut labels, mut both) = (0, 0, 0, 0);
    for (path, rows) in files {
        let y = rows.iter().filter(|r| r.years_right()).count();
        let l = rows.iter().filter(|r| r.label_right()).count();
        let b = rows
            .iter()
            .filter(|r| r.years_right() && r.label_right())
            .count();
        t.add_row([
            path.display().to_string(),
            rows.len().to_string(),
            pct(y, rows.len()),
            pct(l, rows.len()),
            pct(b, rows.len()),
        ]);
        all += rows.len();
        years += y;
        labels += l;
        both += b;
    }
    t.add_row([
        "total".to_string(),
        all.to_string(),
        pct(years, all),
        pct(labels, all),
        pct(both, all),
    ]);
    let _ = writeln!(out, "{t}");
    let _ = writeln!(out, "threads right in years and label: {}", pct(both, all));
    for (_, rows) in files {
        for r in rows
            .iter()
            .filter(|r| !(r.years_right() && r.label_right()))
        {
            let want: Vec<String> = r.want_years.iter().map(|y| y.to_string()).collect();
            let got = match &r.got {
                Some((years, label)) => {
                    let years: Vec<String> = years.iter().map(|y| y.to_string()).collect();
                    format!("{} [{}]", label.as_str(), years.join(" "))
                }
                None => "no thread holds the key".to_string(),
            };
            let _ = writeln!(
                out,
                "  `{}`: want {} [{}], got {got}",
                r.key,
                r.want.join("|"),
                want.join(" ")
            );
        }
    }
    out
}
