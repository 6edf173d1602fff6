//! Column widths and line wrapping for the wide terminal tables, done here in linear time
//! and handed to comfy-table as fixed columns of lines that already fit.
//!
//! comfy-table wraps a line with no spaces (any Chinese sentence) by cutting one line off
//! the front and copying the rest, again and again, and it does so once to choose the
//! widths and once more to print: time quadratic in the length of a cell. On the README's
//! main command that was a quarter of the whole run. The widths and the lines here follow
//! comfy-table's own rules (its dynamic arrangement, its cut at spaces and within long
//! words), so the table prints as comfy-table alone would print it; a test renders real
//! cells both ways and compares them.

use comfy_table::{Cell, ColumnConstraint, Table, Width};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Padding of every cell, left plus right, in the house style.
const PADDING: usize = 2;
/// comfy-table leaves a line once less than this much room would be left on it.
const MIN_FREE: usize = 2;

/// The content width of each column of a table `total` columns wide, with borders between
/// the columns and at both sides: comfy-table's dynamic arrangement, for columns without
/// constraints. `rows` includes the header.
pub fn widths(total: u16, rows: &[&[String]]) -> Vec<usize> {
    let n = rows.iter().map(|r| r.len()).max().unwrap_or(0);
    if n == 0 {
        return Vec::new();
    }
    // Each column's widest line (at least 1).
    let mut widest = vec![1usize; n];
    for row in rows {
        for (c, cell) in row.iter().enumerate() {
            for line in cell.split('\n') {
                widest[c] = widest[c].max(line.width());
            }
        }
    }
    let mut fixed: Vec<Option<usize>> = vec![None; n];
    let mut left = usize::from(total).saturating_sub(n + 1 + PADDING * n);
    let mut open = n;
    // Columns narrower than the average room left keep their own width.
    settle(&mut fixed, &mut left, &mut open, |c, average| {
        (widest[c] <= average).then_some(widest[c])
    });
    // A column whose lines, once cut to the average, leave room to spare takes only what it
    // needs. (comfy-table measures these lines in bytes, not columns; so does this.)
    settle(&mut fixed, &mut left, &mut open, |c, average| {
        let longest = longest_after_split(rows, c, average);
        (average.saturating_sub(longest) >= 3).then_some(longest)
    });
    // The rest is shared out evenly, the first columns taking one more where it is uneven.
    if open > 0 {
        let left = left.max(open);
        let (share, mut extra) = (left / open, left % open);
        for w in fixed.iter_mut().filter(|w| w.is_none()) {
            let plus = usize::from(extra > 0);
            extra = extra.saturating_sub(1);
            *w = Some((share + plus).max(1));
        }
    }
    fixed.into_iter().map(|w| w.unwrap_or(1)).collect()
}

/// Passes over the open columns until a pass fixes none: `fits(column, average room left)`
/// gives the width a column is fixed at, if it is, and the room it takes is taken from
/// `left` at once.
fn settle(
    fixed: &mut [Option<usize>],
    left: &mut usize,
    open: &mut usize,
    fits: impl Fn(usize, usize) -> Option<usize>,
) {
    let mut found = true;
    while found && *open > 0 {
        found = false;
        for (c, slot) in fixed.iter_mut().enumerate() {
            if slot.is_some() || *open == 0 {
                continue;
            }
            if let Some(w) = fits(c, *left / *open) {
                *slot = Some(w.max(1));
                *left = left.saturating_sub(w);
                *open -= 1;
                found = true;
            }
        }
    }
}

fn longest_after_split(rows: &[&[String]], c: usize, average: usize) -> usize {
    let mut longest = 0;
    for cell in rows.iter().filter_map(|r| r.get(c)) {
        for line in cell.split('\n') {
            if line.width() > average {
                for part in split_line(line, average.max(1)) {
                    longest = longest.max(part.len());
                }
            } else {
                longest = longest.max(line.len());
            }
        }
    }
    longest
}

/// `cell` with each of its lines wider than `width` cut into lines that fit.
pub fn wrap(cell: &str, width: usize) -> String {
    let mut out: Vec<String> = Vec::new();
    for line in cell.split('\n') {
        if line.width() > width {
            out.extend(split_line(line, width));
        } else {
            out.push(line.to_string());
        }
    }
    out.join("\n")
}

/// Sets each column of `table` to its width (content plus padding), so that comfy-table
/// keeps the widths and the lines it is given. Call it once the rows are in: comfy-table
/// makes a table's columns as its rows come, and a constraint for a column not yet made is
/// dropped.
pub fn fix_widths(table: &mut Table, widths: &[usize]) {
    let constraints = widths.iter().map(|&w| {
        let w = u16::try_from(w + PADDING).unwrap_or(u16::MAX);
        ColumnConstraint::Absolute(Width::Fixed(w))
    });
    table.set_constraints(constraints);
}

/// A table `total` columns wide holding `header` and `rows`, every cell wrapped here to its
/// column's width: what comfy-table alone would print, in time linear in the text (a
/// 300,000-character clause with no punctuation took comfy-table minutes).
pub fn table<R: AsRef<[String]>>(total: u16, header: &[&str], rows: &[R]) -> Table {
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    let all: Vec<&[String]> = std::iter::once(&header[..])
        .chain(rows.iter().map(AsRef::as_ref))
        .collect();
    let widths = widths(total, &all);
    let mut table = super::outline::new_table(total);
    table.set_header(header.iter().zip(&widths).map(|(h, &w)| cell(h, w)));
    for row in rows {
        table.add_row(row.as_ref().iter().zip(&widths).map(|(t, &w)| cell(t, w)));
    }
    fix_widths(&mut table, &widths);
    table
}

