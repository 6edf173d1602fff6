//! The body: walks `word/document.xml` in order and writes one line per paragraph or row.
//!
//! Each paragraph (`w:p`) is a line of its runs' text; tabs are tabs and manual breaks start
//! a new line; a table row is its non-empty cells joined by ` | `, a table in a cell is
//! flattened into the cell; a paragraph in a text box comes before the paragraph anchoring
//! it. Deleted and moved-away text and fallback copies are skipped. The main part must be a
//! well-formed Word document: anything else is a [`FormatError::BadXml`] naming the part.
//!
//! A finished paragraph gets its list marker from `Walker::render`, which lives with the
//! numbering it resolves in `numbering.rs`.

use super::numbering::Numbering;
use super::styles::Styles;
use super::xml::{attr, is_skipped, level_index, local, prefix, val_num};
use super::LEVELS;
use crate::ingest::FormatError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// A paragraph being read.
#[derive(Debug, Default)]
pub(super) struct Para {
    pub(super) text: String,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    pub(super) style: Option<String>,
}

/// A table being read: the cells of the current row and the paragraphs of the current cell.
#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: Vec<String>,
}

/// Walks the main document part, keeping the list counters.
pub(super) struct Walker<'a> {
    pub(super) numbering: &'a Numbering,
    pub(super) styles: &'a Styles,
    /// Per list instance, the last number given at each level (`None`: not yet used).
    pub(super) counters: HashMap<String, [Option<u32>; LEVELS]>,
    lines: Vec<String>,
    paras: Vec<Para>,
    tables: Vec<Table>,
}

