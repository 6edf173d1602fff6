//! Bytes to text: detects the encoding of a plain-text file and decodes it strictly.
//!
//! Detection order: a byte-order mark (UTF-8, UTF-16LE, UTF-16BE), then strict UTF-8, then
//! strict GB18030 (a superset of GBK, the usual encoding of Chinese office files). Decoding
//! never inserts replacement characters: a byte sequence that no encoding fits is an error
//! that names the byte offset, so bad input can never spread `�` through a report.

use encoding_rs::{DecoderResult, Encoding, GB18030, UTF_8};
use std::fmt;

/// Why a file could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds no bytes, or only white space.
    Empty,
    /// The file looks like a binary or office format that is not plain text.
    NotText { what: String, hint: String },
    /// No encoding fits; `offset` is the first byte that could not be decoded.
    Undecodable { offset: usize, tried: String },
    /// The encoding named by `--encoding` does not fit the bytes.
    WrongEncoding { offset: usize, label: String },
    /// `--encoding` named a label that no encoding has.
    UnknownEncoding(String),
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "the file is empty"),
            DecodeError::NotText { what, hint } => write!(f, "this is {what}, not plain text; {hint}"),
            DecodeError::Undecodable { offset, tried } => write!(
                f,
                "cannot decode byte {offset} as {tried}; pass `--encoding LABEL` (utf-8, utf-16le, utf-16be, gb18030)"
            ),
            DecodeError::WrongEncoding { offset, label } => write!(
                f,
                "byte {offset} is not valid {label}, the encoding `--encoding` named; \
                 leave `--encoding` out to detect it, or name another"
            ),
            DecodeError::UnknownEncoding(label) => write!(
                f,
                "unknown encoding `{label}`; use utf-8, utf-16le, utf-16be, gbk or gb18030"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decoded text plus the name of the encoding that fitted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

/// Decodes `bytes`, detecting the encoding unless `forced` names one.
pub fn decode(bytes: &[u8], forced: Option<&str>) -> Result<Decoded, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    if let Some(label) = forced {
        let enc = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| DecodeError::UnknownEncoding(label.to_string()))?;
        let body = strip_bom(bytes, enc);
        return strict(body, enc)
            .map(|text| finish(text, enc))
            .map_err(|e| match e {
                DecodeError::Undecodable { offset, .. } => DecodeError::WrongEncoding {
                    offset,
                    label: label.trim().to_string(),
                },
                other => other,
            });
    }
    if let Some((enc, len)) = Encoding::for_bom(bytes) {
        return strict(&bytes[len..], enc).map(|text| finish(text, enc));
    }
    if let Some(enc) = sniff_utf16(bytes) {
        return strict(bytes, enc).map(|text| finish(text, enc));
    }
    if let Some((what, hint)) = sniff_binary(bytes) {
        return Err(DecodeError::NotText {
            what: what.to_string(),
            hint: hint.to_string(),
        });
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(finish(text.to_string(), UTF_8)),
        Err(utf8_err) => match strict(bytes, GB18030) {
            Ok(text) => Ok(finish(text, GB18030)),
            Err(DecodeError::Undecodable { offset, .. }) => Err(DecodeError::Undecodable {
                offset: offset.max(utf8_err.valid_up_to()),
                tried: "UTF-8 or GB18030".to_string(),
            }),
            Err(other) => Err(other),
        },
    }
}

fn finish(text: String, enc: &'static Encoding) -> Decoded {
    Decoded {
        text,
        encoding: enc.name(),
    }
}

fn strip_bom<'a>(bytes: &'a [u8], enc: &'static Encoding) -> &'a [u8] {
    match Encoding::for_bom(bytes) {
        Some((bom_enc, len)) if bom_enc == enc => &bytes[len..],
        _ => bytes,
    }
}

/// Decodes without replacement; reports the offset of the first malformed byte.
fn strict(bytes: &[u8], enc: &'static Encoding) -> Result<String, DecodeError> {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len() * 3 + 16);
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        DecoderResult::InputEmpty => Ok(out),
        DecoderResult::Malformed(bad, _) => Err(DecodeError::Undecodable {
            offset: read.saturating_sub(bad as usize),
            tried: enc.name().to_string(),
        }),
        DecoderResult::OutputFull => Err(DecodeError::Undecodable {
            offset: read,
            tried: enc.name().to_string(),
        }),
    }
}

