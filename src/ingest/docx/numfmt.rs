//! Number formats: how Word writes a list number in each `w:numFmt`.
//!
//! [`NumFmt::parse`] maps a `w:numFmt` value (and the sample of a `custom` one) to a
//! format; an unknown format is decimal. [`format_number`] writes a number as Word shows it
//! (一, 十五, 壹拾壹, 一〇, 丙, ①, ⑵, ⒉, XIV, BB); a number a format cannot write falls back to
//! decimal, bullets and `none` write nothing, and nothing panics.

/// How a level's number is written (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NumFmt {
    /// 1 2 3 (also every format this does not know).
    Decimal,
    /// 01 02 … with the given width (`decimalZero`, or a `custom` format like `001, 002`).
    ZeroPadded(usize),
    /// １ ２ ３
    FullWidth,
    /// 一 二 三 … 九十九 (`chineseCounting`, `chineseCountingThousand`, `taiwaneseCounting`…)
    Chinese,
    /// 壹 贰 叁 (`chineseLegalSimplified`)
    ChineseLegal,
    /// 一〇 for 10: digit by digit (`ideographDigital`)
    IdeographDigital,
    /// 甲 乙 丙 (`ideographTraditional`)
    HeavenlyStem,
    /// 子 丑 寅 (`ideographZodiac`)
    EarthlyBranch,
    /// ① ② ③ (`decimalEnclosedCircle`, `decimalEnclosedCircleChinese`)
    Circled,
    /// ⑴ ⑵ ⑶
    Parenthesized,
    /// ⒈ ⒉ ⒊
    FullStop,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    /// A bullet: no number, not rendered.
    Bullet,
    /// No number at all.
    None,
}

impl NumFmt {
    /// The format named by `w:numFmt w:val`, with `w:format` for `custom` formats.
    pub(super) fn parse(val: &str, custom: Option<&str>) -> NumFmt {
        match val {
            "decimal" | "ordinal" | "cardinalText" | "ordinalText" => NumFmt::Decimal,
            "decimalZero" => NumFmt::ZeroPadded(2),
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::FullWidth,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting" => NumFmt::Chinese,
            "chineseLegalSimplified" => NumFmt::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" => NumFmt::IdeographDigital,
            "ideographTraditional" => NumFmt::HeavenlyStem,
            "ideographZodiac" => NumFmt::EarthlyBranch,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::Circled,
            "decimalEnclosedParen" => NumFmt::Parenthesized,
            "decimalEnclosedFullstop" => NumFmt::FullStop,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            "custom" => custom.map_or(NumFmt::Decimal, NumFmt::from_sample),
            _ => NumFmt::Decimal,
        }
    }

    /// A `custom` format from its sample (`w:format="001, 002, 003, ..."`).
    fn from_sample(sample: &str) -> NumFmt {
        let first = sample.split(',').next().unwrap_or("").trim();
        match first.chars().next() {
            Some('一') => NumFmt::Chinese,
            Some('壹') => NumFmt::ChineseLegal,
            Some('甲') => NumFmt::HeavenlyStem,
            Some('子') => NumFmt::EarthlyBranch,
            Some('①') => NumFmt::Circled,
            Some('⑴') => NumFmt::Parenthesized,
            Some('⒈') => NumFmt::FullStop,
            Some('１') => NumFmt::FullWidth,
            Some('0') if first.bytes().all(|b| b.is_ascii_digit()) => {
                NumFmt::ZeroPadded(first.len().min(9))
            }
            _ => NumFmt::Decimal,
        }
    }
}

