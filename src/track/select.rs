//! Section choice: which plan section and which summary of the same period a run compares.
//!
//! By default the latest plan period of the plan file that the summary file summarises; among
//! the summary file's documents, the one whose organization matches the plan's. The user can
//! name the period or the sections; when nothing fits, the error says what each file holds.
//! A five-year plan (a span of years) is compared only when its period is asked for; a plan
//! year with no review of its own is compared with a review of several years that covers it.

use crate::outline::{period::Period, Document, Outline, Section, SectionKind};
use anyhow::{bail, Result};

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub period: Option<Period>,
    pub plan_section: Option<String>,
    pub summary_section: Option<String>,
    /// Compare a named section even when it is not of the kind its place asks for (a plan
    /// section named as the summary).
    pub force_section: bool,
}

/// The sections chosen for a run.
#[derive(Debug, Clone)]
pub struct Selection<'a> {
    pub plan_doc: &'a Document,
    pub plan: Vec<&'a Section>,
    pub summary_doc: &'a Document,
    pub summary: Vec<&'a Section>,
    pub problems: Vec<&'a Section>,
    pub period: Option<Period>,
    pub notes: Vec<String>,
}

/// Refuses a section named on the command line that is not of the kind `want`, unless
/// `--force-section` says to compare it anyway: goals scored against another plan would
/// look like a review.
fn check_kind(
    outline: &Outline,
    section: &Section,
    want: SectionKind,
    flag: &str,
    choice: &Choice,
) -> Result<()> {
    if section.kind == want || choice.force_section {
        return Ok(());
    }
    bail!(
        "`{flag} {}`: section {} of `{}` is a {} section, not a {} section; \
         pass --force-section to compare it anyway",
        section.id,
        section.id,
        outline.file,
        section.kind.as_str(),
        want.as_str()
    )
}

/// Chooses the sections to compare.
pub fn select<'a>(
    plan: &'a Outline,
    summary: &'a Outline,
    choice: &Choice,
) -> Result<Selection<'a>> {
    let mut notes = Vec::new();
    let (plan_doc, plan_sections) = match &choice.plan_section {
        Some(id) => {
            let (doc, s) = plan.section(id).ok_or_else(|| no_section(plan, id))?;
            check_kind(plan, s, SectionKind::Plan, "--plan-section", choice)?;
            (doc, vec![s])
        }
        None => {
            let Some((doc, period)) = latest_plan(plan, summary, choice.period) else {
                bail!("{}", nothing_fits(plan, summary, choice.period));
            };
            let sections = of_kind(doc, SectionKind::Plan, Some(period));
            (doc, sections)
        }
    };
    let period = choice.period.or(plan_sections[0].period);
    let (summary_doc, summary_sections) = match &choice.summary_section {
        Some(id) => {
            let (doc, s) = summary.section(id).ok_or_else(|| no_section(summary, id))?;
            check_kind(
                summary,
                s,
                SectionKind::Summary,
                "--summary-section",
                choice,
            )?;
            if !same_org(plan_doc, doc) {
                notes.push(format!(
                    "the summary section {id} belongs to {}, the plan to {}: compared as asked",
                    doc.organization.as_deref().unwrap_or("an unnamed body"),
                    plan_doc
                        .organization
                        .as_deref()
                        .unwrap_or("an unnamed body")
                ));
            }
            (doc, vec![s])
        }
        None => {
            let candidates: Vec<&Document> = summary
                .documents
                .iter()
                .filter(|d| !summaries_of(d, period).is_empty())
                .collect();
            let doc = candidates
                .iter()
                .find(|d| same_org(plan_doc, d))
                .or(candidates.first())
                .copied();
            let Some(doc) = doc else {
                bail!("{}", nothing_fits(plan, summary, period));
            };
            if !same_org(plan_doc, doc) {
                notes.push(format!(
                    "no summary of {} found; using {}'s",
                    plan_doc
                        .organization
                        .as_deref()
                        .unwrap_or("the plan's body"),
                    doc.organization.as_deref().unwrap_or("an unnamed body")
                ));
            }
            (doc, summaries_of(doc, period))
        }
    };
    if let (Some(p), Some(s)) = (plan_sections[0].period, summary_sections[0].period) {
        if p != s && s.covers(p) {
            notes.push(format!(
                "no review of {p} alone: the review of {s} is used, which covers it"
            ));
        } else if p != s {
            notes.push(format!("the plan is for {p} but the summary covers {s}"));
        }
    }
    let problems = summary_doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Problems)
        .collect();
    Ok(Selection {
        plan_doc,
        plan: plan_sections,
        summary_doc,
        summary: summary_sections,
        problems,
        period,
        notes,
    })
}

