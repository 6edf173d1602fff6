//! `plantrack eval` on the gold labels in tests/gold: the figures, the CI floor, and gold
//! files with mistakes.

mod common;

use common::plantrack;

/// Today's status accuracy on tests/gold is 95.5% (21 of 22 labels), targets 8 of 8; the
/// floor sits just under it, so a change that loses two labels fails CI.
const FLOOR: &str = "0.9";

/// Eval prints accuracy, precision and recall, and the confusion matrix, and passes the
/// floor.
#[test]
fn gold_labels_pass_the_floor() {
    let out = plantrack([
        "eval",
        "tests/gold/shengtaiyuan-2023.toml",
        "--min-accuracy",
        FLOOR,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for part in [
        "status accuracy",
        "precision and recall",
        "confusion matrix",
        "gold \\ predicted",
    ] {
        assert!(stdout.contains(part), "{part}");
    }
}

/// A floor above today's figure makes eval exit 1, as a CI gate would.
#[test]
fn floor_above_the_figure_exits_1() {
    let out = plantrack([
        "eval",
        "tests/gold/shengtaiyuan-2023.toml",
        "--min-accuracy",
        "1.0",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("below --min-accuracy"));
}

/// A gold key that matches no goal is an error that names the key, never skipped.
#[test]
fn key_matching_nothing_is_an_error() {
    let out = plantrack(["eval", "tests/fixtures/gold-no-match.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("月球基地") && err.contains("gold-no-match.toml:11"),
        "{err}"
    );
}

/// An unknown key in a gold file is an error with its line.
#[test]
fn unknown_gold_key_is_an_error() {
    let out = plantrack(["eval", "tests/fixtures/gold-unknown-key.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("gold-unknown-key.toml:8") && err.contains("acept"),
        "{err}"
    );
}
