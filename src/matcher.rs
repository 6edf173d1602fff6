//! Matcher: plan goals × summary items to scored candidate pairs. Pure: it never prints.
//!
//! The score of a goal against a summary item has two parts, weighted by the rules:
//! - `ngram`: cosine of IDF-weighted character bigrams ([`crate::similarity`]), with IDF
//!   computed over the goals and items of the two sections being compared;
//! - `commitments`: the share of the goal's commitments that the item names.
//!
//! A goal without commitments is scored on `ngram` alone. Evidence units are the summary's
//! leaf items plus the parents whose children are all leaves (a parent's text includes its
//! children's), so "3.国际合作纵深拓展" can be matched as a whole as well as by its points.

use crate::commitments::Commitment;
use crate::outline::{Section, SectionKind};
use crate::rules::{PairRule, RequireRule, Rules};
use crate::similarity::{sentences, Idf, Normalizer, Vector};
use std::ops::Range;

/// A plan goal: a leaf item of the plan section.
#[derive(Debug, Clone)]
pub struct Goal {
    pub id: String,
    pub path: String,
    /// The goal's heading (its first line or sentence).
    pub title: String,
    pub text: String,
    pub commitments: Vec<Commitment>,
}

/// A summary or problems item that can serve as evidence.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub path: String,
    pub text: String,
    pub kind: SectionKind,
    /// The unit that contains this one, if it is a unit too.
    pub parent: Option<usize>,
}

/// One goal-unit pair with its score parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub unit: usize,
    pub score: f64,
    pub ngram: f64,
    pub commitment_share: f64,
    /// The heaviest bigrams the two texts share, for explanations.
    pub shared: Vec<String>,
    /// The `[[pin]]` rule that makes this pair evidence whatever its score.
    pub pinned: Option<String>,
    /// The `[[block]]` or `[[require]]` rule that keeps this pair from being evidence.
    pub excluded: Option<String>,
}

impl Candidate {
    /// True when the pair may serve as evidence at `threshold`.
    pub fn is_evidence(&self, threshold: f64) -> bool {
        self.excluded.is_none() && (self.pinned.is_some() || self.score >= threshold)
    }
}

/// Where a commitment's name was found in a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub unit: usize,
    /// Byte range of the matched run in the unit's text.
    pub start: usize,
    pub end: usize,
}

/// Builds the evidence units of some summary and problems sections.
pub fn units(sections: &[&Section]) -> Vec<Unit> {
    let mut out = Vec::new();
    for section in sections {
        // The text before the first item reports too (——经济保持恢复发展。国内生产总值…).
        if !section.lead.trim().is_empty() {
            out.push(Unit {
                id: format!("{}.L", section.id),
                path: "(lead)".to_string(),
                text: section.lead.clone(),
                kind: section.kind,
                parent: None,
            });
        }
        let mut index = vec![None; section.items.len()];
        let lowest_parent = |i: usize| {
            let item = &section.items[i];
            !item.is_leaf
                && section
                    .items
                    .iter()
                    .filter(|c| c.parent == Some(i))
                    .all(|c| c.is_leaf)
        };
        for (i, item) in section.items.iter().enumerate() {
            if !(item.is_leaf || lowest_parent(i)) {
                continue;
            }
            let mut text = item.text.clone();
            if !item.is_leaf {
                for child in section.items.iter().filter(|c| c.parent == Some(i)) {
                    text.push_str(&child.text);
                }
            }
            index[i] = Some(out.len());
            out.push(Unit {
                id: item.id.clone(),
                path: item.path.clone(),
                text,
                kind: section.kind,
                parent: None,
            });
        }
        for (i, item) in section.items.iter().enumerate() {
            if let (Some(u), Some(p)) = (index[i], item.parent.and_then(|p| index[p])) {
                out[u].parent = Some(p);
            }
        }
    }
    out
}

