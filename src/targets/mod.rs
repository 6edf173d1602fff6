//! Targets: the numbers a plan sets, set against the actuals the next summary reports.
//!
//! Like the State Council's 量化指标任务落实情况表, this stage lists every quantitative
//! target of a plan ([`extract_targets`]), looks for the same metric in the summary
//! ([`find_actual`]) and judges the pair ([`judge`](fn@judge)). It is pure (text in, data
//! out) and never panics, whatever the input.
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
//!   Where no such figure is found, `track` looks in the sentence that settles the target's
//!   task ([`actual_in_sentence`]): the review may word the metric otherwise (城镇新增就业
//!   for 新增城镇就业), so the figure counts when the words before it hold all the metric's
//!   last eight characters but one. A starting point (由120元提高到…) and a sum over years
//!   (五年累计…, 年均…) are never an actual there, nor in [`compare_first`].
//! - **Scope.** The nearest scope phrase before the value, in the same sentence or earlier in
//!   the same text: 1-9月, 上半年, 截至10月底… give a part year (serialised as
//!   `{"part_year": "1-9月"}`), 预计全年 gives a forecast, 全年 or none a full year. A range
//!   or date ending in December (1-12月, 截至年底) is a full year.
//! - **Judging.** About is met within ±5% of the target or beyond it in the good direction,
//!   which is lower for 失业率, 能耗, 降低, 下降, 物价, CPI, 居民消费价格, 赤字率 and 排放,
//!   higher otherwise.
//!
//! Where each rule lives:
//! - `numbers.rs`: reading a number (arabic, Chinese numerals, scale words) and finding
//!   number tokens and masks in text;
//! - `units.rs`: the unit table and conversion between units of one base;
//! - `quantity.rs`: a number with its unit in running text, ranges and classifiers excluded;
//! - `vocab.rs`: the word lists and patterns the metric and scope rules key on;
//! - `text.rs`: character access by byte offset and clause / sentence spans;
//! - `extract.rs`: targets and their metrics and comparators in plan text;
//! - `actual.rs`: actuals and their scopes in summary text;
//! - `judge.rs`: status, percentage of target and the note.

mod actual;
mod extract;
mod judge;
mod numbers;
mod quantity;
mod text;
mod units;
mod vocab;

pub use actual::{find_actual, find_actual_in, prepare, Prepared};

/// Words just before a figure that make it a cut, to be reached or passed.
const DECREASE_WORDS: [&str; 5] = ["下降", "降低", "减少", "压减", "削减"];

/// Words before a plan's number that make it a ceiling, unless the figure is a cut or 以上
/// follows it: 涨幅3%左右, 失业率5.5%以内, 赤字率拟按2.6%安排.
const CEILING_WORDS: [&str; 8] = [
    "控制在",
    "涨幅",
    "失业率",
    "赤字",
    "能耗",
    "排放",
    "以内",
    "不超过",
];

/// Every quantity of `text` that has a value, as (byte offset of its number, value in its
/// unit's base, base unit): 1.5亿吨 and 3000万吨 come out in one base and can be compared.
pub fn base_quantities(text: &str) -> Vec<(usize, f64, &'static str)> {
    quantity::quantities(text)
        .into_iter()
        .filter_map(|q| {
            let value = units::convert(q.value?, q.unit.name, q.unit.base)?;
            Some((q.start, value, q.unit.base))
        })
        .collect()
}

/// The first quantity of `plan` with a value, set against the figure of `report` that
/// measures the same thing ([`reported_figure`], on the eight characters before the plan's
/// number). Returns whether it reaches the plan's figure (at least, or at most for a ceiling: 以内,
/// 控制在, 涨幅…), and the reported figure as written. `None` when either side has no such
/// quantity. For a task and the one sentence that reports on it, where the metric words may
/// be ordered differently (新增城镇就业 / 城镇新增就业).
pub fn compare_first(plan: &str, report: &str) -> Option<(bool, String)> {
    let q = quantity::quantities(plan)
        .into_iter()
        .find(|q| q.value.is_some())?;
    let target = q.value?;
    let before: String = plan[..q.start]
        .chars()
        .rev()
        .take(8)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    // A ceiling metric (能耗, 排放) cut by a figure (能耗下降3%, 排放量减少3%以上) asks for at
    // least that cut; 以上 after the figure says so too.
    let cut = DECREASE_WORDS.iter().any(|w| before.ends_with(w));
    let ceiling = match q.suffix {
        Some(Comparator::AtMost) => true,
        Some(Comparator::AtLeast) => false,
        _ => {
            plan[q.end..].starts_with("以内")
                || (!cut && CEILING_WORDS.iter().any(|w| before.contains(w)))
        }
    };
    let Reported { value, written, .. } = reported_figure(&before, q.unit.name, report)?;
    let reached = if ceiling {
        value <= target * 1.0001
    } else if q.suffix == Some(Comparator::About) {
        value >= target * 0.98
    } else {
        value >= target * 0.9999
    };
    Some((reached, written))
}
/// Words before a figure that make it a sum over several years (五年累计1.6万亿元, 年均增长
/// 10.6%), not one year's figure, unless the plan's own words say so.
const SPAN_WORDS: [&str; 4] = ["累计", "年均", "平均每年", "五年"];

