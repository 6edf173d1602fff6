//! Numbering: the list definitions of `word/numbering.xml`, and the marker of a numbered
//! paragraph.
//!
//! [`Numbering::parse`] reads `w:abstractNum` and `w:num` (with `w:lvlOverride` and
//! `w:startOverride`); a level is resolved through `w:num` → `w:abstractNumId` →
//! `w:abstractNum` → `w:lvl`, following `w:numStyleLink` at most four times. The walker's
//! `render` keeps a counter per list instance and level, restarts deeper levels when a
//! shallower one advances (or as `w:lvlRestart` says) and fills in `w:lvlText`. Numbering
//! that cannot be resolved, bullets and empty markers give no marker: the text is left alone.

use super::body::{Para, Walker};
use super::numfmt::{format_number, NumFmt};
use super::styles::Styles;
use super::xml::{attr, level_index, local, val_num, Tag, Tags};
use super::LEVELS;
use std::collections::HashMap;

/// What follows a marker (`w:suff`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Suffix {
    #[default]
    Tab,
    Space,
    Nothing,
}

/// One level of a list (`w:lvl`).
#[derive(Debug, Clone, Default)]
struct Level {
    /// `w:start`; the standard makes a missing one 0.
    start: Option<u32>,
    fmt: Option<NumFmt>,
    /// `w:lvlText`, such as `%1、`.
    text: Option<String>,
    suffix: Suffix,
    /// `w:isLgl`: every number in the marker is decimal.
    legal: bool,
    /// `w:lvlRestart`: restart after this (1-based) level is used; 0 never.
    restart: Option<u32>,
    /// `w:pStyle`: the paragraph style this level belongs to.
    style: Option<String>,
}

impl Level {
    fn start(&self) -> u32 {
        self.start.unwrap_or(0)
    }

    fn fmt(&self) -> NumFmt {
        self.fmt.unwrap_or(NumFmt::Decimal)
    }
}

/// An abstract list definition (`w:abstractNum`).
#[derive(Debug, Clone, Default)]
struct AbstractNum {
    levels: [Option<Level>; LEVELS],
    /// `w:numStyleLink`: the levels live in the numbering style of that id.
    style_link: Option<String>,
}

/// A list instance (`w:num`).
#[derive(Debug, Clone, Default)]
struct Num {
    abstract_id: Option<String>,
    start_override: [Option<u32>; LEVELS],
    level_override: [Option<Level>; LEVELS],
}

