//! `outline` on small hand-written documents that isolate one behaviour each.

use plantrack::{ingest, outline, rules::Rules};
use std::path::Path;

/// The (kind, period, heading, item count) of every section of every document.
fn sections(text: &str) -> Vec<Vec<(String, String, String, usize)>> {
    let rules = Rules::from_defaults().unwrap();
    let source = ingest::from_bytes(Path::new("test.txt"), text.as_bytes(), None).unwrap();
    outline::build(&source, &rules.sections)
        .documents
        .iter()
        .map(|d| {
            d.sections
                .iter()
                .map(|s| {
                    (
                        s.kind.as_str().to_string(),
                        s.period.map_or("?".to_string(), |p| p.to_string()),
                        s.heading.clone(),
                        s.items.len(),
                    )
                })
                .collect()
        })
        .collect()
}

/// Two documents with the same long plan heading both keep their plan.
#[test]
fn a_plan_heading_repeated_in_a_later_document_is_still_a_plan() {
    let text = "甲局2023年工作总结和2024年工作计划\n\
                一、2023年工作总结\n1.项目推进。完成目标任务。\n2.民生保障。发放补贴。\n\
                二、2024年主要目标、工作抓手、重点工程、重大项目初步安排\n1.继续推进项目。\n\
                乙局2023年工作总结和2024年工作计划\n\
                一、2023年工作总结\n1.项目建设。完成建设任务。\n2.社会治理。化解矛盾。\n\
                二、2024年主要目标、工作抓手、重点工程、重大项目初步安排\n1.加快建设园区。\n";
    let docs = sections(text);
    assert_eq!(docs.len(), 2, "{docs:#?}");
    let plan = "二、2024年主要目标、工作抓手、重点工程、重大项目初步安排".to_string();
    for doc in &docs {
        assert_eq!(
            doc,
            &[
                (
                    "summary".into(),
                    "2023".into(),
                    "一、2023年工作总结".into(),
                    2
                ),
                ("plan".into(), "2024".into(), plan.clone(), 1),
            ],
            "{docs:#?}"
        );
    }
}

/// A heading that runs past a comma is still followed by its （一） items.
#[test]
fn items_follow_a_heading_that_runs_past_a_comma() {
    let text = "区民政局2023年工作总结和2024年工作打算\n\
                一、2023年重点工作进展、主要措施及取得的成效,包括获得的国家级、省级荣誉等工作亮点\
                (一)完善基本民生保障体系,人民福祉明显增强一是坚持统筹优化,社会救助更加高效。\
                二是坚持有效衔接,社会救助更加托底。(二)推进养老服务提质增效。一是养老服务体系更加完善。\n\
                二、2024年工作打算\n(一)聚力推进全周期社会救助。\n";
    let rules = Rules::from_defaults().unwrap();
    let source = ingest::from_bytes(Path::new("test.txt"), text.as_bytes(), None).unwrap();
    let outline = outline::build(&source, &rules.sections);
    let summary = &outline.documents[0].sections[0];
    let paths: Vec<&str> = summary.items.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "（一）",
            "（一） › 一是",
            "（一） › 二是",
            "（二）",
            "（二） › 一是"
        ],
        "lead: {}",
        summary.lead
    );
}
