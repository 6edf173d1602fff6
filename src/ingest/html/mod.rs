//! Web pages to text: the main text of a page, one line per paragraph.
//!
//! The page is parsed by html5ever, which follows the HTML standard's parsing algorithm, so
//! the unclosed `<p>` and `<li>`, stray end tags, layout tables and `<script>` bodies full of
//! `<` that government sites serve come out as a browser shows them. It never fails on
//! markup; only nesting past a few hundred elements is flattened (see `parse.rs`).
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
//!   shows it (inside `<pre>` lines are kept); control characters, which a browser does not
//!   draw, are left out. Cells of a table row are joined by ` | `, unless a cell holds whole
//!   paragraphs (a layout table), which stay lines.
//! - Character references are decoded as the standard says, all of its named ones included
//!   (`&nbsp;` `&ldquo;` `&mdash;`…; `&#150;` is an en dash as in Windows-1252, `&#0;` is
//!   U+FFFD); an unknown name is kept as written.
//!
//! Main text: when an `<article>`, or an element whose class or id contains `content`,
//! `article`, `trs_editor`, `trs_ueditor` or `zoom` (the content boxes of Chinese government
//! sites' publishing systems) holds at least half of the page's kept text, only the deepest
//! such element is read, after the page's title line: the last `h1`–`h3`, or element whose
//! class or id contains `title`, before it. Related links, counters and side columns outside
//! it are then left out even when they carry no telltale class.
//!
//! Where each step lives:
//! - `charset.rs`: bytes to text, by byte-order mark, `<meta>` charset or detection;
//! - `parse.rs`: html5ever's tokenizer and tree builder, with nesting capped;
//! - `dom.rs`: the parsed tree laid out flat, with what the later steps read;
//! - `main_text.rs`: dropping chrome and choosing the main text;
//! - `render.rs`: the kept text as lines (blocks, tables, `<pre>`).

mod charset;
mod dom;
mod main_text;
mod parse;
mod render;

pub use charset::{decode_page, label};

use super::FormatError;
use dom::Dom;
use render::Lines;

/// The main text of a page given as bytes; see the module documentation.
pub fn html_bytes_to_text(bytes: &[u8]) -> Result<String, FormatError> {
    let (page, _) = decode_page(bytes, None)?;
    html_to_text(&page)
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

/// Builders shared by the unit tests of this module's files.
#[cfg(test)]
mod test_support {
    use super::*;

    pub(super) fn text(html: &str) -> String {
        html_to_text(html).unwrap()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page with nothing but chrome has no text.
    #[test]
    fn page_without_text_is_an_error() {
        let page = "<html><head><title>首页</title></head><body><nav>首页 机构</nav>\
                    <script>var x = 1;</script><footer>版权所有</footer></body></html>";
        assert_eq!(html_to_text(page), Err(FormatError::NoText));
        assert_eq!(html_to_text(""), Err(FormatError::NoText));
        assert_eq!(html_to_text("<p> &nbsp; </p>"), Err(FormatError::NoText));
    }
}
