//! Ingest, the first stage: a file on disk to clean lines of text.
//!
//! [`read_source`] reads the bytes, decodes them ([`decode`]) and removes published noise
//! ([`clean`]). Every failure names the file; nothing here panics on bad input.

pub mod clean;
pub mod decode;

pub use clean::CleanStats;

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// A file read and cleaned, ready for the outline stage.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub encoding: &'static str,
    pub lines: Vec<String>,
    pub stats: CleanStats,
}

/// Reads `path`, detecting its encoding unless `encoding` names one.
pub fn read_source(path: &Path, encoding: Option<&str>) -> Result<Source> {
    if path.is_dir() {
        bail!("`{}` is a directory, not a document", path.display());
    }
    let bytes = std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    from_bytes(path, &bytes, encoding)
}

/// Decodes and cleans bytes that came from `path` (used by tests and by [`read_source`]).
pub fn from_bytes(path: &Path, bytes: &[u8], encoding: Option<&str>) -> Result<Source> {
    let decoded = decode::decode(bytes, encoding)
        .map_err(|e| anyhow::anyhow!("`{}`: {e}", path.display()))?;
    let (lines, stats) = clean::clean(&decoded.text);
    if lines.is_empty() {
        bail!(
            "`{}` holds no text once website chrome is removed",
            path.display()
        );
    }
    Ok(Source {
        path: path.to_path_buf(),
        encoding: decoded.encoding,
        lines,
        stats,
    })
}
