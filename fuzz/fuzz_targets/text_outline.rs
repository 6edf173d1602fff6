//! Plain text (or anything `ingest` sniffs: .docx, HTML, PDF…) to an outline never panics:
//! `ingest::from_bytes` with encoding detection, then `outline::build` over the default
//! section vocabulary. The first byte also picks a forced encoding (none, `gb18030` or
//! `utf-16le`), as `--encoding` gives one, and the same bytes go through that path too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use plantrack::rules::Rules;
use plantrack::{ingest, outline};
use std::path::Path;
use std::sync::LazyLock;

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::from_defaults().unwrap());

fn run(data: &[u8], encoding: Option<&str>) {
    if let Ok(source) = ingest::from_bytes(Path::new("fuzz.txt"), data, encoding) {
        let _ = outline::build(&source, &RULES.sections);
    }
}

fuzz_target!(|data: &[u8]| {
    run(data, None);
    let forced = match data.first().map(|b| b % 3) {
        Some(1) => Some("gb18030"),
        Some(2) => Some("utf-16le"),
        _ => None,
    };
    if forced.is_some() {
        run(data, forced);
    }
});