impl<'a> Walker<'a> {
    pub(super) fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Walker {
            numbering,
            styles,
            counters: HashMap::new(),
            lines: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
        }
    }

    pub(super) fn walk(mut self, part: &str, xml: &str) -> Result<String, FormatError> {
        let bad = |detail: String| FormatError::BadXml {
            part: part.to_string(),
            detail,
        };
        let mut reader = Reader::from_str(xml);
        // Names of the open elements: the local name for WordprocessingML elements (those
        // with the prefix of the root, `w`), the full name for any other.
        let mut open: Vec<String> = Vec::new();
        let mut main_prefix: Option<String> = None;
        let mut skip = 0usize;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| bad(format!("{e} at byte {}", reader.error_position())))?;
            let (e, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => break,
                Event::End(_) if skip > 0 => {
                    skip -= 1;
                    continue;
                }
                Event::End(_) => {
                    if let Some(name) = open.pop() {
                        self.close(&name);
                    }
                    continue;
                }
                Event::Text(t) if skip == 0 && in_text(&open) => {
                    self.push_text(&t.xml10_content());
                    continue;
                }
                Event::CData(t) if skip == 0 && in_text(&open) => {
                    self.push_text(&t.xml10_content());
                    continue;
                }
                Event::GeneralRef(r) if skip == 0 && in_text(&open) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => quick_xml::escape::resolve_xml_entity(&r).map(str::to_string),
                        Err(_) => None,
                    };
                    match resolved {
                        Some(s) => self.push_text(&s),
                        None => return Err(bad(format!("unknown entity `&{};`", &*r))),
                    }
                    continue;
                }
                _ => continue,
            };
            if skip > 0 {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            let name = if main_prefix.is_none() {
                if local(&e) != "document" {
                    return Err(bad(format!(
                        "the root element is <{}>, not a Word document",
                        e.name().0
                    )));
                }
                main_prefix = Some(prefix(&e).to_string());
                "document".to_string()
            } else if Some(prefix(&e)) == main_prefix.as_deref() {
                local(&e).to_string()
            } else {
                e.name().0.to_string()
            };
            if is_skipped(local(&e)) {
                if !empty {
                    skip = 1;
                }
                continue;
            }
            let parent = open.last().map_or("", String::as_str);
            let grandparent = open.len().checked_sub(2).map_or("", |i| open[i].as_str());
            self.open(&name, &e, parent, grandparent);
            if empty {
                self.close(&name);
            } else {
                open.push(name);
            }
        }
        if main_prefix.is_none() {
            return Err(bad("it holds no XML elements".to_string()));
        }
        if let Some(name) = open.last() {
            return Err(bad(format!("it ends inside <{name}>")));
        }
        Ok(self.lines.join("\n"))
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// Handles the start of element `name` (a local name for WordprocessingML elements).
    fn open(&mut self, name: &str, e: &BytesStart<'_>, parent: &str, grandparent: &str) {
        match (name, parent) {
            ("p", _) => self.paras.push(Para::default()),
            ("pStyle", "pPr") => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            ("numId", "numPr") if grandparent == "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            ("ilvl", "numPr") if grandparent == "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = level_index(val_num(e));
                }
            }
            ("tab" | "ptab", "r") => self.push_text("\t"),
            ("br" | "cr", "r") => self.push_text("\n"),
            ("noBreakHyphen", "r") => self.push_text("-"),
            ("tbl", _) => self.tables.push(Table::default()),
            ("tr", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            ("tc", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    /// Handles the end of element `name`.
    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(para) = self.paras.pop() {
                    let line = self.render(para);
                    self.emit(line);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = t.cell.join(" ");
                    t.cell.clear();
                    t.row.push(cell.trim().to_string());
                }
            }
            "tr" => {
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                let row: Vec<String> = t.row.drain(..).filter(|c| !c.is_empty()).collect();
                let line = row.join(" | ");
                if line.is_empty() {
                    return;
                }
                match self.tables.len() {
                    1 => self.lines.push(line),
                    n => self.tables[n - 2].cell.push(line),
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    /// A finished paragraph goes to the current table cell, or is a line.
    fn emit(&mut self, text: String) {
        if text.trim().is_empty() {
            return;
        }
        match self.tables.last_mut() {
            Some(t) => t.cell.push(text.replace('\n', " ")),
            None => self.lines.push(text),
        }
    }
}

/// True when the innermost open element is a run's text (`w:t`).
fn in_text(open: &[String]) -> bool {
    open.last().is_some_and(|n| n == "t")
}

#[cfg(test)]
mod tests {
    use crate::ingest::docx::test_support::{docx, p, text};

    /// Runs join, tabs are tabs, breaks start lines, references are decoded, empty
    /// paragraphs vanish.
    #[test]
    fn paragraphs_and_runs_in_order() {
        let body = concat!(
            "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\">工作 </w:t></w:r>",
            "<w:hyperlink><w:r><w:t>总结</w:t></w:r></w:hyperlink></w:p>",
            "<w:p/>",
            "<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B&amp;C&#x4E00;</w:t><w:br/><w:t>D</w:t></w:r></w:p>",
        );
        assert_eq!(text(&docx(body, None, None)), "一、工作 总结\nA\tB&C一\nD");
    }

    /// Deleted text, moved-away text and fallback copies are not read twice.
    #[test]
    fn skips_deleted_and_fallback_text() {
        let body = concat!(
            r#"<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">"#,
            "<w:r><w:t>保留</w:t></w:r>",
            "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>",
            "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>",
            "<mc:AlternateContent><mc:Choice><w:r><w:t>新</w:t></w:r></mc:Choice>",
            "<mc:Fallback><w:r><w:t>旧</w:t></w:r></mc:Fallback></mc:AlternateContent>",
            "<w:r><w:instrText>PAGE</w:instrText></w:r>",
            "</w:p>",
        );
        assert_eq!(text(&docx(body, None, None)), "保留新");
    }

    /// A table is one line per row, cells joined by ` | `; a table in a cell is flattened
    /// into the cell; empty cells are left out.
    #[test]
    fn tables_flatten_row_by_row() {
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(None, t));
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell("x"), cell("y"));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}<w:tc><w:p/></w:tc>{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
            p(None, "前"),
            cell("索引号:"),
            cell("001"),
            cell("主题:"),
            cell("a"),
            p(None, "b1"),
            inner,
            p(None, "后"),
        );
        assert_eq!(
            text(&docx(&body, None, None)),
            "前\n索引号: | 001 | 主题:\na | b1 x | y\n后"
        );
    }
}
