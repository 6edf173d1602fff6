//! Periods: a year (`2023`), a half-year (`2023H1`, `2023H2`) or a span of years
//! (`2021-2025`, a five-year plan or a 过去五年 review), and how a section heading's words
//! (2023年, 上半年, 今年, 明年, 下一步, “十四五”, 今后五年) resolve to one given the document's
//! context.

use regex::Regex;
use serde::{Serialize, Serializer};
use std::fmt;
use std::sync::LazyLock;

/// The period a section covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Period {
    Year(i32),
    /// Year and half (1 or 2).
    Half(i32, u8),
    /// Several years, first and last included: a five-year plan (“十四五”时期) or a
    /// review of the past five years.
    Span(i32, i32),
}

impl Period {
    /// The period just before this one.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Half(y, 2) => Period::Half(y, 1),
            Period::Half(y, _) => Period::Half(y - 1, 2),
            Period::Span(a, b) => Period::Span(2 * a - b - 1, a - 1),
        }
    }

    /// The period just after this one.
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Half(y, 1) => Period::Half(y, 2),
            Period::Half(y, _) => Period::Half(y + 1, 1),
            Period::Span(a, b) => Period::Span(b + 1, 2 * b - a + 1),
        }
    }

    /// True for a span of several years.
    pub fn is_span(self) -> bool {
        matches!(self, Period::Span(..))
    }

    /// True when `other` lies within this period: a span covers its years and their halves,
    /// a year its halves, and every period covers itself.
    pub fn covers(self, other: Period) -> bool {
        let (a, b) = self.years();
        let (c, d) = other.years();
        match (self, other) {
            (Period::Half(..), _) => self == other,
            _ => a <= c && d <= b,
        }
    }

    /// First and last year.
    fn years(self) -> (i32, i32) {
        match self {
            Period::Year(y) | Period::Half(y, _) => (y, y),
            Period::Span(a, b) => (a, b),
        }
    }

    /// Parses `2023`, `2023H1`, `2023h2` or `2021-2025`.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let valid = |y: &str| y.parse::<i32>().ok().filter(|y| (1949..=2200).contains(y));
        if let Some((a, b)) = s.split_once('-') {
            let (a, b) = (valid(a)?, valid(b)?);
            return (a < b).then_some(Period::Span(a, b));
        }
        let (year, half) = match s.to_ascii_uppercase().split_once('H') {
            Some((y, h)) => (y.to_string(), Some(h.parse::<u8>().ok()?)),
            None => (s.to_string(), None),
        };
        let year = valid(&year)?;
        match half {
            None => Some(Period::Year(year)),
            Some(h @ (1 | 2)) => Some(Period::Half(year, h)),
            Some(_) => None,
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Period::Year(y) => write!(f, "{y}"),
            Period::Half(y, h) => write!(f, "{y}H{h}"),
            Period::Span(a, b) => write!(f, "{a}-{b}"),
        }
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// What the words of a heading say about its period, before context is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// An explicit year, perhaps with a half.
    Explicit(i32, Option<u8>),
    /// 上半年 / 下半年 with no year.
    Half(u8),
    /// 今年, 本年.
    ThisYear,
    /// 明年, 来年.
    NextYear,
    /// 去年, 过去一年, 一年来.
    LastYear,
    /// 下一步, 下步, 下阶段.
    Next,
    /// A five-year plan by number (“十四五”, 第十一个五年规划): its first and last year.
    FiveYearPlan(i32, i32),
    /// 今后五年, 未来五年: the document's year and the four after it.
    ComingYears(i32),
    /// 过去五年, 五年来: the years before the document's year.
    PastYears(i32),
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|[^0-9０-９.])((?:19|20)[0-9０-９]{2})(?:年度?)?(?:(上|下)半年)?(?:$|[^0-9０-９.])",
    )
    .expect("valid year regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(上|下)半年|今年|本年|明年|来年|去年|过去一年|一年来|下一步|下步|下阶段|下一阶段")
        .expect("valid regex")
});

