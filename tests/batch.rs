//! `plantrack batch` over a folder: the five samples, GB18030 copies in a subfolder, and a
//! broken file.

mod common;

use common::{plantrack, sample, temp_dir, SAMPLES};
use serde_json::Value;

/// Builds the folder: samples, GB18030 copies below `sub/`, and a binary file.
fn corpus(test: &str) -> tempfile::TempDir {
    let tmp = temp_dir(test);
    let dir = tmp.path();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    for s in SAMPLES {
        let text = std::fs::read_to_string(sample(s)).unwrap();
        let name = std::path::Path::new(s).file_name().unwrap();
        std::fs::write(dir.join(name), &text).unwrap();
        let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
        std::fs::write(dir.join("sub").join(name), &gbk).unwrap();
    }
    std::fs::write(dir.join("broken.txt"), [0u8, 159, 146, 150, 0, 1, 2, 3]).unwrap();
    tmp
}

/// Every pair is listed (each plan copy against each summary copy), the broken file is
/// reported and skipped, and each pair has one JSON Lines record with its report.
#[test]
fn batch_lists_every_pair_and_skips_broken_files() {
    let tmp = corpus("batch_lists_every_pair");
    let dir = tmp.path();
    let jsonl = dir.join("out.jsonl");
    let out = plantrack([
        "batch".as_ref(),
        dir.as_os_str(),
        "--jsonl".as_ref(),
        jsonl.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("pairs (4):"), "{stdout}");
    assert!(stdout.contains("skipped files (1):") && stdout.contains("broken.txt"));
    assert!(stdout.contains("生态园区"));
    let records: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 4);
    for r in &records {
        assert_eq!(r["organization"], "生态园区");
        assert_eq!(r["period"], "2023");
        assert_eq!(r["report"]["counts"]["met"].as_u64().map(|_| ()), Some(()));
    }
    // Same content in two encodings gives the same counts.
    let counts: Vec<&Value> = records.iter().map(|r| &r["report"]["counts"]).collect();
    assert!(counts.windows(2).all(|w| w[0] == w[1]));
}

/// A manifest chooses the pairs; a pair that cannot run is reported, not fatal.
#[test]
fn manifest_chooses_the_pairs() {
    let tmp = corpus("manifest_chooses_the_pairs");
    let dir = tmp.path();
    let manifest = dir.join("pairs.csv");
    std::fs::write(
        &manifest,
        "plan_file,summary_file\n\
         shengtaiyuan-2022-summary-2023-plan.txt,minzheng-shengtaiyuan-2023-summary-2024-plan.txt\n\
         xiepu-2023-summary-2024-plan.txt,fragments-mixed.txt\n",
    )
    .unwrap();
    let out = plantrack([
        "batch".as_ref(),
        dir.as_os_str(),
        "--manifest".as_ref(),
        manifest.as_os_str(),
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains("pairs (2):"), "{stdout}");
    assert!(stdout.contains("failed: no plan section"), "{stdout}");
}