/// A reported figure paired with a plan's: its value in the plan's unit, as written, the
/// weight of the plan's metric words it shares, and the words before it (its context).
struct Reported<'r> {
    value: f64,
    written: String,
    /// The plan's metric words (character bigrams) before the figure, each weighing its
    /// nearness to the plan's figure, summed.
    weight: usize,
    /// The words the figure follows: since the figure before it, at most ten characters.
    context: &'r str,
}

/// The figure of `report` that measures what a plan's figure measures: of a unit that
/// converts to `unit`, and preceded by words of `before` (the plan's words just before its
/// figure), the best such match first. The plan's words nearest its figure weigh most: they
/// name what it measures (农村公路 in 新建改建农村公路20万公里), the ones before say what is
/// done. A reported figure's words are those since the figure before it, at most ten
/// characters (…高速公路6000多公里、农村公路30多万公里). A starting point (120元提高到…) and,
/// unless the plan's words say so too, a sum over years (五年累计…, 年均…) are never it.
fn reported_figure<'r>(before: &str, unit: &str, report: &'r str) -> Option<Reported<'r>> {
    let metric: Vec<(String, usize)> = crate::similarity::bigrams(before)
        .into_iter()
        .enumerate()
        .map(|(i, g)| (g, i + 1))
        .collect();
    let mut previous_end = 0;
    // The words of a starting point (由每人每年120元提高到200元) are those of the figure it
    // goes to.
    let mut from: Option<&str> = None;
    let mut found: Vec<Reported> = Vec::new();
    for r in quantity::quantities(report) {
        let floor = std::mem::replace(&mut previous_end, r.unit_end);
        let start = report[..r.start]
            .char_indices()
            .rev()
            .nth(9)
            .map_or(0, |(i, _)| i)
            .max(floor.min(r.start));
        let context = from.take().unwrap_or(&report[start..r.start]);
        if vocab::FROM_WORDS
            .iter()
            .any(|w| report[r.unit_end..].starts_with(w))
        {
            from = Some(context);
            continue;
        }
        if SPAN_WORDS
            .iter()
            .any(|w| context.contains(w) && !before.contains(w))
        {
            continue;
        }
        let Some(value) = r.value.and_then(|v| units::convert(v, r.unit.name, unit)) else {
            continue;
        };
        let weight = metric
            .iter()
            .filter(|(g, _)| context.contains(g.as_str()))
            .map(|(_, w)| w)
            .sum();
        found.push(Reported {
            value,
            written: report[r.start..r.unit_end].to_string(),
            weight,
            context,
        });
    }
    found
        .into_iter()
        .filter(|r| metric.is_empty() || r.weight > 0)
        .min_by_key(|r| std::cmp::Reverse(r.weight))
}

/// The actual that one summary sentence reports for a target whose metric it words
/// otherwise (新增城镇就业900万人 / 城镇新增就业980万人): the sentence that settles the
/// target's task, where [`find_actual`] looks for the metric as written. The figure is
/// chosen as [`compare_first`] chooses it, after the last eight Chinese characters of the
/// target's metric, and counts only when its own words hold all of those characters but
/// one, in any order: 城镇登记失业率 is not 调查失业率, nor 中央财政赤字 中央财政投资.
pub fn actual_in_sentence(target: &Target, sentence: &str) -> Option<Actual> {
    let han: Vec<char> = target.metric.chars().filter(|&c| is_cjk(c)).collect();
    let head = &han[han.len().saturating_sub(8)..];
    let before: String = head.iter().collect();
    let found = reported_figure(&before, &target.unit, sentence)?;
    let missing = head.iter().filter(|&&c| !found.context.contains(c)).count();
    if head.is_empty() || missing > 1 {
        return None;
    }
    Some(Actual {
        value: found.value,
        unit: target.unit.clone(),
        raw: found.written,
        scope: actual::scope_of(sentence),
        quote: sentence.to_string(),
    })
}

