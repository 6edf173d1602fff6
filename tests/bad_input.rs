//! `plantrack outline` on input it cannot read, and on text in other encodings.

mod common;

use common::*;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

/// Writes `bytes` to `name` in a fresh temp folder for `test`.
fn write_temp(test: &str, name: &str, bytes: &[u8]) -> TempFile {
    TempFile::new(test, name, bytes)
}

fn outline(path: &Path, extra: &[&str]) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["outline".as_ref()];
    args.extend(extra.iter().map(std::ffi::OsStr::new));
    args.push(path.as_os_str());
    plantrack(args)
}

/// Asserts exit code 2, nothing on stdout, and one `error:` line on stderr naming `path`.
/// Returns that line.
fn assert_one_line_error(out: &Output, path: &Path) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "plantrack panicked:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "an error still printed to stdout:\n{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr is not one line:\n{stderr}");
    let line = lines[0];
    assert!(line.starts_with("error:"), "{line}");
    assert!(
        line.contains(&path.display().to_string()),
        "the message does not name `{}`: {line}",
        path.display()
    );
    line.to_string()
}

/// A file that does not exist is one clear error line.
#[test]
fn missing_file_is_one_error_line() {
    let dir = temp_dir("missing");
    let path = dir.path().join("no-such-file.txt");
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("cannot read"), "{line}");
}

/// An empty file is one error line that says it is empty.
#[test]
fn empty_file_is_one_error_line() {
    let path = write_temp("empty", "empty.txt", b"");
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("empty"), "{line}");
    let path = write_temp("blank", "blank.txt", b" \r\n\t\n  ");
    assert_one_line_error(&outline(&path, &[]), &path);
}

/// A binary file with NUL bytes is refused as not plain text.
#[test]
fn binary_file_is_one_error_line() {
    let mut bytes = Vec::new();
    let mut x: u32 = 0x9E37_79B9;
    for i in 0..4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        bytes.push(if i % 97 == 0 { 0 } else { x as u8 });
    }
    let path = write_temp("binary", "data.bin", &bytes);
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("not plain text"), "{line}");
}

/// Chinese prose with no summary, plan or problems heading is an error, not an empty outline.
#[test]
fn text_without_sections_is_one_error_line() {
    let prose = "今天天气很好，我们一起去公园散步。\n公园里开满了鲜花，孩子们在草地上奔跑。\n\
                 傍晚时分，大家高高兴兴地回家了。\n";
    let path = write_temp("prose", "prose.txt", prose.as_bytes());
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("section"), "{line}");
}

/// A PDF is refused with a hint to convert it.
#[test]
fn pdf_is_one_error_line() {
    let path = write_temp(
        "pdf",
        "report.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    );
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("PDF"), "{line}");
}

/// The start of a zip archive (a .docx cut short) is refused as a damaged .docx.
#[test]
fn truncated_zip_is_one_error_line() {
    let path = write_temp(
        "zip",
        "report.docx",
        b"PK\x03\x04\x14\x00\x06\x00word/document.xml",
    );
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("not a complete .docx"), "{line}");
}

/// A directory is refused as not a document.
#[test]
fn directory_is_one_error_line() {
    let dir = temp_dir("directory");
    assert_one_line_error(&outline(dir.path(), &[]), dir.path());
}

/// The JSON outline without the fields that name the file and its encoding.
fn content(mut json: Value) -> Value {
    let obj = json.as_object_mut().expect("the outline is an object");
    obj.remove("file");
    obj.remove("encoding");
    json
}

/// Writes each sample in another encoding and checks that the outline is the UTF-8 one.
fn assert_same_outline_in(test: &str, encode: fn(&str) -> Vec<u8>, encoding: &str) {
    for file in SAMPLES {
        let text = std::fs::read_to_string(sample(file)).unwrap();
        let name = Path::new(file).file_name().unwrap().to_str().unwrap();
        let path = write_temp(&format!("{test}-{name}"), name, &encode(&text));
        let json = outline_json(&path);
        assert!(
            json["encoding"]
                .as_str()
                .is_some_and(|e| e.eq_ignore_ascii_case(encoding)),
            "{file}: encoding is {}, expected {encoding}",
            json["encoding"]
        );
        assert_eq!(json["file"], path.display().to_string());
        let expected = content(outline_json(file));
        assert!(
            content(json) == expected,
            "{file}: the {encoding} outline differs from the UTF-8 one"
        );
    }
}

