//! Commitments: the named, checkable things inside a plan goal.
//!
//! A commitment is what a journalist checks: a 《policy document》, a “quoted name”, each
//! member of an enumeration that ends in a project noun (甲、乙、丙等配套项目 holds three),
//! and a name that ends with a suffix such as 中心, 基金 or 公司 (某某能源公司). Names are cut
//! from the front at the last verb or particle before them (加快设立 | 园区产业母基金). The
//! word lists come from the `[commitments]` table of the rules.

use crate::rules::CommitmentWords;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// How a commitment was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// 《…》
    Title,
    /// “…”
    Quoted,
    /// A member of an enumeration: 甲、乙、丙等项目.
    List,
    /// A name ending with a suffix word: …中心, …基金.
    Named,
    /// A clause that commits to an action on an object (see [`crate::tasks`]).
    Action,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Title => "title",
            Source::Quoted => "quoted",
            Source::List => "list",
            Source::Named => "named",
            Source::Action => "action",
        }
    }
}

/// A named thing a goal commits to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Commitment {
    pub name: String,
    pub source: Source,
}

// The lengths are checked in code, not with {2,40}: a counted repetition of a negated
// class compiles to a large automaton, and cost a few per cent of a whole run.
static TITLE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"《([^》]+)》").expect("valid regex"));
static FIVE_YEAR_PLAN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^十[一二三四五六七八九]?五$").expect("valid regex"));
static QUOTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[“"「]([^”"」“]+)[”"」]"#).expect("valid regex"));
/// Characters a 《title》 and a “quoted name” may hold.
const TITLE_CHARS: std::ops::RangeInclusive<usize> = 2..=40;
const QUOTED_CHARS: std::ops::RangeInclusive<usize> = 3..=24;

/// Builds this module's patterns now, so that a caller can have it done on another thread.
pub(crate) fn preload() {
    for r in [&TITLE, &FIVE_YEAR_PLAN, &QUOTED] {
        LazyLock::force(r);
    }
}

/// Characters that end a clause for list and name finding.
fn is_clause_break(c: char) -> bool {
    "，,。；;：:！!？?“”\"「」《》\n".contains(c)
}

/// Picks the commitments out of a goal's text, in order of appearance, without repeats.
pub fn extract(goal: &str, words: &CommitmentWords) -> Vec<Commitment> {
    let mut found: Vec<(usize, Commitment)> = Vec::new();
    let within = |m: &regex::Match, chars: &std::ops::RangeInclusive<usize>| {
        chars.contains(&m.as_str().chars().count())
    };
    for c in TITLE.captures_iter(goal) {
        let m = c.get(1).expect("group 1");
        if within(&m, &TITLE_CHARS) {
            found.push((m.start(), commitment(m.as_str(), Source::Title)));
        }
    }
    for c in QUOTED.captures_iter(goal) {
        let m = c.get(1).expect("group 1");
        if !within(&m, &QUOTED_CHARS) {
            continue;
        }
        // A quoted period (“十四五”) names a time, not a thing to check.
        let period = FIVE_YEAR_PLAN.is_match(m.as_str());
        if !period && !m.as_str().contains(['，', ',', '、', '。', '；', ';']) {
            found.push((m.start(), commitment(m.as_str(), Source::Quoted)));
        }
    }
    let mut offset = 0;
    for clause in goal.split(is_clause_break) {
        list_members(clause, offset, words, &mut found);
        let mut part_offset = offset;
        for part in clause.split('、') {
            named(part, part_offset, words, &mut found);
            part_offset += part.len() + '、'.len_utf8();
        }
        offset += clause.len() + 1;
        // Clause breaks may be multi-byte; resynchronise on a char boundary.
        while offset < goal.len() && !goal.is_char_boundary(offset) {
            offset += 1;
        }
    }
    found.sort_by_key(|(pos, _)| *pos);
    dedupe(found.into_iter().map(|(_, c)| c).collect())
}

fn commitment(name: &str, source: Source) -> Commitment {
    Commitment {
        name: name.trim().to_string(),
        source,
    }
}

/// Cuts a candidate after the last verb or particle in it.
fn after_last_verb<'a>(text: &'a str, words: &CommitmentWords) -> &'a str {
    let cut = words
        .verbs
        .iter()
        .filter_map(|v| text.rfind(v.as_str()).map(|p| p + v.len()))
        .max()
        .unwrap_or(0);
    &text[cut..]
}

/// True when a name says too little to be checked (重点工程, 一批大项目): what is left of
/// it without its suffix and the generic words is less than two characters.
fn is_generic(name: &str, words: &CommitmentWords) -> bool {
    let stem = words
        .suffixes
        .iter()
        .filter(|s| name.ends_with(s.as_str()))
        .map(|s| &name[..name.len() - s.len()])
        .min_by_key(|s| s.len())
        .unwrap_or(name);
    let mut rest = stem.to_string();
    for word in words
        .generic
        .iter()
        .map(String::as_str)
        .chain(["项目", "工程"])
    {
        rest = rest.replace(word, "");
    }
    rest.chars().count() < 2
}

