//! Headings: splits clean lines into blocks (document titles, section headings, text).
//!
//! Titles and headings are found whether they stand on their own line or run inline inside a
//! long line, as they do in text scraped from a document-sharing site:
//! - a **title** names a summary and/or a plan with a year: `某区某局2023年工作总结和2024年
//!   工作打算`; the words before the year are the organization. A title that names a
//!   compilation (汇编, 两篇, 15篇) is not a document of its own;
//! - a **section heading** is a short line, or the words after a top-level marker (一、), that
//!   the section vocabulary of the rules classifies as summary, plan or problems; inline, a
//!   heading such as `2024年工作思路` must follow a full stop and precede a marker or a year;
//! - a **chapter** is a short line after a top-level marker whose kind the vocabulary does not
//!   know (`二、2022年经济社会发展总体要求和政策取向`); the outline decides whether it is a
//!   section heading (when the document's other section headings are marked the same way);
//! - a **problems intro** is a sentence such as `…仍然存在一些问题和不足,主要表现在:`.

use super::markers::{find_markers, Style};
use super::period::{hint, Hint};
use super::{SectionKind, HAN};
use crate::rules::SectionVocab;
use regex::Regex;
use std::sync::LazyLock;

/// A piece of a document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(Title),
    /// The title of a compilation of documents; it opens no document.
    Compilation(String),
    Heading {
        text: String,
        kind: SectionKind,
    },
    /// A short line that opens with a top-level marker (`三、促进经济平稳发展`) and whose
    /// words the vocabulary does not know. Where the document's section headings carry such
    /// markers it is a section heading of its own; elsewhere it is a numbered item.
    Chapter(String),
    Text(String),
}

/// A parsed document title.
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    pub text: String,
    pub organization: Option<String>,
    /// The period words of the summary half of the title, if it has one.
    pub summary: Option<Hint>,
    /// The period words of the plan half of the title, if it has one.
    pub plan: Option<Hint>,
}

const SUMMARY_WORD: &str = r"(?:工作)?(?:总结|回顾|完成情况)(?:范文)?";
const PLAN_WORD: &str = r"(?:工作)?(?:思路|打算|计划|安排|要点|重点)";
// Digits are written [0-9０-９] in the patterns of the outline and the cleaner, not \d: a
// Unicode \d holds the digits of every script, and compiling those classes cost about 7% of
// a whole run's instructions; half- and full-width digits are the ones documents use.
const PERIOD_WORDS: &str = r"(?:(?:19|20)[0-9０-９]{2}年?度?)?(?:上半年|下半年)?";

/// Most characters of an organization name before a title's period.
const MAX_ORG_CHARS: usize = 20;

/// A title with a summary half and a plan half, or one of them after an organization.
/// The organization is left unbounded here and cut to [`MAX_ORG_CHARS`] by [`TitleMatch`]:
/// a bounded repeat of a class of Chinese characters makes the regex some ten times slower
/// to build and to run.
static TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?P<org>(?:[{HAN}A-Za-z]|、)*?)(?P<p1>(?:19|20)[0-9０-９]{{2}}年?度?(?:上半年|下半年)?)(?P<k1>{SUMMARY_WORD}|{PLAN_WORD})(?:(?:和|及|与|暨|以及|、)(?P<p2>{PERIOD_WORDS})(?P<k2>{SUMMARY_WORD}|{PLAN_WORD}))?(?P<junk>(?:[0-9０-９]+字)?(?:范文稿?)?(?:整理|汇编|合集)?(?:【[^】]*】)?(?:[（(][0-9０-９]+篇[）)])?)"
    ))
    .expect("valid title regex")
});

static COMPILATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"汇编|合集|整理$|[两多0-9０-９]+篇").expect("valid compilation regex")
});

/// A line of a table of contents: `3.国资办2023年上半年工作总结和下半年工作思路`.
static TOC_ENTRY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[0-9０-９]{1,3}[.、．]\s*\S").expect("valid regex"));

static PLAN: LazyLock<Regex> = LazyLock::new(|| Regex::new(PLAN_WORD).expect("valid regex"));

