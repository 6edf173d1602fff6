//! Word (.docx) and web-page (.html) input: two real samples are rebuilt in both formats and
//! must outline exactly like their .txt originals, whatever their file is called; damaged,
//! foreign and unsupported files are one clear error line each; every page, the hand-written
//! ones in `tests/fixtures` and pages broken on purpose, is read without a panic.

mod common;

use common::*;
use serde_json::Value;
use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Output;

/// The samples rebuilt as .docx and .html.
const REBUILT: [&str; 2] = [
    "samples/xiepu-2023-summary-2024-plan.txt",
    "samples/shengtaiyuan-2022-summary-2023-plan.txt",
];

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>
</Types>"#;

const PACKAGE_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>
</Relationships>"#;

/// One list with the three levels of these documents: 一、 then (一) then 1.
fn numbering_xml(instances: u32) -> String {
    let level = |ilvl: u32, fmt: &str, text: &str, suffix: &str| {
        format!(
            r#"<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:suff w:val="{suffix}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>"#
        )
    };
    let nums: String = (1..=instances)
        .map(|id| format!(r#"<w:num w:numId="{id}"><w:abstractNumId w:val="0"/></w:num>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="multilevel"/>{}{}{}</w:abstractNum>{nums}</w:numbering>"#,
        level(0, "chineseCounting", "%1、", "nothing"),
        level(1, "chineseCounting", "(%2)", "tab"),
        level(2, "decimal", "%3.", "tab"),
    )
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Splits a leading 一、 (level 0), (一) (level 1) or 1. (level 2) marker off `line`.
fn split_marker(line: &str) -> Option<(usize, u32, &str)> {
    const CN: &str = "一二三四五六七八九十";
    let cn_len = line.chars().take_while(|c| CN.contains(*c)).count();
    let cn_bytes: usize = line.chars().take(cn_len).map(char::len_utf8).sum();
    if cn_len > 0 {
        if let Some(rest) = line[cn_bytes..].strip_prefix('、') {
            return Some((0, cn_value(&line[..cn_bytes])?, rest));
        }
    }
    if let Some(inner) = line.strip_prefix('(') {
        let (num, rest) = inner.split_once(')')?;
        return Some((1, cn_value(num)?, rest));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=2).contains(&digits) {
        let rest = line[digits..].strip_prefix('.')?;
        if rest.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        return Some((2, line[..digits].parse().ok()?, rest));
    }
    None
}

fn cn_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|i| i as u32 + 1)
    };
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        ['十'] => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        _ => None,
    }
}

/// A .docx of `text`: one paragraph per line; runs of ` | ` lines become a table. With
/// `numbered`, the 一、 (一) 1. markers are taken out of the text and given to Word's
/// automatic numbering instead (a new list instance where the top level restarts at 一), so
/// the outline only matches if the numbering is rendered back. Returns the bytes and how
/// many paragraphs were numbered.
fn docx_of(text: &str, numbered: bool) -> (Vec<u8>, usize) {
    let mut body = String::new();
    let mut in_table = false;
    let mut counters = [0u32; 3];
    let mut instance = 0;
    let mut numbered_paragraphs = 0;
    for line in text.lines() {
        if line.contains(" | ") {
            if !in_table {
                body.push_str("<w:tbl>");
                in_table = true;
            }
            body.push_str("<w:tr>");
            for cell in line.split('|') {
                body.push_str(&format!(
                    "<w:tc><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
                    xml_escape(cell.trim())
                ));
            }
            body.push_str("</w:tr>");
            continue;
        }
        if in_table {
            body.push_str("</w:tbl>");
            in_table = false;
        }
        let mut ppr = String::new();
        let mut rest = line;
        if let Some((level, n, after)) = split_marker(line).filter(|_| numbered) {
            if level == 0 && n == 1 {
                instance += 1;
                counters = [0; 3];
            }
            if instance > 0 && counters[level] + 1 == n {
                counters[level] = n;
                for deeper in counters.iter_mut().skip(level + 1) {
                    *deeper = 0;
                }
                ppr = format!(
                    r#"<w:pPr><w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{instance}"/></w:numPr></w:pPr>"#
                );
                rest = after;
                numbered_paragraphs += 1;
            }
        }
        // Split the text over two runs, as Word does at every change of formatting.
        let cut = rest.char_indices().nth(3).map_or(rest.len(), |(i, _)| i);
        body.push_str(&format!(
            r#"<w:p>{ppr}<w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            xml_escape(&rest[..cut]),
            xml_escape(&rest[cut..])
        ));
    }
    if in_table {
        body.push_str("</w:tbl>");
    }
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {W}><w:body>{body}<w:sectPr/></w:body></w:document>"#
    );
    let mut parts = vec![
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", PACKAGE_RELS.to_string()),
        ("word/document.xml", document),
    ];
    if numbered {
        parts.push(("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()));
        parts.push(("word/numbering.xml", numbering_xml(instance.max(1))));
    }
    (zip_of(&parts), numbered_paragraphs)
}

/// A zip archive of `parts`, deflated as Word writes them.
fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(*name, options).expect("zip entry starts");
        zip.write_all(text.as_bytes())
            .expect("zip entry is written");
    }
    zip.finish().expect("zip is finished").into_inner()
}

