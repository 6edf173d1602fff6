//! Eval: measures the tool against gold labels written by reading the documents.
//!
//! A gold file names a plan file, a summary file and a period, and labels goals and tasks
//! by a substring of the plan (`key`) with the statuses a careful reader accepts. [`run`]
//! runs `track` on the files and finds what the tool said about each label:
//! - a **goal** label names a goal (a leaf item), or an item with sub-items, whose verdict is
//!   rolled up from its leaves as a goal's is from its tasks (all met → met, none mentioned
//!   → unmentioned, otherwise partial);
//! - a **task** label names a clause inside a goal: the tool's verdict on it is that of the
//!   goal's commitment of the same name where there is one (the roll-up of its tasks where
//!   the key spans several, as a list the tool splits), else the goal's own verdict;
//! - a **commitment** label (older files) names a commitment anywhere in the plan.
//!
//! A label in plan text that no goal holds (a section's lead, a parent item's own text) is
//! **untracked**: the tool says nothing about it, which is never right. A key that is not in
//! the plan sections at all is an error in the gold file, never skipped.
//!
//! The figures: status accuracy, **balanced accuracy** (the mean of recall on labels whose
//! first accepted status is `unmentioned` and recall on all others, so that a tool that
//! calls everything `partial` cannot score well on a review that skips half the plan),
//! evidence accuracy (the quoted sentence holds an expected substring) and target accuracy.
//! [`folds`] scores each gold file with thresholds chosen on the others.

pub mod folds;
pub mod threads;

use crate::commitments::Source;
use crate::outline::markers::find_markers;
use crate::outline::period::Period;
use crate::outline::{Outline, Section};
use crate::rules::{line_col, Rules};
use crate::similarity::longest_common_run;
use crate::status::Status;
use crate::tasks::verdict::roll_up;
use crate::track::{self, Choice, CommitmentResult, GoalResult, TargetResult, TrackReport};
use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// A gold file as written. Unknown keys are errors.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Gold {
    pub plan: String,
    pub summary: String,
    pub period: String,
    #[serde(default)]
    pub label: Vec<Label>,
    #[serde(default)]
    pub target: Vec<TargetLabel>,
}

/// What a label is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// A goal (a numbered item of the plan), by a piece of its heading.
    Goal,
    /// One checkable clause of a goal, by its words.
    Task,
    /// A named commitment anywhere in the plan, by its name.
    Commitment,
}

/// A labelled goal, task or commitment.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub key: Spanned<String>,
    pub level: Level,
    pub accept: Vec<Status>,
    #[serde(default)]
    pub evidence: Vec<String>,
    pub note: Option<String>,
}

/// A labelled numeric target.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetLabel {
    pub key: Spanned<String>,
    pub metric: String,
    pub target: Option<f64>,
    pub unit: Option<String>,
    pub comparator: String,
    pub actual: Option<f64>,
    pub actual_quote: Option<String>,
    pub accept: Vec<String>,
    pub note: Option<String>,
}

/// Counts of right and wrong answers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub right: usize,
    pub total: usize,
}

impl Level {
    fn as_str(self) -> &'static str {
        match self {
            Level::Goal => "goal",
            Level::Task => "task",
            Level::Commitment => "commitment",
        }
    }
}

impl Tally {
    fn add(&mut self, right: bool) {
        self.total += 1;
        self.right += usize::from(right);
    }

    fn merge(&mut self, other: Tally) {
        self.right += other.right;
        self.total += other.total;
    }

    /// Share right, or `None` when nothing was counted.
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0).then(|| self.right as f64 / self.total as f64)
    }
}

/// How the tool's answer for a label was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// The goal's own verdict.
    Goal,
    /// A commitment of the goal with the label's name.
    Commitment,
    /// Rolled up from the leaves under an item with sub-items.
    Rollup,
    /// No goal holds the text: the tool said nothing.
    Untracked,
}

/// The tool's answer for one label.
#[derive(Debug, Clone)]
pub struct Answer {
    /// `None` when untracked.
    pub status: Option<Status>,
    /// The quoted sentences of the evidence, best first.
    pub quotes: Vec<String>,
    pub via: Via,
    /// The tool's reason, for the list of wrong answers.
    pub reason: String,
}