/// Scores goals against units.
pub struct Matcher {
    normalizer: Normalizer,
    idf: Idf,
    goal_vectors: Vec<Vector>,
    unit_vectors: Vec<Vector>,
    /// Unit texts in canonical form (width folded, synonyms rewritten), for finding
    /// commitment names; sentence for sentence the same as the original.
    pub unit_canonical: Vec<String>,
    weight_ngram: f64,
    weight_commitments: f64,
    commitment_threshold: f64,
    pin: Vec<PairRule>,
    block: Vec<PairRule>,
    require: Vec<RequireRule>,
    /// Unit texts as written, for the item patterns of pin and block rules.
    unit_text: Vec<String>,
    /// Each unit's sentences (byte ranges of its canonical text) with their vectors.
    sentence_vectors: Vec<Vec<(Range<usize>, Vector)>>,
    /// Per unit and sentence: whether it reports on nothing (`[tasks] not_reports`: thanks,
    /// a lesson drawn), so is never quoted as evidence.
    not_report: Vec<Vec<bool>>,
    /// Each unit's sentences as byte ranges of its original text, for quoting.
    original_sentences: Vec<Vec<Range<usize>>>,
    /// For each selective bigram id (see [`Idf::is_selective`]), the units holding it.
    postings: Vec<Vec<u32>>,
}

impl Matcher {
    pub fn new(goals: &[Goal], units: &[Unit], rules: &Rules) -> Matcher {
        let normalizer = rules.normalizer.clone();
        let goal_norm: Vec<String> = goals
            .iter()
            .map(|g| normalizer.for_matching(&g.text))
            .collect();
        let unit_canonical: Vec<String> = units
            .iter()
            .map(|u| normalizer.canonical(&u.text))
            .collect();
        let unit_norm: Vec<String> = unit_canonical
            .iter()
            .map(|t| normalizer.strip_stop_phrases(t))
            .collect();
        let idf = Idf::new(goal_norm.iter().chain(&unit_norm).map(String::as_str));
        // Sentence i of the matching text is sentence i of the canonical text.
        let sentence_vectors = unit_canonical
            .iter()
            .zip(&unit_norm)
            .map(|(canonical, norm)| {
                let ranges = sentences(canonical);
                let parts = sentences(norm);
                if ranges.len() == parts.len() {
                    ranges
                        .into_iter()
                        .zip(parts)
                        .map(|(r, p)| (r, idf.vector(&norm[p])))
                        .collect()
                } else {
                    ranges
                        .into_iter()
                        .map(|r| {
                            let v =
                                idf.vector(&normalizer.strip_stop_phrases(&canonical[r.clone()]));
                            (r, v)
                        })
                        .collect()
                }
            })
            .collect();
        let not_report = unit_canonical
            .iter()
            .map(|c| {
                sentences(c)
                    .into_iter()
                    .map(|r| rules.tasks.not_report(c[r].trim()).is_some())
                    .collect()
            })
            .collect();
        let unit_vectors: Vec<Vector> = unit_norm.iter().map(|t| idf.vector(t)).collect();
        let mut postings: Vec<Vec<u32>> = Vec::new();
        for (u, v) in unit_vectors.iter().enumerate() {
            for id in v.ids().filter(|&id| idf.is_selective(id)) {
                let id = id as usize;
                if postings.len() <= id {
                    postings.resize(id + 1, Vec::new());
                }
                postings[id].push(u as u32);
            }
        }
        Matcher {
            goal_vectors: goal_norm.iter().map(|t| idf.vector(t)).collect(),
            unit_vectors,
            postings,
            unit_canonical,
            sentence_vectors,
            not_report,
            original_sentences: units.iter().map(|u| sentences(&u.text)).collect(),
            normalizer,
            idf,
            weight_ngram: rules.weight_ngram,
            weight_commitments: rules.weight_commitments,
            commitment_threshold: rules.commitment_threshold,
            pin: rules.pin.clone(),
            block: rules.block.clone(),
            require: rules.require.clone(),
            unit_text: units.iter().map(|u| u.text.clone()).collect(),
        }
    }

