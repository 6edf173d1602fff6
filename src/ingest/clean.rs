//! Text to clean lines: removes the noise that published files carry, by pattern.
//!
//! Three kinds of noise are handled, none by matching a particular document's text:
//! - page numbers that a document-sharing site put at the start of every page (`26、亿元;…`),
//!   recognised as a run of lines numbered k、, k+1、, k+2、… that mostly break mid-sentence;
//!   the numbers are dropped and each page is joined to the one before, so sentences and
//!   numbers cut at a page break are whole again;
//! - website chrome: share and download buttons, counters, uploader lines, page counters,
//!   licence lines, recognised by their words and by their place: only in the runs of lines
//!   above the first paragraph of prose and below the last, never between two paragraphs;
//! - text repeated word for word: a paragraph that repeats one just before it, and a stretch
//!   of a line that is immediately repeated (a scraper that printed a page twice).
//!
//! What was removed is counted in [`CleanStats`] so that `plantrack outline` can show it,
//! and every line dropped whole is kept there with why, for `outline --verbose`.

use regex::Regex;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;
use std::sync::LazyLock;

/// How much noise [`clean`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CleanStats {
    /// Page-number prefixes removed (and pages joined).
    pub page_numbers: usize,
    /// Lines of website chrome dropped.
    pub chrome_lines: usize,
    /// Paragraphs dropped because they repeat an earlier one.
    pub repeated_paragraphs: usize,
    /// Characters dropped because a stretch of text was immediately repeated.
    pub repeated_chars: usize,
    /// Each line dropped whole (chrome or a repeated paragraph), with why, in order; for
    /// `outline --verbose`.
    #[serde(skip)]
    pub dropped: Vec<(String, &'static str)>,
}

/// Lines that are chrome whatever their length.
static STRONG_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"上传人[:：]|文档编号[:：]|上传时间[:：]|由会员分享|ICP备|公网安备|经营许可证|阅读时长|加入收藏",
        r"|^第\s*[0-9０-９]+\s*页\s*/\s*共\s*[0-9０-９]+\s*页$|_第[0-9０-９]+页$|\.(?:docx?|pdf|wps)$|^[0-9０-９]{3,}$",
    ))
    .expect("valid chrome regex")
});

/// Words that mark a short line without a full stop as chrome (buttons, counters, navigation).
static WEAK_CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"微信扫码|扫一扫|下载|收藏|分享|举报|阅读时长|共计[0-9０-９]+个?字|点击查看|阅读全文|相关资源",
        r"|猜你喜欢|相关搜索|当前位置|领取福利|资源描述|打印本页|关闭窗口|浏览次数|责任编辑",
        r"|上一篇|下一篇|^返回",
    ))
    .expect("valid chrome regex")
});

/// A page number a sharing site put at the start of a line: `26、`.
static PAGE_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([0-9０-９]{1,3})、").expect("valid page regex"));

/// Builds this module's patterns now, so that a caller can have it done on another thread.
pub fn preload() {
    for r in [&STRONG_CHROME, &WEAK_CHROME, &PAGE_PREFIX] {
        LazyLock::force(r);
    }
}

/// Longest line that the weak chrome words may drop.
const WEAK_CHROME_MAX_CHARS: usize = 30;
/// Shortest paragraph that counts as repeated when it recurs.
const MIN_REPEATED_PARAGRAPH: usize = 20;
/// A paragraph is a repeat when it equals one of this many paragraphs before it. Scrapers
/// repeat text next to itself; the same heading in two documents of a compilation is not a
/// repeat.
const REPEAT_WINDOW: usize = 3;
/// Shortest stretch that counts as an immediate repetition.
const MIN_REPEATED_SPAN: usize = 40;

/// Cleans `text` into non-empty, trimmed lines.
pub fn clean(text: &str) -> (Vec<String>, CleanStats) {
    let mut stats = CleanStats::default();
    // A lone CR ends a line too (old Mac files, some exports): `str::lines` splits only at
    // LF and CRLF, and would read such a file as one line.
    let lines: Vec<String> = text
        .split(['\n', '\r'])
        .map(trim_line)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let lines = join_page_runs(lines, &mut stats);
    // Chrome is the runs above the first paragraph of prose and below the last: text
    // between two paragraphs is never chrome, whatever words it holds (三、完善投诉举报处理机制
    // is a heading, 分享 in an item is content).
    let first_prose = lines.iter().position(|l| is_prose(l));
    let last_prose = lines.iter().rposition(|l| is_prose(l));
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for (i, line) in lines.into_iter().enumerate() {
        let between = first_prose.is_some_and(|f| f < i) && last_prose.is_some_and(|l| i < l);
        if !between && is_chrome(&line) {
            stats.chrome_lines += 1;
            stats.dropped.push((line, "website chrome"));
            continue;
        }
        let recent = &out[out.len().saturating_sub(REPEAT_WINDOW)..];
        if line.chars().count() >= MIN_REPEATED_PARAGRAPH && recent.contains(&line) {
            stats.repeated_paragraphs += 1;
            stats
                .dropped
                .push((line, "repeats a paragraph just before it"));
            continue;
        }
        let (line, dropped) = drop_immediate_repeats(&line);
        stats.repeated_chars += dropped;
        out.push(line);
    }
    (out, stats)
}

