//! Actuals: the number a summary reports for a target's metric, and the part of the year
//! it covers.
//!
//! [`find_actual`] looks for the metric as written or after synonyms (规模以上 = 规上), only
//! where it starts a phrase, takes the first quantity of a convertible unit after it in its
//! clause (or, for a growth metric, the rate after the growth word) and converts it to the
//! target's unit. A full-year actual wins over a forecast, a forecast over a part year. Quotes
//! and raw numbers are the summary's own text, synonyms and all.

use super::extract::strip_growth;
use super::numbers::{is_digit, parse_number};
use super::quantity::{quantities, Quantity};
use super::text::{is_cjk, prev_char, span_end, span_start, SENTENCE_BREAKS, VALUE_BREAKS};
use super::units::convert;
use super::vocab::{
    COMPARED_TO, GROWTH_FILLERS, GROWTH_WORDS, LEADING_WORDS, LEAD_INS, LEAD_VERBS, SCOPE, SYNONYMS,
};
use super::{Actual, Scope, Target};

/// Text with synonyms written in their short form, and where each byte came from.
struct Normalised {
    text: String,
    origin: Vec<usize>,
    /// The quantities of `text`, found on first use.
    quantities: std::sync::OnceLock<Vec<super::quantity::Quantity>>,
}

impl Normalised {
    fn new(source: &str) -> Normalised {
        let mut text = String::with_capacity(source.len());
        let mut origin = Vec::with_capacity(source.len() + 1);
        let mut i = 0;
        while let Some(rest) = source.get(i..).filter(|r| !r.is_empty()) {
            if let Some((long, short)) = SYNONYMS.iter().find(|(l, _)| rest.starts_with(*l)) {
                text.push_str(short);
                origin.extend(std::iter::repeat_n(i, short.len()));
                i += long.len();
            } else if let Some(c) = rest.chars().next() {
                text.push(c);
                origin.extend(i..i + c.len_utf8());
                i += c.len_utf8();
            }
        }
        origin.push(source.len());
        Normalised {
            text,
            origin,
            quantities: std::sync::OnceLock::new(),
        }
    }

    /// The source text under a normalised span.
    fn original<'a>(&self, source: &'a str, start: usize, end: usize) -> &'a str {
        let at = |p: usize| self.origin.get(p).copied().unwrap_or(source.len());
        source.get(at(start)..at(end)).unwrap_or("")
    }
}

/// Summary texts normalised once, for looking up many targets' actuals.
pub struct Prepared<'a> {
    texts: Vec<(&'a str, Normalised)>,
}

/// Normalises summary texts once for [`find_actual_in`].
pub fn prepare<'a>(summary: &[&'a str]) -> Prepared<'a> {
    Prepared {
        texts: summary.iter().map(|s| (*s, Normalised::new(s))).collect(),
    }
}

/// The actual a summary reports for the target's metric: full year before forecast before
/// part year, then the first found.
pub fn find_actual(target: &Target, summary: &[&str]) -> Option<Actual> {
    find_actual_in(target, &prepare(summary))
}

/// As [`find_actual`], over texts normalised once.
pub fn find_actual_in(target: &Target, summary: &Prepared<'_>) -> Option<Actual> {
    let metric = Normalised::new(&target.metric).text;
    if metric.is_empty() {
        return None;
    }
    let mut best: Option<(u8, Actual)> = None;
    for (source, norm) in &summary.texts {
        for actual in actuals_in(source, norm, &metric, &target.unit) {
            let rank = match actual.scope {
                Scope::FullYear => 0,
                Scope::Forecast => 1,
                Scope::PartYear(_) => 2,
            };
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, actual));
            }
        }
        // A full-year figure cannot be bettered: the first one found is the answer.
        if best.as_ref().is_some_and(|(r, _)| *r == 0) {
            break;
        }
    }
    best.map(|(_, a)| a)
}

/// Every actual for `metric` in one summary text, in order.
fn actuals_in(source: &str, norm: &Normalised, metric: &str, unit: &str) -> Vec<Actual> {
    let text = norm.text.as_str();
    let growth =
        strip_growth(metric).filter(|_| matches!(unit, "%" | "％" | "百分点" | "个百分点"));
    let needle = growth.unwrap_or(metric);
    if !text.contains(needle) {
        return Vec::new();
    }
    let qs = norm.quantities.get_or_init(|| quantities(text));
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(needle) {
        if !starts_phrase(text, pos) {
            continue;
        }
        let after = pos + needle.len();
        let found = match growth {
            Some(_) => growth_quantity(text, after, qs, unit),
            None => level_quantity(text, after, qs, unit),
        };
        let Some((q, value)) = found else {
            continue;
        };
        let sentence =
            span_start(text, q.start, SENTENCE_BREAKS)..span_end(text, q.start, SENTENCE_BREAKS);
        out.push(Actual {
            value,
            unit: unit.to_string(),
            raw: norm.original(source, q.start, q.unit_end).to_string(),
            scope: detect_scope(text, q.start),
            quote: norm
                .original(source, sentence.start, sentence.end)
                .trim()
                .to_string(),
        });
    }
    out
}

