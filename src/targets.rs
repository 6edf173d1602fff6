//! Targets: the numbers a plan sets, set against the actuals the next summary reports.
//!
//! Like the State Council's 量化指标任务落实情况表, this stage lists every quantitative
//! target of a plan ([`extract_targets`]), looks for the same metric in the summary
//! ([`find_actual`]) and judges the pair ([`judge`]). It is pure (text in, data out) and
//! never panics, whatever the input.
//!
//! Rules chosen where the issue left a choice:
//! - **Quantity.** A number directly followed by a unit of `UNITS` (optionally with 余/多
//!   between them). A bare number, a year (2023年), a month or range (1-9月), 5G, 第二批,
//!   22号, and either half of a range (5%-8%) are not quantities. A count unit (个, 家, 项…)
//!   followed by a noun or a quoted name is a classifier, not a quantity: 打造两个平台 sets
//!   no target. A lone 一 is an article (落户一家, 最后一米), not a number.
//! - **Scale words.** The unit is the longest known unit that starts earliest after the
//!   digits, so a scale word stays in the unit whenever that makes a known unit: 1.3万亿斤
//!   is 1.3 万亿斤, 3千万元 is 3千 万元 (the same 30,000,000 元). [`parse_number`] alone
//!   reads 3千万 as 30,000,000.
//! - **Masks.** X, XX, x, *, ***.** in place of a number make a masked target; the mask is
//!   kept as written and the value is `None`. A masked actual is no actual.
//! - **Metric.** The words between the clause start (or the previous quantity) and the
//!   number. Trailing comparator verbs (保持在, 控制在, 达到…) are dropped, the phrase is cut
//!   after the last lead verb (实现, 完成, 力争, 其中…), a trailing note in brackets goes,
//!   and leading years, scope phrases, list markers, whole-area words (全区, 全市…) and
//!   共/已/累计 are dropped. 新增/新建 stay: they name the metric. 增长/增速 stay too: they
//!   make a different metric from the level. A bare growth word (同比增长10%) borrows the
//!   metric of the previous target of its sentence (工业总产值增长). A share with no metric
//!   (其中45%, 占比35%, 预算的49.4%) is no target.
//! - **Comparator.** A suffix (以上, 左右, 以内…) wins, then a verb of the clause (控制在 →
//!   at most, 约 → about, 突破 → at least); otherwise at least, which is also what 力争 says,
//!   so 力争 in effect covers its whole sentence.
//! - **Same metric.** In the summary the metric must occur as written, after synonyms, and
//!   start a phrase: at a clause start or after a lead verb, a time word or an area word
//!   (实现, 全年, 1-9月, 全区…). 工业总产值 inside 规上工业总产值 does not count. A growth
//!   metric (…增长, …增速, …增幅 in %) also matches 工业总产值284亿元,同比增长9%. The
//!   value is the first quantity of a convertible unit after the metric in its clause, at
//!   most 20 characters on; a masked one (X亿元) gives no actual for that occurrence.
//!   `SYNONYMS` (规上 = 规模以上, 高企 = 高新技术企业) stands in until the rules carry them.
//! - **Scope.** The nearest scope phrase before the value, in the same sentence or earlier in
//!   the same text: 1-9月, 上半年, 截至10月底… give a part year (serialised as
//!   `{"part_year": "1-9月"}`), 预计全年 gives a forecast, 全年 or none a full year. A range
//!   or date ending in December (1-12月, 截至年底) is a full year.
//! - **Judging.** About is met within ±5% of the target or beyond it in the good direction,
//!   which is lower for 失业率, 能耗, 降低, 下降, 物价, CPI, 居民消费价格, 赤字率 and 排放,
//!   higher otherwise.

use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// How an actual is compared with a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparator {
    /// 以上, 不低于, 突破, 超过, 达到, 力争, or nothing said.
    AtLeast,
    /// 左右, 约.
    About,
    /// 以内, 以下, 控制在, 不超过, 不高于.
    AtMost,
}

impl Comparator {
    /// The comparator in words: "at least", "about", "at most".
    pub fn words(self) -> &'static str {
        match self {
            Comparator::AtLeast => "at least",
            Comparator::About => "about",
            Comparator::AtMost => "at most",
        }
    }
}

/// A number a plan sets.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Target {
    pub metric: String,
    /// `None` when the number is masked.
    pub value: Option<f64>,
    /// The mask as written (X, ***.**), when the number is masked.
    pub masked: Option<String>,
    /// The unit as written (万亿斤 stays 万亿斤); ％ is written %.
    pub unit: String,
    pub comparator: Comparator,
    /// The clause the target came from.
    pub quote: String,
}

/// Which part of the year an actual covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    FullYear,
    Forecast,
    /// The phrase as written: 1-9月, 上半年, 截至10月底.
    PartYear(String),
}

/// A number a summary reports for a target's metric.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Actual {
    /// Converted to the target's unit.
    pub value: f64,
    /// The target's unit.
    pub unit: String,
    /// Number and unit as written.
    pub raw: String,
    pub scope: Scope,
    /// The sentence the actual came from.
    pub quote: String,
}

/// The outcome for one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum TargetStatus {
    #[serde(rename = "met")]
    Met,
    #[serde(rename = "missed")]
    Missed,
    #[serde(rename = "unmentioned")]
    Unmentioned,
    #[serde(rename = "unknown (masked)")]
    UnknownMasked,
}

/// A status, how far the actual went, and a sentence saying why.
impl TargetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TargetStatus::Met => "met",
            TargetStatus::Missed => "missed",
            TargetStatus::Unmentioned => "unmentioned",
            TargetStatus::UnknownMasked => "unknown (masked)",
        }
    }
}