pub use extract::extract_targets;
pub(crate) use text::is_cjk;

/// Builds the patterns of target extraction now, so that a caller can have it done on
/// another thread.
pub fn preload() {
    vocab::preload();
}
pub use judge::judge;
pub use numbers::parse_number;

use serde::Serialize;

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

/// Builders shared by the unit tests of this module's files.
#[cfg(test)]
mod test_support {
    use super::*;

    pub(super) fn one(text: &str) -> Target {
        let targets = extract_targets(text);
        assert_eq!(targets.len(), 1, "{text}: {targets:?}");
        targets.into_iter().next().expect("one target")
    }

    pub(super) fn target(metric: &str, value: f64, unit: &str, comparator: Comparator) -> Target {
        Target {
            metric: metric.to_string(),
            value: Some(value),
            masked: None,
            unit: unit.to_string(),
            comparator,
            quote: String::new(),
        }
    }

    pub(super) fn actual(value: f64, unit: &str, scope: Scope) -> Actual {
        Actual {
            value,
            unit: unit.to_string(),
            raw: format!("{value}{unit}"),
            scope,
            quote: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::target;
    use super::*;

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

    /// A sentence that words a target's metric otherwise gives its actual when the figure's
    /// own words hold the metric (城镇新增就业 for 新增城镇就业); another metric that shares
    /// words with it (调查失业率 for 登记失业率), a starting point (由120元提高到200元) and a
    /// sum over five years give none.
    #[test]
    fn an_actual_in_other_words_is_the_same_metric() {
        let got = |metric: &str, value: f64, unit: &str, sentence: &str| {
            actual_in_sentence(&target(metric, value, unit, Comparator::AtLeast), sentence)
                .map(|a| (a.value, a.raw))
        };
        assert_eq!(
            got(
                "新增城镇就业",
                900.0,
                "万人",
                "城镇新增就业980万人，超过预期目标；"
            ),
            Some((980.0, "980万人".to_string()))
        );
        assert_eq!(
            got(
                "城镇登记失业率",
                4.5,
                "%",
                "城镇新增就业1361万人、调查失业率稳定在5%左右。"
            ),
            None
        );
        assert_eq!(
            got(
                "某某补助标准",
                200.0,
                "元",
                "某某补助标准由每人每年120元提高到200元。"
            ),
            Some((200.0, "200元".to_string()))
        );
        assert_eq!(
            got(
                "中央财政某某支出",
                3900.0,
                "亿元",
                "中央财政某某支出五年累计1.6万亿元。"
            ),
            None
        );
    }

    /// A cut of a ceiling metric is reached by a deeper cut: 能耗下降3.1% reaches a plan of
    /// 下降3%以上, and 排放量下降2% falls short of 下降3%. A level of a ceiling metric is
    /// reached from below.
    #[test]
    fn a_cut_is_reached_by_a_deeper_cut() {
        let reached = |plan: &str, report: &str| compare_first(plan, report).map(|(r, _)| r);
        assert_eq!(
            reached(
                "单位国内生产总值能耗下降3%以上",
                "单位国内生产总值能耗下降3.1%。"
            ),
            Some(true)
        );
        assert_eq!(
            reached("氮氧化物排放量下降3%", "氮氧化物排放量下降2%。"),
            Some(false)
        );
        assert_eq!(
            reached("城镇登记失业率4.5%以内", "城镇登记失业率3.8%。"),
            Some(true)
        );
        assert_eq!(
            reached("居民消费价格涨幅3%左右", "居民消费价格上涨3.5%。"),
            Some(false)
        );
    }

    /// A figure is set against the reported figure its own words name: in a list, the words
    /// since the figure before it, the nearest to it weighing most.
    #[test]
    fn the_figure_named_by_the_metric_is_compared() {
        let got = compare_first(
            "新建改建乡村道路20万公里",
            "新增运营里程4100公里，新建改建高速道路6000多公里、乡村道路30多万公里。",
        );
        assert_eq!(got, Some((true, "30多万公里".to_string())));
    }
}
