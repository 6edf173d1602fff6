//! Track: the main job. Chooses a plan section and the summary of the same period, runs the
//! matcher and the status stage over them, and returns a [`TrackReport`] (plain data that
//! the renderers in [`crate::report`] print).
//!
//! Section choice, by default: the latest plan period of the plan file that the summary file
//! summarises; among the summary file's documents, the one whose organization matches the
//! plan's. `--period`, `--plan-section` and `--summary-section` override it. Problems
//! sections of the chosen summary document count as evidence too.

use crate::commitments::{self, Commitment};
use crate::matcher::{self, Candidate, Goal, Matcher, Mention, Unit};
use crate::outline::{period::Period, Document, Outline, Section, SectionKind};
use crate::rules::Rules;
use crate::status::{self, Status, Verdict};
use crate::targets::{self, Comparator, Target, TargetStatus};
use anyhow::{bail, Result};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the user asked for on the command line.
#[derive(Debug, Clone, Default)]
pub struct Choice {
    pub period: Option<Period>,
    pub plan_section: Option<String>,
    pub summary_section: Option<String>,
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

/// The outcome for one commitment inside a goal.
#[derive(Debug, Clone, Serialize)]
pub struct CommitmentResult {
    pub name: String,
    pub source: commitments::Source,
    pub status: Status,
    pub reason: String,
    pub words: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// A numeric target of the plan set against the summary's actual.
#[derive(Debug, Clone, Serialize)]
pub struct TargetResult {
    /// The goal it comes from, or `None` for the plan section's opening paragraph.
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
    pub text: String,
    pub status: Status,
    pub score: f64,
    pub reason: String,
    pub words: Vec<String>,
    pub evidence: Vec<Evidence>,
    pub commitments: Vec<CommitmentResult>,
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
    /// The targets of the plan section's opening paragraph (a goal's own are in the goal).
    pub targets: Vec<TargetResult>,
    pub counts: Counts,
    pub commitment_counts: Counts,
    /// Pin, block, require and ignore rules that changed nothing in this run.
    #[serde(skip)]
    pub unused_rules: Vec<String>,
}

/// How many candidates `--explain` keeps per goal.
const EXPLAIN_CANDIDATES: usize = 5;

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
                .filter(|d| !of_kind(d, SectionKind::Summary, period).is_empty())
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
            (doc, of_kind(doc, SectionKind::Summary, period))
        }
    };
    if let (Some(p), Some(s)) = (plan_sections[0].period, summary_sections[0].period) {
        if p != s {
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
            let Some(p) = s.period.filter(|p| wanted.is_none_or(|w| w == *p)) else {
                continue;
            };
            let summaries: Vec<&Document> = summary
                .documents
                .iter()
                .filter(|d| !of_kind(d, SectionKind::Summary, Some(p)).is_empty())
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

/// True when two documents name the same body (one name contains the other).
fn same_org(a: &Document, b: &Document) -> bool {
    match (&a.organization, &b.organization) {
        (Some(x), Some(y)) => x.contains(y.as_str()) || y.contains(x.as_str()),
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
    let mut goal_targets: Vec<&[Target]> = Vec::new();
    for item in sel.plan.iter().flat_map(|s| s.leaves()) {
        if let Some(rule) = rules.ignore.iter().find(|r| r.pattern.is_match(&item.text)) {
            ignored.push(IgnoredGoal {
                id: item.id.clone(),
                path: item.path.clone(),
                text: item.text.clone(),
                rule: rule.label.clone(),
            });
            continue;
        }
        goal_targets.push(&item.targets);
        goals.push(Goal {
            id: item.id.clone(),
            path: item.path.clone(),
            text: item.text.clone(),
            commitments: commitments::extract(&item.text, &rules.commitments),
        });
    }
    let evidence_sections: Vec<&Section> =
        sel.summary.iter().chain(&sel.problems).copied().collect();
    let units = matcher::units(&evidence_sections);
    let m = Matcher::new(&goals, &units, rules);
    let summary_texts = summary_texts(sel);
    let summary_texts: Vec<&str> = summary_texts.iter().map(String::as_str).collect();
    let mut results: Vec<GoalResult> = goals
        .iter()
        .enumerate()
        .map(|(g, goal)| judge_goal(&m, g, goal, &units, rules, explain))
        .collect();
    for (r, targets) in results.iter_mut().zip(goal_targets) {
        r.targets = judge_targets(targets, Some(&r.id), &summary_texts);
    }
    let lead_targets = sel
        .plan
        .iter()
        .flat_map(|s| judge_targets(&s.targets, None, &summary_texts))
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
        targets: lead_targets,
        counts,
        commitment_counts,
        unused_rules,
    }
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

/// Judges the targets of a plan text (found by the outline) against the summary.
fn judge_targets(found: &[Target], goal: Option<&str>, summary: &[&str]) -> Vec<TargetResult> {
    found
        .iter()
        .cloned()
        .map(|t| {
            let actual = targets::find_actual(&t, summary);
            let j = targets::judge(&t, actual.as_ref());
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
        })
        .collect()
}

fn side(outline: &Outline, doc: &Document, sections: &[&Section]) -> Side {
    Side {
        file: outline.file.clone(),
        document: doc.id.clone(),
        title: doc.title.clone(),
        organization: doc.organization.clone(),
        section: sections[0].id.clone(),
        sections: sections.iter().map(|s| s.id.clone()).collect(),
        period: sections[0].period,
    }
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Quotes a range of a unit's canonical text from its original text (same sentences).
fn evidence(
    m: &Matcher,
    units: &[Unit],
    u: usize,
    sentence: std::ops::Range<usize>,
    score: f64,
) -> Evidence {
    let unit = &units[u];
    let canonical = &m.unit_canonical[u];
    let nth = crate::similarity::sentences(canonical)
        .iter()
        .position(|r| r.start == sentence.start);
    let quote = nth
        .and_then(|n| crate::similarity::sentences(&unit.text).get(n).cloned())
        .map_or_else(
            || canonical[sentence].to_string(),
            |r| unit.text[r].to_string(),
        );
    Evidence {
        id: unit.id.clone(),
        path: unit.path.clone(),
        section: unit.kind,
        quote: quote.trim().to_string(),
        text: unit.text.clone(),
        score: round(score),
    }
}

fn judge_goal(
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
        text: goal.text.clone(),
        status,
        score: round(best_score),
        reason,
        words,
        evidence: evidence_list,
        commitments,
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
            let v =
                status::judge_mention(text, in_problems, mention.start..mention.end, &rules.status);
            let sentence = crate::similarity::sentences(text)
                .into_iter()
                .find(|r| r.start <= mention.start && mention.start < r.end)
                .unwrap_or(0..text.len());
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
    }
}

impl TrackReport {
    /// Every target of the plan: the section's opening paragraph first, then each goal's.
    pub fn all_targets(&self) -> impl Iterator<Item = &TargetResult> {
        self.targets
            .iter()
            .chain(self.goals.iter().flat_map(|g| g.targets.iter()))
    }
}
