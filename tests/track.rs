//! The track command on the real sample pair: section choice, the outcomes a reader of the
//! two texts expects, nothing lost in any format, and deterministic output.

use serde_json::Value;
mod common;

use common::{plantrack, stdout_ok};

const PLAN: &str = "samples/shengtaiyuan-2022-summary-2023-plan.txt";
const SUMMARY: &str = "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt";

fn stdout(args: &[&str]) -> String {
    let out = plantrack(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json(extra: &[&str]) -> Value {
    let mut args = vec!["track", PLAN, SUMMARY, "--format", "json"];
    args.extend_from_slice(extra);
    serde_json::from_str(&stdout(&args)).expect("valid JSON")
}

fn goals(report: &Value) -> &Vec<Value> {
    report["goals"].as_array().expect("goals")
}

fn commitment<'a>(report: &'a Value, name: &str) -> &'a Value {
    goals(report)
        .iter()
        .flat_map(|g| g["commitments"].as_array().expect("commitments"))
        .find(|c| c["name"].as_str().is_some_and(|n| n.contains(name)))
        .unwrap_or_else(|| panic!("no commitment named {name}"))
}

/// The main command compares the park's 2023 plan with the park's own 2023 summary, not
/// with the civil affairs bureau's summary that comes first in the same file.
#[test]
fn chooses_the_same_organizations_summary() {
    let report = json(&[]);
    assert_eq!(report["plan"]["period"], "2023");
    assert_eq!(report["summary"]["period"], "2023");
    assert_eq!(report["plan"]["organization"], "生态园区");
    assert_eq!(report["summary"]["organization"], "生态园区");
    assert_eq!(report["summary"]["document"], "D2");
    let table = stdout(&["track", PLAN, SUMMARY]);
    assert!(table.contains("summary: ") && !table.contains("区民政局"));
}

/// A reader of the two texts sees the power system's phase four completed (完工) and two
/// commitments never mentioned again; the tool agrees.
#[test]
fn commitments_agree_with_a_reader() {
    let report = json(&[]);
    let power = commitment(&report, "电力系统四期");
    assert_eq!(power["status"], "met");
    assert!(power["words"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w == "完工"));
    assert!(power["evidence"][0]["quote"]
        .as_str()
        .unwrap()
        .contains("电力系统四期工程"));
    for name in ["中国-中东欧文化交流中心", "光伏能源公司"] {
        let c = commitment(&report, name);
        assert_eq!(c["status"], "unmentioned", "{name}");
        assert!(c["evidence"].as_array().unwrap().is_empty());
    }
}

