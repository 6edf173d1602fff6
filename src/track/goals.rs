//! The goal-level stage of a run: each goal matched as a whole against the summary items
//! ([`crate::matcher`]), judged by the status words of its best item, with its named
//! commitments found by name and judged by the words next to them ([`crate::status`]).
//! Goals with tasks are judged again, task by task, by `tasks.rs`; this verdict stays for
//! goals without tasks and where the review speaks of a goal only in other words.

use super::report::{CommitmentResult, Evidence, GoalResult};
use super::round;
use crate::commitments::Commitment;
use crate::matcher::{Candidate, Goal, Matcher, Mention, Unit};
use crate::outline::SectionKind;
use crate::rules::Rules;
use crate::status::{self, Status, Verdict};
use std::collections::BTreeMap;

/// How many candidates `--explain` keeps per goal.
const EXPLAIN_CANDIDATES: usize = 5;

/// Quotes a range of a unit's canonical text from its original text (same sentences).
fn evidence(
    m: &Matcher,
    units: &[Unit],
    u: usize,
    sentence: std::ops::Range<usize>,
    score: f64,
) -> Evidence {
    let unit = &units[u];
    Evidence {
        id: unit.id.clone(),
        path: unit.path.clone(),
        section: unit.kind,
        quote: m.quote(u, &sentence, &unit.text),
        text: unit.text.clone(),
        score: round(score),
    }
}

pub(super) fn judge(
    m: &Matcher,
    g: usize,
    goal: &Goal,
    units: &[Unit],
    rules: &Rules,
    explain: bool,
) -> GoalResult {
    let mentioned: Vec<Vec<Mention>> = goal
        .commitments
        .iter()
        .map(|c| m.mentions(&c.name))
        .collect();
    let cands = m.candidates(g, goal, &mentioned);
    let best_score = cands
        .iter()
        .find(|c| c.excluded.is_none())
        .map_or(0.0, |c| c.score);
    // Evidence: the best candidates over the threshold (or pinned), without a unit and its
    // parent both.
    let mut chosen: Vec<&Candidate> = Vec::new();
    for c in cands
        .iter()
        .filter(|c| c.is_evidence(rules.evidence_threshold))
    {
        let related = chosen
            .iter()
            .any(|o| units[o.unit].parent == Some(c.unit) || units[c.unit].parent == Some(o.unit));
        if !related {
            chosen.push(c);
        }
        if chosen.len() == rules.max_evidence {
            break;
        }
    }
    let evidence_list: Vec<Evidence> = chosen
        .iter()
        .map(|c| evidence(m, units, c.unit, m.best_sentence(g, c.unit), c.score))
        .collect();
    let text_verdict = chosen.first().map(|c| {
        let s = m.best_sentence(g, c.unit);
        let in_problems = units[c.unit].kind == SectionKind::Problems;
        let mut v =
            status::judge_evidence(&m.unit_canonical[c.unit], in_problems, s, &rules.status);
        if let Some(pin) = &c.pinned {
            v.reason = format!("{} (pinned by {pin})", v.reason);
        }
        v
    });
    let excluded: Vec<usize> = cands
        .iter()
        .filter(|c| c.excluded.is_some())
        .map(|c| c.unit)
        .collect();
    let commitments: Vec<CommitmentResult> = goal
        .commitments
        .iter()
        .zip(mentioned)
        .map(|(c, found)| judge_commitment(m, c, found, units, &excluded, rules))
        .collect();
    // Synonyms fire on either side: in the goal, or in an item it is compared with.
    let mut fired: Vec<String> = m.synonyms_in(&goal.text);
    for c in chosen.iter().copied().chain(cands.first()) {
        for syn in m.synonyms_in(&units[c.unit].text) {
            if !fired.contains(&syn) {
                fired.push(syn);
            }
        }
    }
    for c in &cands {
        for label in c.pinned.iter().chain(&c.excluded) {
            if !fired.contains(label) {
                fired.push(label.clone());
            }
        }
    }
    let statuses: Vec<Status> = commitments.iter().map(|c| c.status).collect();
    let Verdict {
        status,
        reason,
        words,
    } = status::combine_goal(text_verdict.as_ref(), &statuses);
    let candidates = cands
        .iter()
        .take(if explain { EXPLAIN_CANDIDATES } else { 0 })
        .map(|c| {
            let mut c = c.clone();
            m.explain(g, &mut c);
            let e = evidence(m, units, c.unit, m.best_sentence(g, c.unit), c.score);
            (c, e)
        })
        .collect();
    GoalResult {
        id: goal.id.clone(),
        path: goal.path.clone(),
        title: goal.title.clone(),
        text: goal.text.clone(),
        status,
        score: round(best_score),
        reason,
        words,
        evidence: evidence_list,
        commitments,
        not_tasks: Vec::new(),
        targets: Vec::new(),
        candidates,
        fired,
    }
}

fn judge_commitment(
    m: &Matcher,
    c: &Commitment,
    mut mentions: Vec<Mention>,
    units: &[Unit],
    excluded: &[usize],
    rules: &Rules,
) -> CommitmentResult {
    mentions.retain(|mention| !excluded.contains(&mention.unit));
    let judged: Vec<(Verdict, Evidence)> = mentions
        .iter()
        .map(|mention| {
            let text = &m.unit_canonical[mention.unit];
            let in_problems = units[mention.unit].kind == SectionKind::Problems;
            let sentence = m.sentence_at(mention.unit, mention.start);
            let span = mention.start..mention.end;
            let v = status::judge_mention(text, &sentence, in_problems, span, &rules.status);
            let ratio = (mention.end - mention.start) as f64 / c.name.len().max(1) as f64;
            (
                v,
                evidence(m, units, mention.unit, sentence, ratio.min(1.0)),
            )
        })
        .collect();
    let verdicts: Vec<Verdict> = judged.iter().map(|(v, _)| v.clone()).collect();
    let decided = status::combine_mentions(&verdicts).cloned();
    let Some(decided) = decided else {
        return CommitmentResult {
            name: c.name.clone(),
            source: c.source,
            status: Status::Unmentioned,
            reason: "no summary item names it".into(),
            words: vec![],
            evidence: vec![],
            candidates: vec![],
        };
    };
    // The deciding mention first, then the others in document order.
    let mut ordered: Vec<(Verdict, Evidence)> = judged;
    ordered.sort_by_key(|(v, _)| v != &decided);
    // A parent item repeats its children's sentences: quote each sentence once.
    let mut seen = BTreeMap::new();
    let evidence = ordered
        .into_iter()
        .filter(|(_, e)| seen.insert(e.quote.clone(), ()).is_none())
        .take(rules.max_evidence)
        .map(|(_, e)| e)
        .collect();
    CommitmentResult {
        name: c.name.clone(),
        source: c.source,
        status: decided.status,
        reason: decided.reason,
        words: decided.words,
        evidence,
        candidates: Vec::new(),
    }
}
