//! Items: parses a section's text into its numbered items, nested by their markers.
//!
//! Each accepted marker ([`super::markers::Stack`]) opens an item that runs to the next accepted
//! marker. The item's path lists the labels of its ancestors and its own (`二 › （三） ›
//! 一是`). Text before the first marker is the section's lead.

use super::markers::{find_markers, Stack, Style};
use crate::targets::Target;
use serde::Serialize;

/// A numbered item of a section.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Stable id: `D1.S2.I3`.
    pub id: String,
    /// Labels from the top level down to this item, joined by ` › `.
    pub path: String,
    /// Nesting depth, 1 for a top-level item.
    pub depth: usize,
    /// The item's heading: its first line when that line is a heading of its own (no full
    /// stop, more lines after it), else its first sentence. `（一）稳定和完善宏观经济政策`
    /// keeps this title even when its body is split into sub-items.
    pub title: String,
    /// The item's own text, without its marker and without its children's text.
    pub text: String,
    /// True when the item has no children (a plan's goals are its leaves).
    pub is_leaf: bool,
    /// True when the item's marker counts within running text (一是, 第一，, 一方面): its
    /// first sentence is the first thing it says, not a heading over it.
    #[serde(skip)]
    pub enumerated: bool,
    /// Index of the parent item in the section's item list.
    #[serde(skip)]
    pub parent: Option<usize>,
    /// In a plan section: the numeric targets the item sets.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

/// Splits `text` into a lead and its items; `section_id` prefixes the item ids.
pub fn parse(text: &str, section_id: &str) -> (String, Vec<Item>) {
    let (lead, _, items) = parse_with_paragraphs(text, section_id);
    (lead, items)
}

/// As [`parse`], with the lead's paragraphs (its lines, each flattened) as well.
pub fn parse_with_paragraphs(text: &str, section_id: &str) -> (String, Vec<String>, Vec<Item>) {
    let mut raw_lead = None;
    let mut stack = Stack::default();
    let mut items: Vec<Item> = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut text_start = 0;
    let mut lead = None;
    for m in find_markers(text) {
        if m.start < text_start {
            continue;
        }
        let so_far = &text[text_start..m.start];
        // The open item (or the lead, before the first item) reads as a heading while it has
        // no full stop: `…工作亮点(一)完善…` opens its first child without punctuation.
        let open_is_heading = !so_far.contains(['。', '；', ';', '！', '？']);
        let Some(depth) = stack.accept(&m, open_is_heading) else {
            continue;
        };
        match items.last_mut() {
            Some(prev) => set_text(prev, so_far),
            None => {
                lead = Some(flatten(so_far));
                raw_lead = Some(so_far);
            }
        }
        open.truncate(depth - 1);
        labels.truncate(depth - 1);
        let parent = open.last().copied();
        if let Some(p) = parent {
            items[p].is_leaf = false;
        }
        labels.push(m.label());
        open.push(items.len());
        items.push(Item {
            id: format!("{section_id}.I{}", items.len() + 1),
            path: labels.join(" › "),
            depth,
            title: String::new(),
            text: String::new(),
            is_leaf: true,
            enumerated: matches!(m.style, Style::CnShi | Style::CnDi | Style::Aspect),
            parent,
            targets: Vec::new(),
        });
        text_start = m.end;
    }
    match items.last_mut() {
        Some(last) => set_text(last, &text[text_start..]),
        None => {
            lead = Some(flatten(text));
            raw_lead = Some(text);
        }
    }
    let paragraphs = raw_lead
        .unwrap_or("")
        .split('\n')
        .map(flatten)
        .filter(|p| !p.is_empty())
        .collect();
    (lead.unwrap_or_default(), paragraphs, items)
}

fn set_text(item: &mut Item, raw: &str) {
    item.text = flatten(raw);
    item.title = title(raw);
}

/// Longest title kept, in characters; a longer first sentence is cut at a comma.
const MAX_TITLE_CHARS: usize = 60;