impl Scope {
    /// The scope in words: "full year", "forecast" or the part-year phrase (1-9月).
    pub fn label(&self) -> String {
        match self {
            Scope::FullYear => "full year".to_string(),
            Scope::Forecast => "forecast".to_string(),
            Scope::PartYear(p) => p.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Judgement {
    pub status: TargetStatus,
    /// actual / target × 100, rounded to 0.1.
    pub percent_of_target: Option<f64>,
    pub note: String,
}

/// A unit as written, the base unit it converts to and its worth in base units.
#[derive(Debug)]
struct UnitDef {
    name: &'static str,
    base: &'static str,
    factor: f64,
    /// A classifier (个, 家): followed by a noun it counts things, not a target.
    counted: bool,
}

const fn unit(name: &'static str, base: &'static str, factor: f64) -> UnitDef {
    UnitDef {
        name,
        base,
        factor,
        counted: false,
    }
}

const fn counted(name: &'static str) -> UnitDef {
    UnitDef {
        name,
        base: name,
        factor: 1.0,
        counted: true,
    }
}

/// Every unit a quantity may carry. The longest match wins, whatever the order.
const UNITS: &[UnitDef] = &[
    unit("万亿元", "元", 1e12),
    unit("亿元", "元", 1e8),
    unit("万元", "元", 1e4),
    unit("元", "元", 1.0),
    unit("亿美元", "美元", 1e8),
    unit("万美元", "美元", 1e4),
    unit("美元", "美元", 1.0),
    unit("%", "%", 1.0),
    unit("％", "%", 1.0),
    unit("个百分点", "百分点", 1.0),
    unit("百分点", "百分点", 1.0),
    unit("亿人次", "人次", 1e8),
    unit("万人次", "人次", 1e4),
    counted("人次"),
    unit("万人", "人", 1e4),
    counted("人"),
    UnitDef {
        name: "名",
        base: "人",
        factor: 1.0,
        counted: true,
    },
    unit("万个", "个", 1e4),
    counted("个"),
    unit("万家", "家", 1e4),
    counted("家"),
    unit("万户", "户", 1e4),
    counted("户"),
    counted("项"),
    unit("万件", "件", 1e4),
    counted("件"),
    unit("万套", "套", 1e4),
    counted("套"),
    counted("所"),
    unit("万张", "张", 1e4),
    counted("张"),
    unit("万次", "次", 1e4),
    counted("次"),
    unit("万辆", "辆", 1e4),
    counted("辆"),
    unit("万台", "台", 1e4),
    counted("台"),
    unit("万台次", "台次", 1e4),
    counted("台次"),
    counted("家次"),
    counted("座"),
    counted("条"),
    counted("处"),
    counted("场"),
    unit("万公顷", "亩", 1.5e5),
    unit("公顷", "亩", 15.0),
    unit("万亩", "亩", 1e4),
    unit("亩", "亩", 1.0),
    unit("平方公里", "平方公里", 1.0),
    unit("万平方米", "平方米", 1e4),
    unit("平方米", "平方米", 1.0),
    unit("万立方米", "立方米", 1e4),
    unit("立方米", "立方米", 1.0),
    unit("公里", "米", 1e3),
    unit("千米", "米", 1e3),
    unit("米", "米", 1.0),
    unit("万亿斤", "斤", 1e12),
    unit("亿斤", "斤", 1e8),
    unit("万斤", "斤", 1e4),
    unit("斤", "斤", 1.0),
    unit("公斤", "斤", 2.0),
    unit("千克", "斤", 2.0),
    unit("亿吨", "斤", 2e11),
    unit("万吨", "斤", 2e7),
    unit("吨", "斤", 2e3),
    unit("万千瓦", "千瓦", 1e4),
    unit("兆瓦", "千瓦", 1e3),
    unit("千瓦", "千瓦", 1.0),
    unit("亿千瓦时", "千瓦时", 1e8),
    unit("万千瓦时", "千瓦时", 1e4),
    unit("千瓦时", "千瓦时", 1.0),
];

/// Written forms that mean the same metric, long form first. A stand-in until the rules
/// carry synonyms.
const SYNONYMS: &[(&str, &str)] = &[("规模以上", "规上"), ("高新技术企业", "高企")];

/// Words in a metric that make lower values better.
const LOWER_IS_BETTER: &[&str] = &[
    "失业率",
    "能耗",
    "降低",
    "下降",
    "物价",
    "CPI",
    "居民消费价格",
    "赤字率",
    "排放",
];

/// Verbs between a metric and its number: 粮食产量保持在 | 1.3万亿斤.
const TRAILING_VERBS: &[&str] = &[
    "保持在",
    "维持在",
    "控制在",
    "稳定在",
    "增长到",
    "增加到",
    "提高到",
    "提升到",
    "扩大到",
    "增至",
    "提高至",
    "提升至",
    "达到",
    "突破",
    "超过",
    "不低于",
    "不超过",
    "不高于",
    "保持",
    "维持",
    "控制",
    "冲刺",
    "实现",
    "完成",
    "累计",
    "共",
    "为",
    "达",
    "在",
];

/// Lead verbs and particles a metric is cut after: 力争实现 | 工业总产值.
const LEAD_VERBS: &[&str] = &[
    "力争", "争取", "确保", "实现", "完成", "达到", "其中", "预计", "计划", "累计",
];

/// Time and whole-area words dropped from the front of a metric.
const LEADING_WORDS: &[&str] = &[
    "其中",
    "目标",
    "全年",
    "今年",
    "明年",
    "年内",
    "到年底",
    "全区",
    "全市",
    "全县",
    "全省",
    "全镇",
    "全乡",
    "全国",
    "我区",
    "我市",
    "我县",
    "我省",
    "我镇",
    "本区",
    "本市",
    "共计",
    "总计",
    "合计",
    "累计",
    "共",
    "已",
    "以及",
    "和",
    "及",
    "与",
    "并",
];

/// Words after which a metric starts a phrase in a summary (besides `LEAD_VERBS` and
/// `LEADING_WORDS`).
const LEAD_INS: &[&str] = &[
    "园区",
    "新区",
    "开发区",
    "高新区",
    "辖区",
    "目前",
    "当前",
    "可",
    "共",
    "的",
    "和",
    "及",
    "与",
    "年",
    "月",
    "底",
    "度",
    "内",
];

/// Growth words: a metric ending in one is a growth rate.
const GROWTH_WORDS: &[&str] = &["年均增长", "增长", "增速", "增幅"];

/// Comparisons written before a growth word: 同比增长, 比上年增长.
const COMPARED_TO: &[&str] = &[
    "比上年同期",
    "较上年同期",
    "比去年同期",
    "较去年同期",
    "比上年",
    "较上年",
    "比去年",
    "较去年",
    "同比",
];

/// Other words that may stand between a metric's level and its growth: 284亿元,实现增长.
const GROWTH_FILLERS: &[&str] = &["实现", "完成", "达到", "累计", "的"];

const CN_NUMERALS: &str = "零〇一二两三四五六七八九十百千万亿";
const CN_SCALES: &str = "十百千万亿";
const MASK_CHARS: &str = "XxＸ*＊";
const CLAUSE_BREAKS: &str = "，,。；;：:！!？?、\n\r\t";
const VALUE_BREAKS: &str = "，,。；;！!？?、\n\r";
const SENTENCE_BREAKS: &str = "。；;！!？?\n\r";
const RANGE_MARKS: &str = "-－—~～至到";

static LEADING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[(（]?[一二三四五六七八九十0-9]+[)）.、]|[一二三四五六七八九十]+是|(?:到|至)?[0-9]{4}年(?:底|末)?)",
    )
    .expect("valid regex")
});

static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<forecast>预计全年|全年预计|预计)",
        r"|(?P<year>截[至止](?:[0-9]{4}年)?年底|全年)",
        r"|(?P<part>[1一]\s*[-－—~～至到]\s*(?P<m1>[0-9]{1,2}|[一二三四五六七八九十]{1,3})\s*月份?",
        r"|截[至止](?:[0-9]{4}年)?(?P<m2>[0-9]{1,2}|[一二三四五六七八九十]{1,3})月(?:底|末|份|[0-9]{1,2}日)?",
        r"|截[至止]第?[一二三]季度(?:末|底)?|上半年|前三季度|前[一二]季度|第?一季度|今年以来",
        r"|年初以来|截[至止]目前|截[至止]当前)",
    ))
    .expect("valid regex")
});

/// Reads a number: arabic (700, 2.5, 1,234), Chinese (两, 十二, 一千零五) or mixed, with
/// scale words inside (3千, 1.5万, 3千万, 1.3万亿). `None` for anything else.
pub fn parse_number(s: &str) -> Option<f64> {
    let mut reader = NumberReader::default();
    let mut literal = String::new();
    for c in s.trim().chars() {
        if let Some(d) = ascii_digit(c) {
            literal.push(d);
            continue;
        }
        if c == '.' || c == ',' {
            literal.push(c);
            continue;
        }
        if !literal.is_empty() {
            reader.number(arabic_literal(&literal)?)?;
            literal.clear();
        }
        reader.chinese(c)?;
    }
    if !literal.is_empty() {
        reader.number(arabic_literal(&literal)?)?;
    }
    reader.finish()
}

/// Chinese-style accumulation: digits, small scales inside a section, 万 and 亿 between.
#[derive(Default)]
struct NumberReader {
    total: f64,
    section: f64,
    number: Option<f64>,
    /// The last small scale (十百千) of the section, to refuse 三百千.
    last_small: Option<f64>,
    seen: bool,
}

impl NumberReader {
    fn number(&mut self, n: f64) -> Option<()> {
        if self.number.is_some() {
            return None;
        }
        self.number = Some(n);
        self.seen = true;
        Some(())
    }

