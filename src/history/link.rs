//! Links: which task of the next plan repeats a task of this one, and the threads the links
//! make.
//!
//! Two promises of plans of one run are one promise repeated when each covers at least
//! `[tasks] threshold` of the other's weight (the next plan), or `resume_threshold` (a later
//! plan, where the ones between leave the promise out), scored by the task matcher of
//! [`crate::tasks::index`] (the same rarity weights that decide whether a review sentence
//! reports on a task). Each promise links to at most one of the next plan, the strongest
//! links first, so that a thread never forks.

use super::{Label, Promise, Series, Thread};
use crate::outline::SectionKind;
use crate::rules::Rules;
use crate::status::Status;
use crate::tasks::index::{Index, Weighting};
use crate::tasks::vocab::Vocabulary;

/// How many plans ahead a promise's repetition is looked for, within a run: the next plan,
/// or up to three plans skipped. Set by reading: the national reports drop a reform for a
/// year or three and take it up again in the same words (存款保险, 利率市场化, 户籍制度改革).
const MAX_AHEAD: usize = 4;

/// The threads of a series, given each plan's promises (in the order of `series.plans`).
/// Longest threads first, then by first period and place in the plan.
pub(super) fn threads(series: &Series, years: Vec<Vec<Promise>>, rules: &Rules) -> Vec<Thread> {
    let vocab = Vocabulary::builtin(&rules.tasks.generic);
    // next[y][i]: the plan, promise and score that repeat promise i of plan y.
    let mut next: Vec<Vec<Option<(usize, usize, f64)>>> =
        years.iter().map(|p| vec![None; p.len()]).collect();
    let mut has_previous: Vec<Vec<bool>> = years.iter().map(|p| vec![false; p.len()]).collect();
    // The next plan first; then, for a promise the next plan leaves out, the plans after it
    // within the run, nearest first (a promise made in 2008, skipped in 2009 and made again
    // in 2010 is one thread).
    for ahead in 1..=MAX_AHEAD {
        for y in 0..years.len() {
            let z = y + ahead;
            if z >= years.len() || !(y..z).all(|k| series.follows(k)) {
                continue;
            }
            let open: Vec<usize> = (0..years[y].len())
                .filter(|&i| next[y][i].is_none())
                .collect();
            let free: Vec<usize> = (0..years[z].len())
                .filter(|&j| !has_previous[z][j])
                .collect();
            let this: Vec<&Promise> = open.iter().map(|&i| &years[y][i]).collect();
            let that: Vec<&Promise> = free.iter().map(|&j| &years[z][j]).collect();
            // A promise left out of a plan and made again later needs the closer match.
            let threshold = if ahead == 1 {
                rules.tasks.threshold
            } else {
                rules.tasks.resume_threshold
            };
            for (k, link) in links(&this, &that, rules, &vocab, threshold)
                .into_iter()
                .enumerate()
            {
                if let Some((j, score)) = link {
                    next[y][open[k]] = Some((z, free[j], score));
                    has_previous[z][free[j]] = true;
                }
            }
        }
    }
    let mut out: Vec<(usize, usize, Thread)> = Vec::new();
    for (y, promises) in years.iter().enumerate() {
        for i in 0..promises.len() {
            if has_previous[y][i] {
                continue;
            }
            let mut chain = vec![promises[i].clone()];
            let (mut yy, mut ii) = (y, i);
            while let Some((z, j, score)) = next[yy][ii] {
                let mut p = years[z][j].clone();
                p.link_score = Some(crate::track::round(score));
                chain.push(p);
                yy = z;
                ii = j;
            }
            let statuses: Vec<Option<Status>> = chain.iter().map(|p| p.status).collect();
            let first_met = chain
                .iter()
                .find(|p| p.status == Some(Status::Met))
                .map(|p| p.period);
            let thread = Thread {
                id: String::new(),
                label: Label::of(&statuses, series.ends_run(yy)),
                first_met,
                years: chain,
            };
            out.push((y, i, thread));
        }
    }
    out.sort_by(|a, b| {
        b.2.years
            .len()
            .cmp(&a.2.years.len())
            .then(a.0.cmp(&b.0))
            .then(a.1.cmp(&b.1))
    });
    out.into_iter()
        .enumerate()
        .map(|(n, (_, _, mut t))| {
            t.id = format!("T{}", n + 1);
            t
        })
        .collect()
}

