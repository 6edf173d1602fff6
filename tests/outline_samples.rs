//! Acceptance tests of `plantrack outline` on the five real documents in `samples/`.

mod common;

use common::*;
use regex::Regex;
use serde_json::Value;

/// Splits table output into its tables: runs of lines that start with a box-drawing border.
fn tables(output: &str) -> Vec<Vec<&str>> {
    let mut tables: Vec<Vec<&str>> = Vec::new();
    let mut in_table = false;
    for line in output.lines() {
        let is_table_line = line.starts_with(['┌', '│', '╞', '├', '└']);
        if is_table_line {
            if !in_table || line.starts_with('┌') {
                tables.push(Vec::new());
            }
            tables.last_mut().unwrap().push(line);
        }
        in_table = is_table_line;
    }
    tables
}

/// The sections of `doc` of one kind.
fn sections_of<'a>(doc: &'a Value, kind: &str) -> Vec<&'a Value> {
    sections(doc)
        .iter()
        .filter(|s| text(s, "kind") == kind)
        .collect()
}

/// Asserts `doc` has a section of `kind` whose period is `period`.
fn assert_has_section(doc: &Value, kind: &str, period: &str) {
    let found: Vec<String> = sections(doc)
        .iter()
        .map(|s| format!("{} {}", text(s, "kind"), s["period"]))
        .collect();
    assert!(
        sections_of(doc, kind)
            .iter()
            .any(|s| s["period"].as_str() == Some(period)),
        "{}: expected a {kind} section for {period}, found {found:?}",
        text(doc, "id")
    );
}

/// The last label of an item's path: `二 › （三） › 一是` → `一是`.
fn label(item: &Value) -> &str {
    text(item, "path").rsplit(" › ").next().unwrap_or("")
}

/// `outline` succeeds on every sample, in table and JSON form, and the JSON parses.
#[test]
fn outline_succeeds_on_every_sample_in_table_and_json() {
    for file in SAMPLES {
        let table = stdout_ok(&plantrack(["outline", file]), file);
        assert!(
            table.contains("D1"),
            "{file}: the table lists no document:\n{table}"
        );
        let items = stdout_ok(&plantrack(["outline", "--items", file]), file);
        assert!(items.len() > table.len(), "{file}: --items lists no item");
        let json = outline_json(file);
        assert!(!documents(&json).is_empty(), "{file}: no document in JSON");
    }
}

/// Every line of a printed table has the same display width (CJK counts two), at most 120.
#[test]
fn table_borders_line_up_with_chinese_text() {
    for file in SAMPLES {
        for args in [vec!["outline", file], vec!["outline", "--items", file]] {
            let out = stdout_ok(&plantrack(&args), file);
            let tables = tables(&out);
            assert!(!tables.is_empty(), "{args:?}: no table printed");
            for table in tables {
                assert!(
                    table[0].starts_with('┌') && table[table.len() - 1].starts_with('└'),
                    "{args:?}: a table is not closed:\n{}",
                    table.join("\n")
                );
                let width = display_width(table[0]);
                assert!(
                    width <= 120,
                    "{args:?}: piped output should fit 120 columns, a table is {width}"
                );
                for line in &table {
                    assert_eq!(
                        display_width(line),
                        width,
                        "{args:?}: line is {} columns wide, the table's top border {width}:\n{line}\nin table:\n{}",
                        display_width(line),
                        table.join("\n")
                    );
                }
            }
        }
    }
}

