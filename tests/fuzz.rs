//! Deterministic fuzzing of ingest and outline: whatever the bytes, plantrack never panics,
//! and every outline it builds has unique ids.
//!
//! Inputs come from a fixed-seed xorshift generator, so a failure names the case that
//! reproduces it.

use plantrack::{ingest, outline, rules::Rules};
use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

// Case counts. A debug build cleans about 0.4 MB of text a second, so the counts that touch
// the samples are kept low enough for the whole file to run in about 20 s on two cores.
const RANDOM_BUFFERS: usize = 300;
const TRUNCATIONS_PER_SAMPLE: usize = 60;
const SLICES: usize = 150;
const SHUFFLES: usize = 40;
const PIECE_TEXTS: usize = 300;

const SAMPLES: [&str; 5] = [
    "samples/xiepu-2023-summary-2024-plan.txt",
    "samples/shengtaiyuan-2022-summary-2023-plan.txt",
    "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
    "samples/compilation-15-h1-2023-summary-h2-plan.txt",
    "samples/fragments-mixed.txt",
];

/// xorshift64*: small, fast and the same on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn samples() -> Vec<(&'static str, String)> {
    SAMPLES
        .iter()
        .map(|f| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(f);
            (
                *f,
                std::fs::read_to_string(path).expect("sample is readable"),
            )
        })
        .collect()
}

/// Feeds `bytes` through ingest and outline. Returns a failure description, if any.
fn check(bytes: &[u8], rules: &Rules) -> Option<String> {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let Ok(source) = ingest::from_bytes(Path::new("fuzz.txt"), bytes, None) else {
            return None;
        };
        let outline = outline::build(&source, &rules.sections);
        let mut seen = HashSet::new();
        for doc in &outline.documents {
            for section in &doc.sections {
                for item in &section.items {
                    if !seen.insert(item.id.clone()) {
                        return Some(format!("duplicate item id {}", item.id));
                    }
                }
            }
        }
        None
    }));
    match result {
        Ok(failure) => failure,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "non-string panic".to_string());
            Some(format!("panicked: {msg}"))
        }
    }
}

/// Runs every case; fails listing the first few that panicked or gave duplicate ids.
fn run_cases(name: &str, cases: impl Iterator<Item = (String, Vec<u8>)>) {
    let rules = Rules::from_defaults().unwrap();
    let start = std::time::Instant::now();
    let mut count = 0;
    let mut failures = Vec::new();
    for (what, bytes) in cases {
        count += 1;
        if let Some(failure) = check(&bytes, &rules) {
            failures.push(format!("{what}: {failure}"));
        }
    }
    eprintln!("{name}: {count} cases in {:.1?}", start.elapsed());
    assert!(
        failures.is_empty(),
        "{name}: {} of {count} cases failed, first ones:\n{}",
        failures.len(),
        failures[..failures.len().min(10)].join("\n")
    );
}

/// Byte offsets of every char boundary of `text`, end included.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect()
}

/// Random bytes of any length up to 2000 never make plantrack panic.
#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng::new(1);
    run_cases(
        "random bytes",
        (0..RANDOM_BUFFERS).map(|n| {
            let len = rng.below(2000);
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            (format!("random bytes #{n} (seed 1, len {len})"), bytes)
        }),
    );
}

/// A sample cut at any byte, even inside a UTF-8 character, never makes plantrack panic.
#[test]
fn truncated_samples_never_panic() {
    let samples = samples();
    let mut rng = Rng::new(2);
    run_cases(
        "truncations",
        samples.iter().flat_map(|(file, text)| {
            let offsets: Vec<usize> = (0..TRUNCATIONS_PER_SAMPLE)
                .map(|_| rng.below(text.len() + 1))
                .collect();
            offsets.into_iter().map(move |cut| {
                (
                    format!("{file} cut at byte {cut}"),
                    text.as_bytes()[..cut].to_vec(),
                )
            })
        }),
    );
}

/// Any stretch of a sample's text never makes plantrack panic.
#[test]
fn sample_slices_never_panic() {
    let samples = samples();
    let bounds: Vec<Vec<usize>> = samples.iter().map(|(_, t)| boundaries(t)).collect();
    let mut rng = Rng::new(3);
    run_cases(
        "slices",
        (0..SLICES).map(|n| {
            let k = n % samples.len();
            let (file, text) = &samples[k];
            let b = &bounds[k];
            let (x, y) = (b[rng.below(b.len())], b[rng.below(b.len())]);
            let (start, end) = (x.min(y), x.max(y));
            (
                format!("{file} bytes {start}..{end}"),
                text.as_bytes()[start..end].to_vec(),
            )
        }),
    );
}

/// A sample with its lines shuffled never makes plantrack panic.
#[test]
fn shuffled_sample_lines_never_panic() {
    let samples = samples();
    let mut rng = Rng::new(4);
    run_cases(
        "shuffles",
        (0..SHUFFLES).map(|n| {
            let (file, text) = &samples[n % samples.len()];
            let mut lines: Vec<&str> = text.lines().collect();
            for i in (1..lines.len()).rev() {
                lines.swap(i, rng.below(i + 1));
            }
            (
                format!("{file} shuffle #{n} (seed 4)"),
                lines.join("\n").into_bytes(),
            )
        }),
    );
}

/// Text made of document pieces (headings, numbering markers, periods, punctuation) in
/// random order never makes plantrack panic.
#[test]
fn random_document_pieces_never_panic() {
    const PIECES: [&str; 40] = [
        "一、",
        "二、",
        "十一、",
        "（一）",
        "(二)",
        "（3）",
        "1.",
        "2、",
        "12．",
        "①",
        "⑳",
        "一是",
        "二是",
        "九十九是",
        "一方面",
        "另一方面",
        "2023年",
        "上半年",
        "下半年",
        "工作总结",
        "工作思路",
        "工作计划",
        "存在问题",
        "主要表现在:",
        "明年",
        "今年以来",
        "。",
        "；",
        "，",
        "：",
        "\n",
        "\n\n",
        "\r\n",
        " ",
        "\u{feff}",
        "26、",
        "亿元",
        "XX县卫生健康局",
        "2023年10月27日",
        "上传人:",
    ];
    let mut rng = Rng::new(5);
    run_cases(
        "pieces",
        (0..PIECE_TEXTS).map(|n| {
            let count = rng.below(200);
            let text: String = (0..count)
                .map(|_| PIECES[rng.below(PIECES.len())])
                .collect();
            (format!("pieces #{n} (seed 5)"), text.into_bytes())
        }),
    );
}
