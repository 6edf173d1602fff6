//! Verdicts: a task's status from the sentence that settles it, and a goal's from its tasks.
//!
//! A task with no sentence covering at least `threshold` of it is **unmentioned**. Otherwise
//! the best sentence settles it, in this order:
//! - a sentence of the problems section → **missed**;
//! - a number of the task (新增25家) set against the same measure in the sentence: reached →
//!   **met**, short → **partial**;
//! - the status words of the clause that reports the task (the one sharing the most with
//!   it: a 下降 about something else in the same sentence does not count), leaving out the
//!   words the task itself uses (a plan to 开工 reported as 开工 is done as planned): a
//!   shortfall word → **missed**, a done word → **met**, a progress word → **partial**
//!   when it is a weaker verb than the plan's (plan 建成, review 开工), **met** when the
//!   plan names no end (plan 完善, review 推进);
//! - no status word: **partial** when the plan asks to finish the thing (建成, 完成) and the
//!   review does not say it is finished; otherwise the review reports it without reserve →
//!   **met**.

use super::index::{Hit, Index};
use crate::outline::SectionKind;
use crate::rules::StatusWords;
use crate::similarity::bigrams;
use crate::status::{find_cues, CueKind, Status, Verdict};
use crate::targets;

/// A task's verdict and the hit that settled it.
#[derive(Debug, Clone)]
pub struct TaskVerdict {
    pub verdict: Verdict,
    /// The settling sentence, when one covers enough of the task.
    pub hit: Option<Hit>,
    /// The best coverage found, settling or not.
    pub best: f64,
}

/// Judges a task from its hits (best first).
pub fn judge_task(
    task: &str,
    hits: &[Hit],
    index: &Index,
    threshold: f64,
    words: &StatusWords,
) -> TaskVerdict {
    let best = hits.first().map_or(0.0, |h| h.coverage);
    let Some(hit) = hits.first().filter(|h| h.coverage >= threshold) else {
        let reason = format!(
            "no review sentence covers {:.0}% of it (best {:.0}%)",
            threshold * 100.0,
            best * 100.0
        );
        return TaskVerdict {
            verdict: Verdict::new(Status::Unmentioned, reason, vec![]),
            hit: None,
            best,
        };
    };
    let sentence = &index.sentences[hit.sentence];
    let verdict = settle(task, &sentence.text, sentence.kind, words);
    TaskVerdict {
        verdict,
        hit: Some(hit.clone()),
        best,
    }
}

fn settle(task: &str, sentence: &str, kind: SectionKind, words: &StatusWords) -> Verdict {
    if kind == SectionKind::Problems {
        return Verdict::new(Status::Missed, "named in the problems section", vec![]);
    }
    if let Some((reached, number)) = targets::compare_first(task, sentence) {
        return if reached {
            Verdict::new(
                Status::Met,
                format!("{number} reaches the target"),
                vec![number],
            )
        } else {
            Verdict::new(
                Status::Partial,
                format!("{number} falls short of the target"),
                vec![number],
            )
        };
    }
    // The words that decide stand in the clause that reports the task, not in one about
    // something else (不良贷款率…下降 beside 金融体系运行稳健).
    let all_cues = find_cues(reporting_clause(task, sentence), words);
    let cues: Vec<_> = all_cues
        .iter()
        .filter(|c| !task.contains(c.word.as_str()))
        .collect();
    // A plan that asks only to push a thing on (推进, 完善, 做好) is carried out when the
    // review says it was pushed on; progress falls short only of a plan to finish (建成).
    let plan_to_finish = find_cues(task, words)
        .iter()
        .any(|c| c.kind == CueKind::Done);
    for kind in [CueKind::Shortfall, CueKind::Done, CueKind::Progress] {
        if let Some(c) = cues.iter().find(|c| c.kind == kind) {
            if kind == CueKind::Progress && !plan_to_finish {
                let reason = format!(
                    "“{}” in the clause that reports it, as the plan asked (it names no end)",
                    c.word
                );
                return Verdict::new(Status::Met, reason, vec![c.word.clone()]);
            }
            let reason = format!("“{}” in the clause that reports it", c.word);
            return Verdict::new(kind.status(), reason, vec![c.word.clone()]);
        }
    }
    let finished = all_cues.iter().any(|c| c.kind == CueKind::Done);
    if plan_to_finish && !finished {
        return Verdict::new(
            Status::Partial,
            "the plan asks to finish it and the review does not say it is finished",
            vec![],
        );
    }
    Verdict::new(
        Status::Met,
        "reported with no word of progress or shortfall",
        vec![],
    )
}

