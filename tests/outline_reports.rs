//! Acceptance tests of `plantrack outline` on the 21 government work reports in
//! `samples/reports/`: every top-level heading opens a section of the right kind and period,
//! and no heading ends up inside an item.
//!
//! The expectations were written by reading each report's top-level headings (`一、…`) and
//! deciding, as a reader would, what each section is and what period it covers. A review of
//! the past five years covers five years, not one; a chapter that follows the year's task
//! list (三、加强政府自身建设) goes on with the plan; a five-year plan is a span of years.
//! The review's closing look at what went wrong (我们也清醒地看到…困难和挑战) opens a
//! problems section, named by the sentence up to its first word of trouble.

mod common;

use common::*;
use regex::Regex;
use serde_json::Value;

/// Per report: each section as `kind period heading-prefix`, in order.
const EXPECTED: &[(&str, &[&str])] = &[
    (
        "national-2003",
        &[
            "summary 1998-2002 一、过去五年政府工作的回顾",
            "problems 1998-2002 我们也清醒地看到，目前我国经济和社会生活中还存在一些突出的困难",
            "plan 2003 二、对今年政府工作的建议",
        ],
    ),
    (
        "national-2004",
        &[
            "summary 2003 一、一年来工作回顾",
            "problems 2003 回顾过去一年，我们清醒地看到，在前进道路上还有许多困难",
            "plan 2004 二、2004年主要任务",
            "plan 2004 三、加强政府自身建设",
        ],
    ),
    (
        "national-2005",
        &[
            "summary 2004 一、过去一年工作回顾",
            "problems 2004 总结一年来的工作，我们清醒地看到，经济社会发展中还存在不少问题",
            "problems 2004 我们也清醒地看到，政府工作还存在不少缺点",
            "plan 2005 二、2005年工作总体部署",
            "plan 2005 三、继续保持经济平稳较快发展",
            "plan 2005 四、大力推进经济体制改革和对外开放",
            "plan 2005 五、积极发展社会事业和建设和谐社会",
            "plan 2005 六、加强行政能力建设和政风建设",
            "plan 2005 七、坚持和平发展道路",
        ],
    ),
    (
        "national-2006",
        &[
            "summary 2005 一、去年工作回顾",
            "plan 2006 二、今年主要任务",
            "plan 2006-2010 三、关于《国民经济和社会发展第十一个五年规划纲要",
        ],
    ),
    (
        "national-2007",
        &[
            "summary 2006 一、2006年工作回顾",
            "problems 2006 我们也清醒地看到，我国经济社会发展中仍然存在不少矛盾",
            "plan 2007 二、2007年工作总体部署",
            "plan 2007 三、促进经济又好又快发展",
            "plan 2007 四、推进社会主义和谐社会建设",
            "plan 2007 五、深化改革和扩大开放",
            "plan 2007 六、加强政府自身改革和建设",
        ],
    ),
    (
        "national-2008",
        &[
            "summary 2003-2007 一、 过去五年工作回顾",
            "plan 2008 二、2008年主要任务",
        ],
    ),
    (
        "national-2009",
        &[
            "summary 2008 一、2008年工作回顾",
            "problems 2008 在肯定成绩的同时，也要清醒地看到，我们正面临前所未有的困难",
            "plan 2009 二、2009年工作总体部署",
            "plan 2009 三、2009年主要任务",
        ],
    ),
    (
        "national-2010",
        &[
            "summary 2009 一、2009年工作回顾",
            "plan 2010 二、2010年主要任务",
        ],
    ),
    (
        "national-2011",
        &[
            "summary 2006-2010 一、“十一五”时期国民经济和社会发展的回顾",
            "plan 2011-2015 二、“十二五”时期的主要目标和任务",
            "plan 2011 三、2011年的工作",
        ],
    ),
    (
        "national-2012",
        &[
            "summary 2011 一、2011年工作回顾",
            "problems 2011 我们也清醒地看到，我国经济社会发展仍然面临不少困难",
            "plan 2012 二、2012年工作总体部署",
            "plan 2012 三、2012年主要任务",
        ],
    ),
    (
        "national-2013",
        &[
            "summary 2008-2012 一、过去五年工作回顾",
            "plan 2013 二、今年经济社会发展的总体要求、主要预期目标和宏观经济政策",
            "plan 2013 三、对今年政府工作的建议",
        ],
    ),
    (
        "national-2014",
        &[
            "summary 2013 一、2013年工作回顾",
            "plan 2014 二、2014年工作总体部署",
            "plan 2014 三、2014年重点工作",
        ],
    ),
    (
        "national-2015",
        &[
            "summary 2014 一、2014年工作回顾",
            "plan 2015 二、2015年工作总体部署",
            "plan 2015 三、把改革开放扎实推向纵深",
            "plan 2015 四、协调推动经济稳定增长和结构优化",
            "plan 2015 五、持续推进民生改善和社会建设",
            "plan 2015 六、切实加强政府自身建设",
        ],
    ),
    (
        "national-2018",
        &[
            "summary 2013-2017 一、过去五年工作回顾",
            "plan 2018 二、2018年经济社会发展总体要求和政策取向",
            "plan 2018 三、对2018年政府工作的建议",
        ],
    ),
    (
        "national-2019",
        &[
            "summary 2018 一、2018年工作回顾",
            "problems 2018 在充分肯定成绩的同时，要清醒看到我国发展面临的问题",
            "plan 2019 二、2019年经济社会发展总体要求和政策取向",
            "plan 2019 三、2019年政府工作任务",
        ],
    ),
    (
        "national-2020",
        &[
            "summary 2019 一、2019年和今年以来工作回顾",
            "problems 2019 在肯定成绩的同时，我们也清醒看到面临的困难",
            "plan 2020 二、今年发展主要目标和下一阶段工作总体部署",
            "plan 2020 三、加大宏观政策实施力度",
            "plan 2020 四、依靠改革激发市场主体活力",
            "plan 2020 五、实施扩大内需战略",
            "plan 2020 六、确保实现脱贫攻坚目标",
            "plan 2020 七、推进更高水平对外开放",
            "plan 2020 八、围绕保障和改善民生",
        ],
    ),
    (
        "national-2021",
        &[
            "summary 2020 一、2020年工作回顾",
            "problems 2020 在肯定成绩的同时，我们也清醒看到面临的困难",
            "plan 2021-2025 二、“十三五”时期发展成就和“十四五”时期主要目标任务",
            "plan 2021 三、2021年重点工作",
        ],
    ),
    (
        "national-2022",
        &[
            "summary 2021 一、2021年工作回顾",
            "problems 2021 在肯定成绩的同时，我们也清醒看到面临的问题",
            "plan 2022 二、2022年经济社会发展总体要求和政策取向",
            "plan 2022 三、2022年政府工作任务",
        ],
    ),
    (
        "shanghai-2020",
        &[
            "summary 2019 一、2019年工作回顾",
            "problems 2019 我们也清醒看到前进道路上的困难",
            "plan 2020 二、2020年主要任务",
            "plan 2020 三、推进政府治理体系和治理能力现代化",
        ],
    ),
    (
        "shanghai-2021",
        &[
            "summary 2020 一、2020年工作回顾",
            "problems 2020 我们也清醒地看到前进道路上的困难",
            "other 2021-2025 二、关于《上海市国民经济和社会发展第十四个五年规划",
            "plan 2021 三、2021年主要任务",
            "plan 2021 四、推进政府治理现代化",
        ],
    ),
    (
        "shanghai-2022",
        &[
            "summary 2021 一、2021年工作回顾",
            "problems 2021 我们也清醒地看到，经济社会发展仍然面临不少困难",
            "plan 2022 二、2022年主要任务",
            "plan 2022 三、全面提升政府治理现代化水平",
        ],
    ),
];