/// A GB18030 (GBK) file outlines exactly like its UTF-8 original and says gb18030.
#[test]
fn gb18030_file_outlines_like_utf8() {
    assert_same_outline_in(
        "gb18030",
        |text| {
            let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
            assert!(!unmappable);
            bytes.into_owned()
        },
        "gb18030",
    );
}

/// A UTF-16LE file with a byte-order mark outlines exactly like its UTF-8 original.
#[test]
fn utf16le_with_bom_outlines_like_utf8() {
    assert_same_outline_in(
        "utf16le",
        |text| {
            let mut bytes = vec![0xFF, 0xFE];
            for unit in text.encode_utf16() {
                bytes.extend_from_slice(&unit.to_le_bytes());
            }
            bytes
        },
        "UTF-16LE",
    );
}

/// A UTF-16BE file with a byte-order mark outlines exactly like its UTF-8 original.
#[test]
fn utf16be_with_bom_outlines_like_utf8() {
    assert_same_outline_in(
        "utf16be",
        |text| {
            let mut bytes = vec![0xFE, 0xFF];
            for unit in text.encode_utf16() {
                bytes.extend_from_slice(&unit.to_be_bytes());
            }
            bytes
        },
        "UTF-16BE",
    );
}

/// Windows line endings (CRLF) give the same outline as Unix ones.
#[test]
fn crlf_line_endings_outline_like_lf() {
    assert_same_outline_in(
        "crlf",
        |text| text.replace('\n', "\r\n").into_bytes(),
        "UTF-8",
    );
}

/// A UTF-8 file with a byte-order mark outlines exactly like one without.
#[test]
fn utf8_with_bom_outlines_like_utf8() {
    assert_same_outline_in(
        "utf8bom",
        |text| [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat(),
        "UTF-8",
    );
}

/// Bytes that are neither UTF-8 nor GB18030 are an error giving their byte offset.
#[test]
fn undecodable_bytes_report_their_offset() {
    let head = "生态园区2023年工作总结\n一、项目推进\n1.项目招引。";
    let mut bytes = head.as_bytes().to_vec();
    bytes.extend_from_slice(&[0x81, 0x20]);
    bytes.extend_from_slice("新签约项目11个。\n二、2024年工作思路\n1.加快建设。".as_bytes());
    let path = write_temp("undecodable", "bad-bytes.txt", &bytes);
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    let offset = head.len();
    assert!(
        line.contains(&format!("byte {offset}")),
        "the message does not give offset {offset}: {line}"
    );
    assert!(!line.contains('\u{FFFD}'), "{line}");
}

/// `--encoding klingon` is refused with a message naming the label and the valid ones.
#[test]
fn unknown_encoding_label_is_one_error_line() {
    let path = sample("samples/xiepu-2023-summary-2024-plan.txt");
    let line = assert_one_line_error(&outline(&path, &["--encoding", "klingon"]), &path);
    assert!(line.contains("klingon"), "{line}");
    assert!(line.contains("utf-8") && line.contains("gb18030"), "{line}");
}

/// A UTF-16LE or UTF-16BE file without a byte-order mark outlines like its UTF-8
/// original: it is not called binary.
#[test]
fn utf16_without_bom_outlines_like_utf8() {
    assert_same_outline_in(
        "utf16le-nobom",
        |text| text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        "UTF-16LE",
    );
    assert_same_outline_in(
        "utf16be-nobom",
        |text| text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        "UTF-16BE",
    );
}

/// Old Mac line endings (a lone CR) give the same outline as LF.
#[test]
fn cr_line_endings_outline_like_lf() {
    assert_same_outline_in("cr", |text| text.replace('\n', "\r").into_bytes(), "UTF-8");
}

/// `--encoding utf-8` on a GB18030 file names the encoding given as the cause, instead of
/// advising to pass `--encoding`.
#[test]
fn wrong_encoding_flag_is_named() {
    let (bytes, _, _) = encoding_rs::GB18030.encode("生态园区2023年工作总结\n一、项目推进");
    let path = write_temp("wrong-encoding", "gbk.txt", &bytes);
    let line = assert_one_line_error(&outline(&path, &["--encoding", "utf-8"]), &path);
    assert!(line.contains("not valid utf-8"), "{line}");
    assert!(!line.contains("pass `--encoding"), "{line}");
}

/// Runs `plantrack outline path`, killing it if it takes more than `limit`: a check that
/// the run ends, which fails instead of hanging the test suite.
#[cfg(unix)]
fn outline_within(path: &Path, limit: std::time::Duration) -> Output {
    run_within(&["outline".as_ref(), path.as_os_str()], limit)
}

/// Runs `plantrack args`, killing it if it takes more than `limit`.
#[cfg(unix)]
fn run_within(args: &[&std::ffi::OsStr], limit: std::time::Duration) -> Output {
    use std::process::{Command, Stdio};
    let child = Command::new(env!("CARGO_BIN_EXE_plantrack"))
        .current_dir(root())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("plantrack runs");
    let pid = child.id().to_string();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(child.wait_with_output()));
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("output"),
        Err(_) => {
            std::process::Command::new("kill")
                .args(["-9", &pid])
                .status()
                .ok();
            panic!("plantrack {args:?} still runs after {limit:?}");
        }
    }
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success());
}