/// Members of `甲、乙、丙等配套项目`.
fn list_members(
    clause: &str,
    offset: usize,
    words: &CommitmentWords,
    found: &mut Vec<(usize, Commitment)>,
) {
    let Some(deng) = clause.rfind('等') else {
        return;
    };
    let (before, after) = (&clause[..deng], &clause[deng + '等'.len_utf8()..]);
    if !before.contains('、') {
        return;
    }
    let head: String = after.chars().take(6).collect();
    if !words.list_heads.iter().any(|h| head.contains(h.as_str())) {
        return;
    }
    let mut pos = 0;
    for (i, member) in before.split('、').enumerate() {
        let start = pos;
        pos += member.len() + '、'.len_utf8();
        let name = if i == 0 {
            after_last_verb(member, words)
        } else {
            member
        };
        let len = name.chars().count();
        if (2..=16).contains(&len) && !words.generic.iter().any(|g| g == name) {
            found.push((offset + start, commitment(name, Source::List)));
        }
    }
}

/// Names that end with a suffix word: `某某能源公司`, `某国际产业合作园`.
fn named(part: &str, offset: usize, words: &CommitmentWords, found: &mut Vec<(usize, Commitment)>) {
    for suffix in &words.suffixes {
        for (pos, _) in part.match_indices(suffix.as_str()) {
            let end = pos + suffix.len();
            // Prefer the longest suffix ending here (产业园 over 园区 is handled by order).
            let candidate = after_last_verb(&part[..end], words);
            let chars: Vec<char> = candidate.chars().collect();
            let name: String = chars[chars.len().saturating_sub(16)..].iter().collect();
            let name = strip_generic_tail(&name, words);
            if name.chars().count() >= 4 && !is_generic(&name, words) {
                let start = offset + end - candidate.len();
                found.push((start, commitment(&name, Source::Named)));
            }
        }
    }
}

/// `…中心项目` → `…中心`: a trailing 项目 or 工程 after another suffix adds nothing.
fn strip_generic_tail(name: &str, words: &CommitmentWords) -> String {
    for tail in ["项目", "工程"] {
        if let Some(stem) = name.strip_suffix(tail) {
            if words
                .suffixes
                .iter()
                .any(|s| s != tail && stem.ends_with(s.as_str()))
            {
                return stem.to_string();
            }
        }
    }
    name.to_string()
}

/// Drops repeats and names contained in a longer name.
fn dedupe(list: Vec<Commitment>) -> Vec<Commitment> {
    let mut out: Vec<Commitment> = Vec::new();
    for c in &list {
        let covered = list
            .iter()
            .any(|o| o.name.len() > c.name.len() && o.name.contains(c.name.as_str()));
        if !covered && !out.iter().any(|o| o.name == c.name) {
            out.push(c.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn names(goal: &str) -> Vec<String> {
        let rules = Rules::from_defaults().unwrap();
        extract(goal, &rules.commitments)
            .into_iter()
            .map(|c| c.name)
            .collect()
    }

    /// A 《title》 of 2 to 40 characters and a “quoted name” of 3 to 24 are commitments;
    /// longer or shorter ones are not.
    #[test]
    fn titles_and_quotes_have_bounded_lengths() {
        let long = "甲".repeat(41);
        let got = names(&format!(
            "出台《园区管理办法》和《{long}》，打造“数字园区”和“园区”。"
        ));
        assert_eq!(got, ["园区管理办法", "数字园区"]);
    }

    /// Each member of an enumeration ending in a project noun is a commitment.
    #[test]
    fn enumeration_members_are_commitments() {
        assert_eq!(
            names("加快甲湿地、乙污水处理厂、丙电力系统四期等配套项目建设"),
            ["甲湿地", "乙污水处理厂", "丙电力系统四期"]
        );
    }

    /// An enumeration of abstract nouns is not a list of commitments.
    #[test]
    fn abstract_enumerations_are_not_commitments() {
        assert!(names("强化在技术、资本、项目、人才等方面的交流合作").is_empty());
    }

    /// Names ending in a suffix word are cut after the verb before them.
    #[test]
    fn suffix_names_are_cut_after_the_verb() {
        assert_eq!(names("加快某某能源公司的管理团队搭建"), ["某某能源公司"]);
        assert_eq!(
            names("加快设立某区产业母基金及某某二期项目专项基金"),
            ["某区产业母基金", "某某二期项目专项基金"]
        );
        assert_eq!(
            names("加快推进占地X亩、总建筑面积约X万平方米的甲-乙文化交流中心项目建设"),
            ["甲-乙文化交流中心"]
        );
    }

    /// Policy titles and quoted names are commitments; quoted slogans are not.
    #[test]
    fn titles_and_quoted_names() {
        assert_eq!(
            names("制定《某某人才政策》,打造“某湾硅谷”,打造“忠诚、创新”队伍"),
            ["某某人才政策", "某湾硅谷"]
        );
    }

    /// Vague names such as 重点工程 are not commitments.
    #[test]
    fn generic_names_are_skipped() {
        assert!(names("引进一批大项目好项目,推进重点工程").is_empty());
    }
}
