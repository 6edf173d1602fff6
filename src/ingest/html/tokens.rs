//! Tokens: the tokenizer that reads a page's markup into the element tree.
//!
//! [`Dom::parse`] walks the page once: text goes to the open element, comments, doctypes and
//! processing instructions are skipped, start and end tags go to the tree builder
//! (`dom.rs`), and the content of raw-text elements (`script`, `style`, `title`…) runs to its
//! matching end tag whatever it holds. A `<` that opens no tag is text. Tags are read
//! tolerantly: unquoted, single- or double-quoted values, stray `=` and a missing `>` are
//! all accepted. Only `class`, `id`, `hidden` and `style` are kept. It never fails on
//! markup.

use super::dom::{Child, Dom, Node};
use super::entities::decode_entities;
use std::collections::HashMap;

/// Elements whose content is raw text, not markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// A start tag as read.
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) tokens: Vec<String>,
    pub(super) hidden: bool,
    pub(super) self_closing: bool,
}

impl Dom {
    pub(super) fn parse(html: &str) -> Dom {
        let mut dom = Dom {
            nodes: vec![Node {
                name: String::new(),
                parent: 0,
                tokens: Vec::new(),
                hidden: false,
                children: Vec::new(),
            }],
            open: vec![0],
            open_names: HashMap::new(),
        };
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some(lt) = bytes[i..].iter().position(|&b| b == b'<').map(|p| p + i) else {
                dom.text(&html[i..]);
                break;
            };
            if lt > i {
                dom.text(&html[i..lt]);
            }
            let rest = &bytes[lt..];
            let next = rest.get(1).copied().unwrap_or(0);
            if rest.starts_with(b"<!--") {
                i = find(&rest[4..], b"-->").map_or(bytes.len(), |p| lt + 4 + p + 3);
            } else if next == b'!' || next == b'?' {
                i = skip_to_gt(bytes, lt);
            } else if next == b'/' && rest.get(2).is_some_and(u8::is_ascii_alphabetic) {
                let (name, _) = read_name(html, lt + 2);
                i = skip_to_gt(bytes, lt);
                dom.end_tag(&name);
            } else if next.is_ascii_alphabetic() {
                let (tag, end) = read_tag(html, lt + 1);
                i = end;
                let is_raw = RAW_TEXT.contains(&tag.name.as_str()) && !tag.self_closing;
                let name = tag.name.clone();
                let node = dom.start_tag(tag);
                if is_raw {
                    // Raw text runs to the matching end tag, whatever it holds.
                    let close = format!("</{name}");
                    let end_at =
                        find_ascii_ci(&bytes[i..], close.as_bytes()).map_or(bytes.len(), |p| i + p);
                    if end_at > i {
                        let raw = &html[i..end_at];
                        // Script and style bodies are kept verbatim: they are always dropped.
                        let text = if matches!(name.as_str(), "textarea" | "title") {
                            decode_entities(raw).into_owned()
                        } else {
                            raw.to_string()
                        };
                        dom.nodes[node].children.push(Child::Text(text));
                    }
                    i = if end_at < bytes.len() {
                        skip_to_gt(bytes, end_at)
                    } else {
                        bytes.len()
                    };
                    dom.end_tag(&name);
                }
            } else {
                dom.text("<");
                i = lt + 1;
            }
        }
        dom
    }
}

/// Index just past the next `>` from `from`, or the end.
fn skip_to_gt(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'>')
        .map_or(bytes.len(), |p| from + p + 1)
}

/// Finds `needle` (lower-case ASCII) in `haystack`, ignoring ASCII case.
fn find_ascii_ci(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

/// Reads a tag or attribute name at `at`: its lower-case form and the index after it.
fn read_name(html: &str, at: usize) -> (String, usize) {
    let bytes = html.as_bytes();
    let end = bytes[at..]
        .iter()
        .position(|&b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'=') || !b.is_ascii())
        .map_or(bytes.len(), |p| at + p);
    (html[at..end].to_ascii_lowercase(), end)
}

/// Reads a start tag whose name begins at `at`: the tag and the index after its `>`.
fn read_tag(html: &str, at: usize) -> (Tag, usize) {
    let bytes = html.as_bytes();
    let (name, mut i) = read_name(html, at);
    let mut tag = Tag {
        name,
        tokens: Vec::new(),
        hidden: false,
        self_closing: false,
    };
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            tag.self_closing = bytes[i] == b'/';
            i += 1;
        }
        if i >= bytes.len() {
            return (tag, i);
        }
        if bytes[i] == b'>' {
            return (tag, i + 1);
        }
        tag.self_closing = false;
        // An attribute name: anything up to white space, `/`, `>` or `=`.
        let start = i;
        while i < bytes.len()
            && !(bytes[i].is_ascii_whitespace() || matches!(bytes[i], b'/' | b'>' | b'='))
        {
            i += 1;
        }
        if i == start {
            // A lone `=`: skip it.
            i += 1;
            continue;
        }
        let attr = html[start..i].to_ascii_lowercase();
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = bytes[i + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(bytes.len(), |p| i + 1 + p);
                    value = &html[i + 1..end];
                    i = (end + 1).min(bytes.len());
                }
                _ => {
                    let start = i;
                    while i < bytes.len() && !(bytes[i].is_ascii_whitespace() || bytes[i] == b'>') {
                        i += 1;
                    }
                    value = &html[start..i];
                }
            }
        }
        match attr.as_str() {
            "class" | "id" => tag.tokens.extend(
                decode_entities(value)
                    .split_ascii_whitespace()
                    .map(str::to_ascii_lowercase),
            ),
            "hidden" => tag.hidden = true,
            "style" => {
                let style: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                tag.hidden |= style.contains("display:none") || style.contains("visibility:hidden");
            }
            _ => {}
        }
    }
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