/// 澥浦镇's file is one document: a 2023 summary and a 2024 plan numbered 一…四 › 1…3.
#[test]
fn xiepu_plan_has_four_parts_each_numbered_from_one() {
    let json = outline_json("samples/xiepu-2023-summary-2024-plan.txt");
    let docs = documents(&json);
    assert_eq!(docs.len(), 1, "documents: {docs:#?}");
    let doc = &docs[0];
    assert_eq!(text(doc, "organization"), "澥浦镇");
    assert_has_section(doc, "summary", "2023");
    assert_has_section(doc, "plan", "2024");

    let plans = sections_of(doc, "plan");
    assert_eq!(plans.len(), 1, "plan sections: {plans:#?}");
    let items = items(plans[0]);
    let top: Vec<&str> = items
        .iter()
        .filter(|i| i["depth"] == 1)
        .map(|i| text(i, "path"))
        .collect();
    assert_eq!(top, ["一", "二", "三", "四"]);
    for part in ["一", "二", "三", "四"] {
        let children: Vec<&str> = items
            .iter()
            .map(|i| text(i, "path"))
            .filter(|p| p.starts_with(&format!("{part} › ")))
            .collect();
        let expected: Vec<String> = (1..=3).map(|n| format!("{part} › {n}")).collect();
        assert_eq!(children, expected, "children of {part}");
    }
    for item in items {
        let leaf = item["is_leaf"].as_bool().unwrap();
        assert_eq!(
            leaf,
            item["depth"] == 2,
            "{}: only the numbered goals are leaves",
            text(item, "path")
        );
        assert!(
            !text(item, "text").is_empty(),
            "{}: empty text",
            text(item, "path")
        );
    }
}

/// 生态园区's 2023 plan splits into 一是/二是/三是 and 一方面/另一方面 under （一）（二）（三）.
#[test]
fn shengtaiyuan_plan_goals_are_the_shi_and_aspect_items() {
    let json = outline_json("samples/shengtaiyuan-2022-summary-2023-plan.txt");
    let docs = documents(&json);
    assert_eq!(docs.len(), 1, "documents: {docs:#?}");
    let doc = &docs[0];
    assert_eq!(text(doc, "organization"), "生态园区");
    assert_has_section(doc, "summary", "2022");
    assert_has_section(doc, "plan", "2023");

    let plans = sections_of(doc, "plan");
    assert_eq!(plans.len(), 1, "plan sections: {plans:#?}");
    let items = items(plans[0]);
    let top: Vec<&str> = items
        .iter()
        .filter(|i| i["depth"] == 1)
        .map(|i| text(i, "path"))
        .collect();
    assert_eq!(top, ["（一）", "（二）", "（三）"]);
    let leaves: Vec<&Value> = items.iter().filter(|i| i["is_leaf"] == true).collect();
    assert!(!leaves.is_empty(), "the plan has no goals");
    for leaf in &leaves {
        let path = text(leaf, "path");
        let (parent, own) = path.split_once(" › ").unwrap_or_else(|| {
            panic!("leaf `{path}` is a whole （一） paragraph, not a 一是/一方面 goal")
        });
        assert!(
            ["（一）", "（二）", "（三）"].contains(&parent),
            "leaf `{path}` is not under （一）（二）（三）"
        );
        assert!(
            ["一是", "二是", "三是", "一方面", "另一方面"].contains(&own),
            "leaf `{path}` is not a 一是/一方面 goal"
        );
    }
    let labels: Vec<&str> = leaves.iter().map(|l| label(l)).collect();
    assert!(labels.contains(&"一方面") && labels.contains(&"另一方面"));
}

/// The text a user reads in the JSON outline, in document order, with each item's label
/// before its text (the label is how the document numbered it).
fn reading_text(json: &Value) -> String {
    let mut out = String::new();
    for doc in documents(json) {
        out.push_str(text(doc, "title"));
        out.push_str(text(doc, "intro"));
        for s in sections(doc) {
            out.push_str(text(s, "heading"));
            out.push_str(text(s, "lead"));
            for i in items(s) {
                out.push_str(label(i));
                out.push_str(text(i, "text"));
            }
        }
    }
    out
}

