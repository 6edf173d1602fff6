//! Benchmark of one `track` run on the sample pair (run with `cargo bench --bench track`).
//!
//! Reports the time of the whole run (read, outline, match, judge, render JSON), the time of
//! the matching and judging alone, and goal-item comparisons per second; then how the time
//! grows with the number of goals, and with the length of one unpunctuated clause. A plain bench
//! binary (no criterion) to keep the build small; it takes the median of many runs.

use plantrack::ingest;
use plantrack::outline;
use plantrack::report::{self, Format, Look};
use plantrack::rules::Rules;
use plantrack::track::{self, Choice};
use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

const PLAN: &str = "samples/shengtaiyuan-2022-summary-2023-plan.txt";
const SUMMARY: &str = "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt";
const RUNS: usize = 30;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let rules = Rules::from_defaults().expect("default rules");
    let load = |p: &str| {
        let source = ingest::read_source(&root.join(p), None).expect("sample reads");
        outline::build(&source, &rules.sections)
    };
    let mut whole = Vec::new();
    let mut matching = Vec::new();
    let mut comparisons = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let plan = load(PLAN);
        let summary = load(SUMMARY);
        let selection = track::select(&plan, &summary, &Choice::default()).expect("a pair fits");
        let t = Instant::now();
        let report = track::track(&plan, &summary, &selection, &rules, false);
        matching.push(t.elapsed());
        black_box(serde_json::to_string(&report).expect("json"));
        whole.push(start.elapsed());
        let sections: Vec<_> = selection
            .summary
            .iter()
            .chain(&selection.problems)
            .copied()
            .collect();
        comparisons = report.goals.len() * plantrack::matcher::units(&sections).len();
    }
    let (whole, matching) = (median(whole), median(matching));
    println!("track on the sample pair, median of {RUNS} runs");
    println!(
        "  whole run (read, outline, match, judge, JSON): {:.2} ms",
        whole.as_secs_f64() * 1e3
    );
    println!(
        "  match and judge only:                         {:.2} ms",
        matching.as_secs_f64() * 1e3
    );
    println!(
        "  goal-item comparisons: {comparisons} per run, {:.0} per second (match and judge)",
        comparisons as f64 / matching.as_secs_f64()
    );
    scaling(&rules);
    long_clause(&rules);
}

/// `n` Chinese characters with no punctuation, the same for every run (a fixed LCG): a
/// pasted table or a broken export, one clause as long as a whole report.
fn unpunctuated(n: usize, seed: u64) -> String {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            char::from_u32(0x4E00 + ((x >> 33) % 3000) as u32).unwrap_or('中')
        })
        .collect()
}

/// Outline, match, judge and render as a table (goals, targets) a plan whose one item is a
/// clause of `n` characters with a target in it; the median time of `runs`.
fn long(rules: &Rules, n: usize, runs: usize) -> Duration {
    let plan_text = format!(
        "某园区2023年工作计划\n一、重点工作\n（一）新建厂房5万平方米{}\n",
        unpunctuated(n, 7)
    );
    let summary_text = format!(
        "某园区2023年工作总结\n一、主要成效\n1.新建厂房6万平方米{}\n",
        unpunctuated(n, 11)
    );
    as_table(rules, &plan_text, &summary_text, runs).0
}

/// The long-clause part of the benchmark: every table wraps its cells in linear time, so ten
/// times the clause stays far from a hundred times as long (it took minutes at 300,000
/// characters when comfy-table wrapped the targets table itself). Random text of 300,000
/// characters holds as many distinct bigrams, so hash tables outgrow the caches and the
/// ratio comes out above 10 (14 to 22 on this machine).
fn long_clause(rules: &Rules) {
    let short = long(rules, 30_000, 3);
    let longer = long(rules, 300_000, 1);
    growth(
        "one unpunctuated clause",
        ("30000 characters", short),
        ("300000 characters", longer),
        "the characters (linear is 10, quadratic 100)",
    );
}

/// Prints a small and a large measurement and their ratio, for 10x the `what`.
fn growth(title: &str, small: (&str, Duration), large: (&str, Duration), what: &str) {
    println!("{title} (outline, match, judge, table), median:");
    for (label, time) in [small, large] {
        println!("  {label:>17}: {:8.1} ms", time.as_secs_f64() * 1e3);
    }
    println!(
        "  ratio {:.1} for 10x {what}",
        large.1.as_secs_f64() / small.1.as_secs_f64()
    );
}
/// A document of `n` numbered items under one heading, each naming its own project.
fn numbered(kind: &str, heading: &str, n: usize, step: usize) -> String {
    let mut text = format!("某园区2023年工作{kind}\n一、{heading}\n");
    for (k, i) in (1..=n).step_by(step).enumerate() {
        text.push_str(&format!(
            "{}.推进第{i}号重点项目建设，新建厂房{i}万平方米。\n",
            k + 1
        ));
    }
    text
}

/// Outline, match, judge and render as a table a plan of `n` goals against a summary that
/// reports every third; returns the median time and the number of goals.
fn scale(rules: &Rules, n: usize, runs: usize) -> (Duration, usize) {
    let plan_text = numbered("计划", "重点工作", n, 1);
    let summary_text = numbered("总结", "主要成效", n, 3);
    as_table(rules, &plan_text, &summary_text, runs)
}

/// Reads both texts, tracks the plan against the summary and renders the terminal table,
/// `runs` times; returns the median time and the number of goals.
fn as_table(rules: &Rules, plan_text: &str, summary_text: &str, runs: usize) -> (Duration, usize) {
    let mut times = Vec::new();
    let mut goals = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let read = |text: &str| {
            let source =
                ingest::from_bytes(Path::new("bench.txt"), text.as_bytes(), None).expect("reads");
            outline::build(&source, &rules.sections)
        };
        let (plan, summary) = (read(plan_text), read(summary_text));
        let selection = track::select(&plan, &summary, &Choice::default()).expect("a pair fits");
        let report = track::track(&plan, &summary, &selection, rules, false);
        let look = Look {
            width: 120,
            color: false,
        };
        black_box(report::render(&report, Format::Table, look).expect("renders"));
        times.push(start.elapsed());
        goals = report.goals.len();
    }
    (median(times), goals)
}

/// The plan-size part of the benchmark.
fn scaling(rules: &Rules) {
    let (small, n_small) = scale(rules, 1_000, 5);
    let (large, n_large) = scale(rules, 10_000, 3);
    growth(
        "numbered plans",
        (&format!("{n_small} goals"), small),
        (&format!("{n_large} goals"), large),
        "the goals (linear is 10, the bound 12)",
    );
}
