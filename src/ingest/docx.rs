//! Word .docx to text: one line per paragraph, in document order.
//!
//! A .docx is a zip archive of XML parts; the `zip` crate opens it and `quick-xml` reads the
//! parts. The main part (found through `_rels/.rels`, normally `word/document.xml`) is walked
//! in order:
//! - each paragraph (`w:p`) becomes one line, the text of its runs (`w:t`) joined; a tab
//!   (`w:tab`, `w:ptab`) is a tab; a manual line break (`w:br`, `w:cr`, of any type) starts a
//!   new line, since it separates lines the reader sees as separate (a title from its date);
//! - a table (`w:tbl`) becomes one line per row, its non-empty cells joined by ` | ` and the
//!   paragraphs of a cell by a space; a table inside a cell is flattened into that cell;
//! - a paragraph in a text box is a line of its own, placed before the paragraph that
//!   anchors the box;
//! - deleted and moved-away text of tracked changes, old property sets, and the fallback
//!   copies that `mc:AlternateContent` keeps for old readers are skipped; headers, footers,
//!   footnotes and comments live in other parts and are not read.
//!
//! Automatic numbering (`w:numPr` on the paragraph or on its paragraph style) is rendered as
//! the marker Word shows: the paragraph's level is resolved through `word/numbering.xml`
//! (`w:num` → `w:abstractNumId` → `w:abstractNum` → `w:lvl`, following `w:numStyleLink`,
//! with `w:lvlOverride`/`w:startOverride` honoured), a counter is kept per list instance
//! (`numId`) and level, deeper levels restart when a shallower one advances (or as
//! `w:lvlRestart` says), and `w:lvlText` such as `%1、`, `（%2）` or `%1.%2` is filled in with
//! each level's counter in that level's `w:numFmt` (see [`format_number`]). The tab or space
//! Word puts after a marker is dropped when the marker ends in punctuation (`1.重点`, as
//! plain-text copies write it) and is one space otherwise (`① 重点`). Bullets are not
//! rendered: they carry no number. Numbering that cannot be resolved leaves the text alone,
//! and so does a damaged `numbering.xml` or `styles.xml`.
//!
//! A file that is not a complete zip, a zip that holds no Word document, and a main part that
//! is not well-formed XML are errors ([`FormatError`]); nothing here panics.

use super::FormatError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::{Cursor, Read};
use zip::result::ZipError;
use zip::ZipArchive;

/// Largest unpacked XML part that is read. Real documents are a few MB at most; the limit
/// stops a zip bomb from filling memory.
const PART_LIMIT_MB: u64 = 256;

/// Numbering has nine levels, `w:ilvl` 0 to 8.
const LEVELS: usize = 9;

type Archive<'a> = ZipArchive<Cursor<&'a [u8]>>;

/// The text of a .docx, one line per paragraph or table row.
pub fn docx_to_text(bytes: &[u8]) -> Result<String, FormatError> {
    let mut zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        FormatError::DamagedDocx(match e {
            // The central directory a zip ends with is what a cut-short download lacks.
            ZipError::InvalidArchive(m) if m.contains("EOCD") => {
                "the end of the archive is missing".to_string()
            }
            e => e.to_string(),
        })
    })?;
    let main = main_part(&mut zip);
    let document = match read_part(&mut zip, &main)? {
        Some(xml) => xml,
        None => match read_part(&mut zip, "word/document.xml")? {
            Some(xml) => xml,
            None => {
                return Err(FormatError::NotDocx {
                    looks_like: looks_like(&zip),
                })
            }
        },
    };
    let rels = relationships(&mut zip, &main);
    let part_of = |kind: &str, default: &str| {
        rels.iter()
            .find(|(t, _)| t.ends_with(kind))
            .map_or_else(|| default.to_string(), |(_, target)| target.clone())
    };
    // Numbering and styles only add markers: when they are missing or damaged, the text is
    // still read.
    let numbering = read_part(&mut zip, &part_of("/numbering", "word/numbering.xml"))
        .ok()
        .flatten()
        .and_then(|xml| Numbering::parse(&xml).ok())
        .unwrap_or_default();
    let styles = read_part(&mut zip, &part_of("/styles", "word/styles.xml"))
        .ok()
        .flatten()
        .and_then(|xml| Styles::parse(&xml).ok())
        .unwrap_or_default();
    Walker::new(&numbering, &styles).walk(&main, &document)
}

/// The main document part named by the package relationships, or `word/document.xml`.
fn main_part(zip: &mut Archive<'_>) -> String {
    relationships(zip, "")
        .into_iter()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map_or_else(|| "word/document.xml".to_string(), |(_, target)| target)
}

