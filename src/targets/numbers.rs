//! Numbers: reads a number as written and finds number tokens in running text.
//!
//! [`parse_number`] reads arabic (700, 2.5, 1,234, full-width ７００), Chinese (两, 十二,
//! 一千零五) and mixed numbers with scale words inside (3千万, 1.3万亿, 30多万); anything
//! else is `None`, never a panic. `number_token` finds where a number starts and ends in text,
//! including masks (X, XX, ***.**) written in place of a number, and refuses numbers glued
//! to a previous digit, letter or 第. Offsets are byte offsets and always on char boundaries.

use super::text::{next_char, prev_char};

const CN_NUMERALS: &str = "零〇一二两三四五六七八九十百千万亿";
const CN_SCALES: &str = "十百千万亿";
/// Scale words that may follow arabic digits (3千, 1.5万, 1.3万亿).
const DIGIT_SCALES: &str = "百千万亿";
const MASK_CHARS: &str = "XxＸ*＊";

/// Reads a number: arabic (700, 2.5, 1,234), Chinese (两, 十二, 一千零五) or mixed, with
/// scale words inside (3千, 1.5万, 3千万, 1.3万亿). `None` for anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let mut reader = NumberReader::default();
    let mut literal = String::new();
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(d) = ascii_digit(c) {
            literal.push(d);
            continue;
        }
        if c == '.' || c == ',' {
            literal.push(c);
            continue;
        }
        // 30多万, 2千余万: "and more" before a scale reads as the figure itself.
        if (c == '多' || c == '余') && chars.peek().is_some_and(|n| DIGIT_SCALES.contains(*n)) {
            continue;
        }
        if !literal.is_empty() {
            reader.number(arabic_literal(&literal)?)?;
            literal.clear();
        }
        reader.chinese(c)?;
    }
    if !literal.is_empty() {
        reader.number(arabic_literal(&literal)?)?;
    }
    reader.finish()
}

/// Chinese-style accumulation: digits, small scales inside a section, 万 and 亿 between.
#[derive(Default)]
struct NumberReader {
    total: f64,
    section: f64,
    number: Option<f64>,
    /// The last small scale (十百千) of the section, to refuse 三百千.
    last_small: Option<f64>,
    seen: bool,
}

impl NumberReader {
    fn number(&mut self, n: f64) -> Option<()> {
        if self.number.is_some() {
            return None;
        }
        self.number = Some(n);
        self.seen = true;
        Some(())
    }

    fn chinese(&mut self, c: char) -> Option<()> {
        match c {
            '零' | '〇' => self.number.is_none().then_some(()),
            '十' | '百' | '千' => {
                let scale = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                if self.last_small.is_some_and(|s| s <= scale) {
                    return None;
                }
                let n = match self.number.take() {
                    Some(n) => n,
                    None if c == '十' => 1.0,
                    None => return None,
                };
                self.section += n * scale;
                self.last_small = Some(scale);
                self.seen = true;
                Some(())
            }
            '万' => {
                let s = self.section + self.number.take().unwrap_or(0.0);
                if s == 0.0 {
                    return None;
                }
                self.total += s * 1e4;
                self.section = 0.0;
                self.last_small = None;
                Some(())
            }
            '亿' => {
                let s = self.total + self.section + self.number.take().unwrap_or(0.0);
                if s == 0.0 {
                    return None;
                }
                self.total = s * 1e8;
                self.section = 0.0;
                self.last_small = None;
                Some(())
            }
            _ => self.number(f64::from(cn_digit(c)?)),
        }
    }

    fn finish(self) -> Option<f64> {
        let value = self.total + self.section + self.number.unwrap_or(0.0);
        (self.seen && value.is_finite()).then_some(value)
    }
}

/// 700, 2.5, 1,234 (groups of three only).
fn arabic_literal(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let first_ok = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    let grouped = int.contains(',');
    if !first_ok || (grouped && first.len() > 3) {
        return None;
    }
    if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != ',').collect();
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let offset = u32::from(c).checked_sub(u32::from('０'))?;
    (offset < 10).then(|| char::from(b'0' + offset as u8))
}

fn cn_digit(c: char) -> Option<u8> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u8)
        .or((c == '两').then_some(2))
}

pub(super) fn is_digit(c: char) -> bool {
    ascii_digit(c).is_some()
}

/// The kind of a number token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Arabic,
    Chinese,
    Mask,
}

