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

use std::collections::HashMap;

/// Rewrites text before it is compared.
#[derive(Debug, Clone, Default)]
pub struct Normalizer {
    /// (variant, canonical), longest variant first.
    synonyms: Vec<(String, String)>,
    /// Longest first.
    stop_phrases: Vec<String>,
}

impl Normalizer {
    pub fn new(synonym_groups: &[Vec<String>], stop_phrases: &[String]) -> Normalizer {
        let mut synonyms: Vec<(String, String)> = synonym_groups
            .iter()
            .filter_map(|g| g.split_first())
            .flat_map(|(canon, rest)| rest.iter().map(move |v| (fold(v), fold(canon))))
            .collect();
        synonyms.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
        let mut stop_phrases: Vec<String> = stop_phrases.iter().map(|s| fold(s)).collect();
        stop_phrases.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
        Normalizer {
            synonyms,
            stop_phrases,
        }
    }

    /// Folds width and case and rewrites synonyms (used for names, which keep stop words).
    pub fn canonical(&self, text: &str) -> String {
        let mut s = fold(text);
        for (variant, canon) in &self.synonyms {
            if s.contains(variant.as_str()) && !s.contains(canon.as_str()) {
                s = s.replace(variant.as_str(), canon);
            }
        }
        s
    }

    /// The synonym rewrites that apply to `text`, as `synonym variant → canonical`.
    pub fn synonyms_in(&self, text: &str) -> Vec<String> {
        let folded = fold(text);
        self.synonyms
            .iter()
            .filter(|(variant, canon)| {
                folded.contains(variant.as_str()) && !folded.contains(canon.as_str())
            })
            .map(|(variant, canon)| format!("synonym {variant} → {canon}"))
            .collect()
    }

    /// [`Normalizer::canonical`] plus stop phrases removed; stop phrases become breaks.
    pub fn for_matching(&self, text: &str) -> String {
        let mut s = self.canonical(text);
        for stop in &self.stop_phrases {
            if s.contains(stop.as_str()) {
                s = s.replace(stop.as_str(), "|");
            }
        }
        s
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
        .flat_map(char::to_lowercase)
        .collect()
}

/// True for characters that carry meaning in a bigram: Han characters and Latin letters.
/// Digits, masks (X, *) and punctuation are breaks.
fn is_content(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The character bigrams of normalised text, within runs of content characters. Latin
/// words (LNG, PCR) count as one token each.
pub fn bigrams(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    let mut latin = String::new();
    let flush = |run: &mut Vec<char>, out: &mut Vec<String>| {
        out.extend(run.windows(2).map(|w| w.iter().collect::<String>()));
        run.clear();
    };
    let flush_latin = |latin: &mut String, out: &mut Vec<String>| {
        // A run of x alone is a mask (XX), not a word.
        if latin.len() >= 2 && !latin.chars().all(|c| c == 'x') {
            out.push(latin.clone());
        }
        latin.clear();
    };
    for c in text.chars() {
        if is_content(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
        }
        if c.is_ascii_alphabetic() {
            latin.push(c);
        } else {
            flush_latin(&mut latin, &mut out);
        }
    }
    flush(&mut run, &mut out);
    flush_latin(&mut latin, &mut out);
    out
}

/// Document frequencies of bigrams over a set of texts, for IDF weights.
#[derive(Debug, Clone, Default)]
pub struct Idf {
    docs: usize,
    df: HashMap<String, usize>,
}

/// A sparse weighted bigram vector with unit length.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    weights: HashMap<String, f64>,
}

impl Idf {
    /// Counts bigram document frequencies over `texts` (already normalised).
    pub fn new<'a>(texts: impl IntoIterator<Item = &'a str>) -> Idf {
        let mut idf = Idf::default();
        for text in texts {
            idf.docs += 1;
            let mut grams = bigrams(text);
            grams.sort();
            grams.dedup();
            for g in grams {
                *idf.df.entry(g).or_default() += 1;
            }
        }
        idf
    }

    /// Weight of a bigram: ln(1 + N / df).
    pub fn weight(&self, gram: &str) -> f64 {
        let df = self.df.get(gram).copied().unwrap_or(0).max(1) as f64;
        (1.0 + self.docs.max(1) as f64 / df).ln()
    }

    /// The unit-length TF-IDF vector of a normalised text.
    pub fn vector(&self, text: &str) -> Vector {
        let mut weights: HashMap<String, f64> = HashMap::new();
        for g in bigrams(text) {
            *weights.entry(g).or_default() += 1.0;
        }
        for (g, w) in weights.iter_mut() {
            *w = (1.0 + w.ln()) * self.weight(g);
        }
        let norm = weights.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            weights.values_mut().for_each(|w| *w /= norm);
        }
        Vector { weights }
    }
}

impl Vector {
    /// Cosine similarity with another unit vector, in 0..=1.
    pub fn cosine(&self, other: &Vector) -> f64 {
        let (small, large) = if self.weights.len() <= other.weights.len() {
            (self, other)
        } else {
            (other, self)
        };
        small
            .weights
            .iter()
            .filter_map(|(g, w)| large.weights.get(g).map(|v| w * v))
            .sum::<f64>()
            .clamp(0.0, 1.0)
    }

    /// The bigrams both vectors share, heaviest first (for explanations).
    pub fn shared(&self, other: &Vector) -> Vec<(String, f64)> {
        let mut shared: Vec<(String, f64)> = self
            .weights
            .iter()
            .filter_map(|(g, w)| other.weights.get(g).map(|v| (g.clone(), w * v)))
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
            "推进中东欧合作园建设",
            "推进园区道路建设",
            "推进园区绿化建设",
            "推进园区厂房建设",
            "中东欧合作园投用",
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
