//! Vocabulary: how generic each character bigram is in the genre, learned from a corpus of
//! work reports and shipped in the binary (`rules/vocabulary.tsv`).
//!
//! A task is matched on what is distinctive in it (its object, its names, its numbers), so
//! every bigram is weighed by how rare it is. Rarity is taken twice, and the lower wins: in
//! the genre (the shipped table: how many of the corpus's sentences hold the bigram, so that
//! 推进, 加强, 今年 and 安排 weigh little even in a short document) and in the two documents at
//! hand (so that a word every sentence of this report repeats weighs little too).
//!
//! The table is made by `plantrack rules vocabulary FILE…`; `[tasks] generic` in the rules
//! adds words that must weigh as little as the commonest.

use crate::similarity::{each_gram, fold, sentences};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::HashMap as StdHashMap;
use std::sync::{Arc, LazyLock};

/// The shipped table: a header line `sentences<TAB>N`, then `bigram<TAB>count` lines.
pub const VOCABULARY: &str = include_str!("../../rules/vocabulary.tsv");

/// Bigrams seen in fewer sentences than this are left out of the shipped table; a bigram
/// missing from it counts as seen once.
pub const MIN_COUNT: u32 = 3;

/// Sentence counts of bigrams over a corpus, with the words the rules make generic.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    table: Arc<Table>,
    /// Grams of the rules' generic words: they count as the commonest.
    generic: HashSet<u64>,
}

/// A parsed vocabulary table.
#[derive(Debug, Default)]
struct Table {
    sentences: u32,
    count: HashMap<u64, u32>,
    /// The highest count in the table.
    top: u32,
}

/// The shipped table, parsed once per process.
static BUILTIN: LazyLock<Arc<Table>> = LazyLock::new(|| Arc::new(Table::parse(VOCABULARY)));

/// Calls `f` with the key of each gram of a text: its character bigrams and Latin words
/// (see [`each_gram`]) and each number, as written (5.3, 2930).
pub fn grams(text: &str, mut f: impl FnMut(u64)) {
    grams_at(&fold(text), |k, _| f(k));
}

/// Calls `f` with the key and byte offset of each gram of folded text.
fn grams_at(folded: &str, mut f: impl FnMut(u64, usize)) {
    let base = folded.as_ptr() as usize;
    each_gram(folded, |k, g| f(k, g.as_ptr() as usize - base));
    numbers_at(folded, f);
}

/// Calls `f` with the key and byte offset of each number of folded text.
pub fn numbers_at(folded: &str, mut f: impl FnMut(u64, usize)) {
    let bytes = folded.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let number = folded[start..i].trim_end_matches('.');
            let hash = number.bytes().fold(0x8422_2325_cbf2_9ce4u64, |h, b| {
                (h ^ b as u64).wrapping_mul(0x1_0000_0000_01b3)
            });
            f((hash & !(1 << 63)) | 1 << 62, start);
        } else {
            i += 1;
        }
    }
}

/// The distinct gram keys of a task, sorted, each with a factor on its weight: the members
/// of a 、-list of `k` examples closed by 等 weigh `k ^ -list_exponent` each, so that a
/// review that names the list's head (扩大“营改增”试点) is not sunk by the members it does not
/// repeat. A gram takes the highest factor of its places.
pub fn weighted_gram_set(text: &str, list_exponent: f64) -> Vec<(u64, f64)> {
    let folded = fold(text);
    let factors = list_factors(&folded, list_exponent);
    let mut out: Vec<(u64, f64)> = Vec::new();
    grams_at(&folded, |k, at| out.push((k, factors[at])));
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    out.dedup_by_key(|g| g.0);
    out
}