fn trim_line(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// Fewest characters of a paragraph of prose.
const MIN_PROSE_CHARS: usize = 40;

/// True for a paragraph of prose: a long line with a full stop or semicolon in it, which
/// no button, counter or navigation list is.
fn is_prose(line: &str) -> bool {
    line.chars().count() >= MIN_PROSE_CHARS && line.contains(['。', '；', ';'])
}

/// True when a whole line, standing above or below the text, is website chrome.
pub fn is_chrome(line: &str) -> bool {
    STRONG_CHROME.is_match(line)
        || (line.chars().count() <= WEAK_CHROME_MAX_CHARS
            && !line.contains('。')
            && WEAK_CHROME.is_match(line))
}

/// Finds runs of page-numbered lines and joins each run into one line.
fn join_page_runs(lines: Vec<String>, stats: &mut CleanStats) -> Vec<String> {
    let numbers: Vec<Option<u32>> = lines.iter().map(|l| page_number(l)).collect();
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let run_end = page_run_end(&lines, &numbers, i);
        if run_end > i {
            let mut joined = String::new();
            for line in &lines[i..run_end] {
                let prefix = PAGE_PREFIX.find(line).map_or(0, |m| m.end());
                joined.push_str(&line[prefix..]);
            }
            stats.page_numbers += run_end - i;
            out.push(joined);
            i = run_end;
        } else {
            out.push(lines[i].clone());
            i += 1;
        }
    }
    out
}

fn page_number(line: &str) -> Option<u32> {
    PAGE_PREFIX.captures(line)?.get(1)?.as_str().parse().ok()
}

/// If a page run starts at `start`, returns the index just past it; else `start`.
///
/// A run is at least three adjacent lines numbered k, k+1, k+2, … of which most break off
/// mid-sentence. A genuine list `1、… 2、… 3、…` ends its items with punctuation.
fn page_run_end(lines: &[String], numbers: &[Option<u32>], start: usize) -> usize {
    let Some(first) = numbers[start] else {
        return start;
    };
    let mut end = start + 1;
    while end < lines.len() && numbers[end] == Some(first + (end - start) as u32) {
        end += 1;
    }
    let len = end - start;
    if len < 3 {
        return start;
    }
    let cut = lines[start..end - 1]
        .iter()
        .filter(|l| !ends_sentence(l))
        .count();
    if cut * 2 > len - 1 {
        end
    } else {
        start
    }
}

/// True when a line ends with punctuation that closes a sentence or a heading.
fn ends_sentence(line: &str) -> bool {
    line.chars().last().is_some_and(|c| {
        matches!(
            c,
            '。' | '！' | '？' | '!' | '?' | '；' | ';' | '：' | ':' | '”' | '」' | '）' | ')'
        )
    })
}

