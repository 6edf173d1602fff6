//! The plain data a track run returns, which the renderers in [`crate::report`] print.

use crate::commitments;
use crate::matcher::Candidate;
use crate::outline::{period::Period, SectionKind};
use crate::status::Status;
use crate::targets::{Comparator, TargetStatus};
use serde::Serialize;

/// One side of the comparison, as shown in reports.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub file: String,
    pub document: String,
    pub title: Option<String>,
    pub organization: Option<String>,
    /// The first section used; `sections` lists all of them.
    pub section: String,
    pub sections: Vec<String>,
    pub period: Option<Period>,
}

/// A summary item quoted as evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub id: String,
    pub path: String,
    /// The section kind the item comes from: summary or problems.
    pub section: SectionKind,
    /// The sentence that best supports the decision.
    pub quote: String,
    /// The whole item.
    pub text: String,
    pub score: f64,
}

/// A review sentence that is never evidence, with the item it stands in and why.
#[derive(Debug, Clone, Serialize)]
pub struct PassedOver {
    pub id: String,
    pub sentence: String,
    pub why: String,
}

/// The outcome for one commitment inside a goal.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentResult {
    pub name: String,
    /// What kind of commitment: a task (action), or a name (title, quoted, list, named).
    #[serde(rename = "kind")]
    pub source: commitments::Source,
    pub status: Status,
    pub reason: String,
    pub words: Vec<String>,
    pub evidence: Vec<Evidence>,
    /// For a task under `--explain`: its best review sentences with every score part.
    #[serde(skip)]
    pub candidates: Vec<TaskCandidate>,
}

/// A review sentence weighed against a task, for `--explain`.
#[derive(Debug, Clone)]
pub struct TaskCandidate {
    /// The item the sentence comes from.
    pub id: String,
    pub quote: String,
    /// The share of the task's weight the sentence holds.
    pub coverage: f64,
    /// The words shared, heaviest first, with their weights.
    pub shared: Vec<(String, f64)>,
}

/// A numeric target of the plan set against the summary's actual.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    /// The goal it comes from; for a target of plan text that is no goal, that text's id (a
    /// lead paragraph or item left out of the goals); `None` when no one paragraph of a
    /// section's opening holds it.
    pub goal: Option<String>,
    pub metric: String,
    /// The target value; absent when masked (`masked` holds the mask as written).
    pub target: Option<f64>,
    pub masked: Option<String>,
    pub unit: String,
    pub comparator: Comparator,
    /// The actual, in the target's unit.
    pub actual: Option<f64>,
    /// full year, forecast, or the part of the year (1-9月).
    pub actual_scope: Option<String>,
    pub status: TargetStatus,
    pub percent_of_target: Option<f64>,
    pub note: String,
    pub target_quote: String,
    pub actual_quote: Option<String>,
}

/// The outcome for one goal.
#[derive(Debug, Clone, Serialize)]
pub struct GoalResult {
    pub id: String,
    pub path: String,
    /// The goal's heading: its first line or sentence.
    pub title: String,
    pub text: String,
    pub status: Status,
    pub score: f64,
    pub reason: String,
    pub words: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub commitments: Vec<CommitmentResult>,
    /// The clauses of the goal that are not tasks, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_tasks: Vec<crate::tasks::NotTask>,
    pub targets: Vec<TargetResult>,
    /// The best candidates with their score parts, for `--explain`.
    #[serde(skip)]
    pub candidates: Vec<(Candidate, Evidence)>,
    /// Rules that fired for this goal (synonyms, pins, blocks, requires), for `--explain`.
    #[serde(skip)]
    pub fired: Vec<String>,
}

/// Counts of each status.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Counts {
    pub met: usize,
    pub partial: usize,
    pub missed: usize,
    pub unmentioned: usize,
}

impl Counts {
    pub fn of(statuses: impl Iterator<Item = Status>) -> Counts {
        let mut c = Counts::default();
        for s in statuses {
            *c.get_mut(s) += 1;
        }
        c
    }

    fn get_mut(&mut self, s: Status) -> &mut usize {
        match s {
            Status::Met => &mut self.met,
            Status::Partial => &mut self.partial,
            Status::Missed => &mut self.missed,
            Status::Unmentioned => &mut self.unmentioned,
        }
    }

    pub fn get(&self, s: Status) -> usize {
        match s {
            Status::Met => self.met,
            Status::Partial => self.partial,
            Status::Missed => self.missed,
            Status::Unmentioned => self.unmentioned,
        }
    }

    pub fn total(&self) -> usize {
        self.met + self.partial + self.missed + self.unmentioned
    }
}

/// A goal that an `[ignore]` rule leaves out of the table.
#[derive(Debug, Clone, Serialize)]
pub struct IgnoredGoal {
    pub id: String,
    pub path: String,
    pub text: String,
    pub rule: String,
}

/// Everything a track run found.
#[derive(Debug, Clone, Serialize)]
pub struct TrackReport {
    pub plan: Side,
    pub summary: Side,
    pub notes: Vec<String>,
    pub goals: Vec<GoalResult>,
    /// Goals left out by `[ignore]` rules; every plan goal is in `goals` or here.
    pub ignored: Vec<IgnoredGoal>,
    /// The targets of plan text that is no goal: lead paragraphs and items left out (a
    /// goal's own are in the goal).
    pub targets: Vec<TargetResult>,
    pub counts: Counts,
    pub commitment_counts: Counts,
    /// Review sentences never read as a report on a task (`[tasks] not_reports`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub passed_over: Vec<PassedOver>,
    /// Pin, block, require and ignore rules that changed nothing in this run.
    #[serde(skip)]
    pub unused_rules: Vec<String>,
}

impl TrackReport {
    /// Every target of the plan: the section's opening paragraph first, then each goal's.
    pub fn all_targets(&self) -> impl Iterator<Item = &TargetResult> {
        self.targets
            .iter()
            .chain(self.goals.iter().flat_map(|g| g.targets.iter()))
    }
}