/// The two-document file splits into 区民政局 then 生态园区 (2023 summary, problems, 2024 plan).
#[test]
fn minzheng_file_holds_two_documents_in_order() {
    let json = outline_json("samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt");
    let docs = documents(&json);
    let orgs: Vec<&str> = docs.iter().map(|d| text(d, "organization")).collect();
    assert_eq!(orgs, ["区民政局", "生态园区"]);
    let second = &docs[1];
    assert_has_section(second, "summary", "2023");
    assert!(
        !sections_of(second, "problems").is_empty(),
        "生态园区's problems section is missing"
    );
    assert_has_section(second, "plan", "2024");
}

/// Page numbers the sharing site put at line starts are gone and no sentence is cut there.
#[test]
fn minzheng_page_breaks_leave_no_number_and_no_cut() {
    let file = "samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt";
    let raw = std::fs::read_to_string(sample(file)).unwrap();
    let json = outline_json(file);
    // Items drop the comma after their marker (一方面,… → 一方面 + …): compare without commas.
    let strip = |s: &str| s.replace([',', '，'], "");
    let reading = strip(&reading_text(&json));
    let page = Regex::new(r"^(\d{1,3})、").unwrap();

    let lines: Vec<&str> = raw
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let markers = lines.iter().filter(|l| page.is_match(l)).count();
    assert!(markers > 10, "the sample should carry page markers");
    assert_eq!(
        json["cleaning"]["page_numbers"], markers,
        "every page marker is reported as removed"
    );

    let (mut checked, mut outside) = (0, 0);
    for pair in lines.windows(2) {
        let (prev, line) = (pair[0], pair[1]);
        let Some(m) = page.captures(line) else {
            continue;
        };
        if m[1].parse::<u32>().unwrap() <= 1 {
            continue;
        }
        let prev_text = page.replace(prev, "");
        let prev_chars: Vec<char> = prev_text.chars().collect();
        let inside = prev_chars
            .windows(10.min(prev_chars.len()))
            .any(|w| reading.contains(&strip(&w.iter().collect::<String>())));
        if !inside {
            outside += 1;
            continue;
        }
        let before: String = prev_chars[prev_chars.len().saturating_sub(3)..]
            .iter()
            .collect();
        let after: String = line[m.get(0).unwrap().end()..].chars().take(3).collect();
        let joined = strip(&format!("{before}{after}"));
        assert!(
            reading.contains(&joined),
            "page {}: `{before}` + `{after}` is not joined back into `{joined}` in the outline",
            &m[1]
        );
        checked += 1;
    }
    assert!(
        checked >= (checked + outside) * 9 / 10 && checked > 10,
        "only {checked} page breaks were inside a document, {outside} outside"
    );

    let mut texts = documents(&json)
        .iter()
        .flat_map(sections)
        .flat_map(items)
        .map(|i| text(i, "text"));
    assert!(
        texts.any(|t| t.contains("10.48亿元")),
        "the amount cut at a page break, 10.48亿元, is not whole in any item"
    );
}

/// The compilation is 15 documents, each a 2023H1 summary and a 2023H2 plan; the contents
/// list is not a document.
#[test]
fn compilation_has_fifteen_half_year_documents() {
    let json = outline_json("samples/compilation-15-h1-2023-summary-h2-plan.txt");
    let docs = documents(&json);
    let titles: Vec<&str> = docs.iter().map(|d| text(d, "title")).collect();
    assert_eq!(docs.len(), 15, "titles: {titles:#?}");
    for doc in docs {
        assert_has_section(doc, "summary", "2023H1");
        assert_has_section(doc, "plan", "2023H2");
    }
}

/// Untitled fragments still outline: the table says `(no title found)` and lists sections.
#[test]
fn fragments_without_title_still_show_sections() {
    let file = "samples/fragments-mixed.txt";
    let table = stdout_ok(&plantrack(["outline", file]), file);
    assert!(
        table.contains("(no title found)"),
        "the table does not say that no title was found:\n{table}"
    );
    let json = outline_json(file);
    let count: usize = documents(&json).iter().map(|d| sections(d).len()).sum();
    assert!(count >= 1, "no section found in {file}");
    assert!(documents(&json).iter().all(|d| d["title"].is_null()));
}