/// A government-site page around `text`: a site header, navigation, a breadcrumb and a
/// share bar, scripts and a footer, and the document itself, one `<p>` per line (a table for
/// ` | ` lines), in the publishing system's content box when `content_box`, else in a plain
/// `<div>` (so that only the dropping of chrome keeps it out). `charset` goes into the meta
/// tag.
fn html_of(text: &str, charset: &str, content_box: bool) -> String {
    let (box_class, box_id) = if content_box {
        ("TRS_Editor", "zoom")
    } else {
        ("wrap", "main")
    };
    let mut article = String::new();
    let mut in_table = false;
    for line in text.lines() {
        if line.contains(" | ") {
            if !in_table {
                article.push_str("<table class=\"xxgk\">\n");
                in_table = true;
            }
            let cells: String = line
                .split('|')
                .map(|c| format!("<td>{}</td>", html_escape(c.trim())))
                .collect();
            article.push_str(&format!("<tr>{cells}</tr>\n"));
            continue;
        }
        if in_table {
            article.push_str("</table>\n");
            in_table = false;
        }
        article.push_str(&format!(
            "<p style=\"text-indent: 2em\">&nbsp;&nbsp;{}</p>\n",
            html_escape(line)
        ));
    }
    if in_table {
        article.push_str("</table>\n");
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>工作总结_政务公开_人民政府门户网站</title>
<link rel="stylesheet" href="/css/main.css">
<style>.nav li {{ float: left; }} p > a {{ color: #333; }}</style>
<script type="text/javascript">var _hmt = _hmt || []; if (a < b && c > d) {{ document.write("<p>统计代码</p>"); }}</script>
</head>
<body>
<div class="header"><img src="/logo.png" alt="人民政府门户网站"><span>人民政府门户网站</span></div>
<nav><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li></ul></nav>
<div id="topMenu"><a href="/bsfw/">办事服务</a> | <a href="/zjxx/">走进本地</a></div>
<div class="breadcrumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 工作总结</div>
<!-- 正文开始 <p>不是正文</p> -->
<div class="main-wrap">
<div class="{box_class}" id="{box_id}">
{article}</div>
</div>
<div class="share-box">分享到：<a>微信</a><a>微博</a></div>
<noscript>您的浏览器不支持脚本</noscript>
<footer>
<p>主办单位：人民政府办公室 版权所有 浙ICP备12345678号 浙公网安备 33021102000001号</p>
<p><a href="/sitemap">网站地图</a> | <a href="/contact">联系我们</a></p>
</footer>
<script src="/js/common.js"></script>
<script>window.onload = function () {{ if (x < 1) {{ init("</div>"); }} }};</script>
</body>
</html>
"#
    )
}

fn html_escape(s: &str) -> String {
    xml_escape(s).replace('"', "&quot;")
}

/// Writes `bytes` as `name` in a fresh temp folder for `test`.
fn write(test: &str, name: &str, bytes: &[u8]) -> TempFile {
    TempFile::new(&format!("formats-{test}"), name, bytes)
}

fn sample_name(file: &str) -> &str {
    Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap()
}

/// Asserts that two outlines have the same documents, item for item: titles, sections
/// (kind, period, heading, lead) and items (id, path, text).
fn assert_same_documents(got: &Value, want: &Value, what: &str) {
    let (got_docs, want_docs) = (documents(got), documents(want));
    assert_eq!(
        got_docs.len(),
        want_docs.len(),
        "{what}: number of documents"
    );
    for (g, w) in got_docs.iter().zip(want_docs) {
        for key in ["id", "title", "organization", "date", "intro"] {
            assert_eq!(g[key], w[key], "{what}: document {} {key}", text(w, "id"));
        }
        let (gs, ws) = (sections(g), sections(w));
        assert_eq!(gs.len(), ws.len(), "{what}: sections of {}", text(w, "id"));
        for (gsec, wsec) in gs.iter().zip(ws) {
            let id = text(wsec, "id");
            for key in ["id", "kind", "period", "heading", "lead"] {
                assert_eq!(gsec[key], wsec[key], "{what}: section {id} {key}");
            }
            let (gi, wi) = (items(gsec), items(wsec));
            assert_eq!(gi.len(), wi.len(), "{what}: items of section {id}");
            for (gitem, witem) in gi.iter().zip(wi) {
                assert_eq!(gitem, witem, "{what}: item {}", text(witem, "id"));
            }
        }
    }
    assert!(
        got["documents"] == want["documents"],
        "{what}: the outlines differ"
    );
}

/// Each sample as a .docx with its 一、 (一) 1. markers given to Word's numbering, named
/// .docx and, to prove that content decides, .txt: the outline is the .txt one.
#[test]
fn docx_with_numbering_outlines_like_the_text() {
    for file in REBUILT {
        let text = std::fs::read_to_string(sample(file)).unwrap();
        let (bytes, numbered) = docx_of(&text, true);
        assert!(
            numbered >= 10,
            "{file}: only {numbered} paragraphs were numbered"
        );
        let want = outline_json(file);
        let name = sample_name(file);
        for path in [
            write("docx-numbered", &format!("{name}.docx"), &bytes),
            write(
                "docx-numbered",
                &format!("{name}-really-a-docx.txt"),
                &bytes,
            ),
        ] {
            let got = outline_json(&path);
            assert_eq!(got["encoding"], "docx", "{}", path.display());
            assert_same_documents(&got, &want, &path.display().to_string());
        }
    }
}

/// Each sample as a plain .docx, its markers left in the text.
#[test]
fn plain_docx_outlines_like_the_text() {
    for file in REBUILT {
        let text = std::fs::read_to_string(sample(file)).unwrap();
        let (bytes, numbered) = docx_of(&text, false);
        assert_eq!(numbered, 0);
        let path = write("docx-plain", &format!("{}.docx", sample_name(file)), &bytes);
        assert_same_documents(&outline_json(&path), &outline_json(file), file);
    }
}

/// Each sample as a page of a government site, with and without a content box, in UTF-8 and
/// in GBK, named .html, .htm and .txt: the outline is the .txt one.
#[test]
fn html_outlines_like_the_text() {
    for file in REBUILT {
        let text = std::fs::read_to_string(sample(file)).unwrap();
        let want = outline_json(file);
        let name = sample_name(file);
        let boxed = html_of(&text, "utf-8", true).into_bytes();
        let unboxed = html_of(&text, "utf-8", false).into_bytes();
        let gbk_page = html_of(&text, "gb2312", false);
        let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_page);
        assert!(!unmappable, "{file} has characters GBK lacks");
        for (path, encoding) in [
            (write("html", &format!("{name}.html"), &boxed), "html"),
            (write("html", &format!("{name}-page.txt"), &unboxed), "html"),
            (
                write("html", &format!("{name}-gbk.htm"), &gbk),
                "html (GBK)",
            ),
        ] {
            let got = outline_json(&path);
            assert_eq!(got["encoding"], encoding, "{}", path.display());
            assert_same_documents(&got, &want, &path.display().to_string());
        }
    }
}

/// `track` takes a .docx plan and an .html summary and finds what it finds in the .txt.
#[test]
fn track_reads_docx_and_html() {
    let plan = "samples/shengtaiyuan-2022-summary-2023-plan.txt";
    let summary = "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt";
    let plan_docx = write(
        "track",
        "plan.docx",
        &docx_of(&std::fs::read_to_string(sample(plan)).unwrap(), true).0,
    );
    let summary_html = write(
        "track",
        "summary.html",
        html_of(
            &std::fs::read_to_string(sample(summary)).unwrap(),
            "utf-8",
            true,
        )
        .as_bytes(),
    );
    let run = |plan: &Path, summary: &Path| {
        let out = plantrack([
            "track".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            plan.as_os_str(),
            summary.as_os_str(),
        ]);
        let mut json: Value = serde_json::from_str(&stdout_ok(&out, "track")).unwrap();
        json["plan"]["file"] = Value::Null;
        json["summary"]["file"] = Value::Null;
        json
    };
    let want = run(Path::new(plan), Path::new(summary));
    assert!(
        run(&plan_docx, &summary_html) == want,
        "track on .docx and .html differs from track on .txt"
    );
}

/// Asserts exit code 2, nothing on stdout, and one `error:` line on stderr naming `path`
/// and saying `says`.
fn assert_one_line_error(out: &Output, path: &Path, says: &[&str]) {
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(2), "exit code; stderr:\n{stderr}");
    assert!(
        !stderr.contains("panicked"),
        "plantrack panicked:\n{stderr}"
    );
    assert!(out.stdout.is_empty(), "an error still printed to stdout");
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 1, "stderr is not one line:\n{stderr}");
    let line = lines[0];
    assert!(line.starts_with("error: "), "{line}");
    assert!(
        line.contains(&format!("`{}`", path.display())),
        "the message does not name `{}`: {line}",
        path.display()
    );
    for word in says {
        assert!(
            line.contains(word),
            "the message does not say `{word}`: {line}"
        );
    }
}

