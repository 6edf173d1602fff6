//! The review's sentences, indexed by their distinctive grams, and the score of a task
//! against a sentence.
//!
//! A task is compared only with the sentences that share at least one of its distinctive
//! grams (an inverted index), so the cost grows with the matches, not with tasks ×
//! sentences. The score is **coverage**: the weight of the task's grams that the sentence
//! holds over the weight of all of them, each gram weighing `idf ^ power`, where idf is the
//! lower of its rarity in the genre and in the two documents. A sentence that shares only
//! boilerplate with a task (推进, 加强, 建设) covers almost none of its weight; one that names
//! its object (老旧小区, 5.6万个) covers most of it.

use super::vocab::{gram_set, Vocabulary};
use crate::outline::SectionKind;
use rustc_hash::FxHashMap as HashMap;

/// The fewest sentences local rarity is counted over.
const MIN_LOCAL_SENTENCES: f64 = 200.0;

/// A review sentence with the item it comes from.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// The sentence as written.
    pub text: String,
    /// The unit (summary item, lead or problems item) it comes from, as an index into the
    /// caller's list.
    pub unit: usize,
    pub kind: SectionKind,
    grams: Vec<u64>,
}

/// A sentence that shares something distinctive with a task, with its coverage.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// Index into [`Index::sentences`].
    pub sentence: usize,
    pub coverage: f64,
}

/// The review's sentences and the weights of grams for one run.
pub struct Index {
    pub sentences: Vec<Sentence>,
    postings: HashMap<u64, Vec<u32>>,
    /// Sentence counts of grams over the review's sentences and the plan texts given.
    local: HashMap<u64, u32>,
    local_n: f64,
    vocab: Vocabulary,
    power: f64,
    /// Factor on the weight of a task's grams that no review sentence holds.
    absent_weight: f64,
}

