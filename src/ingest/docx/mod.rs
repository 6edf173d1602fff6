//! Word .docx to text: one line per paragraph, in document order.
//!
//! A .docx is a zip archive of XML parts; the `zip` crate opens it and `quick-xml` reads the
//! parts. The main part (found through `_rels/.rels`, normally `word/document.xml`) is walked
//! in order:
//! - each paragraph (`w:p`) becomes one line, the text of its runs (`w:t`) joined; a tab
//!   (`w:tab`, `w:ptab`) is a tab; a manual line break (`w:br`, `w:cr`, of any type) starts a
//!   new line, since it separates lines the reader sees as separate (a title from its date);
//! - a table (`w:tbl`) becomes one line per row, its non-empty cells joined by ` | ` and the
//!   paragraphs of a cell by a space; a table inside a cell is flattened into that cell;
//! - a paragraph in a text box is a line of its own, placed before the paragraph that
//!   anchors the box;
//! - deleted and moved-away text of tracked changes, old property sets, and the fallback
//!   copies that `mc:AlternateContent` keeps for old readers are skipped; headers, footers,
//!   footnotes and comments live in other parts and are not read.
//!
//! Automatic numbering (`w:numPr` on the paragraph or on its paragraph style) is rendered as
//! the marker Word shows: the paragraph's level is resolved through `word/numbering.xml`
//! (`w:num` → `w:abstractNumId` → `w:abstractNum` → `w:lvl`, following `w:numStyleLink`,
//! with `w:lvlOverride`/`w:startOverride` honoured), a counter is kept per list instance
//! (`numId`) and level, deeper levels restart when a shallower one advances (or as
//! `w:lvlRestart` says), and `w:lvlText` such as `%1、`, `（%2）` or `%1.%2` is filled in with
//! each level's counter in that level's `w:numFmt` (see `numfmt.rs`). The tab
//! or space Word puts after a marker is dropped when the marker ends in punctuation
//! (`1.重点`, as plain-text copies write it) and is one space otherwise (`① 重点`). Bullets
//! are not rendered: they carry no number. Numbering that cannot be resolved leaves the text
//! alone, and so does a damaged `numbering.xml` or `styles.xml`.
//!
//! A file that is not a complete zip, a zip that holds no Word document, and a main part that
//! is not well-formed XML are errors ([`FormatError`]); nothing here panics.
//!
//! Where each step lives:
//! - `package.rs`: the zip archive, its relationships and the unpacking of XML parts;
//! - `xml.rs`: small `quick-xml` helpers (names, attributes) and the elements skipped;
//! - `body.rs`: the walk of the main part: paragraphs, runs, tables, text boxes;
//! - `numbering.rs`: `word/numbering.xml`, list counters and the marker of a paragraph;
//! - `styles.rs`: the numbering that paragraph styles carry (`word/styles.xml`);
//! - `numfmt.rs`: the number formats of `w:numFmt` (一, ①, 壹, iv…).

mod body;
mod numbering;
mod numfmt;
mod package;
mod styles;
mod xml;

use super::FormatError;
use body::Walker;
use numbering::Numbering;
use package::{looks_like, main_part, read_part, relationships};
use std::io::Cursor;
use styles::Styles;
use zip::result::ZipError;
use zip::ZipArchive;

/// Numbering has nine levels, `w:ilvl` 0 to 8.
const LEVELS: usize = 9;

