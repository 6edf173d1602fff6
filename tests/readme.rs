//! The README shows real output: its excerpt of the main command is what the command prints
//! today, so that a reader who runs it sees what the README promised.

mod common;

use common::plantrack;

/// Every line of the README's "What it prints" excerpt (but the ⋮ line that marks the cut)
/// is a line of the main command's output, in the same order.
#[test]
fn the_readme_excerpt_is_real_output() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).unwrap();
    let after = readme
        .split("## What it prints")
        .nth(1)
        .expect("a What it prints section");
    let block = after
        .split("```text\n")
        .nth(1)
        .and_then(|b| b.split("\n```").next())
        .expect("a text block");
    let out = plantrack([
        "track",
        "samples/shengtaiyuan-2022-summary-2023-plan.txt",
        "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
    ]);
    let printed = common::stdout_ok(&out, "the README's main command");
    let mut lines = printed.lines();
    let excerpt: Vec<&str> = block.lines().filter(|l| !l.starts_with('⋮')).collect();
    assert!(excerpt.len() > 10, "the excerpt is too short to check");
    for want in excerpt {
        assert!(
            lines.any(|l| l == want),
            "the README shows a line the command does not print (in this order):\n{want}"
        );
    }
}
