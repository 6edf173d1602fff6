//! Rendering: the kept text of an element as lines, as a browser lays it out.
//!
//! Block elements and `<br>` end lines; inline text joins with white space collapsed to one
//! space (inside `<pre>` line breaks are kept) and control characters left out; the cells
//! of a table row are joined by ` | ` with empty cells leaving no trace. Lines are trimmed
//! and empty ones dropped. The tree is walked with an explicit stack, so nesting depth costs
//! no recursion.

use super::dom::{Child, Dom};

/// Elements that end a line.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
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
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

impl Dom {
    /// Writes the kept text under element `root` as lines.
    pub(super) fn render(&self, root: usize, kept: &[bool], out: &mut Lines) {
        // An explicit stack: (element, index of the next child), so depth costs no recursion.
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        self.enter(root, out);
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            let Some(child) = self.nodes[node].children.get(*next) else {
                stack.pop();
                self.leave(node, out);
                continue;
            };
            *next += 1;
            match child {
                Child::Text(t) => out.text(t),
                Child::Element(c) => {
                    let c = *c;
                    if !kept[c] {
                        if BLOCKS.contains(&self.nodes[c].name.as_str()) {
                            out.newline();
                        }
                        continue;
                    }
                    self.enter(c, out);
                    stack.push((c, 0));
                }
            }
        }
    }

    fn enter(&self, node: usize, out: &mut Lines) {
        match self.nodes[node].name.as_str() {
            "br" => out.newline(),
            "tr" => {
                out.newline();
                out.cells.push(0);
            }
            "td" | "th" => {
                if let Some(cells) = out.cells.last_mut() {
                    // The separator is written with the cell's first character, so that
                    // empty cells leave no trace.
                    out.cell_break |= *cells > 0;
                    *cells += 1;
                }
            }
            "pre" => {
                out.newline();
                out.pre += 1;
            }
            name if BLOCKS.contains(&name) => out.newline(),
            _ => {}
        }
    }

    fn leave(&self, node: usize, out: &mut Lines) {
        match self.nodes[node].name.as_str() {
            "tr" => {
                out.newline();
                out.cells.pop();
            }
            "pre" => {
                out.newline();
                out.pre = out.pre.saturating_sub(1);
            }
            name if BLOCKS.contains(&name) => out.newline(),
            _ => {}
        }
    }
}

/// White space as HTML collapses it, and the no-break space pages indent with.
pub(super) fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

/// Lines being written.
#[derive(Debug, Default)]
pub(super) struct Lines {
    pub(super) lines: Vec<String>,
    current: String,
    /// White space seen since the last character.
    space: bool,
    /// Cells written so far in each open table row.
    cells: Vec<usize>,
    /// Open `<pre>` elements.
    pre: usize,
    /// A table cell began since the last character: ` | ` goes before the next one.
    cell_break: bool,
}

impl Lines {
    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 && c == '\n' {
                self.newline();
            } else if is_space(c) {
                self.space = true;
            } else if c.is_control() {
                // A browser draws nothing for control characters.
            } else {
                if !self.current.is_empty() {
                    if self.cell_break {
                        self.current.push_str(" | ");
                    } else if self.space {
                        self.current.push(' ');
                    }
                }
                self.space = false;
                self.cell_break = false;
                self.current.push(c);
            }
        }
    }

    pub(super) fn newline(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.space = false;
        self.cell_break = false;
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::test_support::text;

    /// Paragraphs stay lines; inline text joins; white space collapses.
    #[test]
    fn paragraphs_are_lines() {
        let page = "<html><body><h1>标题</h1><p>一、<b>工作</b>\n   总结</p><p>正文<br>第二行</p>\
                    <ul><li>甲<li>乙</ul><div>丙<span>丁</span></div></body></html>";
        assert_eq!(
            text(page),
            "标题\n一、工作 总结\n正文\n第二行\n甲\n乙\n丙丁"
        );
    }

    /// Table rows are lines with cells joined by ` | `; a layout table keeps its paragraphs.
    #[test]
    fn tables() {
        let page = "<table><tr><td>索引号:</td><td>001</td><td></td><td>主题:</td></tr>\
                    <tr><th>发布机构:<td>某某镇</table>\
                    <table><tr><td><p>一、总结</p><p>1.推进。</p></td><td>右栏</td></tr></table>";
        assert_eq!(
            text(page),
            "索引号: | 001 | 主题:\n发布机构: | 某某镇\n一、总结\n1.推进。\n右栏"
        );
    }

    /// Text inside `<pre>` keeps its lines.
    #[test]
    fn pre_keeps_lines() {
        assert_eq!(text("<pre>一、总结\n1.推进。</pre>"), "一、总结\n1.推进。");
    }

    /// Deep nesting costs no stack.
    #[test]
    fn deep_nesting_is_fine() {
        let page = format!(
            "{}正文{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        );
        assert_eq!(text(&page), "正文");
    }
}