/// A five-year plan by number: “十四五”, 十二五时期, 第十一个五年规划.
static FIVE_YEAR_PLAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"“?十([一二三四五六七八九]?)五”?(?:时期|规划|期间)|“十([一二三四五六七八九]?)五”|第十([一二三四五六七八九]?)个五年")
        .expect("valid regex")
});
/// A span of years counted from the document's year: 今后五年, 过去五年, 五年来.
static RELATIVE_SPAN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(今后|未来|过去|近)([二三四五六七八九十])年|([二三四五六七八九十])年来")
        .expect("valid regex")
});

/// Builds this module's patterns now, so that a caller can have it done on another thread.
pub(crate) fn preload() {
    for r in [&YEAR, &RELATIVE, &FIVE_YEAR_PLAN, &RELATIVE_SPAN] {
        LazyLock::force(r);
    }
}

fn cn_digit(s: &str) -> i32 {
    "一二三四五六七八九十"
        .chars()
        .position(|c| s.starts_with(c))
        .map_or(0, |i| i as i32 + 1)
}

/// The span of years a heading names, if any; the last one named wins (“十三五”成就和
/// “十四五”目标 is about the 14th plan).
fn span_hint(text: &str) -> Option<Hint> {
    let plan = FIVE_YEAR_PLAN.captures_iter(text).last().map(|c| {
        let unit = (1..=3)
            .find_map(|i| c.get(i))
            .map_or(0, |m| cn_digit(m.as_str()));
        // The sixth plan began in 1981; each lasts five years.
        let first = 1981 + 5 * (10 + unit - 6);
        (
            c.get(0).map_or(0, |m| m.start()),
            Hint::FiveYearPlan(first, first + 4),
        )
    });
    let relative = RELATIVE_SPAN.captures_iter(text).last().map(|c| {
        let years = c.get(2).or(c.get(3)).map_or(5, |m| cn_digit(m.as_str()));
        let coming = c
            .get(1)
            .is_some_and(|m| ["今后", "未来"].contains(&m.as_str()));
        let h = if coming {
            Hint::ComingYears(years)
        } else {
            Hint::PastYears(years)
        };
        (c.get(0).map_or(0, |m| m.start()), h)
    });
    match (plan, relative) {
        (Some(a), Some(b)) => Some(if a.0 > b.0 { a.1 } else { b.1 }),
        (a, b) => a.or(b).map(|x| x.1),
    }
}

/// Reads the period words of a heading.
pub fn hint(text: &str) -> Option<Hint> {
    if let Some(h) = span_hint(text) {
        return Some(h);
    }
    if let Some(c) = YEAR.captures(text) {
        let year = c[1].parse().ok()?;
        let half = c.get(2).map(|h| if h.as_str() == "上" { 1 } else { 2 });
        return Some(Hint::Explicit(year, half));
    }
    for (word, half) in [("上半年", 1), ("下半年", 2)] {
        if text.contains(word) {
            return Some(Hint::Half(half));
        }
    }
    let m = RELATIVE.find(text)?;
    Some(match m.as_str() {
        "上半年" => Hint::Half(1),
        "下半年" => Hint::Half(2),
        "今年" | "本年" => Hint::ThisYear,
        "明年" | "来年" => Hint::NextYear,
        "去年" | "过去一年" | "一年来" => Hint::LastYear,
        _ => Hint::Next,
    })
}