/// What a zip without a Word document seems to be, from its file names.
fn looks_like(zip: &Archive<'_>) -> Option<&'static str> {
    let names: Vec<&[u8]> = zip.file_names_raw().collect();
    let has = |name: &str| names.contains(&name.as_bytes());
    if has("xl/workbook.xml") {
        Some("an Excel workbook (.xlsx)")
    } else if has("ppt/presentation.xml") {
        Some("a PowerPoint presentation (.pptx)")
    } else if has("content.xml") && has("mimetype") {
        Some("an OpenDocument file (.odt)")
    } else {
        None
    }
}

/// The unpacked text of part `name`, or `None` when the archive has no such part.
fn read_part(zip: &mut Archive<'_>, name: &str) -> Result<Option<String>, FormatError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(FormatError::DamagedDocx(format!("{name}: {e}"))),
    };
    let limit = PART_LIMIT_MB << 20;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| FormatError::DamagedDocx(format!("cannot unpack {name}: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(FormatError::TooLarge {
            part: name.to_string(),
            limit_mb: PART_LIMIT_MB,
        });
    }
    xml_text(name, &bytes).map(Some)
}

/// XML bytes to text: UTF-8 (with or without a byte-order mark) or UTF-16 with one.
fn xml_text(name: &str, bytes: &[u8]) -> Result<String, FormatError> {
    let bad = |detail: String| FormatError::BadXml {
        part: name.to_string(),
        detail,
    };
    if let Some((enc, len)) = encoding_rs::Encoding::for_bom(bytes) {
        return enc
            .decode_without_bom_handling_and_without_replacement(&bytes[len..])
            .map(|text| text.into_owned())
            .ok_or_else(|| bad(format!("not valid {}", enc.name())));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        bad(format!(
            "not UTF-8 at byte {}",
            e.utf8_error().valid_up_to()
        ))
    })
}