/// The weight factor of each byte offset of folded text: `k ^ -list_exponent` inside a
/// 、-list of `k` members closed by 等, else 1. A list lies within one clause; its inner
/// members are whole, and the first is cut to the length of the longest inner one (or, with
/// two members, of the second up to 等).
fn list_factors(folded: &str, list_exponent: f64) -> Vec<f64> {
    let mut factors = vec![1.0; folded.len() + 1];
    let sep = '、'.len_utf8();
    let clause_ends = |c: char| "，,。；;：:！!？?()（）".contains(c);
    let mut start = 0;
    for (end, c) in folded
        .char_indices()
        .chain(std::iter::once((folded.len(), '。')))
    {
        if !clause_ends(c) {
            continue;
        }
        let marks: Vec<usize> = folded[start..end]
            .match_indices('、')
            .map(|(j, _)| start + j)
            .collect();
        if let (Some(&first), Some(&last)) = (marks.first(), marks.last()) {
            let chars = |a: usize, b: usize| folded[a..b].chars().count();
            let tail = &folded[last + sep..end];
            let closing = tail.find('等');
            // A member is as long as the longest inner one, or with two members the second.
            let len = marks
                .windows(2)
                .map(|w| chars(w[0] + sep, w[1]))
                .max()
                .or(closing.map(|j| chars(last + sep, last + sep + j)))
                .unwrap_or(0);
            // Only a list closed by 等 gives examples of its head (铁路运输、邮政服务、电信等
            // 行业); without 等 the members are the object itself (财务效应、经营效应、资本效应
            // 有机融合) and keep their weight.
            if let Some(cut) = closing.filter(|&j| len > 0 && tail[..j].chars().count() <= len + 3)
            {
                let from = folded[start..first]
                    .char_indices()
                    .rev()
                    .nth(len - 1)
                    .map_or(start, |(j, _)| start + j);
                let factor = ((marks.len() + 1) as f64).powf(-list_exponent);
                factors[from..last + sep + cut]
                    .iter_mut()
                    .for_each(|f| *f *= factor);
            }
        }
        start = end + c.len_utf8();
    }
    factors
}

/// The distinct gram keys of a text, sorted.
pub fn gram_set(text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    grams(text, |k| out.push(k));
    out.sort_unstable();
    out.dedup();
    out
}

impl Table {
    /// Parses the table format; lines that do not parse are skipped.
    fn parse(text: &str) -> Table {
        let mut t = Table::default();
        for line in text.lines() {
            let Some((gram, n)) = line.split_once('\t') else {
                continue;
            };
            let Ok(n) = n.trim().parse::<u32>() else {
                continue;
            };
            if gram == "sentences" {
                t.sentences = n;
                continue;
            }
            let mut key = None;
            each_gram(gram, |k, g| {
                if g == gram {
                    key = Some(k);
                }
            });
            if let Some(k) = key {
                t.count.insert(k, n);
                t.top = t.top.max(n);
            }
        }
        t
    }
}

impl Vocabulary {
    /// Parses a table in the shipped format.
    pub fn parse(table: &str) -> Vocabulary {
        Vocabulary {
            table: Arc::new(Table::parse(table)),
            generic: HashSet::default(),
        }
    }

    /// The built-in table, with `generic` words made as common as the commonest bigram.
    pub fn builtin(generic: &[String]) -> Vocabulary {
        let mut keys = HashSet::default();
        for word in generic {
            each_gram(&fold(word), |k, _| {
                keys.insert(k);
            });
        }
        Vocabulary {
            table: BUILTIN.clone(),
            generic: keys,
        }
    }

    /// Parses the built-in table now (it is otherwise parsed on first use), so that a
    /// caller can have it done on another thread while it reads its input.
    pub fn preload() {
        LazyLock::force(&BUILTIN);
    }

    /// Inverse sentence frequency of a gram in the genre: ln((N + 1) / (count + 0.5)).
    pub fn idf(&self, key: u64) -> f64 {
        let t = &self.table;
        let n = if self.generic.contains(&key) {
            t.top.max(1)
        } else {
            t.count.get(&key).copied().unwrap_or(1)
        };
        ((t.sentences as f64 + 1.0) / (n as f64 + 0.5))
            .ln()
            .max(0.0)
    }

    /// True when the table has no sentences (an empty or missing table).
    pub fn is_empty(&self) -> bool {
        self.table.sentences == 0
    }
}