    /// The pin, block and require rule that decides pair (goal, unit), if any.
    fn pair_rules(&self, goal: &Goal, u: usize) -> (Option<String>, Option<String>) {
        let text = &self.unit_text[u];
        let hit = |r: &&PairRule| r.goal.is_match(&goal.text) && r.item.is_match(text);
        let pinned = self.pin.iter().find(hit).map(|r| r.label.clone());
        let blocked = self.block.iter().find(hit).map(|r| r.label.clone());
        let required = self
            .require
            .iter()
            .find(|r| {
                r.goal.is_match(&goal.text) && !r.item_any.iter().any(|w| text.contains(w.as_str()))
            })
            .map(|r| r.label.clone());
        (pinned, blocked.or(required))
    }

    /// Every unit scored against goal `g`, best first; ties keep document order. Pairs
    /// that a rule excludes are kept, marked, for explanations. `mentioned` holds, for each
    /// of the goal's commitments, its [`Matcher::mentions`].
    pub fn candidates(&self, g: usize, goal: &Goal, mentioned: &[Vec<Mention>]) -> Vec<Candidate> {
        let mut out: Vec<Candidate> = self
            .candidate_units(g, mentioned)
            .into_iter()
            .map(|u| {
                let ngram = self.goal_vectors[g].cosine(&self.unit_vectors[u]);
                let named = mentioned
                    .iter()
                    .filter(|ms| ms.iter().any(|m| m.unit == u))
                    .count();
                let share = if goal.commitments.is_empty() {
                    0.0
                } else {
                    named as f64 / goal.commitments.len() as f64
                };
                let score = if goal.commitments.is_empty() {
                    ngram
                } else {
                    self.weight_ngram * ngram + self.weight_commitments * share
                };
                let (pinned, excluded) = self.pair_rules(goal, u);
                Candidate {
                    unit: u,
                    score,
                    ngram,
                    commitment_share: share,
                    shared: Vec::new(),
                    pinned,
                    excluded,
                }
            })
            .filter(|c| c.score > 0.0 || c.pinned.is_some() || self.is_named_exclusion(c))
            .collect();
        out.sort_by(|a, b| {
            let pinned = |c: &Candidate| c.pinned.is_some() && c.excluded.is_none();
            pinned(b)
                .cmp(&pinned(a))
                .then(b.score.total_cmp(&a.score))
                .then(a.unit.cmp(&b.unit))
        });
        out
    }

    /// The units worth scoring against goal `g`, in order: those sharing a selective bigram
    /// with it or naming one of its commitments (every unit when pair rules are set, since
    /// they may pin or name any). The cost grows with the matches, not goals × units.
    fn candidate_units(&self, g: usize, mentioned: &[Vec<Mention>]) -> Vec<usize> {
        if !(self.pin.is_empty() && self.block.is_empty() && self.require.is_empty()) {
            return (0..self.unit_vectors.len()).collect();
        }
        let mut units: Vec<usize> = self.goal_vectors[g]
            .ids()
            .filter_map(|id| self.postings.get(id as usize))
            .flatten()
            .map(|&u| u as usize)
            .chain(mentioned.iter().flatten().map(|m| m.unit))
            .collect();
        units.sort_unstable();
        units.dedup();
        units
    }

    /// An excluded pair with no score is kept only when a block rule named it explicitly.
    fn is_named_exclusion(&self, c: &Candidate) -> bool {
        c.excluded
            .as_deref()
            .is_some_and(|l| l.starts_with("[[block]]"))
    }

    /// Fills in the shared bigrams of a candidate (done only for candidates shown).
    pub fn explain(&self, g: usize, c: &mut Candidate) {
        c.shared = self.goal_vectors[g]
            .shared(&self.unit_vectors[c.unit], &self.idf)
            .into_iter()
            .take(8)
            .map(|(gram, _)| gram)
            .collect();
    }

    /// The synonym rewrites that apply to `text`, as `variant → canonical`.
    pub fn synonyms_in(&self, text: &str) -> Vec<String> {
        self.normalizer.synonyms_in(text)
    }

    /// The sentence of unit `u`'s canonical text that holds byte `pos`.
    pub fn sentence_at(&self, u: usize, pos: usize) -> Range<usize> {
        self.sentence_vectors[u]
            .iter()
            .map(|(r, _)| r.clone())
            .find(|r| r.start <= pos && pos < r.end)
            .unwrap_or(0..self.unit_canonical[u].len())
    }