    fn chinese(&mut self, c: char) -> Option<()> {
        match c {
            '零' | '〇' => self.number.is_none().then_some(()),
            '十' | '百' | '千' => {
                let scale = match c {
                    '十' => 10.0,
                    '百' => 100.0,
                    _ => 1000.0,
                };
                if self.last_small.is_some_and(|s| s <= scale) {
                    return None;
                }
                let n = match self.number.take() {
                    Some(n) => n,
                    None if c == '十' => 1.0,
                    None => return None,
                };
                self.section += n * scale;
                self.last_small = Some(scale);
                self.seen = true;
                Some(())
            }
            '万' => {
                let s = self.section + self.number.take().unwrap_or(0.0);
                if s == 0.0 {
                    return None;
                }
                self.total += s * 1e4;
                self.section = 0.0;
                self.last_small = None;
                Some(())
            }
            '亿' => {
                let s = self.total + self.section + self.number.take().unwrap_or(0.0);
                if s == 0.0 {
                    return None;
                }
                self.total = s * 1e8;
                self.section = 0.0;
                self.last_small = None;
                Some(())
            }
            _ => self.number(f64::from(cn_digit(c)?)),
        }
    }

    fn finish(self) -> Option<f64> {
        let value = self.total + self.section + self.number.unwrap_or(0.0);
        (self.seen && value.is_finite()).then_some(value)
    }
}

/// 700, 2.5, 1,234 (groups of three only).
fn arabic_literal(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if frac.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let mut groups = int.split(',');
    let first = groups.next()?;
    let first_ok = !first.is_empty() && first.bytes().all(|b| b.is_ascii_digit());
    let grouped = int.contains(',');
    if !first_ok || (grouped && first.len() > 3) {
        return None;
    }
    if !groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let plain: String = s.chars().filter(|&c| c != ',').collect();
    plain.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn ascii_digit(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some(c);
    }
    let offset = u32::from(c).checked_sub(u32::from('０'))?;
    (offset < 10).then(|| char::from(b'0' + offset as u8))
}

fn cn_digit(c: char) -> Option<u8> {
    "零一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u8)
        .or((c == '两').then_some(2))
}

fn is_digit(c: char) -> bool {
    ascii_digit(c).is_some()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The kind of a number token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arabic,
    Chinese,
    Mask,
}

/// A number with its unit, found in text. Offsets are byte offsets.
#[derive(Debug)]
struct Quantity {
    start: usize,
    /// End of the unit.
    unit_end: usize,
    /// End of the unit and of a comparator suffix (以上).
    end: usize,
    value: Option<f64>,
    masked: Option<String>,
    unit: &'static UnitDef,
    suffix: Option<Comparator>,
}

/// Every quantity of `text`, in order, none overlapping.
fn quantities(text: &str) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = next_char(text, i) {
        match quantity_at(text, i) {
            Some(q) => {
                i = q.end;
                out.push(q);
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// The quantity that starts at `i`, if any.
fn quantity_at(text: &str, i: usize) -> Option<Quantity> {
    let (end, run, kind) = number_token(text, i)?;
    let (number_end, unit_start, unit) = split_unit(text, i, run, end)?;
    let number = text.get(i..number_end)?;
    let (value, masked) = match kind {
        Kind::Mask => (None, Some(number.to_string())),
        Kind::Arabic | Kind::Chinese => (Some(parse_number(number)?), None),
    };
    let unit_end = unit_start + unit.name.len();
    let rest = text.get(unit_end..)?;
    let (suffix, suffix_len) = match ["以上", "以下", "以内", "左右", "上下"]
        .iter()
        .find(|s| rest.starts_with(**s))
    {
        Some(&s) if s == "以上" => (Some(Comparator::AtLeast), s.len()),
        Some(&s) if s == "左右" || s == "上下" => (Some(Comparator::About), s.len()),
        Some(&s) => (Some(Comparator::AtMost), s.len()),
        None => (None, 0),
    };
    let end = unit_end + suffix_len;
    if is_range(text, i, end) || (unit.counted && names_a_noun(text, end)) {
        return None;
    }
    Some(Quantity {
        start: i,
        unit_end,
        end,
        value,
        masked,
        unit,
        suffix,
    })
}

/// A number token at `i`: (end including scale words, start of its trailing scale words, kind).
fn number_token(text: &str, i: usize) -> Option<(usize, usize, Kind)> {
    let c = next_char(text, i)?;
    let prev = prev_char(text, i);
    let broken_group = prev == Some(',') && prev_char(text, i - 1).is_some_and(is_digit);
    if prev == Some('第') || broken_group {
        return None;
    }
    if is_digit(c) {
        if prev.is_some_and(|p| is_digit(p) || p == '.' || p.is_ascii_alphabetic()) {
            return None;
        }
        let end = arabic_end(text, i);
        return Some((skip_chars(text, end, "百千万亿"), end, Kind::Arabic));
    }
    if MASK_CHARS.contains(c) {
        if prev.is_some_and(|p| p.is_ascii_alphanumeric() || MASK_CHARS.contains(p)) {
            return None;
        }
        let mut end = skip_chars(text, i, MASK_CHARS);
        if text.get(end..)?.starts_with('.')
            && next_char(text, end + 1).is_some_and(|n| MASK_CHARS.contains(n))
        {
            end = skip_chars(text, end + 1, MASK_CHARS);
        }
        return Some((skip_chars(text, end, "百千万亿"), end, Kind::Mask));
    }
    let starts_chinese = c == '十' || (cn_digit(c).is_some() && c != '零');
    if !starts_chinese || prev.is_some_and(|p| CN_NUMERALS.contains(p)) {
        return None;
    }
    let end = skip_chars(text, i, CN_NUMERALS);
    let body = text.get(i..end)?;
    if body == "一" {
        return None;
    }
    let run = body
        .char_indices()
        .rfind(|(_, c)| !CN_SCALES.contains(*c))
        .map_or(i, |(p, c)| i + p + c.len_utf8());
    Some((end, run, Kind::Chinese))
}

/// End of an arabic number at `i`: digits, groups of three after commas, decimals.
fn arabic_end(text: &str, i: usize) -> usize {
    let mut end = skip_digits(text, i);
    while text.get(end..).is_some_and(|r| r.starts_with(',')) {
        let group_end = skip_digits(text, end + 1);
        let group = text.get(end + 1..group_end).unwrap_or("");
        if group.chars().count() == 3 && group.is_ascii() {
            end = group_end;
        } else {
            break;
        }
    }
    if text.get(end..).is_some_and(|r| r.starts_with('.'))
        && next_char(text, end + 1).is_some_and(is_digit)
    {
        end = skip_digits(text, end + 1);
    }
    end
}

fn skip_digits(text: &str, i: usize) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest.len() - rest.trim_start_matches(is_digit).len()
}

fn skip_chars(text: &str, i: usize, set: &str) -> usize {
    let rest = text.get(i..).unwrap_or("");
    i + rest.len() - rest.trim_start_matches(|c| set.contains(c)).len()
}

/// Where the number ends and the unit starts: the earliest split that makes a known unit,
/// then after 余/多 or spaces. (number end, unit start, unit).
fn split_unit(
    text: &str,
    i: usize,
    run: usize,
    end: usize,
) -> Option<(usize, usize, &'static UnitDef)> {
    let mut p = run;
    loop {
        if p > i {
            if let Some(u) = unit_at(text, p) {
                return Some((p, p, u));
            }
        }
        if p >= end {
            break;
        }
        p += next_char(text, p)?.len_utf8();
    }
    let mut q = skip_chars(text, end, " \u{3000}");
    if matches!(next_char(text, q), Some('余' | '多')) {
        q += '余'.len_utf8();
    }
    if q == end || end == i {
        return None;
    }
    unit_at(text, q).map(|u| (end, q, u))
}

fn unit_at(text: &str, i: usize) -> Option<&'static UnitDef> {
    let rest = text.get(i..)?;
    UNITS
        .iter()
        .filter(|u| rest.starts_with(u.name))
        .max_by_key(|u| u.name.len())
}

fn unit_def(name: &str) -> Option<&'static UnitDef> {
    UNITS.iter().find(|u| u.name == name)
}

