//! `--explain` output, reviewed by eye as an insta snapshot.

mod common;

use common::plantrack;

/// The explanation of the goal that names 电力系统四期: its commitments with their deciding
/// words, the best candidates with every score part, and the rules that fired.
#[test]
fn explains_a_goal() {
    let out = plantrack([
        "track",
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
        "--explain",
        "电力系统四期",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    insta::assert_snapshot!(String::from_utf8(out.stdout).unwrap());
}

/// Asking to explain a goal that does not exist lists the goals instead.
#[test]
fn unknown_goal_lists_the_goals() {
    let out = plantrack([
        "track",
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
        "--explain",
        "no such goal",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("D1.S2.I2"));
}
