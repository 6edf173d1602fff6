//! The task stage of a run: splits each goal into its tasks, judges each against the
//! review's sentences, and rolls the goal's status up from them (see [`crate::tasks`]).
//!
//! A goal with tasks takes its status from them and its evidence from the item that matches
//! it as a whole and its tasks' settling sentences. A goal without tasks, or none of whose
//! tasks is reported on by name while the goal as a whole matches an item, keeps the verdict
//! the goal-level matcher gave it.

use super::report::{CommitmentResult, Evidence, GoalResult, PassedOver, TaskCandidate};
use super::round;
use crate::commitments::Source;
use crate::matcher::{Goal, Unit};
use crate::outline::SectionKind;
use crate::rules::Rules;
use crate::similarity::sentences;
use crate::status::Status;
use crate::tasks::index::{Hit, Index};
use crate::tasks::verdict::{goal_verdict, judge_task};
use crate::tasks::vocab::Vocabulary;
use crate::tasks::Task;
use std::collections::HashMap;

/// The tasks of one goal judged: each task's result with its best coverage, and the
/// sentence that reports on the goal's heading, if any.
pub(super) struct GoalTasks {
    judged: Vec<(CommitmentResult, f64)>,
    heading: Option<Evidence>,
}

/// Judges the tasks of every goal (`goal_tasks`, in the order of `goals`) against the
/// review's sentences, and returns them with the sentences passed over (`not_reports`).
/// Pure: it needs nothing of the goal-level verdicts, so a run can have it done while the
/// goals are matched as wholes.
pub(super) fn verdicts(
    goals: &[Goal],
    goal_tasks: Vec<Vec<Task>>,
    units: &[Unit],
    rules: &Rules,
    vocab: Vocabulary,
    explain: bool,
) -> (Vec<GoalTasks>, Vec<PassedOver>) {
    // Each review sentence once: an item with sub-items is a unit that repeats its
    // children's text, and the sentence is kept with the child (the narrower item).
    let mut all: Vec<(&str, usize, SectionKind)> = Vec::new();
    for (u, unit) in units.iter().enumerate() {
        for range in sentences(&unit.text) {
            let text = unit.text[range].trim();
            if !text.is_empty() {
                all.push((text, u, unit.kind));
            }
        }
    }
    let last: HashMap<&str, usize> = all.iter().enumerate().map(|(i, s)| (s.0, i)).collect();
    let review: Vec<(String, usize, SectionKind)> = all
        .iter()
        .enumerate()
        .filter(|(i, s)| last.get(s.0) == Some(i))
        .map(|(_, s)| (s.0.to_string(), s.1, s.2))
        .collect();
    let t = &rules.tasks;
    let plan = goals.iter().map(|g| g.text.as_str());
    let mut index = Index::new(review, plan, vocab, t.into(), rules.normalizer.clone());
    let passed_over = index
        .pass_over(|s| {
            t.not_report(s)
                .map(|p| format!("[tasks] not_reports: matches `{p}`"))
        })
        .into_iter()
        .map(|(i, why)| {
            let s = &index.sentences[i];
            PassedOver {
                id: units[s.unit].id.clone(),
                sentence: s.text.clone(),
                why,
            }
        })
        .collect();
    let mut out = Vec::with_capacity(goals.len());
    for (tasks, goal) in goal_tasks.into_iter().zip(goals) {
        if tasks.is_empty() {
            out.push(GoalTasks {
                judged: Vec::new(),
                heading: None,
            });
            continue;
        }
        let mut judged: Vec<(CommitmentResult, f64)> = Vec::new();
        for task in &tasks {
            let hits = index.hits(&task.text, t.candidate_weight, t.min_mass);
            let v = judge_task(&task.text, &hits, &index, t.threshold, &rules.status);
            let evidence = v
                .hit
                .iter()
                .map(|h| evidence_of(&index, units, h))
                .collect();
            judged.push((
                CommitmentResult {
                    name: task.text.clone(),
                    source: Source::Action,
                    status: v.verdict.status,
                    reason: v.verdict.reason,
                    words: v.verdict.words,
                    evidence,
                    candidates: if explain {
                        candidates(&index, units, &task.text, &hits)
                    } else {
                        Vec::new()
                    },
                },
                v.best,
            ));
        }
        // The sentence that reports on the goal's heading (污染防治攻坚战取得明显成效 for
        // 扎实推进污染防治攻坚战) sums the goal up.
        let heading = index
            .hits(&goal.title, t.candidate_weight, t.min_mass)
            .into_iter()
            .next()
            .filter(|h| h.coverage >= t.threshold)
            .map(|h| evidence_of(&index, units, &h));
        out.push(GoalTasks { judged, heading });
    }
    (out, passed_over)
}

