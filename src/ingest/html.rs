//! Web pages to text: the main text of a page, one line per paragraph.
//!
//! A small tolerant parser, written for this job rather than taken from a crate: it only has
//! to find elements, their `class`, `id`, `style` and `hidden` attributes, and text, and to
//! survive the unclosed `<p>` and `<li>`, stray end tags, layout tables and `<script>` bodies
//! full of `<` that government sites serve. It never fails on markup.
//!
//! - Bytes are decoded by byte-order mark, then by the page's `<meta charset=…>` or
//!   `<meta http-equiv content="…; charset=…">` (UTF-8, GBK/GB2312, GB18030…), then by the
//!   detection plain text uses ([`decode_page`]); `--encoding` overrides all three.
//! - Dropped with everything inside: `head`, `title`, `script`, `style`, `noscript`, `nav`,
//!   `header` (except inside `<article>` or `<main>`, where it holds the article's title),
//!   `footer`, `aside`, `form`, `iframe`, `select`, `button`, `textarea`, `template`, `svg`,
//!   comments, elements hidden by `hidden` or `display:none`, and elements whose class or id
//!   names chrome: a token containing `nav`, `menu`, `foot`, `header`, `crumb`, `share`,
//!   `sidebar` or `copyright` (`class="nav"`, `id="footer"`, `class="bread-crumb"`); `html`,
//!   `body`, `main` and `article` are never dropped by their class.
//! - Block elements (`p`, `div`, `li`, `h1`–`h6`, `tr`, `section`, `article`, `table`…) and
//!   `<br>` end lines; inline text joins, white space collapsing to one space as a browser
//!   shows it (inside `<pre>` lines are kept). Cells of a table row are joined by ` | `,
//!   unless a cell holds whole paragraphs (a layout table), which stay lines.
//! - Character references are decoded: numeric ones (`&#12345;`, `&#x4E00;`, with the
//!   Windows-1252 meaning for 128–159 that browsers give them) and the named ones pages
//!   use (`&nbsp;` `&amp;` `&lt;` `&gt;` `&quot;` `&ldquo;` `&mdash;` `&hellip;`…); an unknown
//!   name is kept as written.
//!
//! Main text: when an `<article>`, or an element whose class or id contains `content`,
//! `article`, `trs_editor`, `trs_ueditor` or `zoom` (the content boxes of Chinese government
//! sites' publishing systems) holds at least half of the page's kept text, only the deepest
//! such element is read, after the page's title line: the last `h1`–`h3`, or element whose
//! class or id contains `title`, before it. Related links, counters and side columns outside
//! it are then left out even when they carry no telltale class.

use super::decode;
use super::FormatError;
use encoding_rs::Encoding;
use std::borrow::Cow;
use std::collections::HashMap;

/// The main text of a page given as bytes; see the module documentation.
pub fn html_bytes_to_text(bytes: &[u8]) -> Result<String, FormatError> {
    let (page, _) = decode_page(bytes, None)?;
    html_to_text(&page)
}

/// Decodes a page: `forced` (an encoding label) wins, then a byte-order mark, then the
/// page's own `<meta>` charset, then detection as for plain text. A meta charset that the
/// bytes do not fit (a page re-saved in another encoding) falls back to detection.
pub fn decode_page(
    bytes: &[u8],
    forced: Option<&str>,
) -> Result<(String, &'static Encoding), FormatError> {
    let finish = |d: decode::Decoded| {
        let enc = Encoding::for_label(d.encoding.as_bytes()).unwrap_or(encoding_rs::UTF_8);
        (d.text, enc)
    };
    if forced.is_some() || Encoding::for_bom(bytes).is_some() {
        return Ok(finish(decode::decode(bytes, forced)?));
    }
    if let Some(enc) = meta_charset(bytes) {
        // A page that says UTF-16 but was read as ASCII bytes is UTF-8, as browsers take it.
        let enc = if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
            encoding_rs::UTF_8
        } else {
            enc
        };
        match decode::decode(bytes, Some(enc.name())) {
            Ok(d) => return Ok(finish(d)),
            Err(declared) => {
                return decode::decode(bytes, None)
                    .map(finish)
                    .map_err(|_| FormatError::Decode(declared));
            }
        }
    }
    Ok(finish(decode::decode(bytes, None)?))
}

