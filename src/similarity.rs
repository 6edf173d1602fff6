//! Similarity of Chinese texts: IDF-weighted character bigrams, and character-level overlap.
//!
//! Chinese has no spaces, so words are not at hand; character bigrams stand in for them.
//! Before counting, text is normalised: full-width ASCII folded to half-width, synonyms
//! rewritten to their group's first member (高企 → 高新技术企业), stop phrases removed
//! (加快推进, 高质量发展: boilerplate that every section shares), and digits and masks
//! dropped. Each bigram is weighted by its inverse document frequency over the two sections
//! being compared, so a bigram that occurs everywhere counts for little and a name that occurs
//! once counts for much. Similarity is the cosine of the two weighted vectors.
//!
//! `strsim` works on `char`s for its edit distances, which is right for CJK, but its
//! `sorensen_dice` is not a fit here (see the tests); this module counts characters itself.

use regex::Regex;
use std::collections::HashMap;

/// Rewrites text before it is compared.
#[derive(Debug, Clone)]
pub struct Normalizer {
    /// Variant → canonical form (folded).
    canonical_of: HashMap<String, String>,
    /// Every variant and canonical form, longest first: at any place the longest wins, so
    /// the canonical 招商引资 is kept whole rather than read as the variant 招商 + 引资.
    synonyms: Option<Regex>,
    /// Every stop phrase, longest first.
    stop_phrases: Option<Regex>,
}

/// One regex that matches any of `words`, longest first.
fn alternation(mut words: Vec<String>) -> Option<Regex> {
    words.retain(|w| !w.is_empty());
    words.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    words.dedup();
    if words.is_empty() {
        return None;
    }
    let pattern: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    Regex::new(&pattern.join("|")).ok()
}

impl Normalizer {
    pub fn new(synonym_groups: &[Vec<String>], stop_phrases: &[String]) -> Normalizer {
        let mut canonical_of = HashMap::new();
        let mut forms = Vec::new();
        for group in synonym_groups {
            let Some((canon, rest)) = group.split_first() else {
                continue;
            };
            forms.push(fold(canon));
            for v in rest {
                canonical_of.entry(fold(v)).or_insert_with(|| fold(canon));
                forms.push(fold(v));
            }
        }
        Normalizer {
            canonical_of,
            synonyms: alternation(forms),
            stop_phrases: alternation(stop_phrases.iter().map(|s| fold(s)).collect()),
        }
    }

    /// Folds width and case and rewrites synonyms (used for names, which keep stop words).
    pub fn canonical(&self, text: &str) -> String {
        let folded = fold(text);
        match &self.synonyms {
            Some(re) => re
                .replace_all(&folded, |c: &regex::Captures<'_>| {
                    let m = &c[0];
                    self.canonical_of
                        .get(m)
                        .cloned()
                        .unwrap_or_else(|| m.to_string())
                })
                .into_owned(),
            None => folded,
        }
    }

    /// The synonym rewrites that apply to `text`, as `synonym variant → canonical`.
    pub fn synonyms_in(&self, text: &str) -> Vec<String> {
        let folded = fold(text);
        let mut out: Vec<String> = Vec::new();
        if let Some(re) = &self.synonyms {
            for m in re.find_iter(&folded) {
                if let Some(canon) = self.canonical_of.get(m.as_str()) {
                    let line = format!("synonym {} → {canon}", m.as_str());
                    if !out.contains(&line) {
                        out.push(line);
                    }
                }
            }
        }
        out
    }

    /// [`Normalizer::canonical`] plus stop phrases removed; stop phrases become breaks.
    pub fn for_matching(&self, text: &str) -> String {
        self.strip_stop_phrases(&self.canonical(text))
    }

    /// Removes stop phrases from text already in canonical form. Stop phrases hold no
    /// sentence stop, so the sentences of the result match those of the input one to one.
    pub fn strip_stop_phrases(&self, canonical: &str) -> String {
        match &self.stop_phrases {
            Some(re) => re.replace_all(canonical, "|").into_owned(),
            None => canonical.to_string(),
        }
    }
}