/// Either half of a range (5%-8%, 5-8%) is no single quantity.
fn is_range(text: &str, start: usize, end: usize) -> bool {
    let before = prev_char(text, start).filter(|c| RANGE_MARKS.contains(*c));
    let before_range = before.is_some_and(|m| {
        prev_char(text, start - m.len_utf8()).is_some_and(|c| is_digit(c) || c == '%' || c == '％')
    });
    let after = next_char(text, end).filter(|c| RANGE_MARKS.contains(*c));
    let after_range =
        after.is_some_and(|m| next_char(text, end + m.len_utf8()).is_some_and(is_digit));
    before_range || after_range
}

/// True when a count unit at `end` is followed by a noun: 两个 | 平台.
fn names_a_noun(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    let allowed = [
        "的",
        "和",
        "及",
        "与",
        "其中",
        "同比",
        "比上年",
        "较上年",
        "增长",
        "占",
    ];
    let opens_name = |c: char| "“‘「《(（".contains(c);
    rest.chars()
        .next()
        .is_some_and(|c| is_cjk(c) || opens_name(c))
        && !allowed.iter().any(|a| rest.starts_with(a))
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
fn span_start(text: &str, i: usize, breaks: &str) -> usize {
    text.get(..i)
        .unwrap_or("")
        .char_indices()
        .rev()
        .find(|&(p, c)| is_break(text, p, c, breaks))
        .map_or(0, |(p, c)| p + c.len_utf8())
}

/// End of the span that starts at `i`: the next break after it.
fn span_end(text: &str, i: usize, breaks: &str) -> usize {
    text.get(i..)
        .unwrap_or("")
        .char_indices()
        .find(|&(p, c)| is_break(text, i + p, c, breaks))
        .map_or(text.len(), |(p, _)| i + p)
}

/// Every quantitative target of a plan text, in order.
pub fn extract_targets(text: &str) -> Vec<Target> {
    let mut targets: Vec<(usize, Target)> = Vec::new();
    let mut previous_end = 0;
    for q in quantities(text) {
        let clause = span_start(text, q.start, CLAUSE_BREAKS);
        let segment = text.get(clause.max(previous_end)..q.start).unwrap_or("");
        previous_end = q.end;
        let Some(metric) = metric_for(text, &q, segment, &targets) else {
            continue;
        };
        let comparator = q
            .suffix
            .or_else(|| prefix_comparator(segment))
            .unwrap_or(Comparator::AtLeast);
        let quote = text
            .get(clause..span_end(text, q.end, CLAUSE_BREAKS))
            .unwrap_or("");
        let unit = if q.unit.base == "%" { "%" } else { q.unit.name };
        let target = Target {
            metric,
            value: q.value,
            masked: q.masked.clone(),
            unit: unit.to_string(),
            comparator,
            quote: quote.trim().to_string(),
        };
        targets.push((q.end, target));
    }
    targets.into_iter().map(|(_, t)| t).collect()
}

/// The metric of a quantity, or `None` when no metric phrase precedes it. A bare growth
/// word borrows the previous target of the same sentence: 工业总产值…,同比增长10%.
fn metric_for(
    text: &str,
    q: &Quantity,
    segment: &str,
    before: &[(usize, Target)],
) -> Option<String> {
    let metric = clean_metric(segment);
    let growth = strip_any_prefix(&metric, COMPARED_TO);
    if GROWTH_WORDS.contains(&growth) {
        let (end, previous) = before.last()?;
        let between = text.get(*end..q.start).unwrap_or("");
        if between.contains(|c| SENTENCE_BREAKS.contains(c)) {
            return None;
        }
        let base = strip_growth(&previous.metric).unwrap_or(&previous.metric);
        return Some(format!("{base}{growth}"));
    }
    let share = q.unit.base == "%" && metric.ends_with('的');
    (is_metric(&metric) && !share).then_some(metric)
}

/// A metric names something: two characters or more, Chinese, not a bare share (占…,
/// 比重), not ending in a number.
fn is_metric(metric: &str) -> bool {
    metric.chars().count() >= 2
        && metric.chars().any(is_cjk)
        && !metric.starts_with('占')
        && !["比重", "占比", "比例"].contains(&metric)
        && metric
            .chars()
            .next_back()
            .is_some_and(|c| !is_digit(c) && !",，.".contains(c))
}

/// 力争实现工业总产值 → 工业总产值; 粮食产量保持在 → 粮食产量.
fn clean_metric(segment: &str) -> String {
    let mut s = segment.trim();
    loop {
        let before = s;
        s = strip_about(s).unwrap_or(s);
        s = strip_bracket_tail(s);
        if let Some(verb) = TRAILING_VERBS
            .iter()
            .filter(|v| s.ends_with(**v))
            .max_by_key(|v| v.len())
        {
            s = &s[..s.len() - verb.len()];
        }
        s = s.trim_end();
        if s == before {
            break;
        }
    }
    s = after_last_lead(s);
    loop {
        let before = s;
        for re in [&LEADING_MARK, &SCOPE] {
            if let Some(m) = re.find(s).filter(|m| m.start() == 0) {
                s = &s[m.end()..];
            }
        }
        s = strip_any_prefix(s, LEADING_WORDS).trim_start();
        if s == before {
            break;
        }
    }
    s.to_string()
}

/// 工业总产值(现价) → 工业总产值: a trailing note in brackets is no part of the metric.
fn strip_bracket_tail(s: &str) -> &str {
    let Some(inner) = s.strip_suffix(')').or_else(|| s.strip_suffix('）')) else {
        return s;
    };
    inner.rfind(['(', '（']).map_or(s, |p| &s[..p])
}

/// Cuts after the last lead verb that leaves at least two characters.
fn after_last_lead(s: &str) -> &str {
    let cut = LEAD_VERBS
        .iter()
        .flat_map(|v| s.match_indices(*v).map(|(p, _)| p + v.len()))
        .filter(|&p| s.get(p..).is_some_and(|r| r.chars().count() >= 2))
        .max();
    cut.and_then(|p| s.get(p..)).unwrap_or(s)
}

fn strip_any_prefix<'a>(s: &'a str, words: &[&str]) -> &'a str {
    words
        .iter()
        .filter(|w| s.starts_with(**w))
        .max_by_key(|w| w.len())
        .map_or(s, |w| &s[w.len()..])
}

/// `s` without a trailing 约 / 约为 / 大约 (but 签约, 节约… are not 约).
fn strip_about(s: &str) -> Option<&str> {
    let stem = ["大约", "约为", "约"]
        .iter()
        .find_map(|w| s.strip_suffix(*w))?;
    let contract = stem
        .chars()
        .next_back()
        .is_some_and(|c| "签节制合预契履公邀".contains(c));
    (!contract).then_some(stem)
}

/// The metric without its trailing growth word: 国内生产总值增长 → 国内生产总值.
fn strip_growth(metric: &str) -> Option<&str> {
    GROWTH_WORDS
        .iter()
        .find_map(|w| metric.strip_suffix(*w))
        .filter(|base| !base.is_empty())
}

