//! A report page people can read and pass on: one self-contained HTML file (styles and a
//! few lines of script inline; no network, no external script, font or image), built with
//! the maud templating crate so that every piece of document text is escaped.
//!
//! The page: a header naming the documents and the period, a bar of counts by status, the
//! goals with each goal's tasks folded under it, every evidence quote with its item id, and
//! the targets table; for `history`, one row per thread with a year-by-year strip. Status
//! is always a word and a symbol as well as a colour (Okabe–Ito hues, which stay apart for
//! colour-blind readers, of different lightness, which stay apart in grey print). The
//! filter buttons need the script; with scripts off every row is shown.

use crate::batch::{PairResult, Skipped};
use crate::history::{History, Thread};
use crate::status::Status;
use crate::track::{CommitmentResult, Evidence, GoalResult, TrackReport};
use maud::{html, Markup, PreEscaped, DOCTYPE};

const STYLE: &str = r#"
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;line-height:1.5;color:#111}
h1{font-size:1.4rem;margin:0 0 .5rem}
.meta{color:#333;margin:.1rem 0}
.bar{display:flex;height:2rem;border:1px solid #444;margin:1rem 0 .3rem}
.bar span{display:flex;align-items:center;justify-content:center;overflow:hidden;white-space:nowrap;font-size:.85rem}
.filters button{margin:.2rem .3rem .6rem 0;padding:.2rem .6rem;border:1px solid #444;background:#fff;cursor:pointer}
.filters button[aria-pressed=true]{background:#222;color:#fff}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}
th,td{border:1px solid #bbb;padding:.35rem .5rem;vertical-align:top;text-align:left}
th{background:#eee}
.st{white-space:nowrap;font-weight:600;padding:0 .3rem;border-radius:3px}
.met{background:#009e73;color:#fff}
.partial{background:#f0e442;color:#000}
.missed{background:#d55e00;color:#fff}
.unmentioned{background:#fff;color:#000;border:1px dashed #000}
.none{background:#ddd;color:#000}
details>summary{cursor:pointer}
.task{margin:.3rem 0 .3rem 1rem}
.quote{color:#222}
.id{font-family:monospace;color:#555}
.reason{color:#555;font-size:.9rem}
.strip .st{display:inline-block;margin:0 .15rem .15rem 0}
.meta{overflow-wrap:anywhere}
@media (max-width:40rem){table,tbody,tr,td{display:block;width:auto}thead{display:none}tr{border:1px solid #888;margin:0 0 .6rem}td{border:none;border-bottom:1px solid #ddd}}
@media print{.filters{display:none}details{display:block}}
"#;

/// Shows only the rows of the chosen status (within the button's own section, on a page of
/// several reports); every row again on a second press.
const SCRIPT: &str = r#"
document.querySelectorAll('.filters button').forEach(function(b){
  b.addEventListener('click',function(){
    var scope=b.closest('section')||document;
    var on=b.getAttribute('aria-pressed')!=='true';
    scope.querySelectorAll('.filters button').forEach(function(x){x.setAttribute('aria-pressed','false');});
    b.setAttribute('aria-pressed',on?'true':'false');
    scope.querySelectorAll('tr[data-status]').forEach(function(r){
      r.hidden=on&&r.getAttribute('data-status')!==b.getAttribute('data-filter');
    });
  });
});
"#;

/// The symbol shown with each status, so that it reads without colour.
fn symbol(status: Option<Status>) -> &'static str {
    match status {
        Some(Status::Met) => "✓",
        Some(Status::Partial) => "◐",
        Some(Status::Missed) => "✗",
        Some(Status::Unmentioned) => "○",
        None => "–",
    }
}

fn class(status: Option<Status>) -> &'static str {
    status.map_or("none", Status::as_str)
}

fn badge(status: Option<Status>) -> Markup {
    html! {
        span class={ "st " (class(status)) } {
            (symbol(status)) " " (status.map_or("not reviewed", Status::as_str))
        }
    }
}

fn page(title: &str, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="zh" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (body)
                script { (PreEscaped(SCRIPT)) }
            }
        }
    }
    .into_string()
}

/// The bar of counts by status and the filter buttons under it.
fn bar(counts: &[(Option<Status>, String, usize)]) -> Markup {
    let total: usize = counts.iter().map(|c| c.2).sum::<usize>().max(1);
    html! {
        div class="bar" role="img" aria-label="counts by status" {
            @for (status, label, n) in counts.iter().filter(|c| c.2 > 0) {
                span class=(class(*status)) style={ "width:" (n * 100 / total) "%" } {
                    (symbol(*status)) " " (label) " " (n)
                }
            }
        }
        div class="filters" {
            @for (status, label, n) in counts {
                button type="button" data-filter=(class(*status)) aria-pressed="false" {
                    (symbol(*status)) " " (label) " (" (n) ")"
                }
            }
        }
    }
}

fn evidence(e: &[Evidence]) -> Markup {
    html! {
        @for ev in e {
            div class="quote" {
                span class="id" { (ev.id) " (" (format!("{:.2}", ev.score)) ")" } " " (ev.quote)
            }
        }
    }
}

fn task_row(c: &CommitmentResult) -> Markup {
    html! {
        div class="task" data-task=(c.name) {
            (badge(Some(c.status))) " " (c.name)
            (evidence(&c.evidence))
            div class="reason" { (c.reason) }
        }
    }
}

fn goal_row(g: &GoalResult) -> Markup {
    html! {
        tr data-status=(g.status.as_str()) data-goal=(g.id) {
            td class="id" { (g.id) }
            td {
                details {
                    summary { (g.title) " " span class="reason" { "(" (g.commitments.len()) " tasks and names)" } }
                    p { (g.text) }
                    @for c in &g.commitments { (task_row(c)) }
                }
            }
            td { (badge(Some(g.status))) }
            td { (evidence(&g.evidence)) div class="reason" { (g.reason) } }
        }
    }
}

/// The accountability page of one track run.
pub fn track(report: &TrackReport) -> String {
    let period = report
        .plan
        .period
        .map_or("?".to_string(), |p| p.to_string());
    let body = html! {
        h1 { "plantrack: plan " (period) " against its review" }
        (track_body(report))
    };
    page(&format!("plantrack {period}"), body)
}

/// The page of a batch run: the pairs, then each pair's report folded.
pub fn batch(results: &[PairResult], skipped: &[Skipped], unpaired: &[Skipped]) -> String {
    let body = html! {
        h1 { "plantrack batch: " (results.len()) " pairs" }
        table {
            thead { tr { th { "organization" } th { "period" } th { "plan file" } th { "review file" } th { "goals by status" } } }
            tbody {
                @for r in results {
                    tr {
                        td { (r.organization.as_deref().unwrap_or("(unnamed)")) }
                        td { (r.period.map_or("?".to_string(), |p| p.to_string())) }
                        td { (r.plan_file) }
                        td { (r.summary_file) }
                        td {
                            @match &r.report {
                                Ok(report) => {
                                    @for s in Status::ALL {
                                        (badge(Some(s))) " " (report.counts.get(s)) " "
                                    }
                                }
                                Err(e) => { "not tracked: " (e) }
                            }
                        }
                    }
                }
            }
        }
        @for s in skipped { p class="meta" { "passed over: " (s.file) ": " (s.reason) } }
        @for s in unpaired { p class="meta" { "paired with nothing: " (s.file) ": " (s.reason) } }
        @for r in results {
            @if let Ok(report) = &r.report {
                section {
                    details {
                        summary { (r.plan_file) " → " (r.summary_file) }
                        (track_body(report))
                    }
                }
            }
        }
    };
    page("plantrack batch", body)
}

/// A track report's header, status bar, goals and targets.
fn track_body(report: &TrackReport) -> Markup {
    let c = &report.counts;
    let counts = [
        (Some(Status::Met), "met".to_string(), c.met),
        (Some(Status::Partial), "partial".to_string(), c.partial),
        (Some(Status::Missed), "missed".to_string(), c.missed),
        (
            Some(Status::Unmentioned),
            "unmentioned".to_string(),
            c.unmentioned,
        ),
    ];
    let side = |s: &crate::track::Side| {
        format!(
            "{} — {} {} [{}]",
            s.file,
            s.organization.as_deref().unwrap_or("(no organization)"),
            s.sections.join("+"),
            s.period.map_or("?".into(), |p| p.to_string())
        )
    };
    let targets = super::targets::rows(report);
    html! {
        p class="meta" { "plan: " (side(&report.plan)) }
        p class="meta" { "review: " (side(&report.summary)) }
        @for note in &report.notes { p class="meta" { "note: " (note) } }
        (bar(&counts))
        table {
            thead { tr { th { "id" } th { "goal (open for its tasks)" } th { "status" } th { "evidence" } } }
            tbody { @for g in &report.goals { (goal_row(g)) } }
        }
        @if !report.ignored.is_empty() {
            h2 { "Left out by rules" }
            ul { @for i in &report.ignored { li { span class="id" { (i.id) } " " (i.text) " — " (i.rule) } } }
        }
        h2 { "Targets" }
        @if targets.is_empty() {
            p { "The plan sets no numeric target." }
        } @else {
            table {
                thead { tr { @for h in super::targets::HEADER { th { (h) } } } }
                tbody { @for row in &targets { tr { @for cell in row { td { (cell) } } } } }
            }
        }
        p class="meta" { (super::counts_line(report)) }
    }
}

/// The history page: one row per thread, with a year-by-year strip of statuses.
pub fn history(history: &History, shown: &[&Thread]) -> String {
    let counts = crate::history::Label::counts(shown);
    let body = html! {
        h1 { "plantrack history: " (history.organization.as_deref().unwrap_or("(body not named)")) }
        @for line in super::history::header(history).lines() { p class="meta" { (line) } }
        div class="filters" {
            @for (label, n) in &counts {
                button type="button" data-filter=(label.as_str()) aria-pressed="false" { (label.as_str()) " (" (n) ")" }
            }
        }
        p class="meta" { "years: ✓ met, ◐ partial, ✗ missed, ○ never mentioned by that year's review, – no review in the files." }
        table {
            thead { tr { th { "thread" } th { "label" } th { "promise and its years" } } }
            tbody {
                @for t in shown {
                    tr data-thread=(t.id) data-status=(t.label.as_str()) {
                        td class="id" { (t.id) }
                        td { (t.label.as_str()) }
                        td {
                            div { (t.years[0].text) }
                            div class="strip" {
                                @for p in &t.years {
                                    span class={ "st " (class(p.status)) } title={ (p.status.map_or("not reviewed", Status::as_str)) ": " (p.text) } {
                                        (p.period.to_string()) " " (symbol(p.status))
                                    }
                                }
                            }
                            details {
                                summary { "every year's promise and evidence" }
                                @for p in &t.years {
                                    div class="task" {
                                        (p.period.to_string()) " " (badge(p.status)) " " (p.text)
                                        @if let Some(q) = &p.quote {
                                            div class="quote" { span class="id" { (p.evidence.as_deref().unwrap_or("")) } " " (q) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    page("plantrack history", body)
}
