//! Parsing: a page's markup to a tree, by html5ever, as a browser builds it.
//!
//! html5ever's tokenizer and tree builder implement the HTML standard's parsing algorithm,
//! so unclosed `<p>` and `<li>`, stray end tags, text in the wrong place of a table,
//! `<script>` bodies full of `<`, comments, doctypes and character references (`&nbsp;`
//! `&#x4E2D;` `&amp;`, the `&nbsp` of old pages without its `;`) come out as a browser would
//! have them, and no markup makes it fail.
//!
//! One thing is added: nesting is capped. The standard's tree builder scans its stack of
//! open elements for most tags, so a page nested thousands of elements deep costs time that
//! grows with the square of the depth (10,000 nested `<div>`s take seconds). Like Chromium,
//! which stops nesting at 512, start tags that would open elements past `MAX_OPEN` are left
//! out, with as many of their end tags; their text stays, in the deepest element kept. Tags
//! that change how the tokenizer reads what follows (`<script>`, `<style>`, `<textarea>`…)
//! and elements that never have content are always let through.

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use html5ever::tree_builder::{Tracer, TreeBuilder, TreeBuilderOpts};
use html5ever::{LocalName, TokenizerResult};
use markup5ever_rcdom::{Handle, RcDom};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// How many elements the tree builder may hold open (counting its list of active formatting
/// elements) before start tags are left out: far deeper than any real page.
const MAX_OPEN: usize = 400;

/// How much of the page is handed to the tokenizer at a time.
const CHUNK_BYTES: usize = 1 << 16;

/// Elements whose start tag is never left out: those after which the tokenizer reads raw
/// text, the document's own structure, and elements that never have content.
const ALWAYS_KEPT: &[&str] = &[
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
    "html",
    "head",
    "body",
    "frameset",
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "keygen",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
];

