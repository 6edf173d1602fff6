//! Eval: measures the matcher against gold labels written by reading the documents.
//!
//! A gold file names a plan file, a summary file and a period, and labels goals and
//! commitments by a substring of their text with the statuses a reader accepts. [`run`] runs
//! `track` on the files, finds each labelled goal or commitment, and counts: status accuracy
//! for goals and for commitments, precision and recall per status, a confusion matrix (gold =
//! the first accepted status), evidence accuracy (the chosen evidence contains an expected
//! substring) and target accuracy. A key that matches nothing is an error in the gold file,
//! never skipped.

use crate::cli::{load_outline, InputArgs};
use crate::outline::period::Period;
use crate::rules::{line_col, Rules};
use crate::status::Status;
use crate::track::{self, Choice, GoalResult, TargetResult, TrackReport};
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

/// Whether a label is about a goal or a commitment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Goal,
    Commitment,
}

/// A labelled goal or commitment.
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

/// The outcome of one or more gold files.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    pub goals: Tally,
    pub commitments: Tally,
    pub evidence: Tally,
    pub targets: Tally,
    /// `confusion[gold][predicted]`, in the order of [`Status::ALL`].
    pub confusion: [[usize; 4]; 4],
    /// Per status: (predicted and accepted, predicted, gold-primary and right, gold-primary).
    pub per_status: [(usize, usize, usize, usize); 4],
    /// One line per wrong answer, for the report.
    pub wrong: Vec<String>,
}

impl Scores {
    /// Accuracy over goals and commitments together.
    pub fn accuracy(&self) -> Option<f64> {
        let mut t = self.goals;
        t.merge(self.commitments);
        t.ratio()
    }

    fn merge(&mut self, other: &Scores) {
        self.goals.merge(other.goals);
        self.commitments.merge(other.commitments);
        self.evidence.merge(other.evidence);
        self.targets.merge(other.targets);
        self.wrong.extend(other.wrong.iter().cloned());
        for g in 0..4 {
            for p in 0..4 {
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
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read gold file `{}`", path.display()))?;
    let gold = toml::from_str(&text).map_err(|e| {
        let (line, col) = line_col(&text, e.span().map_or(0, |s| s.start));
        anyhow!("{}:{line}:{col}: {}", path.display(), e.message())
    })?;
    Ok((gold, text))
}

/// Runs every gold file and returns the scores of each, then of all together.
pub fn run(
    files: &[PathBuf],
    input: &InputArgs,
    rules: &Rules,
) -> Result<(Vec<(PathBuf, Scores)>, Scores)> {
    let mut each = Vec::new();
    let mut total = Scores::default();
    for file in files {
        let scores = run_one(file, input, rules)?;
        total.merge(&scores);
        each.push((file.clone(), scores));
    }
    Ok((each, total))
}

fn run_one(path: &Path, input: &InputArgs, rules: &Rules) -> Result<Scores> {
    let (gold, text) = read_gold(path)?;
    let base = path.parent().unwrap_or(Path::new("."));
    let period = Period::parse(&gold.period).ok_or_else(|| {
        anyhow!(
            "{}: `period = \"{}\"` is not 2023, 2023H1 or 2023H2",
            path.display(),
            gold.period
        )
    })?;
    let plan = load_outline(&base.join(&gold.plan), input, rules)?;
    let summary = load_outline(&base.join(&gold.summary), input, rules)?;
    let choice = Choice {
        period: Some(period),
        ..Choice::default()
    };
    let selection = track::select(&plan, &summary, &choice)?;
    let report = track::track(&plan, &summary, &selection, rules, false);
    let mut scores = Scores::default();
    let mut unmatched = Vec::new();
    for label in &gold.label {
        match find(&report, label) {
            Some((status, evidence)) => score_label(&mut scores, label, status, &evidence),
            None => {
                let (line, _) = line_col(&text, label.key.span().start);
                unmatched.push(format!(
                    "{}:{line}: key `{}` matches no {} of the plan",
                    path.display(),
                    label.key.get_ref(),
                    label.level.as_str()
                ));
            }
        }
    }
    if !unmatched.is_empty() {
        bail!("{}", unmatched.join("\n"));
    }
    for t in &gold.target {
        match report.all_targets().find(|r| matches_target(r, t)) {
            Some(found) => score_target(&mut scores, t, found),
            None => {
                let (line, _) = line_col(&text, t.key.span().start);
                unmatched.push(format!(
                    "{}:{line}: target key `{}` matches no target of the plan",
                    path.display(),
                    t.key.get_ref()
                ));
            }
        }
    }
    if !unmatched.is_empty() {
        bail!("{}", unmatched.join("\n"));
    }
    Ok(scores)
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

/// The predicted status and the evidence texts of the goal or commitment a label names.
fn find(report: &TrackReport, label: &Label) -> Option<(Status, Vec<String>)> {
    let key = label.key.get_ref().as_str();
    let texts = |g: &GoalResult| {
        g.evidence
            .iter()
            .map(|e| e.text.clone())
            .collect::<Vec<_>>()
    };
    match label.level {
        Level::Goal => report
            .goals
            .iter()
            .find(|g| g.text.contains(key))
            .map(|g| (g.status, texts(g))),
        Level::Commitment => report
            .goals
            .iter()
            .flat_map(|g| g.commitments.iter())
            .find(|c| c.name.contains(key) || key.contains(c.name.as_str()))
            .map(|c| {
                (
                    c.status,
                    c.evidence.iter().map(|e| e.text.clone()).collect(),
                )
            }),
    }
}

fn score_label(scores: &mut Scores, label: &Label, got: Status, evidence: &[String]) {
    let right = label.accept.contains(&got);
    match label.level {
        Level::Goal => scores.goals.add(right),
        Level::Commitment => scores.commitments.add(right),
    }
    if let Some(&primary) = label.accept.first() {
        scores.confusion[index(primary)][index(got)] += 1;
        let s = &mut scores.per_status[index(got)];
        s.1 += 1;
        s.0 += usize::from(right);
        let s = &mut scores.per_status[index(primary)];
        s.3 += 1;
        s.2 += usize::from(right);
    }
    if !label.evidence.is_empty() {
        let found = evidence.iter().any(|text| {
            label
                .evidence
                .iter()
                .any(|want| text.contains(want.as_str()))
        });
        scores.evidence.add(found);
        if !found && got != Status::Unmentioned {
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
        scores.wrong.push(format!(
            "{} `{}`: got {}, accept {}",
            label.level.as_str(),
            label.key.get_ref(),
            got.as_str(),
            accept.join("|")
        ));
    }
}