fn outline_of(path: &Path) -> Output {
    plantrack(["outline".as_ref(), path.as_os_str()])
}

/// A .docx cut in half is damaged: one line saying so and what to do.
#[test]
fn truncated_docx_is_one_error_line() {
    let text = std::fs::read_to_string(sample(REBUILT[0])).unwrap();
    let (bytes, _) = docx_of(&text, true);
    let path = write("truncated", "cut.docx", &bytes[..bytes.len() / 2]);
    assert_one_line_error(
        &outline_of(&path),
        &path,
        &["damaged or not a complete .docx", "save it again"],
    );
}

/// A zip that holds only `hello.txt` is not a Word document.
#[test]
fn zip_without_a_document_is_one_error_line() {
    let bytes = zip_of(&[("hello.txt", "你好".to_string())]);
    let path = write("foreign-zip", "hello.docx", &bytes);
    assert_one_line_error(
        &outline_of(&path),
        &path,
        &["is a zip archive but not a Word .docx", "save it as .docx"],
    );
}

/// A .docx whose document part is not well-formed XML.
#[test]
fn docx_with_bad_xml_is_one_error_line() {
    let bytes = zip_of(&[(
        "word/document.xml",
        format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>一、总结</w:r></w:p></w:body></w:document>"
        ),
    )]);
    let path = write("bad-xml", "bad.docx", &bytes);
    assert_one_line_error(
        &outline_of(&path),
        &path,
        &["word/document.xml is not well-formed XML", "save it again"],
    );
}