/// Writes `n` in format `fmt`, as Word shows it; numbers a format cannot write (past ⑳, past
/// 九十九…) fall back to decimal.
pub(super) fn format_number(n: u32, fmt: NumFmt) -> String {
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str| {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| set.chars().nth(i))
            .map_or_else(|| n.to_string(), String::from)
    };
    let offset = |base: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
    };
    match fmt {
        NumFmt::Decimal => n.to_string(),
        NumFmt::ZeroPadded(width) => format!("{n:0width$}"),
        NumFmt::FullWidth => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(0xFF10 + d.to_digit(10)?))
            .collect(),
        NumFmt::Chinese | NumFmt::ChineseLegal => {
            let (digits, ten) = if fmt == NumFmt::Chinese {
                (CN, '十')
            } else {
                (LEGAL, '拾')
            };
            let d = |i: u32| digits[i as usize];
            match n {
                0 => d(0).to_string(),
                1..=9 => d(n).to_string(),
                10..=19 if fmt == NumFmt::Chinese => std::iter::once(ten)
                    .chain((n > 10).then(|| d(n % 10)))
                    .collect(),
                10..=99 => std::iter::once(d(n / 10))
                    .chain(std::iter::once(ten))
                    .chain((!n.is_multiple_of(10)).then(|| d(n % 10)))
                    .collect(),
                _ => n.to_string(),
            }
        }
        NumFmt::IdeographDigital => n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).map(|d| CN[d as usize]))
            .collect(),
        NumFmt::HeavenlyStem => nth(STEMS),
        NumFmt::EarthlyBranch => nth(BRANCHES),
        NumFmt::Circled => offset(0x2460, 20)
            .or_else(|| {
                (21..=35)
                    .contains(&n)
                    .then(|| char::from_u32(0x3251 + n - 21))
                    .flatten()
            })
            .or_else(|| {
                (36..=50)
                    .contains(&n)
                    .then(|| char::from_u32(0x32B1 + n - 36))
                    .flatten()
            })
            .map_or_else(|| n.to_string(), String::from),
        NumFmt::Parenthesized => offset(0x2474, 20).map_or_else(|| format!("({n})"), String::from),
        NumFmt::FullStop => offset(0x2488, 20).map_or_else(|| format!("{n}."), String::from),
        NumFmt::UpperRoman => roman(n).unwrap_or_else(|| n.to_string()),
        NumFmt::LowerRoman => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        NumFmt::UpperLetter | NumFmt::LowerLetter => {
            let Some(i) = n.checked_sub(1) else {
                return n.to_string();
            };
            let base = if fmt == NumFmt::UpperLetter {
                b'A'
            } else {
                b'a'
            };
            // Word writes 27 as AA, 28 as BB.
            let letter = (base + (i % 26) as u8) as char;
            std::iter::repeat_n(letter, (i / 26 + 1).min(10) as usize).collect()
        }
        NumFmt::Bullet | NumFmt::None => String::new(),
    }
}

/// Roman numerals for 1..=3999.
fn roman(mut n: u32) -> Option<String> {
    if !(1..=3999).contains(&n) {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Numbers in every supported format.
    #[test]
    fn formats_numbers() {
        let cases: &[(u32, NumFmt, &str)] = &[
            (3, NumFmt::Decimal, "3"),
            (3, NumFmt::ZeroPadded(2), "03"),
            (12, NumFmt::FullWidth, "１２"),
            (1, NumFmt::Chinese, "一"),
            (10, NumFmt::Chinese, "十"),
            (15, NumFmt::Chinese, "十五"),
            (20, NumFmt::Chinese, "二十"),
            (99, NumFmt::Chinese, "九十九"),
            (100, NumFmt::Chinese, "100"),
            (11, NumFmt::ChineseLegal, "壹拾壹"),
            (10, NumFmt::IdeographDigital, "一〇"),
            (3, NumFmt::HeavenlyStem, "丙"),
            (2, NumFmt::EarthlyBranch, "丑"),
            (1, NumFmt::Circled, "①"),
            (20, NumFmt::Circled, "⑳"),
            (21, NumFmt::Circled, "㉑"),
            (50, NumFmt::Circled, "㊿"),
            (51, NumFmt::Circled, "51"),
            (2, NumFmt::Parenthesized, "⑵"),
            (2, NumFmt::FullStop, "⒉"),
            (14, NumFmt::UpperRoman, "XIV"),
            (4, NumFmt::LowerRoman, "iv"),
            (28, NumFmt::UpperLetter, "BB"),
            (1, NumFmt::LowerLetter, "a"),
        ];
        for &(n, fmt, want) in cases {
            assert_eq!(format_number(n, fmt), want, "{n} as {fmt:?}");
        }
        assert_eq!(
            NumFmt::parse("custom", Some("001, 002, 003, ...")),
            NumFmt::ZeroPadded(3)
        );
        assert_eq!(
            NumFmt::parse("custom", Some("一, 二, 三, ...")),
            NumFmt::Chinese
        );
        assert_eq!(
            NumFmt::parse("chineseLegalSimplified", None),
            NumFmt::ChineseLegal
        );
        assert_eq!(NumFmt::parse("somethingNew", None), NumFmt::Decimal);
    }
}
