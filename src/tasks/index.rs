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

use super::vocab::{gram_set, numbers_at, weighted_gram_set, Vocabulary};
use crate::outline::SectionKind;
use crate::rules::TaskRules;
use crate::similarity::Normalizer;
use crate::targets::base_quantities;
use rustc_hash::FxHashMap as HashMap;
use std::cell::OnceCell;

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
    /// Its text in canonical form (the rules' synonyms applied).
    canonical: String,
    /// Its quantities with a value, in their unit's base (see [`base_quantities`]), found
    /// the first time a task with a figure asks: most sentences are never asked.
    quantities: OnceCell<Vec<(f64, &'static str)>>,
    /// It lists examples (甲、乙等).
    lists: bool,
    /// Never a candidate (see [`Index::pass_over`]); its words still count as the review's.
    passed_over: bool,
}

impl Sentence {
    /// Its quantities with a value, in their unit's base.
    fn quantities(&self) -> &[(f64, &'static str)] {
        self.quantities.get_or_init(|| {
            base_quantities(&self.canonical)
                .into_iter()
                .map(|(_, v, base)| (v, base))
                .collect()
        })
    }
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
    weighting: Weighting,
    /// The rules' synonyms: task and sentences are compared in canonical form.
    normalizer: Normalizer,
}

/// How a task's grams are weighed (from `[tasks]` in the rules).
#[derive(Debug, Clone, Copy)]
pub struct Weighting {
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
}

impl From<&TaskRules> for Weighting {
    fn from(t: &TaskRules) -> Weighting {
        Weighting {
            power: t.power,
            absent_weight: t.absent_weight,
            list_exponent: t.list_exponent,
            near_number: t.near_number,
            near_ratio: t.near_ratio,
        }
    }
}

impl Index {
    /// Indexes `review` (sentence text, unit index, section kind); `plan` texts count
    /// towards the local rarity of grams too. A gram weighs its rarity to `power`, times
    /// `absent_weight` when no review sentence holds it (plan words such as 拟, 今年 and
    /// phrasing the review never repeats should not sink every sentence's coverage alike),
    /// times its place's factor in the task (a member of a 、-list weighs less).
    pub fn new<'a>(
        review: Vec<(String, usize, SectionKind)>,
        plan: impl IntoIterator<Item = &'a str>,
        vocab: Vocabulary,
        weighting: Weighting,
        normalizer: Normalizer,
    ) -> Index {
        let mut local: HashMap<u64, u32> = HashMap::default();
        let mut postings: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut sentences = Vec::with_capacity(review.len());
        for (i, (text, unit, kind)) in review.into_iter().enumerate() {
            let canonical = normalizer.canonical(&text);
            let grams = gram_set(&canonical);
            let lists = text.contains('、') && text.contains('等');
            for &g in &grams {
                *local.entry(g).or_default() += 1;
                postings.entry(g).or_default().push(i as u32);
            }
            sentences.push(Sentence {
                text,
                unit,
                kind,
                grams,
                canonical,
                quantities: OnceCell::new(),
                lists,
                passed_over: false,
            });
        }
        let mut local_n = sentences.len() as f64;
        for text in plan {
            let text = normalizer.canonical(text);
            for range in crate::similarity::sentences(&text) {
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
            weighting,
            normalizer,
        }
    }

    /// Marks the sentences for which `skip` gives a reason as never reporting on a task (a
    /// sentence of thanks names what many tasks name), and returns them with it. Their words
    /// still count as words of the review, so that no task weighs differently for it.
    pub fn pass_over<R>(&mut self, skip: impl Fn(&str) -> Option<R>) -> Vec<(usize, R)> {
        let mut out = Vec::new();
        for (i, s) in self.sentences.iter_mut().enumerate() {
            if let Some(why) = skip(&s.text) {
                s.passed_over = true;
                out.push((i, why));
            }
        }
        out
    }

    /// The weight of a gram by its rarity in the genre alone, to the power (its local rarity
    /// when there is no genre table).
    pub fn genre_weight(&self, gram: u64) -> f64 {
        if self.vocab.is_empty() {
            return self.weight(gram);
        }
        self.vocab.idf(gram).powf(self.weighting.power)
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
        idf.powf(self.weighting.power)
    }

    /// A task's grams with their weights, the task in canonical form.
    fn task_weights(&self, task: &str) -> TaskWeights {
        let task = self.normalizer.canonical(task);
        let weighted = weighted_gram_set(&task, self.weighting.list_exponent);
        let grams: Vec<u64> = weighted.iter().map(|g| g.0).collect();
        let mut full = Vec::with_capacity(grams.len());
        let mut weights = Vec::with_capacity(grams.len());
        for &(g, factor) in &weighted {
            let w = if self.postings.contains_key(&g) {
                self.weight(g)
            } else {
                self.weight(g) * self.weighting.absent_weight
            };
            full.push(w);
            weights.push(w * factor);
        }
        let near = self.near_numbers(&task, &grams);
        TaskWeights {
            member: weighted.iter().map(|g| g.1 < 1.0).collect(),
            task,
            grams,
            full,
            weights,
            near,
        }
    }

    /// How `sentence` covers gram `i` of a task: as written, by a near figure, or not.
    fn covers(&self, t: &TaskWeights, i: usize, sentence: &Sentence) -> Cover {
        if sentence.grams.binary_search(&t.grams[i]).is_ok() {
            Cover::Held
        } else if t.near[i].is_some_and(|q| {
            sentence
                .quantities()
                .iter()
                .any(|&s| near_figure(q, s, self.weighting.near_ratio))
        }) {
            Cover::Near
        } else {
            Cover::No
        }
    }

    /// The sentences that share a distinctive gram with `task` (one of weight at least
    /// `min_weight`, or at least half the task's heaviest) and hold at least `min_mass` of
    /// its weight, best first (a tie goes to the sentence more about the task, then to the
    /// earlier one), with their coverage. The mass floor keeps a task of common words
    /// (做好今年工作) from being matched by common words.
    pub fn hits(&self, task: &str, min_weight: f64, min_mass: f64) -> Vec<Hit> {
        let t = self.task_weights(task);
        let total: f64 = t.weights.iter().sum();
        // What damping took off a list's members: a sentence that names none of them while
        // listing examples of its own (丙、丁等配套项目 against 甲、乙等配套项目) speaks of
        // other things of the same kind, and the members count in full against it.
        let damped: f64 = t.full.iter().zip(&t.weights).map(|(f, w)| f - w).sum();
        if total <= 0.0 {
            return Vec::new();
        }
        // Candidates share one of the task's distinctive grams: those weighing at least
        // `min_weight`, or, in a task whose words are all common, its heaviest ones. Only
        // their postings are read, so that a word every sentence holds costs nothing.
        let heaviest = t.weights.iter().copied().fold(0.0, f64::max);
        let floor = min_weight.min(heaviest * 0.5);
        let mut candidates: Vec<u32> = t
            .grams
            .iter()
            .zip(&t.weights)
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
        let genre: Vec<f64> = t.grams.iter().map(|&g| self.genre_weight(g)).collect();
        let mut hits: Vec<Hit> = candidates
            .into_iter()
            .filter_map(|s| {
                let sentence = &self.sentences[s as usize];
                if sentence.passed_over {
                    return None;
                }
                let (mut covered, mut mass, mut member) = (0.0, 0.0, false);
                for (i, g) in genre.iter().enumerate() {
                    match self.covers(&t, i, sentence) {
                        Cover::Held => {
                            covered += t.weights[i];
                            mass += g;
                            member |= t.member[i];
                        }
                        Cover::Near => covered += t.weights[i] * self.weighting.near_number,
                        Cover::No => {}
                    }
                }
                let of = if damped > 0.0 && !member && sentence.lists {
                    total + damped
                } else {
                    total
                };
                (mass >= min_mass).then(|| Hit {
                    sentence: s as usize,
                    coverage: covered / of,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.coverage
                .total_cmp(&a.coverage)
                .then(a.sentence.cmp(&b.sentence))
        });
        // Sentences that cover the task equally (each holds 第三届进口博览会) are told apart by
        // how much of each is about it, not by which comes first.
        let tied = hits
            .iter()
            .take_while(|h| h.coverage == hits[0].coverage)
            .count();
        if tied > 1 {
            // A stable sort: equal focus keeps reading order.
            let mut head: Vec<(f64, Hit)> = hits
                .drain(..tied)
                .map(|h| (self.focus(&t.grams, h.sentence), h))
                .collect();
            head.sort_by(|a, b| b.0.total_cmp(&a.0));
            hits.splice(0..0, head.into_iter().map(|(_, h)| h));
        }
        hits
    }

    /// How much of `sentence` is about `task`: the weight of the sentence's grams that the
    /// task holds over the weight of all its grams. A sentence about the task's object
    /// (第三届进口博览会安全、精彩) is mostly the task's words; one that mentions the object
    /// in passing among other things (…做好第三届进口博览会等重大活动防疫保障) is not.
    fn focus(&self, task_grams: &[u64], sentence: usize) -> f64 {
        let (mut shared, mut total) = (0.0, 0.0);
        for &g in &self.sentences[sentence].grams {
            let w = self.weight(g);
            total += w;
            if task_grams.binary_search(&g).is_ok() {
                shared += w;
            }
        }
        if total > 0.0 {
            shared / total
        } else {
            0.0
        }
    }

    /// For each of `grams` (the task's, sorted), the quantity of the task whose number it is,
    /// if any: (value in its unit's base, base). `task` is in canonical (folded) form.
    fn near_numbers(&self, task: &str, grams: &[u64]) -> Vec<Option<(f64, &'static str)>> {
        let mut out = vec![None; grams.len()];
        if self.weighting.near_number <= 0.0 {
            return out;
        }
        let quantities = base_quantities(task);
        numbers_at(task, |key, at| {
            if let (Ok(i), Some(q)) = (
                grams.binary_search(&key),
                quantities.iter().find(|q| q.0 == at),
            ) {
                out[i] = Some((q.1, q.2));
            }
        });
        out
    }

    /// The grams of `task` that `sentence` holds, heaviest first, as text, with the weight
    /// they count for in the task (a list member's is damped; a near figure, shown ≈420,
    /// counts for `near_number` of the number's weight), for `--explain`.
    pub fn shared_words(&self, task: &str, sentence: usize) -> Vec<(String, f64)> {
        let t = self.task_weights(task);
        let sentence = &self.sentences[sentence];
        let mut out: Vec<(String, f64)> = Vec::new();
        let mut show = |k: u64, text: String| {
            let Ok(i) = t.grams.binary_search(&k) else {
                return;
            };
            let (label, weight) = match self.covers(&t, i, sentence) {
                Cover::Held => (text, t.weights[i]),
                Cover::Near => (
                    format!("≈{text}"),
                    t.weights[i] * self.weighting.near_number,
                ),
                Cover::No => return,
            };
            if !out.iter().any(|(w, _)| *w == label) {
                out.push((label, weight));
            }
        };
        crate::similarity::each_gram(&t.task, |k, g| show(k, g.to_string()));
        numbers_at(&t.task, |k, at| {
            let number: String = t.task[at..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            show(k, number.trim_end_matches('.').to_string());
        });
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }
}

/// A task's grams (sorted) and what each weighs, for matching it against sentences.
struct TaskWeights {
    /// The task in canonical form.
    task: String,
    grams: Vec<u64>,
    /// Each gram's weight before list damping (absent grams already down-weighted).
    full: Vec<f64>,
    /// Each gram's weight as it counts (damped in a list).
    weights: Vec<f64>,
    /// Whether each gram is a list member's.
    member: Vec<bool>,
    /// For a number gram, the task's quantity it belongs to.
    near: Vec<Option<(f64, &'static str)>>,
}

/// How a sentence covers one gram of a task.
enum Cover {
    Held,
    Near,
    No,
}

/// True when a sentence's figure is near enough a task's to report on it: the same base
/// unit, and within a factor of `ratio` either way (拟投入420亿元 against 安排426亿元;
/// 能耗强度降低3.9% against 下降4.8%).
fn near_figure(task: (f64, &str), sentence: (f64, &str), ratio: f64) -> bool {
    task.1 == sentence.1
        && task.0 > 0.0
        && sentence.0 > 0.0
        && (sentence.0 / task.0).max(task.0 / sentence.0) <= ratio
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
        let weighting = Weighting {
            power: 3.0,
            absent_weight: 0.6,
            list_exponent: 1.0,
            near_number: 0.5,
            near_ratio: 1.5,
        };
        let synonyms = [vec!["能耗".to_string(), "能源消耗".to_string()]];
        Index::new(
            review,
            [],
            Vocabulary::builtin(&[]),
            weighting,
            Normalizer::new(&synonyms, &[]),
        )
    }

    /// A sentence passed over is never a hit, and the task weighs as before: its words
    /// still count as the review's.
    #[test]
    fn a_sentence_passed_over_is_never_a_hit() {
        let review = [
            "向某某特别行政区同胞表示诚挚感谢！",
            "某某特别合作项目签约落地。",
        ];
        let task = "全力支持某某特别行政区依法施政";
        let before = index(&review).hits(task, 0.0, 0.0);
        assert_eq!(before[0].sentence, 0, "{before:?}");
        let mut idx = index(&review);
        assert_eq!(
            idx.pass_over(|s| s.contains("感谢").then_some(())),
            [(0, ())]
        );
        let after = idx.hits(task, 0.0, 0.0);
        assert_eq!(after.len(), 1, "{after:?}");
        assert_eq!(after[0], before[1]);
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

    /// Two sentences that hold the same words of a task tie on coverage; the one that is
    /// about the task settles it, not the one that names it in passing before it.
    #[test]
    fn a_tie_goes_to_the_sentence_about_the_task() {
        let idx = index(&[
            "严格落实防控措施，完善口岸检疫、冷链食品防控等机制，保障第五届湿地论坛等活动。",
            "第五届湿地论坛圆满举办。",
        ]);
        let hits = idx.hits("办好第五届湿地论坛", 0.0, 0.0);
        assert_eq!(hits[0].coverage, hits[1].coverage, "{hits:?}");
        assert_eq!(hits[0].sentence, 1, "{hits:?}");
    }

    /// A sentence with nothing distinctive in common is not even a candidate.
    #[test]
    fn unrelated_sentences_are_not_candidates() {
        let idx = index(&["粮食产量创历史新高。"]);
        assert!(idx.hits("新开工改造城镇老旧小区", 1.0, 0.0).is_empty());
    }

    /// A figure near the task's, in the same base unit, counts for part of the figure's
    /// weight; one twice as far, or of another unit, counts for nothing.
    #[test]
    fn a_near_figure_counts_for_part_of_the_number() {
        let idx = index(&[
            "中央财政安排就业专项资金426亿元。",
            "中央财政安排就业专项资金900亿元。",
        ]);
        let hits = idx.hits("中央财政拟投入420亿元就业专项资金", 0.0, 0.0);
        let coverage = |s: usize| hits.iter().find(|h| h.sentence == s).unwrap().coverage;
        assert!(coverage(0) > coverage(1) + 0.05, "{hits:?}");
        let shown: Vec<String> = idx
            .shared_words("中央财政拟投入420亿元就业专项资金", 0)
            .into_iter()
            .map(|w| w.0)
            .collect();
        assert!(shown.contains(&"≈420".to_string()), "{shown:?}");
        assert!(near_figure((420e8, "元"), (426e8, "元"), 1.5));
        assert!(!near_figure((420e8, "元"), (426e8, "人"), 1.5));
        assert!(!near_figure((420e8, "元"), (900e8, "元"), 1.5));
    }

    /// A list's members weigh as one when the sentence names the list's head; a sentence
    /// that lists other examples of the same kind speaks of other things.
    #[test]
    fn a_list_of_other_examples_is_not_the_task() {
        let idx = index(&[
            "启动休闲公园、人才社区等配套项目建设。",
            "全年完成配套项目建设。",
            "中心湿地加速修复。",
        ]);
        let hits = idx.hits(
            "加快中心湿地、污水处理厂、电力系统四期等配套项目建设",
            0.0,
            0.0,
        );
        let coverage = |s: usize| hits.iter().find(|h| h.sentence == s).unwrap().coverage;
        assert!(coverage(1) > 0.25, "{hits:?}");
        assert!(coverage(0) < 0.25, "{hits:?}");
    }

    /// The rules' synonyms hold in task matching: a task that says 能源消耗 is found in a
    /// sentence that says 能耗 when the two are one group.
    #[test]
    fn synonyms_match_each_other() {
        let idx = index(&["单位国内生产总值能耗下降4.8%。", "粮食产量创历史新高。"]);
        let hits = idx.hits("单位国内生产总值能源消耗降低3.9%", 0.0, 0.0);
        assert_eq!(hits[0].sentence, 0);
        assert!(hits[0].coverage > 0.5, "{hits:?}");
        let words: Vec<String> = idx
            .shared_words("单位国内生产总值能源消耗降低3.9%", 0)
            .into_iter()
            .map(|w| w.0)
            .collect();
        assert!(words.contains(&"能耗".to_string()), "{words:?}");
    }
}