/// Removes a stretch that is immediately repeated (`ABCABC` → `ABC`). Returns the new line
/// and the number of characters dropped.
fn drop_immediate_repeats(line: &str) -> (String, usize) {
    const WINDOW: usize = 20;
    const BASE: u64 = 0x100_0000_01b3;
    let chars: Vec<char> = line.chars().collect();
    if chars.len() < MIN_REPEATED_SPAN * 2 {
        return (line.to_string(), 0);
    }
    // A rolling hash of each window of WINDOW characters; a hit is checked character by
    // character, so a hash collision can never drop text.
    let top = (0..WINDOW - 1).fold(1u64, |p, _| p.wrapping_mul(BASE));
    let hashes: Vec<u64> = {
        let mut out = Vec::with_capacity(chars.len());
        let mut h = chars[..WINDOW]
            .iter()
            .fold(0u64, |h, &c| h.wrapping_mul(BASE).wrapping_add(c as u64));
        out.push(h);
        for k in WINDOW..chars.len() {
            h = h
                .wrapping_sub((chars[k - WINDOW] as u64).wrapping_mul(top))
                .wrapping_mul(BASE)
                .wrapping_add(chars[k] as u64);
            out.push(h);
        }
        out
    };
    let mut last_seen: HashMap<u64, usize> =
        HashMap::with_capacity_and_hasher(hashes.len(), Default::default());
    let mut drop = vec![false; chars.len()];
    let mut dropped = 0;
    let mut k = 0;
    while k < hashes.len() {
        if let Some(&i) = last_seen.get(&hashes[k]) {
            let period = k - i;
            if period >= MIN_REPEATED_SPAN
                && k + period <= chars.len()
                && chars[i..k] == chars[k..k + period]
                && !drop[i]
            {
                drop[i..k].iter_mut().for_each(|d| *d = true);
                dropped += period;
                k += period;
                continue;
            }
        }
        last_seen.insert(hashes[k], k);
        k += 1;
    }
    let kept = chars
        .iter()
        .zip(&drop)
        .filter(|(_, d)| !**d)
        .map(|(c, _)| c)
        .collect();
    (kept, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Page numbers at line starts are removed and the cut number is whole again.
    #[test]
    fn joins_pages_cut_by_page_numbers() {
        let text = "1、甲项目总投资12.37\n2、亿元;乙项目开工建设,总投\n3、资5亿元。丙项目完成";
        let (lines, stats) = clean(text);
        assert_eq!(
            lines,
            vec!["甲项目总投资12.37亿元;乙项目开工建设,总投资5亿元。丙项目完成"]
        );
        assert_eq!(stats.page_numbers, 3);
    }

    /// A genuine numbered list, whose items end with punctuation, is left alone.
    #[test]
    fn keeps_real_numbered_lists() {
        let text = "1、加快建设。\n2、强化服务。\n3、优化环境。";
        let (lines, stats) = clean(text);
        assert_eq!(lines.len(), 3);
        assert_eq!(stats.page_numbers, 0);
    }

    /// A heading with a chrome word between two paragraphs is content, not chrome; the
    /// same words above the text are chrome, and every dropped line is listed.
    #[test]
    fn chrome_words_between_paragraphs_are_content() {
        let para = "全年共受理群众来信来访一千二百件，办结率达到百分之九十八，群众满意度持续提升，信访秩序平稳。";
        let text =
            format!("返回 下载 举报\n{para}\n三、完善投诉举报处理机制\n{para}二\n微信扫码分享");
        let (lines, stats) = clean(&text);
        assert!(
            lines.iter().any(|l| l == "三、完善投诉举报处理机制"),
            "{lines:?}"
        );
        assert_eq!(stats.chrome_lines, 2);
        let dropped: Vec<&str> = stats.dropped.iter().map(|d| d.0.as_str()).collect();
        assert_eq!(dropped, ["返回 下载 举报", "微信扫码分享"]);
    }

    /// A lone CR ends a line, as LF and CRLF do.
    #[test]
    fn lone_cr_ends_a_line() {
        let (lines, _) = clean("一、工作总结\r1.项目推进。\r\n2.招商引资。");
        assert_eq!(lines, ["一、工作总结", "1.项目推进。", "2.招商引资。"]);
    }

    /// Share buttons, counters and licence lines go; content with the same words stays.
    #[test]
    fn drops_chrome_lines() {
        let text = "微信扫码分享\n共计6162个字,预计阅读时长21分钟\n第3页 / 共26页\n221381\n\
                    备案号:宁ICP备20000045号-1\n一是推进数据下载平台建设,完善信息分享机制,方便群众查询。";
        let (lines, stats) = clean(text);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(stats.chrome_lines, 5);
    }

    /// A paragraph repeated word for word is kept once.
    #[test]
    fn drops_repeated_paragraphs() {
        let para = "针对这些问题,园区将继续保持坚定向前的信心、拿出务实管用的举措。";
        let text = format!("{para}\n其他内容。\n{para}");
        let (lines, stats) = clean(&text);
        assert_eq!(lines, vec![para, "其他内容。"]);
        assert_eq!(stats.repeated_paragraphs, 1);
    }

    /// The same line far apart, as a heading in two documents, is kept both times.
    #[test]
    fn keeps_distant_repeats() {
        let heading = "一、“八八战略”实施20周年来取得的成效";
        let text = format!(
            "{heading}
甲。
乙。
丙。
丁。
{heading}"
        );
        let (lines, _) = clean(&text);
        assert_eq!(lines.iter().filter(|l| *l == heading).count(), 2);
    }

    /// A stretch printed twice in a row inside one line is kept once.
    #[test]
    fn drops_immediately_repeated_stretch() {
        let block = "2023年,园区各项工作虽然取得了一定进展,但仍然存在一些问题和不足,主要表现在:一是土地要素限制。";
        let line = format!("前文。{block}{block}二是风险防范压力较大。");
        let (lines, stats) = clean(&line);
        assert_eq!(lines, vec![format!("前文。{block}二是风险防范压力较大。")]);
        assert_eq!(stats.repeated_chars, block.chars().count());
    }
}
