//! Helpers shared by the integration tests: running the binary, reading samples, walking the
//! JSON outline and measuring terminal widths.

// Each test file uses a different subset of these helpers.
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The five real documents shipped in `samples/`.
pub const SAMPLES: [&str; 5] = [
    "samples/xiepu-2023-summary-2024-plan.txt",
    "samples/shengtaiyuan-2022-summary-2023-plan.txt",
    "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt",
    "samples/compilation-15-h1-2023-summary-h2-plan.txt",
    "samples/fragments-mixed.txt",
];

/// The crate root, where `samples/` lives.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the `plantrack` binary with `args` from the crate root.
pub fn plantrack<I, S>(args: I) -> Output
where
    I: IntoIterator<Item = S>,
    S: AsRef<std::ffi::OsStr>,
{
    Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .args(args)
        .current_dir(root())
        .env_remove("COLUMNS")
        .output()
        .expect("the plantrack binary runs")
}

/// Stdout as text, after asserting that the command succeeded.
pub fn stdout_ok(out: &Output, what: &str) -> String {
    assert!(
        out.status.success(),
        "{what}: exit {:?}\nstderr:\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap_or_else(|e| panic!("{what}: stdout not UTF-8: {e}"))
}

/// `plantrack outline --format json FILE` parsed, asserting success.
pub fn outline_json(file: impl AsRef<Path>) -> Value {
    let file = file.as_ref();
    let out = plantrack([
        "outline".as_ref(),
        "--format".as_ref(),
        "json".as_ref(),
        file.as_os_str(),
    ]);
    let text = stdout_ok(&out, &file.display().to_string());
    serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: JSON does not parse: {e}", file.display()))
}

/// The documents of a JSON outline.
pub fn documents(outline: &Value) -> &Vec<Value> {
    outline["documents"]
        .as_array()
        .expect("`documents` is an array")
}

/// The sections of a JSON document.
pub fn sections(doc: &Value) -> &Vec<Value> {
    doc["sections"].as_array().expect("`sections` is an array")
}

/// The items of a JSON section.
pub fn items(section: &Value) -> &Vec<Value> {
    section["items"].as_array().expect("`items` is an array")
}

/// A string field, or "" when it is null.
pub fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or("")
}

/// Every item id in the outline, in order.
pub fn all_item_ids(outline: &Value) -> Vec<String> {
    documents(outline)
        .iter()
        .flat_map(sections)
        .flat_map(items)
        .map(|i| text(i, "id").to_string())
        .collect()
}

/// Ids that occur more than once.
pub fn duplicates(ids: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut dups: Vec<String> = ids
        .iter()
        .filter(|id| !seen.insert(id.as_str()))
        .cloned()
        .collect();
    dups.dedup();
    dups
}

/// Display width of a string in a terminal: CJK and fullwidth characters take two columns.
pub fn display_width(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let u = c as u32;
            let wide = matches!(u,
                0x1100..=0x115F
                | 0x2E80..=0xA4CF
                | 0xAC00..=0xD7A3
                | 0xF900..=0xFAFF
                | 0xFE30..=0xFE4F
                | 0xFF00..=0xFF60
                | 0xFFE0..=0xFFE6);
            if wide {
                2
            } else {
                1
            }
        })
        .sum()
}

/// A folder under the system temp folder, fresh for one test and removed when dropped.
pub fn temp_dir(test: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("plantrack-tests-{test}-"))
        .tempdir()
        .expect("temp dir can be created")
}

/// A file written in a fresh temp folder; the folder is removed when this is dropped.
pub struct TempFile {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl TempFile {
    /// Writes `bytes` as `name` in a fresh temp folder for `test`.
    pub fn new(test: &str, name: &str, bytes: &[u8]) -> TempFile {
        let dir = temp_dir(test);
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("temp file can be written");
        TempFile { _dir: dir, path }
    }
}

impl std::ops::Deref for TempFile {
    type Target = PathBuf;
    fn deref(&self) -> &PathBuf {
        &self.path
    }
}

impl AsRef<std::ffi::OsStr> for TempFile {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.path.as_os_str()
    }
}

impl AsRef<Path> for TempFile {
    fn as_ref(&self) -> &Path {
        &self.path
    }
}

/// The path of a sample, absolute.
pub fn sample(rel: &str) -> PathBuf {
    root().join(rel)
}
