//! History: one body's documents over several periods, and each promise followed through
//! them as a **thread**.
//!
//! The stages, in the order [`build`] runs them:
//! 1. `series.rs` orders the documents by the period of their plan, leaves out those of
//!    another body and second copies of a period, and cuts the series into runs of
//!    consecutive periods (a gap is reported).
//! 2. Every plan is tracked against the review of its period where the files hold one
//!    ([`crate::track`], unchanged); a plan with no review (the last of a run, usually) is
//!    listed unjudged.
//! 3. `link.rs` links each promise of one plan to the promise of a later plan that repeats
//!    it (the next plan first), with the task matcher of [`crate::tasks::index`], so that a
//!    promise becomes a thread.
//! 4. Each thread gets a label from the statuses its years were given ([`Label::of`]).

use crate::batch::{parallel, Skipped};
use crate::commitments::Source;
use crate::outline::{period::Period, Outline};
use crate::rules::Rules;
use crate::rules::StatusWords;
use crate::status::{find_cues, CueKind, Status};
use crate::track::{self, Choice, CommitmentResult, Evidence, TrackReport};
use serde::Serialize;

mod link;
mod series;

pub use series::{Run, Series};

/// What a thread's years add up to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Label {
    /// Promised only in the last plan of its run: no review has spoken of it yet.
    #[serde(rename = "new")]
    New,
    /// Reported met, and not promised after that.
    #[serde(rename = "done")]
    Done,
    /// Reported met, and promised again after that as ongoing work.
    #[serde(rename = "done, continued")]
    DoneContinued,
    /// Promised in three plans or more, never reported met.
    #[serde(rename = "recurring")]
    Recurring,
    /// Never reported met, never mentioned by the review after its last promise, and not
    /// promised again.
    #[serde(rename = "dropped")]
    Dropped,
    /// Anything else: never reported met, promised in fewer than three plans, and the last
    /// review did not pass over it (it said partial or missed, or there is no review yet).
    #[serde(rename = "unfinished")]
    Unfinished,
}

impl Label {
    pub const ALL: [Label; 6] = [
        Label::New,
        Label::Done,
        Label::DoneContinued,
        Label::Recurring,
        Label::Dropped,
        Label::Unfinished,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Label::New => "new",
            Label::Done => "done",
            Label::DoneContinued => "done, continued",
            Label::Recurring => "recurring",
            Label::Dropped => "dropped",
            Label::Unfinished => "unfinished",
        }
    }

    /// How many of `threads` have each label, in the order of [`Label::ALL`].
    pub fn counts(threads: &[&Thread]) -> [(Label, usize); 6] {
        Label::ALL.map(|l| (l, threads.iter().filter(|t| t.label == l).count()))
    }

    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// The label of a thread from the status each promised year's review gave it (`None`
    /// where the folder holds no review of that year), in order. `ends_run` is true when
    /// the thread's last promise is in the last plan of its run.
    pub fn of(statuses: &[Option<Status>], ends_run: bool) -> Label {
        if statuses.len() == 1 && ends_run && statuses[0].is_none() {
            return Label::New;
        }
        if let Some(first_met) = statuses.iter().position(|s| *s == Some(Status::Met)) {
            return if first_met + 1 < statuses.len() {
                Label::DoneContinued
            } else {
                Label::Done
            };
        }
        if statuses.len() >= 3 {
            Label::Recurring
        } else if statuses.last() == Some(&Some(Status::Unmentioned)) {
            Label::Dropped
        } else {
            Label::Unfinished
        }
    }
}

/// One plan's promise: a task of a goal, with what the review of its period said of it.
#[derive(Debug, Clone, Serialize)]
pub struct Promise {
    pub period: Period,
    /// The goal's id in that year's plan file.
    pub goal: String,
    /// The task as written.
    pub text: String,
    /// The review's verdict; `None` when the folder holds no review of the period.
    pub status: Option<Status>,
    /// The sentence that settled it, and its item id in the review.
    pub quote: Option<String>,
    pub evidence: Option<String>,
    /// The score of the link from the thread's previous promise: the lower of the two
    /// promises' coverage of each other.
    pub link_score: Option<f64>,
}

/// One promise followed through the plans that repeat it.
#[derive(Debug, Clone, Serialize)]
pub struct Thread {
    pub id: String,
    pub label: Label,
    /// The first period its review reported it met.
    pub first_met: Option<Period>,
    pub years: Vec<Promise>,
}

/// One plan of the series with the files it came from.
#[derive(Debug, Clone, Serialize)]
pub struct PlanYear {
    pub period: Period,
    pub plan_file: String,
    /// The file holding the review of the period, when the folder has one.
    pub review_file: Option<String>,
    pub promises: usize,
    /// Why the plan could not be tracked, when it could not.
    pub error: Option<String>,
    /// What `track` noted on the choice of sections (another body's review, a review of
    /// several years).
    pub notes: Vec<String>,
}

/// Everything a history run found.
#[derive(Debug, Clone, Serialize)]
pub struct History {
    pub organization: Option<String>,
    pub runs: Vec<Run>,
    pub plans: Vec<PlanYear>,
    /// Files read and left out of the series, with why.
    pub left_out: Vec<Skipped>,
    pub threads: Vec<Thread>,
}

