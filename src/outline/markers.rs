//! Numbering markers: finds 一、 （一） 1. 1、 （1） ① 一是 第一， 一方面 in running text.
//!
//! A marker is a candidate only where its shape fits ("2.5亿元", "1-9月", "2023年", "5G" and
//! the 3 in "3610行动" never are). Whether a candidate really opens an item is decided by
//! [`Stack`], which keeps the numbering levels open so far: a marker is accepted when it
//! continues an open level (二 after 一) or opens the first child of the current item. A
//! marker in the middle of a sentence needs that sequence to be believed; one at the start of
//! a line or after a full stop is believed more readily.

use regex::Regex;
use std::sync::LazyLock;

/// The numbering styles of Chinese official documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// 一、
    CnComma,
    /// （一） or (一)
    CnParen,
    /// 1. 1、 1．
    Arabic,
    /// （1） or (1)
    ArParen,
    /// ① ②
    Circled,
    /// 一是 二是
    CnShi,
    /// 第一， 第二，
    CnDi,
    /// 一方面 … 另一方面
    Aspect,
}

/// A marker found in text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    pub style: Style,
    pub number: u32,
    /// Byte range of the marker in the scanned text.
    pub start: usize,
    pub end: usize,
    /// True at the start of a line or right after punctuation.
    pub at_boundary: bool,
    /// True at the start of a line.
    pub at_line_start: bool,
}

impl Marker {
    /// The label shown in an item's path: 二, （三）, 3, （3）, ③, 三是, 一方面.
    pub fn label(&self) -> String {
        let cn = cn_numeral(self.number);
        match self.style {
            Style::CnComma => cn,
            Style::CnParen => format!("（{cn}）"),
            Style::Arabic => self.number.to_string(),
            Style::ArParen => format!("（{}）", self.number),
            Style::Circled => char::from_u32(0x245F + self.number)
                .map_or_else(|| self.number.to_string(), |c| c.to_string()),
            Style::CnShi => format!("{cn}是"),
            Style::CnDi => format!("第{cn}"),
            Style::Aspect if self.number == 1 => "一方面".to_string(),
            Style::Aspect => "另一方面".to_string(),
        }
    }
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<cnp>[（(][一二三四五六七八九十]{1,3}[）)])",
        r"|(?P<arp>[（(][0-9０-９]{1,3}[）)])",
        r"|(?P<cn>[一二三四五六七八九十]{1,3}、)",
        r"|(?P<shi>[一二三四五六七八九十]{1,2}是)",
        r"|(?P<di>第[一二三四五六七八九十]{1,2}[，,：:])",
        r"|(?P<asp>另一方面|一方面)",
        r"|(?P<circ>[①-⑳])",
        r"|(?P<ar>[0-9０-９]{1,5}[、.．])",
    ))
    .expect("valid marker regex")
});

/// Builds the marker pattern now, so that a caller can have it done on another thread.
pub(crate) fn preload() {
    LazyLock::force(&MARKER);
}

/// Characters after which a marker stands at a boundary.
pub fn is_boundary(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '。' | '，'
                | ','
                | '；'
                | ';'
                | '：'
                | ':'
                | '！'
                | '!'
                | '？'
                | '?'
                | '）'
                | ')'
                | '】'
                | '」'
                | '”'
                | '"'
                | '、'
        )
}

