//! The series: which file holds the plan of each period and which the review of it, the
//! body the series belongs to, and its runs of consecutive periods.
//!
//! A file whose documents all name another body than the series' is left out, as `batch`
//! pairs by organization; a file naming no body is taken to belong to the series (the
//! user gave it). Where two files hold a plan for one period, the first in name order is
//! used and the other is listed.

use crate::batch::Skipped;
use crate::outline::{period::Period, same_body, Outline, SectionKind};
use serde::Serialize;

/// A plan of the series and the review of its period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPlan {
    pub period: Period,
    /// Index of the file holding the plan.
    pub plan: usize,
    /// Index of the file holding the review of the period, when there is one.
    pub review: Option<usize>,
}

/// Consecutive periods, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Run {
    pub first: Period,
    pub last: Period,
}

/// One body's plans in period order.
#[derive(Debug, Clone)]
pub struct Series {
    pub organization: Option<String>,
    pub plans: Vec<SeriesPlan>,
    pub runs: Vec<Run>,
    pub left_out: Vec<Skipped>,
}

impl Series {
    /// Orders `outlines` (in name order) into a series. Fails when no two plans are of
    /// consecutive periods.
    pub fn of(outlines: &[Outline]) -> anyhow::Result<Series> {
        let organization = main_body(outlines);
        let mut left_out = Vec::new();
        let in_series: Vec<bool> = outlines
            .iter()
            .map(|o| {
                let orgs: Vec<&str> = o
                    .documents
                    .iter()
                    .filter_map(|d| d.organization.as_deref())
                    .collect();
                let ours = match &organization {
                    Some(body) => orgs.is_empty() || orgs.iter().any(|o| same_body(o, body)),
                    None => true,
                };
                if !ours {
                    left_out.push(Skipped {
                        file: o.file.clone(),
                        reason: format!(
                            "another body ({}) than the series' ({})",
                            orgs.join(", "),
                            organization.as_deref().unwrap_or("-")
                        ),
                    });
                }
                ours
            })
            .collect();
        let body = organization.as_deref();
        let mut plans: Vec<SeriesPlan> = Vec::new();
        for (i, o) in outlines.iter().enumerate().filter(|(i, _)| in_series[*i]) {
            for period in periods(o, SectionKind::Plan, body, false) {
                if let Some(first) = plans.iter().find(|p| p.period == period) {
                    left_out.push(Skipped {
                        file: o.file.clone(),
                        reason: format!(
                            "its plan for {period} is not used: `{}` holds one too and comes \
                             first in name order",
                            outlines[first.plan].file
                        ),
                    });
                    continue;
                }
                plans.push(SeriesPlan {
                    period,
                    plan: i,
                    review: None,
                });
            }
        }
        plans.sort_by_key(|p| order(p.period));
        // The review of a period: a summary of exactly it, or else a review of several
        // years that ends with it (a 过去五年 review for the last year of the term). A span
        // that only passes over the period (2013–2017 for 2015) is a later look back, not
        // the review of that year's plan.
        // Another file first (the next year's report); else the plan's own file, when it
        // also holds the review (a compilation, or a summary-and-plan of one half-year).
        for p in &mut plans {
            let reviews = |exact: bool, same_file: bool| {
                outlines
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| in_series[*i] && (*i == p.plan) == same_file)
                    .find(|(_, o)| {
                        periods(o, SectionKind::Summary, body, true)
                            .iter()
                            .any(|s| {
                                if exact {
                                    *s == p.period
                                } else {
                                    ends_with(*s, p.period)
                                }
                            })
                    })
                    .map(|(i, _)| i)
            };
            p.review = reviews(true, false)
                .or_else(|| reviews(false, false))
                .or_else(|| reviews(true, true))
                .or_else(|| reviews(false, true));
        }
        for (i, o) in outlines.iter().enumerate().filter(|(i, _)| in_series[*i]) {
            let used = plans.iter().any(|p| p.plan == i || p.review == Some(i));
            let listed = left_out.iter().any(|l| l.file == o.file);
            if !used && !listed {
                left_out.push(Skipped {
                    file: o.file.clone(),
                    reason: "holds no plan of a year or half-year, and no review of one the \
                             series plans (see `plantrack outline`)"
                        .to_string(),
                });
            }
        }
        let runs = runs(&plans);
        if !runs.iter().any(|r| r.first != r.last) {
            let held: Vec<String> = plans.iter().map(|p| p.period.to_string()).collect();
            let mut why = String::new();
            for l in &left_out {
                why.push_str(&format!("\n  left out: {}: {}", l.file, l.reason));
            }
            anyhow::bail!(
                "a history needs the plans of at least two consecutive periods; the files hold \
                 plans for {}{why}",
                if held.is_empty() {
                    "none".to_string()
                } else {
                    held.join(", ")
                }
            );
        }
        Ok(Series {
            organization,
            plans,
            runs,
            left_out,
        })
    }

    /// True when plan `i + 1` follows plan `i` with no gap.
    pub fn follows(&self, i: usize) -> bool {
        self.plans
            .get(i + 1)
            .is_some_and(|next| next.period == self.plans[i].period.next())
    }

    /// True when plan `i` is the last of its run.
    pub fn ends_run(&self, i: usize) -> bool {
        !self.follows(i)
    }
}

/// The body most files name (ties to the first in name order), if any names one.
fn main_body(outlines: &[Outline]) -> Option<String> {
    let names: Vec<&str> = outlines
        .iter()
        .filter_map(|o| o.documents.iter().find_map(|d| d.organization.as_deref()))
        .collect();
    let mut best: Option<(&str, usize)> = None;
    for name in &names {
        let n = names.iter().filter(|m| same_body(m, name)).count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((name, n));
        }
    }
    best.map(|(name, _)| name.to_string())
}

/// The periods of an outline's sections of `kind`, in order, from the documents of `body`
/// (or naming none): a compilation's other bodies are not the series'. Spans (a five-year
/// plan, a 过去五年 review) are kept only when `spans` is true.
fn periods(outline: &Outline, kind: SectionKind, body: Option<&str>, spans: bool) -> Vec<Period> {
    let mut out: Vec<Period> = outline
        .documents
        .iter()
        .filter(|d| d.may_be_of(body))
        .flat_map(|d| d.sections.iter())
        .filter(|s| s.kind == kind)
        .filter_map(|s| s.period)
        .filter(|p| spans || !p.is_span())
        .collect();
    out.sort_by_key(|p| order(*p));
    out.dedup();
    out
}

/// True when `span` is several years whose last is `period`'s year (a year, not a half).
fn ends_with(span: Period, period: Period) -> bool {
    matches!((span, period), (Period::Span(_, last), Period::Year(y)) if last == y)
}

/// Time order of periods: by year, a year's halves after it (`Period`'s own order puts
/// every year before every half-year).
fn order(p: Period) -> (i32, u8, i32) {
    match p {
        Period::Year(y) => (y, 0, y),
        Period::Half(y, h) => (y, h, y),
        Period::Span(a, b) => (b, 0, a),
    }
}

/// Cuts plans (in period order) into runs of consecutive periods.
fn runs(plans: &[SeriesPlan]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for p in plans {
        match out.last_mut() {
            Some(run) if run.last.next() == p.period => run.last = p.period,
            _ => out.push(Run {
                first: p.period,
                last: p.period,
            }),
        }
    }
    out
}
