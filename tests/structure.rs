//! The shape of the code that the README promises: a library with a thin binary, and one
//! module, `cli.rs`, that knows the command line.

use std::path::Path;

/// The library does not depend on the command line: only `cli.rs` (and the binary) name
/// `crate::cli`, so `batch` and `eval` load their input through `outline::load`.
#[test]
fn only_the_command_line_knows_clap() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut offenders = Vec::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs")
            || path.ends_with("cli.rs")
            || path.ends_with("main.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        if text.contains("crate::cli") || text.contains("use clap") {
            offenders.push(path.display().to_string());
        }
    }
    assert!(offenders.is_empty(), "{offenders:?}");
}
