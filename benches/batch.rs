//! Benchmark of batch work on a synthetic corpus (run with `cargo bench --bench batch`).
//!
//! The corpus is made from the samples' own sentences with a fixed seed: each pair is a plan
//! document (one body, year N) and a summary document (same body, year N), with numbered
//! goals and items drawn from real plan and summary sentences. It reports:
//! - reading (decode, clean, outline) in MB/s and documents/s;
//! - matching (select, match, judge) in pairs/s;
//! - the end-to-end batch over files on disk on all cores, in pairs/s and MB/s;
//! - how the time of one pair grows with goals × items.

use plantrack::batch;
use plantrack::ingest;
use plantrack::outline::{self, Outline};
use plantrack::rules::Rules;
use plantrack::track::{self, Choice};
use std::path::Path;
use std::time::Instant;

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn pick<'a>(&mut self, list: &'a [String]) -> &'a str {
        &list[(self.next() % list.len() as u64) as usize]
    }
}

/// Sentences of the samples, without markers or digits that would make items of their own.
fn sentences() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root).expect("samples") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).unwrap_or_default();
        for s in text.split(['。', '\n']) {
            let s: String = s
                .chars()
                .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c) || "，,、".contains(*c))
                .collect();
            let n = s.chars().count();
            let marker_like = [
                "一是",
                "二是",
                "三是",
                "一方面",
                "工作",
                "总结",
                "思路",
                "问题",
            ]
            .iter()
            .any(|w| s.contains(w));
            if (12..=80).contains(&n) && !marker_like {
                out.push(s + "。");
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// An organization name from a number: three characters, unique per number.
fn org(i: usize) -> String {
    const CHARS: [char; 20] = [
        '东', '南', '西', '北', '中', '新', '兴', '华', '安', '平', '宁', '和', '海', '山', '河',
        '湖', '江', '城', '林', '泉',
    ];
    let (a, b, c) = (i % 20, (i / 20) % 20, (i / 400) % 20);
    format!("{}{}{}区", CHARS[a], CHARS[b], CHARS[c])
}

/// A plan document and a summary document for body `i`, with `goals` goals and `items`
/// summary items, some of which repeat a goal's sentence with a status word.
fn pair(rng: &mut Rng, s: &[String], i: usize, goals: usize, items: usize) -> (String, String) {
    let name = org(i);
    let mut plan = format!(
        "{name}2023年工作总结和2024年工作思路\n一、2023年工作总结\n1.{}\n二、2024年工作思路\n",
        rng.pick(s)
    );
    let mut planned = Vec::new();
    for g in 0..goals {
        let text = format!("{}{}", rng.pick(s), rng.pick(s));
        plan.push_str(&format!("{}.{text}\n", g + 1));
        planned.push(text);
    }
    let mut summary = format!("{name}2024年工作总结和2025年工作思路\n一、2024年工作总结\n");
    for k in 0..items {
        let text = if k % 3 == 0 && !planned.is_empty() {
            format!("{}已全面完成。", planned[k / 3 % planned.len()])
        } else {
            format!("{}{}", rng.pick(s), rng.pick(s))
        };
        summary.push_str(&format!("{}.{text}\n", k + 1));
    }
    summary.push_str(&format!("二、2025年工作思路\n1.{}\n", rng.pick(s)));
    (plan, summary)
}

fn outline_of(name: &str, text: &str, rules: &Rules) -> Outline {
    let source =
        ingest::from_bytes(Path::new(name), text.as_bytes(), None).expect("synthetic text reads");
    outline::build(&source, &rules.sections)
}

fn main() {
    let rules = Rules::from_defaults().expect("default rules");
    let s = sentences();
    let mut rng = Rng(0x5EED_2024);
    const PAIRS: usize = 2000;
    let texts: Vec<(String, String)> = (0..PAIRS).map(|i| pair(&mut rng, &s, i, 12, 40)).collect();
    let bytes: usize = texts.iter().map(|(p, q)| p.len() + q.len()).sum();
    println!(
        "synthetic corpus: {PAIRS} pairs, 12 goals × 40 items each, {:.1} MB, seed 0x5EED2024",
        bytes as f64 / 1e6
    );

    let t = Instant::now();
    let outlines: Vec<(Outline, Outline)> = texts
        .iter()
        .map(|(p, q)| {
            (
                outline_of("plan.txt", p, &rules),
                outline_of("summary.txt", q, &rules),
            )
        })
        .collect();
    let read = t.elapsed().as_secs_f64();
    println!(
        "  reading (decode, clean, outline), one thread: {:.1} MB/s, {:.0} documents/s",
        bytes as f64 / 1e6 / read,
        2.0 * PAIRS as f64 / read
    );

    let t = Instant::now();
    let mut goals = 0;
    for (p, q) in &outlines {
        let sel = track::select(p, q, &Choice::default()).expect("pair fits");
        goals += track::track(p, q, &sel, &rules, false).goals.len();
    }
    let matching = t.elapsed().as_secs_f64();
    println!(
        "  matching (select, match, judge), one thread: {:.0} pairs/s ({goals} goals)",
        PAIRS as f64 / matching
    );

    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path();
    for (i, (p, q)) in texts.iter().take(500).enumerate() {
        std::fs::write(dir.join(format!("{i:04}-plan.txt")), p).expect("write");
        std::fs::write(dir.join(format!("{i:04}-summary.txt")), q).expect("write");
    }
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let t = Instant::now();
    let files = batch::find_files(dir).expect("files").files;
    let disk_bytes: u64 = files
        .iter()
        .filter_map(|f| f.metadata().ok())
        .map(|m| m.len())
        .sum();
    let (loaded, _) = batch::load_all(&files, None, &rules, jobs, |_, _| {});
    let t_read = t.elapsed().as_secs_f64();
    let (pairs, _) = batch::find_pairs(&loaded);
    let t_pair = t.elapsed().as_secs_f64() - t_read;
    let results = batch::run_pairs(&loaded, &pairs, &rules, jobs, |_, _| {});
    let total = t.elapsed().as_secs_f64();
    println!(
        "  batch over {} files on {jobs} threads: {} pairs in {:.2} s = {:.0} pairs/s, {:.1} MB/s; reading {:.0}%, pairing {:.0}%, matching {:.0}%",
        files.len(),
        results.len(),
        total,
        results.len() as f64 / total,
        disk_bytes as f64 / 1e6 / total,
        t_read / total * 100.0,
        t_pair / total * 100.0,
        (total - t_read - t_pair) / total * 100.0
    );

    println!("  one pair, median of 20, by goals × items:");
    for (g, k) in [(5, 20), (10, 40), (20, 80), (40, 160), (80, 320)] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let (p, q) = pair(&mut rng, &s, 7, g, k);
            let (p, q) = (
                outline_of("p.txt", &p, &rules),
                outline_of("s.txt", &q, &rules),
            );
            let t = Instant::now();
            let sel = track::select(&p, &q, &Choice::default()).expect("pair fits");
            std::hint::black_box(track::track(&p, &q, &sel, &rules, false));
            times.push(t.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        println!(
            "    {g:>3} goals × {k:>3} items = {:>6} comparisons: {:>8.2} ms ({:.0} comparisons/s)",
            g * k,
            median * 1e3,
            (g * k) as f64 / median
        );
    }
}
