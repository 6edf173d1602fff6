//! The .docx package: the zip archive, its relationships and its XML parts as text.
//!
//! Parts are found through the relationships (`_rels/.rels`, `word/_rels/document.xml.rels`)
//! with targets resolved against the part's folder. A part is unpacked only up to
//! `PART_LIMIT_MB`, so a zip bomb cannot fill memory, and decoded from UTF-8 or from UTF-16
//! with a byte-order mark. A missing part is `None`; a damaged one is a [`FormatError`]; a
//! missing or damaged relationships part gives no relationships.

use super::xml::{attr, local};
use crate::ingest::FormatError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Largest unpacked XML part that is read. Real documents are a few MB at most; the limit
/// stops a zip bomb from filling memory.
const PART_LIMIT_MB: u64 = 256;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The main document part named by the package relationships, or `word/document.xml`.
pub(super) fn main_part(zip: &mut Archive<'_>) -> String {
    relationships(zip, "")
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map_or_else(|| "word/document.xml".to_string(), |(_, target)| target)
}

/// What a zip without a Word document seems to be, from its file names.
pub(super) fn looks_like(zip: &Archive<'_>) -> Option<&'static str> {
    let names: Vec<&[u8]> = zip.file_names_raw().collect();
    let has = |name: &str| names.contains(&name.as_bytes());
    if has("xl/workbook.xml") {
        Some("an Excel workbook (.xlsx)")
    } else if has("ppt/presentation.xml") {
        Some("a PowerPoint presentation (.pptx)")
    } else if has("content.xml") && has("mimetype") {
        Some("an OpenDocument file (.odt)")
    } else {
        None
    }
}

/// The unpacked text of part `name`, or `None` when the archive has no such part.
pub(super) fn read_part(zip: &mut Archive<'_>, name: &str) -> Result<Option<String>, FormatError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::DamagedDocx(format!("{name}: {e}"))),
    };
    let limit = PART_LIMIT_MB << 20;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FormatError::DamagedDocx(format!("cannot unpack {name}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            part: name.to_string(),
            limit_mb: PART_LIMIT_MB,
        });
    }
    xml_text(name, &bytes).map(Some)
}

/// XML bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn xml_text(name: &str, bytes: &[u8]) -> Result<String, FormatError> {
    let bad = |detail: String| FormatError::BadXml {
        part: name.to_string(),
        detail,
    };
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[len..])
            .map(|text| text.into_owned())
            .ok_or_else(|| bad(format!("not valid {}", enc.name())));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        bad(format!(
            "not UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The relationships of part `part` (`""` for the package): (type, resolved target) pairs.
/// A missing or damaged relationships part gives none.
pub(super) fn relationships(zip: &mut Archive<'_>, part: &str) -> Vec<(String, String)> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Ok(Some(xml)) = read_part(zip, &rels_name) else {
        return Vec::new();
    };
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(&e) == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                if let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                    out.push((kind, resolve(dir, &target)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A relationship target relative to `dir` as a path inside the archive.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::docx::test_support::{p, text, zip_of, W};

    /// The main part is found through the package relationships.
    #[test]
    fn follows_the_package_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
        let bytes = zip_of(&[
            ("_rels/.rels", rels.to_string()),
            (
                "word/document2.xml",
                format!(
                    "<w:document {W}><w:body>{}</w:body></w:document>",
                    p(None, "正文")
                ),
            ),
        ]);
        assert_eq!(text(&bytes), "正文");
        assert_eq!(
            resolve("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve("word", "/word/numbering.xml"), "word/numbering.xml");
    }
}
