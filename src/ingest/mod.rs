//! Ingest, the first stage: a file on disk to clean lines of text.
//!
//! [`read_source`] reads the bytes, recognises their format by content ([`sniff`]), turns
//! them into text — plain text through [`decode`], Word files through [`docx`], web pages
//! through [`html`] — and removes published noise ([`clean`]). The file's extension is never
//! consulted: a .docx saved as `report.txt` is still read as a .docx. Every failure names the
//! file; nothing here panics on bad input.

pub mod clean;
pub mod decode;
pub mod docx;
pub mod html;

pub use clean::CleanStats;

use anyhow::{bail, Context, Result};
use decode::DecodeError;
use std::fmt;
use std::path::{Path, PathBuf};

/// A file read and cleaned, ready for the outline stage.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    /// How the text was read: an encoding (`UTF-8`, `gb18030`…), `docx`, or `html` with the
    /// page's encoding when that is not UTF-8 (`html (GBK)`).
    pub encoding: &'static str,
    pub lines: Vec<String>,
    pub stats: CleanStats,
}

/// What a file is, judged by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A zip archive: read as a Word .docx.
    Zip,
    /// A PDF: refused with a hint to convert it.
    Pdf,
    /// An OLE compound file: an old binary .doc (or .wps, .xls, or an encrypted .docx).
    OleCompound,
    /// A web page.
    Html,
    /// Anything else: plain text in some encoding (or a binary that [`decode`] refuses).
    Text,
}

/// How far into a file [`sniff`] looks for `<html` or `<body`.
const HTML_SNIFF_BYTES: usize = 2048;

/// Recognises a file's format from its content.
///
/// A page is HTML when, after a byte-order mark and white space, it starts with
/// `<!doctype html` or `<html`, or when `<html` or `<body` occurs in its first 2 KB (pages
/// often open with an XML declaration or a comment). Case is ignored.
pub fn sniff(bytes: &[u8]) -> Kind {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Kind::Zip
    } else if bytes.starts_with(b"%PDF") {
        Kind::Pdf
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Kind::OleCompound
    } else if looks_like_html(bytes) {
        Kind::Html
    } else {
        Kind::Text
    }
}

/// True for ASCII-compatible bytes (or text) that read as an HTML page; see [`sniff`].
fn looks_like_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let body = &bytes[start..];
    let starts_with = |prefix: &[u8]| {
        body.len() >= prefix.len() && body[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    if starts_with(b"<!doctype html") || starts_with(b"<html") {
        return true;
    }
    let head = &bytes[..bytes.len().min(HTML_SNIFF_BYTES)];
    // `<body` followed by `>`, `/` or white space: not `<bodyguard`.
    [&b"<html"[..], b"<body"].iter().any(|needle| {
        head.windows(needle.len() + 1).any(|w| {
            w[..needle.len()].eq_ignore_ascii_case(needle)
                && matches!(w[needle.len()], b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
        })
    })
}

/// Why a file's format could not be turned into text.
///
/// [`FormatError::for_file`] gives the message with the file named, as the command line
/// prints it; `Display` gives the same message about "the file".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// A zip that cannot be opened or read to the end: cut short, or damaged.
    DamagedDocx(String),
    /// A zip archive that holds no Word document; `looks_like` names what it seems to be.
    NotDocx { looks_like: Option<&'static str> },
    /// A part of the .docx is not well-formed XML.
    BadXml { part: String, detail: String },
    /// A part of the .docx unpacks to more than the limit (a zip bomb, or not a document).
    TooLarge { part: String, limit_mb: u64 },
    /// A web page with no text once navigation, scripts, styles and footers are dropped.
    NoText,
    /// A web page (or text) whose bytes no encoding fits.
    Decode(DecodeError),
    /// A PDF.
    Pdf,
    /// An OLE compound file: old binary Word or WPS, or an encrypted Office file.
    OldOffice,
}

impl FormatError {
    /// The message, naming `path`.
    pub fn for_file(&self, path: &Path) -> String {
        self.render(&format!("`{}`", path.display()), Some(path))
    }

    fn render(&self, name: &str, path: Option<&Path>) -> String {
        match self {
            FormatError::DamagedDocx(detail) => format!(
                "{name} is damaged or not a complete .docx ({detail}); open it in Word and save it again"
            ),
            FormatError::NotDocx { looks_like } => format!(
                "{name} is a zip archive but not a Word .docx (it has no word/document.xml{}); \
                 open the document in Word, WPS or LibreOffice and save it as .docx",
                looks_like.map_or(String::new(), |what| format!("; it looks like {what}"))
            ),
            FormatError::BadXml { part, detail } => format!(
                "{name} is a damaged .docx: {part} is not well-formed XML ({detail}); \
                 open it in Word and save it again"
            ),
            FormatError::TooLarge { part, limit_mb } => format!(
                "{name} is not a usable .docx: {part} unpacks to more than {limit_mb} MB; \
                 save the text as .txt"
            ),
            FormatError::NoText => format!(
                "{name}: the page has no text once navigation, scripts, styles and footers are \
                 dropped; save the article itself as .html or .txt"
            ),
            FormatError::Decode(e) => format!("{name}: {e}"),
            FormatError::Pdf => {
                let (pdf, txt) = pdf_names(path);
                format!(
                    "{name} is a PDF, which plantrack cannot read; convert it with \
                     `pdftotext -layout {pdf} {txt}` and pass the .txt"
                )
            }
            FormatError::OldOffice => format!(
                "{name} is an old binary Word file (.doc or .wps) or an encrypted Office file, \
                 which plantrack cannot read; open it in Word, WPS or LibreOffice and save it \
                 as .docx (without a password)"
            ),
        }
    }
}

/// The file names to show in the `pdftotext` hint.
fn pdf_names(path: Option<&Path>) -> (String, String) {
    let Some(path) = path else {
        return ("file.pdf".to_string(), "file.txt".to_string());
    };
    let txt = path.with_extension("txt");
    let txt = if txt == path {
        PathBuf::from(format!("{}.txt", path.display()))
    } else {
        txt
    };
    (path.display().to_string(), txt.display().to_string())
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render("the file", None))
    }
}

