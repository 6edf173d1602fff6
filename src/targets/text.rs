//! Text positions: characters around a byte offset, and the clause or sentence around it.
//!
//! Every function takes byte offsets into `text` and never panics: an offset off a char
//! boundary or past the end reads as no character. A comma between digits (1,234) is a
//! thousands separator, never a break.

use super::numbers::is_digit;

pub(super) const CLAUSE_BREAKS: &str = "，,。；;：:！!？?、\n\r\t";
pub(super) const VALUE_BREAKS: &str = "，,。；;！!？?、\n\r";
pub(super) const SENTENCE_BREAKS: &str = "。；;！!？?\n\r";

/// True for a character of the CJK Unified Ideographs block (the Chinese of documents).
pub(crate) fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

pub(super) fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

pub(super) fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

fn is_break(text: &str, i: usize, c: char, breaks: &str) -> bool {
    if !breaks.contains(c) {
        return false;
    }
    let thousands = c == ','
        && prev_char(text, i).is_some_and(is_digit)
        && next_char(text, i + 1).is_some_and(is_digit);
    !thousands
}

/// Start of the span that ends at `i`: just after the last break before it.
pub(super) fn span_start(text: &str, i: usize, breaks: &str) -> usize {
    text.get(..i)
        .unwrap_or("")
        .char_indices()
        .rev()
        .find(|&(p, c)| is_break(text, p, c, breaks))
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// End of the span that starts at `i`: the next break after it.
pub(super) fn span_end(text: &str, i: usize, breaks: &str) -> usize {
    text.get(i..)
        .unwrap_or("")
        .char_indices()
        .find(|&(p, c)| is_break(text, i + p, c, breaks))
        .map_or(text.len(), |(p, _)| i + p)
}