/// For each promise of `this` plan, the promise of the `next` plan that repeats it.
fn links(
    this: &[&Promise],
    next: &[&Promise],
    rules: &Rules,
    vocab: &Vocabulary,
    threshold: f64,
) -> Vec<Option<(usize, f64)>> {
    let t = &rules.tasks;
    // Two plans that list the same members make the same promise, so a list's members keep
    // their full weight here (damping them, as a review is judged, took the gold threads
    // right from 18 to 16 of 55).
    let weighting = Weighting {
        list_exponent: 0.0,
        ..t.into()
    };
    let index = |of: &[&Promise], other: &[&Promise]| {
        let texts = of
            .iter()
            .enumerate()
            .map(|(i, p)| (p.text.clone(), i, SectionKind::Plan))
            .collect();
        Index::new(
            texts,
            other.iter().map(|p| p.text.as_str()),
            vocab.clone(),
            weighting,
            rules.normalizer.clone(),
        )
    };
    let (forward, backward) = (index(next, this), index(this, next));
    let coverage = |index: &Index, text: &str| -> Vec<(usize, f64)> {
        index
            .hits(text, t.candidate_weight, t.min_mass)
            .into_iter()
            .filter(|h| h.coverage >= threshold)
            .map(|h| (index.sentences[h.sentence].unit, h.coverage))
            .collect()
    };
    // What each promise of the next plan covers of this one's, once per promise.
    let backs: Vec<Vec<(usize, f64)>> = next.iter().map(|p| coverage(&backward, &p.text)).collect();
    let mut edges: Vec<(f64, usize, usize)> = Vec::new();
    for (i, p) in this.iter().enumerate() {
        for (j, there) in coverage(&forward, &p.text) {
            let back = backs[j].iter().find(|(k, _)| *k == i).map(|(_, c)| *c);
            if let Some(back) = back {
                edges.push((there.min(back), i, j));
            }
        }
    }
    edges.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut out = vec![None; this.len()];
    let mut taken = vec![false; next.len()];
    for (score, i, j) in edges {
        if out[i].is_none() && !taken[j] {
            out[i] = Some((j, score));
            taken[j] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::series::SeriesPlan;
    use crate::outline::period::Period;

    fn promises(period: i32, texts: &[&str]) -> Vec<Promise> {
        texts
            .iter()
            .map(|t| Promise {
                period: Period::Year(period),
                goal: "D1.S2.I1".into(),
                text: t.to_string(),
                status: None,
                quote: None,
                evidence: None,
                link_score: None,
            })
            .collect()
    }

    /// A promise the next plan leaves out links to a later plan's only when that one makes
    /// it again in nearly its own words: a later promise that shares a word with it
    /// (机构改革) but not its object (街道, 金融) is another promise.
    #[test]
    fn a_promise_taken_up_after_a_gap_needs_a_close_match() {
        let rules = Rules::from_defaults().unwrap();
        let plan = |y: i32| SeriesPlan {
            period: Period::Year(y),
            plan: 0,
            review: None,
        };
        let series = Series {
            organization: None,
            plans: vec![plan(2004), plan(2005), plan(2006)],
            runs: Vec::new(),
            left_out: Vec::new(),
        };
        let years = vec![
            promises(
                2004,
                &["稳步推进滨江新区土地储备制度改革", "加快推进街道机构改革"],
            ),
            promises(2005, &["新增城镇就业900万人"]),
            promises(
                2006,
                &["继续推进滨江新区土地储备制度改革", "深化政策性金融机构改革"],
            ),
        ];
        let got = threads(&series, years, &rules);
        let years_of = |text: &str| -> Vec<String> {
            let t = got
                .iter()
                .find(|t| t.years.iter().any(|p| p.text == text))
                .unwrap();
            t.years.iter().map(|p| p.period.to_string()).collect()
        };
        assert_eq!(
            years_of("稳步推进滨江新区土地储备制度改革"),
            ["2004", "2006"]
        );
        assert_eq!(years_of("加快推进街道机构改革"), ["2004"]);
    }

    /// A promise made again in other words of the same object links to it; a promise that
    /// shares only boilerplate (推进, 加快, 建设) links to nothing.
    #[test]
    fn a_repeated_promise_links_and_boilerplate_does_not() {
        let rules = Rules::from_defaults().unwrap();
        let vocab = Vocabulary::builtin(&rules.tasks.generic);
        let this = promises(
            2004,
            &[
                "新增城镇就业900万人",
                "加快推进农村税费改革试点",
                "推进某某湿地公园建设",
            ],
        );
        let next = promises(
            2005,
            &[
                "继续推进农村税费改革试点",
                "新增城镇就业900万人以上",
                "加快推进现代物流建设",
            ],
        );
        let (this, next): (Vec<&Promise>, Vec<&Promise>) =
            (this.iter().collect(), next.iter().collect());
        let l = links(&this, &next, &rules, &vocab, rules.tasks.threshold);
        assert_eq!(l[0].map(|(j, _)| j), Some(1), "{l:?}");
        assert_eq!(l[1].map(|(j, _)| j), Some(0), "{l:?}");
        assert_eq!(l[2], None, "{l:?}");
    }
}
