//! Numeric targets: the quantitative-target table on the real pair and on a made-up pair
//! where every outcome is known.

mod common;

use common::{plantrack, stdout_ok};
use serde_json::Value;

fn targets(plan: &str, summary: &str) -> Vec<Value> {
    let out = plantrack(["track", plan, summary, "--targets-only", "--format", "json"]);
    serde_json::from_str::<Value>(&stdout_ok(&out, "track --targets-only"))
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn by_metric<'a>(list: &'a [Value], metric: &str) -> &'a Value {
    list.iter()
        .find(|t| t["metric"] == metric)
        .unwrap_or_else(|| panic!("no target {metric} in {list:#?}"))
}

/// The park's 2023 targets are masked in the published plan: they are listed as
/// `unknown (masked)` and never given a number, even where the summary has an actual.
#[test]
fn masked_targets_stay_unknown() {
    let list = targets(
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
    );
    for metric in ["工业总产值", "规上工业增加值增速", "固定资产投资"] {
        let t = by_metric(&list, metric);
        assert_eq!(t["status"], "unknown (masked)", "{metric}");
        assert!(
            t["target"].is_null() && t["percent_of_target"].is_null(),
            "{metric}"
        );
        assert_eq!(t["masked"], "X");
    }
}

/// The 2024 plan's four targets are extracted with their comparators and shown by
/// `outline --items`.
#[test]
fn outline_shows_the_2024_targets() {
    let out = plantrack([
        "outline",
        "--items",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
    ]);
    let text = stdout_ok(&out, "outline --items");
    for line in [
        "target: 工业总产值 at least 700亿元",
        "target: 规上工业总产值 at least 680亿元",
        "target: 规上工业增加值增速 at least 15%",
        "target: 固定资产投资 at least 60亿元",
    ] {
        assert!(text.contains(line), "{line}");
    }
}

/// A made-up pair: each outcome is judged as a reader would.
#[test]
fn made_up_pair_is_judged_correctly() {
    let list = targets(
        "tests/fixtures/targets-plan.txt",
        "tests/fixtures/targets-summary.txt",
    );
    let gdp = by_metric(&list, "地区生产总值");
    assert_eq!(
        (gdp["status"].as_str(), gdp["actual"].as_f64()),
        (Some("met"), Some(120.0))
    );
    assert_eq!(gdp["actual_scope"], "full year");
    assert_eq!(gdp["percent_of_target"].as_f64(), Some(120.0));
    let jobs = by_metric(&list, "新增城镇就业");
    assert_eq!(
        (jobs["status"].as_str(), jobs["actual"].as_f64()),
        (Some("missed"), Some(4000.0))
    );
    let pipes = by_metric(&list, "新建污水管网");
    assert_eq!(pipes["status"], "unmentioned");
    assert!(pipes["actual"].is_null());
    let invest = by_metric(&list, "固定资产投资");
    assert_eq!(
        invest["actual_scope"], "1-9月",
        "a part-year actual is labelled as such"
    );
    assert!(invest["note"].as_str().unwrap().contains("part-year"));
    let jobless = by_metric(&list, "城镇登记失业率");
    assert_eq!(jobless["comparator"], "at_most");
    assert_eq!(jobless["status"], "met", "2.8% is within a ceiling of 3%");
}

/// Each target names the goal it comes from: the lead paragraph that sets it, or its item.
#[test]
fn each_target_names_its_goal() {
    let list = targets(
        "tests/fixtures/targets-plan.txt",
        "tests/fixtures/targets-summary.txt",
    );
    let goal = |metric: &str| by_metric(&list, metric)["goal"].clone();
    assert_eq!(goal("地区生产总值"), "D1.S2.L1");
    assert_eq!(goal("新增城镇就业"), "D1.S2.I1");
    assert_eq!(goal("新建污水管网"), "D1.S2.I2");
    assert_eq!(goal("固定资产投资"), "D1.S2.I3");
}

/// The targets table sits under the goals table, with its columns.
#[test]
fn targets_table_follows_the_goals_table() {
    let out = plantrack([
        "track",
        "tests/fixtures/targets-plan.txt",
        "tests/fixtures/targets-summary.txt",
    ]);
    let text = stdout_ok(&out, "track");
    let goals_at = text.find("│ id").expect("goals table");
    let targets_at = text.find("targets (").expect("targets table");
    assert!(goals_at < targets_at);
    for col in [
        "metric",
        "target",
        "actual",
        "scope",
        "% of target",
        "status",
        "quotes",
    ] {
        assert!(text[targets_at..].contains(col), "{col}");
    }
}

/// A review that words a metric otherwise (城镇新增就业 for 新增城镇就业) still gives the
/// target its actual, from the sentence that settles the target's task, and the note says
/// so; another metric sharing words with it (调查失业率 for 登记失业率) gives none.
#[test]
fn an_actual_worded_otherwise_is_found_and_another_metric_is_not() {
    let plan = common::TempFile::new(
        "worded_otherwise",
        "plan.txt",
        "某某县2023年工作总结和2024年工作计划\n一、2023年工作总结\n1.各项工作稳步推进。\n二、2024年工作计划\n1.扩大就业。新增城镇就业5000人，城镇登记失业率控制在3%以内。\n2.改善住房。新建某某保障性住房300套。\n".as_bytes(),
    );
    let summary = common::TempFile::new(
        "worded_otherwise",
        "summary.txt",
        "某某县2024年工作总结和2025年工作计划\n一、2024年工作总结\n1.就业扩大。城镇新增就业5600人，超过预期目标，城镇调查失业率3.5%。\n2.住房改善。某某保障性住房建成320套。\n二、2025年工作计划\n1.继续推进某某工作。\n".as_bytes(),
    );
    let list = targets(plan.path.to_str().unwrap(), summary.path.to_str().unwrap());
    let jobs = by_metric(&list, "新增城镇就业");
    assert_eq!(
        (jobs["status"].as_str(), jobs["actual"].as_f64()),
        (Some("met"), Some(5600.0))
    );
    assert!(
        jobs["note"]
            .as_str()
            .unwrap()
            .contains("words the metric otherwise"),
        "{jobs}"
    );
    assert_eq!(
        by_metric(&list, "新建某某保障性住房")["actual"].as_f64(),
        Some(320.0)
    );
    let jobless = by_metric(&list, "城镇登记失业率");
    assert_eq!(jobless["status"], "unmentioned", "{jobless}");
}