/// An inline heading: period words, 工作, a kind word.
static INLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?:19|20)[0-9０-９]{2}年?度?|今年|明年|下一步|下半年|上半年)(?:上半年|下半年)?工作(?:总结|回顾|思路|打算|计划|安排|要点|重点)")
        .expect("valid heading regex")
});

/// Builds this module's patterns now, so that a caller can have it done on another thread.
pub(crate) fn preload() {
    for r in [&TITLE, &COMPILATION, &TOC_ENTRY, &PLAN, &INLINE_HEADING] {
        LazyLock::force(r);
    }
}

/// Longest line that can be a heading or title on its own.
const MAX_HEADING_CHARS: usize = 40;
/// Longest heading after a 一、 marker.
const MAX_MARKED_HEADING_CHARS: usize = 60;

/// Classifies heading words with the section vocabulary. Returns the kind and the byte
/// offset where the last matching word ends.
pub fn classify(text: &str, vocab: &SectionVocab) -> Option<(SectionKind, usize)> {
    let kinds = [
        (SectionKind::Problems, &vocab.problems),
        (SectionKind::Summary, &vocab.summary),
        (SectionKind::Plan, &vocab.plan),
    ];
    kinds.into_iter().find_map(|(kind, patterns)| {
        patterns
            .iter()
            .filter_map(|re| re.find(text).map(|m| m.end()))
            .max()
            .map(|end| (kind, end))
    })
}

/// Splits clean lines into blocks.
pub fn split_blocks(lines: &[String], vocab: &SectionVocab) -> Vec<Block> {
    let mut blocks = Vec::new();
    for line in join_broken_titles(lines) {
        if let Some(block) = whole_line_block(&line, vocab) {
            blocks.push(block);
        } else {
            split_line(&line, vocab, &mut blocks);
        }
    }
    blocks
}

/// Joins a title broken over two short lines: `某园区2022年工作总结和2023年` + `工作思路`.
fn join_broken_titles(lines: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let short = |s: &str, n| s.chars().count() <= n && !s.contains(['。', '，', ',']);
            let dangling = prev.ends_with(['和', '及', '与', '暨', '年', '、']);
            if dangling && short(prev, MAX_HEADING_CHARS) && short(line, 12) {
                let joined = format!("{prev}{line}");
                if TitleMatch::whole(&joined).is_some() {
                    *prev = joined;
                    continue;
                }
            }
        }
        out.push(line.clone());
    }
    out
}

/// A short line that is, as a whole, a title or a heading.
fn whole_line_block(line: &str, vocab: &SectionVocab) -> Option<Block> {
    if line.chars().count() > MAX_MARKED_HEADING_CHARS || line.contains('。') {
        return None;
    }
    let starts_with_marker = find_markers(line).first().is_some_and(|m| m.start == 0);
    if starts_with_marker || TOC_ENTRY.is_match(line) {
        return None;
    }
    if TITLE.is_match(line) && COMPILATION.is_match(line) {
        return Some(Block::Compilation(line.to_string()));
    }
    if let Some(block) = TitleMatch::whole(line).and_then(|m| m.block()) {
        return Some(block);
    }
    if line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let (kind, _) = classify(line, vocab)?;
    Some(Block::Heading {
        text: line.to_string(),
        kind,
    })
}

/// Turns a title match into a block, or `None` when it reads as a plain heading (a single
/// kind with no organization: `2023年工作总结`).
/// One match of [`TITLE`], its organization cut to the last [`MAX_ORG_CHARS`] characters.
struct TitleMatch<'a> {
    caps: regex::Captures<'a>,
    /// Where the title starts once the organization is cut.
    start: usize,
    end: usize,
    line: &'a str,
}

