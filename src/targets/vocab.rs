//! Vocabulary: the word lists and patterns the metric, scope and judging rules key on.
//!
//! Plain data, no logic: lead and trailing verbs, leading time and area words, growth words,
//! synonyms, lower-is-better words, and the list-marker and scope patterns. Tuning what
//! counts as a metric or a scope starts here; the regexes compile once, on first use.

use regex::Regex;
use std::sync::LazyLock;

/// Written forms that mean the same metric, long form first. A stand-in until the rules
/// carry synonyms.
pub(super) const SYNONYMS: &[(&str, &str)] = &[("规模以上", "规上"), ("高新技术企业", "高企")];

/// Words in a metric that make lower values better.
pub(super) const LOWER_IS_BETTER: &[&str] = &[
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
pub(super) const TRAILING_VERBS: &[&str] = &[
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
    "低于",
    "高于",
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
pub(super) const LEAD_VERBS: &[&str] = &[
    "力争", "争取", "确保", "实现", "完成", "达到", "其中", "预计", "计划", "累计",
];

/// Time and whole-area words dropped from the front of a metric.
pub(super) const LEADING_WORDS: &[&str] = &[
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
pub(super) const LEAD_INS: &[&str] = &[
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
pub(super) const GROWTH_WORDS: &[&str] = &["年均增长", "增长", "增速", "增幅"];

/// Words after a figure that make it a starting point (由每人每年120元提高到200元), not a
/// figure reached.
pub(super) const FROM_WORDS: [&str; 10] = [
    "提高到",
    "增加到",
    "增长到",
    "扩大到",
    "上升到",
    "下降到",
    "降低到",
    "降到",
    "减少到",
    "到",
];

/// Comparisons written before a growth word: 同比增长, 比上年增长.
pub(super) const COMPARED_TO: &[&str] = &[
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
pub(super) const GROWTH_FILLERS: &[&str] = &["实现", "完成", "达到", "累计", "的"];

pub(super) static LEADING_MARK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[(（]?[一二三四五六七八九十0-9]+[)）.、]|[一二三四五六七八九十]+是|(?:到|至)?[0-9]{4}年(?:底|末)?)",
    )
    .expect("valid regex")
});

pub(super) static SCOPE: LazyLock<Regex> = LazyLock::new(|| {
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

/// Builds this module's patterns now, so that a caller can have it done on another thread.
pub(super) fn preload() {
    LazyLock::force(&LEADING_MARK);
    LazyLock::force(&SCOPE);
}
