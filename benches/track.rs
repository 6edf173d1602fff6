//! Benchmark of one `track` run on the sample pair (run with `cargo bench --bench track`).
//!
//! Reports the time of the whole run (read, outline, match, judge, render JSON), the time of
//! the matching and judging alone, and goal-item comparisons per second. A plain bench
//! binary (no criterion) to keep the build small; it takes the median of many runs.

use plantrack::ingest;
use plantrack::outline;
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
}