impl Answer {
    /// The answer for text that no goal holds.
    fn untracked() -> Answer {
        Answer {
            status: None,
            quotes: Vec::new(),
            via: Via::Untracked,
            reason: "no goal holds this text".to_string(),
        }
    }
}

/// The predicted column of the confusion matrix for an untracked label.
pub const UNTRACKED: usize = 4;

/// The outcome of one or more gold files.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub goals: Tally,
    pub tasks: Tally,
    pub commitments: Tally,
    /// Labels whose first accepted status is `unmentioned`.
    pub unmentioned: Tally,
    /// All other labels.
    pub mentioned: Tally,
    pub evidence: Tally,
    pub targets: Tally,
    /// Labels the tool does not track at all (no goal holds their text).
    pub untracked: usize,
    /// Task labels answered by their goal's verdict, for want of a commitment of that name.
    pub by_goal: usize,
    /// `confusion[gold][predicted]`, gold in the order of [`Status::ALL`], predicted the
    /// same plus [`UNTRACKED`].
    pub confusion: [[usize; 5]; 4],
    /// Per status: (predicted and accepted, predicted, gold-primary and right, gold-primary).
    pub per_status: [(usize, usize, usize, usize); 4],
    /// One line per wrong answer, for the report.
    pub wrong: Vec<String>,
}

impl Scores {
    /// All status labels together.
    pub fn labels(&self) -> Tally {
        let mut t = self.goals;
        t.merge(self.tasks);
        t.merge(self.commitments);
        t
    }

    /// Status accuracy over every label.
    pub fn accuracy(&self) -> Option<f64> {
        self.labels().ratio()
    }

    /// The mean of recall on `unmentioned` labels and recall on all others; the one that
    /// exists when the other class has no labels.
    pub fn balanced_accuracy(&self) -> Option<f64> {
        match (self.unmentioned.ratio(), self.mentioned.ratio()) {
            (Some(a), Some(b)) => Some((a + b) / 2.0),
            (a, b) => a.or(b),
        }
    }

    pub(crate) fn merge(&mut self, other: &Scores) {
        for (mine, theirs) in [
            (&mut self.goals, other.goals),
            (&mut self.tasks, other.tasks),
            (&mut self.commitments, other.commitments),
            (&mut self.unmentioned, other.unmentioned),
            (&mut self.mentioned, other.mentioned),
            (&mut self.evidence, other.evidence),
            (&mut self.targets, other.targets),
        ] {
            mine.merge(theirs);
        }
        self.untracked += other.untracked;
        self.by_goal += other.by_goal;
        self.wrong.extend(other.wrong.iter().cloned());
        for g in 0..4 {
            for p in 0..5 {
                self.confusion[g][p] += other.confusion[g][p];
            }
            let (a, b, c, d) = other.per_status[g];
            let s = &mut self.per_status[g];
            *s = (s.0 + a, s.1 + b, s.2 + c, s.3 + d);
        }
    }
}

fn index(s: Status) -> usize {
    Status::ALL.iter().position(|x| *x == s).unwrap_or(0)
}

/// Reads a gold file, returning it with its text (for line numbers in later errors); errors
/// name the file, line and column.
pub fn read_gold(path: &Path) -> Result<(Gold, String)> {
    let text = crate::ingest::read_text(path)
        .with_context(|| format!("cannot read gold file `{}`", path.display()))?;
    let gold = toml::from_str(&text).map_err(|e| {
        let (line, col) = line_col(&text, e.span().map_or(0, |s| s.start));
        anyhow!("{}:{line}:{col}: {}", path.display(), e.message())
    })?;
    Ok((gold, text))
}

/// A gold file with its documents read and outlined once, ready to be scored under any
/// rules.
pub struct Case {
    pub path: PathBuf,
    gold: Gold,
    text: String,
    plan: Outline,
    summary: Outline,
    period: Period,
}