/// The plan sections of `period` in `plan` with no review to set them against: the last
/// plan of a series, whose goals and tasks are listed though none can be judged yet. Only a
/// document of `body` (or one naming no body) is taken, when a body is given.
pub fn plan_only<'a>(
    plan: &'a Outline,
    period: Period,
    body: Option<&str>,
) -> Option<Selection<'a>> {
    let (doc, sections) = plan
        .documents
        .iter()
        .filter(|d| d.may_be_of(body))
        .find_map(|d| {
            let sections = of_kind(d, SectionKind::Plan, Some(period));
            (!sections.is_empty()).then_some((d, sections))
        })?;
    Some(Selection {
        plan_doc: doc,
        plan: sections,
        summary_doc: doc,
        summary: Vec::new(),
        problems: Vec::new(),
        period: Some(period),
        notes: Vec::new(),
    })
}

/// The summary sections of a document for a period: those of exactly that period, or,
/// when there are none, those whose span covers it (a 过去五年 review for its last year).
fn summaries_of(doc: &Document, period: Option<Period>) -> Vec<&Section> {
    let exact = of_kind(doc, SectionKind::Summary, period);
    if !exact.is_empty() {
        return exact;
    }
    let Some(p) = period else { return exact };
    doc.sections
        .iter()
        .filter(|s| s.kind == SectionKind::Summary && s.period.is_some_and(|sp| sp.covers(p)))
        .collect()
}

fn of_kind(doc: &Document, kind: SectionKind, period: Option<Period>) -> Vec<&Section> {
    doc.sections
        .iter()
        .filter(|s| s.kind == kind && (period.is_none() || s.period == period))
        .collect()
}

/// The plan document and period to use: the latest plan period that the summary file has a
/// summary for, preferring a summary document of the same organization.
fn latest_plan<'a>(
    plan: &'a Outline,
    summary: &Outline,
    wanted: Option<Period>,
) -> Option<(&'a Document, Period)> {
    let mut pairs: Vec<(Period, bool, usize, &Document)> = Vec::new();
    for (i, doc) in plan.documents.iter().enumerate() {
        for s in doc.sections.iter().filter(|s| s.kind == SectionKind::Plan) {
            // A five-year plan is compared only when asked for by its period.
            let fits = |p: &Period| wanted.map_or(!p.is_span(), |w| w == *p);
            let Some(p) = s.period.filter(fits) else {
                continue;
            };
            let summaries: Vec<&Document> = summary
                .documents
                .iter()
                .filter(|d| !summaries_of(d, Some(p)).is_empty())
                .collect();
            if !summaries.is_empty() {
                let org = summaries.iter().any(|d| same_org(doc, d));
                pairs.push((p, org, i, doc));
            }
        }
    }
    // Latest period first, then a matching organization, then document order.
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    pairs.first().map(|(p, _, _, d)| (*d, *p))
}

/// True when two documents name the same body (one name contains the other), or neither
/// names one (two reports without a title line are not two bodies).
pub(super) fn same_org(a: &Document, b: &Document) -> bool {
    match (&a.organization, &b.organization) {
        (Some(x), Some(y)) => crate::outline::same_body(x, y),
        (None, None) => true,
        _ => false,
    }
}

fn no_section(outline: &Outline, id: &str) -> anyhow::Error {
    let ids: Vec<&str> = outline
        .documents
        .iter()
        .flat_map(|d| d.sections.iter().map(|s| s.id.as_str()))
        .collect();
    anyhow::anyhow!(
        "`{}` has no section `{id}`; its sections are {} (see `plantrack outline`)",
        outline.file,
        ids.join(", ")
    )
}

/// Says what each file holds when no plan and summary pair fits.
fn nothing_fits(plan: &Outline, summary: &Outline, period: Option<Period>) -> String {
    let list = |o: &Outline, kind: SectionKind| {
        let found: Vec<String> = o
            .documents
            .iter()
            .flat_map(|d| d.sections.iter())
            .filter(|s| s.kind == kind)
            .map(|s| {
                format!(
                    "{} {}",
                    s.id,
                    s.period.map_or("?".into(), |p| p.to_string())
                )
            })
            .collect();
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        }
    };
    let wanted = period.map_or(String::new(), |p| format!(" for {p}"));
    format!(
        "no plan section in `{}` has a summary of the same period in `{}`{wanted}; plan sections found: {}; summary sections found: {}. Choose with --period, --plan-section or --summary-section",
        plan.file,
        summary.file,
        list(plan, SectionKind::Plan),
        list(summary, SectionKind::Summary),
    )
}
