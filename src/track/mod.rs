//! Track: the main job. Chooses a plan section and the summary of the same period, runs the
//! matcher and the status stage over them, and returns a [`TrackReport`] (plain data that
//! the renderers in [`crate::report`] print).
//!
//! The stages, in the order [`track`] runs them: `select.rs` chooses the sections; this file
//! lists the plan's goals (items and lead paragraphs) with their targets and tasks;
//! `goals.rs` matches each goal as a whole against the summary items and judges it and its
//! named commitments; `tasks.rs` judges each task against the review's sentences and rolls
//! the goal's verdict up from them; this file then judges the numeric targets and counts.
//! `report.rs` holds the data a run returns. Problems sections of the chosen summary
//! document count as evidence too.

use crate::commitments;
use crate::matcher::{self, Goal, Matcher};
use crate::outline::{Document, Outline, Section};
use crate::rules::Rules;
use crate::status::Status;
use crate::targets::{self, Target};
use crate::tasks::vocab::Vocabulary;
use crate::tasks::{Extracted, NotTask, Task};

mod goals;
mod report;
mod select;
mod tasks;

pub use report::*;
pub use select::{plan_only, select, Choice, Selection};

/// Runs matcher and status over a selection. With `explain`, each goal also keeps its best
/// candidates with every score part (for `--explain`); without, that work is skipped.
pub fn track(
    plan: &Outline,
    summary: &Outline,
    sel: &Selection<'_>,
    rules: &Rules,
    explain: bool,
) -> TrackReport {
    let mut ignored = Vec::new();
    let mut goals: Vec<Goal> = Vec::new();
    let mut goal_targets: Vec<Vec<&Target>> = Vec::new();
    let mut goal_tasks: Vec<Vec<Task>> = Vec::new();
    let vocab = Vocabulary::builtin(&rules.tasks.generic);
    let Planned {
        goals: planned,
        left_out,
        mut loose_targets,
    } = plan_goals(sel, rules, &vocab);
    ignored.extend(left_out);
    let mut goal_not_tasks: Vec<Vec<NotTask>> = Vec::new();
    for (item, targets, extracted) in planned {
        if let Some(rule) = rules.ignore.iter().find(|r| r.pattern.is_match(&item.text)) {
            loose_targets.extend(targets.into_iter().map(|t| (Some(item.id.clone()), t)));
            ignored.push(IgnoredGoal {
                id: item.id.clone(),
                path: item.path.clone(),
                text: item.text.clone(),
                rule: rule.label.clone(),
            });
            continue;
        }
        goal_targets.push(targets);
        goal_tasks.push(extracted.tasks);
        goal_not_tasks.push(extracted.not_tasks);
        goals.push(Goal {
            commitments: commitments::extract(&item.text, &rules.commitments),
            ..item
        });
    }
    let evidence_sections: Vec<&Section> =
        sel.summary.iter().chain(&sel.problems).copied().collect();
    let units = matcher::units(&evidence_sections);
    // The goals matched as wholes and their tasks judged sentence by sentence are
    // independent stages: they run side by side, then the tasks roll up into the goals.
    let (mut results, (task_verdicts, passed_over)) = rayon::join(
        || {
            let m = Matcher::new(&goals, &units, rules);
            goals
                .iter()
                .enumerate()
                .map(|(g, goal)| goals::judge(&m, g, goal, &units, rules, explain))
                .collect::<Vec<GoalResult>>()
        },
        || tasks::verdicts(&goals, goal_tasks, &units, rules, vocab, explain),
    );
    let summary_texts = summary_texts(sel);
    let summary_texts: Vec<&str> = summary_texts.iter().map(String::as_str).collect();
    let summary_texts = targets::prepare(&summary_texts);
    tasks::apply(&mut results, task_verdicts, rules);
    for ((r, targets), not_tasks) in results.iter_mut().zip(goal_targets).zip(goal_not_tasks) {
        r.targets = targets
            .into_iter()
            .map(|t| judge_target(t, Some(&r.id), &summary_texts, &r.commitments))
            .collect();
        r.not_tasks = not_tasks;
    }
    let loose_targets = loose_targets
        .into_iter()
        .map(|(id, t)| judge_target(t, id.as_deref(), &summary_texts, &[]))
        .collect();
    let counts = Counts::of(results.iter().map(|r| r.status));
    let commitment_counts = Counts::of(
        results
            .iter()
            .flat_map(|r| r.commitments.iter().map(|c| c.status)),
    );
    let unused_rules = unused_rules(rules, &results, &ignored);
    TrackReport {
        plan: side(plan, sel.plan_doc, &sel.plan),
        summary: side(summary, sel.summary_doc, &sel.summary),
        notes: sel.notes.clone(),
        goals: results,
        ignored,
        targets: loose_targets,
        counts,
        commitment_counts,
        passed_over,
        unused_rules,
    }
}