/// Resolves a hint. `base_year` is the document's year (from its title or date);
/// `after` is the period a "next" word follows (the document's summary period).
pub fn resolve(hint: Hint, base_year: Option<i32>, after: Option<Period>) -> Option<Period> {
    match hint {
        Hint::Explicit(y, None) => Some(Period::Year(y)),
        Hint::Explicit(y, Some(h)) => Some(Period::Half(y, h)),
        Hint::Half(h) => base_year.map(|y| Period::Half(y, h)),
        Hint::ThisYear => base_year.map(Period::Year),
        Hint::NextYear => base_year.map(|y| Period::Year(y + 1)),
        Hint::LastYear => base_year.map(|y| Period::Year(y - 1)),
        Hint::Next => after.map(Period::next),
        Hint::FiveYearPlan(a, b) => Some(Period::Span(a, b)),
        Hint::ComingYears(n) => base_year.map(|y| Period::Span(y, y + n - 1)),
        Hint::PastYears(n) => base_year.map(|y| Period::Span(y - n, y - 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Explicit years and half-years are read from headings.
    #[test]
    fn reads_explicit_periods() {
        assert_eq!(hint("二、2023年工作思路"), Some(Hint::Explicit(2023, None)));
        assert_eq!(
            hint("2023年下半年工作思路"),
            Some(Hint::Explicit(2023, Some(2)))
        );
        assert_eq!(
            hint("三、2023下半年工作思路"),
            Some(Hint::Explicit(2023, Some(2)))
        );
        assert_eq!(
            hint("2023年度上半年工作总结"),
            Some(Hint::Explicit(2023, Some(1)))
        );
    }

    /// Relative words resolve against the document's year.
    #[test]
    fn resolves_relative_periods() {
        let at = |t: &str| resolve(hint(t).unwrap(), Some(2023), Some(Period::Half(2023, 1)));
        assert_eq!(at("二、下半年工作思路"), Some(Period::Half(2023, 2)));
        assert_eq!(at("明年工作思路"), Some(Period::Year(2024)));
        assert_eq!(at("今年以来"), Some(Period::Year(2023)));
        assert_eq!(at("下一步工作打算"), Some(Period::Half(2023, 2)));
        assert_eq!(at("一、去年工作回顾"), Some(Period::Year(2022)));
        assert_eq!(at("一、一年来工作回顾"), Some(Period::Year(2022)));
    }

    /// Periods print and parse as 2023, 2023H1, 2023H2.
    #[test]
    fn periods_round_trip() {
        for p in [
            Period::Year(2023),
            Period::Half(2023, 1),
            Period::Half(2024, 2),
        ] {
            assert_eq!(Period::parse(&p.to_string()), Some(p));
        }
        assert_eq!(Period::parse("2021-2025"), Some(Period::Span(2021, 2025)));
        assert_eq!(Period::parse("2025-2021"), None);
        assert_eq!(Period::Half(2023, 1).previous(), Period::Half(2022, 2));
        assert_eq!(Period::Year(2023).next(), Period::Year(2024));
    }

    /// Five-year plans and spans counted from the document's year are spans, never one year.
    #[test]
    fn reads_multi_year_spans() {
        let at = |t: &str| resolve(hint(t).unwrap(), Some(2021), None);
        assert_eq!(
            at("二、“十三五”时期发展成就和“十四五”时期主要目标任务"),
            Some(Period::Span(2021, 2025))
        );
        assert_eq!(
            at("一、“十一五”时期国民经济和社会发展的回顾"),
            Some(Period::Span(2006, 2010))
        );
        assert_eq!(
            at("三、关于第十一个五年规划纲要的说明"),
            Some(Period::Span(2006, 2010))
        );
        assert_eq!(at("一、过去五年工作回顾"), Some(Period::Span(2016, 2020)));
        assert_eq!(at("今后五年的主要任务"), Some(Period::Span(2021, 2025)));
        // A year is still a year, and a percentage is not a plan number.
        assert_eq!(at("三、2021年重点工作"), Some(Period::Year(2021)));
        assert!(Period::Span(2016, 2020).covers(Period::Year(2020)));
        assert!(!Period::Span(2016, 2020).covers(Period::Year(2021)));
        assert!(!Period::Year(2020).covers(Period::Span(2016, 2020)));
    }
}
