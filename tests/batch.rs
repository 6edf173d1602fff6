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

/// Each plan is paired with the one summary nearest it in the tree (the copy in its own
/// folder), the broken file is reported and skipped, the files that pair with nothing are
/// listed with why, and each pair has one JSON Lines record with its report.
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
    assert!(stdout.contains("pairs (2):"), "{stdout}");
    assert!(stdout.contains("skipped files (1):") && stdout.contains("broken.txt"));
    assert!(
        stdout.contains("files paired with nothing (6):")
            && stdout.contains("xiepu-2023-summary-2024-plan.txt: paired with nothing: no other file summarises its plan (2024 by 澥浦镇)"),
        "{stdout}"
    );
    assert!(stdout.contains("生态园区"));
    let records: Vec<Value> = std::fs::read_to_string(&jsonl)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    assert_eq!(records.len(), 2);
    for r in &records {
        let folder = |key: &str| {
            std::path::Path::new(r[key].as_str().unwrap())
                .parent()
                .unwrap()
                .to_path_buf()
        };
        assert_eq!(folder("plan_file"), folder("summary_file"), "{r}");
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

/// Runs `batch` on `dir`, asserts success and returns stdout.
fn batch_ok(dir: &std::path::Path) -> String {
    let out = plantrack(["batch".as_ref(), dir.as_os_str()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Two hundred copies of the samples give one pair per plan copy, not every plan against
/// every summary (40,000 pairs before).
#[test]
fn copies_give_one_pair_per_plan() {
    let tmp = temp_dir("batch-copies");
    let dir = tmp.path();
    let plan = std::fs::read(sample(SAMPLES[1])).unwrap();
    let summary = std::fs::read(sample(SAMPLES[2])).unwrap();
    for i in 0..200 {
        let sub = dir.join(format!("copy-{i:03}"));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join("plan.txt"), &plan).unwrap();
        std::fs::write(sub.join("summary.txt"), &summary).unwrap();
    }
    let stdout = batch_ok(dir);
    assert!(stdout.contains("pairs (200):"), "{stdout}");
    assert!(!stdout.contains("ties ("), "{stdout}");
}

/// A link back into the tree and a FIFO neither hang the run nor multiply the pairs: links
/// are not followed and only regular files are read; each is reported.
#[cfg(unix)]
#[test]
fn links_and_fifos_are_passed_over() {
    let tmp = temp_dir("batch-links");
    let dir = tmp.path();
    std::fs::write(
        dir.join("plan.txt"),
        std::fs::read(sample(SAMPLES[1])).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("summary.txt"),
        std::fs::read(sample(SAMPLES[2])).unwrap(),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir, dir.join("self")).unwrap();
    std::os::unix::fs::symlink(dir.join("plan.txt"), dir.join("plan-link.txt")).unwrap();
    let fifo = dir.join("pipe.txt");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    let stdout = batch_ok(dir);
    assert!(stdout.contains("pairs (1):"), "{stdout}");
    assert!(
        stdout.contains("self: a symbolic link: not followed"),
        "{stdout}"
    );
    assert!(
        stdout.contains("plan-link.txt: a symbolic link"),
        "{stdout}"
    );
    if made.is_ok_and(|s| s.success()) {
        assert!(stdout.contains("pipe.txt: not a regular file"), "{stdout}");
    }
}

/// A folder with nothing to pair is an error (exit 2) that says what each file held.
#[test]
fn nothing_to_pair_is_an_error() {
    let tmp = temp_dir("batch-nothing");
    let dir = tmp.path();
    let out = plantrack(["batch".as_ref(), dir.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no regular files"));
    std::fs::write(
        dir.join("plan.txt"),
        std::fs::read(sample(SAMPLES[0])).unwrap(),
    )
    .unwrap();
    let out = plantrack(["batch".as_ref(), dir.as_os_str()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no plan in") && err.contains("plan.txt: paired with nothing"),
        "{err}"
    );
}