/// A number token at `i`: (end including scale words, start of its trailing scale words, kind).
pub(super) fn number_token(text: &str, i: usize) -> Option<(usize, usize, Kind)> {
    let c = next_char(text, i)?;
    let prev = prev_char(text, i);
    let broken_group = prev == Some(',') && prev_char(text, i - 1).is_some_and(is_digit);
    if prev == Some('第') || broken_group {
        return None;
    }
    if is_digit(c) {
        if prev.is_some_and(|p| is_digit(p) || p == '.' || p.is_ascii_alphabetic()) {
            return None;
        }
        let end = arabic_end(text, i);
        // 30多万, 5余亿: a scale after 多 or 余 is the number's (30万 and more).
        let rough = match next_char(text, end) {
            Some(c @ ('多' | '余'))
                if next_char(text, end + c.len_utf8())
                    .is_some_and(|s| DIGIT_SCALES.contains(s)) =>
            {
                end + c.len_utf8()
            }
            _ => end,
        };
        return Some((skip_chars(text, rough, DIGIT_SCALES), end, Kind::Arabic));
    }
    if MASK_CHARS.contains(c) {
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || MASK_CHARS.contains(p)) {
            return None;
        }
        let mut end = skip_chars(text, i, MASK_CHARS);
        if text.get(end..)?.starts_with('.')
            && next_char(text, end + 1).is_some_and(|n| MASK_CHARS.contains(n))
        {
            end = skip_chars(text, end + 1, MASK_CHARS);
        }
        return Some((skip_chars(text, end, DIGIT_SCALES), end, Kind::Mask));
    }
    let starts_chinese = c == '十' || (cn_digit(c).is_some() && c != '零');
    if !starts_chinese || prev.is_some_and(|p| CN_NUMERALS.contains(p)) {
        return None;
    }
    let end = skip_chars(text, i, CN_NUMERALS);
    let body = text.get(i..end)?;
    if body == "一" {
        return None;
    }
    let run = body
        .char_indices()
        .rfind(|(_, c)| !CN_SCALES.contains(*c))
        .map_or(i, |(p, c)| i + p + c.len_utf8());
    Some((end, run, Kind::Chinese))
}

/// End of an arabic number at `i`: digits, groups of three after commas, decimals.
fn arabic_end(text: &str, i: usize) -> usize {
    let mut end = skip_digits(text, i);
    while text.get(end..).is_some_and(|r| r.starts_with(',')) {
        let group_end = skip_digits(text, end + 1);
        let group = text.get(end + 1..group_end).unwrap_or("");
        if group.chars().count() == 3 && group.is_ascii() {
            end = group_end;
        } else {
            break;
        }
    }
    if text.get(end..).is_some_and(|r| r.starts_with('.'))
        && next_char(text, end + 1).is_some_and(is_digit)
    {
        end = skip_digits(text, end + 1);
    }
    end
}

fn skip_digits(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest.len() - rest.trim_start_matches(is_digit).len()
}

pub(super) fn skip_chars(text: &str, i: usize, set: &str) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest.len() - rest.trim_start_matches(|c| set.contains(c)).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arabic integers and decimals read as written.
    #[test]
    fn arabic_numbers_parse() {
        assert_eq!(parse_number("700"), Some(700.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("７００"), Some(700.0));
    }

    /// 30多万 is 30万 and more: a scale after 多 or 余 belongs to the number.
    #[test]
    fn and_more_before_a_scale_keeps_the_scale() {
        assert_eq!(parse_number("30多万"), Some(300_000.0));
        assert_eq!(parse_number("2千余万"), Some(20_000_000.0));
        let text = "农村道路30多万公里";
        let at = text.find('3').unwrap();
        let (end, _, _) = number_token(text, at).unwrap();
        assert_eq!(&text[at..end], "30多万");
    }

    /// Thousands separators are read only in groups of three.
    #[test]
    fn thousands_separators_parse() {
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("12,345.5"), Some(12345.5));
        assert_eq!(parse_number("1,23"), None);
    }

    /// Chinese numerals read as numbers: 两, 十二, 三千, 一百二十, 一千零五.
    #[test]
    fn chinese_numerals_parse() {
        assert_eq!(parse_number("两"), Some(2.0));
        assert_eq!(parse_number("十二"), Some(12.0));
        assert_eq!(parse_number("三千"), Some(3000.0));
        assert_eq!(parse_number("一百二十"), Some(120.0));
        assert_eq!(parse_number("一千零五"), Some(1005.0));
    }

    /// Scale words 百, 千, 万, 亿 multiply the number before them.
    #[test]
    fn scale_words_multiply() {
        assert_eq!(parse_number("3千"), Some(3000.0));
        assert_eq!(parse_number("1.5万"), Some(15000.0));
        assert_eq!(parse_number("3千万"), Some(30_000_000.0));
        assert_eq!(parse_number("2亿"), Some(200_000_000.0));
        assert_eq!(parse_number("5百"), Some(500.0));
        assert_eq!(parse_number("1.3万亿"), Some(1.3e12));
        assert_eq!(parse_number("三亿五千万"), Some(350_000_000.0));
    }

    /// Text that is not a number does not parse, and nothing panics.
    #[test]
    fn non_numbers_do_not_parse() {
        for s in ["", "万", "亿万", "五六", "X", "abc", "1.2.3", "三百千"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }
}
