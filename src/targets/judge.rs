//! Judging: a target and its actual to met, missed, unmentioned or unknown (masked).
//!
//! [`judge`] compares by the target's comparator (about is met within ±5% or beyond in the
//! good direction, lower for the words of `LOWER_IS_BETTER`), gives actual / target × 100
//! rounded to 0.1, and a note that says the scope and any unit conversion. A masked target
//! is never judged as a number.

use super::vocab::LOWER_IS_BETTER;
use super::{Actual, Comparator, Judgement, Scope, Target, TargetStatus};

/// Met, missed, unmentioned or unknown (masked), with how far the actual went.
pub fn judge(target: &Target, actual: Option<&Actual>) -> Judgement {
    let goal = match (target.value, &target.masked) {
        (Some(v), None) => v,
        _ => return masked(target, actual),
    };
    let Some(actual) = actual else {
        return Judgement {
            status: TargetStatus::Unmentioned,
            percent_of_target: None,
            note: format!("no actual for {} in the summary", target.metric),
        };
    };
    let met = match target.comparator {
        Comparator::AtLeast => actual.value >= goal,
        Comparator::AtMost => actual.value <= goal,
        Comparator::About => {
            let within = (actual.value - goal).abs() <= 0.05 * goal.abs();
            let lower = LOWER_IS_BETTER.iter().any(|w| target.metric.contains(w));
            within || (lower && actual.value < goal) || (!lower && actual.value > goal)
        }
    };
    let percent = (goal != 0.0)
        .then(|| (actual.value / goal * 1000.0).round() / 10.0)
        .filter(|p| p.is_finite());
    let share = percent.map_or(String::new(), |p| format!(" ({p}% of target)"));
    Judgement {
        status: if met {
            TargetStatus::Met
        } else {
            TargetStatus::Missed
        },
        percent_of_target: percent,
        note: format!(
            "{}, target {}{share}",
            describe(actual),
            describe_target(target)
        ),
    }
}

fn masked(target: &Target, actual: Option<&Actual>) -> Judgement {
    let reported = actual.map_or("no actual in the summary".to_string(), describe);
    Judgement {
        status: TargetStatus::UnknownMasked,
        percent_of_target: None,
        note: format!("target {} is masked; {reported}", describe_target(target)),
    }
}

fn describe_target(target: &Target) -> String {
    let amount = match (&target.masked, target.value) {
        (Some(mask), _) => mask.clone(),
        (None, Some(v)) => number(v),
        (None, None) => "?".to_string(),
    };
    format!("{} {amount}{}", target.comparator.words(), target.unit)
}

/// "part-year (1-9月) actual 284.61亿元", "forecast 500亿元", "actual 2500万元 (= 0.25亿元)".
fn describe(actual: &Actual) -> String {
    let converted = format!("{}{}", number(actual.value), actual.unit);
    let amount = if converted == actual.raw {
        converted
    } else {
        format!("{} (= {converted})", actual.raw)
    };
    match &actual.scope {
        Scope::FullYear => format!("actual {amount}"),
        Scope::Forecast => format!("forecast {amount}"),
        Scope::PartYear(label) => format!("part-year ({label}) actual {amount}"),
    }
}

/// A value for a note: at most four decimals, no trailing zeros.
fn number(v: f64) -> String {
    let rounded = (v * 1e4).round() / 1e4;
    if rounded.is_finite() {
        format!("{rounded}")
    } else {
        format!("{v}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::targets::test_support::{actual, one, target};

    /// An actual at or above an at-least target is met, with its percentage.
    #[test]
    fn met_target() {
        let t = target("筹集保障房", 1800.0, "套", Comparator::AtLeast);
        let j = judge(&t, Some(&actual(1902.0, "套", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Met, Some(105.7))
        );
    }

    /// An actual below an at-least target is missed.
    #[test]
    fn missed_target() {
        let t = target("筹集保障房", 2000.0, "套", Comparator::AtLeast);
        let j = judge(&t, Some(&actual(1902.0, "套", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Missed, Some(95.1))
        );
        assert!(j.note.contains("actual 1902套"), "{}", j.note);
    }

    /// A target with no actual is unmentioned.
    #[test]
    fn unmentioned_target() {
        let t = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let j = judge(&t, None);
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Unmentioned, None)
        );
    }

    /// A part-year actual is judged, and the note says it is part-year with its label.
    #[test]
    fn part_year_actual_is_labelled() {
        let t = target("工业总产值", 700.0, "亿元", Comparator::AtLeast);
        let a = actual(284.61, "亿元", Scope::PartYear("1-9月".to_string()));
        let j = judge(&t, Some(&a));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::Missed, Some(40.7))
        );
        assert!(j.note.contains("part-year (1-9月) actual"), "{}", j.note);
        let j = judge(&t, Some(&actual(710.0, "亿元", Scope::Forecast)));
        assert!(j.note.starts_with("forecast"), "{}", j.note);
    }

    /// An at-most unemployment rate is met below the ceiling and missed above it.
    #[test]
    fn at_most_unemployment() {
        let t = target("城镇调查失业率", 5.5, "%", Comparator::AtMost);
        assert_eq!(
            judge(&t, Some(&actual(5.2, "%", Scope::FullYear))).status,
            TargetStatus::Met
        );
        assert_eq!(
            judge(&t, Some(&actual(5.8, "%", Scope::FullYear))).status,
            TargetStatus::Missed
        );
    }

    /// About is met within 5% of the target or beyond it in the good direction.
    #[test]
    fn about_within_tolerance() {
        let gdp = target("国内生产总值增长", 5.0, "%", Comparator::About);
        let status = |t: &Target, v: f64| judge(t, Some(&actual(v, "%", Scope::FullYear))).status;
        assert_eq!(status(&gdp, 4.8), TargetStatus::Met);
        assert_eq!(status(&gdp, 6.0), TargetStatus::Met);
        assert_eq!(status(&gdp, 4.5), TargetStatus::Missed);
        let jobless = target("城镇调查失业率", 5.5, "%", Comparator::About);
        assert_eq!(status(&jobless, 5.0), TargetStatus::Met);
        assert_eq!(status(&jobless, 5.9), TargetStatus::Missed);
    }

    /// A masked target is unknown (masked), never a number, even with an actual.
    #[test]
    fn masked_target_is_unknown() {
        let t = one("力争完成固定资产投资X亿元");
        let j = judge(&t, Some(&actual(65.0, "亿元", Scope::FullYear)));
        assert_eq!(
            (j.status, j.percent_of_target),
            (TargetStatus::UnknownMasked, None)
        );
        assert!(j.note.contains("actual 65亿元"), "{}", j.note);
    }
}
