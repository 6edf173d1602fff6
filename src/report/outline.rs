//! The outline as a terminal table: documents, their sections and, on request, items.

use crate::outline::Outline;
use comfy_table::{presets::UTF8_FULL_CONDENSED, ContentArrangement, Table};
use std::fmt::Write;

/// Renders `outline` for a terminal `width` columns wide.
pub fn render(outline: &Outline, with_items: bool, width: u16) -> String {
    let mut out = String::new();
    let c = &outline.cleaning;
    let _ = writeln!(
        out,
        "{} ({}): {} document(s); cleaned {} page number(s), {} chrome line(s), {} repeated paragraph(s), {} repeated character(s)",
        outline.file,
        outline.encoding,
        outline.documents.len(),
        c.page_numbers,
        c.chrome_lines,
        c.repeated_paragraphs,
        c.repeated_chars
    );
    for doc in &outline.documents {
        out.push('\n');
        let title = doc.title.as_deref().unwrap_or("(no title found)");
        let _ = writeln!(out, "{}  {}", doc.id, title);
        let _ = writeln!(
            out,
            "    organization: {}    date: {}",
            doc.organization.as_deref().unwrap_or("-"),
            doc.date.as_deref().unwrap_or("-")
        );
        if doc.sections.is_empty() {
            let _ = writeln!(out, "    (no summary, plan or problems section found)");
            continue;
        }
        let rows: Vec<[String; 5]> = doc
            .sections
            .iter()
            .map(|s| {
                [
                    s.id.clone(),
                    s.kind.as_str().to_string(),
                    s.period.map_or("?".to_string(), |p| p.to_string()),
                    s.items.len().to_string(),
                    if s.heading.is_empty() {
                        "(no heading)".to_string()
                    } else {
                        s.heading.clone()
                    },
                ]
            })
            .collect();
        let header = ["section", "kind", "period", "items", "heading"];
        let table = super::wrap::table(width, &header, &rows);
        let _ = writeln!(out, "{table}");
        if with_items {
            for s in doc.sections.iter().filter(|s| !s.items.is_empty()) {
                let rows: Vec<[String; 3]> = s
                    .items
                    .iter()
                    .map(|item| [item.id.clone(), item.path.clone(), item.text.clone()])
                    .collect();
                let items = super::wrap::table(width, &["item", "path", "text"], &rows);
                let _ = writeln!(
                    out,
                    "{} {} {}",
                    s.id,
                    s.kind.as_str(),
                    s.period.map_or("?".into(), |p| p.to_string())
                );
                let _ = writeln!(out, "{items}");
                for t in s
                    .targets
                    .iter()
                    .chain(s.items.iter().flat_map(|i| &i.targets))
                {
                    let value = match (t.value, &t.masked) {
                        (Some(v), _) => format!("{}{}", super::targets::number(v), t.unit),
                        (None, Some(m)) => format!("{m}{} (masked)", t.unit),
                        (None, None) => t.unit.clone(),
                    };
                    let _ = writeln!(
                        out,
                        "  target: {} {} {value} — “{}”",
                        t.metric,
                        t.comparator.words(),
                        t.quote
                    );
                }
            }
        }
    }
    out
}

/// A table in the house style, wrapped to `width` columns.
pub fn new_table(width: u16) -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(width);
    table
}

/// The lines the cleaning dropped whole, each with why (for `outline --verbose`).
pub fn dropped(outline: &Outline) -> String {
    let list = &outline.cleaning.dropped;
    let mut out = format!("\ndropped lines ({}):\n", list.len());
    for (line, why) in list {
        let _ = writeln!(out, "  [{why}] {line}");
    }
    out
}
