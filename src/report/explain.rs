//! `--explain`: why one goal got its status. The goal and its commitments, the rules that
//! fired, and the best candidates with every part of their score; then the review sentences
//! that are never evidence.

use crate::rules::Rules;
use crate::track::{GoalResult, TrackReport};
use std::fmt::Write;

/// Explains each goal of `report` whose id is `wanted`, or whose text contains it (or
/// matches it as a regular expression). `None` when no goal fits.
pub fn render(report: &TrackReport, wanted: &str, rules: &Rules, width: u16) -> Option<String> {
    let pattern = regex::Regex::new(wanted).ok();
    let fits = |g: &&GoalResult| {
        g.id == wanted
            || g.text.contains(wanted)
            || pattern.as_ref().is_some_and(|p| p.is_match(&g.text))
    };
    let by_id: Vec<&GoalResult> = report.goals.iter().filter(|g| g.id == wanted).collect();
    let goals = if by_id.is_empty() {
        report.goals.iter().filter(fits).collect()
    } else {
        by_id
    };
    if goals.is_empty() {
        return None;
    }
    let mut out = String::new();
    for goal in goals {
        explain_goal(&mut out, goal, rules, width);
    }
    if !report.passed_over.is_empty() {
        let _ = writeln!(
            out,
            "review sentences never taken as evidence ({}):",
            report.passed_over.len()
        );
        for p in &report.passed_over {
            let _ = writeln!(out, "  {} {} — {}", p.id, p.sentence, p.why);
        }
    }
    Some(out)
}

fn explain_goal(out: &mut String, goal: &GoalResult, rules: &Rules, width: u16) {
    let _ = writeln!(out, "goal {} ({})", goal.id, goal.path);
    let _ = writeln!(out, "  {}", goal.text);
    let _ = writeln!(
        out,
        "status: {} (best score {:.3}) — {}",
        goal.status.as_str(),
        goal.score,
        goal.reason
    );
    if !goal.words.is_empty() {
        let _ = writeln!(out, "deciding words: {}", goal.words.join(", "));
    }
    let _ = writeln!(
        out,
        "score = {:.2} × ngram + {:.2} × commitments named (ngram alone when the goal names none); evidence at {:.3} or more",
        rules.weight_ngram, rules.weight_commitments, rules.evidence_threshold
    );
    if goal.fired.is_empty() {
        let _ = writeln!(out, "rules that fired: none beyond the defaults");
    } else {
        let _ = writeln!(out, "rules that fired:");
        for f in &goal.fired {
            let _ = writeln!(out, "  - {f}");
        }
    }
    let header = [
        "item",
        "score",
        "ngram",
        "named",
        "shared bigrams",
        "verdict",
        "quote",
    ];
    let rows: Vec<[String; 7]> = goal
        .candidates
        .iter()
        .map(|(c, e)| {
            let kept = goal.evidence.iter().any(|k| k.id == e.id);
            let verdict = match (&c.excluded, &c.pinned) {
                (Some(rule), _) => format!("excluded by {rule}"),
                (None, Some(rule)) => format!("evidence, pinned by {rule}"),
                _ if kept => "evidence".to_string(),
                _ if c.score >= rules.evidence_threshold => {
                    "not kept: overlaps an item kept, or past max_evidence".to_string()
                }
                _ => "below threshold".to_string(),
            };
            [
                format!("{}\n{}", e.id, e.path),
                format!("{:.3}", c.score),
                format!("{:.3}", c.ngram),
                format!("{:.0}%", c.commitment_share * 100.0),
                c.shared.join(" "),
                verdict,
                e.quote.clone(),
            ]
        })
        .collect();
    let table = super::wrap::table(width, &header, &rows);
    let _ = writeln!(out, "best candidates ({}):", goal.candidates.len());
    let _ = writeln!(out, "{table}");
    if goal.commitments.is_empty() {
        let _ = writeln!(out, "commitments: none named");
    } else {
        let _ = writeln!(out, "commitments:");
    }
    for c in &goal.commitments {
        let words = if c.words.is_empty() {
            String::new()
        } else {
            format!(" [{}]", c.words.join(", "))
        };
        let _ = writeln!(
            out,
            "  - {} ({}): {} — {}{words}",
            c.name,
            c.source.as_str(),
            c.status.as_str(),
            c.reason
        );
        for e in &c.evidence {
            let _ = writeln!(out, "      {} {}: {}", e.id, e.path, e.quote);
        }
        for t in &c.candidates {
            let shared: Vec<String> = t
                .shared
                .iter()
                .take(8)
                .map(|(w, weight)| format!("{w} {weight:.0}"))
                .collect();
            let _ = writeln!(
                out,
                "      · {:.0}% of its weight in {}: {} [shared: {}]",
                t.coverage * 100.0,
                t.id,
                t.quote,
                shared.join(", ")
            );
        }
    }
    if !goal.not_tasks.is_empty() {
        let _ = writeln!(out, "clauses not taken as tasks ([tasks] rules):");
        for n in &goal.not_tasks {
            let _ = writeln!(out, "  - {}: {}", n.text, n.why);
        }
    }
    out.push('\n');
}