/// The list definitions of `word/numbering.xml`.
#[derive(Debug, Clone, Default)]
pub(super) struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    pub(super) fn parse(xml: &str) -> Result<Numbering, quick_xml::Error> {
        let mut out = Numbering::default();
        let mut tags = Tags::new(xml);
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        while let Some(tag) = tags.next_tag()? {
            let (e, empty) = match tag {
                Tag::Open { e, empty } => (e, empty),
                Tag::Close(name) => {
                    out.close(
                        &name,
                        &mut abstract_id,
                        &mut num_id,
                        &mut override_level,
                        &mut level,
                    );
                    continue;
                }
            };
            let name = local(&e);
            match name {
                "abstractNum" => {
                    abstract_id = attr(&e, "abstractNumId");
                    if let Some(id) = &abstract_id {
                        out.abstracts.insert(id.clone(), AbstractNum::default());
                    }
                }
                "num" => {
                    num_id = attr(&e, "numId");
                    if let Some(id) = &num_id {
                        out.nums.insert(id.clone(), Num::default());
                    }
                }
                "abstractNumId" => {
                    if let Some(num) = num_id.as_ref().and_then(|id| out.nums.get_mut(id)) {
                        num.abstract_id = attr(&e, "val");
                    }
                }
                "lvlOverride" => {
                    override_level = level_index(attr(&e, "ilvl").and_then(|v| v.parse().ok()));
                }
                "startOverride" => {
                    if let (Some(num), Some(i)) = (
                        num_id.as_ref().and_then(|id| out.nums.get_mut(id)),
                        override_level,
                    ) {
                        num.start_override[i] = val_num(&e);
                    }
                }
                "numStyleLink" => {
                    if let Some(abs) = abstract_id
                        .as_ref()
                        .and_then(|id| out.abstracts.get_mut(id))
                    {
                        abs.style_link = attr(&e, "val");
                    }
                }
                "lvl" => {
                    let i = level_index(attr(&e, "ilvl").and_then(|v| v.parse().ok())).unwrap_or(0);
                    level = Some((i, Level::default()));
                }
                _ => {
                    if let Some((_, lvl)) = level.as_mut() {
                        match name {
                            "start" => lvl.start = val_num(&e),
                            "numFmt" => {
                                let val = attr(&e, "val").unwrap_or_default();
                                lvl.fmt = Some(NumFmt::parse(&val, attr(&e, "format").as_deref()));
                            }
                            "lvlText" => lvl.text = attr(&e, "val"),
                            "suff" => {
                                lvl.suffix = match attr(&e, "val").as_deref() {
                                    Some("space") => Suffix::Space,
                                    Some("nothing") => Suffix::Nothing,
                                    _ => Suffix::Tab,
                                }
                            }
                            "isLgl" => {
                                lvl.legal = !matches!(
                                    attr(&e, "val").as_deref(),
                                    Some("0" | "false" | "off")
                                )
                            }
                            "lvlRestart" => lvl.restart = val_num(&e),
                            "pStyle" => lvl.style = attr(&e, "val"),
                            _ => {}
                        }
                    }
                }
            }
            if empty {
                out.close(
                    name,
                    &mut abstract_id,
                    &mut num_id,
                    &mut override_level,
                    &mut level,
                );
            }
        }
        Ok(out)
    }

    /// Handles the end of element `name` while parsing.
    fn close(
        &mut self,
        name: &str,
        abstract_id: &mut Option<String>,
        num_id: &mut Option<String>,
        override_level: &mut Option<usize>,
        level: &mut Option<(usize, Level)>,
    ) {
        match name {
            "lvl" => {
                let Some((i, lvl)) = level.take() else {
                    return;
                };
                if let (Some(num), Some(o)) = (
                    num_id.as_ref().and_then(|id| self.nums.get_mut(id)),
                    *override_level,
                ) {
                    num.level_override[o] = Some(lvl);
                } else if let Some(abs) = abstract_id
                    .as_ref()
                    .and_then(|id| self.abstracts.get_mut(id))
                {
                    abs.levels[i] = Some(lvl);
                }
            }
            "lvlOverride" => *override_level = None,
            "num" => *num_id = None,
            "abstractNum" => *abstract_id = None,
            _ => {}
        }
    }

    /// The abstract list behind instance `num`, following numbering-style links.
    fn abstract_of<'a>(&'a self, num: &'a Num, styles: &Styles) -> Option<&'a AbstractNum> {
        let mut abs = self.abstracts.get(num.abstract_id.as_ref()?)?;
        for _ in 0..4 {
            let Some(link) = &abs.style_link else {
                return Some(abs);
            };
            let linked = styles.by_id.get(link)?.num_id.as_ref()?;
            abs = self
                .abstracts
                .get(self.nums.get(linked)?.abstract_id.as_ref()?)?;
        }
        None
    }

    /// Level `ilvl` of list instance `num_id`, with its overrides applied.
    fn level(&self, num_id: &str, ilvl: usize, styles: &Styles) -> Option<Level> {
        let num = self.nums.get(num_id)?;
        let mut level = match &num.level_override[ilvl] {
            Some(level) => level.clone(),
            None => self.abstract_of(num, styles)?.levels[ilvl].clone()?,
        };
        if let Some(start) = num.start_override[ilvl] {
            level.start = Some(start);
        }
        Some(level)
    }

    /// The level of list `num_id` that belongs to paragraph style `style`.
    fn level_of_style(&self, num_id: &str, style: &str, styles: &Styles) -> Option<usize> {
        let num = self.nums.get(num_id)?;
        let abs = self.abstract_of(num, styles)?;
        abs.levels
            .iter()
            .position(|l| l.as_ref().and_then(|l| l.style.as_deref()) == Some(style))
    }
}

impl Walker<'_> {
    /// The paragraph's text with its numbering marker, when it has one.
    pub(super) fn render(&mut self, para: Para) -> String {
        match self.marker(&para) {
            Some((marker, suffix)) => {
                let ends_in_punct = marker
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_ascii_punctuation() || "、．。）】」：".contains(c));
                let sep = if suffix == Suffix::Nothing || ends_in_punct {
                    ""
                } else {
                    " "
                };
                format!("{marker}{sep}{}", para.text)
            }
            None => para.text,
        }
    }

    /// Advances the paragraph's list counter and renders its marker.
    fn marker(&mut self, para: &Para) -> Option<(String, Suffix)> {
        let (style_num, style_ilvl) = para
            .style
            .as_deref()
            .map_or((None, None), |s| self.styles.numbering(s));
        let num_id = para.num_id.clone().or(style_num)?;
        if num_id == "0" {
            return None;
        }
        let ilvl = para
            .ilvl
            .or(style_ilvl)
            .or_else(|| {
                let style = para.style.as_deref()?;
                self.numbering.level_of_style(&num_id, style, self.styles)
            })
            .unwrap_or(0);
        let level = self.numbering.level(&num_id, ilvl, self.styles)?;
        let levels: Vec<Option<Level>> = (0..LEVELS)
            .map(|i| self.numbering.level(&num_id, i, self.styles))
            .collect();
        let counters = self.counters.entry(num_id).or_default();
        counters[ilvl] = Some(match counters[ilvl] {
            Some(n) => n.saturating_add(1),
            None => level.start(),
        });
        for (deeper, def) in levels.iter().enumerate().skip(ilvl + 1) {
            let restart = def.as_ref().and_then(|l| l.restart);
            // By default a level restarts whenever a shallower one is used; `w:lvlRestart`
            // names the (1-based) level after which it restarts, 0 for never.
            if restart.is_none_or(|r| (ilvl as u32) < r) {
                counters[deeper] = None;
            }
        }
        if level.fmt() == NumFmt::Bullet {
            return None;
        }
        let template = level.text.as_deref()?;
        let mut marker = String::new();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            let digit = chars
                .peek()
                .and_then(|d| d.to_digit(10))
                .filter(|d| (1..=9).contains(d));
            match (c, digit) {
                ('%', Some(d)) => {
                    chars.next();
                    let i = d as usize - 1;
                    let def = levels[i].as_ref();
                    let n = counters[i].unwrap_or_else(|| def.map_or(0, Level::start));
                    let fmt = if level.legal {
                        NumFmt::Decimal
                    } else {
                        def.map_or(NumFmt::Decimal, Level::fmt)
                    };
                    marker.push_str(&format_number(n, fmt));
                }
                _ => marker.push(c),
            }
        }
        (!marker.trim().is_empty()).then_some((marker, level.suffix))
    }
}