/// The relationships of part `part` (`""` for the package): (type, resolved target) pairs.
/// A missing or damaged relationships part gives none.
fn relationships(zip: &mut Archive<'_>, part: &str) -> Vec<(String, String)> {
    let (dir, file) = part.rsplit_once('/').unwrap_or(("", part));
    let rels_name = if dir.is_empty() {
        format!("_rels/{file}.rels")
    } else {
        format!("{dir}/_rels/{file}.rels")
    };
    let Ok(Some(xml)) = read_part(zip, &rels_name) else {
        return Vec::new();
    };
    let mut reader = Reader::from_str(&xml);
    let mut out = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if local(&e) == "Relationship" => {
                if attr(&e, "TargetMode").is_some_and(|m| m == "External") {
                    continue;
                }
                if let (Some(kind), Some(target)) = (attr(&e, "Type"), attr(&e, "Target")) {
                    out.push((kind, resolve(dir, &target)));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// A relationship target relative to `dir` as a path inside the archive.
fn resolve(dir: &str, target: &str) -> String {
    let mut parts: Vec<&str> = if target.starts_with('/') {
        Vec::new()
    } else {
        dir.split('/').filter(|p| !p.is_empty()).collect()
    };
    for piece in target.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// The local name of an element (`p` for `w:p`).
fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let name = e.name().0;
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The prefix of an element (`w` for `w:p`, "" for none).
fn prefix<'a>(e: &'a BytesStart<'_>) -> &'a str {
    e.name().0.split_once(':').map_or("", |(p, _)| p)
}

/// The value of the attribute whose local name is `name` (`w:val` for `val`).
fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes().with_checks(false).flatten().find_map(|a| {
        let key = a.key.0;
        let key_local = key.rsplit_once(':').map_or(key, |(_, l)| l);
        (key_local == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(|_| a.value.to_string(), |v| v.into_owned())
        })
    })
}

/// The `w:val` attribute as a number.
fn val_num(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// The `w:ilvl` (or `w:val`) of an element as a level index 0..=8.
fn level_index(value: Option<u32>) -> Option<usize> {
    value.map(|v| (v as usize).min(LEVELS - 1))
}

/// Elements whose whole content is skipped: copies for old readers, deleted or moved-away
/// text, and superseded properties of tracked changes.
fn is_skipped(local_name: &str) -> bool {
    matches!(
        local_name,
        "Fallback"
            | "del"
            | "moveFrom"
            | "pPrChange"
            | "rPrChange"
            | "sectPrChange"
            | "tblPrChange"
            | "trPrChange"
            | "tcPrChange"
            | "numberingChange"
    )
}

/// How a level's number is written (`w:numFmt`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NumFmt {
    /// 1 2 3 (also every format this does not know).
    Decimal,
    /// 01 02 … with the given width (`decimalZero`, or a `custom` format like `001, 002`).
    ZeroPadded(usize),
    /// １ ２ ３
    FullWidth,
    /// 一 二 三 … 九十九 (`chineseCounting`, `chineseCountingThousand`, `taiwaneseCounting`…)
    Chinese,
    /// 壹 贰 叁 (`chineseLegalSimplified`)
    ChineseLegal,
    /// 一〇 for 10: digit by digit (`ideographDigital`)
    IdeographDigital,
    /// 甲 乙 丙 (`ideographTraditional`)
    HeavenlyStem,
    /// 子 丑 寅 (`ideographZodiac`)
    EarthlyBranch,
    /// ① ② ③ (`decimalEnclosedCircle`, `decimalEnclosedCircleChinese`)
    Circled,
    /// ⑴ ⑵ ⑶
    Parenthesized,
    /// ⒈ ⒉ ⒊
    FullStop,
    UpperRoman,
    LowerRoman,
    UpperLetter,
    LowerLetter,
    /// A bullet: no number, not rendered.
    Bullet,
    /// No number at all.
    None,
}

impl NumFmt {
    /// The format named by `w:numFmt w:val`, with `w:format` for `custom` formats.
    fn parse(val: &str, custom: Option<&str>) -> NumFmt {
        match val {
            "decimal" | "ordinal" | "cardinalText" | "ordinalText" => NumFmt::Decimal,
            "decimalZero" => NumFmt::ZeroPadded(2),
            "decimalFullWidth" | "decimalFullWidth2" => NumFmt::FullWidth,
            "chineseCounting"
            | "chineseCountingThousand"
            | "taiwaneseCounting"
            | "taiwaneseCountingThousand"
            | "japaneseCounting" => NumFmt::Chinese,
            "chineseLegalSimplified" => NumFmt::ChineseLegal,
            "ideographDigital" | "taiwaneseDigital" => NumFmt::IdeographDigital,
            "ideographTraditional" => NumFmt::HeavenlyStem,
            "ideographZodiac" => NumFmt::EarthlyBranch,
            "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => NumFmt::Circled,
            "decimalEnclosedParen" => NumFmt::Parenthesized,
            "decimalEnclosedFullstop" => NumFmt::FullStop,
            "upperRoman" => NumFmt::UpperRoman,
            "lowerRoman" => NumFmt::LowerRoman,
            "upperLetter" => NumFmt::UpperLetter,
            "lowerLetter" => NumFmt::LowerLetter,
            "bullet" => NumFmt::Bullet,
            "none" => NumFmt::None,
            "custom" => custom.map_or(NumFmt::Decimal, NumFmt::from_sample),
            _ => NumFmt::Decimal,
        }
    }

    /// A `custom` format from its sample (`w:format="001, 002, 003, ..."`).
    fn from_sample(sample: &str) -> NumFmt {
        let first = sample.split(',').next().unwrap_or("").trim();
        match first.chars().next() {
            Some('一') => NumFmt::Chinese,
            Some('壹') => NumFmt::ChineseLegal,
            Some('甲') => NumFmt::HeavenlyStem,
            Some('子') => NumFmt::EarthlyBranch,
            Some('①') => NumFmt::Circled,
            Some('⑴') => NumFmt::Parenthesized,
            Some('⒈') => NumFmt::FullStop,
            Some('１') => NumFmt::FullWidth,
            Some('0') if first.bytes().all(|b| b.is_ascii_digit()) => {
                NumFmt::ZeroPadded(first.len().min(9))
            }
            _ => NumFmt::Decimal,
        }
    }
}

/// Writes `n` in format `fmt`, as Word shows it; numbers a format cannot write (past ⑳, past
/// 九十九…) fall back to decimal.
fn format_number(n: u32, fmt: NumFmt) -> String {
    const CN: [char; 10] = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
    const LEGAL: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
    const STEMS: &str = "甲乙丙丁戊己庚辛壬癸";
    const BRANCHES: &str = "子丑寅卯辰巳午未申酉戌亥";
    let nth = |set: &str| {
        (n as usize)
            .checked_sub(1)
            .and_then(|i| set.chars().nth(i))
            .map_or_else(|| n.to_string(), String::from)
    };
    let offset = |base: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(base + n - 1))
            .flatten()
    };
    match fmt {
        NumFmt::Decimal => n.to_string(),
        NumFmt::ZeroPadded(width) => format!("{n:0width$}"),
        NumFmt::FullWidth => n
            .to_string()
            .chars()
            .filter_map(|d| char::from_u32(0xFF10 + d.to_digit(10)?))
            .collect(),
        NumFmt::Chinese | NumFmt::ChineseLegal => {
            let (digits, ten) = if fmt == NumFmt::Chinese {
                (CN, '十')
            } else {
                (LEGAL, '拾')
            };
            let d = |i: u32| digits[i as usize];
            match n {
                0 => d(0).to_string(),
                1..=9 => d(n).to_string(),
                10..=19 if fmt == NumFmt::Chinese => std::iter::once(ten)
                    .chain((n > 10).then(|| d(n % 10)))
                    .collect(),
                10..=99 => std::iter::once(d(n / 10))
                    .chain(std::iter::once(ten))
                    .chain((!n.is_multiple_of(10)).then(|| d(n % 10)))
                    .collect(),
                _ => n.to_string(),
            }
        }
        NumFmt::IdeographDigital => n
            .to_string()
            .chars()
            .filter_map(|c| c.to_digit(10).map(|d| CN[d as usize]))
            .collect(),
        NumFmt::HeavenlyStem => nth(STEMS),
        NumFmt::EarthlyBranch => nth(BRANCHES),
        NumFmt::Circled => offset(0x2460, 20)
            .or_else(|| {
                (21..=35)
                    .contains(&n)
                    .then(|| char::from_u32(0x3251 + n - 21))
                    .flatten()
            })
            .or_else(|| {
                (36..=50)
                    .contains(&n)
                    .then(|| char::from_u32(0x32B1 + n - 36))
                    .flatten()
            })
            .map_or_else(|| n.to_string(), String::from),
        NumFmt::Parenthesized => offset(0x2474, 20).map_or_else(|| format!("({n})"), String::from),
        NumFmt::FullStop => offset(0x2488, 20).map_or_else(|| format!("{n}."), String::from),
        NumFmt::UpperRoman => roman(n).unwrap_or_else(|| n.to_string()),
        NumFmt::LowerRoman => roman(n).map_or_else(|| n.to_string(), |r| r.to_lowercase()),
        NumFmt::UpperLetter | NumFmt::LowerLetter => {
            let Some(i) = n.checked_sub(1) else {
                return n.to_string();
            };
            let base = if fmt == NumFmt::UpperLetter {
                b'A'
            } else {
                b'a'
            };
            // Word writes 27 as AA, 28 as BB.
            let letter = (base + (i % 26) as u8) as char;
            std::iter::repeat_n(letter, (i / 26 + 1).min(10) as usize).collect()
        }
        NumFmt::Bullet | NumFmt::None => String::new(),
    }
}

