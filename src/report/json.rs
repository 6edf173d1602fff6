//! The accountability report as JSON: the [`TrackReport`] as it is, pretty-printed.

use crate::track::TrackReport;

/// Renders `report` as pretty JSON with a final newline.
pub fn render(report: &TrackReport) -> serde_json::Result<String> {
    Ok(serde_json::to_string_pretty(report)? + "\n")
}