/// A goal of the plan with its numeric targets and what its text splits into.
type PlanGoal<'a> = (Goal, Vec<&'a Target>, Extracted);

/// The goals of the chosen plan sections, and what is not a goal.
struct Planned<'a> {
    goals: Vec<PlanGoal<'a>>,
    /// Lead paragraphs that hold no task, to be listed as left out.
    left_out: Vec<IgnoredGoal>,
    /// The targets of plan text that is no goal, each with the id of that text (a lead
    /// paragraph left out, an item with sub-items), or `None` when no one paragraph of a
    /// section's lead holds it.
    loose_targets: Vec<(Option<String>, &'a Target)>,
}

/// The goals of the chosen plan sections, in order, each with its numeric targets and its
/// tasks: the paragraphs of a section's lead that hold a task (ids `D1.S2.L1`), then the
/// section's leaf items, and the items with sub-items whose own text holds a task. A lead
/// paragraph that holds no task (slogans, framing) is left out, and listed.
fn plan_goals<'a>(sel: &'a Selection<'_>, rules: &Rules, vocab: &Vocabulary) -> Planned<'a> {
    let extract = |text: &str, title: &str| crate::tasks::extract(text, title, &rules.tasks, vocab);
    let mut out = Vec::new();
    let mut left_out = Vec::new();
    let mut loose_targets = Vec::new();
    for section in &sel.plan {
        let mut lead_targets = by_paragraph(&section.lead_paragraphs, &section.targets);
        loose_targets.extend(
            lead_targets
                .pop()
                .unwrap_or_default()
                .into_iter()
                .map(|t| (None, t)),
        );
        for ((n, p), targets) in section.lead_paragraphs.iter().enumerate().zip(lead_targets) {
            let id = format!("{}.L{}", section.id, n + 1);
            // A lead paragraph has no heading: its first sentence is a task like the rest.
            let tasks = extract(p, "");
            if tasks.tasks.is_empty() {
                loose_targets.extend(targets.into_iter().map(|t| (Some(id.clone()), t)));
                left_out.push(IgnoredGoal {
                    id,
                    path: format!("(lead ¶{})", n + 1),
                    text: p.clone(),
                    rule: "[tasks]: a lead paragraph with no task in it".to_string(),
                });
                continue;
            }
            let end = p.find(['。', '；', '：']).unwrap_or(p.len());
            let goal = Goal {
                id,
                path: format!("(lead ¶{})", n + 1),
                title: p[..end].chars().take(40).collect(),
                text: p.clone(),
                commitments: Vec::new(),
            };
            out.push((goal, targets, tasks));
        }
        for item in &section.items {
            // An item with sub-items is a goal of its own too when its own text after its
            // heading (before its first sub-item) holds a task: （一）…要坚持…，加强和改善…
            // 一是…, 第一，…: the first sentence of a running enumeration is its first task,
            // not a heading.
            let heading = if item.enumerated { "" } else { &item.title };
            let tasks = if item.is_leaf {
                extract(&item.text, heading)
            } else {
                let body = item.text.strip_prefix(heading).unwrap_or("");
                extract(body, "")
            };
            if !item.is_leaf && tasks.tasks.is_empty() {
                loose_targets.extend(item.targets.iter().map(|t| (Some(item.id.clone()), t)));
                continue;
            }
            let goal = Goal {
                id: item.id.clone(),
                path: item.path.clone(),
                title: item.title.clone(),
                text: item.text.clone(),
                commitments: Vec::new(),
            };
            out.push((goal, item.targets.iter().collect(), tasks));
        }
    }
    Planned {
        goals: out,
        left_out,
        loose_targets,
    }
}