/// Folds full-width ASCII to half-width and upper case to lower case.
pub fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// True for characters that carry meaning in a bigram: Han characters and Latin letters.
/// Digits, masks (X, *) and punctuation are breaks.
fn is_content(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// Calls `f` with a key and the text of each character bigram of normalised text, within
/// runs of content characters, and of each Latin word (LNG, PCR) as one token. Keys are
/// numbers, so nothing is allocated: two characters' code points side by side, or a hash of
/// a Latin word with the top bit set.
pub fn each_gram(text: &str, mut f: impl FnMut(u64, &str)) {
    let mut prev: Option<(usize, char)> = None;
    let mut latin: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if is_content(c) {
            if let Some((start, p)) = prev {
                f(
                    ((p as u64) << 32) | c as u64,
                    &text[start..i + c.len_utf8()],
                );
            }
            prev = Some((i, c));
        } else {
            prev = None;
        }
        if c.is_ascii_alphabetic() {
            latin.get_or_insert(i);
        } else if let Some(start) = latin.take() {
            latin_token(&text[start..i], &mut f);
        }
    }
    if let Some(start) = latin {
        latin_token(&text[start..], &mut f);
    }
}

fn latin_token(token: &str, f: &mut impl FnMut(u64, &str)) {
    // A run of x alone is a mask (XX), not a word.
    if token.len() >= 2 && !token.chars().all(|c| c == 'x') {
        let hash = token.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x1_0000_0000_01b3)
        });
        f(hash | 1 << 63, token);
    }
}

/// The character bigrams and Latin words of normalised text, as text (for tests and
/// explanations).
pub fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_gram(text, |_, g| out.push(g.to_string()));
    out
}

/// Document frequencies of bigrams over a set of texts, for IDF weights. Bigrams are
/// interned: each known bigram has a numeric id, so that vectors are sorted id lists and a
/// cosine is a merge of two lists, with no hashing.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    docs: usize,
    ids: HashMap<u64, u32>,
    names: Vec<String>,
    df: Vec<usize>,
}

/// A sparse weighted bigram vector with unit length, sorted by bigram id.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    weights: Vec<(u32, f64)>,
}

impl Idf {
    /// Counts bigram document frequencies over `texts` (already normalised).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
        let mut idf = Idf::default();
        for text in texts {
            idf.docs += 1;
            let mut ids: Vec<u32> = Vec::new();
            each_gram(text, |key, g| ids.push(idf.intern(key, g)));
            ids.sort_unstable();
            ids.dedup();
            for id in ids {
                idf.df[id as usize] += 1;
            }
        }
        idf
    }

    fn intern(&mut self, key: u64, gram: &str) -> u32 {
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.names.len() as u32;
        self.ids.insert(key, id);
        self.names.push(gram.to_string());
        self.df.push(0);
        id
    }

    /// Weight of a bigram id: ln(1 + N / df).
    fn weight(&self, id: u32) -> f64 {
        let df = self.df.get(id as usize).copied().unwrap_or(0).max(1) as f64;
        (1.0 + self.docs.max(1) as f64 / df).ln()
    }

    /// The unit-length TF-IDF vector of a normalised text. Bigrams that occur in none of the
    /// texts counted are left out (they cannot be shared).
    pub fn vector(&self, text: &str) -> Vector {
        let mut ids: Vec<u32> = Vec::new();
        each_gram(text, |key, _| ids.extend(self.ids.get(&key)));
        ids.sort_unstable();
        let mut weights: Vec<(u32, f64)> = Vec::new();
        for id in ids {
            match weights.last_mut() {
                Some((last, tf)) if *last == id => *tf += 1.0,
                _ => weights.push((id, 1.0)),
            }
        }
        for (id, w) in weights.iter_mut() {
            *w = (1.0 + w.ln()) * self.weight(*id);
        }
        let norm = weights.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            weights.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        Vector { weights }
    }

    /// True when bigram `id` occurs in at most half of the texts counted: a word that a
    /// majority of goals and items share cannot tell them apart.
    pub fn is_selective(&self, id: u32) -> bool {
        self.df.get(id as usize).copied().unwrap_or(0) * 2 <= self.docs
    }

    /// The text of a bigram id.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", String::as_str)
    }
}

impl Vector {
    /// Pairs of weights for the bigrams both vectors hold.
    fn common<'a>(&'a self, other: &'a Vector) -> impl Iterator<Item = (u32, f64, f64)> + 'a {
        let (a, b) = (&self.weights, &other.weights);
        let (mut i, mut j) = (0, 0);
        std::iter::from_fn(move || {
            while i < a.len() && j < b.len() {
                match a[i].0.cmp(&b[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        let hit = (a[i].0, a[i].1, b[j].1);
                        i += 1;
                        j += 1;
                        return Some(hit);
                    }
                }
            }
            None
        })
    }

