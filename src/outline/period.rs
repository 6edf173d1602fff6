//! Periods: a year (`2023`) or a half-year (`2023H1`, `2023H2`), and how a section heading's
//! words (2023年, 上半年, 今年, 明年, 下一步) resolve to one given the document's context.

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
}

impl Period {
    /// The period just before this one.
    pub fn previous(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y - 1),
            Period::Half(y, 2) => Period::Half(y, 1),
            Period::Half(y, _) => Period::Half(y - 1, 2),
        }
    }

    /// The period just after this one.
    pub fn next(self) -> Period {
        match self {
            Period::Year(y) => Period::Year(y + 1),
            Period::Half(y, 1) => Period::Half(y, 2),
            Period::Half(y, _) => Period::Half(y + 1, 1),
        }
    }

    /// Parses `2023`, `2023H1` or `2023h2`.
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let (year, half) = match s.to_ascii_uppercase().split_once('H') {
            Some((y, h)) => (y.to_string(), Some(h.parse::<u8>().ok()?)),
            None => (s.to_string(), None),
        };
        let year: i32 = year.parse().ok().filter(|y| (1949..=2200).contains(y))?;
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
    /// 下一步, 下步, 下阶段.
    Next,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.])((?:19|20)\d{2})(?:年度?)?(?:(上|下)半年)?(?:$|[^\d.])")
        .expect("valid year regex")
});
static RELATIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(上|下)半年|今年|本年|明年|来年|下一步|下步|下阶段|下一阶段").expect("valid regex")
});

/// Reads the period words of a heading.
pub fn hint(text: &str) -> Option<Hint> {
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
        Hint::Next => after.map(Period::next),
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
        assert_eq!(Period::Half(2023, 1).previous(), Period::Half(2022, 2));
        assert_eq!(Period::Year(2023).next(), Period::Year(2024));
    }
}
