//! Rules: the TOML matching rules, layered and validated in two phases.
//!
//! Phase one parses each file into [`RawRules`] (serde, unknown keys rejected). The default
//! rules (`rules/default.toml`, embedded in the binary) come first, then each `--rules FILE`
//! in order: a later scalar replaces an earlier one; a later list is added to the earlier
//! one unless its table sets `replace = true`. Phase two, [`RawRules::validate`], checks the
//! merged rules (regexes compile, numbers in range) and returns [`Rules`], which the later
//! stages use and which is known good.

use anyhow::{bail, Context, Result};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The default rules, as shipped in `rules/default.toml`.
pub const DEFAULT_RULES: &str = include_str!("../rules/default.toml");

/// One rules file as written, before validation. Every field is optional so that a user
/// file can set only what it changes.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RawRules {
    pub thresholds: Option<RawThresholds>,
    pub weights: Option<RawWeights>,
    pub stop_phrases: Option<RawStopPhrases>,
    pub synonyms: Option<RawSynonyms>,
    pub status: Option<RawStatus>,
    pub commitments: Option<RawCommitments>,
    pub sections: Option<RawSections>,
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
}

/// Words that pick named commitments out of a goal.
#[derive(Debug, Clone, Default)]
pub struct CommitmentWords {
    pub suffixes: Vec<String>,
    pub verbs: Vec<String>,
    pub list_heads: Vec<String>,
    pub generic: Vec<String>,
}

/// Words that decide a status.
#[derive(Debug, Clone, Default)]
pub struct StatusWords {
    pub done: Vec<String>,
    pub progress: Vec<String>,
    pub shortfall: Vec<String>,
    pub hedges: Vec<String>,
}

/// Patterns that recognise section headings.
#[derive(Debug, Clone)]
pub struct SectionVocab {
    pub summary: Vec<Regex>,
    pub plan: Vec<Regex>,
    pub problems: Vec<Regex>,
    pub problems_intro: Vec<Regex>,
}

impl RawRules {
    /// Parses one rules file; `origin` names it in errors.
    pub fn from_toml(text: &str, origin: &str) -> Result<RawRules> {
        toml::from_str(text).map_err(|e| anyhow::anyhow!("{}", toml_error(origin, text, &e)))
    }

    /// Reads and parses one rules file.
    pub fn from_file(path: &Path) -> Result<RawRules> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read rules file `{}`", path.display()))?;
        RawRules::from_toml(&text, &path.display().to_string())
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
            let base = self.status.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.done, s.done);
            extend(s.replace, &mut base.progress, s.progress);
            extend(s.replace, &mut base.shortfall, s.shortfall);
            extend(s.replace, &mut base.hedges, s.hedges);
        }
        if let Some(s) = over.commitments {
            let base = self.commitments.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.suffixes, s.suffixes);
            extend(s.replace, &mut base.verbs, s.verbs);
            extend(s.replace, &mut base.list_heads, s.list_heads);
            extend(s.replace, &mut base.generic, s.generic);
        }
        if let Some(s) = over.sections {
            let base = self.sections.get_or_insert_with(Default::default);
            extend(s.replace, &mut base.summary, s.summary);
            extend(s.replace, &mut base.plan, s.plan);
            extend(s.replace, &mut base.problems, s.problems);
            extend(s.replace, &mut base.problems_intro, s.problems_intro);
        }
        self
    }

    /// Checks the merged rules and turns them into [`Rules`].
    pub fn validate(self) -> Result<Rules> {
        let mut problems = Vec::new();
        let t = self.thresholds.unwrap_or_default();
        let w = self.weights.unwrap_or_default();
        let unit = |key: &str, v: Option<f64>, default: f64, problems: &mut Vec<String>| {
            let v = v.unwrap_or(default);
            if !(0.0..=1.0).contains(&v) {
                problems.push(format!("`{key}` must be between 0 and 1, not {v}"));
            }
            v
        };
        let evidence_threshold = unit("thresholds.evidence", t.evidence, 0.05, &mut problems);
        let commitment_threshold = unit("thresholds.commitment", t.commitment, 0.8, &mut problems);
        let weight_ngram = unit("weights.ngram", w.ngram, 0.8, &mut problems);
        let weight_commitments = unit("weights.commitments", w.commitments, 0.2, &mut problems);
        let sections = self.sections.unwrap_or_default();
        let mut compile = |key: &str, list: &[String]| -> Vec<Regex> {
            list.iter()
                .filter_map(|p| match Regex::new(p) {
                    Ok(re) => Some(re),
                    Err(e) => {
                        problems.push(format!("`sections.{key}`: bad regex `{p}`: {e}"));
                        None
                    }
                })
                .collect()
        };
        let vocab = SectionVocab {
            summary: compile("summary", &sections.summary),
            plan: compile("plan", &sections.plan),
            problems: compile("problems", &sections.problems),
            problems_intro: compile("problems_intro", &sections.problems_intro),
        };
        if !problems.is_empty() {
            bail!("invalid rules:\n  {}", problems.join("\n  "));
        }
        let status = self.status.unwrap_or_default();
        let commitments = self.commitments.unwrap_or_default();
        Ok(Rules {
            evidence_threshold,
            commitment_threshold,
            max_evidence: t.max_evidence.unwrap_or(3).max(1),
            weight_ngram,
            weight_commitments,
            stop_phrases: self.stop_phrases.unwrap_or_default().phrases,
            synonyms: self.synonyms.unwrap_or_default().groups,
            status: StatusWords {
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
            sections: vocab,
        })
    }
}

fn extend<T>(replace: bool, base: &mut Vec<T>, more: Vec<T>) {
    if replace {
        *base = more;
    } else {
        base.extend(more);
    }
}

/// Formats a TOML parse error as `FILE:LINE:COL: message`.
fn toml_error(origin: &str, text: &str, err: &toml::de::Error) -> String {
    let (line, col) = err
        .span()
        .map(|span| line_col(text, span.start))
        .unwrap_or((1, 1));
    format!("{origin}:{line}:{col}: {}", err.message())
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

impl Rules {
    /// The default rules alone.
    pub fn from_defaults() -> Result<Rules> {
        RawRules::from_toml(DEFAULT_RULES, "rules/default.toml (built in)")?.validate()
    }

    /// The default rules with each of `files` layered on top, in order.
    pub fn from_files(files: &[impl AsRef<Path>]) -> Result<Rules> {
        let mut raw = RawRules::from_toml(DEFAULT_RULES, "rules/default.toml (built in)")?;
        for file in files {
            raw = raw.layer(RawRules::from_file(file.as_ref())?);
        }
        raw.validate()
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

    /// Lists are added by default and replaced when asked.
    #[test]
    fn layering_adds_or_replaces_lists() {
        let base = RawRules::from_toml(DEFAULT_RULES, "default").unwrap();
        let add =
            RawRules::from_toml("[synonyms]\ngroups = [[\"中东欧\", \"CEE\"]]", "add").unwrap();
        let rules = base.clone().layer(add).validate().unwrap();
        assert!(rules.synonyms.len() > 1);
        let rep = RawRules::from_toml(
            "[synonyms]\nreplace = true\ngroups = [[\"中东欧\", \"CEE\"]]",
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
        assert!(msg.starts_with("my.toml:2:1:"), "{msg}");
        assert!(msg.contains("evidenc"), "{msg}");
    }
}
