//! Extraction: every quantitative target of a plan text, with its metric and comparator.
//!
//! [`extract_targets`] keeps a quantity only when a metric phrase precedes it in its clause;
//! the metric is cleaned of comparator verbs, lead verbs, list markers, years and area words,
//! and a bare growth word or a change against last year (比上年增加) borrows the metric of
//! the previous target of its sentence. A starting point (由20元提高到40元) is no target: the
//! figure it goes to is, with its metric. The comparator comes from a suffix (以上), else from
//! the clause's verbs, else at least.

use super::numbers::is_digit;
use super::quantity::{quantities, Quantity};
use super::text::{is_cjk, span_end, span_start, CLAUSE_BREAKS, SENTENCE_BREAKS};
use super::vocab::{
    COMPARED_TO, FROM_WORDS, GROWTH_WORDS, LEADING_MARK, LEADING_WORDS, LEAD_VERBS, SCOPE,
    TRAILING_VERBS,
};
use super::{Comparator, Target};

/// Every quantitative target of a plan text, in order.
pub fn extract_targets(text: &str) -> Vec<Target> {
    let mut targets: Vec<(usize, Target)> = Vec::new();
    let mut previous_end = 0;
    // The metric and comparator of a starting point (补助标准由20元提高到40元), for the
    // figure it goes to, with the clause they are in.
    let mut from: Option<(usize, String, Comparator)> = None;
    for q in quantities(text) {
        let clause = span_start(text, q.start, CLAUSE_BREAKS);
        let segment = text.get(clause.max(previous_end)..q.start).unwrap_or("");
        previous_end = q.end;
        let after = text.get(q.end..).unwrap_or("");
        if let Some(word) = FROM_WORDS.iter().find(|w| after.starts_with(**w)) {
            let subject = segment
                .rfind(['由', '从'])
                .map_or(segment, |at| &segment[..at]);
            let metric = clean_metric(subject);
            let lower =
                word.starts_with('降') || super::DECREASE_WORDS.iter().any(|d| word.starts_with(d));
            let comparator = if lower {
                Comparator::AtMost
            } else {
                Comparator::AtLeast
            };
            from = is_metric(&metric).then_some((clause, metric, comparator));
            continue;
        }
        let reached = from.take().filter(|(c, _, _)| *c == clause);
        let Some(metric) = reached
            .as_ref()
            .map(|(_, m, _)| m.clone())
            .or_else(|| metric_for(text, &q, segment, &targets))
        else {
            continue;
        };
        let comparator = q
            .suffix
            .or_else(|| reached.map(|(_, _, c)| c))
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
/// word borrows the previous target of the same sentence: 工业总产值…,同比增长10%. So does
/// a change against an earlier year, which names no subject of its own: 中央财政赤字3000
/// 亿元，比上年预算减少198亿元 sets 中央财政赤字比上年预算减少; with no target before it
/// in its sentence, it sets none.
fn metric_for(
    text: &str,
    q: &Quantity,
    segment: &str,
    before: &[(usize, Target)],
) -> Option<String> {
    let metric = clean_metric(segment);
    let growth = strip_any_prefix(&metric, COMPARED_TO);
    let previous = before.last().filter(|(end, _)| {
        !text
            .get(*end..q.start)
            .unwrap_or("")
            .contains(|c| SENTENCE_BREAKS.contains(c))
    });
    if GROWTH_WORDS.contains(&growth) {
        let (_, previous) = previous?;
        let base = strip_growth(&previous.metric).unwrap_or(&previous.metric);
        return Some(format!("{base}{growth}"));
    }
    if growth.len() < metric.len() {
        let (_, previous) = previous?;
        return Some(format!("{}{metric}", previous.metric));
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
pub(super) fn strip_growth(metric: &str) -> Option<&str> {
    GROWTH_WORDS
        .iter()
        .find_map(|w| metric.strip_suffix(*w))
        .filter(|base| !base.is_empty())
}

/// The comparator a clause's verbs say, when its number has no suffix.
fn prefix_comparator(segment: &str) -> Option<Comparator> {
    let has = |words: &[&str]| words.iter().any(|w| segment.contains(*w));
    // 低于4.6% caps; 不低于 floors.
    let below = segment.contains("低于") && !segment.contains("不低于");
    if below || has(&["控制在", "不超过", "不高于"]) {
        Some(Comparator::AtMost)
    } else if strip_about(segment.trim_end()).is_some() {
        Some(Comparator::About)
    } else if has(&["不低于", "突破", "超过", "达到", "力争", "高于"]) {
        Some(Comparator::AtLeast)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::test_support::one;
    use crate::targets::units::convert;

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

    /// 控制在, 以内, 不超过 and 低于 make at-most targets (不低于 and 高于 at-least); 约 makes
    /// about.
    #[test]
    fn ceilings_and_estimates() {
        let t = one("城镇调查失业率控制在5.5%以内");
        assert_eq!(
            (t.metric.as_str(), t.comparator),
            ("城镇调查失业率", Comparator::AtMost)
        );
        let t = one("单位GDP能耗不超过0.5吨");
        assert_eq!(t.comparator, Comparator::AtMost);
        let t = one("城镇登记失业率低于4.6%");
        assert_eq!(
            (t.metric.as_str(), t.comparator),
            ("城镇登记失业率", Comparator::AtMost)
        );
        let t = one("贷款增速不低于40%");
        assert_eq!(
            (t.metric.as_str(), t.comparator),
            ("贷款增速", Comparator::AtLeast)
        );
        let t = one("贷款增速要高于40%");
        assert_eq!(t.comparator, Comparator::AtLeast);
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

    /// A starting point (由20元提高到40元) is no target: the figure it goes to is, with the
    /// starting point's metric; a cut to a figure (降低到) caps it.
    #[test]
    fn the_figure_gone_to_is_the_target() {
        let t = extract_targets("某某补助标准由每人每年20元提高到40元");
        assert_eq!(t.len(), 1, "{t:?}");
        assert_eq!(
            (t[0].metric.as_str(), t[0].value, t[0].comparator),
            ("某某补助标准", Some(40.0), Comparator::AtLeast)
        );
        let t = extract_targets("某某报销比例从50%提高到60%，某某费率由3%降低到2%");
        let got: Vec<_> = t
            .iter()
            .map(|t| (t.metric.as_str(), t.value, t.comparator))
            .collect();
        assert_eq!(
            got,
            [
                ("某某报销比例", Some(60.0), Comparator::AtLeast),
                ("某某费率", Some(2.0), Comparator::AtMost)
            ]
        );
    }

    /// A change against last year borrows the metric of the target before it in its
    /// sentence, and is no target without one: 比上年增加 alone names nothing to look up.
    #[test]
    fn a_change_against_last_year_borrows_the_metric() {
        let targets = extract_targets("某某补助资金250亿元，比上年增加42亿元。比上年减少30亿元。");
        let metrics: Vec<_> = targets.iter().map(|t| t.metric.as_str()).collect();
        assert_eq!(metrics, ["某某补助资金", "某某补助资金比上年增加"]);
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
}