/// The heading of an item's raw text: its first line when that line has no sentence end and
/// more text follows, else its first sentence (without the closing punctuation).
fn title(raw: &str) -> String {
    let raw = flatten_line(raw.trim_start());
    let first_line = raw.split('\n').next().unwrap_or("").trim();
    let ends = ['。', '；', ';', '！', '!', '？', '?'];
    let heading_line = !first_line.contains(ends) && raw.trim().contains('\n');
    let sentence = if heading_line {
        first_line
    } else {
        let flat = flatten(&raw);
        let end = flat.find(ends).unwrap_or(flat.len());
        return clip(&flat[..end]);
    };
    clip(sentence)
}

/// Cuts a title to [`MAX_TITLE_CHARS`], at the last comma before the limit where there is one.
fn clip(s: &str) -> String {
    let s = s.trim_end_matches(['：', ':', '，', ',']);
    match s.char_indices().nth(MAX_TITLE_CHARS) {
        None => s.to_string(),
        Some((cut, _)) => {
            let head = &s[..cut];
            let at = head.rfind(['，', ',']).unwrap_or(cut);
            head[..at].to_string()
        }
    }
}

/// Drops the punctuation left after a marker at the start of a raw text (一方面,…).
fn flatten_line(raw: &str) -> String {
    raw.trim_start_matches(|c: char| c.is_whitespace() || "，,、:：;；".contains(c))
        .to_string()
}

/// Joins an item's lines and drops the punctuation left after its marker (一方面,…).
fn flatten(text: &str) -> String {
    let joined: String = text.split('\n').map(str::trim).collect();
    joined
        .trim_start_matches(|c: char| c.is_whitespace() || "，,、:：;；".contains(c))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(text: &str) -> Vec<String> {
        parse(text, "S").1.into_iter().map(|i| i.path).collect()
    }

    /// Nested numbering gives paths from the top level down.
    #[test]
    fn nests_items_by_marker() {
        let text =
            "导语。\n一、招商\n1.甲。\n2.乙。\n二、建设\n（一）丙。一是丁。二是戊。\n（二）己";
        assert_eq!(
            paths(text),
            [
                "一",
                "一 › 1",
                "一 › 2",
                "二",
                "二 › （一）",
                "二 › （一） › 一是",
                "二 › （一） › 二是",
                "二 › （二）"
            ]
        );
        let (lead, items) = parse(text, "S");
        assert_eq!(lead, "导语。");
        assert_eq!(items[0].text, "招商");
        assert!(!items[0].is_leaf && items[1].is_leaf);
    }

    /// 一方面 / 另一方面 are items too.
    #[test]
    fn aspects_are_items() {
        let text = "（二）配套。一方面,基础建设争优。另一方面,金融服务争强。";
        assert_eq!(
            paths(text),
            ["（二）", "（二） › 一方面", "（二） › 另一方面"]
        );
    }

    /// Quantities inside an item do not split it.
    #[test]
    fn quantities_do_not_split_items() {
        let text =
            "1.项目招引。1-9月,新签约项目11个,总投资25.04亿元,2023年完成3610行动。\n2.前湾硅谷。";
        let (_, items) = parse(text, "S");
        assert_eq!(items.len(), 2);
        assert!(items[0].text.contains("25.04亿元"));
    }

    /// An item keeps its heading as its title: a heading line of its own, or else its first
    /// sentence, also when its body is split into sub-items.
    #[test]
    fn items_keep_their_title() {
        let text = "（一）加强和改善宏观调控\n今年的着眼点是稳定。\n一方面，要增加生产。\n另一方面，要节约。\n（二）巩固农业基础。实行最严格的耕地保护制度。";
        let (_, items) = parse(text, "S");
        assert_eq!(items[0].title, "加强和改善宏观调控");
        assert!(!items[0].is_leaf);
        assert_eq!(items[1].title, "要增加生产");
        assert_eq!(items[3].title, "巩固农业基础");
    }

    /// Ids are positional and stable.
    #[test]
    fn ids_are_stable() {
        let (_, items) = parse("一、甲\n二、乙", "D1.S2");
        assert_eq!(items[1].id, "D1.S2.I2");
    }
}