#[cfg(test)]
mod tests {
    use crate::ingest::docx::test_support::{docx, list, lvl, p, text};

    /// Decimal numbering, the tab after a marker ending in punctuation dropped.
    #[test]
    fn decimal_numbering() {
        let numbering = list(&[lvl(0, 1, "decimal", "%1.", None)]);
        let body = [
            p(Some((1, 0)), "甲"),
            p(None, "正文"),
            p(Some((1, 0)), "乙"),
        ]
        .concat();
        assert_eq!(
            text(&docx(&body, Some(&numbering), None)),
            "1.甲\n正文\n2.乙"
        );
    }

    /// Chinese counting at level 0 and decimal at level 1: the deeper level restarts when
    /// the shallower advances; numbers past ten read 十, 十一.
    #[test]
    fn nested_chinese_and_decimal_levels() {
        let numbering = list(&[
            lvl(0, 9, "chineseCounting", "%1、", Some("nothing")),
            lvl(1, 1, "decimal", "%2.", None),
        ]);
        let body = [
            p(Some((1, 0)), "甲"),
            p(Some((1, 1)), "a"),
            p(Some((1, 1)), "b"),
            p(Some((1, 0)), "乙"),
            p(Some((1, 1)), "c"),
            p(Some((1, 0)), "丙"),
        ]
        .concat();
        assert_eq!(
            text(&docx(&body, Some(&numbering), None)),
            "九、甲\n1.a\n2.b\n十、乙\n1.c\n十一、丙"
        );
    }

    /// （%1） with Chinese counting, circled numbers followed by a space, and `%1.%2`.
    #[test]
    fn parenthesised_circled_and_multilevel_markers() {
        let numbering = list(&[
            lvl(0, 1, "chineseCountingThousand", "（%1）", None),
            lvl(1, 1, "decimalEnclosedCircleChinese", "%2", None),
            lvl(2, 1, "decimal", "%1.%3", Some("space")),
        ]);
        let body = [
            p(Some((1, 0)), "甲"),
            p(Some((1, 1)), "a"),
            p(Some((1, 1)), "b"),
            p(Some((1, 2)), "c"),
            p(Some((1, 0)), "乙"),
        ]
        .concat();
        assert_eq!(
            text(&docx(&body, Some(&numbering), None)),
            "（一）甲\n① a\n② b\n一.1 c\n（二）乙"
        );
    }

    /// `w:isLgl` writes every number of the marker in decimal.
    #[test]
    fn legal_numbering_is_decimal() {
        let numbering = list(&[
            lvl(0, 2, "chineseCounting", "%1、", None),
            r#"<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>"#.to_string(),
        ]);
        let body = [p(Some((1, 0)), "甲"), p(Some((1, 1)), "a")].concat();
        assert_eq!(text(&docx(&body, Some(&numbering), None)), "二、甲\n2.1 a");
    }

    /// A second instance of the same list counts on its own, and `w:startOverride` sets
    /// where it starts.
    #[test]
    fn instances_count_separately_and_honour_start_override() {
        let numbering = format!(
            "{}{}",
            list(&[lvl(0, 1, "chineseCounting", "%1、", None)]),
            r#"<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>"#
        );
        let body = [
            p(Some((1, 0)), "甲"),
            p(Some((1, 0)), "乙"),
            p(Some((2, 0)), "丙"),
            p(Some((2, 0)), "丁"),
            p(Some((1, 0)), "戊"),
        ]
        .concat();
        assert_eq!(
            text(&docx(&body, Some(&numbering), None)),
            "一、甲\n二、乙\n三、丙\n四、丁\n三、戊"
        );
    }

    /// Bullets and unresolvable lists leave the text alone; a damaged numbering part too.
    #[test]
    fn unresolvable_numbering_keeps_the_text() {
        let numbering = list(&[lvl(0, 1, "bullet", "\u{F0B7}", None)]);
        let body = [p(Some((1, 0)), "点"), p(Some((7, 0)), "无定义")].concat();
        assert_eq!(text(&docx(&body, Some(&numbering), None)), "点\n无定义");
        assert_eq!(text(&docx(&body, Some("<w:num"), None)), "点\n无定义");
    }
}