/// The comparator a clause's verbs say, when its number has no suffix.
fn prefix_comparator(segment: &str) -> Option<Comparator> {
    let has = |words: &[&str]| words.iter().any(|w| segment.contains(*w));
    if has(&["控制在", "不超过", "不高于"]) {
        Some(Comparator::AtMost)
    } else if strip_about(segment.trim_end()).is_some() {
        Some(Comparator::About)
    } else if has(&["不低于", "突破", "超过", "达到", "力争"]) {
        Some(Comparator::AtLeast)
    } else {
        None
    }
}

/// Text with synonyms written in their short form, and where each byte came from.
struct Normalised {
    text: String,
    origin: Vec<usize>,
}

impl Normalised {
    fn new(source: &str) -> Normalised {
        let mut text = String::with_capacity(source.len());
        let mut origin = Vec::with_capacity(source.len() + 1);
        let mut i = 0;
        while let Some(rest) = source.get(i..).filter(|r| !r.is_empty()) {
            if let Some((long, short)) = SYNONYMS.iter().find(|(l, _)| rest.starts_with(*l)) {
                text.push_str(short);
                origin.extend(std::iter::repeat_n(i, short.len()));
                i += long.len();
            } else if let Some(c) = rest.chars().next() {
                text.push(c);
                origin.extend(i..i + c.len_utf8());
                i += c.len_utf8();
            }
        }
        origin.push(source.len());
        Normalised { text, origin }
    }

    /// The source text under a normalised span.
    fn original<'a>(&self, source: &'a str, start: usize, end: usize) -> &'a str {
        let at = |p: usize| self.origin.get(p).copied().unwrap_or(source.len());
        source.get(at(start)..at(end)).unwrap_or("")
    }
}

/// The actual a summary reports for the target's metric: full year before forecast before
/// part year, then the first found.
pub fn find_actual(target: &Target, summary: &[&str]) -> Option<Actual> {
    let metric = Normalised::new(&target.metric).text;
    if metric.is_empty() {
        return None;
    }
    let mut best: Option<(u8, Actual)> = None;
    for text in summary {
        for actual in actuals_in(text, &metric, &target.unit) {
            let rank = match actual.scope {
                Scope::FullYear => 0,
                Scope::Forecast => 1,
                Scope::PartYear(_) => 2,
            };
            if best.as_ref().is_none_or(|(r, _)| rank < *r) {
                best = Some((rank, actual));
            }
        }
    }
    best.map(|(_, a)| a)
}

/// Every actual for `metric` in one summary text, in order.
fn actuals_in(source: &str, metric: &str, unit: &str) -> Vec<Actual> {
    let norm = Normalised::new(source);
    let text = norm.text.as_str();
    let qs = quantities(text);
    let growth =
        strip_growth(metric).filter(|_| matches!(unit, "%" | "％" | "百分点" | "个百分点"));
    let needle = growth.unwrap_or(metric);
    let mut out = Vec::new();
    for (pos, _) in text.match_indices(needle) {
        if !starts_phrase(text, pos) {
            continue;
        }
        let after = pos + needle.len();
        let found = match growth {
            Some(_) => growth_quantity(text, after, &qs, unit),
            None => level_quantity(text, after, &qs, unit),
        };
        let Some((q, value)) = found else {
            continue;
        };
        let sentence =
            span_start(text, q.start, SENTENCE_BREAKS)..span_end(text, q.start, SENTENCE_BREAKS);
        out.push(Actual {
            value,
            unit: unit.to_string(),
            raw: norm.original(source, q.start, q.unit_end).to_string(),
            scope: detect_scope(text, q.start),
            quote: norm
                .original(source, sentence.start, sentence.end)
                .trim()
                .to_string(),
        });
    }
    out
}

/// True when a metric at `pos` starts a phrase rather than ending a longer metric
/// (工业总产值 in 规上工业总产值 does not).
fn starts_phrase(text: &str, pos: usize) -> bool {
    let before = text.get(..pos).unwrap_or("");
    match before.chars().next_back() {
        None => true,
        Some(c) if !is_cjk(c) => true,
        Some(_) => [LEAD_VERBS, LEADING_WORDS, LEAD_INS]
            .iter()
            .flat_map(|words| words.iter())
            .any(|w| before.ends_with(*w)),
    }
}

/// The first quantity after a level metric in the same clause with a compatible unit,
/// converted; `None` if it is masked.
fn level_quantity<'q>(
    text: &str,
    after: usize,
    qs: &'q [Quantity],
    unit: &str,
) -> Option<(&'q Quantity, f64)> {
    let end = span_end(text, after, VALUE_BREAKS);
    for q in qs.iter().filter(|q| q.start >= after && q.start < end) {
        if text
            .get(after..q.start)
            .is_none_or(|gap| gap.chars().count() > 20)
        {
            return None;
        }
        if convert(1.0, q.unit.name, unit).is_none() {
            continue;
        }
        let value = convert(q.value?, q.unit.name, unit)?;
        return Some((q, value));
    }
    None
}

/// The rate after a growth word that follows a metric's base, with nothing but the base's
/// own level and fillers between: 工业总产值284亿元,同比增长9% → 9%.
fn growth_quantity<'q>(
    text: &str,
    after: usize,
    qs: &'q [Quantity],
    unit: &str,
) -> Option<(&'q Quantity, f64)> {
    let end = span_end(text, after, SENTENCE_BREAKS);
    let rest = text.get(after..end)?;
    let (offset, word) = GROWTH_WORDS
        .iter()
        .filter_map(|w| rest.find(*w).map(|p| (p, *w)))
        .min_by_key(|&(p, w)| (p, std::cmp::Reverse(w.len())))?;
    let growth_at = after + offset;
    if !only_fillers(text, after, growth_at, qs) {
        return None;
    }
    let rate_from = growth_at + word.len();
    let q = qs.iter().find(|q| q.start >= rate_from && q.start < end)?;
    let gap = text.get(rate_from..q.start)?;
    if gap.chars().count() > 4 || q.masked.is_some() {
        return None;
    }
    Some((q, convert(q.value?, q.unit.name, unit)?))
}

/// True when `text[from..to]` holds only quantities, filler words and commas.
fn only_fillers(text: &str, from: usize, to: usize, qs: &[Quantity]) -> bool {
    let mut rest = String::new();
    for (p, c) in text.get(from..to).unwrap_or("").char_indices() {
        let at = from + p;
        if !qs.iter().any(|q| q.start <= at && at < q.end) {
            rest.push(c);
        }
    }
    for word in COMPARED_TO.iter().chain(GROWTH_FILLERS) {
        rest = rest.replace(word, "");
    }
    rest.chars().all(|c| ",，、 ".contains(c))
}

/// `value` in `from` units expressed in `to` units, if they measure the same thing.
fn convert(value: f64, from: &str, to: &str) -> Option<f64> {
    if from == to {
        return Some(value);
    }
    let (f, t) = (unit_def(from)?, unit_def(to)?);
    (f.base == t.base)
        .then(|| value * f.factor / t.factor)
        .filter(|v| v.is_finite())
}

/// The scope of a value at `pos`: the nearest scope phrase before it in the text.
fn detect_scope(text: &str, pos: usize) -> Scope {
    let before = text.get(..pos).unwrap_or("");
    let mut scope = Scope::FullYear;
    for c in SCOPE.captures_iter(before) {
        let Some(whole) = c.get(0) else {
            continue;
        };
        if c.name("forecast").is_some() {
            scope = Scope::Forecast;
        } else if c.name("year").is_some() {
            scope = Scope::FullYear;
        } else if prev_char(before, whole.start()).is_some_and(is_digit) {
            continue;
        } else {
            let month = c
                .name("m1")
                .or(c.name("m2"))
                .and_then(|m| parse_number(m.as_str()));
            scope = if month == Some(12.0) {
                Scope::FullYear
            } else {
                Scope::PartYear(whole.as_str().to_string())
            };
        }
    }
    scope
}