impl Case {
    /// Reads a gold file and the two documents it names (paths relative to the gold file).
    pub fn load(path: &Path, encoding: Option<&str>, rules: &Rules) -> Result<Case> {
        let (gold, text) = read_gold(path)?;
        if gold.label.is_empty() && gold.target.is_empty() {
            bail!(
                "{}: holds no [[label]] and no [[target]]: there is nothing to score",
                path.display()
            );
        }
        let base = path.parent().unwrap_or(Path::new("."));
        let period = Period::parse(&gold.period).ok_or_else(|| {
            anyhow!(
                "{}: `period = \"{}\"` is not 2023, 2023H1, 2023H2 or 2021-2025",
                path.display(),
                gold.period
            )
        })?;
        let named = |rel: &str| {
            let p = base.join(rel);
            crate::outline::load(&p, encoding, &rules.sections)
                .with_context(|| format!("{}: cannot use `{rel}`", path.display()))
        };
        Ok(Case {
            path: path.to_path_buf(),
            plan: named(&gold.plan)?,
            summary: named(&gold.summary)?,
            gold,
            text,
            period,
        })
    }

    /// Runs `track` under `rules` and scores every label.
    pub fn score(&self, rules: &Rules) -> Result<Scores> {
        let choice = Choice {
            period: Some(self.period),
            ..Choice::default()
        };
        let selection = track::select(&self.plan, &self.summary, &choice)
            .with_context(|| format!("{}", self.path.display()))?;
        let report = track::track(&self.plan, &self.summary, &selection, rules, false);
        let mut scores = Scores::default();
        let mut unmatched = Vec::new();
        for label in &self.gold.label {
            match answer(&report, &selection.plan, label) {
                Some(answer) => score_label(&mut scores, label, &answer),
                None => unmatched.push(self.not_found(&label.key, label.level.as_str())),
            }
        }
        for t in &self.gold.target {
            match report.all_targets().find(|r| matches_target(r, t)) {
                Some(found) => score_target(&mut scores, t, found),
                None => unmatched.push(self.not_found(&t.key, "target")),
            }
        }
        if !unmatched.is_empty() {
            bail!("{}", unmatched.join("\n"));
        }
        Ok(scores)
    }

    fn not_found(&self, key: &Spanned<String>, what: &str) -> String {
        let (line, _) = line_col(&self.text, key.span().start);
        format!(
            "{}:{line}: key `{}` matches no {what} of the plan (`plantrack outline --items` shows what the plan holds)",
            self.path.display(),
            key.get_ref(),
        )
    }
}

/// One gold file's figures, with the task settings they were measured under when these
/// were chosen by leave-one-pair-out ([`folds`]).
#[derive(Debug, Clone)]
pub struct Row {
    pub path: PathBuf,
    pub setting: Option<folds::Setting>,
    pub scores: Scores,
}

/// Scores every gold file under the same rules, then all together.
pub fn run(files: &[PathBuf], encoding: Option<&str>, rules: &Rules) -> Result<(Vec<Row>, Scores)> {
    let mut each = Vec::new();
    let mut total = Scores::default();
    for file in files {
        let scores = Case::load(file, encoding, rules)?.score(rules)?;
        total.merge(&scores);
        each.push(Row {
            path: file.clone(),
            setting: None,
            scores,
        });
    }
    Ok((each, total))
}

/// True when a found target is the one a gold entry names: its quote holds the key (or
/// the key holds its quote) and the metric is the same.
fn matches_target(found: &TargetResult, gold: &TargetLabel) -> bool {
    let key = gold.key.get_ref().as_str();
    (found.target_quote.contains(key) || key.contains(found.target_quote.as_str()))
        && found.metric == gold.metric
}

fn score_target(scores: &mut Scores, gold: &TargetLabel, found: &TargetResult) {
    let close = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) => (a - b).abs() <= 1e-6 * b.abs().max(1.0),
        (None, _) => true,
        (Some(_), None) => false,
    };
    let status_ok = gold.accept.iter().any(|a| a == found.status.as_str());
    let numbers_ok = close(gold.target, found.target)
        && close(gold.actual, found.actual)
        && gold.unit.as_ref().is_none_or(|u| *u == found.unit)
        && gold.comparator == comparator_word(found);
    scores.targets.add(status_ok && numbers_ok);
    if !(status_ok && numbers_ok) {
        scores.wrong.push(format!(
            "target `{}`: got {} {} {:?} {}, actual {:?}; gold accepts {:?} ({} {:?} {:?})",
            gold.key.get_ref(),
            found.status.as_str(),
            comparator_word(found),
            found.target,
            found.unit,
            found.actual,
            gold.accept,
            gold.comparator,
            gold.target,
            gold.actual
        ));
    }
}