/// Running `outline` twice prints the same bytes, and item ids are unique in each file.
#[test]
fn ids_are_stable_and_unique() {
    for file in SAMPLES {
        for args in [
            vec!["outline", file],
            vec!["outline", "--items", file],
            vec!["outline", "--format", "json", file],
        ] {
            let first = stdout_ok(&plantrack(&args), file);
            let second = stdout_ok(&plantrack(&args), file);
            assert!(first == second, "{args:?}: two runs print different output");
        }
        let json = outline_json(file);
        let ids = all_item_ids(&json);
        assert!(!ids.is_empty(), "{file}: no items");
        assert_eq!(
            duplicates(&ids),
            Vec::<String>::new(),
            "{file}: duplicate item ids"
        );
    }
}

/// A heading line that two documents of a file share is a section heading in both.
#[test]
fn heading_shared_by_two_documents_heads_a_section_in_each() {
    for file in SAMPLES {
        let raw = std::fs::read_to_string(sample(file)).unwrap();
        let json = outline_json(file);
        let headings: Vec<&str> = documents(&json)
            .iter()
            .flat_map(sections)
            .map(|s| text(s, "heading"))
            .filter(|h| !h.is_empty())
            .collect();
        for heading in &headings {
            let in_file = raw.lines().filter(|l| l.trim() == *heading).count();
            let in_outline = headings.iter().filter(|h| *h == heading).count();
            if in_file > 0 {
                assert_eq!(
                    in_outline, in_file,
                    "{file}: the heading line `{heading}` occurs {in_file} times in the file \
                     but heads {in_outline} section(s)"
                );
            }
        }
    }
}

/// 区民政局's 2023 summary is split into its numbered parts （一）…（四）, not left as one lead.
#[test]
fn minzheng_first_summary_keeps_its_numbered_parts() {
    let json = outline_json("samples/minzheng-shengtaiyuan-2023-summary-2024-plan.txt");
    let first = &documents(&json)[0];
    let summary = sections_of(first, "summary")[0];
    let top: Vec<&str> = items(summary)
        .iter()
        .filter(|i| i["depth"] == 1)
        .map(|i| text(i, "path"))
        .collect();
    assert!(
        top.starts_with(&["（一）", "（二）", "（三）", "（四）"]),
        "top-level items of {}: {top:?}",
        text(summary, "id")
    );
    let lead = text(summary, "lead");
    assert!(
        lead.chars().count() < 200,
        "the lead holds {} chars of items",
        lead.chars().count()
    );
}

/// The organization is the body that wrote the document, never the one "在…领导下" names.
#[test]
fn organization_is_not_the_leading_body_of_a_zai_phrase() {
    for file in SAMPLES {
        let json = outline_json(file);
        for doc in documents(&json) {
            let org = text(doc, "organization");
            assert!(
                !org.starts_with('在'),
                "{file} {}: organization `{org}` is the superior body in a 在…领导下 phrase",
                text(doc, "id")
            );
        }
    }
}

/// `outline --verbose` lists every line the cleaning dropped whole, as many as the header
/// counts, so no text is removed without a word.
#[test]
fn verbose_lists_every_dropped_line() {
    for file in SAMPLES {
        let out = plantrack(["outline", file, "--verbose"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{file}");
        let header = text.lines().next().unwrap();
        let count = |what: &str| -> usize {
            let end = header.find(what).unwrap();
            let start = header[..end - 1].rfind(' ').unwrap() + 1;
            header[start..end - 1].parse().unwrap()
        };
        let expected = count("chrome line(s)") + count("repeated paragraph(s)");
        let listed = text
            .lines()
            .filter(|l| l.starts_with("  [website chrome] ") || l.starts_with("  [repeats "))
            .count();
        assert_eq!(listed, expected, "{file}: {header}");
        assert!(
            text.contains(&format!("dropped lines ({expected}):")),
            "{file}"
        );
    }
}