/// Parses a page into html5ever's reference tree.
pub(super) fn parse(html: &str) -> RcDom {
    let builder = TreeBuilder::new(RcDom::default(), TreeBuilderOpts::default());
    let tokenizer = Tokenizer::new(Capped::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    let mut rest = html;
    while !rest.is_empty() {
        let mut cut = rest.len().min(CHUNK_BYTES);
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        input.push_back(StrTendril::from_slice(&rest[..cut]));
        rest = &rest[cut..];
        // The tokenizer pauses after each `</script>` (for pages that run scripts); this
        // one does not, so it is simply resumed.
        while !matches!(tokenizer.feed(&input), TokenizerResult::Done) {}
    }
    tokenizer.end();
    let Capped { builder, .. } = tokenizer.sink;
    builder.sink
}

/// The tree builder behind a gate that leaves out start tags nested past [`MAX_OPEN`].
struct Capped {
    builder: TreeBuilder<Handle, RcDom>,
    /// Elements the tree builder held when last counted.
    counted: Cell<usize>,
    /// Start tags let through since the count: each may have opened an element.
    opened_since: Cell<usize>,
    /// An end tag was let through since the count: elements may have closed.
    closed_since: Cell<bool>,
    /// Start tags left out, by name, whose end tags are still to be left out.
    left_out: RefCell<HashMap<LocalName, usize>>,
}

impl Capped {
    fn new(builder: TreeBuilder<Handle, RcDom>) -> Capped {
        Capped {
            builder,
            counted: Cell::new(0),
            opened_since: Cell::new(0),
            closed_since: Cell::new(false),
            left_out: RefCell::new(HashMap::new()),
        }
    }

    /// True when another element would nest too deep. Counting costs a walk over the open
    /// elements, so it is done only when the estimate reaches the cap and something has
    /// changed since the last count.
    fn too_deep(&self) -> bool {
        let estimate = self.counted.get() + self.opened_since.get();
        if estimate < MAX_OPEN {
            return false;
        }
        if self.opened_since.get() > 0 || self.closed_since.get() {
            let count = Count(Cell::new(0));
            self.builder.trace_handles(&count);
            self.counted.set(count.0.get());
            self.opened_since.set(0);
            self.closed_since.set(false);
        }
        self.counted.get() >= MAX_OPEN
    }
}

impl TokenSink for Capped {
    type Handle = Handle;

    fn process_token(&self, token: Token, line_number: u64) -> TokenSinkResult<Handle> {
        if let Token::ParseError(_) = token {
            // Nothing reads them: they would only pile up in the tree.
            return TokenSinkResult::Continue;
        }
        if let Token::TagToken(tag) = &token {
            match tag.kind {
                TagKind::StartTag if !ALWAYS_KEPT.contains(&&*tag.name) => {
                    if self.too_deep() {
                        *self
                            .left_out
                            .borrow_mut()
                            .entry(tag.name.clone())
                            .or_default() += 1;
                        return TokenSinkResult::Continue;
                    }
                    self.opened_since.set(self.opened_since.get() + 1);
                }
                TagKind::StartTag => {}
                TagKind::EndTag => {
                    if let Some(n) = self.left_out.borrow_mut().get_mut(&tag.name) {
                        if *n > 0 {
                            *n -= 1;
                            return TokenSinkResult::Continue;
                        }
                    }
                    self.closed_since.set(true);
                }
            }
        }
        self.builder.process_token(token, line_number)
    }

    fn end(&self) {
        self.builder.end();
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.builder
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}

/// Counts the handles the tree builder holds: the document, the open elements, the active
/// formatting elements and a few pointers.
struct Count(Cell<usize>);

impl Tracer for Count {
    type Handle = Handle;

    fn trace_handle(&self, _: &Handle) {
        self.0.set(self.0.get() + 1);
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::html::test_support::text;
    use crate::ingest::html::{html_to_text, FormatError};

    /// Character references, named, decimal and hexadecimal, with the browser quirks.
    #[test]
    fn decodes_character_references() {
        assert_eq!(
            text("<p>&nbsp;&nbsp;A&amp;B &lt;C&gt; &quot;D&quot; &#12345; &#x4E2D;&#X4e8c; &ldquo;E&rdquo;&hellip;</p>"),
            "A&B <C> \"D\" \u{3039} 中二 “E”…"
        );
        // 128–159 in their Windows-1252 meaning, NUL as U+FFFD, unknown names and bad
        // numbers as written, and old names without their `;`.
        assert_eq!(
            text("<p>&#150;&#8212;&#0;&bogus; &amp &nbspx &#xZZ;</p>"),
            "–—\u{FFFD}&bogus; & x &#xZZ;"
        );
        assert_eq!(text("<p>1 &lt 2 &copy2023</p>"), "1 < 2 ©2023");
        // Control characters, written raw or as references, are not drawn.
        assert_eq!(text("<p>甲&#1;\u{1}乙&#127;\u{85}丙</p>"), "甲乙丙");
    }

    /// Script and style bodies are raw text, whatever markup they hold, and are dropped
    /// with comments, doctypes and processing instructions.
    #[test]
    fn drops_scripts_styles_and_comments() {
        let page = "<!DOCTYPE html><?xml version=\"1.0\"?><p>甲</p>\
                    <script>if (a < b) { document.write('<p>假</p>'); } // </scr + ipt></script>\
                    <style>p::before { content: \"</p>假\" }</style>\
                    <!-- <p>注释</p> --><!--><p>乙</p><![CDATA[假]]><p>丙</p>";
        assert_eq!(text(page), "甲\n乙\n丙");
    }

    /// An unterminated comment runs to the end of the page, as in a browser.
    #[test]
    fn unterminated_comment_hides_the_rest() {
        assert_eq!(text("<p>前文</p><!-- 未结束 <p>后文</p>"), "前文");
        assert_eq!(html_to_text("<!--<p>正文</p>"), Err(FormatError::NoText));
    }

    /// Cells without a table row, text and paragraphs loose in a table: a browser makes the
    /// rows and puts the stray text before the table.
    #[test]
    fn table_soup() {
        assert_eq!(
            text("<table><td>甲<td>乙<tr>丙<p>丁</table>戊"),
            "丙\n丁\n甲 | 乙\n戊"
        );
    }

    /// Elements nested past the cap are read as if their tags were not there: their text
    /// stays, and the end tags that match them close nothing else.
    #[test]
    fn nesting_is_capped() {
        let n = 10_000;
        let page = format!(
            "<div>{}深<b>处</b>{}</div><p>后文</p>",
            "<div><span>".repeat(n),
            "</span></div>".repeat(n)
        );
        assert_eq!(text(&page), "深处\n后文");
        // A script deep down is still a script.
        let page = format!(
            "{}<script>var a = '<p>假</p>';</script>正文{}",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert_eq!(text(&page), "正文");
    }
}