/// A section lead's targets by the paragraph that holds each (its clause), and last those no
/// one paragraph holds.
fn by_paragraph<'a>(paragraphs: &[String], targets: &'a [Target]) -> Vec<Vec<&'a Target>> {
    let mut out = vec![Vec::new(); paragraphs.len() + 1];
    for t in targets {
        let at = paragraphs
            .iter()
            .position(|p| p.contains(&t.quote))
            .unwrap_or(paragraphs.len());
        out[at].push(t);
    }
    out
}

/// The pin, block, require and ignore rules that changed nothing (the defaults have none of
/// these, so each is a user's rule worth a warning).
fn unused_rules(rules: &Rules, goals: &[GoalResult], ignored: &[IgnoredGoal]) -> Vec<String> {
    let fired = |label: &str| {
        goals.iter().any(|g| g.fired.iter().any(|f| f == label))
            || ignored.iter().any(|i| i.rule == label)
    };
    let labels = rules
        .pin
        .iter()
        .chain(&rules.block)
        .map(|r| &r.label)
        .chain(rules.require.iter().map(|r| &r.label))
        .chain(rules.ignore.iter().map(|r| &r.label));
    labels.filter(|l| !fired(l)).cloned().collect()
}

/// The texts where actuals are looked for: the summary document's opening paragraph, and
/// the lead and items of its summary and problems sections.
fn summary_texts(sel: &Selection<'_>) -> Vec<String> {
    let mut texts = vec![sel.summary_doc.intro.clone()];
    for s in sel.summary.iter().chain(&sel.problems) {
        texts.push(s.lead.clone());
        texts.extend(s.items.iter().map(|i| i.text.clone()));
    }
    texts.retain(|t| !t.is_empty());
    texts
}

/// Judges a target of the plan (found by the outline) against the summary: the actual is
/// the summary's figure for the metric as written, or else the figure for it in the
/// sentence that settles the goal's task that sets the target (`tasks`: the goal's judged
/// tasks), where the review words the metric otherwise.
fn judge_target(
    t: &Target,
    goal: Option<&str>,
    summary: &targets::Prepared<'_>,
    tasks: &[CommitmentResult],
) -> TargetResult {
    let t = t.clone();
    let (actual, via) = match targets::find_actual_in(&t, summary) {
        Some(a) => (Some(a), None),
        None => actual_from_task(&t, tasks).map_or((None, None), |(task, a)| (Some(a), Some(task))),
    };
    let mut j = targets::judge(&t, actual.as_ref());
    if let Some(task) = via {
        j.note.push_str(&format!(
            "; the review words the metric otherwise: the figure is from the sentence that settles the task “{task}”"
        ));
    }
    TargetResult {
        goal: goal.map(str::to_string),
        metric: t.metric,
        target: t.value,
        masked: t.masked,
        unit: t.unit,
        comparator: t.comparator,
        actual: actual.as_ref().map(|a| a.value),
        actual_scope: actual.as_ref().map(|a| a.scope.label()),
        status: j.status,
        percent_of_target: j.percent_of_target,
        note: j.note,
        target_quote: t.quote,
        actual_quote: actual.map(|a| a.quote),
    }
}

/// The actual of a target in the evidence of the judged task that sets it (the task's clause
/// is in the target's), with that task's name.
fn actual_from_task<'a>(
    t: &Target,
    tasks: &'a [CommitmentResult],
) -> Option<(&'a str, targets::Actual)> {
    let task = tasks.iter().find(|c| {
        c.source == commitments::Source::Action
            && c.status != Status::Unmentioned
            && t.quote.contains(&c.name)
    })?;
    let actual = task
        .evidence
        .iter()
        .find_map(|e| targets::actual_in_sentence(t, &e.quote))?;
    Some((&task.name, actual))
}

fn side(outline: &Outline, doc: &Document, sections: &[&Section]) -> Side {
    Side {
        file: outline.file.clone(),
        document: doc.id.clone(),
        title: doc.title.clone(),
        organization: doc.organization.clone(),
        section: sections.first().map_or_else(String::new, |s| s.id.clone()),
        sections: sections.iter().map(|s| s.id.clone()).collect(),
        period: sections.first().and_then(|s| s.period),
    }
}

/// Rounds a score to three decimals, as every output shows it.
pub fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}
