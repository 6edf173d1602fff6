//! Outline, the second stage: clean lines to documents, sections and numbered items.
//!
//! [`build`] splits the lines into blocks ([`headings`]), opens a document at each title,
//! a section at each heading, and parses each section's text into items ([`items`]). It then
//! resolves each section's period ([`period`]) from its heading, the document's title and
//! date, and the other sections. Plan sections carry their numeric targets
//! ([`crate::targets`]). Ids are positional and stable: the same input always gives
//! `D2.S3.I5` to the same item.

pub mod headings;
pub mod items;
pub mod markers;
pub mod period;

use crate::ingest::{CleanStats, Source};
use crate::rules::SectionVocab;
use crate::targets::{self, Target};
use headings::{split_blocks, Block, Title};
pub use items::Item;
use markers::{find_markers, Style};
use period::{resolve, Hint, Period};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What a section reports on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum SectionKind {
    Summary,
    Plan,
    Problems,
    Other,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Plan => "plan",
            SectionKind::Problems => "problems",
            SectionKind::Other => "other",
        }
    }
}

/// A file's outline.
#[derive(Debug, Clone, Serialize)]
pub struct Outline {
    pub file: String,
    pub encoding: &'static str,
    pub cleaning: CleanStats,
    pub documents: Vec<Document>,
}

/// One document of a file: a title and its sections.
#[derive(Debug, Clone, Serialize)]
pub struct Document {
    pub id: String,
    pub title: Option<String>,
    pub organization: Option<String>,
    pub date: Option<String>,
    /// Text between the title and the first section.
    pub intro: String,
    pub sections: Vec<Section>,
    /// The period words of the title's summary and plan halves.
    #[serde(skip)]
    title_hints: (Option<Hint>, Option<Hint>),
}

/// A section of a document.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub id: String,
    pub kind: SectionKind,
    pub period: Option<Period>,
    pub heading: String,
    /// Text between the heading and the first item.
    pub lead: String,
    /// The lead's paragraphs (its lines), for the plan goals they hold.
    #[serde(skip)]
    pub lead_paragraphs: Vec<String>,
    pub items: Vec<Item>,
    /// For a plan section: the numeric targets of its lead (each item holds its own).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub targets: Vec<Target>,
}

impl Section {
    /// The items that have no children: a plan's goals.
    pub fn leaves(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.is_leaf)
    }
}

impl Outline {
    /// Finds a section by its id (`D2.S3`).
    pub fn section(&self, id: &str) -> Option<(&Document, &Section)> {
        self.documents
            .iter()
            .flat_map(|d| d.sections.iter().map(move |s| (d, s)))
            .find(|(_, s)| s.id == id)
    }
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"((?:19|20)[0-9０-９]{2})\s*[年\-./]\s*([0-9０-９]{1,2})\s*[月\-./]\s*([0-9０-９]{1,2})",
    )
    .expect("valid date regex")
});
static SIGNATURE_ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(人民政府|政府|局|委员会|办公室|中心|镇|街道|乡|管委会|公司|指挥部)$")
        .expect("valid regex")
});
/// The Chinese characters of the outline's patterns, as a class body: the unified ideographs,
/// extension A and the compatibility block. `\p{Han}` says nearly the same, but a bounded
/// repeat of it (`{1,14}`) took three times as long to build (2.9M against 1.1M
/// instructions, under callgrind), on every run.
pub(crate) const HAN: &str = r"\u{3400}-\u{4dbf}\u{4e00}-\u{9fff}\u{f900}-\u{faff}";

static BODY_ORG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"^(?:今年|(?:19|20)[0-9０-９]{{2}}年)?(?:上半年|以来)*[,，]?\s*((?:XX|[{HAN}]){{1,14}}?(?:局|委员会|办公室|中心|镇|街道|乡|园区|开发区|公司|管委会))"))
        .expect("valid regex")
});