/// The clause of `sentence` (split at ，and ；) that shares the most character bigrams with
/// `task`, the first of equals; the whole sentence when none shares any.
fn reporting_clause<'a>(task: &str, sentence: &'a str) -> &'a str {
    let task_grams = bigrams(task);
    let mut best: Option<(usize, &str)> = None;
    for clause in sentence.split(['，', '；', ',', ';']) {
        let shared = bigrams(clause)
            .iter()
            .filter(|g| task_grams.contains(g))
            .count();
        if shared > best.map_or(0, |b| b.0) {
            best = Some((shared, clause));
        }
    }
    best.map_or(sentence, |b| b.1)
}

/// A goal's status from its tasks: all met → met; none mentioned → unmentioned; every
/// mentioned task missed → missed; otherwise partial.
pub fn roll_up(parts: impl Iterator<Item = Status>) -> Status {
    let parts: Vec<Status> = parts.collect();
    let all = |s: Status| parts.iter().all(|p| *p == s);
    if parts.is_empty() || all(Status::Unmentioned) {
        Status::Unmentioned
    } else if all(Status::Met) {
        Status::Met
    } else if parts
        .iter()
        .all(|p| matches!(p, Status::Missed | Status::Unmentioned))
    {
        Status::Missed
    } else {
        Status::Partial
    }
}

/// The goal's verdict from its tasks', with a reason that counts them.
pub fn goal_verdict(tasks: &[Status]) -> Verdict {
    let status = roll_up(tasks.iter().copied());
    let count = |s| tasks.iter().filter(|t| **t == s).count();
    let reason = format!(
        "{} of {} tasks met, {} partial, {} missed, {} never mentioned",
        count(Status::Met),
        tasks.len(),
        count(Status::Partial),
        count(Status::Missed),
        count(Status::Unmentioned)
    );
    Verdict::new(status, reason, vec![])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use Status::*;

    fn settle_with(task: &str, sentence: &str) -> Status {
        let rules = Rules::from_defaults().unwrap();
        settle(task, sentence, SectionKind::Summary, &rules.status).status
    }

    /// Only the clause that reports the task decides: a shortfall word in a clause about
    /// something else does not make the task missed, nor a done word one met.
    #[test]
    fn the_reporting_clause_decides() {
        assert_eq!(
            settle_with(
                "保持园区安全生产形势稳定",
                "园区安全生产形势稳定，事故起数同比下降20%。"
            ),
            Met
        );
        assert_eq!(
            settle_with(
                "建成园区污水处理厂",
                "园区道路全面建成，污水处理厂开工建设。"
            ),
            Partial
        );
    }

    /// The plan's own verb in the review is done as planned; a weaker verb is progress.
    #[test]
    fn weaker_verbs_are_progress() {
        assert_eq!(settle_with("开工建设沪通铁路", "沪通铁路开工建设。"), Met);
        assert_eq!(settle_with("建成沪通铁路", "沪通铁路开工建设。"), Partial);
        assert_eq!(settle_with("建成沪通铁路", "沪通铁路建成通车。"), Met);
    }

    /// A plan to finish a thing is met only when the review says it is finished: one that
    /// names the thing with no word of how far it got is partial, where a plan that names no
    /// end is met by the mention.
    #[test]
    fn a_plan_to_finish_needs_a_word_of_finishing() {
        assert_eq!(
            settle_with("基本建成某某救治体系", "某某救治体系不断健全。"),
            Partial
        );
        assert_eq!(
            settle_with("基本建成某某救治体系", "某某救治体系基本建成。"),
            Met
        );
        assert_eq!(
            settle_with("健全某某救治体系", "某某救治体系不断健全。"),
            Met
        );
    }

    /// A review that names a shortcoming in its own words, outside any problems section,
    /// reports the task missed, not met.
    #[test]
    fn a_shortcoming_in_the_reviews_words_is_missed() {
        assert_eq!(
            settle_with("培育某某消费热点", "投资增长乏力，新的某某消费热点不多。"),
            Missed
        );
        assert_eq!(
            settle_with(
                "解决某某领域的突出问题",
                "群众不满意的某某领域问题依然较多。"
            ),
            Missed
        );
        assert_eq!(
            settle_with("培育某某消费热点", "新的某某消费热点不断涌现。"),
            Met
        );
    }

    /// A number of the task is set against the sentence's.
    #[test]
    fn numbers_decide_where_both_exist() {
        assert_eq!(
            settle_with("新增城镇就业900万人", "城镇新增就业1102万人。"),
            Met
        );
        assert_eq!(
            settle_with("新增城镇就业900万人", "城镇新增就业800万人。"),
            Partial
        );
    }

    /// A goal rolls up from its tasks.
    #[test]
    fn goals_roll_up() {
        assert_eq!(roll_up([Met, Met].into_iter()), Met);
        assert_eq!(roll_up([Unmentioned, Unmentioned].into_iter()), Unmentioned);
        assert_eq!(roll_up([Met, Unmentioned].into_iter()), Partial);
        assert_eq!(roll_up([Missed, Unmentioned].into_iter()), Missed);
        assert_eq!(roll_up(std::iter::empty()), Unmentioned);
    }
}