/// Roman numerals for 1..=3999.
fn roman(mut n: u32) -> Option<String> {
    if !(1..=3999).contains(&n) {
        return None;
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, numeral) in TABLE {
        while n >= value {
            out.push_str(numeral);
            n -= value;
        }
    }
    Some(out)
}

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
struct Numbering {
    abstracts: HashMap<String, AbstractNum>,
    nums: HashMap<String, Num>,
}

impl Numbering {
    fn parse(xml: &str) -> Result<Numbering, quick_xml::Error> {
        let mut out = Numbering::default();
        let mut reader = Reader::from_str(xml);
        let mut skip = 0usize;
        let mut abstract_id: Option<String> = None;
        let mut num_id: Option<String> = None;
        let mut override_level: Option<usize> = None;
        let mut level: Option<(usize, Level)> = None;
        loop {
            let (e, empty) = match reader.read_event()? {
                Event::Eof => break,
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    let name = e.name().0;
                    let name = name.rsplit_once(':').map_or(name, |(_, l)| l);
                    if skip > 0 {
                        skip -= 1;
                    } else {
                        out.close(
                            name,
                            &mut abstract_id,
                            &mut num_id,
                            &mut override_level,
                            &mut level,
                        );
                    }
                    continue;
                }
                _ => continue,
            };
            let name = local(&e);
            if skip > 0 || is_skipped(name) {
                if !empty {
                    skip += 1;
                }
                continue;
            }
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

/// The numbering of one style (`w:style` in `word/styles.xml`).
#[derive(Debug, Clone, Default)]
struct StyleNum {
    num_id: Option<String>,
    ilvl: Option<usize>,
    based_on: Option<String>,
}

/// The numbering that paragraph and numbering styles carry.
#[derive(Debug, Clone, Default)]
struct Styles {
    by_id: HashMap<String, StyleNum>,
}

impl Styles {
    fn parse(xml: &str) -> Result<Styles, quick_xml::Error> {
        let mut out = Styles::default();
        let mut reader = Reader::from_str(xml);
        let mut skip = 0usize;
        let mut current: Option<String> = None;
        let mut in_num_pr = false;
        loop {
            let (e, empty) = match reader.read_event()? {
                Event::Eof => break,
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(e) => {
                    let name = e.name().0;
                    let name = name.rsplit_once(':').map_or(name, |(_, l)| l);
                    if skip > 0 {
                        skip -= 1;
                    } else if name == "style" {
                        current = None;
                    } else if name == "numPr" {
                        in_num_pr = false;
                    }
                    continue;
                }
                _ => continue,
            };
            let name = local(&e);
            if skip > 0 || is_skipped(name) {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            match name {
                "style" if !empty => {
                    current = attr(&e, "styleId");
                    if let Some(id) = &current {
                        out.by_id.insert(id.clone(), StyleNum::default());
                    }
                }
                "numPr" => in_num_pr = !empty,
                _ => {
                    let Some(style) = current.as_ref().and_then(|id| out.by_id.get_mut(id)) else {
                        continue;
                    };
                    match name {
                        "basedOn" => style.based_on = attr(&e, "val"),
                        "numId" if in_num_pr => style.num_id = attr(&e, "val"),
                        "ilvl" if in_num_pr => style.ilvl = level_index(val_num(&e)),
                        _ => {}
                    }
                }
            }
        }
        Ok(out)
    }

    /// The list and level that style `id` gives its paragraphs, through `w:basedOn`.
    fn numbering(&self, id: &str) -> (Option<String>, Option<usize>) {
        let (mut num_id, mut ilvl) = (None, None);
        let mut next = Some(id);
        for _ in 0..16 {
            let Some(style) = next.and_then(|id| self.by_id.get(id)) else {
                break;
            };
            num_id = num_id.or_else(|| style.num_id.clone());
            ilvl = ilvl.or(style.ilvl);
            if num_id.is_some() && ilvl.is_some() {
                break;
            }
            next = style.based_on.as_deref();
        }
        (num_id, ilvl)
    }
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Para {
    text: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    style: Option<String>,
}

/// A table being read: the cells of the current row and the paragraphs of the current cell.
#[derive(Debug, Default)]
struct Table {
    row: Vec<String>,
    cell: Vec<String>,
}

/// Walks the main document part, keeping the list counters.
struct Walker<'a> {
    numbering: &'a Numbering,
    styles: &'a Styles,
    /// Per list instance, the last number given at each level (`None`: not yet used).
    counters: HashMap<String, [Option<u32>; LEVELS]>,
    lines: Vec<String>,
    paras: Vec<Para>,
    tables: Vec<Table>,
}

impl<'a> Walker<'a> {
    fn new(numbering: &'a Numbering, styles: &'a Styles) -> Self {
        Walker {
            numbering,
            styles,
            counters: HashMap::new(),
            lines: Vec::new(),
            paras: Vec::new(),
            tables: Vec::new(),
        }
    }

    fn walk(mut self, part: &str, xml: &str) -> Result<String, FormatError> {
        let bad = |detail: String| FormatError::BadXml {
            part: part.to_string(),
            detail,
        };
        let mut reader = Reader::from_str(xml);
        // Names of the open elements: the local name for WordprocessingML elements (those
        // with the prefix of the root, `w`), the full name for any other.
        let mut open: Vec<String> = Vec::new();
        let mut main_prefix: Option<String> = None;
        let mut skip = 0usize;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| bad(format!("{e} at byte {}", reader.error_position())))?;
            let (e, empty) = match event {
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::Eof => break,
                Event::End(_) if skip > 0 => {
                    skip -= 1;
                    continue;
                }
                Event::End(_) => {
                    if let Some(name) = open.pop() {
                        self.close(&name);
                    }
                    continue;
                }
                Event::Text(t) if skip == 0 && in_text(&open) => {
                    self.push_text(&t.xml10_content());
                    continue;
                }
                Event::CData(t) if skip == 0 && in_text(&open) => {
                    self.push_text(&t.xml10_content());
                    continue;
                }
                Event::GeneralRef(r) if skip == 0 && in_text(&open) => {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => quick_xml::escape::resolve_xml_entity(&r).map(str::to_string),
                        Err(_) => None,
                    };
                    match resolved {
                        Some(s) => self.push_text(&s),
                        None => return Err(bad(format!("unknown entity `&{};`", &*r))),
                    }
                    continue;
                }
                _ => continue,
            };
            if skip > 0 {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            let name = if main_prefix.is_none() {
                if local(&e) != "document" {
                    return Err(bad(format!(
                        "the root element is <{}>, not a Word document",
                        e.name().0
                    )));
                }
                main_prefix = Some(prefix(&e).to_string());
                "document".to_string()
            } else if Some(prefix(&e)) == main_prefix.as_deref() {
                local(&e).to_string()
            } else {
                e.name().0.to_string()
            };
            if is_skipped(local(&e)) {
                if !empty {
                    skip = 1;
                }
                continue;
            }
            let parent = open.last().map_or("", String::as_str);
            let grandparent = open.len().checked_sub(2).map_or("", |i| open[i].as_str());
            self.open(&name, &e, parent, grandparent);
            if empty {
                self.close(&name);
            } else {
                open.push(name);
            }
        }
        if main_prefix.is_none() {
            return Err(bad("it holds no XML elements".to_string()));
        }
        if let Some(name) = open.last() {
            return Err(bad(format!("it ends inside <{name}>")));
        }
        Ok(self.lines.join("\n"))
    }

    fn push_text(&mut self, s: &str) {
        if let Some(p) = self.paras.last_mut() {
            p.text.push_str(s);
        }
    }

    /// Handles the start of element `name` (a local name for WordprocessingML elements).
    fn open(&mut self, name: &str, e: &BytesStart<'_>, parent: &str, grandparent: &str) {
        match (name, parent) {
            ("p", _) => self.paras.push(Para::default()),
            ("pStyle", "pPr") => {
                if let Some(p) = self.paras.last_mut() {
                    p.style = attr(e, "val");
                }
            }
            ("numId", "numPr") if grandparent == "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.num_id = attr(e, "val");
                }
            }
            ("ilvl", "numPr") if grandparent == "pPr" => {
                if let Some(p) = self.paras.last_mut() {
                    p.ilvl = level_index(val_num(e));
                }
            }
            ("tab" | "ptab", "r") => self.push_text("\t"),
            ("br" | "cr", "r") => self.push_text("\n"),
            ("noBreakHyphen", "r") => self.push_text("-"),
            ("tbl", _) => self.tables.push(Table::default()),
            ("tr", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.row.clear();
                }
            }
            ("tc", _) => {
                if let Some(t) = self.tables.last_mut() {
                    t.cell.clear();
                }
            }
            _ => {}
        }
    }

    /// Handles the end of element `name`.
    fn close(&mut self, name: &str) {
        match name {
            "p" => {
                if let Some(para) = self.paras.pop() {
                    let line = self.render(para);
                    self.emit(line);
                }
            }
            "tc" => {
                if let Some(t) = self.tables.last_mut() {
                    let cell = t.cell.join(" ");
                    t.cell.clear();
                    t.row.push(cell.trim().to_string());
                }
            }
            "tr" => {
                let Some(t) = self.tables.last_mut() else {
                    return;
                };
                let row: Vec<String> = t.row.drain(..).filter(|c| !c.is_empty()).collect();
                let line = row.join(" | ");
                if line.is_empty() {
                    return;
                }
                match self.tables.len() {
                    1 => self.lines.push(line),
                    n => self.tables[n - 2].cell.push(line),
                }
            }
            "tbl" => {
                self.tables.pop();
            }
            _ => {}
        }
    }

    /// A finished paragraph goes to the current table cell, or is a line.
    fn emit(&mut self, text: String) {
        if text.trim().is_empty() {
            return;
        }
        match self.tables.last_mut() {
            Some(t) => t.cell.push(text.replace('\n', " ")),
            None => self.lines.push(text),
        }
    }

    /// The paragraph's text with its numbering marker, when it has one.
    fn render(&mut self, para: Para) -> String {
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

/// True when the innermost open element is a run's text (`w:t`).
fn in_text(open: &[String]) -> bool {
    open.last().is_some_and(|n| n == "t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::SimpleFileOptions;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    /// A .docx holding `parts` (name, XML), deflated.
    fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, xml) in parts {
            zip.start_file(*name, SimpleFileOptions::default()).unwrap();
            zip.write_all(xml.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A .docx whose body is `body`, with optional numbering and styles parts.
    fn docx(body: &str, numbering: Option<&str>, styles: Option<&str>) -> Vec<u8> {
        let mut parts = vec![(
            "word/document.xml",
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>{body}</w:body></w:document>"#
            ),
        )];
        if let Some(n) = numbering {
            parts.push((
                "word/numbering.xml",
                format!("<w:numbering {W}>{n}</w:numbering>"),
            ));
        }
        if let Some(st) = styles {
            parts.push(("word/styles.xml", format!("<w:styles {W}>{st}</w:styles>")));
        }
        zip_of(&parts)
    }

    /// A paragraph in list `num` at level `ilvl` (no numbering when `num` is None).
    fn p(num: Option<(u32, u32)>, text: &str) -> String {
        let ppr = num.map_or(String::new(), |(id, lvl)| {
            format!(r#"<w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{id}"/></w:numPr></w:pPr>"#)
        });
        format!("<w:p>{ppr}<w:r><w:t>{text}</w:t></w:r></w:p>")
    }

    /// A level definition.
    fn lvl(ilvl: u32, start: u32, fmt: &str, text: &str, suff: Option<&str>) -> String {
        let suff = suff.map_or(String::new(), |s| format!(r#"<w:suff w:val="{s}"/>"#));
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{suff}<w:lvlText w:val="{text}"/></w:lvl>"#
        )
    }

    /// Abstract list 0 with `levels`, and instance 1 pointing at it.
    fn list(levels: &[String]) -> String {
        format!(
            r#"<w:abstractNum w:abstractNumId="0">{}</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            levels.concat()
        )
    }

    fn text(bytes: &[u8]) -> String {
        docx_to_text(bytes).unwrap()
    }

    /// Runs join, tabs are tabs, breaks start lines, references are decoded, empty
    /// paragraphs vanish.
    #[test]
    fn paragraphs_and_runs_in_order() {
        let body = concat!(
            "<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space=\"preserve\">工作 </w:t></w:r>",
            "<w:hyperlink><w:r><w:t>总结</w:t></w:r></w:hyperlink></w:p>",
            "<w:p/>",
            "<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B&amp;C&#x4E00;</w:t><w:br/><w:t>D</w:t></w:r></w:p>",
        );
        assert_eq!(text(&docx(body, None, None)), "一、工作 总结\nA\tB&C一\nD");
    }

    /// Deleted text, moved-away text and fallback copies are not read twice.
    #[test]
    fn skips_deleted_and_fallback_text() {
        let body = concat!(
            r#"<w:p xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">"#,
            "<w:r><w:t>保留</w:t></w:r>",
            "<w:del><w:r><w:delText>删除</w:delText></w:r></w:del>",
            "<w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>",
            "<mc:AlternateContent><mc:Choice><w:r><w:t>新</w:t></w:r></mc:Choice>",
            "<mc:Fallback><w:r><w:t>旧</w:t></w:r></mc:Fallback></mc:AlternateContent>",
            "<w:r><w:instrText>PAGE</w:instrText></w:r>",
            "</w:p>",
        );
        assert_eq!(text(&docx(body, None, None)), "保留新");
    }

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

    /// Numbering given by the paragraph style (Heading 1 numbered 一、), through basedOn.
    #[test]
    fn numbering_from_the_paragraph_style() {
        let numbering = list(&[lvl(0, 1, "chineseCounting", "%1、", None)]);
        let styles = concat!(
            r#"<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#,
            r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Base"/></w:style>"#,
        );
        let body = concat!(
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>总结</w:t></w:r></w:p>"#,
            r#"<w:p><w:r><w:t>正文</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>思路</w:t></w:r></w:p>"#,
            r#"<w:p><w:pPr><w:pStyle w:val="Heading1"/><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr><w:r><w:t>无号</w:t></w:r></w:p>"#,
        );
        assert_eq!(
            text(&docx(body, Some(&numbering), Some(styles))),
            "一、总结\n正文\n二、思路\n无号"
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

    /// A table is one line per row, cells joined by ` | `; a table in a cell is flattened
    /// into the cell; empty cells are left out.
    #[test]
    fn tables_flatten_row_by_row() {
        let cell = |t: &str| format!("<w:tc>{}</w:tc>", p(None, t));
        let inner = format!("<w:tbl><w:tr>{}{}</w:tr></w:tbl>", cell("x"), cell("y"));
        let body = format!(
            "{}<w:tbl><w:tr>{}{}<w:tc><w:p/></w:tc>{}</w:tr><w:tr>{}<w:tc>{}{}</w:tc></w:tr></w:tbl>{}",
            p(None, "前"),
            cell("索引号:"),
            cell("001"),
            cell("主题:"),
            cell("a"),
            p(None, "b1"),
            inner,
            p(None, "后"),
        );
        assert_eq!(
            text(&docx(&body, None, None)),
            "前\n索引号: | 001 | 主题:\na | b1 x | y\n后"
        );
    }

    /// Numbers in every supported format.
    #[test]
    fn formats_numbers() {
        let cases: &[(u32, NumFmt, &str)] = &[
            (3, NumFmt::Decimal, "3"),
            (3, NumFmt::ZeroPadded(2), "03"),
            (12, NumFmt::FullWidth, "１２"),
            (1, NumFmt::Chinese, "一"),
            (10, NumFmt::Chinese, "十"),
            (15, NumFmt::Chinese, "十五"),
            (20, NumFmt::Chinese, "二十"),
            (99, NumFmt::Chinese, "九十九"),
            (100, NumFmt::Chinese, "100"),
            (11, NumFmt::ChineseLegal, "壹拾壹"),
            (10, NumFmt::IdeographDigital, "一〇"),
            (3, NumFmt::HeavenlyStem, "丙"),
            (2, NumFmt::EarthlyBranch, "丑"),
            (1, NumFmt::Circled, "①"),
            (20, NumFmt::Circled, "⑳"),
            (21, NumFmt::Circled, "㉑"),
            (50, NumFmt::Circled, "㊿"),
            (51, NumFmt::Circled, "51"),
            (2, NumFmt::Parenthesized, "⑵"),
            (2, NumFmt::FullStop, "⒉"),
            (14, NumFmt::UpperRoman, "XIV"),
            (4, NumFmt::LowerRoman, "iv"),
            (28, NumFmt::UpperLetter, "BB"),
            (1, NumFmt::LowerLetter, "a"),
        ];
        for &(n, fmt, want) in cases {
            assert_eq!(format_number(n, fmt), want, "{n} as {fmt:?}");
        }
        assert_eq!(
            NumFmt::parse("custom", Some("001, 002, 003, ...")),
            NumFmt::ZeroPadded(3)
        );
        assert_eq!(
            NumFmt::parse("custom", Some("一, 二, 三, ...")),
            NumFmt::Chinese
        );
        assert_eq!(
            NumFmt::parse("chineseLegalSimplified", None),
            NumFmt::ChineseLegal
        );
        assert_eq!(NumFmt::parse("somethingNew", None), NumFmt::Decimal);
    }

    /// The main part is found through the package relationships.
    #[test]
    fn follows_the_package_relationships() {
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document2.xml"/></Relationships>"#;
        let bytes = zip_of(&[
            ("_rels/.rels", rels.to_string()),
            (
                "word/document2.xml",
                format!(
                    "<w:document {W}><w:body>{}</w:body></w:document>",
                    p(None, "正文")
                ),
            ),
        ]);
        assert_eq!(text(&bytes), "正文");
        assert_eq!(
            resolve("word", "../customXml/item.xml"),
            "customXml/item.xml"
        );
        assert_eq!(resolve("word", "/word/numbering.xml"), "word/numbering.xml");
    }

    /// Damaged archives, archives that are no Word file, and bad XML are errors.
    #[test]
    fn reports_damaged_and_foreign_files() {
        let good = docx(&p(None, "正文"), None, None);
        for cut in [good.len() / 2, 10, 4, 0] {
            assert!(
                matches!(docx_to_text(&good[..cut]), Err(FormatError::DamagedDocx(_))),
                "cut at {cut}"
            );
        }
        let hello = zip_of(&[("hello.txt", "hello".to_string())]);
        assert_eq!(
            docx_to_text(&hello),
            Err(FormatError::NotDocx { looks_like: None })
        );
        let xlsx = zip_of(&[("xl/workbook.xml", "<workbook/>".to_string())]);
        assert!(matches!(
            docx_to_text(&xlsx),
            Err(FormatError::NotDocx { looks_like: Some(what) }) if what.contains("Excel")
        ));
        for xml in [
            format!("<w:document {W}><w:body><w:p></w:body></w:document>"),
            format!("<w:document {W}><w:body><w:p><w:r><w:t>a &bogus; b</w:t></w:r></w:p></w:body></w:document>"),
            format!("<w:document {W}><w:body>"),
            "not xml at all".to_string(),
            "<html><body>x</body></html>".to_string(),
        ] {
            let bytes = zip_of(&[("word/document.xml", xml.clone())]);
            assert!(
                matches!(docx_to_text(&bytes), Err(FormatError::BadXml { .. })),
                "{xml}: {:?}",
                docx_to_text(&bytes)
            );
        }
        let empty = zip_of(&[("word/document.xml", String::new())]);
        assert!(matches!(
            docx_to_text(&empty),
            Err(FormatError::BadXml { .. })
        ));
    }
}