    /// The bigram ids the vector holds, in order.
    pub fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.weights.iter().map(|(id, _)| *id)
    }

    /// Cosine similarity with another unit vector, in 0..=1.
    pub fn cosine(&self, other: &Vector) -> f64 {
        self.common(other)
            .map(|(_, x, y)| x * y)
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }

    /// The bigrams both vectors share, heaviest first (for explanations).
    pub fn shared(&self, other: &Vector, idf: &Idf) -> Vec<(String, f64)> {
        let mut shared: Vec<(String, f64)> = self
            .common(other)
            .map(|(id, x, y)| (idf.name(id).to_string(), x * y))
            .collect();
        shared.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        shared
    }
}

/// Byte ranges of the sentences of `text`, each ending after 。；;！!？? (or at the end).
pub fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '。' | '；' | ';' | '！' | '!' | '？' | '?') {
            let end = i + c.len_utf8();
            out.push(start..end);
            start = end;
        }
    }
    if start < text.len() {
        out.push(start..text.len());
    }
    out
}

/// Length in characters of the longest run of `needle` that occurs in `haystack`.
pub fn longest_common_run(needle: &str, haystack: &str) -> usize {
    let n: Vec<char> = needle.chars().collect();
    let h: Vec<char> = haystack.chars().collect();
    let mut best = 0;
    let mut prev = vec![0usize; h.len() + 1];
    let mut cur = vec![0usize; h.len() + 1];
    for &a in &n {
        for (j, &b) in h.iter().enumerate() {
            cur[j + 1] = if a == b { prev[j] + 1 } else { 0 };
            best = best.max(cur[j + 1]);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sim(a: &str, b: &str, corpus: &[&str]) -> f64 {
        let idf = Idf::new(corpus.iter().copied());
        idf.vector(a).cosine(&idf.vector(b))
    }

    /// Identical Chinese texts score 1 and disjoint ones 0.
    #[test]
    fn cosine_on_chinese_is_sane() {
        let corpus = ["中心湿地加速修复", "电力系统四期完工"];
        assert!((sim(corpus[0], corpus[0], &corpus) - 1.0).abs() < 1e-9);
        assert_eq!(sim(corpus[0], corpus[1], &corpus), 0.0);
    }

    /// A shared name outweighs shared boilerplate, because the name is rare.
    #[test]
    fn rare_names_outweigh_common_words() {
        let corpus = [
            "推进某国合作园建设",
            "推进园区道路建设",
            "推进园区绿化建设",
            "推进园区厂房建设",
            "某国合作园投用",
        ];
        let name = sim(corpus[0], corpus[4], &corpus);
        let boilerplate = sim(corpus[0], corpus[1], &corpus);
        assert!(name > boilerplate, "{name} <= {boilerplate}");
    }

    /// Synonyms are read as one word; stop phrases are removed.
    #[test]
    fn normalizer_rewrites_synonyms_and_drops_stop_phrases() {
        let n = Normalizer::new(
            &[vec!["高新技术企业".into(), "高企".into()]],
            &["加快推进".into()],
        );
        assert_eq!(n.for_matching("加快推进高企培育"), "|高新技术企业培育");
        assert_eq!(fold("（一）ＬＮＧ"), "(一)lng");
    }

    /// Digits, masks and punctuation are not part of any bigram.
    #[test]
    fn bigrams_skip_numbers_and_masks() {
        assert_eq!(bigrams("完成X亿元,增长15%"), vec!["完成", "亿元", "增长"]);
        assert_eq!(bigrams("lng供气站,xx家"), vec!["lng", "供气", "气站"]);
    }

    /// The character-level overlap counts characters, not bytes.
    #[test]
    fn longest_common_run_counts_characters() {
        assert_eq!(
            longest_common_run("电力系统四期", "电力系统四期工程完工"),
            6
        );
        assert_eq!(longest_common_run("污水处理厂", "污水零直排区"), 2);
    }

    /// Sentences end after full-width and half-width stops.
    #[test]
    fn splits_sentences() {
        let text = "甲完成。乙推进;丙";
        let parts: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(parts, ["甲完成。", "乙推进;", "丙"]);
    }

    /// strsim's edit distances count characters, so they are usable on Chinese; its
    /// Sørensen–Dice is not used, since one CJK character is three UTF-8 bytes.
    #[test]
    fn strsim_edit_distance_counts_chinese_characters() {
        assert_eq!(strsim::levenshtein("电力系统四期", "电力系统三期"), 1);
        let ratio = strsim::normalized_levenshtein("电力系统四期", "电力系统三期");
        assert!((ratio - 5.0 / 6.0).abs() < 1e-9);
    }
}