/// The gold file's word for a comparator: at_least, about, at_most.
fn comparator_word(t: &TargetResult) -> &'static str {
    match t.comparator.words() {
        "at least" => "at_least",
        "at most" => "at_most",
        _ => "about",
    }
}

fn quotes(g: &GoalResult) -> Vec<String> {
    g.evidence.iter().map(|e| e.quote.clone()).collect()
}

/// What the tool said about a label, or `None` when its key is nowhere in the plan.
fn answer(report: &TrackReport, plan: &[&Section], label: &Label) -> Option<Answer> {
    // Items are stored without their markers: `五是努力扩大进口` is found as `努力扩大进口`.
    let key = label.key.get_ref().as_str();
    let key = match find_markers(key).first() {
        Some(m) if m.start == 0 => &key[m.end..],
        _ => key,
    };
    let named = |name: &str| name.contains(key) || key.contains(name);
    if label.level == Level::Commitment {
        let c = report
            .goals
            .iter()
            .flat_map(|g| g.commitments.iter())
            .find(|c| named(&c.name))?;
        return Some(Answer {
            status: Some(c.status),
            quotes: c.evidence.iter().map(|e| e.quote.clone()).collect(),
            via: Via::Commitment,
            reason: c.reason.clone(),
        });
    }
    let goal_of = |id: &str| report.goals.iter().find(|g| g.id == id);
    // The heading of an item with sub-items names a goal whose verdict rolls up from the
    // item's own text (when it is a goal) and its leaves.
    if label.level == Level::Goal {
        for section in plan {
            let Some(at) = section
                .items
                .iter()
                .position(|i| !i.is_leaf && i.text.contains(key))
            else {
                continue;
            };
            let depth = section.items[at].depth;
            let parts: Vec<&GoalResult> = std::iter::once(&section.items[at])
                .chain(
                    section.items[at + 1..]
                        .iter()
                        .take_while(|i| i.depth > depth),
                )
                .filter_map(|i| goal_of(&i.id))
                .collect();
            return Some(Answer {
                status: Some(roll_up(parts.iter().map(|g| g.status))),
                quotes: parts.iter().flat_map(|g| quotes(g)).collect(),
                via: Via::Rollup,
                reason: format!("rolled up from {} goals", parts.len()),
            });
        }
    }
    // A goal of the report (an item or a lead paragraph) that holds the key.
    if let Some(goal) = report.goals.iter().find(|g| g.text.contains(key)) {
        if label.level == Level::Task {
            // A label on a list the tool splits into several tasks (新增…50家、…200个) is
            // scored by their roll-up, as a goal is.
            let held: Vec<&CommitmentResult> = goal
                .commitments
                .iter()
                .filter(|c| c.source == Source::Action && mostly_within(&goal.text, key, &c.name))
                .collect();
            if held.len() > 1 {
                return Some(Answer {
                    status: Some(roll_up(held.iter().map(|c| c.status))),
                    quotes: held
                        .iter()
                        .flat_map(|c| c.evidence.iter().map(|e| e.quote.clone()))
                        .collect(),
                    via: Via::Commitment,
                    reason: format!("rolled up from {} tasks", held.len()),
                });
            }
            if let Some(c) = best_task(goal, key) {
                return Some(Answer {
                    status: Some(c.status),
                    quotes: c.evidence.iter().map(|e| e.quote.clone()).collect(),
                    via: Via::Commitment,
                    reason: format!("task `{}`: {}", c.name, c.reason),
                });
            }
        }
        return Some(Answer {
            status: Some(goal.status),
            quotes: quotes(goal),
            via: Via::Goal,
            reason: format!("goal {}: {}", goal.id, goal.reason),
        });
    }
    // Plan text that no goal holds: a lead paragraph or an item's own text with no task,
    // or an item left out by an [ignore] rule.
    let in_items = plan
        .iter()
        .any(|s| s.items.iter().any(|i| i.text.contains(key)));
    if in_items {
        return Some(Answer::untracked());
    }
    plan.iter()
        .any(|s| s.lead.contains(key))
        .then(Answer::untracked)
}