/// Parses a Chinese numeral from 一 to 九十九.
pub fn parse_cn_numeral(s: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// Writes 1..=99 as a Chinese numeral.
pub fn cn_numeral(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// Every candidate marker in `text`, in order.
pub fn find_markers(text: &str) -> Vec<Marker> {
    let mut out = Vec::new();
    for caps in MARKER.captures_iter(text) {
        let whole = caps.get(0).expect("group 0 exists");
        let (start, end) = (whole.start(), whole.end());
        let prev = text[..start].chars().next_back();
        let next = text[end..].chars().next();
        let at_line_start = prev.is_none_or(|c| c == '\n');
        let at_boundary = prev.is_none_or(is_boundary);
        let inner = |s: &str| {
            s.trim_matches(|c: char| "（()）、.．是".contains(c))
                .to_string()
        };
        let (style, number) = if let Some(m) = caps.name("cnp") {
            (Style::CnParen, parse_cn_numeral(&inner(m.as_str())))
        } else if let Some(m) = caps.name("arp") {
            (Style::ArParen, inner(m.as_str()).parse().ok())
        } else if let Some(m) = caps.name("cn") {
            if prev == Some('第') {
                continue;
            }
            (Style::CnComma, parse_cn_numeral(&inner(m.as_str())))
        } else if let Some(m) = caps.name("shi") {
            // 统一是, 唯一是 are words, not markers. Any other 一是 is weighed by the stack,
            // which takes one without punctuation before it only after a heading.
            let n = parse_cn_numeral(&inner(m.as_str()));
            if prev.is_some_and(|c| "统唯单同第之万专".contains(c)) {
                continue;
            }
            (Style::CnShi, n)
        } else if let Some(m) = caps.name("di") {
            // 第一， opens an item only where a sentence or line starts: 世界第一，… is a rank.
            if !prev.is_none_or(|c| "\n。；;：:！？".contains(c)) {
                continue;
            }
            let digits = m.as_str().trim_start_matches('第');
            let digits = digits.trim_end_matches(['，', ',', '：', ':']);
            (Style::CnDi, parse_cn_numeral(digits))
        } else if let Some(m) = caps.name("asp") {
            if m.as_str() == "一方面" && !at_boundary {
                continue;
            }
            (
                Style::Aspect,
                Some(if m.as_str() == "一方面" { 1 } else { 2 }),
            )
        } else if let Some(m) = caps.name("circ") {
            let c = m.as_str().chars().next().expect("one char");
            (Style::Circled, Some(c as u32 - 0x245F))
        } else {
            // 1. 1、 1．: not part of a larger number, a decimal or a date.
            let before_digit = prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '.');
            let after_digit = next.is_none_or(|c| c.is_ascii_digit() || c.is_whitespace());
            if before_digit || after_digit {
                continue;
            }
            (Style::Arabic, inner(whole.as_str()).parse().ok())
        };
        let Some(number) = number.filter(|n| *n >= 1) else {
            continue;
        };
        out.push(Marker {
            style,
            number,
            start,
            end,
            at_boundary,
            at_line_start,
        });
    }
    out
}

/// The highest number believed to open a list that starts mid-way (a fragment whose first
/// item is `12.`); past it a line-start number is more likely a figure than an item. A list
/// that continues is followed however long it is.
const MAX_START: u32 = 50;

/// The numbering levels open at a point in a section.
#[derive(Debug, Default, Clone)]
pub struct Stack {
    levels: Vec<(Style, u32)>,
}

impl Stack {
    /// Decides whether `m` opens an item. If it does, updates the levels and returns the
    /// depth (1-based) of the new item. `open_is_heading` says whether the text of the
    /// current item so far reads as a heading (no full stop), which lets a first child
    /// follow it without punctuation: "取得新成效1.项目招引协同推进".
    pub fn accept(&mut self, m: &Marker, open_is_heading: bool) -> Option<usize> {
        let continues = self
            .levels
            .iter()
            .rposition(|&(style, last)| style == m.style && last + 1 == m.number);
        if let Some(level) = continues {
            self.levels.truncate(level + 1);
            self.levels[level].1 = m.number;
            return Some(level + 1);
        }
        let first_child = m.number == 1;
        let believed = m.at_boundary
            || (open_is_heading
                && matches!(
                    m.style,
                    Style::Arabic
                        | Style::ArParen
                        | Style::CnParen
                        | Style::Circled
                        | Style::CnShi
                        | Style::CnDi
                ));
        if first_child && believed {
            self.levels.push((m.style, 1));
            return Some(self.levels.len());
        }
        if m.at_line_start && m.number <= MAX_START {
            // A list that starts mid-way, as in a fragment: believe the line start.
            if let Some(level) = self.levels.iter().rposition(|&(s, _)| s == m.style) {
                self.levels.truncate(level + 1);
                self.levels[level].1 = m.number;
                return Some(level + 1);
            }
            self.levels.push((m.style, m.number));
            return Some(self.levels.len());
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(text: &str) -> Vec<(Style, u32)> {
        find_markers(text)
            .into_iter()
            .map(|m| (m.style, m.number))
            .collect()
    }

    /// Every numbering form is recognised, in both full-width and half-width punctuation.
    #[test]
    fn recognises_every_marker_form() {
        assert_eq!(styles("一、总体"), vec![(Style::CnComma, 1)]);
        assert_eq!(styles("（二）招商"), vec![(Style::CnParen, 2)]);
        assert_eq!(styles("(三)招商"), vec![(Style::CnParen, 3)]);
        assert_eq!(styles("1.项目"), vec![(Style::Arabic, 1)]);
        assert_eq!(styles("2、项目"), vec![(Style::Arabic, 2)]);
        assert_eq!(styles("3．项目"), vec![(Style::Arabic, 3)]);
        assert_eq!(styles("（4）项目"), vec![(Style::ArParen, 4)]);
        assert_eq!(styles("(5)项目"), vec![(Style::ArParen, 5)]);
        assert_eq!(styles("②项目"), vec![(Style::Circled, 2)]);
        assert_eq!(styles("十二是项目"), vec![(Style::CnShi, 12)]);
        assert_eq!(styles("第三，全面推行依法行政"), vec![(Style::CnDi, 3)]);
        assert_eq!(
            styles("一方面,甲。另一方面,乙"),
            vec![(Style::Aspect, 1), (Style::Aspect, 2)]
        );
    }

    /// Numbers that are quantities, dates or names are not markers.
    #[test]
    fn quantities_and_dates_are_not_markers() {
        for text in [
            "1-9月,产值增长",
            "投资2.5亿元",
            "2023年完成",
            "推进5G建设",
            "精准帮扶3610行动",
            "总投资12.37亿元",
            "锡滨政办发(2023)22号",
            "统一是关键",
            "第二、",
            "跃居世界第二，人均",
        ] {
            assert_eq!(styles(text), vec![], "{text}");
        }
    }

    /// A marker inside a sentence is accepted only where it continues the numbering.
    #[test]
    fn stack_accepts_inline_markers_only_in_sequence() {
        let text = "（一）招商。一是甲。二是乙。统一、规范。三是丙";
        let mut stack = Stack::default();
        let accepted: Vec<String> = find_markers(text)
            .iter()
            .filter(|m| stack.accept(m, false).is_some())
            .map(Marker::label)
            .collect();
        assert_eq!(accepted, ["（一）", "一是", "二是", "三是"]);
    }

    /// A heading with no full stop may be followed directly by its first child.
    #[test]
    fn first_child_may_follow_a_heading_without_punctuation() {
        let ms = find_markers("一、招商引资取得新成效1.项目招引");
        let mut stack = Stack::default();
        assert_eq!(stack.accept(&ms[0], false), Some(1));
        assert_eq!(stack.accept(&ms[1], true), Some(2));
    }

    /// Chinese numerals round-trip.
    #[test]
    fn chinese_numerals_round_trip() {
        for n in [1, 9, 10, 11, 19, 20, 23, 99] {
            assert_eq!(parse_cn_numeral(&cn_numeral(n)), Some(n));
        }
    }
}