impl Index {
    /// Indexes `review` (sentence text, unit index, section kind); `plan` texts count
    /// towards the local rarity of grams too. A gram weighs its rarity to `power`, times
    /// `absent_weight` when no review sentence holds it (plan words such as 拟, 今年 and
    /// phrasing the review never repeats should not sink every sentence's coverage alike).
    pub fn new<'a>(
        review: Vec<(String, usize, SectionKind)>,
        plan: impl IntoIterator<Item = &'a str>,
        vocab: Vocabulary,
        power: f64,
        absent_weight: f64,
    ) -> Index {
        let mut local: HashMap<u64, u32> = HashMap::default();
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut sentences = Vec::with_capacity(review.len());
        for (i, (text, unit, kind)) in review.into_iter().enumerate() {
            let grams = gram_set(&text);
            for &g in &grams {
                *local.entry(g).or_default() += 1;
                postings.entry(g).or_default().push(i as u32);
            }
            sentences.push(Sentence {
                text,
                unit,
                kind,
                grams,
            });
        }
        let mut local_n = sentences.len() as f64;
        for text in plan {
            for range in crate::similarity::sentences(text) {
                local_n += 1.0;
                for g in gram_set(&text[range]) {
                    *local.entry(g).or_default() += 1;
                }
            }
        }
        Index {
            sentences,
            postings,
            local,
            local_n,
            vocab,
            power,
            absent_weight,
        }
    }

    /// The weight of a gram by its rarity in the genre alone, to the power (its local rarity
    /// when there is no genre table).
    pub fn genre_weight(&self, gram: u64) -> f64 {
        if self.vocab.is_empty() {
            return self.weight(gram);
        }
        self.vocab.idf(gram).powf(self.power)
    }

    /// The weight of a gram: the lower of its genre and local rarity, to the power.
    pub fn weight(&self, gram: u64) -> f64 {
        // In a short document every word is rare; local rarity counts from this many
        // sentences up, so that a town's two-page summary leans on the genre's table.
        let n = self.local_n.max(MIN_LOCAL_SENTENCES);
        let local = self.local.get(&gram).copied().unwrap_or(0) as f64;
        let local_idf = ((n + 1.0) / (local + 0.5)).ln().max(0.0);
        let idf = if self.vocab.is_empty() {
            local_idf
        } else {
            local_idf.min(self.vocab.idf(gram))
        };
        idf.powf(self.power)
    }

    /// The sentences that share a distinctive gram with `task` (one of weight at least
    /// `min_weight`, or at least half the task's heaviest) and hold at least `min_mass` of
    /// its weight, best first (ties in reading order), with their coverage. The mass floor
    /// keeps a task of common words (做好今年工作) from being matched by common words.
    pub fn hits(&self, task: &str, min_weight: f64, min_mass: f64) -> Vec<Hit> {
        let grams = gram_set(task);
        let weights: Vec<f64> = grams
            .iter()
            .map(|&g| {
                let w = self.weight(g);
                if self.postings.contains_key(&g) {
                    w
                } else {
                    w * self.absent_weight
                }
            })
            .collect();
        let total: f64 = weights.iter().sum();
        if total <= 0.0 {
            return Vec::new();
        }
        // Candidates share one of the task's distinctive grams: those weighing at least
        // `min_weight`, or, in a task whose words are all common, its heaviest ones. Only
        // their postings are read, so that a word every sentence holds costs nothing.
        let heaviest = weights.iter().copied().fold(0.0, f64::max);
        let floor = min_weight.min(heaviest * 0.5);
        let mut candidates: Vec<u32> = grams
            .iter()
            .zip(&weights)
            .filter(|(_, w)| **w >= floor && **w > 0.0)
            .filter_map(|(g, _)| self.postings.get(g))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        // Per candidate: the weight it covers, and the mass of what it shares measured by
        // genre rarity alone (in a short document every shared word is locally common, so
        // local rarity cannot tell a name from boilerplate).
        let genre: Vec<f64> = grams.iter().map(|&g| self.genre_weight(g)).collect();
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter_map(|s| {
                let sg = &self.sentences[s as usize].grams;
                let (mut covered, mut mass) = (0.0, 0.0);
                for (i, g) in grams.iter().enumerate() {
                    if sg.binary_search(g).is_ok() {
                        covered += weights[i];
                        mass += genre[i];
                    }
                }
                (mass >= min_mass).then(|| Hit {
                    sentence: s as usize,
                    coverage: covered / total,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.coverage
                .total_cmp(&a.coverage)
                .then(a.sentence.cmp(&b.sentence))
        });
        hits
    }

    /// The grams of `task` that `sentence` holds, heaviest first, as text (for `--explain`).
    pub fn shared_words(&self, task: &str, sentence: usize) -> Vec<(String, f64)> {
        let sg = &self.sentences[sentence].grams;
        let mut out: Vec<(String, f64)> = Vec::new();
        let folded = crate::similarity::fold(task);
        crate::similarity::each_gram(&folded, |k, g| {
            if sg.binary_search(&k).is_ok() && !out.iter().any(|(w, _)| w == g) {
                out.push((g.to_string(), self.weight(k)));
            }
        });
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(review: &[&str]) -> Index {
        let review = review
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_string(), i, SectionKind::Summary))
            .collect();
        Index::new(review, [], Vocabulary::builtin(&[]), 3.0, 0.6)
    }

    /// The sentence that names the task's object covers far more of it than one that
    /// shares only boilerplate.
    #[test]
    fn the_object_outweighs_boilerplate() {
        let idx = index(&[
            "加快推进各项建设，持续加强工作。",
            "新开工改造城镇老旧小区5.6万个。",
        ]);
        let hits = idx.hits("新开工改造城镇老旧小区5.3万个", 0.0, 0.0);
        assert_eq!(hits[0].sentence, 1);
        assert!(hits[0].coverage > 0.5, "{hits:?}");
        let boiler = hits
            .iter()
            .find(|h| h.sentence == 0)
            .map_or(0.0, |h| h.coverage);
        assert!(boiler < 0.1, "{hits:?}");
    }

    /// A sentence with nothing distinctive in common is not even a candidate.
    #[test]
    fn unrelated_sentences_are_not_candidates() {
        let idx = index(&["粮食产量创历史新高。"]);
        assert!(idx.hits("新开工改造城镇老旧小区", 1.0, 0.0).is_empty());
    }
}