impl std::error::Error for FormatError {}

impl From<DecodeError> for FormatError {
    fn from(e: DecodeError) -> Self {
        FormatError::Decode(e)
    }
}

/// Reads `path`, detecting its format and encoding unless `encoding` names one.
pub fn read_source(path: &Path, encoding: Option<&str>) -> Result<Source> {
    if path.is_dir() {
        bail!("`{}` is a directory, not a document", path.display());
    }
    let bytes = read_bytes(path).with_context(|| format!("cannot read `{}`", path.display()))?;
    from_bytes(path, &bytes, encoding)
}

/// How long a named pipe may wait for a writer.
const PIPE_WAIT_SECONDS: i64 = 10;

/// The largest document read. A work report is at most a few megabytes; without a bound, a
/// device such as /dev/zero would be read for ever.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// A UTF-8 text file (rules, gold, manifest), read as documents are: at most
/// [`MAX_DOCUMENT_BYTES`], and a named pipe is not waited on for ever.
pub fn read_text(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read_bytes(path)?).map_err(|e| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "it is not UTF-8 text (at byte {})",
                e.utf8_error().valid_up_to()
            ),
        )
    })
}

/// The bytes of a file, at most [`MAX_DOCUMENT_BYTES`] of them (more is an error).
fn read_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let too_large = || {
        std::io::Error::other(format!(
            "it holds more than {} MiB, more than any document this tool reads",
            MAX_DOCUMENT_BYTES >> 20
        ))
    };
    let meta = std::fs::metadata(path)?;
    if meta.is_file() && meta.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    open_for_reading(path, &meta)?
        .take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens a file for reading. A named pipe is opened without waiting for a writer (`open`
/// on a FIFO blocks until something writes to it, so a stray pipe would hang the run), then
/// waited on for at most [`PIPE_WAIT_SECONDS`]: a pipe fed by a process (`<(zcat
/// report.txt.gz)`, or `producer > pipe &`) is read to its end as usual, one that nothing
/// opens is an error.
fn open_for_reading(path: &Path, meta: &std::fs::Metadata) -> std::io::Result<std::fs::File> {
    #[cfg(unix)]
    {
        use rustix::event::{poll, PollFd, PollFlags, Timespec};
        use rustix::fs::{fcntl_setfl, OFlags};
        use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
        if meta.file_type().is_fifo() {
            let file = std::fs::OpenOptions::new()
                .read(true)
                .custom_flags(OFlags::NONBLOCK.bits() as i32)
                .open(path)?;
            let wait = Timespec {
                tv_sec: PIPE_WAIT_SECONDS,
                tv_nsec: 0,
            };
            let mut fds = [PollFd::new(&file, PollFlags::IN)];
            if poll(&mut fds, Some(&wait))? == 0 {
                return Err(std::io::Error::other(format!(
                    "it is a named pipe and nothing wrote to it within {PIPE_WAIT_SECONDS} s"
                )));
            }
            // A writer is there: blocking reads from now on, so a slow one is waited for.
            fcntl_setfl(&file, OFlags::empty())?;
            return Ok(file);
        }
    }
    #[cfg(not(unix))]
    let _ = meta;
    std::fs::File::open(path)
}

/// Turns bytes that came from `path` into cleaned lines (used by tests and by
/// [`read_source`]). `encoding` forces the encoding of plain text and web pages.
pub fn from_bytes(path: &Path, bytes: &[u8], encoding: Option<&str>) -> Result<Source> {
    let (text, label) = to_text(bytes, encoding).map_err(|e| anyhow::anyhow!(e.for_file(path)))?;
    let (lines, stats) = clean::clean(&text);
    if lines.is_empty() {
        bail!(
            "`{}` holds no text once website chrome is removed",
            path.display()
        );
    }
    Ok(Source {
        path: path.to_path_buf(),
        encoding: label,
        lines,
        stats,
    })
}

/// The text of a file in any supported format, and the label saying how it was read.
pub fn to_text(
    bytes: &[u8],
    encoding: Option<&str>,
) -> Result<(String, &'static str), FormatError> {
    match sniff(bytes) {
        Kind::Zip => Ok((docx::docx_to_text(bytes)?, "docx")),
        Kind::Pdf => Err(FormatError::Pdf),
        Kind::OleCompound => Err(FormatError::OldOffice),
        Kind::Html => {
            let (page, enc) = html::decode_page(bytes, encoding)?;
            Ok((html::html_to_text(&page)?, html::label(enc)))
        }
        Kind::Text => {
            let decoded = decode::decode(bytes, encoding)?;
            // A page in UTF-16 is only recognisable once decoded.
            if decoded.encoding.starts_with("UTF-16") && looks_like_html(decoded.text.as_bytes()) {
                let enc = encoding_rs::Encoding::for_label(decoded.encoding.as_bytes())
                    .unwrap_or(encoding_rs::UTF_8);
                return Ok((html::html_to_text(&decoded.text)?, html::label(enc)));
            }
            Ok((decoded.text, decoded.encoding))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Formats are told apart by content, whatever the file is called.
    #[test]
    fn sniffs_formats_by_content() {
        assert_eq!(sniff(b"PK\x03\x04rest"), Kind::Zip);
        assert_eq!(sniff(b"%PDF-1.7"), Kind::Pdf);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]),
            Kind::OleCompound
        );
        assert_eq!(sniff(b"\xEF\xBB\xBF \n<!DOCTYPE HTML><p>x"), Kind::Html);
        assert_eq!(sniff(b"<HTML lang=zh>"), Kind::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<!-- saved -->\n<html><body>x</body></html>"),
            Kind::Html
        );
        assert_eq!(sniff("一、2023年工作总结\n1.推进。".as_bytes()), Kind::Text);
        assert_eq!(sniff(b"text\n<body class=x>"), Kind::Html);
        assert_eq!(sniff(b"a < b and <bodyguard>"), Kind::Text);
    }

    /// A page in UTF-16 with a byte-order mark is read as a page.
    #[test]
    fn reads_utf16_html() {
        let page = "<html><body><p>一、工作总结</p><script>x()</script></body></html>";
        let mut bytes = vec![0xFF, 0xFE];
        for unit in page.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, label) = to_text(&bytes, None).unwrap();
        assert_eq!(text.trim(), "一、工作总结");
        assert_eq!(label, "html (UTF-16LE)");
    }

    /// The PDF hint names the file and a .txt beside it.
    #[test]
    fn pdf_hint_names_the_files() {
        let msg = FormatError::Pdf.for_file(Path::new("dir/report.pdf"));
        assert!(
            msg.contains("`pdftotext -layout dir/report.pdf dir/report.txt`"),
            "{msg}"
        );
        let msg = FormatError::Pdf.for_file(Path::new("report.txt"));
        assert!(msg.contains("report.txt report.txt.txt"), "{msg}");
        assert!(FormatError::Pdf.to_string().contains("file.pdf file.txt"));
    }
}