/// Rolls each goal's status up from its judged tasks (see [`verdicts`]) and updates the goal
/// results in place.
pub(super) fn apply(results: &mut [GoalResult], verdicts: Vec<GoalTasks>, rules: &Rules) {
    for (result, GoalTasks { judged, heading }) in results.iter_mut().zip(verdicts) {
        if judged.is_empty() {
            continue;
        }
        let statuses: Vec<Status> = judged.iter().map(|(c, _)| c.status).collect();
        let verdict = goal_verdict(&statuses);
        // No task is reported on, yet the goal as a whole matches a summary item (the review
        // speaks of it in other words): keep the goal-level verdict, and say so.
        if verdict.status == Status::Unmentioned && result.status != Status::Unmentioned {
            result.reason = format!(
                "{}; no task is reported on by name ({})",
                result.reason, verdict.reason
            );
            result
                .commitments
                .extend(judged.into_iter().map(|(c, _)| c));
            continue;
        }
        result.status = verdict.status;
        result.reason = verdict.reason;
        result.words = verdict.words;
        // The goal's evidence: the item that matches it as a whole, then the sentence on its
        // heading, then its tasks' settling sentences, best first, each once.
        let mut best: Vec<&Evidence> = judged.iter().flat_map(|(c, _)| &c.evidence).collect();
        best.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.id.cmp(&b.id)));
        let whole = result.evidence.first().cloned();
        let mut evidence: Vec<Evidence> = whole.into_iter().collect();
        for e in heading.iter().chain(best) {
            if evidence.len() >= rules.max_evidence {
                break;
            }
            if !evidence.iter().any(|x| x.quote == e.quote) {
                evidence.push(e.clone());
            }
        }
        result.score = round(judged.iter().map(|(_, b)| *b).fold(0.0, f64::max));
        result.evidence = evidence;
        result
            .commitments
            .extend(judged.into_iter().map(|(c, _)| c));
    }
}

/// A review sentence as evidence, with its item.
fn evidence_of(index: &Index, units: &[Unit], hit: &Hit) -> Evidence {
    let s = &index.sentences[hit.sentence];
    let unit = &units[s.unit];
    Evidence {
        id: unit.id.clone(),
        path: unit.path.clone(),
        section: unit.kind,
        quote: s.text.clone(),
        text: unit.text.clone(),
        score: round(hit.coverage),
    }
}

/// How many review sentences `--explain` shows per task.
const EXPLAIN_SENTENCES: usize = 3;

/// A task's best sentences with their score parts, for `--explain`.
fn candidates(index: &Index, units: &[Unit], task: &str, hits: &[Hit]) -> Vec<TaskCandidate> {
    hits.iter()
        .take(EXPLAIN_SENTENCES)
        .map(|h| {
            let s = &index.sentences[h.sentence];
            TaskCandidate {
                id: units[s.unit].id.clone(),
                quote: s.text.clone(),
                coverage: h.coverage,
                shared: index.shared_words(task, h.sentence),
            }
        })
        .collect()
}