/// The label for [`super::Source::encoding`]: `html`, or `html (GBK)` for a page in another
/// encoding than UTF-8.
pub fn label(enc: &'static Encoding) -> &'static str {
    use encoding_rs::*;
    let labels = [
        (UTF_8, "html"),
        (GBK, "html (GBK)"),
        (GB18030, "html (gb18030)"),
        (BIG5, "html (Big5)"),
        (UTF_16LE, "html (UTF-16LE)"),
        (UTF_16BE, "html (UTF-16BE)"),
        (WINDOWS_1252, "html (windows-1252)"),
        (SHIFT_JIS, "html (Shift_JIS)"),
    ];
    labels
        .iter()
        .find(|(e, _)| *e == enc)
        .map_or("html (other encoding)", |(_, l)| l)
}

/// How far into a page the `<meta>` charset is looked for.
const META_SNIFF_BYTES: usize = 4096;

/// The encoding named by a `<meta>` tag near the start of the page.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes[..bytes.len().min(META_SNIFF_BYTES)].to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&head[from..], b"<meta").map(|i| i + from) {
        let end = head[at..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(head.len(), |i| at + i);
        let tag = &head[at..end];
        if let Some(i) = find(tag, b"charset") {
            let rest = &tag[i + b"charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(&b)))
                    .unwrap_or(rest.len());
                if let Some(enc) = Encoding::for_label(&rest[..len]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The main text of a page; see the module documentation. A page with no text left is
/// [`FormatError::NoText`].
pub fn html_to_text(html: &str) -> Result<String, FormatError> {
    let dom = Dom::parse(html);
    let kept = dom.kept();
    let weights = dom.weights(&kept);
    let main = dom.main_element(&kept, &weights);
    let mut out = Lines::default();
    if let Some(main) = main {
        if let Some(title) = dom.title_before(main, &kept, &weights) {
            dom.render(title, &kept, &mut out);
            out.newline();
        }
        dom.render(main, &kept, &mut out);
    } else {
        dom.render(0, &kept, &mut out);
    }
    out.newline();
    if out.lines.is_empty() {
        return Err(FormatError::NoText);
    }
    Ok(out.lines.join("\n"))
}

/// Elements dropped with their content wherever they are.
const DROPPED: &[&str] = &[
    "head", "title", "script", "style", "noscript", "nav", "footer", "aside", "form", "iframe",
    "select", "button", "textarea", "template", "svg", "object", "embed", "canvas", "audio",
    "video", "map", "dialog",
];

/// Class or id words of navigation, headers, footers and share bars.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "menu",
    "foot",
    "header",
    "crumb",
    "share",
    "sidebar",
    "copyright",
];

/// Class or id words of the content box.
const CONTENT_WORDS: &[&str] = &["content", "article", "trs_editor", "trs_ueditor", "zoom"];

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

/// Elements that never have content.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr",
];

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
enum Child {
    Text(String),
    Element(usize),
}

/// An element of the page.
#[derive(Debug)]
struct Node {
    /// Lower-case tag name; "" for the document root.
    name: String,
    parent: usize,
    /// Lower-case `class` and `id` tokens.
    tokens: Vec<String>,
    /// `hidden`, or `display:none` in `style`.
    hidden: bool,
    children: Vec<Child>,
}

/// A parsed page: `nodes[0]` is the document root; a parent always comes before its children.
#[derive(Debug)]
struct Dom {
    nodes: Vec<Node>,
    /// The open elements while parsing, outermost first (the root at 0).
    open: Vec<usize>,
    /// How many elements of each name are open, so that a start tag that closes nothing
    /// costs no walk up the open elements.
    open_names: HashMap<String, usize>,
}

/// A start tag as read.
struct Tag {
    name: String,
    tokens: Vec<String>,
    hidden: bool,
    self_closing: bool,
}

impl Dom {
    fn parse(html: &str) -> Dom {
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

    /// Adds text, with character references decoded, to the current element.
    fn text(&mut self, raw: &str) {
        let node = self.top();
        let text = decode_entities(raw).into_owned();
        if let Some(Child::Text(prev)) = self.nodes[node].children.last_mut() {
            prev.push_str(&text);
        } else {
            self.nodes[node].children.push(Child::Text(text));
        }
    }

    /// Adds an element for `tag`, closing what its start implies; returns its index.
    fn start_tag(&mut self, tag: Tag) -> usize {
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

    fn end_tag(&mut self, name: &str) {
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

    /// Which elements are kept: not dropped themselves, nor inside a dropped one.
    fn kept(&self) -> Vec<bool> {
        let mut kept = vec![true; self.nodes.len()];
        let mut in_article = vec![false; self.nodes.len()];
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            let parent = node.parent;
            in_article[i] = in_article[parent]
                || matches!(self.nodes[parent].name.as_str(), "article" | "main");
            let name = node.name.as_str();
            let chrome_class = !matches!(name, "html" | "body" | "main" | "article")
                && node
                    .tokens
                    .iter()
                    .any(|t| CHROME_WORDS.iter().any(|w| t.contains(w)));
            let dropped = DROPPED.contains(&name)
                || (name == "header" && !in_article[i])
                || node.hidden
                || chrome_class;
            kept[i] = kept[parent] && !dropped;
        }
        kept
    }

    /// Characters other than white space in each element's kept text.
    fn weights(&self, kept: &[bool]) -> Vec<usize> {
        let mut weights = vec![0; self.nodes.len()];
        for i in (0..self.nodes.len()).rev() {
            if !kept[i] {
                continue;
            }
            weights[i] += self.nodes[i]
                .children
                .iter()
                .map(|c| match c {
                    Child::Text(t) => t.chars().filter(|c| !is_space(*c)).count(),
                    Child::Element(_) => 0,
                })
                .sum::<usize>();
            if i > 0 {
                let parent = self.nodes[i].parent;
                weights[parent] += weights[i];
            }
        }
        weights
    }

    /// The deepest content element that holds at least half of the page's kept text.
    fn main_element(&self, kept: &[bool], weights: &[usize]) -> Option<usize> {
        let total = weights[0];
        if total == 0 {
            return None;
        }
        let mut best: Option<(usize, usize)> = None;
        for (i, node) in self.nodes.iter().enumerate().skip(1) {
            let is_content = node.name == "article"
                || node
                    .tokens
                    .iter()
                    .any(|t| CONTENT_WORDS.iter().any(|w| t.contains(w)));
            if !kept[i] || !is_content || weights[i] * 2 < total {
                continue;
            }
            let depth = self.depth(i);
            if best.is_none_or(|(_, d)| depth > d) {
                best = Some((i, depth));
            }
        }
        best.map(|(i, _)| i)
    }

    fn depth(&self, mut i: usize) -> usize {
        let mut depth = 0;
        while i != 0 {
            i = self.nodes[i].parent;
            depth += 1;
        }
        depth
    }

    /// The last title-like element with text before `main` and outside it.
    fn title_before(&self, main: usize, kept: &[bool], weights: &[usize]) -> Option<usize> {
        (1..main).rev().find(|&i| {
            let node = &self.nodes[i];
            let is_title = matches!(node.name.as_str(), "h1" | "h2" | "h3")
                || node.tokens.iter().any(|t| t.contains("title"));
            is_title && kept[i] && weights[i] > 0 && !self.is_ancestor(i, main)
        })
    }

    fn is_ancestor(&self, a: usize, mut n: usize) -> bool {
        while n != 0 {
            n = self.nodes[n].parent;
            if n == a {
                return true;
            }
        }
        false
    }

    /// Writes the kept text under element `root` as lines.
    fn render(&self, root: usize, kept: &[bool], out: &mut Lines) {
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
fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c' | '\u{a0}')
}

/// Lines being written.
#[derive(Debug, Default)]
struct Lines {
    lines: Vec<String>,
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

    fn newline(&mut self) {
        let line = self.current.trim();
        if !line.is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.space = false;
        self.cell_break = false;
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

/// Named character references that pages use; others are kept as written.
const ENTITIES: &[(&str, &str)] = &[
    ("nbsp", "\u{a0}"),
    ("amp", "&"),
    ("lt", "<"),
    ("gt", ">"),
    ("quot", "\""),
    ("apos", "'"),
    ("ensp", "\u{2002}"),
    ("emsp", "\u{2003}"),
    ("thinsp", "\u{2009}"),
    ("zwnj", "\u{200c}"),
    ("zwj", "\u{200d}"),
    ("lrm", ""),
    ("rlm", ""),
    ("shy", ""),
    ("ndash", "–"),
    ("mdash", "—"),
    ("lsquo", "‘"),
    ("rsquo", "’"),
    ("sbquo", "‚"),
    ("ldquo", "“"),
    ("rdquo", "”"),
    ("bdquo", "„"),
    ("hellip", "…"),
    ("middot", "·"),
    ("bull", "•"),
    ("prime", "′"),
    ("Prime", "″"),
    ("permil", "‰"),
    ("laquo", "«"),
    ("raquo", "»"),
    ("lsaquo", "‹"),
    ("rsaquo", "›"),
    ("times", "×"),
    ("divide", "÷"),
    ("plusmn", "±"),
    ("deg", "°"),
    ("copy", "©"),
    ("reg", "®"),
    ("trade", "™"),
    ("sect", "§"),
    ("para", "¶"),
    ("yen", "¥"),
    ("cent", "¢"),
    ("pound", "£"),
    ("euro", "€"),
    ("micro", "µ"),
    ("frac12", "½"),
    ("frac14", "¼"),
    ("frac34", "¾"),
    ("sup1", "¹"),
    ("sup2", "²"),
    ("sup3", "³"),
    ("le", "≤"),
    ("ge", "≥"),
    ("ne", "≠"),
    ("asymp", "≈"),
    ("infin", "∞"),
    ("larr", "←"),
    ("rarr", "→"),
    ("uarr", "↑"),
    ("darr", "↓"),
    ("harr", "↔"),
];

/// Names that browsers also accept without the closing `;` (`&nbsp` in old pages).
const LEGACY: &[&str] = &["nbsp", "amp", "lt", "gt", "quot", "copy", "reg"];

/// Decodes character references in `s`.
fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        match reference(after) {
            Some((text, len)) => {
                out.push_str(&text);
                rest = &after[len..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The reference at the start of `s` (just after `&`): its text and its length.
fn reference(s: &str) -> Option<(Cow<'static, str>, usize)> {
    if let Some(num) = s.strip_prefix('#') {
        let (digits, radix, prefix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16, 2),
            None => (num, 10, 1),
        };
        let len = digits
            .bytes()
            .take_while(|b| (*b as char).is_digit(radix))
            .count();
        if len == 0 {
            return None;
        }
        let semi = usize::from(digits[len..].starts_with(';'));
        let code = u32::from_str_radix(&digits[..len.min(8)], radix).unwrap_or(u32::MAX);
        let text = match code {
            // Browsers read 128–159 as Windows-1252 (&#150; is an en dash).
            0x80..=0x9F => {
                let byte = [code as u8];
                let (t, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
                Cow::Owned(t.into_owned())
            }
            0x09 | 0x0A | 0x0D => {
                Cow::Owned(char::from_u32(code).map(String::from).unwrap_or_default())
            }
            c if c < 0x20 || c == 0x7F => Cow::Borrowed(""),
            c => Cow::Owned(char::from_u32(c).map(String::from).unwrap_or_default()),
        };
        return Some((text, prefix + len + semi));
    }
    let len = s
        .bytes()
        .take(32)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = &s[..len];
    if s[len..].starts_with(';') {
        if let Some((_, text)) = ENTITIES.iter().find(|(n, _)| *n == name) {
            return Some((Cow::Borrowed(text), len + 1));
        }
    }
    LEGACY
        .iter()
        .filter(|n| name.starts_with(**n))
        .max_by_key(|n| n.len())
        .and_then(|n| ENTITIES.iter().find(|(e, _)| e == n))
        .map(|(n, text)| (Cow::Borrowed(*text), n.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(html: &str) -> String {
        html_to_text(html).unwrap()
    }

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

    /// Character references, named, decimal and hexadecimal, with the browser quirks.
    #[test]
    fn decodes_entities() {
        assert_eq!(
            text("<p>&nbsp;&nbsp;A&amp;B &lt;C&gt; &quot;D&quot; &#12345; &#x4E00;&#X4e8c; &ldquo;E&rdquo;&hellip;</p>"),
            "A&B <C> \"D\" \u{3039} 一二 “E”…"
        );
        assert_eq!(
            text("<p>&#150;&#8212;&#0;&bogus; &amp &nbspx &#xZZ;</p>"),
            "–—&bogus; & x &#xZZ;"
        );
        assert_eq!(decode_entities("1 &lt 2 &copy2023"), "1 < 2 ©2023");
    }

    /// Scripts, styles, navigation, headers, footers, forms, comments and hidden elements
    /// are dropped, and so are elements whose class or id names chrome.
    #[test]
    fn drops_chrome() {
        let page = r#"<!DOCTYPE html><html><head><title>标题_政府网</title>
            <style>p { color: red }</style><script>if (a < b) { document.write("</div>假") }</script>
            </head><body>
            <header>网站首页</header><nav><a href="/">首页</a><a>机构</a></nav>
            <div class="nav">导航</div><div id="Footer">底部</div><ul class="topMenu"><li>菜单</li></ul>
            <div class="bread-crumb">当前位置</div><div class="share-bar">分享到</div>
            <!-- <p>注释</p> --><p>正文一</p><noscript>请启用</noscript>
            <p style="display: none">隐藏</p><p hidden>也隐藏</p>
            <form><input value="x"><button>搜索</button><select><option>选项</option></select></form>
            <aside>侧栏</aside><iframe src="x">框架</iframe><p>正文二</p>
            <footer>版权所有 ICP备12345号</footer><script src="x.js"></script></body></html>"#;
        assert_eq!(text(page), "正文一\n正文二");
    }

    /// A header inside the article holds its title and is kept.
    #[test]
    fn keeps_the_article_header() {
        let page = "<header>站点</header><article><header><h1>某某镇工作总结</h1></header><p>正文</p></article>";
        assert_eq!(text(page), "某某镇工作总结\n正文");
    }

    /// The content box is read alone when it holds most of the text, after the title line.
    #[test]
    fn prefers_the_content_box() {
        let page = r#"<body><div class="wrap">
            <div class="pages-title">某园区2022年工作总结</div>
            <div class="info">发布时间：2022-10-01 浏览次数：100</div>
            <div class="pages_content" id="UCAP-CONTENT"><div class="TRS_Editor">
              <p>一、工作总结</p><p>1.项目招引协同推进。1-9月，园区新签约项目多个，总投资多亿元。</p>
              <p>2.有效投资稳步增长。1-9月，园区实现固定资产投资多亿元，其中工业投资多亿元。</p>
            </div></div>
            <div class="related"><a>相关链接一</a><a>相关链接二</a></div>
            </div></body>"#;
        assert_eq!(
            text(page),
            "某园区2022年工作总结\n一、工作总结\n1.项目招引协同推进。1-9月，园区新签约项目多个，总投资多亿元。\n\
             2.有效投资稳步增长。1-9月，园区实现固定资产投资多亿元，其中工业投资多亿元。"
        );
        // A content box holding less than half of the text is not preferred.
        let page = r#"<p>一段很长的正文，比内容框里的字多得多，多得多，多得多。</p><div class="content">短</div>"#;
        assert_eq!(
            text(page),
            "一段很长的正文，比内容框里的字多得多，多得多，多得多。\n短"
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

    /// A page with nothing but chrome has no text.
    #[test]
    fn page_without_text_is_an_error() {
        let page = "<html><head><title>首页</title></head><body><nav>首页 机构</nav>\
                    <script>var x = 1;</script><footer>版权所有</footer></body></html>";
        assert_eq!(html_to_text(page), Err(FormatError::NoText));
        assert_eq!(html_to_text(""), Err(FormatError::NoText));
        assert_eq!(html_to_text("<p> &nbsp; </p>"), Err(FormatError::NoText));
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

    /// A GBK page says so in a meta tag, in either form; a forced encoding wins; a page whose
    /// meta tag lies is detected.
    #[test]
    fn honours_the_meta_charset() {
        let body = "<p>一、2023年工作总结</p>";
        for meta in [
            r#"<meta charset="gb2312">"#,
            r#"<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=GBK">"#,
        ] {
            let page = format!("<html><head>{meta}</head><body>{body}</body></html>");
            let (bytes, _, _) = encoding_rs::GBK.encode(&page);
            let (decoded, enc) = decode_page(&bytes, None).unwrap();
            assert_eq!(enc, encoding_rs::GBK, "{meta}");
            assert_eq!(label(enc), "html (GBK)");
            assert_eq!(html_to_text(&decoded).unwrap(), "一、2023年工作总结");
            assert_eq!(html_bytes_to_text(&bytes).unwrap(), "一、2023年工作总结");
        }
        let page = format!("<meta charset=utf-8>{body}");
        let (gbk, _, _) = encoding_rs::GBK.encode(&page);
        let (decoded, enc) = decode_page(&gbk, None).unwrap();
        assert_eq!(enc, encoding_rs::GB18030);
        assert!(decoded.contains("工作总结"));
        let (_, enc) = decode_page(page.as_bytes(), Some("utf-8")).unwrap();
        assert_eq!(label(enc), "html");
        assert!(matches!(
            decode_page(b"<meta charset=utf-8>\xFF\xFF\xFF", None),
            Err(FormatError::Decode(_))
        ));
    }
}
