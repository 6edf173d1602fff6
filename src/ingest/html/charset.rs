//! Charset: a page's bytes to text, and the label that says how they were read.
//!
//! [`decode_page`] decodes by a forced encoding, then a byte-order mark, then the page's own
//! `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` in its first 4 KB, then
//! detection as for plain text. A meta charset the bytes do not fit falls back to detection;
//! a page that fits nothing is a [`FormatError::Decode`]. Nothing here panics.

use crate::ingest::decode;
use crate::ingest::FormatError;
use encoding_rs::Encoding;

/// Decodes a page: `forced` (an encoding label) wins, then a byte-order mark, then the
/// page's own `<meta>` charset, then detection as for plain text. A meta charset that the
/// bytes do not fit (a page re-saved in another encoding) falls back to detection.
pub fn decode_page(
    bytes: &[u8],
    forced: Option<&str>,
) -> Result<(String, &'static Encoding), FormatError> {
    let finish = |d: decode::Decoded| {
        let enc = Encoding::for_label(d.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        (d.text, enc)
    };
    if forced.is_some() || Encoding::for_bom(bytes).is_some() {
        return Ok(finish(decode::decode(bytes, forced)?));
    }
    if let Some(enc) = meta_charset(bytes) {
        // A page that says UTF-16 but was read as ASCII bytes is UTF-8, as browsers take it.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        match decode::decode(bytes, Some(enc.name())) {
            Ok(d) => return Ok(finish(d)),
            Err(declared) => {
                return decode::decode(bytes, None)
                    .map(finish)
                    .map_err(|_| FormatError::Decode(declared));
            }
        }
    }
    Ok(finish(decode::decode(bytes, None)?))
}

/// The label for [`crate::ingest::Source::encoding`]: `html`, or `html (GBK)` for a page in another
/// encoding than UTF-8.
pub fn label(enc: &'static Encoding) -> &'static str {
    use encoding_rs::*;
    let labels = [
        (UTF_8, "html"),
        (GBK, "html (GBK)"),
        (GB18030, "html (gb18030)"),
        (BIG5, "html (Big5)"),
        (UTF_16LE, "html (UTF-16LE)"),
        (UTF_16BE, "html (UTF-16BE)"),
        (WINDOWS_1252, "html (windows-1252)"),
        (SHIFT_JIS, "html (Shift_JIS)"),
    ];
    labels
        .iter()
        .find(|(e, _)| *e == enc)
        .map_or("html (other encoding)", |(_, l)| l)
}

/// How far into a page the `<meta>` charset is looked for.
const META_SNIFF_BYTES: usize = 4096;

/// The encoding named by a `<meta>` tag near the start of the page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_SNIFF_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta").map(|i| i + from) {
        let end = head[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |i| at + i);
        let tag = &head[at..end];
        if let Some(i) = find(tag, b"charset") {
            let rest = &tag[i + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

/// Where `needle` first occurs in `haystack`.
fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::html::{html_bytes_to_text, html_to_text};

    /// A GBK page says so in a meta tag, in either form; a forced encoding wins; a page whose
    /// meta tag lies is detected.
    #[test]
    fn honours_the_meta_charset() {
        let body = "<p>一、2023年工作总结</p>";
        for meta in [
            r#"<meta charset="gb2312">"#,
            r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">"#,
        ] {
            let page = format!("<html><head>{meta}</head><body>{body}</body></html>");
            let (bytes, _, _) = encoding_rs::GBK.encode(&page);
            let (decoded, enc) = decode_page(&bytes, None).unwrap();
            assert_eq!(enc, encoding_rs::GBK, "{meta}");
            assert_eq!(label(enc), "html (GBK)");
            assert_eq!(html_to_text(&decoded).unwrap(), "一、2023年工作总结");
            assert_eq!(html_bytes_to_text(&bytes).unwrap(), "一、2023年工作总结");
        }
        let page = format!("<meta charset=utf-8>{body}");
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        let (decoded, enc) = decode_page(&gbk, None).unwrap();
        assert_eq!(enc, encoding_rs::GB18030);
        assert!(decoded.contains("工作总结"));
        let (_, enc) = decode_page(page.as_bytes(), Some("utf-8")).unwrap();
        assert_eq!(label(enc), "html");
        assert!(matches!(
            decode_page(b"<meta charset=utf-8>\xFF\xFF\xFF", None),
            Err(FormatError::Decode(_))
        ));
    }
}