/// True when at least half of `name` (a task, found in `text`) lies within `key`'s place in
/// `text`: 今年要淘汰钢铁2700万吨 and 平板玻璃3500万标准箱等落后产能 are parts of the label
/// 淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱.
fn mostly_within(text: &str, key: &str, name: &str) -> bool {
    if key.contains(name) {
        return true;
    }
    let (Some(k), Some(n)) = (text.find(key), text.find(name)) else {
        return false;
    };
    let overlap = (k + key.len()).min(n + name.len()).saturating_sub(k.max(n));
    overlap * 2 >= name.len()
}

/// The task of a goal that is the labelled clause: the one sharing the longest run of
/// characters with the key, when that run is at least half the key.
fn best_task<'a>(goal: &'a GoalResult, key: &str) -> Option<&'a CommitmentResult> {
    let n = key.chars().count().max(1);
    goal.commitments
        .iter()
        .filter(|c| c.source == Source::Action)
        .map(|c| (longest_common_run(key, &c.name), c))
        .filter(|(run, _)| run * 2 >= n)
        .max_by_key(|(run, _)| *run)
        .map(|(_, c)| c)
}

fn score_label(scores: &mut Scores, label: &Label, got: &Answer) {
    let right = got.status.is_some_and(|s| label.accept.contains(&s));
    match label.level {
        Level::Goal => scores.goals.add(right),
        Level::Task => scores.tasks.add(right),
        Level::Commitment => scores.commitments.add(right),
    }
    match got.via {
        Via::Untracked => scores.untracked += 1,
        Via::Goal if label.level == Level::Task => scores.by_goal += 1,
        _ => {}
    }
    let predicted = got.status.map_or(UNTRACKED, index);
    if let Some(&primary) = label.accept.first() {
        if primary == Status::Unmentioned {
            scores.unmentioned.add(right);
        } else {
            scores.mentioned.add(right);
        }
        scores.confusion[index(primary)][predicted] += 1;
        if let Some(s) = got.status {
            let p = &mut scores.per_status[index(s)];
            p.1 += 1;
            p.0 += usize::from(right);
        }
        let g = &mut scores.per_status[index(primary)];
        g.3 += 1;
        g.2 += usize::from(right);
    }
    if !label.evidence.is_empty() {
        let found = got
            .quotes
            .iter()
            .any(|q| label.evidence.iter().any(|want| q.contains(want.as_str())));
        scores.evidence.add(found);
        if !found && got.status.is_some_and(|s| s != Status::Unmentioned) {
            scores.wrong.push(format!(
                "{} `{}`: evidence lacks all of {:?}",
                label.level.as_str(),
                label.key.get_ref(),
                label.evidence
            ));
        }
    }
    if !right {
        let accept: Vec<&str> = label.accept.iter().map(|s| s.as_str()).collect();
        let status = got.status.map_or("untracked", Status::as_str);
        scores.wrong.push(format!(
            "{} `{}`: got {status}, accept {} ({})",
            label.level.as_str(),
            label.key.get_ref(),
            accept.join("|"),
            got.reason
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A label over a measured list the tool split into tasks holds each task that lies
    /// mostly within it, also where a task runs past the label's ends; a neighbouring task
    /// is not held.
    #[test]
    fn a_label_holds_the_tasks_within_it() {
        let text = "今年要淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱等落后产能，加大僵尸企业破产清算力度。";
        let key = "淘汰钢铁2700万吨、水泥4200万吨、平板玻璃3500万标准箱";
        for name in [
            "今年要淘汰钢铁2700万吨",
            "水泥4200万吨",
            "平板玻璃3500万标准箱等落后产能",
        ] {
            assert!(mostly_within(text, key, name), "{name}");
        }
        assert!(!mostly_within(text, key, "加大僵尸企业破产清算力度"));
    }

    /// Balanced accuracy is the mean of the two recalls, so calling everything `partial`
    /// scores at most one half however many labels are mentioned.
    #[test]
    fn balanced_accuracy_weighs_both_classes() {
        let s = Scores {
            unmentioned: Tally {
                right: 0,
                total: 50,
            },
            mentioned: Tally {
                right: 10,
                total: 10,
            },
            ..Scores::default()
        };
        assert_eq!(s.balanced_accuracy(), Some(0.5));
        assert_eq!(Scores::default().balanced_accuracy(), None);
    }
}