/// A new cell holding `text` wrapped to `width`.
pub fn cell(text: &str, width: usize) -> Cell {
    Cell::new(wrap(text, width))
}

/// One line cut to `width` columns as comfy-table cuts it: at spaces where the words fit,
/// within a word wider than the room left, and a line is closed once at most
/// [`MIN_FREE`] columns are left on it. Each piece's width is carried along rather than
/// measured again, so the time is linear in the line.
fn split_line(line: &str, width: usize) -> Vec<String> {
    let mut words: Vec<(&str, Option<usize>)> = line.split(' ').rev().map(|w| (w, None)).collect();
    let mut lines = Vec::new();
    let mut current = String::new();
    let mut current_width = 0;
    let full = |current: &mut String, current_width: &mut usize, lines: &mut Vec<String>| {
        if *current_width > width.saturating_sub(MIN_FREE) {
            lines.push(std::mem::take(current));
            *current_width = 0;
        }
    };
    while let Some((next, known)) = words.pop() {
        let next_width = known.unwrap_or_else(|| next.width());
        let gap = usize::from(!current.is_empty());
        let room = width.saturating_sub(current_width).saturating_sub(gap);
        if current_width + gap + next_width <= width {
            if gap == 1 {
                current.push(' ');
            }
            current.push_str(next);
            current_width += gap + next_width;
            full(&mut current, &mut current_width, &mut lines);
            continue;
        }
        if gap == 1 && room <= MIN_FREE {
            words.push((next, Some(next_width)));
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        if next_width > width {
            if gap == 1 {
                current.push(' ');
            }
            let (cut, cut_width) = fitting_prefix(next, room);
            let (mut head, mut rest) = next.split_at(cut);
            let mut rest_width = next_width.saturating_sub(cut_width);
            if gap == 0 && head.is_empty() {
                // Nothing fits on an empty line: one character goes there anyway.
                let first = rest.chars().next().map_or(0, char::len_utf8);
                (head, rest) = next.split_at(first);
                rest_width = rest.width();
            }
            current.push_str(head);
            words.push((rest, Some(rest_width)));
            lines.push(std::mem::take(&mut current));
            current_width = 0;
            continue;
        }
        lines.push(std::mem::take(&mut current));
        current.push_str(next);
        current_width = next_width;
        full(&mut current, &mut current_width, &mut lines);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// The longest run of whole graphemes at the start of `word` that fits in `room` columns:
/// its length in bytes and its width.
fn fitting_prefix(word: &str, room: usize) -> (usize, usize) {
    let mut width = 0;
    for (at, g) in word.grapheme_indices(true) {
        let w = g.width();
        if width + w > room {
            return (at, width);
        }
        width += w;
    }
    (word.len(), width)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::outline::new_table;

    /// Renders `rows` (the first is the header) with comfy-table's own wrapping, and with
    /// the widths and lines of this module.
    fn both(total: u16, rows: &[Vec<String>]) -> (String, String) {
        let mut theirs = new_table(total);
        theirs.set_header(rows[0].clone());
        for r in &rows[1..] {
            theirs.add_row(r.clone());
        }
        let header: Vec<&str> = rows[0].iter().map(String::as_str).collect();
        let ours = table(total, &header, &rows[1..]);
        (theirs.to_string(), ours.to_string())
    }

    /// Real cells of every kind the track table holds (long Chinese paragraphs with
    /// full-width and half-width punctuation, ids, scores, reasons with spaces, a quote
    /// after an id) print exactly as comfy-table alone prints them, at every width.
    #[test]
    fn wrapped_here_prints_as_comfy_table_would() {
        let text = std::fs::read_to_string("samples/shengtaiyuan-2022-summary-2023-plan.txt")
            .expect("sample");
        let paragraphs: Vec<&str> = text.lines().filter(|l| l.chars().count() > 60).collect();
        assert!(paragraphs.len() >= 5, "the sample has long paragraphs");
        let header: Vec<String> = ["id", "goal", "status", "score", "evidence"]
            .map(String::from)
            .to_vec();
        let mut rows = vec![header];
        for (i, p) in paragraphs.iter().take(12).enumerate() {
            rows.push(vec![
                format!("D1.S2.I{i}\n(lead ¶{i})"),
                p.to_string(),
                "unmentioned".into(),
                format!("0.{i}5"),
                format!(
                    "D2.S1.I{i} (0.18) (+2 more): {}\n— no review sentence covers 25% of it (best {i}%)",
                    paragraphs[(i + 3) % paragraphs.len()]
                ),
            ]);
            rows.push(vec![
                String::new(),
                format!("  └ {}", &p.chars().take(15).collect::<String>()),
                "met".into(),
                String::new(),
                "— “完成” in the clause that reports it".into(),
            ]);
        }
        for total in [40u16, 60, 79, 80, 100, 120, 121, 160, 250] {
            let (theirs, ours) = both(total, &rows);
            assert_eq!(ours, theirs, "at width {total}");
        }
        // A narrow table of short cells, which all fit.
        let small = vec![
            vec!["a".to_string(), "b".to_string()],
            vec!["一二三".to_string(), "x y z".to_string()],
        ];
        let (theirs, ours) = both(120, &small);
        assert_eq!(ours, theirs);
    }
}