impl<'a> TitleMatch<'a> {
    fn new(line: &'a str, caps: regex::Captures<'a>) -> TitleMatch<'a> {
        let org = caps.name("org").expect("org group always takes part");
        let excess = org.as_str().chars().count().saturating_sub(MAX_ORG_CHARS);
        let cut = org
            .as_str()
            .char_indices()
            .nth(excess)
            .map_or(0, |(i, _)| i);
        let end = caps.get(0).expect("group 0").end();
        TitleMatch {
            start: org.start() + cut,
            end,
            caps,
            line,
        }
    }

    /// Every title in `line`, left to right.
    fn all(line: &'a str) -> impl Iterator<Item = TitleMatch<'a>> {
        TITLE
            .captures_iter(line)
            .map(move |c| TitleMatch::new(line, c))
    }

    /// The title that is the whole of `line`, if it is one.
    fn whole(line: &'a str) -> Option<TitleMatch<'a>> {
        let m = TitleMatch::new(line, TITLE.captures(line)?);
        (m.start == 0 && m.end == line.len()).then_some(m)
    }

    fn text(&self) -> &'a str {
        &self.line[self.start..self.end]
    }

    fn org(&self) -> &'a str {
        let org = self.caps.name("org").expect("org group always takes part");
        &self.line[self.start..org.end()]
    }

    /// The title as a block: a compilation's, or one with the periods of its halves; none
    /// for a lone half with no organization (a heading such as `2024年工作计划`).
    fn block(&self) -> Option<Block> {
        let m = &self.caps;
        let text = self.text().to_string();
        let org = Some(self.org().trim_matches('、').to_string());
        let org = org.filter(|o| !o.is_empty());
        let two_halves = m.name("k2").is_some();
        if !two_halves && org.is_none() {
            return None;
        }
        if COMPILATION.is_match(&text) {
            return Some(Block::Compilation(text));
        }
        let mut title = Title {
            text,
            organization: org,
            summary: None,
            plan: None,
        };
        let mut last = None;
        for (p, k) in [("p1", "k1"), ("p2", "k2")] {
            let (Some(period), Some(kind)) = (m.name(p), m.name(k)) else {
                continue;
            };
            let h = hint(period.as_str()).or(last);
            let h = match (h, last) {
                (Some(Hint::Half(half)), Some(Hint::Explicit(y, _))) => {
                    Some(Hint::Explicit(y, Some(half)))
                }
                (h, _) => h,
            };
            if PLAN.is_match(kind.as_str()) {
                title.plan = h;
            } else {
                title.summary = h;
            }
            last = h;
        }
        Some(Block::Title(title))
    }
}

/// A place in a line where a block starts: (start, heading end, block).
type Cut = (usize, usize, Block);

/// Splits one long line at inline titles, headings and problems intros.
fn split_line(line: &str, vocab: &SectionVocab, blocks: &mut Vec<Block>) {
    let mut cuts: Vec<Cut> = Vec::new();
    inline_titles(line, &mut cuts);
    inline_headings(line, vocab, &mut cuts);
    marked_headings(line, vocab, &mut cuts);
    problem_intros(line, vocab, &mut cuts);
    cuts.sort_by_key(|c| (c.0, std::cmp::Reverse(c.1)));
    let mut pos = 0;
    for (start, end, block) in cuts {
        if start < pos {
            continue;
        }
        push_text(blocks, &line[pos..start]);
        blocks.push(block);
        pos = end;
    }
    push_text(blocks, &line[pos..]);
}

fn push_text(blocks: &mut Vec<Block>, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        blocks.push(Block::Text(text.to_string()));
    }
}

/// True when the text before `start` ends a sentence (or there is none).
fn after_full_stop(line: &str, start: usize) -> bool {
    line[..start]
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '。' | '！' | '!' | '？' | '?' | '；' | ';' | '】' | ' '))
}

fn inline_titles(line: &str, cuts: &mut Vec<Cut>) {
    for title in TitleMatch::all(line) {
        let two_halves = title.caps.name("k2").is_some();
        if !two_halves || !after_full_stop(line, title.start) {
            continue;
        }
        if let Some(block) = title.block() {
            cuts.push((title.start, title.end, block));
        }
    }
}

fn inline_headings(line: &str, vocab: &SectionVocab, cuts: &mut Vec<Cut>) {
    for m in INLINE_HEADING.find_iter(line) {
        if !after_full_stop(line, m.start()) {
            continue;
        }
        let rest = &line[m.end()..];
        let next = rest.chars().next();
        let opens_body = next.is_none_or(|c| c.is_ascii_digit() || "：:".contains(c))
            || find_markers(rest).first().is_some_and(|mk| mk.start == 0)
            || ["今年", "明年", "上半年", "下半年"]
                .iter()
                .any(|w| rest.starts_with(w));
        if !opens_body {
            continue;
        }
        if let Some((kind, _)) = classify(m.as_str(), vocab) {
            let text = m.as_str().to_string();
            cuts.push((m.start(), m.end(), Block::Heading { text, kind }));
        }
    }
}

