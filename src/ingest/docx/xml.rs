//! XML helpers shared by the parts' readers: element and attribute names, level indexes,
//! the elements whose whole content is skipped, and a reader of the tags outside them.
//!
//! Names are compared by local name (`p` for `w:p`), whatever the prefix. Attribute values
//! are normalised when they can be and read raw when they cannot; nothing here fails.

use super::LEVELS;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// The local name of an element (`p` for `w:p`).
pub(super) fn local<'a>(e: &'a BytesStart<'_>) -> &'a str {
    let name = e.name().0;
    name.rsplit_once(':').map_or(name, |(_, l)| l)
}

/// The prefix of an element (`w` for `w:p`, "" for none).
pub(super) fn prefix<'a>(e: &'a BytesStart<'_>) -> &'a str {
    e.name().0.split_once(':').map_or("", |(p, _)| p)
}

/// The value of the attribute whose local name is `name` (`w:val` for `val`).
pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
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
pub(super) fn val_num(e: &BytesStart<'_>) -> Option<u32> {
    attr(e, "val").and_then(|v| v.trim().parse().ok())
}

/// The `w:ilvl` (or `w:val`) of an element as a level index 0..=8.
pub(super) fn level_index(value: Option<u32>) -> Option<usize> {
    value.map(|v| (v as usize).min(LEVELS - 1))
}

/// Elements whose whole content is skipped: copies for old readers, deleted or moved-away
/// text, and superseded properties of tracked changes.
pub(super) fn is_skipped(local_name: &str) -> bool {
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

/// A tag outside the skipped elements.
pub(super) enum Tag<'a> {
    /// A start tag, or an empty tag when `empty`.
    Open { e: BytesStart<'a>, empty: bool },
    /// An end tag, by local name.
    Close(String),
}

/// Reads the tags of a part, leaving out every skipped element and all it holds.
pub(super) struct Tags<'a> {
    reader: Reader<&'a [u8]>,
    /// How deep inside a skipped element the reader is; 0 outside.
    skip: usize,
}

impl<'a> Tags<'a> {
    pub(super) fn new(xml: &'a str) -> Tags<'a> {
        Tags {
            reader: Reader::from_str(xml),
            skip: 0,
        }
    }

    /// The next tag outside skipped elements, or `None` at the end of the part.
    pub(super) fn next_tag(&mut self) -> Result<Option<Tag<'a>>, quick_xml::Error> {
        loop {
            let (e, empty) = match self.reader.read_event()? {
                Event::Eof => return Ok(None),
                Event::Start(e) => (e, false),
                Event::Empty(e) => (e, true),
                Event::End(_) if self.skip > 0 => {
                    self.skip -= 1;
                    continue;
                }
                Event::End(e) => {
                    let name = e.name().0;
                    let name = name.rsplit_once(':').map_or(name, |(_, l)| l);
                    return Ok(Some(Tag::Close(name.to_string())));
                }
                _ => continue,
            };
            if self.skip > 0 || is_skipped(local(&e)) {
                if !empty {
                    self.skip += 1;
                }
                continue;
            }
            return Ok(Some(Tag::Open { e, empty }));
        }
    }
}