/// The goal about the 国际合作 brand is evidenced by the summary's 国际合作纵深拓展 item
/// (the item itself or one of its points).
#[test]
fn international_cooperation_goal_finds_its_item() {
    let outline: Value = serde_json::from_str(&stdout(&["outline", SUMMARY, "--format", "json"]))
        .expect("valid JSON");
    let item = outline["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["sections"].as_array().unwrap())
        .flat_map(|s| s["items"].as_array().unwrap())
        .find(|i| i["text"].as_str().unwrap().starts_with("国际合作纵深拓展"))
        .expect("the summary has the item");
    let item_id = item["id"].as_str().unwrap();
    let report = json(&[]);
    let goal = goals(&report)
        .iter()
        .find(|g| {
            let t = g["text"].as_str().unwrap();
            t.contains("国际合作") && t.contains("品牌建设")
        })
        .expect("the plan has the goal");
    assert_ne!(goal["status"], "unmentioned");
    let first = goal["evidence"][0]["id"].as_str().unwrap();
    let item_path = item["path"].as_str().unwrap();
    let first_path = goal["evidence"][0]["path"].as_str().unwrap();
    assert!(
        first == item_id || first_path.starts_with(&format!("{item_path} › ")),
        "evidence {first} ({first_path}) is not item {item_id} ({item_path})"
    );
}

/// Checked against an unrelated body's summary, the plan comes out mostly unmentioned:
/// shared boilerplate makes no match. The note says the bodies differ.
#[test]
fn unrelated_summary_leaves_goals_unmentioned() {
    let report = json(&["--summary-section", "D1.S1"]);
    let counts = &report["counts"];
    let total: u64 = ["met", "partial", "missed", "unmentioned"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    let unmentioned = counts["unmentioned"].as_u64().unwrap();
    assert!(unmentioned * 4 >= total * 3, "{counts}");
    assert!(report["notes"][0].as_str().unwrap().contains("区民政局"));
}

/// Every plan goal appears exactly once in every format.
#[test]
fn every_goal_appears_once_in_every_format() {
    let ids = assert_each_goal_once(PLAN, SUMMARY);
    assert!(ids.len() >= 8);
    let statuses = ["met", "partial", "missed", "unmentioned"];
    for g in goals(&json(&[])) {
        assert!(statuses.contains(&g["status"].as_str().unwrap()));
    }
}

/// A plan numbered past 50 keeps every goal: none is glued to the one before.
#[test]
fn long_numbered_plans_keep_every_goal() {
    let numbered = |kind: &str, heading: &str, n: usize| {
        let mut text = format!("某园区2023年工作{kind}\n一、{heading}\n");
        for i in 1..=n {
            text.push_str(&format!(
                "{i}.推进第{i}号重点项目建设，新建厂房{i}万平方米。\n"
            ));
        }
        text
    };
    let plan = common::TempFile::new(
        "long-plan",
        "plan.txt",
        numbered("计划", "重点工作", 120).as_bytes(),
    );
    let summary = common::TempFile::new(
        "long-summary",
        "summary.txt",
        numbered("总结", "主要成效", 40).as_bytes(),
    );
    let ids = assert_each_goal_once(plan.to_str().unwrap(), summary.to_str().unwrap());
    assert_eq!(ids.len(), 120);
    assert_eq!(ids.last().unwrap(), "D1.S1.I120");
}

/// Asserts that every goal of the JSON report appears exactly once in the table, Markdown
/// and CSV outputs; returns the goal ids.
fn assert_each_goal_once(plan: &str, summary: &str) -> Vec<String> {
    let report = json_of(plan, summary);
    let ids: Vec<String> = goals(&report)
        .iter()
        .map(|g| g["id"].as_str().unwrap().to_string())
        .collect();
    let unique: std::collections::BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "goal ids repeat in JSON");
    for format in ["table", "markdown", "csv"] {
        let text = stdout(&["track", plan, summary, "--format", format]);
        // The targets table below the goals table refers to goals by id; count the goals
        // table's rows only.
        let text = text
            .split("targets (")
            .next()
            .unwrap()
            .split("| goal | metric |")
            .next()
            .unwrap();
        for id in &ids {
            let count = match format {
                "csv" => text
                    .lines()
                    .filter(|l| l.starts_with(&format!("goal,{id},")))
                    .count(),
                _ => {
                    text.matches(&format!("{id}\n")).count()
                        + text.matches(&format!("| {id} |")).count()
                        + text.matches(&format!("│ {id} ")).count()
                }
            };
            assert_eq!(count, 1, "{id} in {format}");
        }
    }
    ids
}

/// The same input gives byte-identical output in every format.
#[test]
fn output_is_deterministic() {
    for format in ["table", "markdown", "csv", "json"] {
        let args = ["track", PLAN, SUMMARY, "--format", format];
        assert_eq!(stdout(&args), stdout(&args), "{format}");
    }
}

/// The CSV opens in Excel: a byte-order mark, CRLF line ends, a header row.
#[test]
fn csv_is_excel_friendly() {
    let csv = stdout(&["track", PLAN, SUMMARY, "--format", "csv"]);
    assert!(csv.starts_with("\u{feff}level,goal_id,"));
    assert!(csv.lines().count() > 8);
    assert!(csv.split("\r\n").count() > 8);
}

/// When no plan and summary of one period fit, the message says what each file holds.
#[test]
fn no_fitting_pair_is_explained() {
    let out = plantrack(["track", SUMMARY, PLAN]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("plan sections found") && err.contains("summary sections found"),
        "{err}"
    );
    let out = plantrack(["track", PLAN, SUMMARY, "--plan-section", "D9.S9"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("D9.S9"));
}

/// One file may be both arguments: a compilation's documents compared by section id.
#[test]
fn one_file_can_be_both_arguments() {
    let file = "samples/compilation-15-h1-2023-summary-h2-plan.txt";
    let out = stdout(&[
        "track",
        file,
        file,
        "--plan-section",
        "D1.S2",
        "--summary-section",
        "D1.S1",
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["plan"]["section"], "D1.S2");
    assert_eq!(report["summary"]["section"], "D1.S1");
    assert!(!goals(&report).is_empty());
}

/// The share of a run's tasks that came out mentioned (met, partial or missed).
fn mentioned_share(args: &[&str]) -> f64 {
    let mut all = vec!["track"];
    all.extend_from_slice(args);
    all.extend(["--format", "json"]);
    let out = plantrack(all);
    let report: Value = serde_json::from_str(&stdout_ok(&out, "track")).unwrap();
    let tasks: Vec<&Value> = goals(&report)
        .iter()
        .flat_map(|g| g["commitments"].as_array().unwrap())
        .filter(|c| c["kind"] == "action")
        .collect();
    assert!(tasks.len() >= 30, "too few tasks to judge: {}", tasks.len());
    let mentioned = tasks
        .iter()
        .filter(|c| c["status"] != "unmentioned")
        .count();
    mentioned as f64 / tasks.len() as f64
}

/// Negative controls: a plan checked against another body's review finds at most 15% of
/// its tasks mentioned, where its own review finds far more. Shared genre words (推进,
/// 建设, 工作) are no evidence.
#[test]
fn another_bodys_review_mentions_few_tasks() {
    let park_vs_town = mentioned_share(&[
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/xiepu-2023-summary-2024-plan.txt",
        "--period",
        "2023",
    ]);
    let shanghai_vs_state_council = mentioned_share(&[
        "samples/reports/shanghai-2021.txt",
        "samples/reports/national-2007.txt",
        // 三、2021年主要任务 (D1.S2 is the review's problems passage, D1.S3 the five-year plan).
        "--plan-section",
        "D1.S4",
        "--summary-section",
        "D1.S1",
    ]);
    let shanghai_own = mentioned_share(&[
        "samples/reports/shanghai-2021.txt",
        "samples/reports/shanghai-2022.txt",
        "--plan-section",
        "D1.S4",
    ]);
    assert!(park_vs_town <= 0.15, "{park_vs_town}");
    assert!(
        shanghai_vs_state_council <= 0.15,
        "{shanghai_vs_state_council}"
    );
    assert!(shanghai_own >= 0.3, "{shanghai_own}");
}

/// A plan section named as the summary is refused (its goals would be scored against
/// another plan), unless --force-section says to compare it anyway.
#[test]
fn a_plan_section_is_not_a_summary() {
    let file = "samples/xiepu-2023-summary-2024-plan.txt";
    let args = [
        "track",
        file,
        file,
        "--plan-section",
        "D1.S2",
        "--summary-section",
        "D1.S2",
    ];
    let out = plantrack(args);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("D1.S2")
            && err.contains("is a plan section")
            && err.contains("--force-section"),
        "{err}"
    );
    let forced: Vec<&str> = args.iter().copied().chain(["--force-section"]).collect();
    assert!(plantrack(forced).status.success());
}

/// A goal's evidence holds the review sentence that reports on its heading, which sums the
/// goal up, and not only the sentences of its tasks.
#[test]
fn a_goal_quotes_the_sentence_on_its_heading() {
    let plan = common::TempFile::new(
        "heading-plan",
        "plan.txt",
        "某园区2023年工作计划\n一、重点工作\n（一）打好污染防治攻坚战。新建雨污分流管网30公里。关停印染化工企业12家。\n（二）建成园区图书馆。\n"
            .as_bytes(),
    );
    let summary = common::TempFile::new(
        "heading-summary",
        "summary.txt",
        "某园区2023年工作总结\n一、主要成效\n1.新建雨污分流管网32公里。\n2.关停印染化工企业12家。\n3.生态环境持续改善，污染防治攻坚战取得明显成效。\n4.园区图书馆建成开放。\n"
            .as_bytes(),
    );
    let report = json_of(plan.to_str().unwrap(), summary.to_str().unwrap());
    let goal = goals(&report)
        .iter()
        .find(|g| g["text"].as_str().unwrap().contains("污染防治"))
        .expect("the plan has the goal");
    let quotes: Vec<&str> = goal["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["quote"].as_str().unwrap())
        .collect();
    assert!(
        quotes
            .iter()
            .any(|q| q.contains("污染防治攻坚战取得明显成效")),
        "{quotes:?}"
    );
}

/// The first sentence of an item counted in running text (一是…) is its first task, not a
/// heading: the review that reports it makes it mentioned. A heading marked （一） stays the
/// goal's title.
#[test]
fn an_enumerated_item_opens_with_a_task() {
    let plan = common::TempFile::new(
        "enumerated-plan",
        "plan.txt",
        "某园区2023年工作计划\n一、重点工作\n（一）调整产业结构。一是实施印染行业整治提升方案。关停落后印染企业12家。二是新建雨污分流管网30公里。\n"
            .as_bytes(),
    );
    let summary = common::TempFile::new(
        "enumerated-summary",
        "summary.txt",
        "某园区2023年工作总结\n一、主要成效\n1.印染行业整治提升方案全面实施。\n".as_bytes(),
    );
    let report = json_of(plan.to_str().unwrap(), summary.to_str().unwrap());
    let tasks: Vec<(&str, &str)> = goals(&report)
        .iter()
        .flat_map(|g| g["commitments"].as_array().unwrap())
        .map(|c| (c["name"].as_str().unwrap(), c["status"].as_str().unwrap()))
        .collect();
    assert!(
        tasks
            .iter()
            .any(|(name, status)| *name == "实施印染行业整治提升方案" && *status != "unmentioned"),
        "{tasks:?}"
    );
    assert!(
        !tasks.iter().any(|(name, _)| name.contains("调整产业结构")),
        "{tasks:?}"
    );
}

/// A review sentence of thanks names what a task names (某某特别行政区) yet reports on
/// nothing: it is never evidence, and the run lists it rather than drop it silently.
#[test]
fn a_sentence_of_thanks_is_never_evidence() {
    let plan = common::TempFile::new(
        "thanks-plan",
        "plan.txt",
        "某市2023年工作计划\n一、重点工作\n（一）扩大对外交流。全力支持某某特别行政区政府依法施政。新建国际会展中心。\n"
            .as_bytes(),
    );
    let summary = common::TempFile::new(
        "thanks-summary",
        "summary.txt",
        "某市2023年工作总结\n一、主要成效\n1.国际会展中心建成投用。\n2.向某某特别行政区同胞，表示诚挚感谢！\n"
            .as_bytes(),
    );
    let report = json_of(plan.to_str().unwrap(), summary.to_str().unwrap());
    let task = commitment(&report, "全力支持某某特别行政区政府依法施政");
    assert_eq!(task["status"], "unmentioned", "{task}");
    assert_eq!(commitment(&report, "新建国际会展中心")["status"], "met");
    let passed: Vec<&str> = report["passed_over"]
        .as_array()
        .expect("the run lists the sentences it passed over")
        .iter()
        .map(|p| p["sentence"].as_str().unwrap())
        .collect();
    assert_eq!(passed, ["向某某特别行政区同胞，表示诚挚感谢！"]);
}

fn json_of(plan: &str, summary: &str) -> Value {
    serde_json::from_str(&stdout(&["track", plan, summary, "--format", "json"])).unwrap()
}