/// Builds the table from texts: each sentence of each line counts once per bigram. Bigrams
/// seen fewer than [`MIN_COUNT`] times are left out; the output is sorted by count, then
/// bigram, so that the same corpus always gives the same bytes.
pub fn build<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut counts: StdHashMap<String, u32> = StdHashMap::new();
    let mut n = 0u32;
    for text in texts {
        for line in text.lines() {
            for range in sentences(line) {
                let sentence = fold(&line[range]);
                if sentence.chars().count() < 4 {
                    continue;
                }
                n += 1;
                let mut seen: Vec<String> = Vec::new();
                each_gram(&sentence, |_, g| seen.push(g.to_string()));
                seen.sort();
                seen.dedup();
                for g in seen {
                    *counts.entry(g).or_default() += 1;
                }
            }
        }
    }
    let mut rows: Vec<(String, u32)> = counts
        .into_iter()
        .filter(|(_, c)| *c >= MIN_COUNT)
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut out = format!("sentences\t{n}\n");
    for (g, c) in rows {
        out.push_str(&format!("{g}\t{c}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Generic government words weigh far less than the names of things.
    #[test]
    fn generic_words_weigh_little() {
        let v = Vocabulary::builtin(&[]);
        assert!(!v.is_empty());
        let idf = |w: &str| {
            let mut k = 0;
            each_gram(w, |key, _| k = key);
            v.idf(k)
        };
        assert!(
            idf("推进") < idf("棚户") / 2.0,
            "{} {}",
            idf("推进"),
            idf("棚户")
        );
        assert!(idf("今年") < idf("旧小"));
    }

    /// Words named generic in the rules weigh as little as the commonest bigram.
    #[test]
    fn rules_can_name_generic_words() {
        let v = Vocabulary::builtin(&["棚户".to_string()]);
        let mut k = 0;
        each_gram("棚户", |key, _| k = key);
        let mut top = 0;
        each_gram("发展", |key, _| top = key);
        assert!((v.idf(k) - v.idf(top)).abs() < 1e-9);
    }

    /// The table is built deterministically from sentences and read back.
    #[test]
    fn table_round_trips() {
        let text = "推进老旧小区改造。推进老旧小区改造。推进老旧小区改造。加快发展。";
        let table = build([text]);
        assert_eq!(build([text]), table);
        let v = Vocabulary::parse(&table);
        assert_eq!(v.table.sentences, 4);
        let mut k = 0;
        each_gram("旧小", |key, _| k = key);
        assert!(v.idf(k) < v.idf(12345));
    }

    /// Numbers are grams of their own, so 5.3万 matches 5.3万 and not 5.6万.
    #[test]
    fn numbers_are_grams() {
        assert_eq!(
            gram_set("改造5.3万个")
                .iter()
                .filter(|k| **k & (1 << 62) != 0 && **k & (1 << 63) == 0)
                .count(),
            1
        );
        assert_ne!(gram_set("5.3万"), gram_set("5.6万"));
    }

    /// Each member of a 、-list weighs 1/k of a word outside it (at exponent 1); the words
    /// around the list keep their weight, and the first and last members are cut to the
    /// members' length.
    #[test]
    fn list_members_share_one_weight() {
        let factor = |text: &str, gram: &str| {
            let mut key = 0;
            each_gram(gram, |k, _| key = k);
            weighted_gram_set(text, 1.0)
                .into_iter()
                .find(|g| g.0 == key)
                .map(|g| g.1)
        };
        let task = "把营改增试点扩大到铁路运输、邮政服务、电信等行业";
        assert_eq!(factor(task, "营改"), Some(1.0));
        assert_eq!(factor(task, "扩大"), Some(1.0));
        assert_eq!(factor(task, "行业"), Some(1.0));
        for member in ["铁路", "运输", "邮政", "电信"] {
            let f = factor(task, member).unwrap();
            assert!((f - 1.0 / 3.0).abs() < 1e-9, "{member}: {f}");
        }
        let two = "增加子女教育、大病医疗等专项费用扣除";
        assert_eq!(factor(two, "增加"), Some(1.0));
        assert_eq!(factor(two, "子女"), Some(0.5));
        assert_eq!(factor(two, "专项"), Some(1.0));
        // A list not closed by 等 is the object itself and keeps its weight.
        assert_eq!(
            factor("实现财务效应、经营效应、资本效应有机融合", "经营"),
            Some(1.0)
        );
        // No list, no change; full-width and half-width commas both end a clause.
        assert_eq!(factor("新建学校，改造医院", "医院"), Some(1.0));
        assert_eq!(factor("甲乙、丙丁,改造医院", "医院"), Some(1.0));
    }
}