fn report_path(name: &str) -> String {
    format!("samples/reports/{name}.txt")
}

/// Every file of `samples/reports/` is in the table above, and every entry is a file.
#[test]
fn every_report_has_expectations() {
    let mut files: Vec<String> = std::fs::read_dir(root().join("samples/reports"))
        .expect("samples/reports exists")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.strip_suffix(".txt").map(str::to_string)
        })
        .collect();
    files.sort();
    let listed: Vec<String> = EXPECTED.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(files, listed);
}

/// Each report outlines as one document whose sections are the expected ones, in order,
/// with the expected kind and period.
#[test]
fn reports_outline_with_the_expected_sections() {
    let mut wrong = Vec::new();
    for (name, expected) in EXPECTED {
        let outline = outline_json(report_path(name));
        let docs = documents(&outline);
        if docs.len() != 1 {
            wrong.push(format!("{name}: {} documents, want 1", docs.len()));
            continue;
        }
        let got: Vec<String> = sections(&docs[0])
            .iter()
            .map(|s| {
                let period = s["period"].as_str().unwrap_or("?");
                format!("{} {period} {}", text(s, "kind"), text(s, "heading"))
            })
            .collect();
        let fits = got.len() == expected.len()
            && got
                .iter()
                .zip(expected.iter())
                .all(|(g, e)| g.starts_with(e));
        if !fits {
            wrong.push(format!("{name}:\n  got  {got:?}\n  want {expected:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// Every plan and review section that a consecutive-year pair compares has items to
/// compare: the review of year N and the plan of year N each hold at least one item.
#[test]
fn plan_and_review_sections_hold_items() {
    for (name, _) in EXPECTED {
        let outline = outline_json(report_path(name));
        for s in sections(&documents(&outline)[0]) {
            let kind = text(s, "kind");
            let first_of_kind = sections(&documents(&outline)[0])
                .iter()
                .find(|x| text(x, "kind") == kind)
                .is_some_and(|x| x["id"] == s["id"]);
            // Reports written as plain paragraphs (2015, 2020) have no numbered items in
            // some sections; each kind's first section must still have a lead or items.
            if first_of_kind && (kind == "summary" || kind == "plan") {
                let has_text = !items(s).is_empty() || !text(s, "lead").is_empty();
                assert!(has_text, "{name} {}: empty", text(s, "id"));
            }
        }
    }
}

/// No line of a report that is a top-level heading (一、… standing alone) is swallowed by an
/// item or a lead: each is the heading of a section.
#[test]
fn no_heading_text_ends_up_inside_an_item() {
    let heading = Regex::new(r"^\s*[一二三四五六七八九十]{1,2}、\S").unwrap();
    let mut wrong = Vec::new();
    for (name, _) in EXPECTED {
        let path = report_path(name);
        let raw = std::fs::read_to_string(root().join(&path)).unwrap();
        let outline = outline_json(&path);
        let doc = &documents(&outline)[0];
        let headings: Vec<&str> = sections(doc).iter().map(|s| text(s, "heading")).collect();
        let bodies: Vec<&str> = sections(doc)
            .iter()
            .flat_map(|s| {
                std::iter::once(text(s, "lead")).chain(items(s).iter().map(|i| text(i, "text")))
            })
            .collect();
        for line in raw.lines().map(str::trim) {
            let short = line.chars().count() <= 60 && !line.contains('。');
            if !(short && heading.is_match(line)) {
                continue;
            }
            if !headings.contains(&line) {
                wrong.push(format!("{name}: `{line}` is not a section heading"));
            }
            // Swallowed, a heading shows as its whole line inside a text, or as an item whose
            // text is the heading's words run into the next paragraph. The same words opening
            // a sentence of the body (加强政府自身改革和建设，必须…) are not the heading.
            let body = line.split_once('、').map_or(line, |(_, b)| b);
            let swallowed = |b: &&&str| {
                let glued = b.strip_prefix(body).is_some_and(|rest| {
                    rest.is_empty() || !rest.starts_with(['，', '。', '；', '、', ',', '：'])
                });
                b.contains(line) || glued
            };
            if let Some(b) = bodies.iter().find(swallowed) {
                let context: String = b.chars().take(30).collect();
                wrong.push(format!("{name}: heading `{line}` inside text `{context}…`"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// By default a report pair compares the year's plan with the next report's review, never
/// the five-year plan: national-2021's plan sections for 2021 against the 2021 review.
#[test]
fn track_takes_the_year_not_the_five_year_plan() {
    let out = plantrack([
        "track",
        "samples/reports/national-2021.txt",
        "samples/reports/national-2022.txt",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&stdout_ok(&out, "track")).unwrap();
    assert_eq!(json["plan"]["period"], "2021", "{}", json["plan"]);
    let plan_sections = json["plan"]["sections"].to_string();
    // D1.S2 is the review's closing problems passage, D1.S3 the five-year plan.
    assert!(plan_sections.contains("D1.S4"), "{plan_sections}");
    assert!(!plan_sections.contains("D1.S3"), "{plan_sections}");
}

/// A review of the past five years is the review of its last year when no one-year review
/// exists: the 2007 plan is compared with the 2008 report's 过去五年 review, with a note.
#[test]
fn a_five_year_review_serves_for_its_last_year() {
    let out = plantrack([
        "track",
        "samples/reports/national-2007.txt",
        "samples/reports/national-2008.txt",
        "--format",
        "json",
    ]);
    let json: Value = serde_json::from_str(&stdout_ok(&out, "track")).unwrap();
    assert_eq!(json["plan"]["period"], "2007", "{}", json["plan"]);
    let notes = json["notes"].to_string();
    assert!(notes.contains("2003-2007"), "{notes}");
}
