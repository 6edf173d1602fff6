//! Rules: the TOML matching rules, layered and validated in two phases.
//!
//! Phase one checks each file on its own ([`check::check_text`]: schema, kinds, ranges,
//! regexes, duplicates, contradictions, each problem with `FILE:LINE:COL` and its key) and
//! parses it into [`RawRules`]. The default rules (`rules/default.toml`, embedded in the
//! binary) come first, then each `--rules FILE` in order: a later number replaces an earlier
//! one; a later list is added to the earlier one unless its table sets `replace = true`;
//! `[[pin]]`, `[[block]]` and `[[require]]` entries always add. Phase two,
//! [`RawRules::validate`], compiles the merged rules into [`Rules`], which is known good.
//! Every problem of every file is reported at once.

pub mod check;
pub mod schema;

use crate::similarity::Normalizer;
use anyhow::{Context, Result};
pub use check::{Problem, RulesError};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The default rules, as shipped in `rules/default.toml`.
pub const DEFAULT_RULES: &str = include_str!("../../rules/default.toml");
/// How the built-in rules are named in messages.
pub const DEFAULT_ORIGIN: &str = "rules/default.toml (built in)";

/// One rules file as written. Every field is optional so that a user file can set only what
/// it changes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub thresholds: Option<RawThresholds>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weights: Option<RawWeights>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop_phrases: Option<RawStopPhrases>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub synonyms: Option<RawSynonyms>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<RawStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitments: Option<RawCommitments>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sections: Option<RawSections>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ignore: Option<RawIgnore>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tasks: Option<RawTasks>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub require: Vec<RawRequire>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<RawPair>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub block: Vec<RawPair>,
    /// True when the file holds no key (only comments and table headers): it parses, and
    /// changes nothing, which a user who passed a wrong or truncated file should be told.
    #[serde(skip)]
    pub sets_nothing: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawThresholds {
    pub evidence: Option<f64>,
    pub commitment: Option<f64>,
    pub max_evidence: Option<usize>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawWeights {
    pub ngram: Option<f64>,
    pub commitments: Option<f64>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStopPhrases {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSynonyms {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub groups: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub done: Vec<String>,
    #[serde(default)]
    pub progress: Vec<String>,
    #[serde(default)]
    pub shortfall: Vec<String>,
    #[serde(default)]
    pub hedges: Vec<String>,
    #[serde(default)]
    pub done_regex: Vec<String>,
    #[serde(default)]
    pub progress_regex: Vec<String>,
    #[serde(default)]
    pub shortfall_regex: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitments {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub suffixes: Vec<String>,
    #[serde(default)]
    pub verbs: Vec<String>,
    #[serde(default)]
    pub list_heads: Vec<String>,
    #[serde(default)]
    pub generic: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawSections {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub summary: Vec<String>,
    #[serde(default)]
    pub plan: Vec<String>,
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub problems_intro: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawIgnore {
    #[serde(default)]
    pub replace: bool,
    #[serde(default)]
    pub goals: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawTasks {
    #[serde(default)]
    pub replace: bool,
    pub threshold: Option<f64>,
    pub resume_threshold: Option<f64>,
    pub power: Option<f64>,
    pub absent_weight: Option<f64>,
    pub list_exponent: Option<f64>,
    pub near_number: Option<f64>,
    pub near_ratio: Option<f64>,
    pub min_mass: Option<f64>,
    pub candidate_weight: Option<f64>,
    pub distinctive_idf: Option<f64>,
    pub min_distinctive: Option<usize>,
    pub min_chars: Option<usize>,
    pub max_chars: Option<usize>,
    #[serde(default)]
    pub framing: Vec<String>,
    #[serde(default)]
    pub adverbs: Vec<String>,
    #[serde(default)]
    pub slogans: Vec<String>,
    #[serde(default)]
    pub generic: Vec<String>,
    #[serde(default)]
    pub not_reports: Vec<String>,
    #[serde(default)]
    pub continuations: Vec<String>,
    #[serde(default)]
    pub statements: Vec<String>,
    #[serde(default)]
    pub lead_ins: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequire {
    pub goal: String,
    pub item_any: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawPair {
    pub goal: String,
    pub item: String,
}

/// Validated rules, ready for the pipeline.
#[derive(Debug, Clone)]
pub struct Rules {
    pub evidence_threshold: f64,
    pub commitment_threshold: f64,
    pub max_evidence: usize,
    pub weight_ngram: f64,
    pub weight_commitments: f64,
    pub stop_phrases: Vec<String>,
    pub synonyms: Vec<Vec<String>>,
    pub status: StatusWords,
    pub commitments: CommitmentWords,
    pub sections: SectionVocab,
    /// Synonyms and stop phrases compiled once, for every comparison of a run.
    pub normalizer: Normalizer,
    pub ignore: Vec<PatternRule>,
    pub tasks: TaskRules,
    pub require: Vec<RequireRule>,
    pub pin: Vec<PairRule>,
    pub block: Vec<PairRule>,
}

/// Words that decide a status. `*_regex` hold the patterns of the rules and, after them, one
/// pattern that matches any of the kind's words, longest first.
#[derive(Debug, Clone, Default)]
pub struct StatusWords {
    pub done: Vec<String>,
    pub progress: Vec<String>,
    pub shortfall: Vec<String>,
    pub hedges: Vec<String>,
    pub done_regex: Vec<Regex>,
    pub progress_regex: Vec<Regex>,
    pub shortfall_regex: Vec<Regex>,
}

/// `patterns`, then one regex matching any of `words`, longest first: where a pattern and a
/// word overlap, the pattern's (longer) match wins.
fn words_then_patterns(words: &[String], patterns: &[String]) -> Vec<Regex> {
    let mut words: Vec<&String> = words.iter().filter(|w| !w.is_empty()).collect();
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    let any: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    let any = (!any.is_empty()).then(|| compiled(&any.join("|")));
    all_compiled(patterns).into_iter().chain(any).collect()
}

/// Words that pick named commitments out of a goal.
#[derive(Debug, Clone, Default)]
pub struct CommitmentWords {
    pub suffixes: Vec<String>,
    pub verbs: Vec<String>,
    pub list_heads: Vec<String>,
    pub generic: Vec<String>,
}

/// How tasks are picked out of goals and judged (see [`crate::tasks`]).
#[derive(Debug, Clone, Default)]
pub struct TaskRules {
    /// Smallest coverage at which a review sentence reports on a task.
    pub threshold: f64,
    /// Smallest coverage, each way, at which a promise left out of one plan or more and made
    /// again in a later one is the same promise (`history`).
    pub resume_threshold: f64,
    /// A gram weighs its rarity (idf) to this power.
    pub power: f64,
    /// Factor on the weight of a task's grams that no review sentence holds.
    pub absent_weight: f64,
    /// Each member of a 、-list of `k` members weighs `k ^ -list_exponent`.
    pub list_exponent: f64,
    /// Share of a number's weight that a sentence holding a near figure covers.
    pub near_number: f64,
    /// A figure is near a task's within this factor either way, in the same base unit.
    pub near_ratio: f64,
    /// Least weight of a task that a sentence must hold to report on it.
    pub min_mass: f64,
    /// Smallest weight of a shared gram that makes a sentence a candidate.
    pub candidate_weight: f64,
    /// Genre idf from which a gram is distinctive.
    pub distinctive_idf: f64,
    /// Distinctive grams a clause needs to be a task.
    pub min_distinctive: usize,
    pub min_chars: usize,
    pub max_chars: usize,
    /// Words that open a framing clause, never a task.
    pub framing: Vec<String>,
    /// Adverbs that open a task and are no part of it (坚持不懈地).
    pub adverbs: Vec<String>,
    /// Phrases that make a clause framing wherever they stand.
    pub slogans: Vec<String>,
    /// Words that weigh as little as the commonest in the genre.
    pub generic: Vec<String>,
    /// Patterns of review sentences that report on nothing (向…表示诚挚感谢, 各位代表！, a lesson
    /// drawn: 必须坚持…): never evidence.
    pub not_reports: Vec<Regex>,
    /// Patterns of plan clauses that go on from the clause before them (比上年减少300亿元):
    /// never a task of their own.
    pub continuations: Vec<Regex>,
    /// Patterns of plan clauses that state a fact or a judgement (教育是国家发展的基石):
    /// never a task.
    pub statements: Vec<Regex>,
    /// Patterns of what opens a plan clause before the action it names (节能减排的关键是):
    /// cut off.
    pub lead_ins: Vec<Regex>,
}

impl TaskRules {
    /// The `continuations` pattern a plan clause matches, if any: it goes on from the
    /// clause before it.
    pub fn continuation(&self, clause: &str) -> Option<&str> {
        first_match(&self.continuations, clause)
    }

    /// The `statements` pattern a plan clause matches, if any: it states, and commits to
    /// nothing.
    pub fn statement(&self, clause: &str) -> Option<&str> {
        first_match(&self.statements, clause)
    }

    /// The `not_reports` pattern a review sentence matches, if any: it reports on nothing.
    pub fn not_report(&self, sentence: &str) -> Option<&str> {
        first_match(&self.not_reports, sentence)
    }
}

/// The first of `patterns` that matches `text`, as written.
fn first_match<'a>(patterns: &'a [Regex], text: &str) -> Option<&'a str> {
    patterns
        .iter()
        .find(|re| re.is_match(text))
        .map(Regex::as_str)
}

/// Patterns that recognise section headings.
#[derive(Debug, Clone)]
pub struct SectionVocab {
    pub summary: Vec<Regex>,
    pub plan: Vec<Regex>,
    pub problems: Vec<Regex>,
    pub problems_intro: Vec<Regex>,
}

/// A rule that applies to goals matching a pattern; `label` names it in explanations.
#[derive(Debug, Clone)]
pub struct PatternRule {
    pub pattern: Regex,
    pub label: String,
}

/// `[[pin]]` or `[[block]]`: a goal pattern and an item pattern.
#[derive(Debug, Clone)]
pub struct PairRule {
    pub goal: Regex,
    pub item: Regex,
    pub label: String,
}

/// `[[require]]`: evidence for matching goals must contain one of `item_any`.
#[derive(Debug, Clone)]
pub struct RequireRule {
    pub goal: Regex,
    pub item_any: Vec<String>,
    pub label: String,
}

impl RawRules {
    /// Checks and parses one rules file's text; `origin` names it in problems.
    pub fn from_toml(text: &str, origin: &str) -> Result<RawRules, RulesError> {
        let problems = check::check_text(text, origin);
        if !problems.is_empty() {
            return Err(RulesError(problems));
        }
        let raw: Result<RawRules, RulesError> = toml::from_str(text).map_err(|e| {
            let (line, col) = line_col(text, e.span().map_or(0, |s| s.start));
            RulesError(vec![Problem {
                file: origin.to_string(),
                line,
                col,
                key: String::new(),
                message: e.message().to_string(),
            }])
        });
        raw.map(|raw| RawRules {
            sets_nothing: sets_nothing(text),
            ..raw
        })
    }

    /// Reads, checks and parses one rules file.
    pub fn from_file(path: &Path) -> Result<Result<RawRules, RulesError>> {
        let text = crate::ingest::read_text(path)
            .with_context(|| format!("cannot read rules file `{}`", path.display()))?;
        Ok(RawRules::from_toml(&text, &path.display().to_string()))
    }

    /// The built-in rules, unvalidated. They are parsed without the first-phase check (which
    /// compiles every pattern once more and costs a few milliseconds on every run): the test
    /// `defaults_pass_the_check` runs it on them instead.
    pub fn defaults() -> RawRules {
        toml::from_str(DEFAULT_RULES).expect("the built-in rules parse")
    }

    /// Layers `over` on top of `self`.
    pub fn layer(mut self, over: RawRules) -> RawRules {
        if let Some(t) = over.thresholds {
            let base = self.thresholds.get_or_insert_with(Default::default);
            base.evidence = t.evidence.or(base.evidence);
            base.commitment = t.commitment.or(base.commitment);
            base.max_evidence = t.max_evidence.or(base.max_evidence);
        }
        if let Some(w) = over.weights {
            let base = self.weights.get_or_insert_with(Default::default);
            base.ngram = w.ngram.or(base.ngram);
            base.commitments = w.commitments.or(base.commitments);
        }
        if let Some(s) = over.stop_phrases {
            let base = self.stop_phrases.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.phrases, s.phrases);
        }
        if let Some(s) = over.synonyms {
            let base = self.synonyms.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.groups, s.groups);
        }
        if let Some(s) = over.status {
            let b = self.status.get_or_insert_with(Default::default);
            for (base, more) in [
                (&mut b.done, s.done),
                (&mut b.progress, s.progress),
                (&mut b.shortfall, s.shortfall),
                (&mut b.hedges, s.hedges),
                (&mut b.done_regex, s.done_regex),
                (&mut b.progress_regex, s.progress_regex),
                (&mut b.shortfall_regex, s.shortfall_regex),
            ] {
                extend(s.replace, base, more);
            }
        }
        if let Some(s) = over.commitments {
            let b = self.commitments.get_or_insert_with(Default::default);
            for (base, more) in [
                (&mut b.suffixes, s.suffixes),
                (&mut b.verbs, s.verbs),
                (&mut b.list_heads, s.list_heads),
                (&mut b.generic, s.generic),
            ] {
                extend(s.replace, base, more);
            }
        }
        if let Some(s) = over.sections {
            let b = self.sections.get_or_insert_with(Default::default);
            for (base, more) in [
                (&mut b.summary, s.summary),
                (&mut b.plan, s.plan),
                (&mut b.problems, s.problems),
                (&mut b.problems_intro, s.problems_intro),
            ] {
                extend(s.replace, base, more);
            }
        }
        if let Some(s) = over.ignore {
            let base = self.ignore.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.goals, s.goals);
        }
        if let Some(t) = over.tasks {
            let b = self.tasks.get_or_insert_with(Default::default);
            b.threshold = t.threshold.or(b.threshold);
            b.resume_threshold = t.resume_threshold.or(b.resume_threshold);
            b.power = t.power.or(b.power);
            b.absent_weight = t.absent_weight.or(b.absent_weight);
            b.list_exponent = t.list_exponent.or(b.list_exponent);
            b.near_number = t.near_number.or(b.near_number);
            b.near_ratio = t.near_ratio.or(b.near_ratio);
            b.min_mass = t.min_mass.or(b.min_mass);
            b.candidate_weight = t.candidate_weight.or(b.candidate_weight);
            b.distinctive_idf = t.distinctive_idf.or(b.distinctive_idf);
            b.min_distinctive = t.min_distinctive.or(b.min_distinctive);
            b.min_chars = t.min_chars.or(b.min_chars);
            b.max_chars = t.max_chars.or(b.max_chars);
            extend(t.replace, &mut b.framing, t.framing);
            extend(t.replace, &mut b.adverbs, t.adverbs);
            extend(t.replace, &mut b.slogans, t.slogans);
            extend(t.replace, &mut b.generic, t.generic);
            extend(t.replace, &mut b.not_reports, t.not_reports);
            extend(t.replace, &mut b.continuations, t.continuations);
            extend(t.replace, &mut b.statements, t.statements);
            extend(t.replace, &mut b.lead_ins, t.lead_ins);
        }
        self.require.extend(over.require);
        self.pin.extend(over.pin);
        self.block.extend(over.block);
        self
    }

    /// Compiles the merged rules into [`Rules`]. Each file was checked on its own already;
    /// what is left to find here is a key that no layer set.
    pub fn validate(self) -> Result<Rules, RulesError> {
        let mut missing = Vec::new();
        let mut need = |key: &str, v: Option<f64>| {
            v.unwrap_or_else(|| {
                missing.push(key.to_string());
                0.0
            })
        };
        let t = self.thresholds.unwrap_or_default();
        let w = self.weights.unwrap_or_default();
        let evidence_threshold = need("thresholds.evidence", t.evidence);
        let commitment_threshold = need("thresholds.commitment", t.commitment);
        let weight_ngram = need("weights.ngram", w.ngram);
        let weight_commitments = need("weights.commitments", w.commitments);
        let tk = self.tasks.clone().unwrap_or_default();
        let task_threshold = need("tasks.threshold", tk.threshold);
        let resume_threshold = need("tasks.resume_threshold", tk.resume_threshold);
        let task_power = need("tasks.power", tk.power);
        let absent_weight = need("tasks.absent_weight", tk.absent_weight);
        let list_exponent = need("tasks.list_exponent", tk.list_exponent);
        let near_number = need("tasks.near_number", tk.near_number);
        let near_ratio = need("tasks.near_ratio", tk.near_ratio);
        let min_mass = need("tasks.min_mass", tk.min_mass);
        let candidate_weight = need("tasks.candidate_weight", tk.candidate_weight);
        let distinctive_idf = need("tasks.distinctive_idf", tk.distinctive_idf);
        if !missing.is_empty() {
            return Err(RulesError(
                missing
                    .into_iter()
                    .map(|key| Problem {
                        file: "rules".into(),
                        line: 1,
                        col: 1,
                        key,
                        message: "no layer sets it (did a file replace the defaults?)".into(),
                    })
                    .collect(),
            ));
        }
        let sections = self.sections.unwrap_or_default();
        let status = self.status.unwrap_or_default();
        let stop_phrases = self.stop_phrases.unwrap_or_default().phrases;
        let synonyms = self.synonyms.unwrap_or_default().groups;
        let commitments = self.commitments.unwrap_or_default();
        let pair = |kind: &str, p: &RawPair| PairRule {
            goal: compiled(&p.goal),
            item: compiled(&p.item),
            label: format!("[[{kind}]] goal = \"{}\", item = \"{}\"", p.goal, p.item),
        };
        Ok(Rules {
            evidence_threshold,
            commitment_threshold,
            max_evidence: t.max_evidence.unwrap_or(3).max(1),
            weight_ngram,
            weight_commitments,
            normalizer: Normalizer::new(&synonyms, &stop_phrases),
            stop_phrases,
            synonyms,
            status: StatusWords {
                done_regex: words_then_patterns(&status.done, &status.done_regex),
                progress_regex: words_then_patterns(&status.progress, &status.progress_regex),
                shortfall_regex: words_then_patterns(&status.shortfall, &status.shortfall_regex),
                done: status.done,
                progress: status.progress,
                shortfall: status.shortfall,
                hedges: status.hedges,
            },
            commitments: CommitmentWords {
                suffixes: commitments.suffixes,
                verbs: commitments.verbs,
                list_heads: commitments.list_heads,
                generic: commitments.generic,
            },
            sections: SectionVocab {
                summary: all_compiled(&sections.summary),
                plan: all_compiled(&sections.plan),
                problems: all_compiled(&sections.problems),
                problems_intro: all_compiled(&sections.problems_intro),
            },
            tasks: TaskRules {
                threshold: task_threshold,
                resume_threshold,
                power: task_power,
                absent_weight,
                list_exponent,
                near_number,
                near_ratio,
                min_mass,
                candidate_weight,
                distinctive_idf,
                min_distinctive: tk.min_distinctive.unwrap_or(1),
                min_chars: tk.min_chars.unwrap_or(4),
                max_chars: tk.max_chars.unwrap_or(80),
                framing: tk.framing,
                adverbs: tk.adverbs,
                slogans: tk.slogans,
                generic: tk.generic,
                not_reports: all_compiled(&tk.not_reports),
                continuations: all_compiled(&tk.continuations),
                statements: all_compiled(&tk.statements),
                lead_ins: all_compiled(&tk.lead_ins),
            },
            ignore: self
                .ignore
                .unwrap_or_default()
                .goals
                .iter()
                .map(|g| PatternRule {
                    pattern: compiled(g),
                    label: format!("[ignore] goals = \"{g}\""),
                })
                .collect(),
            require: self
                .require
                .iter()
                .map(|r| RequireRule {
                    goal: compiled(&r.goal),
                    item_any: r.item_any.clone(),
                    label: format!(
                        "[[require]] goal = \"{}\", item_any = {:?}",
                        r.goal, r.item_any
                    ),
                })
                .collect(),
            pin: self.pin.iter().map(|p| pair("pin", p)).collect(),
            block: self.block.iter().map(|p| pair("block", p)).collect(),
        })
    }

    /// The rules as TOML, for `plantrack rules dump`.
    pub fn to_toml(&self) -> Result<String> {
        Ok(toml::to_string(self)?)
    }
}

/// True when rules text that parses holds no key: only comments and table headers.
fn sets_nothing(text: &str) -> bool {
    fn empty(t: &toml::Table) -> bool {
        t.values().all(|v| v.as_table().is_some_and(empty))
    }
    text.parse::<toml::Table>().is_ok_and(|t| empty(&t))
}

/// Compiles a pattern that [`check::check_text`] has already compiled once.
fn compiled(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|_| Regex::new(&regex::escape(pattern)).expect("escaped"))
}

fn all_compiled(patterns: &[String]) -> Vec<Regex> {
    patterns.iter().map(|p| compiled(p)).collect()
}

fn extend<T>(replace: bool, base: &mut Vec<T>, more: Vec<T>) {
    if replace {
        *base = more;
    } else {
        base.extend(more);
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

impl Rules {
    /// The default rules alone.
    pub fn from_defaults() -> Result<Rules> {
        Ok(RawRules::defaults().validate()?)
    }

    /// The default rules with each of `files` layered on top, in order. Reports the
    /// problems of all files at once.
    pub fn from_files(files: &[impl AsRef<Path>]) -> Result<Rules> {
        Ok(Rules::load(files)?.0)
    }

    /// As [`Rules::from_files`], with the files that set nothing (see
    /// [`RawRules::sets_nothing`]), for the caller to warn about.
    pub fn load<P: AsRef<Path>>(files: &[P]) -> Result<(Rules, Vec<&P>)> {
        let mut raw = RawRules::defaults();
        let mut problems = Vec::new();
        let mut empty = Vec::new();
        for file in files {
            match RawRules::from_file(file.as_ref())? {
                Ok(layer) => {
                    if layer.sets_nothing {
                        empty.push(file);
                    }
                    raw = raw.layer(layer);
                }
                Err(RulesError(mut p)) => problems.append(&mut p),
            }
        }
        if !problems.is_empty() {
            return Err(RulesError(problems).into());
        }
        Ok((raw.validate()?, empty))
    }

    /// The merged rules of `files` over the defaults, unvalidated, for `rules dump`.
    pub fn merged(files: &[impl AsRef<Path>]) -> Result<RawRules> {
        let mut raw = RawRules::defaults();
        for file in files {
            raw = raw.layer(RawRules::from_file(file.as_ref())??);
        }
        Ok(raw)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in rules parse and validate.
    #[test]
    fn defaults_are_valid() {
        let rules = Rules::from_defaults().unwrap();
        assert!(!rules.sections.plan.is_empty());
        assert!(rules.status.done.iter().any(|w| w == "完工"));
    }

    /// The default `not_reports` catch thanks, a bare address and a lesson drawn, not a
    /// report that opens by addressing the deputies or that names a duty in passing.
    #[test]
    fn not_reports_are_thanks_addresses_and_lessons() {
        let t = Rules::from_defaults().unwrap().tasks;
        for s in [
            "向香港特别行政区同胞、澳门特别行政区同胞，表示诚挚感谢！",
            "各位代表！",
            "——必须坚持按客观规律办事。",
            "我们必须以对国家和人民高度负责的精神，切实解决这些问题。",
        ] {
            assert!(t.not_report(s).is_some(), "{s}");
        }
        for s in [
            "各位代表，过去一年，我们认真开展党史学习教育。",
            "全力支持香港、澳门特别行政区政府依法施政。",
            "坚持必须的安全投入，安全生产形势稳定好转。",
        ] {
            assert!(t.not_report(s).is_none(), "{s}");
        }
    }

    /// The built-in rules pass the check that user files get (they skip it at run time).
    #[test]
    fn defaults_pass_the_check() {
        let problems = check::check_text(DEFAULT_RULES, DEFAULT_ORIGIN);
        assert!(problems.is_empty(), "{problems:?}");
    }

    /// Lists are added by default and replaced when asked.
    #[test]
    fn layering_adds_or_replaces_lists() {
        let base = RawRules::defaults();
        let add = RawRules::from_toml("[synonyms]\ngroups = [[\"某国\", \"CEE\"]]", "add").unwrap();
        let rules = base.clone().layer(add).validate().unwrap();
        assert!(rules.synonyms.len() > 1);
        let rep = RawRules::from_toml(
            "[synonyms]\nreplace = true\ngroups = [[\"某国\", \"CEE\"]]",
            "rep",
        )
        .unwrap();
        assert_eq!(base.layer(rep).validate().unwrap().synonyms.len(), 1);
    }

    /// An unknown key is rejected with the file, line and column.
    #[test]
    fn rejects_unknown_key_with_position() {
        let err = RawRules::from_toml("[thresholds]\nevidenc = 0.3\n", "my.toml").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("my.toml:2:1: `thresholds.evidenc`"), "{msg}");
    }

    /// Every key of the schema is documented in rules/default.toml, and the default file
    /// holds no key the schema lacks.
    #[test]
    fn default_rules_document_every_schema_key() {
        let doc: toml::Table = toml::from_str(DEFAULT_RULES).unwrap();
        for table in schema::SCHEMA {
            for key in table.keys {
                let needle = format!("{} =", key.name);
                let in_table = match doc.get(table.name) {
                    Some(toml::Value::Table(t)) => t.contains_key(key.name),
                    Some(toml::Value::Array(list)) => list
                        .iter()
                        .any(|v| v.as_table().is_some_and(|t| t.contains_key(key.name))),
                    _ => false,
                };
                let commented = DEFAULT_RULES.contains(&format!("# {needle}"));
                assert!(
                    in_table || commented,
                    "`{}.{}` is not in rules/default.toml",
                    table.name,
                    key.name
                );
            }
        }
        for (name, _) in &doc {
            assert!(
                schema::table(name).is_some(),
                "`{name}` is not in the schema"
            );
        }
    }

    /// The effective rules print as TOML that reads back the same.
    #[test]
    fn dump_round_trips() {
        let text = RawRules::defaults().to_toml().unwrap();
        let again = RawRules::from_toml(&text, "dump").unwrap();
        assert_eq!(again.to_toml().unwrap(), text);
    }
}