/// Headings after a top-level marker: `二、2023年工作思路`, `四、存在问题`.
fn marked_headings(line: &str, vocab: &SectionVocab, cuts: &mut Vec<Cut>) {
    let markers = find_markers(line);
    for (i, m) in markers.iter().enumerate() {
        if m.style != Style::CnComma || !m.at_boundary {
            continue;
        }
        let span_end = markers
            .get(i + 1)
            .map_or(line.len(), |next| next.start)
            .min(
                line[m.end..]
                    .find(['。', '，', ',', '；', ';', '：', ':'])
                    .map_or(line.len(), |p| m.end + p),
            );
        let span = &line[m.end..span_end];
        let span = match span.char_indices().nth(MAX_MARKED_HEADING_CHARS) {
            Some((cut, _)) => &span[..cut],
            None => span,
        };
        let whole_line = m.start == 0 && is_chapter_line(line);
        if let Some((kind, end)) = classify(span, vocab) {
            // A heading on a line of its own is the whole line (二、2018年经济社会发展总体
            // 要求和政策取向), not just the words up to the last vocabulary match.
            let end = if whole_line { line.len() } else { m.end + end };
            let text = line[m.start..end].trim().to_string();
            cuts.push((m.start, end, Block::Heading { text, kind }));
        } else if whole_line {
            cuts.push((0, line.len(), Block::Chapter(line.trim().to_string())));
        }
    }
}

/// A whole line that can be a chapter heading: short, and not a sentence.
fn is_chapter_line(line: &str) -> bool {
    let n = line.trim().chars().count();
    n <= MAX_MARKED_HEADING_CHARS && !line.contains(['。', '；', ';', '！', '？'])
}