/// Orders `outlines` into a series, tracks every plan against its review, links the plans'
/// tasks into threads and labels them. Fails when the files hold no two consecutive plans.
pub fn build(outlines: &[Outline], rules: &Rules, jobs: usize) -> anyhow::Result<History> {
    let series = Series::of(outlines)?;
    let tracked = parallel(
        &series.plans,
        jobs,
        |p| {
            let plan = &outlines[p.plan];
            match p.review {
                Some(r) => {
                    let choice = Choice {
                        period: Some(p.period),
                        ..Choice::default()
                    };
                    track::select(plan, &outlines[r], &choice)
                        .map(|sel| track::track(plan, &outlines[r], &sel, rules, false))
                        .map_err(|e| format!("{e:#}"))
                }
                None => track::plan_only(plan, p.period, series.organization.as_deref())
                    .map(|sel| track::track(plan, plan, &sel, rules, false))
                    .ok_or_else(|| format!("no plan for {} in `{}`", p.period, plan.file)),
            }
        },
        |_, _| {},
    );
    let mut plans = Vec::new();
    let mut years: Vec<Vec<Promise>> = Vec::new();
    for (p, report) in series.plans.iter().zip(tracked) {
        let promises = match &report {
            Ok(r) => promises(r, p.period, p.review.is_some(), &rules.status),
            Err(_) => Vec::new(),
        };
        plans.push(PlanYear {
            period: p.period,
            plan_file: outlines[p.plan].file.clone(),
            review_file: p.review.map(|r| outlines[r].file.clone()),
            promises: promises.len(),
            notes: report
                .as_ref()
                .map_or_else(|_| Vec::new(), |r| r.notes.clone()),
            error: report.err(),
        });
        years.push(promises);
    }
    let threads = link::threads(&series, years, rules);
    Ok(History {
        organization: series.organization.clone(),
        runs: series.runs.clone(),
        plans,
        left_out: series.left_out.clone(),
        threads,
    })
}

/// What a year's review did with a task, for following it across years. A task met only
/// because the review reports it pushed on (推进, 开展), as an open-ended plan asked, is
/// work in progress here, not done: a promise to 稳步推进利率市场化 that every review reports
/// pushed on and every plan repeats is the recurring promise a reader looks for.
fn year_status(task: &CommitmentResult, words: &StatusWords) -> Status {
    // Every deciding word is a progress word. A figure that reached its target (3.1% for
    // 下降3%以上) is no status word at all, and the task stays met.
    let pushed_on = !task.words.is_empty()
        && task.words.iter().all(|w| {
            let cues = find_cues(w, words);
            !cues.is_empty() && cues.iter().all(|c| c.kind == CueKind::Progress)
        });
    if task.status == Status::Met && pushed_on {
        Status::Partial
    } else {
        task.status
    }
}

/// The promises of one tracked plan: each task of each goal, in plan order. A goal with no
/// task (a heading, a closing call to unite) promises nothing checkable and is left out.
/// Each task's status is its [`year_status`].
fn promises(
    report: &TrackReport,
    period: Period,
    reviewed: bool,
    words: &StatusWords,
) -> Vec<Promise> {
    let promise = |goal: &str, text: &str, status: Status, evidence: &[Evidence]| {
        let e = evidence.first().filter(|_| reviewed);
        Promise {
            period,
            goal: goal.to_string(),
            text: text.to_string(),
            status: reviewed.then_some(status),
            quote: e.map(|e| e.quote.clone()),
            evidence: e.map(|e| e.id.clone()),
            link_score: None,
        }
    };
    let mut out = Vec::new();
    for goal in &report.goals {
        let tasks: Vec<_> = goal
            .commitments
            .iter()
            .filter(|c| c.source == Source::Action)
            .collect();
        // The goal's heading is a promise too (一是积极推行新型农村合作医疗制度 heads the
        // goal whose tasks are its details), judged by the goal's own verdict.
        let title = goal.title.trim_end_matches(['。', '；', '：', ':']);
        if !title.is_empty() && !tasks.iter().any(|t| t.name == title) {
            out.push(promise(&goal.id, title, goal.status, &goal.evidence));
        }
        for t in tasks {
            out.push(promise(
                &goal.id,
                &t.name,
                year_status(t, words),
                &t.evidence,
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Status::*;

    /// The labels follow the statuses as the README states them.
    #[test]
    fn labels_follow_the_statuses() {
        assert_eq!(Label::of(&[None], true), Label::New);
        assert_eq!(Label::of(&[Some(Partial), Some(Met)], false), Label::Done);
        assert_eq!(
            Label::of(&[Some(Met), Some(Partial)], false),
            Label::DoneContinued
        );
        assert_eq!(
            Label::of(&[Some(Partial), Some(Partial), None], true),
            Label::Recurring
        );
        assert_eq!(Label::of(&[Some(Unmentioned)], false), Label::Dropped);
        assert_eq!(
            Label::of(&[Some(Partial), Some(Unmentioned)], false),
            Label::Dropped
        );
        assert_eq!(Label::of(&[Some(Partial)], false), Label::Unfinished);
        assert_eq!(Label::of(&[Some(Partial), None], true), Label::Unfinished);
    }

    /// A task met only because the review reports it pushed on counts as in progress across
    /// years; one the review reports finished, or with a figure that reached its target,
    /// stays met.
    #[test]
    fn pushed_on_is_in_progress_across_years() {
        let words = crate::rules::Rules::from_defaults().unwrap().status;
        let task = |status: Status, word: &str| CommitmentResult {
            name: "稳步推进利率市场化".to_string(),
            source: Source::Action,
            status,
            reason: String::new(),
            words: vec![word.to_string()],
            evidence: Vec::new(),
            candidates: Vec::new(),
        };
        assert_eq!(year_status(&task(Met, "推进"), &words), Partial);
        assert_eq!(year_status(&task(Met, "建成"), &words), Met);
        assert_eq!(year_status(&task(Unmentioned, "推进"), &words), Unmentioned);
        let no_word = CommitmentResult {
            words: Vec::new(),
            ..task(Met, "")
        };
        assert_eq!(year_status(&no_word, &words), Met);
        assert_eq!(year_status(&task(Met, "3.1%"), &words), Met);
    }
}