/// Met, missed, unmentioned or unknown (masked), with how far the actual went.
pub fn judge(target: &Target, actual: Option<&Actual>) -> Judgement {
    let goal = match (target.value, &target.masked) {
        (Some(v), None) => v,
        _ => return masked(target, actual),
    };
    let Some(actual) = actual else {
        return Judgement {
            status: TargetStatus::Unmentioned,
            percent_of_target: None,
            note: format!("no actual for {} in the summary", target.metric),
        };
    };
    let met = match target.comparator {
        Comparator::AtLeast => actual.value >= goal,
        Comparator::AtMost => actual.value <= goal,
        Comparator::About => {
            let within = (actual.value - goal).abs() <= 0.05 * goal.abs();
            let lower = LOWER_IS_BETTER.iter().any(|w| target.metric.contains(w));
            within || (lower && actual.value < goal) || (!lower && actual.value > goal)
        }
    };
    let percent = (goal != 0.0)
        .then(|| (actual.value / goal * 1000.0).round() / 10.0)
        .filter(|p| p.is_finite());
    let share = percent.map_or(String::new(), |p| format!(" ({p}% of target)"));
    Judgement {
        status: if met {
            TargetStatus::Met
        } else {
            TargetStatus::Missed
        },
        percent_of_target: percent,
        note: format!(
            "{}, target {}{share}",
            describe(actual),
            describe_target(target)
        ),
    }
}

fn masked(target: &Target, actual: Option<&Actual>) -> Judgement {
    let reported = actual.map_or("no actual in the summary".to_string(), describe);
    Judgement {
        status: TargetStatus::UnknownMasked,
        percent_of_target: None,
        note: format!("target {} is masked; {reported}", describe_target(target)),
    }
}

fn describe_target(target: &Target) -> String {
    let amount = match (&target.masked, target.value) {
        (Some(mask), _) => mask.clone(),
        (None, Some(v)) => number(v),
        (None, None) => "?".to_string(),
    };
    format!("{} {amount}{}", target.comparator.words(), target.unit)
}

/// "part-year (1-9月) actual 284.61亿元", "forecast 500亿元", "actual 2500万元 (= 0.25亿元)".
fn describe(actual: &Actual) -> String {
    let converted = format!("{}{}", number(actual.value), actual.unit);
    let amount = if converted == actual.raw {
        converted
    } else {
        format!("{} (= {converted})", actual.raw)
    };
    match &actual.scope {
        Scope::FullYear => format!("actual {amount}"),
        Scope::Forecast => format!("forecast {amount}"),
        Scope::PartYear(label) => format!("part-year ({label}) actual {amount}"),
    }
}