/// Recognises UTF-16 without a byte-order mark: an even number of bytes with NULs in them
/// (where UTF-8 and GB18030 text has none) that decode, in one byte order, to text that is
/// almost all Chinese, ASCII, white space and punctuation.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    let texty = |enc: &'static Encoding| {
        let (text, malformed) = enc.decode_without_bom_handling(head);
        if malformed {
            return 0.0;
        }
        let (mut good, mut all) = (0usize, 0usize);
        for c in text.chars() {
            all += 1;
            let ok = matches!(c, '\n' | '\r' | '\t' | ' '..='~')
                || ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
                || ('\u{2010}'..='\u{2027}').contains(&c);
            good += usize::from(ok);
        }
        good as f64 / all.max(1) as f64
    };
    let (le, be) = (texty(encoding_rs::UTF_16LE), texty(encoding_rs::UTF_16BE));
    let (best, enc) = if le >= be {
        (le, encoding_rs::UTF_16LE)
    } else {
        (be, encoding_rs::UTF_16BE)
    };
    (best >= 0.9).then_some(enc)
}

/// Recognises binary files by NUL and control bytes.
///
/// Office files, PDFs and web pages are recognised before decoding, by
/// [`super::sniff`]; whatever reaches this point is either text or a binary this refuses.
fn sniff_binary(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    let head = &bytes[..bytes.len().min(8192)];
    let controls = head
        .iter()
        .filter(|&&b| b == 0 || (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c)))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Some(("a binary file", "plantrack reads plain-text documents"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "一、2023年工作总结\n1.项目推进。";

    /// Plain UTF-8 is read as is.
    #[test]
    fn reads_utf8() {
        let d = decode(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "UTF-8");
    }

    /// A UTF-8 byte-order mark is dropped, not kept as a character.
    #[test]
    fn strips_utf8_bom() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&bytes, None).unwrap().text, SAMPLE);
    }

    /// UTF-16 with a byte-order mark, in both byte orders.
    #[test]
    fn reads_utf16_with_bom() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in &units {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&le, None).unwrap().text, SAMPLE);
        assert_eq!(decode(&be, None).unwrap().text, SAMPLE);
    }

    /// GB18030 (GBK) bytes are detected when they are not valid UTF-8.
    #[test]
    fn detects_gb18030() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.text, SAMPLE);
        assert_eq!(d.encoding, "gb18030");
    }

    /// `--encoding` overrides detection.
    #[test]
    fn forced_encoding_wins() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        assert_eq!(decode(&bytes, Some("gbk")).unwrap().text, SAMPLE);
        assert!(matches!(
            decode(SAMPLE.as_bytes(), Some("klingon")),
            Err(DecodeError::UnknownEncoding(_))
        ));
    }

    /// Undecodable bytes give the offset instead of replacement characters.
    #[test]
    fn reports_offset_of_bad_bytes() {
        let mut bytes = "工作总结".as_bytes().to_vec();
        bytes.extend_from_slice(&[0x81, 0x20, 0xFF]);
        match decode(&bytes, None) {
            Err(DecodeError::Undecodable { offset, .. }) => assert!(offset >= 12, "{offset}"),
            other => panic!("expected an offset error, got {other:?}"),
        }
    }

    /// UTF-16 without a byte-order mark is recognised in both byte orders, not called
    /// binary.
    #[test]
    fn detects_utf16_without_bom() {
        let units: Vec<u16> = SAMPLE.encode_utf16().collect();
        let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
        let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        let d = decode(&le, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16LE"));
        let d = decode(&be, None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (SAMPLE, "UTF-16BE"));
    }

    /// A wrong `--encoding` is named as the cause, not met with advice to pass one.
    #[test]
    fn wrong_forced_encoding_is_named() {
        let (bytes, _, _) = GB18030.encode(SAMPLE);
        let err = decode(&bytes, Some("utf-8")).unwrap_err();
        assert!(matches!(err, DecodeError::WrongEncoding { .. }), "{err:?}");
        assert!(err.to_string().contains("utf-8"), "{err}");
    }

    /// Empty and white-space-only files are reported as empty.
    #[test]
    fn rejects_empty() {
        assert_eq!(decode(b"", None), Err(DecodeError::Empty));
        assert_eq!(decode(b" \n\t", None), Err(DecodeError::Empty));
    }

    /// Binary files are named, with a hint.
    #[test]
    fn rejects_binary_files() {
        for bytes in [&b"\x00\x01\x02abc\x00"[..], b"ab\x01\x02\x03\x04\x05\x06cd"] {
            assert!(matches!(
                decode(bytes, None),
                Err(DecodeError::NotText { .. })
            ));
        }
    }
}