/// A sentence that opens a problems list: `…仍然存在一些问题和不足,主要表现在:`.
fn problem_intros(line: &str, vocab: &SectionVocab, cuts: &mut Vec<Cut>) {
    for re in &vocab.problems_intro {
        for m in re.find_iter(line) {
            let start = line[..m.start()]
                .rfind(['。', '！', '？', '；', '!', '?', ';'])
                .map_or(0, |p| {
                    p + line[p..].chars().next().map_or(1, char::len_utf8)
                });
            let text = line[start..m.end()].to_string();
            let kind = SectionKind::Problems;
            cuts.push((start, m.end(), Block::Heading { text, kind }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;

    fn blocks(text: &str) -> Vec<Block> {
        let rules = Rules::from_defaults().unwrap();
        let lines: Vec<String> = text.lines().map(str::to_string).collect();
        split_blocks(&lines, &rules.sections)
    }

    fn title(b: &Block) -> &Title {
        match b {
            Block::Title(t) => t,
            other => panic!("expected a title, got {other:?}"),
        }
    }

    /// A title on its own line gives the organization and both periods.
    #[test]
    fn reads_a_title_line() {
        let b = blocks("某某镇2023年工作总结及2024年工作思路");
        let t = title(&b[0]);
        assert_eq!(t.organization.as_deref(), Some("某某镇"));
        assert_eq!(t.summary, Some(Hint::Explicit(2023, None)));
        assert_eq!(t.plan, Some(Hint::Explicit(2024, None)));
    }

    /// A half-year title carries its year over to the second half.
    #[test]
    fn half_year_title_carries_the_year() {
        let b = blocks("市某局2023年上半年工作总结和下半年工作思路");
        let t = title(&b[0]);
        assert_eq!(t.summary, Some(Hint::Explicit(2023, Some(1))));
        assert_eq!(t.plan, Some(Hint::Explicit(2023, Some(2))));
    }

    /// A title in the middle of a long line starts a new document.
    #[test]
    fn finds_a_title_mid_line() {
        let b = blocks(
            "打下坚实基础。某园区2023年工作总结和2024年工作思路8110字范文稿2023年,面对形势。",
        );
        assert!(matches!(&b[0], Block::Text(t) if t == "打下坚实基础。"));
        assert_eq!(title(&b[1]).organization.as_deref(), Some("某园区"));
        assert!(matches!(&b[2], Block::Text(t) if t.starts_with("2023年,面对")));
    }

    /// An organization name before a title is at most 20 characters: a title glued to a
    /// longer run of text after a full stop is not read as one.
    #[test]
    fn a_title_takes_at_most_twenty_characters_of_organization() {
        let org = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰某某管委会";
        assert_eq!(org.chars().count(), 20);
        let b = blocks(&format!("前文。{org}2023年工作总结和2024年工作打算"));
        assert_eq!(title(&b[1]).organization.as_deref(), Some(org));
        let b = blocks(&format!("前文。午未{org}2023年工作总结和2024年工作打算"));
        assert_eq!(b.len(), 1, "{b:?}");
        assert!(matches!(&b[0], Block::Text(_)));
    }

    /// A compilation's title is recognised and opens no document.
    #[test]
    fn compilation_title_is_not_a_document() {
        let b = blocks("多部门在2023年度上半年工作总结及下半年工作思路汇编");
        assert!(matches!(&b[0], Block::Compilation(_)));
    }

    /// Plain and marked headings, inline or not, are classified by the vocabulary.
    #[test]
    fn classifies_headings() {
        let b = blocks("2023年工作总结\n二、下半年工作思路\n四、存在问题\n工作完成。2024年工作思路2024年,园区将。");
        let kinds: Vec<SectionKind> = b
            .iter()
            .filter_map(|b| match b {
                Block::Heading { kind, .. } => Some(*kind),
                _ => None,
            })
            .collect();
        use SectionKind::*;
        assert_eq!(kinds, vec![Summary, Plan, Problems, Plan]);
    }

    /// A marked heading on a line of its own is the whole line, even past its kind word.
    #[test]
    fn marked_heading_line_is_whole() {
        let b = blocks("二、2022年经济社会发展总体要求和政策取向");
        assert!(
            matches!(&b[0], Block::Heading { text, kind: SectionKind::Plan } if text.ends_with("政策取向")),
            "{b:?}"
        );
    }

    /// A marked line of unknown kind is a chapter; a marked sentence is not.
    #[test]
    fn unknown_marked_lines_are_chapters() {
        let b = blocks("二、关于规划纲要（草案）的说明\n三、继续保持经济平稳较快发展\n四、加快发展。全年完成投资。");
        assert!(
            matches!(&b[0], Block::Chapter(t) if t.starts_with("二、关于")),
            "{b:?}"
        );
        assert!(matches!(&b[1], Block::Chapter(t) if t == "三、继续保持经济平稳较快发展"));
        assert!(b[2..].iter().all(|b| matches!(b, Block::Text(_))), "{b:?}");
    }

    /// A sentence in running text that mentions a plan is not a heading.
    #[test]
    fn plan_words_in_a_sentence_are_not_a_heading() {
        let b = blocks("做好资金拨付。2024年计划开展约30个公益创投项目,服务1.5万人次。");
        assert!(b.iter().all(|b| matches!(b, Block::Text(_))), "{b:?}");
    }

    /// An unheaded problems list is found by its opening sentence.
    #[test]
    fn finds_problems_intro() {
        let b =
            blocks("工作完成。但仍然存在一些问题和不足,主要表现在:一是土地不足。二是风险较大。");
        assert!(
            matches!(&b[1], Block::Heading { kind: SectionKind::Problems, text } if text.starts_with("但仍然"))
        );
    }

    /// A review's closing look at what went wrong opens a problems passage too; a sentence
    /// that sees something without naming a trouble does not.
    #[test]
    fn finds_a_closing_look_at_problems() {
        let b = blocks(
            "各项工作稳步推进。我们也清醒地看到，发展仍面临不少困难和挑战，一些企业经营困难。",
        );
        assert!(
            matches!(&b[1], Block::Heading { kind: SectionKind::Problems, text } if text.starts_with("我们也清醒地看到")),
            "{b:?}"
        );
        let b = blocks("我们清醒地看到了群众的期待。");
        assert!(b.iter().all(|b| matches!(b, Block::Text(_))), "{b:?}");
    }
}