/// A document being assembled from blocks.
#[derive(Default)]
struct Draft {
    title: Option<Title>,
    intro: Vec<String>,
    sections: Vec<(String, SectionKind, Vec<String>)>,
    date: Option<String>,
}

impl Draft {
    fn push_text(&mut self, text: String) {
        match self.sections.last_mut() {
            Some((_, _, body)) => body.push(text),
            None => self.intro.push(text),
        }
    }
}

impl Document {
    /// True when the document may be `body`'s: no body is asked for, the document names
    /// none, or it names the same body ([`same_body`]).
    pub fn may_be_of(&self, body: Option<&str>) -> bool {
        match (body, self.organization.as_deref()) {
            (Some(b), Some(o)) => same_body(o, b),
            _ => true,
        }
    }
}

/// True when two organization names name one body: one holds the other, as a town's
/// short name and the same name after its city and district.
pub fn same_body(a: &str, b: &str) -> bool {
    a.contains(b) || b.contains(a)
}

/// Reads a document (text in `encoding`, or detected; .docx; HTML) and outlines it. A
/// document with no summary, plan or problems section is an error naming the file.
pub fn load(
    path: &std::path::Path,
    encoding: Option<&str>,
    vocab: &SectionVocab,
) -> anyhow::Result<Outline> {
    let source = crate::ingest::read_source(path, encoding)?;
    let outline = build(&source, vocab);
    if outline.documents.iter().all(|d| d.sections.is_empty()) {
        anyhow::bail!(
            "`{}` has no recognisable summary, plan or problems section; \
             see `plantrack outline` and add heading words with `--rules`",
            path.display()
        );
    }
    Ok(outline)
}

/// Builds the outline of a cleaned source.
pub fn build(source: &Source, vocab: &SectionVocab) -> Outline {
    let blocks = split_blocks(&source.lines, vocab);
    let mut drafts: Vec<Draft> = Vec::new();
    let mut current = Draft::default();
    let mut preamble_date = None;
    let mut in_preamble = true;
    for block in blocks {
        match block {
            Block::Title(title) => {
                // A title with no section under it (a repeated title, a cover page) opens
                // no document of its own.
                if !current.sections.is_empty() {
                    drafts.push(std::mem::take(&mut current));
                } else {
                    current = Draft::default();
                }
                current.title = Some(title);
                in_preamble = false;
            }
            Block::Compilation(_) => {
                if !current.sections.is_empty() {
                    drafts.push(std::mem::take(&mut current));
                }
                current = Draft::default();
                in_preamble = true;
            }
            // Where the section headings carry top-level markers (一、…回顾, 二、…任务), an
            // unmarked summary or plan heading is a sub-heading inside a section
            // (今年经济社会发展的主要预期目标是：), not a section of its own.
            Block::Heading { text, kind }
                if kind != SectionKind::Problems
                    && !is_marked(&text)
                    && current.sections.iter().any(|s| is_marked(&s.0)) =>
            {
                current.push_text(text);
            }
            Block::Heading { text, kind } => {
                current.sections.push((text, kind, Vec::new()));
            }
            // A chapter is a section heading where the document's section headings are
            // marked the same way; otherwise it is a numbered item.
            Block::Chapter(text) => {
                match current.sections.last() {
                    Some(last) if current.sections.iter().any(|s| is_marked(&s.0)) => {
                        // A chapter after the plan goes on with the plan (三、继续保持经济
                        // 平稳较快发展 after 二、2005年工作总体部署); elsewhere it is `other`.
                        let kind = match last.1 {
                            SectionKind::Plan => SectionKind::Plan,
                            _ => SectionKind::Other,
                        };
                        current.sections.push((text, kind, Vec::new()));
                    }
                    _ => current.push_text(text),
                }
            }
            Block::Text(text) => {
                if in_preamble && current.sections.is_empty() {
                    if let Some(d) = find_date(&text) {
                        preamble_date.get_or_insert(d);
                    }
                }
                current.push_text(text);
            }
        }
    }
    if !current.sections.is_empty() {
        drafts.push(current);
    }
    let mut documents: Vec<Document> = drafts
        .into_iter()
        .enumerate()
        .map(|(i, d)| assemble(i + 1, d))
        .collect();
    if let (Some(first), Some(date)) = (documents.first_mut(), preamble_date) {
        first.date.get_or_insert(date);
    }
    for doc in &mut documents {
        resolve_periods(doc);
        for s in doc
            .sections
            .iter_mut()
            .filter(|s| s.kind == SectionKind::Plan)
        {
            s.targets = targets::extract_targets(&s.lead);
            for item in &mut s.items {
                item.targets = targets::extract_targets(&item.text);
            }
        }
    }
    Outline {
        file: source.path.display().to_string(),
        encoding: source.encoding,
        cleaning: source.stats.clone(),
        documents,
    }
}