/// A value for a note: at most four decimals, no trailing zeros.
fn number(v: f64) -> String {
    let rounded = (v * 1e4).round() / 1e4;
    if rounded.is_finite() {
        format!("{rounded}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Target {
        let targets = extract_targets(text);
        assert_eq!(targets.len(), 1, "{text}: {targets:?}");
        targets.into_iter().next().expect("one target")
    }

    fn target(metric: &str, value: f64, unit: &str, comparator: Comparator) -> Target {
        Target {
            metric: metric.to_string(),
            value: Some(value),
            masked: None,
            unit: unit.to_string(),
            comparator,
            quote: String::new(),
        }
    }

    fn actual(value: f64, unit: &str, scope: Scope) -> Actual {
        Actual {
            value,
            unit: unit.to_string(),
            raw: format!("{value}{unit}"),
            scope,
            quote: String::new(),
        }
    }

    /// Arabic integers and decimals read as written.
    #[test]
    fn arabic_numbers_parse() {
        assert_eq!(parse_number("700"), Some(700.0));
        assert_eq!(parse_number("2.5"), Some(2.5));
        assert_eq!(parse_number("７００"), Some(700.0));
    }

    /// Thousands separators are read only in groups of three.
    #[test]
    fn thousands_separators_parse() {
        assert_eq!(parse_number("1,234"), Some(1234.0));
        assert_eq!(parse_number("12,345.5"), Some(12345.5));
        assert_eq!(parse_number("1,23"), None);
    }

    /// Chinese numerals read as numbers: 两, 十二, 三千, 一百二十, 一千零五.
    #[test]
    fn chinese_numerals_parse() {
        assert_eq!(parse_number("两"), Some(2.0));
        assert_eq!(parse_number("十二"), Some(12.0));
        assert_eq!(parse_number("三千"), Some(3000.0));
        assert_eq!(parse_number("一百二十"), Some(120.0));
        assert_eq!(parse_number("一千零五"), Some(1005.0));
    }

    /// Scale words 百, 千, 万, 亿 multiply the number before them.
    #[test]
    fn scale_words_multiply() {
        assert_eq!(parse_number("3千"), Some(3000.0));
        assert_eq!(parse_number("1.5万"), Some(15000.0));
        assert_eq!(parse_number("3千万"), Some(30_000_000.0));
        assert_eq!(parse_number("2亿"), Some(200_000_000.0));
        assert_eq!(parse_number("5百"), Some(500.0));
        assert_eq!(parse_number("1.3万亿"), Some(1.3e12));
        assert_eq!(parse_number("三亿五千万"), Some(350_000_000.0));
    }

    /// Text that is not a number does not parse, and nothing panics.
    #[test]
    fn non_numbers_do_not_parse() {
        for s in ["", "万", "亿万", "五六", "X", "abc", "1.2.3", "三百千"] {
            assert_eq!(parse_number(s), None, "{s}");
        }
    }

    /// Masked numbers (X, XX, x, *, ***.**) make masked targets with the mask as written.
    #[test]
    fn masked_values_are_kept_as_written() {
        let cases = [
            ("力争完成固定资产投资X亿元", "X", "亿元", "固定资产投资"),
            ("规上工业增加值增速XX%", "XX", "%", "规上工业增加值增速"),
            ("完成固定资产投资x亿元", "x", "亿元", "固定资产投资"),
            ("新增高企维持在*家以上", "*", "家", "新增高企"),
            ("实现工业总产值***.**亿元", "***.**", "亿元", "工业总产值"),
        ];
        for (text, mask, unit, metric) in cases {
            let t = one(text);
            assert_eq!(t.masked.as_deref(), Some(mask), "{text}");
            assert_eq!((t.value, t.unit.as_str()), (None, unit), "{text}");
            assert_eq!(t.metric, metric, "{text}");
        }
    }

    /// 力争 covers the whole sentence: three at-least targets, 其中 dropped from the metric.
    #[test]
    fn goal_sentence_yields_each_target() {
        let targets = extract_targets(
            "力争实现工业总产值700亿元,其中规上工业总产值680亿元,规上工业增加值增速15%",
        );
        let got: Vec<_> = targets
            .iter()
            .map(|t| (t.metric.as_str(), t.value, t.unit.as_str(), t.comparator))
            .collect();
        let at_least = Comparator::AtLeast;
        assert_eq!(
            got,
            [
                ("工业总产值", Some(700.0), "亿元", at_least),
                ("规上工业总产值", Some(680.0), "亿元", at_least),
                ("规上工业增加值增速", Some(15.0), "%", at_least),
            ]
        );
        assert_eq!(targets[1].quote, "其中规上工业总产值680亿元");
    }

    /// A growth target keeps 增长 in its metric and 左右 makes it about.
    #[test]
    fn growth_target_about() {
        let t = one("国内生产总值增长5%左右");
        assert_eq!(t.metric, "国内生产总值增长");
        assert_eq!((t.value, t.unit.as_str()), (Some(5.0), "%"));
        assert_eq!(t.comparator, Comparator::About);
    }

    /// An unemployment rate with 左右 is an about target.
    #[test]
    fn unemployment_rate_about() {
        let t = one("城镇调查失业率5.5%左右");
        assert_eq!(t.metric, "城镇调查失业率");
        assert_eq!((t.value, t.comparator), (Some(5.5), Comparator::About));
    }

    /// A scale word that begins a known unit stays in the unit: 1.3 万亿斤.
    #[test]
    fn scale_word_stays_in_known_unit() {
        let t = one("粮食产量保持在1.3万亿斤以上");
        assert_eq!(t.metric, "粮食产量");
        assert_eq!((t.value, t.unit.as_str()), (Some(1.3), "万亿斤"));
        assert_eq!(t.comparator, Comparator::AtLeast);
        let t = one("完成技改投资3千万元");
        assert_eq!((t.value, t.unit.as_str()), (Some(3000.0), "万元"));
        assert_eq!(convert(3000.0, "万元", "元"), Some(30_000_000.0));
    }

    /// A masked count target keeps 新增 in its metric.
    #[test]
    fn masked_count_target() {
        let t = one("新增高企维持在*家以上");
        assert_eq!(t.metric, "新增高企");
        assert_eq!((t.masked.as_deref(), t.unit.as_str()), (Some("*"), "家"));
        assert_eq!(t.comparator, Comparator::AtLeast);
    }

    /// A plain number in a plan is an at-least target, 新建 kept in the metric.
    #[test]
    fn plain_number_is_at_least() {
        let t = one("新建村级供销社服务网点23个");
        assert_eq!(t.metric, "新建村级供销社服务网点");
        assert_eq!((t.value, t.unit.as_str()), (Some(23.0), "个"));
        assert_eq!(t.comparator, Comparator::AtLeast);
    }

    /// 控制在, 以内 and 不超过 make at-most targets; 约 makes about.
    #[test]
    fn ceilings_and_estimates() {
        let t = one("城镇调查失业率控制在5.5%以内");
        assert_eq!(
            (t.metric.as_str(), t.comparator),
            ("城镇调查失业率", Comparator::AtMost)
        );
        let t = one("单位GDP能耗不超过0.5吨");
        assert_eq!(t.comparator, Comparator::AtMost);
        let t = one("完成固定资产投资约60亿元");
        assert_eq!(
            (t.metric.as_str(), t.comparator),
            ("固定资产投资", Comparator::About)
        );
    }

    /// Plain, masked and 力争 targets in one plan each get their own value.
    #[test]
    fn plain_and_masked_investment_targets() {
        assert_eq!(one("完成固定资产投资60亿元").value, Some(60.0));
        assert_eq!(
            one("力争完成固定资产投资X亿元").masked.as_deref(),
            Some("X")
        );
        assert_eq!(one("规上工业增加值增速X%").masked.as_deref(), Some("X"));
    }

    /// Chinese numerals and thousands separators make targets too.
    #[test]
    fn chinese_and_grouped_numbers_in_targets() {
        let t = one("新增高企两家");
        assert_eq!((t.value, t.unit.as_str()), (Some(2.0), "家"));
        let t = one("引进高层次人才1,234人");
        assert_eq!(
            (t.metric.as_str(), t.value),
            ("引进高层次人才", Some(1234.0))
        );
        let t = one("新增就业一百二十万人");
        assert_eq!((t.value, t.unit.as_str()), (Some(120.0), "万人"));
    }

    /// Years, month ranges, dates, 5G, list markers, 第二批, document numbers and shares
    /// without a metric are not targets.
    #[test]
    fn non_targets_are_skipped() {
        let texts = [
            "2023年,1-9月,1－10月,截至10月31日",
            "一、加快建设5G基站;(1)推进第二批试点",
            "根据(2023)22号文件精神,1.做好统筹",
            "其中,45%用于研发,占比35%",
            "打造两个平台,实现三个突破,增长5-8%",
            "落户一家,打通最后一米,实施三个“一号工程”",
            "支出为预算的49.4%,整改完成率达92,7%",
        ];
        for text in texts {
            assert!(
                extract_targets(text).is_empty(),
                "{text}: {:?}",
                extract_targets(text)
            );
        }
    }

    /// A number without a unit is not a target.
    #[test]
    fn bare_numbers_are_not_targets() {
        assert!(extract_targets("建设重点项目12,其中工业项目50").is_empty());
    }

    /// A bare growth rate after a level borrows its metric.
    #[test]
    fn bare_growth_borrows_the_metric() {
        let targets = extract_targets("实现工业总产值700亿元,同比增长10%");
        assert_eq!(targets.len(), 2);
        assert_eq!(targets[1].metric, "工业总产值增长");
    }

    /// A real plan sentence gives exactly its four at-least targets, and 2024年 is none.
    #[test]
    fn real_plan_sentence_gives_four_targets() {
        let targets = extract_targets(
            "初步打算,2024年力争实现工业总产值700亿元,其中规上工业总产值680亿元,规上工业增加值增速15%;力争完成固定资产投资60亿元。",
        );
        let metrics: Vec<_> = targets.iter().map(|t| t.metric.as_str()).collect();
        assert_eq!(
            metrics,
            [
                "工业总产值",
                "规上工业总产值",
                "规上工业增加值增速",
                "固定资产投资"
            ]
        );
        assert!(targets.iter().all(|t| t.comparator == Comparator::AtLeast));
        assert!(targets
            .iter()
            .all(|t| t.unit != "年" && t.value != Some(2024.0)));
    }

    /// 工业总产值 is not found inside 规上工业总产值, and the reverse.
    #[test]
    fn same_metric_only() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&total, &["全区规上工业总产值680亿元"]), None);
        let a = find_actual(&total, &["实现规上工业总产值600亿元,工业总产值650亿元"]);
        assert_eq!(a.map(|a| a.value), Some(650.0));
        let above = target("规上工业总产值", 680.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&above, &["园区实现工业总产值650亿元"]), None);
    }

    /// 规模以上 matches 规上 and 高新技术企业 matches 高企; the quote is as written.
    #[test]
    fn synonyms_match() {
        let above = target("规上工业总产值", 680.0, "亿元", Comparator::AtLeast);
        let a = find_actual(&above, &["全年规模以上工业总产值690亿元。"]).expect("actual");
        assert_eq!((a.value, a.raw.as_str()), (690.0, "690亿元"));
        assert_eq!(a.quote, "全年规模以上工业总产值690亿元");
        let firms = target("新增高企", 10.0, "家", Comparator::AtLeast);
        let a = find_actual(&firms, &["新增高新技术企业15家"]);
        assert_eq!(a.map(|a| a.value), Some(15.0));
    }

    /// 万元 converts to 亿元; an incompatible unit is skipped.
    #[test]
    fn units_convert() {
        let invest = target("固定资产投资", 60.0, "亿元", Comparator::AtLeast);
        let a = find_actual(&invest, &["完成固定资产投资5800万元"]).expect("actual");
        assert_eq!(
            (a.value, a.unit.as_str(), a.raw.as_str()),
            (0.58, "亿元", "5800万元")
        );
        assert_eq!(find_actual(&invest, &["固定资产投资项目12个"]), None);
        let rate = target("规上工业增加值增速", 15.0, "%", Comparator::AtLeast);
        assert_eq!(find_actual(&rate, &["规上工业增加值增速8个"]), None);
    }

    /// 1-9月, 上半年 and 截至10月底 give a labelled part year; 预计全年 a forecast.
    #[test]
    fn scopes_are_detected() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let scope = |text: &str| find_actual(&total, &[text]).map(|a| a.scope);
        let part = |l: &str| Some(Scope::PartYear(l.to_string()));
        assert_eq!(
            scope("1-9月,园区实现工业总产值284.61亿元,同比增长9.32%"),
            part("1-9月")
        );
        assert_eq!(scope("上半年实现工业总产值300亿元"), part("上半年"));
        assert_eq!(scope("截至10月底,工业总产值410亿元"), part("截至10月底"));
        assert_eq!(scope("1－9月工业总产值284亿元"), part("1－9月"));
        assert_eq!(scope("前三季度工业总产值284亿元"), part("前三季度"));
        assert_eq!(scope("截至目前,工业总产值410亿元"), part("截至目前"));
        assert_eq!(
            scope("1-9月,运行平稳。实现工业总产值284亿元"),
            part("1-9月")
        );
        assert_eq!(
            scope("预计全年,园区可实现工业总产值500亿元"),
            Some(Scope::Forecast)
        );
        assert_eq!(scope("1-12月,工业总产值710亿元"), Some(Scope::FullYear));
        let homes = target("筹集保障房", 2000.0, "套", Comparator::AtLeast);
        let a = find_actual(&homes, &["全年筹集保障房1902套"]).expect("actual");
        assert_eq!((a.value, a.scope), (1902.0, Scope::FullYear));
    }

    /// A full-year actual wins over a forecast, and a forecast over a part year.
    #[test]
    fn full_year_preferred() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let part = "1-9月,园区实现工业总产值284.61亿元";
        let forecast = "预计全年,园区可实现工业总产值500亿元";
        let full = "全年实现工业总产值520亿元";
        let a = find_actual(&total, &[part, forecast, full]);
        assert_eq!(a.map(|a| a.value), Some(520.0));
        let a = find_actual(&total, &[part, forecast]);
        assert_eq!(a.map(|a| a.value), Some(500.0));
    }

    /// A masked actual is no actual.
    #[test]
    fn masked_actual_is_skipped() {
        let total = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        assert_eq!(find_actual(&total, &["全区实现工业总产值X亿元"]), None);
    }

    /// A growth target finds the rate after its level: 工业总产值…亿元,同比增长9.32%.
    #[test]
    fn growth_rates_are_found() {
        let rate = target("规上工业增加值增速", 15.0, "%", Comparator::AtLeast);
        let a = find_actual(&rate, &["规模以上工业增加值同比增长8.2%"]);
        assert_eq!(a.map(|a| a.value), Some(8.2));
        let growth = target("工业总产值增长", 10.0, "%", Comparator::AtLeast);
        let a = find_actual(&growth, &["园区实现工业总产值284.61亿元,同比增长9.32%"]);
        assert_eq!(a.map(|a| a.value), Some(9.32));
        assert_eq!(
            find_actual(&growth, &["工业总产值284亿元,税收增长5%"]),
            None
        );
    }

    /// An actual at or above an at-least target is met, with its percentage.
    #[test]
    fn met_target() {
        let t = target("筹集保障房", 1800.0, "套", Comparator::AtLeast);
        let j = judge(&t, Some(&actual(1902.0, "套", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Met, Some(105.7))
        );
    }

    /// An actual below an at-least target is missed.
    #[test]
    fn missed_target() {
        let t = target("筹集保障房", 2000.0, "套", Comparator::AtLeast);
        let j = judge(&t, Some(&actual(1902.0, "套", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Missed, Some(95.1))
        );
        assert!(j.note.contains("actual 1902套"), "{}", j.note);
    }

    /// A target with no actual is unmentioned.
    #[test]
    fn unmentioned_target() {
        let t = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let j = judge(&t, None);
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Unmentioned, None)
        );
    }

    /// A part-year actual is judged, and the note says it is part-year with its label.
    #[test]
    fn part_year_actual_is_labelled() {
        let t = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let a = actual(284.61, "亿元", Scope::PartYear("1-9月".to_string()));
        let j = judge(&t, Some(&a));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Missed, Some(40.7))
        );
        assert!(j.note.contains("part-year (1-9月) actual"), "{}", j.note);
        let j = judge(&t, Some(&actual(710.0, "亿元", Scope::Forecast)));
        assert!(j.note.starts_with("forecast"), "{}", j.note);
    }

    /// An at-most unemployment rate is met below the ceiling and missed above it.
    #[test]
    fn at_most_unemployment() {
        let t = target("城镇调查失业率", 5.5, "%", Comparator::AtMost);
        assert_eq!(
            judge(&t, Some(&actual(5.2, "%", Scope::FullYear))).status,
            TargetStatus::Met
        );
        assert_eq!(
            judge(&t, Some(&actual(5.8, "%", Scope::FullYear))).status,
            TargetStatus::Missed
        );
    }

    /// About is met within 5% of the target or beyond it in the good direction.
    #[test]
    fn about_within_tolerance() {
        let gdp = target("国内生产总值增长", 5.0, "%", Comparator::About);
        let status = |t: &Target, v: f64| judge(t, Some(&actual(v, "%", Scope::FullYear))).status;
        assert_eq!(status(&gdp, 4.8), TargetStatus::Met);
        assert_eq!(status(&gdp, 6.0), TargetStatus::Met);
        assert_eq!(status(&gdp, 4.5), TargetStatus::Missed);
        let jobless = target("城镇调查失业率", 5.5, "%", Comparator::About);
        assert_eq!(status(&jobless, 5.0), TargetStatus::Met);
        assert_eq!(status(&jobless, 5.9), TargetStatus::Missed);
    }

    /// A masked target is unknown (masked), never a number, even with an actual.
    #[test]
    fn masked_target_is_unknown() {
        let t = one("力争完成固定资产投资X亿元");
        let j = judge(&t, Some(&actual(65.0, "亿元", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::UnknownMasked, None)
        );
        assert!(j.note.contains("actual 65亿元"), "{}", j.note);
    }

    /// Odd and truncated input gives no panic, whatever is cut where.
    #[test]
    fn odd_input_never_panics() {
        let dense = "1-9月,园区实现规模以上工业总产值284.61亿元,同比增长9.32%;预计全年X亿元,\
                     新增高新技术企业一百二十家以上,1,234人,３千万元,5%-8%,***.**万亿斤,第二批";
        let mut inputs = vec![
            "", "1", "X", ",", "1,", "1,2", "万亿", "第", "-5%", "十", "1.", "*.*",
        ];
        let cuts: Vec<usize> = dense.char_indices().map(|(i, _)| i).collect();
        for &a in &cuts {
            inputs.push(&dense[a..]);
            inputs.push(&dense[..a]);
        }
        let probe = target("工业总产值", 0.0, "亿元", Comparator::About);
        for text in inputs {
            for t in extract_targets(text).iter().chain([&probe]) {
                let a = find_actual(t, &[text, dense]);
                let _ = judge(t, a.as_ref());
            }
        }
    }

    /// Comparators, scopes and statuses serialise to the words of the issue.
    #[test]
    fn serialised_words() {
        let json = |v: serde_json::Value| v.to_string();
        assert_eq!(
            json(serde_json::json!(Comparator::AtLeast)),
            r#""at_least""#
        );
        assert_eq!(json(serde_json::json!(Comparator::AtMost)), r#""at_most""#);
        assert_eq!(json(serde_json::json!(Scope::FullYear)), r#""full_year""#);
        assert_eq!(
            json(serde_json::json!(Scope::PartYear("1-9月".to_string()))),
            r#"{"part_year":"1-9月"}"#
        );
        assert_eq!(
            json(serde_json::json!(TargetStatus::UnknownMasked)),
            r#""unknown (masked)""#
        );
    }
}
