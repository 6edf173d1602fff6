//! Quantities: a number directly followed by a known unit, found in running text.
//!
//! [`quantities`] lists every quantity of a text in order, none overlapping, with its value
//! (or mask), unit and comparator suffix (以上, 左右, 以内…). The unit is the longest known
//! unit that starts earliest after the digits, so 1.3万亿斤 is 1.3 万亿斤. Either half of a
//! range (5%-8%) is no quantity, nor is a count unit followed by a noun (两个平台).

use super::numbers::{is_digit, number_token, parse_number, skip_chars, Kind};
use super::text::{is_cjk, next_char, prev_char};
use super::units::{unit_at, UnitDef};
use super::Comparator;

const RANGE_MARKS: &str = "-－—~～至到";

/// A number with its unit, found in text. Offsets are byte offsets.
#[derive(Debug)]
pub(super) struct Quantity {
    pub(super) start: usize,
    /// End of the unit.
    pub(super) unit_end: usize,
    /// End of the unit and of a comparator suffix (以上).
    pub(super) end: usize,
    pub(super) value: Option<f64>,
    pub(super) masked: Option<String>,
    pub(super) unit: &'static UnitDef,
    pub(super) suffix: Option<Comparator>,
}

/// Every quantity of `text`, in order, none overlapping.
pub(super) fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = next_char(text, i) {
        match quantity_at(text, i) {
            Some(q) => {
                i = q.end;
                out.push(q);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// The quantity that starts at `i`, if any.
fn quantity_at(text: &str, i: usize) -> Option<Quantity> {
    let (end, run, kind) = number_token(text, i)?;
    let (number_end, unit_start, unit) = split_unit(text, i, run, end)?;
    let number = text.get(i..number_end)?;
    let (value, masked) = match kind {
        Kind::Mask => (None, Some(number.to_string())),
        Kind::Arabic | Kind::Chinese => (Some(parse_number(number)?), None),
    };
    let unit_end = unit_start + unit.name.len();
    let rest = text.get(unit_end..)?;
    let (suffix, suffix_len) = match ["以上", "以下", "以内", "左右", "上下"]
        .iter()
        .find(|s| rest.starts_with(**s))
    {
        Some(&s) if s == "以上" => (Some(Comparator::AtLeast), s.len()),
        Some(&s) if s == "左右" || s == "上下" => (Some(Comparator::About), s.len()),
        Some(&s) => (Some(Comparator::AtMost), s.len()),
        None => (None, 0),
    };
    let end = unit_end + suffix_len;
    if is_range(text, i, end) || (unit.counted && names_a_noun(text, end)) {
        return None;
    }
    Some(Quantity {
        start: i,
        unit_end,
        end,
        value,
        masked,
        unit,
        suffix,
    })
}

/// Where the number ends and the unit starts: the earliest split that makes a known unit,
/// then after 余/多 or spaces. (number end, unit start, unit).
fn split_unit(
    text: &str,
    i: usize,
    run: usize,
    end: usize,
) -> Option<(usize, usize, &'static UnitDef)> {
    let mut p = run;
    loop {
        if p > i {
            if let Some(u) = unit_at(text, p) {
                return Some((p, p, u));
            }
        }
        if p >= end {
            break;
        }
        p += next_char(text, p)?.len_utf8();
    }
    let mut q = skip_chars(text, end, " \u{3000}");
    if matches!(next_char(text, q), Some('余' | '多')) {
        q += '余'.len_utf8();
    }
    if q == end || end == i {
        return None;
    }
    unit_at(text, q).map(|u| (end, q, u))
}

/// Either half of a range (5%-8%, 5-8%) is no single quantity.
fn is_range(text: &str, start: usize, end: usize) -> bool {
    let before = prev_char(text, start).filter(|c| RANGE_MARKS.contains(*c));
    let before_range = before.is_some_and(|m| {
        prev_char(text, start - m.len_utf8()).is_some_and(|c| is_digit(c) || c == '%' || c == '％')
    });
    let after = next_char(text, end).filter(|c| RANGE_MARKS.contains(*c));
    let after_range =
        after.is_some_and(|m| next_char(text, end + m.len_utf8()).is_some_and(is_digit));
    before_range || after_range
}

/// True when a count unit at `end` is followed by a noun: 两个 | 平台.
fn names_a_noun(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let allowed = [
        "的",
        "和",
        "及",
        "与",
        "其中",
        "同比",
        "比上年",
        "较上年",
        "增长",
        "占",
    ];
    let opens_name = |c: char| "“‘「《(（".contains(c);
    rest.chars()
        .next()
        .is_some_and(|c| is_cjk(c) || opens_name(c))
        && !allowed.iter().any(|a| rest.starts_with(a))
}