/// True when a heading opens with a top-level marker: `二、2024年工作思路`.
fn is_marked(heading: &str) -> bool {
    find_markers(heading)
        .first()
        .is_some_and(|m| m.start == 0 && m.style == Style::CnComma)
}

fn find_date(text: &str) -> Option<String> {
    let c = DATE.captures(text)?;
    let (m, d): (u32, u32) = (c[2].parse().ok()?, c[3].parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("{}-{m:02}-{d:02}", &c[1]))
}

/// Removes a signature (issuing body and date) from the end of a document's last text.
fn take_signature(draft: &mut Draft) {
    let body = match draft.sections.last_mut() {
        Some((_, _, body)) => body,
        None => &mut draft.intro,
    };
    while let Some(last) = body.last() {
        let short = last.chars().count() <= 30 && !last.contains(['。', '，', ',', '；']);
        let date = find_date(last).filter(|_| short);
        if let Some(date) = date {
            draft.date.get_or_insert(date);
        } else if !(short && SIGNATURE_ORG.is_match(last)) {
            break;
        }
        body.pop();
    }
}

fn assemble(n: usize, mut draft: Draft) -> Document {
    take_signature(&mut draft);
    let id = format!("D{n}");
    let intro = draft.intro.join("\n");
    let mut sections = Vec::new();
    // A body before the first heading that holds numbered items is a section of its own.
    let (lead, paragraphs, intro_items) = items::parse_with_paragraphs(&intro, &format!("{id}.S1"));
    let (intro, mut raw_sections) = if intro_items.is_empty() {
        (intro.replace('\n', ""), Vec::new())
    } else {
        (
            String::new(),
            vec![(
                String::new(),
                SectionKind::Other,
                lead,
                paragraphs,
                intro_items,
            )],
        )
    };
    for (heading, kind, body) in draft.sections {
        let sid = format!("{id}.S{}", raw_sections.len() + 1);
        let (lead, paragraphs, items) = items::parse_with_paragraphs(&body.join("\n"), &sid);
        raw_sections.push((heading, kind, lead, paragraphs, items));
    }
    for (i, (heading, kind, lead, lead_paragraphs, items)) in raw_sections.into_iter().enumerate() {
        sections.push(Section {
            id: format!("{id}.S{}", i + 1),
            kind,
            period: None,
            heading,
            lead,
            lead_paragraphs,
            items,
            targets: Vec::new(),
        });
    }
    let organization = draft
        .title
        .as_ref()
        .and_then(|t| t.organization.clone())
        .or_else(|| body_organization(&intro, &sections));
    Document {
        id,
        title: draft.title.as_ref().map(|t| t.text.clone()),
        organization,
        date: draft.date,
        intro,
        sections,
        title_hints: draft.title.map(|t| (t.summary, t.plan)).unwrap_or_default(),
    }
}

/// The organization named at the start of the text, when the title names none.
fn body_organization(intro: &str, sections: &[Section]) -> Option<String> {
    let first = if intro.is_empty() {
        sections.first().map(|s| s.lead.as_str()).unwrap_or("")
    } else {
        intro
    };
    let org = BODY_ORG.captures(first)?.get(1)?.as_str();
    // 在市局和县委的领导下 names the bodies above, not the author.
    let leads_a_phrase = ["在", "按照", "根据", "围绕", "对"]
        .iter()
        .any(|w| org.starts_with(w));
    (!leads_a_phrase).then(|| org.to_string())
}