    /// The words of the writer for a sentence of unit `u` given by its canonical range:
    /// sentence i of the canonical text is sentence i of the original.
    pub fn quote(&self, u: usize, canonical: &Range<usize>, original: &str) -> String {
        let nth = self.sentence_vectors[u]
            .iter()
            .position(|(r, _)| r.start == canonical.start);
        let quote = match nth.and_then(|n| self.original_sentences[u].get(n)) {
            Some(r) => &original[r.clone()],
            None => &self.unit_canonical[u][canonical.clone()],
        };
        quote.trim().to_string()
    }

    /// The sentence of unit `u` most like goal `g`, as a byte range of its canonical text.
    pub fn best_sentence(&self, g: usize, u: usize) -> Range<usize> {
        let mut best = (-1.0, 0..self.unit_canonical[u].len());
        let not_report = &self.not_report[u];
        for (i, (range, vector)) in self.sentence_vectors[u].iter().enumerate() {
            if not_report.get(i) == Some(&true) {
                continue;
            }
            let score = self.goal_vectors[g].cosine(vector);
            if score > best.0 {
                best = (score, range.clone());
            }
        }
        best.1
    }

    /// Where `name` (or a long enough run of it) occurs in each unit: the longest run of at
    /// least `thresholds.commitment` of its characters, first place first.
    pub fn mentions(&self, name: &str) -> Vec<Mention> {
        let name = self.normalizer.canonical(name);
        let chars: Vec<char> = name.chars().collect();
        let n = chars.len();
        let need = ((n as f64 * self.commitment_threshold).ceil() as usize).clamp(2.min(n), n);
        // Every run of the name, longest first, built once for all units.
        let runs: Vec<String> = (need..=n)
            .rev()
            .flat_map(|len| (0..=n - len).map(move |start| (start, len)))
            .map(|(start, len)| chars[start..start + len].iter().collect())
            .collect();
        let mut out = Vec::new();
        for (u, text) in self.unit_canonical.iter().enumerate() {
            if let Some((pos, run)) = runs
                .iter()
                .find_map(|r| text.find(r.as_str()).map(|p| (p, r)))
            {
                out.push(Mention {
                    unit: u,
                    start: pos,
                    end: pos + run.len(),
                });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commitments::Source;

    fn unit(id: &str, text: &str) -> Unit {
        Unit {
            id: id.into(),
            path: id.into(),
            text: text.into(),
            kind: SectionKind::Summary,
            parent: None,
        }
    }

    /// The item that names the goal's commitment scores highest.
    #[test]
    fn item_naming_the_commitment_wins() {
        let rules = Rules::from_defaults().unwrap();
        let goal = Goal {
            id: "G".into(),
            path: "一是".into(),
            title: "加快建设滨江湿地公园项目".into(),
            text: "加快建设滨江湿地公园项目,提升生态品质".into(),
            commitments: vec![Commitment {
                name: "滨江湿地公园".into(),
                source: Source::Named,
            }],
        };
        let units = vec![
            unit("A", "道路建设有序推进,生态品质稳步提升"),
            unit("B", "滨江湿地公园项目完工并向市民开放"),
        ];
        let m = Matcher::new(std::slice::from_ref(&goal), &units, &rules);
        let mentioned: Vec<Vec<Mention>> = goal
            .commitments
            .iter()
            .map(|c| m.mentions(&c.name))
            .collect();
        let cands = m.candidates(0, &goal, &mentioned);
        assert_eq!(cands[0].unit, 1);
        assert_eq!(cands[0].commitment_share, 1.0);
    }

    /// A commitment is found even when the item adds words around it, but not from a
    /// fragment shorter than the threshold.
    #[test]
    fn mentions_need_most_of_the_name() {
        let rules = Rules::from_defaults().unwrap();
        let units = vec![
            unit("A", "电力系统四期工程完工"),
            unit("B", "污水零直排区创建"),
        ];
        let m = Matcher::new(&[], &units, &rules);
        assert_eq!(m.mentions("电力系统四期").len(), 1);
        assert!(m.mentions("污水处理厂").is_empty());
    }
}