/// The text of a .docx, one line per paragraph or table row.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, FormatError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        FormatError::DamagedDocx(match e {
            // The central directory a zip ends with is what a cut-short download lacks.
            ZipError::InvalidArchive(m) if m.contains("EOCD") => {
                "the end of the archive is missing".to_string()
            }
            e => e.to_string(),
        })
    })?;
    let main = main_part(&mut zip);
    let document = match read_part(&mut zip, &main)? {
        Some(xml) => xml,
        None => match read_part(&mut zip, "word/document.xml")? {
            Some(xml) => xml,
            None => {
                return Err(FormatError::NotDocx {
                    looks_like: looks_like(&zip),
                })
            }
        },
    };
    let rels = relationships(&mut zip, &main);
    let part_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map_or_else(|| default.to_string(), |(_, target)| target.clone())
    };
    // Numbering and styles only add markers: when they are missing or damaged, the text is
    // still read.
    let numbering = read_part(&mut zip, &part_of("/numbering", "word/numbering.xml"))
        .ok()
        .flatten()
        .and_then(|xml| Numbering::parse(&xml).ok())
        .unwrap_or_default();
    let styles = read_part(&mut zip, &part_of("/styles", "word/styles.xml"))
        .ok()
        .flatten()
        .and_then(|xml| Styles::parse(&xml).ok())
        .unwrap_or_default();
    Walker::new(&numbering, &styles).walk(&main, &document)
}

/// Builders shared by the unit tests of this module's files.
#[cfg(test)]
mod test_support {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    pub(super) const W: &str =
        r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx holding `parts` (name, XML), deflated.
    pub(super) fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, xml) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A .docx whose body is `body`, with optional numbering and styles parts.
    pub(super) fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut parts = vec![(
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
            ),
        )];
        if let Some(n) = numbering {
            parts.push((
                "word/numbering.xml",
                format!("<w:numbering {W}>{n}</w:numbering>"),
            ));
        }
        if let Some(st) = styles {
            parts.push(("word/styles.xml", format!("<w:styles {W}>{st}</w:styles>")));
        }
        zip_of(&parts)
    }

    /// A paragraph in list `num` at level `ilvl` (no numbering when `num` is None).
    pub(super) fn p(num: Option<(u32, u32)>, text: &str) -> String {
        let ppr = num.map_or(String::new(), |(id, lvl)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        });
        format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// A level definition.
    pub(super) fn lvl(ilvl: u32, start: u32, fmt: &str, text: &str, suff: Option<&str>) -> String {
        let suff = suff.map_or(String::new(), |s| format!(r#"<w:suff w:val="{s}"/>"#));
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suff}<w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    /// Abstract list 0 with `levels`, and instance 1 pointing at it.
    pub(super) fn list(levels: &[String]) -> String {
        format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            levels.concat()
        )
    }

    pub(super) fn text(bytes: &[u8]) -> String {
        docx_to_text(bytes).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::{docx, p, zip_of, W};
    use super::*;

    /// Damaged archives, archives that are no Word file, and bad XML are errors.
    #[test]
    fn reports_damaged_and_foreign_files() {
        let good = docx(&p(None, "正文"), None, None);
        for cut in [good.len() / 2, 10, 4, 0] {
            assert!(
                matches!(docx_to_text(&good[..cut]), Err(FormatError::DamagedDocx(_))),
                "cut at {cut}"
            );
        }
        let hello = zip_of(&[("hello.txt", "hello".to_string())]);
        assert_eq!(
            docx_to_text(&hello),
            Err(FormatError::NotDocx { looks_like: None })
        );
        let xlsx = zip_of(&[("xl/workbook.xml", "<workbook/>".to_string())]);
        assert!(matches!(
            docx_to_text(&xlsx),
            Err(FormatError::NotDocx { looks_like: Some(what) }) if what.contains("Excel")
        ));
        for xml in [
            format!("<w:document {W}><w:body><w:p></w:body></w:document>"),
            format!("<w:document {W}><w:body><w:p><w:r><w:t>a &bogus; b</w:t></w:r></w:p></w:body></w:document>"),
            format!("<w:document {W}><w:body>"),
            "not xml at all".to_string(),
            "<html><body>x</body></html>".to_string(),
        ] {
            let bytes = zip_of(&[("word/document.xml", xml.clone())]);
            assert!(
                matches!(docx_to_text(&bytes), Err(FormatError::BadXml { .. })),
                "{xml}: {:?}",
                docx_to_text(&bytes)
            );
        }
        let empty = zip_of(&[("word/document.xml", String::new())]);
        assert!(matches!(
            docx_to_text(&empty),
            Err(FormatError::BadXml { .. })
        ));
    }
}