static YEAR_IN_TEXT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)[0-9０-９]{2})年").expect("valid regex"));

/// Builds the patterns of outlining (this module's and its parts') now, so that a caller can
/// have it done on another thread while it reads the rules.
pub fn preload() {
    for r in [&DATE, &SIGNATURE_ORG, &BODY_ORG, &YEAR_IN_TEXT] {
        LazyLock::force(r);
    }
    headings::preload();
    period::preload();
    markers::preload();
}

/// The year a document's review reports on, when neither its title, its date nor its
/// headings give one (一、过去五年工作回顾 … 二、对今年政府工作的建议): the latest year that
/// its summary sections name at least twice. A single mention may be a distant target
/// (到2020年); the reviewed year is named again and again.
fn reviewed_year(doc: &Document) -> Option<i32> {
    let mut counts = std::collections::BTreeMap::<i32, usize>::new();
    for s in doc
        .sections
        .iter()
        .filter(|s| s.kind == SectionKind::Summary)
    {
        let texts = std::iter::once(s.lead.as_str()).chain(s.items.iter().map(|i| i.text.as_str()));
        for text in texts {
            for c in YEAR_IN_TEXT.captures_iter(text) {
                if let Ok(y) = c[1].parse() {
                    *counts.entry(y).or_default() += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .rev()
        .find(|&(_, n)| n >= 2)
        .map(|(y, _)| y)
}

/// Gives every section a period, from its heading, the title, the date and its siblings.
/// An untitled body of items before a plan is the summary that precedes that plan.
fn resolve_periods(doc: &mut Document) {
    let (title_summary, title_plan) = doc.title_hints;
    let explicit_year = |h: &Option<Hint>| match h {
        Some(Hint::Explicit(y, _)) => Some(*y),
        _ => None,
    };
    let heading_year = doc
        .sections
        .iter()
        .find_map(|s| explicit_year(&period::hint(&s.heading)));
    let base = explicit_year(&title_summary)
        .or(explicit_year(&title_plan))
        .or_else(|| doc.date.as_ref().and_then(|d| d[..4].parse().ok()))
        .or(heading_year)
        .or_else(|| reviewed_year(doc).map(|y| y + 1));
    let t_summary = title_summary.and_then(|h| resolve(h, base, None));
    let t_plan = title_plan.and_then(|h| resolve(h, base, t_summary));
    for s in &mut doc.sections {
        s.period = match period::hint(&s.heading) {
            Some(Hint::Next) | None => match s.kind {
                SectionKind::Summary | SectionKind::Problems => t_summary,
                SectionKind::Plan => t_plan,
                SectionKind::Other => None,
            },
            Some(h) => resolve(h, base, None),
        };
    }
    let has = |k| doc.sections.iter().any(|s: &Section| s.kind == k);
    if has(SectionKind::Plan) && !has(SectionKind::Summary) {
        if let Some(first) = doc
            .sections
            .first_mut()
            .filter(|s| s.kind == SectionKind::Other)
        {
            first.kind = SectionKind::Summary;
        }
    }
    let first_period = |k| {
        doc.sections
            .iter()
            .find(|s: &&Section| s.kind == k && s.period.is_some())
            .and_then(|s| s.period)
    };
    let plan = first_period(SectionKind::Plan);
    let summary = first_period(SectionKind::Summary)
        .or(t_summary)
        .or(plan.map(Period::previous));
    let plan = plan.or(t_plan).or(summary.map(Period::next));
    for s in &mut doc.sections {
        if s.period.is_none() {
            s.period = match s.kind {
                SectionKind::Summary | SectionKind::Problems => summary,
                SectionKind::Plan => plan,
                SectionKind::Other => None,
            };
        }
    }
}