/// A page with nothing but navigation, scripts and a footer has no text.
#[test]
fn html_without_text_is_one_error_line() {
    let page = r#"<!DOCTYPE html><html><head><title>首页</title><script>var a = "<p>x</p>";</script></head>
<body><nav><a href="/">首页</a><a href="/zwgk/">政务公开</a></nav><div class="menu"><a>办事</a></div>
<script>init();</script><footer>版权所有 浙ICP备12345678号</footer></body></html>"#;
    let path = write("empty-page", "empty.html", page.as_bytes());
    assert_one_line_error(&outline_of(&path), &path, &["the page has no text"]);
}

/// A PDF is refused with the `pdftotext -layout` command to convert it.
#[test]
fn pdf_is_one_error_line_with_the_conversion() {
    let path = write(
        "pdf",
        "report.pdf",
        b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",
    );
    let txt = path.with_extension("txt");
    assert_one_line_error(
        &outline_of(&path),
        &path,
        &[
            "is a PDF",
            &format!("pdftotext -layout {} {}", path.display(), txt.display()),
        ],
    );
}

/// An old binary .doc (even when named .docx) is refused with the hint to save it as .docx.
#[test]
fn old_doc_is_one_error_line_with_the_conversion() {
    let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    bytes.extend_from_slice(&[0u8; 504]);
    for name in ["report.doc", "report-really-a-doc.docx"] {
        let path = write("doc", name, &bytes);
        assert_one_line_error(
            &outline_of(&path),
            &path,
            &["old binary Word file", "save it as .docx"],
        );
    }
}

