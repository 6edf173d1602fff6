//! Character references: `&amp;`, `&#12345;`, `&#x4E00;` and the named ones pages use.
//!
//! Numeric references decode as browsers do (128–159 in their Windows-1252 meaning, control
//! characters other than tab and line breaks dropped, an unknown code point as nothing); a
//! few old names are accepted without the closing `;` (`&nbsp`); any other `&` is kept as
//! written. Text without `&` is returned as it is, without copying.

use std::borrow::Cow;

/// Named character references that pages use; others are kept as written.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{a0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("lrm", ""),
    ("rlm", ""),
    ("shy", ""),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("prime", "′"),
    ("Prime", "″"),
    ("permil", "‰"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("deg", "°"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("sect", "§"),
    ("para", "¶"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("pound", "£"),
    ("euro", "€"),
    ("micro", "µ"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("le", "≤"),
    ("ge", "≥"),
    ("ne", "≠"),
    ("asymp", "≈"),
    ("infin", "∞"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("harr", "↔"),
];

/// Names that browsers also accept without the closing `;` (`&nbsp` in old pages).
const LEGACY: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"];

/// Decodes character references in `s`.
pub(super) fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `s` (just after `&`): its text and its length.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let semi = usize::from(digits[len..].starts_with(';'));
        let code = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
        let text = match code {
            // Browsers read 128–159 as Windows-1252 (&#150; is an en dash).
            0x80..=0x9F => {
                let byte = [code as u8];
                let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                Cow::Owned(t.into_owned())
            }
            0x09 | 0x0A | 0x0D => {
                Cow::Owned(char::from_u32(code).map(String::from).unwrap_or_default())
            }
            c if c < 0x20 || c == 0x7F => Cow::Borrowed(""),
            c => Cow::Owned(char::from_u32(c).map(String::from).unwrap_or_default()),
        };
        return Some((text, prefix + len + semi));
    }
    let len = s
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = &s[..len];
    if s[len..].starts_with(';') {
        if let Some((_, text)) = ENTITIES.iter().find(|(n, _)| *n == name) {
            return Some((Cow::Borrowed(text), len + 1));
        }
    }
    LEGACY
        .iter()
        .filter(|n| name.starts_with(**n))
        .max_by_key(|n| n.len())
        .and_then(|n| ENTITIES.iter().find(|(e, _)| e == n))
        .map(|(n, text)| (Cow::Borrowed(*text), n.len()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::test_support::text;

    /// Character references, named, decimal and hexadecimal, with the browser quirks.
    #[test]
    fn decodes_entities() {
        assert_eq!(
            text("<p>&nbsp;&nbsp;A&amp;B &lt;C&gt; &quot;D&quot; &#12345; &#x4E00;&#X4e8c; &ldquo;E&rdquo;&hellip;</p>"),
            "A&B <C> \"D\" \u{3039} 一二 “E”…"
        );
        assert_eq!(
            text("<p>&#150;&#8212;&#0;&bogus; &amp &nbspx &#xZZ;</p>"),
            "–—&bogus; & x &#xZZ;"
        );
        assert_eq!(decode_entities("1 &lt 2 &copy2023"), "1 < 2 ©2023");
    }
}