/// A named pipe that nothing writes to does not hang the run: it is one error line, exit 2.
#[cfg(unix)]
#[test]
fn a_pipe_with_no_writer_is_an_error_not_a_hang() {
    let dir = temp_dir("fifo-stray");
    let path = dir.path().join("stray.fifo");
    mkfifo(&path);
    let out = outline_within(&path, std::time::Duration::from_secs(40));
    let line = assert_one_line_error(&out, &path);
    assert!(line.contains("named pipe"), "{line}");
}

/// A named pipe that a process writes to, even one that starts late, is read like a file.
#[cfg(unix)]
#[test]
fn a_pipe_fed_by_a_late_writer_is_read() {
    let dir = temp_dir("fifo-fed");
    let path = dir.path().join("fed.fifo");
    mkfifo(&path);
    let text = std::fs::read(sample("samples/xiepu-2023-summary-2024-plan.txt")).unwrap();
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_millis(500));
            std::fs::write(&path, text).expect("write to the pipe");
        })
    };
    let out = outline_within(&path, std::time::Duration::from_secs(40));
    writer.join().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("工作总结"));
}

/// A device that never ends (/dev/zero) is read up to the size limit and refused, not read
/// for ever.
#[cfg(unix)]
#[test]
fn an_endless_device_is_refused_not_read_for_ever() {
    let path = Path::new("/dev/zero");
    let out = outline_within(path, std::time::Duration::from_secs(40));
    let line = assert_one_line_error(&out, path);
    assert!(line.contains("MiB"), "{line}");
}

/// A rules file is read with the same bound: `--rules /dev/zero` is an error, not a hang.
#[cfg(unix)]
#[test]
fn an_endless_rules_file_is_refused() {
    let path = Path::new("/dev/zero");
    let out = run_within(
        &["rules".as_ref(), "check".as_ref(), path.as_os_str()],
        std::time::Duration::from_secs(40),
    );
    let line = assert_one_line_error(&out, path);
    assert!(line.contains("MiB"), "{line}");
}

/// A file larger than any document is refused before it is read.
#[test]
fn a_huge_file_is_refused() {
    let dir = temp_dir("huge");
    let path = dir.path().join("huge.txt");
    let file = std::fs::File::create(&path).unwrap();
    // Sparse: no disk is used.
    file.set_len(65 << 20).unwrap();
    let line = assert_one_line_error(&outline(&path, &[]), &path);
    assert!(line.contains("MiB"), "{line}");
}