/// True when a metric at `pos` starts a phrase rather than ending a longer metric
/// (工业总产值 in 规上工业总产值 does not).
fn starts_phrase(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    match before.chars().next_back() {
        None => true,
        Some(c) if !is_cjk(c) => true,
        Some(_) => [LEAD_VERBS, LEADING_WORDS, LEAD_INS]
            .iter()
            .flat_map(|words| words.iter())
            .any(|w| before.ends_with(*w)),
    }
}

/// The first quantity after a level metric in the same clause with a compatible unit,
/// converted; `None` if it is masked.
fn level_quantity<'q>(
    text: &str,
    after: usize,
    qs: &'q [Quantity],
    unit: &str,
) -> Option<(&'q Quantity, f64)> {
    let end = span_end(text, after, VALUE_BREAKS);
    for q in qs.iter().filter(|q| q.start >= after && q.start < end) {
        if text
            .get(after..q.start)
            .is_none_or(|gap| gap.chars().count() > 20)
        {
            return None;
        }
        if convert(1.0, q.unit.name, unit).is_none() {
            continue;
        }
        let value = convert(q.value?, q.unit.name, unit)?;
        return Some((q, value));
    }
    None
}

/// The rate after a growth word that follows a metric's base, with nothing but the base's
/// own level and fillers between: 工业总产值284亿元,同比增长9% → 9%.
fn growth_quantity<'q>(
    text: &str,
    after: usize,
    qs: &'q [Quantity],
    unit: &str,
) -> Option<(&'q Quantity, f64)> {
    let end = span_end(text, after, SENTENCE_BREAKS);
    let rest = text.get(after..end)?;
    let (offset, word) = GROWTH_WORDS
        .iter()
        .filter_map(|w| rest.find(*w).map(|p| (p, *w)))
        .min_by_key(|&(p, w)| (p, std::cmp::Reverse(w.len())))?;
    let growth_at = after + offset;
    if !only_fillers(text, after, growth_at, qs) {
        return None;
    }
    let rate_from = growth_at + word.len();
    let q = qs.iter().find(|q| q.start >= rate_from && q.start < end)?;
    let gap = text.get(rate_from..q.start)?;
    if gap.chars().count() > 4 || q.masked.is_some() {
        return None;
    }
    Some((q, convert(q.value?, q.unit.name, unit)?))
}

/// True when `text[from..to]` holds only quantities, filler words and commas.
fn only_fillers(text: &str, from: usize, to: usize, qs: &[Quantity]) -> bool {
    let mut rest = String::new();
    for (p, c) in text.get(from..to).unwrap_or("").char_indices() {
        let at = from + p;
        if !qs.iter().any(|q| q.start <= at && at < q.end) {
            rest.push(c);
        }
    }
    for word in COMPARED_TO.iter().chain(GROWTH_FILLERS) {
        rest = rest.replace(word, "");
    }
    rest.chars().all(|c| ",，、 ".contains(c))
}

/// The scope of a value at `pos`: the nearest scope phrase before it in the text.
/// The part of the year a sentence's figures cover: its scope phrase before its first
/// quantity (截至9月底…), or the full year.
pub(super) fn scope_of(sentence: &str) -> Scope {
    let first = quantities(sentence)
        .first()
        .map_or(sentence.len(), |q| q.start);
    detect_scope(sentence, first)
}

