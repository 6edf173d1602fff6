//! The element tree that the main-text heuristic and the renderer read.
//!
//! [`Dom::parse`] has html5ever build the page's tree (`parse.rs`) and lays it out flat: one
//! [`Node`] per element, in document order, with only what the later steps look at (the tag
//! name, the `class` and `id` tokens, whether it is hidden, its text and child elements).
//! `nodes[0]` is the document, and a parent always comes before its children, so an element
//! before another in the page has the smaller index. Comments, doctypes and processing
//! instructions are left out, and so are the contents of `<template>`, which a browser does
//! not show. The walk uses an explicit stack, so depth costs no recursion.

use super::parse::parse;
use markup5ever_rcdom::{Handle, NodeData};

/// A node's content: text, or a child element.
#[derive(Debug)]
pub(super) enum Child {
    Text(String),
    Element(usize),
}

/// An element of the page.
#[derive(Debug)]
pub(super) struct Node {
    /// Lower-case tag name; "" for the document.
    pub(super) name: String,
    pub(super) parent: usize,
    /// Lower-case `class` and `id` tokens.
    pub(super) tokens: Vec<String>,
    /// `hidden`, or `display:none` or `visibility:hidden` in `style`.
    pub(super) hidden: bool,
    pub(super) children: Vec<Child>,
}

/// A parsed page: `nodes[0]` is the document; a parent always comes before its children.
#[derive(Debug)]
pub(super) struct Dom {
    pub(super) nodes: Vec<Node>,
}

impl Dom {
    /// Parses a page as a browser does.
    pub(super) fn parse(html: &str) -> Dom {
        let tree = parse(html);
        let mut nodes = vec![Node {
            name: String::new(),
            parent: 0,
            tokens: Vec::new(),
            hidden: false,
            children: Vec::new(),
        }];
        // Nodes still to visit, with the index of the element they belong to; children are
        // pushed last first, so that they come off the stack in document order.
        let mut stack: Vec<(Handle, usize)> = tree
            .document
            .children
            .borrow()
            .iter()
            .rev()
            .map(|c| (c.clone(), 0))
            .collect();
        while let Some((handle, parent)) = stack.pop() {
            match &handle.data {
                NodeData::Element { name, attrs, .. } => {
                    let id = nodes.len();
                    let mut node = Node {
                        name: str::to_ascii_lowercase(&name.local),
                        parent,
                        tokens: Vec::new(),
                        hidden: false,
                        children: Vec::new(),
                    };
                    for attr in attrs.borrow().iter() {
                        node.read_attribute(&attr.name.local, &attr.value);
                    }
                    nodes.push(node);
                    nodes[parent].children.push(Child::Element(id));
                    stack.extend(
                        handle
                            .children
                            .borrow()
                            .iter()
                            .rev()
                            .map(|c| (c.clone(), id)),
                    );
                }
                NodeData::Text { contents } => {
                    let text = contents.borrow();
                    match nodes[parent].children.last_mut() {
                        Some(Child::Text(prev)) => prev.push_str(&text),
                        _ => nodes[parent].children.push(Child::Text(text.to_string())),
                    }
                }
                NodeData::Document
                | NodeData::Doctype { .. }
                | NodeData::Comment { .. }
                | NodeData::ProcessingInstruction { .. } => {}
            }
        }
        Dom { nodes }
    }
}

impl Node {
    /// Takes what the later steps need from an attribute: `class` and `id` tokens, and
    /// whether the element is hidden.
    fn read_attribute(&mut self, name: &str, value: &str) {
        match name {
            "class" | "id" => self
                .tokens
                .extend(value.split_ascii_whitespace().map(str::to_ascii_lowercase)),
            "hidden" => self.hidden = true,
            "style" => {
                let style: String = value
                    .chars()
                    .filter(|c| !c.is_ascii_whitespace())
                    .collect::<String>()
                    .to_ascii_lowercase();
                self.hidden |=
                    style.contains("display:none") || style.contains("visibility:hidden");
            }
            _ => {}
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

    /// Class and id tokens are read with their character references decoded, whatever
    /// the quoting; `hidden` and an inline `display: none` hide.
    #[test]
    fn reads_the_attributes_that_matter() {
        let page = "<div class='a&#32;NAV'>导航</div><div id=foot>底部</div>\
                    <div class=\"x\"style=\"DISPLAY : none\">隐藏</div><p hidden=hidden>也隐藏</p>\
                    <p>正文</p>";
        assert_eq!(text(page), "正文");
    }
}