/// Truncated and bit-flipped .docx files and pages are errors or text, never a panic.
#[test]
fn damaged_docx_and_html_never_panic() {
    use plantrack::ingest;
    use std::panic::{catch_unwind, AssertUnwindSafe};
    let text = std::fs::read_to_string(sample(REBUILT[1])).unwrap();
    let (docx, _) = docx_of(&text, true);
    let html = html_of(&text, "utf-8", true).into_bytes();
    let mut x: u32 = 0x2545_F491;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        x as usize
    };
    for (what, original) in [("docx", &docx), ("html", &html)] {
        for round in 0..300 {
            let mut bytes = original.clone();
            if round % 3 == 0 {
                bytes.truncate(next() % original.len());
            } else {
                for _ in 0..1 + round % 8 {
                    let at = next() % bytes.len();
                    bytes[at] ^= 1 << (next() % 8);
                }
            }
            let result = catch_unwind(AssertUnwindSafe(|| {
                ingest::from_bytes(Path::new("damaged"), &bytes, None).map(|_| ())
            }));
            assert!(result.is_ok(), "{what} round {round} panicked");
        }
    }
}

/// Every page the tests know, and pages broken on purpose, go through the HTML reader
/// without a panic; the real-looking ones keep their headings and lose their chrome.
#[test]
fn html_pages_never_panic_and_keep_their_headings() {
    use plantrack::ingest::html::{decode_page, html_to_text};
    use std::panic::{catch_unwind, AssertUnwindSafe};

    let read = |what: &str, page: &str| -> Option<String> {
        catch_unwind(AssertUnwindSafe(|| html_to_text(page).ok()))
            .unwrap_or_else(|_| panic!("{what}: the HTML reader panicked"))
    };

    // The hand-written pages in tests/fixtures: (file, heading, chrome that must be gone).
    let fixtures = [
        (
            "page-table-layout-gbk.html",
            "某某镇2023年工作总结和2024年工作计划",
            "版权所有",
        ),
        ("page-word-export.html", "某某街道2023年工作总结", "mso"),
        (
            "page-html5-article.html",
            "2024年区政府工作报告",
            "相关阅读",
        ),
    ];
    let mut pages = 0;
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        if !(name.ends_with(".html") || name.ends_with(".htm")) {
            continue;
        }
        pages += 1;
        let (_, heading, chrome) = fixtures
            .iter()
            .find(|(f, ..)| *f == name)
            .unwrap_or_else(|| panic!("{name}: add its heading to this test"));
        let (page, _) = decode_page(&std::fs::read(&path).unwrap(), None).unwrap();
        let text = read(&name, &page).unwrap_or_else(|| panic!("{name}: no text"));
        assert!(
            text.lines().any(|l| l == *heading),
            "{name}: the heading {heading} is not a line of\n{text}"
        );
        assert!(!text.contains(chrome), "{name}: {chrome} was kept:\n{text}");
    }
    assert_eq!(pages, fixtures.len(), "fixture pages");

    // Every sample as a government-site page, with and without a content box.
    for file in SAMPLES {
        let sample = std::fs::read_to_string(sample(file)).unwrap();
        let heading = sample
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.contains('|'))
            .unwrap();
        for content_box in [true, false] {
            let what = format!("{file} (content box: {content_box})");
            let text = read(&what, &html_of(&sample, "utf-8", content_box))
                .unwrap_or_else(|| panic!("{what}: no text"));
            assert!(
                text.lines().any(|l| l == heading),
                "{what}: the heading {heading} is not a line of the text"
            );
            assert!(!text.contains("分享到"), "{what}: the share bar was kept");
        }
    }

    // Pages broken on purpose: (what, page, text that must survive, if any).
    let deep = 10_000;
    let long_line = format!(
        "<p>{}</p>",
        "一、<b>工作</b>总结 &amp; <i>计划</i>；".repeat(1 << 15)
    );
    assert!(long_line.len() > 1 << 20 && !long_line.contains('\n'));
    let nasty: Vec<(&str, String, Option<&str>)> = vec![
        (
            "an unterminated comment",
            "<p>前文</p><!-- <p>后文</p>".into(),
            Some("前文"),
        ),
        ("a bare comment opener", "<!--".into(), None),
        (
            "cells without a table row",
            "<table><td>甲<td>乙<tr><td>丙</table>丁".into(),
            Some("甲 | 乙"),
        ),
        (
            "a soup of table tags",
            "<td><tr><table><th><caption><col><td>甲</tbody></tr><tfoot>乙</table></td>".into(),
            Some("甲"),
        ),
        (
            "10,000 nested divs",
            format!("{}深处{}", "<div>".repeat(deep), "</div>".repeat(deep)),
            Some("深处"),
        ),
        (
            "10,000 unclosed formatting elements",
            format!("{}<p>正文", "<b><i><a href=x>".repeat(deep)),
            Some("正文"),
        ),
        (
            "10,000 nested tables",
            format!(
                "{}格子{}",
                "<table><tr><td>".repeat(deep),
                "</td></tr></table>".repeat(deep)
            ),
            Some("格子"),
        ),
        (
            "NUL bytes",
            "<p>正\0文</p>\0<div\0 class=\0>\0乙</div>".into(),
            Some("正文"),
        ),
        (
            "references out of range",
            "<p>&#x110000;&#xD800;&#99999999999;&#;&#x;&amp&unknown;甲</p>".into(),
            Some("甲"),
        ),
        (
            "tags cut short",
            "<p>甲</p><p class=\"a>乙</p><br/ <!DOCTYPE <? </ <a".into(),
            Some("甲"),
        ),
        (
            "a 1 MB line",
            long_line,
            Some("一、工作总结 & 计划；一、工作总结"),
        ),
    ];
    for (what, page, survives) in &nasty {
        let text = read(what, page);
        if let Some(want) = survives {
            let text = text.unwrap_or_else(|| panic!("{what}: no text"));
            assert!(text.contains(want), "{what}: {want} is lost");
        }
    }
}