fn detect_scope(text: &str, pos: usize) -> Scope {
    let before = text.get(..pos).unwrap_or("");
    let mut scope = Scope::FullYear;
    for c in SCOPE.captures_iter(before) {
        let Some(whole) = c.get(0) else {
            continue;
        };
        if c.name("forecast").is_some() {
            scope = Scope::Forecast;
        } else if c.name("year").is_some() {
            scope = Scope::FullYear;
        } else if prev_char(before, whole.start()).is_some_and(is_digit) {
            continue;
        } else {
            let month = c
                .name("m1")
                .or(c.name("m2"))
                .and_then(|m| parse_number(m.as_str()));
            scope = if month == Some(12.0) {
                Scope::FullYear
            } else {
                Scope::PartYear(whole.as_str().to_string())
            };
        }
    }
    scope
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::test_support::target;
    use crate::targets::Comparator;

    /// 工业总产值 is not found inside 规上工业总产值, and the reverse.
    #[test]
    fn same_metric_only() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&total, &["全区规上工业总产值680亿元"]), None);
        let a = find_actual(&total, &["实现规上工业总产值600亿元,工业总产值650亿元"]);
        assert_eq!(a.map(|a| a.value), Some(650.0));
        let above = target("规上工业总产值", 680.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&above, &["园区实现工业总产值650亿元"]), None);
    }

    /// 规模以上 matches 规上 and 高新技术企业 matches 高企; the quote is as written.
    #[test]
    fn synonyms_match() {
        let above = target("规上工业总产值", 680.0, "亿元", Comparator::AtLeast);
        let a = find_actual(&above, &["全年规模以上工业总产值690亿元。"]).expect("actual");
        assert_eq!((a.value, a.raw.as_str()), (690.0, "690亿元"));
        assert_eq!(a.quote, "全年规模以上工业总产值690亿元");
        let firms = target("新增高企", 10.0, "家", Comparator::AtLeast);
        let a = find_actual(&firms, &["新增高新技术企业15家"]);
        assert_eq!(a.map(|a| a.value), Some(15.0));
    }

    /// 万元 converts to 亿元; an incompatible unit is skipped.
    #[test]
    fn units_convert() {
        let invest = target("固定资产投资", 60.0, "亿元", Comparator::AtLeast);
        let a = find_actual(&invest, &["完成固定资产投资5800万元"]).expect("actual");
        assert_eq!(
            (a.value, a.unit.as_str(), a.raw.as_str()),
            (0.58, "亿元", "5800万元")
        );
        assert_eq!(find_actual(&invest, &["固定资产投资项目12个"]), None);
        let rate = target("规上工业增加值增速", 15.0, "%", Comparator::AtLeast);
        assert_eq!(find_actual(&rate, &["规上工业增加值增速8个"]), None);
    }

    /// 1-9月, 上半年 and 截至10月底 give a labelled part year; 预计全年 a forecast.
    #[test]
    fn scopes_are_detected() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let scope = |text: &str| find_actual(&total, &[text]).map(|a| a.scope);
        let part = |l: &str| Some(Scope::PartYear(l.to_string()));
        assert_eq!(
            scope("1-9月,园区实现工业总产值284.61亿元,同比增长9.32%"),
            part("1-9月")
        );
        assert_eq!(scope("上半年实现工业总产值300亿元"), part("上半年"));
        assert_eq!(scope("截至10月底,工业总产值410亿元"), part("截至10月底"));
        assert_eq!(scope("1－9月工业总产值284亿元"), part("1－9月"));
        assert_eq!(scope("前三季度工业总产值284亿元"), part("前三季度"));
        assert_eq!(scope("截至目前,工业总产值410亿元"), part("截至目前"));
        assert_eq!(
            scope("1-9月,运行平稳。实现工业总产值284亿元"),
            part("1-9月")
        );
        assert_eq!(
            scope("预计全年,园区可实现工业总产值500亿元"),
            Some(Scope::Forecast)
        );
        assert_eq!(scope("1-12月,工业总产值710亿元"), Some(Scope::FullYear));
        let homes = target("筹集保障房", 2000.0, "套", Comparator::AtLeast);
        let a = find_actual(&homes, &["全年筹集保障房1902套"]).expect("actual");
        assert_eq!((a.value, a.scope), (1902.0, Scope::FullYear));
    }

    /// A full-year actual wins over a forecast, and a forecast over a part year.
    #[test]
    fn full_year_preferred() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let part = "1-9月,园区实现工业总产值284.61亿元";
        let forecast = "预计全年,园区可实现工业总产值500亿元";
        let full = "全年实现工业总产值520亿元";
        let a = find_actual(&total, &[part, forecast, full]);
        assert_eq!(a.map(|a| a.value), Some(520.0));
        let a = find_actual(&total, &[part, forecast]);
        assert_eq!(a.map(|a| a.value), Some(500.0));
    }

    /// A masked actual is no actual.
    #[test]
    fn masked_actual_is_skipped() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&total, &["全区实现工业总产值X亿元"]), None);
    }

    /// A growth target finds the rate after its level: 工业总产值…亿元,同比增长9.32%.
    #[test]
    fn growth_rates_are_found() {
        let rate = target("规上工业增加值增速", 15.0, "%", Comparator::AtLeast);
        let a = find_actual(&rate, &["规模以上工业增加值同比增长8.2%"]);
        assert_eq!(a.map(|a| a.value), Some(8.2));
        let growth = target("工业总产值增长", 10.0, "%", Comparator::AtLeast);
        let a = find_actual(&growth, &["园区实现工业总产值284.61亿元,同比增长9.32%"]);
        assert_eq!(a.map(|a| a.value), Some(9.32));
        assert_eq!(
            find_actual(&growth, &["工业总产值284亿元,税收增长5%"]),
            None
        );
    }
}
