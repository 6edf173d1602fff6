//! Styles: the numbering that paragraph and numbering styles carry in `word/styles.xml`.
//!
//! A style's `w:numPr` gives a list and a level to every paragraph of that style; a style
//! without one inherits through `w:basedOn` (at most 16 steps, so a loop ends). Only
//! numbering is read from styles: fonts and spacing make no text.

use super::xml::{attr, level_index, local, val_num, Tag, Tags};
use std::collections::HashMap;

/// The numbering of one style (`w:style` in `word/styles.xml`).
#[derive(Debug, Clone, Default)]
pub(super) struct StyleNum {
    pub(super) num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

/// The numbering that paragraph and numbering styles carry.
#[derive(Debug, Clone, Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, StyleNum>,
}

impl Styles {
    pub(super) fn parse(xml: &str) -> Result<Styles, quick_xml::Error> {
        let mut out = Styles::default();
        let mut tags = Tags::new(xml);
        let mut current: Option<String> = None;
        let mut in_num_pr = false;
        while let Some(tag) = tags.next_tag()? {
            let (e, empty) = match tag {
                Tag::Open { e, empty } => (e, empty),
                Tag::Close(name) => {
                    if name == "style" {
                        current = None;
                    } else if name == "numPr" {
                        in_num_pr = false;
                    }
                    continue;
                }
            };
            let name = local(&e);
            match name {
                "style" if !empty => {
                    current = attr(&e, "styleId");
                    if let Some(id) = &current {
                        out.by_id.insert(id.clone(), StyleNum::default());
                    }
                }
                "numPr" => in_num_pr = !empty,
                _ => {
                    let Some(style) = current.as_ref().and_then(|id| out.by_id.get_mut(id)) else {
                        continue;
                    };
                    match name {
                        "basedOn" => style.based_on = attr(&e, "val"),
                        "numId" if in_num_pr => style.num_id = attr(&e, "val"),
                        "ilvl" if in_num_pr => style.ilvl = level_index(val_num(&e)),
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }

    /// The list and level that style `id` gives its paragraphs, through `w:basedOn`.
    pub(super) fn numbering(&self, id: &str) -> (Option<String>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut next = Some(id);
        for _ in 0..16 {
            let Some(style) = next.and_then(|id| self.by_id.get(id)) else {
                break;
            };
            num_id = num_id.or_else(|| style.num_id.clone());
            ilvl = ilvl.or(style.ilvl);
            if num_id.is_some() && ilvl.is_some() {
                break;
            }
            next = style.based_on.as_deref();
        }
        (num_id, ilvl)
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::docx::test_support::{docx, list, lvl, text};

    /// Numbering given by the paragraph style (Heading 1 numbered 一、), through basedOn.
    #[test]
    fn numbering_from_the_paragraph_style() {
        let numbering = list(&[lvl(0, 1, "chineseCounting", "%1、", None)]);
        let styles = concat!(
            r#"<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Base"/></w:style>"#,
        );
        let body = concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总结</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>正文</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>思路</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无号</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text(&docx(body, Some(&numbering), Some(styles))),
            "一、总结\n正文\n二、思路\n无号"
        );
    }
}
