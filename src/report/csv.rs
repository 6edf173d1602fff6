//! The accountability table as CSV for Excel: UTF-8 with a byte-order mark (Excel needs it to
//! read Chinese), CRLF line ends, RFC 4180 quoting (by the `csv` crate), one row per goal or
//! commitment.

use crate::track::TrackReport;

const HEADER: [&str; 11] = [
    "level",
    "goal_id",
    "path",
    "goal",
    "commitment",
    "status",
    "score",
    "reason",
    "evidence_id",
    "evidence_quote",
    "words",
];

/// Renders `report` as CSV.
pub fn render(report: &TrackReport) -> String {
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer("\u{feff}".as_bytes().to_vec());
    push_row(&mut out, HEADER.iter().map(|s| s.to_string()));
    for goal in &report.goals {
        let first = goal.evidence.first();
        push_row(
            &mut out,
            [
                "goal".to_string(),
                goal.id.clone(),
                goal.path.clone(),
                goal.text.clone(),
                String::new(),
                goal.status.as_str().to_string(),
                format!("{:.3}", goal.score),
                goal.reason.clone(),
                first.map_or(String::new(), |e| e.id.clone()),
                first.map_or(String::new(), |e| e.quote.clone()),
                goal.words.join(" "),
            ],
        );
        for c in &goal.commitments {
            let first = c.evidence.first();
            push_row(
                &mut out,
                [
                    "commitment".to_string(),
                    goal.id.clone(),
                    goal.path.clone(),
                    String::new(),
                    c.name.clone(),
                    c.status.as_str().to_string(),
                    first.map_or(String::new(), |e| format!("{:.3}", e.score)),
                    c.reason.clone(),
                    first.map_or(String::new(), |e| e.id.clone()),
                    first.map_or(String::new(), |e| e.quote.clone()),
                    c.words.join(" "),
                ],
            );
        }
    }
    for t in report.all_targets() {
        let mut row = vec![String::new(); HEADER.len()];
        row[0] = "target".into();
        row[1] = t.goal.clone().unwrap_or_default();
        row[3] = t.target_quote.clone();
        row[4] = format!("{} {}", t.metric, super::targets::target_cell(t));
        row[5] = t.status.as_str().into();
        row[7] = t.note.clone();
        row[9] = t.actual_quote.clone().unwrap_or_default();
        push_row(&mut out, row);
    }
    for i in &report.ignored {
        let mut row = vec![String::new(); HEADER.len()];
        row[0] = "ignored".into();
        row[1] = i.id.clone();
        row[2] = i.path.clone();
        row[3] = i.text.clone();
        row[7] = i.rule.clone();
        push_row(&mut out, row);
    }
    // Writing to memory cannot fail, and every field is a String: the bytes are UTF-8.
    let bytes = out.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

pub(super) fn push_row(out: &mut ::csv::Writer<Vec<u8>>, fields: impl IntoIterator<Item = String>) {
    // Writing to a Vec cannot fail.
    let _ = out.write_record(fields.into_iter().collect::<Vec<_>>());
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Fields with commas, quotes and line breaks are quoted the RFC 4180 way, rows end
    /// in CRLF.
    #[test]
    fn quotes_special_fields() {
        let mut out = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(Vec::new());
        push_row(
            &mut out,
            ["甲,乙", "称\"硅谷\"", "甲乙", "一\n二"].map(String::from),
        );
        let text = String::from_utf8(out.into_inner().unwrap()).unwrap();
        assert_eq!(text, "\"甲,乙\",\"称\"\"硅谷\"\"\",甲乙,\"一\n二\"\r\n");
    }
}
