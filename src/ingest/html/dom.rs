//! The element tree, and how tags open and close elements as browsers do.
//!
//! `nodes[0]` is the document root and a parent always comes before its children. A start
//! tag closes what it implies (a `<p>` closes an open `<p>`, an `<li>` the open `<li>`, a
//! `<td>` the open cell…) within the scope browsers use; an end tag closes the innermost
//! element of its name in scope and is ignored otherwise; `</br>` is a line break and `</p>`
//! with no open `<p>` an empty paragraph. Elements nested deeper than `MAX_DEPTH` are read as
//! if they were not there; nothing here recurses.

use super::entities::decode_entities;
use super::tokens::Tag;
use std::collections::HashMap;

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

/// Start tags that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dd",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
];

/// Deepest nesting kept; deeper elements are read as if they were not there.
const MAX_DEPTH: usize = 400;

/// A node's content: text, or a child element.
#[derive(Debug)]
pub(super) enum Child {
    Text(String),
    Element(usize),
}

/// An element of the page.
#[derive(Debug)]
pub(super) struct Node {
    /// Lower-case tag name; "" for the document root.
    pub(super) name: String,
    pub(super) parent: usize,
    /// Lower-case `class` and `id` tokens.
    pub(super) tokens: Vec<String>,
    /// `hidden`, or `display:none` in `style`.
    pub(super) hidden: bool,
    pub(super) children: Vec<Child>,
}

/// A parsed page: `nodes[0]` is the document root; a parent always comes before its children.
#[derive(Debug)]
pub(super) struct Dom {
    pub(super) nodes: Vec<Node>,
    /// The open elements while parsing, outermost first (the root at 0).
    pub(super) open: Vec<usize>,
    /// How many elements of each name are open, so that a start tag that closes nothing
    /// costs no walk up the open elements.
    pub(super) open_names: HashMap<String, usize>,
}

impl Dom {
    /// Adds text, with character references decoded, to the current element.
    pub(super) fn text(&mut self, raw: &str) {
        let node = self.top();
        let text = decode_entities(raw).into_owned();
        if let Some(Child::Text(prev)) = self.nodes[node].children.last_mut() {
            prev.push_str(&text);
        } else {
            self.nodes[node].children.push(Child::Text(text));
        }
    }

    /// Adds an element for `tag`, closing what its start implies; returns its index.
    pub(super) fn start_tag(&mut self, tag: Tag) -> usize {
        let name = tag.name.as_str();
        if CLOSES_P.contains(&name) {
            self.close_in_scope(
                &["p"],
                &["td", "th", "table", "caption", "button", "body", "html"],
            );
        }
        match name {
            "li" => self.close_in_scope(
                &["li"],
                &["ul", "ol", "menu", "td", "th", "table", "body", "html"],
            ),
            "dt" | "dd" => {
                self.close_in_scope(&["dt", "dd"], &["dl", "td", "th", "table", "body", "html"])
            }
            "tr" => self.close_in_scope(&["tr"], &["table"]),
            "td" | "th" => self.close_in_scope(&["td", "th"], &["tr", "table"]),
            "thead" | "tbody" | "tfoot" => {
                self.close_in_scope(&["thead", "tbody", "tfoot"], &["table"])
            }
            "option" | "optgroup" => self.close_in_scope(&["option"], &["select"]),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let top = self.top();
                if matches!(
                    self.nodes[top].name.as_str(),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                ) {
                    self.truncate_open(self.open.len() - 1);
                }
            }
            _ => {}
        }
        let parent = self.top();
        let id = self.nodes.len();
        let is_void = VOID.contains(&name) || tag.self_closing;
        self.nodes.push(Node {
            name: tag.name,
            parent,
            tokens: tag.tokens,
            hidden: tag.hidden,
            children: Vec::new(),
        });
        self.nodes[parent].children.push(Child::Element(id));
        if !is_void && self.open.len() < MAX_DEPTH {
            self.open.push(id);
            *self
                .open_names
                .entry(self.nodes[id].name.clone())
                .or_default() += 1;
        }
        id
    }

    pub(super) fn end_tag(&mut self, name: &str) {
        match name {
            // `</br>` is a line break and `</p>` without a `<p>` an empty paragraph, as
            // browsers read them.
            "br" | "p"
                if name == "br" || !self.in_scope("p", &["td", "th", "table", "body", "html"]) =>
            {
                let tag = Tag {
                    name: name.to_string(),
                    tokens: Vec::new(),
                    hidden: false,
                    self_closing: true,
                };
                self.start_tag(tag);
            }
            "td" | "th" | "tr" | "thead" | "tbody" | "tfoot" | "caption" => {
                self.close_in_scope(&[name], &["table", "html"]);
            }
            "table" => self.close_in_scope(&["table"], &["html"]),
            _ => self.close_in_scope(&[name], &["td", "th", "table", "caption", "html"]),
        }
    }

    /// The innermost open element.
    fn top(&self) -> usize {
        *self.open.last().unwrap_or(&0)
    }

    /// Closes the open elements from depth `len` on.
    fn truncate_open(&mut self, len: usize) {
        let len = len.max(1);
        while self.open.len() > len {
            if let Some(id) = self.open.pop() {
                if let Some(n) = self.open_names.get_mut(&self.nodes[id].name) {
                    *n = n.saturating_sub(1);
                }
            }
        }
    }

    fn is_open(&self, name: &str) -> bool {
        self.open_names.get(name).is_some_and(|&n| n > 0)
    }

    /// The depth of the innermost open element named in `names`, unless a `boundary`
    /// element is open inside it.
    fn find_in_scope(&self, names: &[&str], boundary: &[&str]) -> Option<usize> {
        if !names.iter().any(|n| self.is_open(n)) {
            return None;
        }
        for depth in (1..self.open.len()).rev() {
            let open_name = self.nodes[self.open[depth]].name.as_str();
            if names.contains(&open_name) {
                return Some(depth);
            }
            if boundary.contains(&open_name) {
                return None;
            }
        }
        None
    }

    /// True when an element named `name` is open above the nearest `boundary`.
    fn in_scope(&self, name: &str, boundary: &[&str]) -> bool {
        self.find_in_scope(&[name], boundary).is_some()
    }

    /// Closes the innermost open element named in `names` (and everything inside it),
    /// unless a `boundary` element is open inside it.
    fn close_in_scope(&mut self, names: &[&str], boundary: &[&str]) {
        if let Some(depth) = self.find_in_scope(names, boundary) {
            self.truncate_open(depth);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::test_support::text;

    /// Unclosed paragraphs, stray end tags and a missing `<html>` are read as browsers do.
    #[test]
    fn tolerates_broken_markup() {
        let page = "<p>甲<p>乙</span></div><p>丙<div>丁</p>戊";
        assert_eq!(text(page), "甲\n乙\n丙\n丁\n戊");
        assert_eq!(text("a < b <3 and <"), "a < b <3 and <");
        assert_eq!(
            text("<p class=\"x\" title='a>b' data-x=1>正文</p><p"),
            "正文"
        );
    }
}
