//! Leave one pair out: each gold file is scored with the task settings that do best on the
//! other gold files, so that no figure is measured on the labels its settings were tuned on.
//!
//! The settings are the three numbers that decide whether a review sentence reports on a
//! task: `[tasks] threshold` (the share of the task's weight it must hold), `[tasks]
//! min_mass` (the least weight it must hold) and `[tasks] power` (how sharply a word's
//! weight rises with its rarity). Every gold file is scored once per setting of a grid; for
//! each file in turn, the setting with the best balanced accuracy over all the *other*
//! files is chosen (ties go to the one nearest the rules' own, then to the first), and the
//! file's figures are those it gets under it. The total pools these held-out figures.

use super::{Case, Row, Scores};
use crate::rules::Rules;
use anyhow::Result;
use std::path::PathBuf;

/// The task thresholds tried by default: every 0.05 over the range where a sentence that
/// reports on a task and one that shares only boilerplate have been seen to part.
pub const GRID: [f64; 9] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5];

/// The mass floors tried: none, and one word of idf 6, 6.5 and 7 (to the power 3).
pub const MASSES: [f64; 4] = [0.0, 216.0, 275.0, 350.0];

/// The powers tried: how sharply a word's weight rises with its rarity.
pub const POWERS: [f64; 2] = [3.0, 4.0];

/// One set of settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    pub threshold: f64,
    pub min_mass: f64,
    pub power: f64,
}

/// Scores every gold file with the settings chosen on the others; returns each fold and
/// the pooled total.
pub fn run(
    files: &[PathBuf],
    encoding: Option<&str>,
    rules: &Rules,
    thresholds: &[f64],
) -> Result<(Vec<Row>, Scores)> {
    let cases = files
        .iter()
        .map(|f| Case::load(f, encoding, rules))
        .collect::<Result<Vec<Case>>>()?;
    let grid: Vec<Setting> = POWERS
        .iter()
        .flat_map(|&power| {
            thresholds.iter().flat_map(move |&threshold| {
                MASSES.iter().map(move |&min_mass| Setting {
                    threshold,
                    min_mass,
                    power,
                })
            })
        })
        .collect();
    let own = Setting {
        threshold: rules.tasks.threshold,
        min_mass: rules.tasks.min_mass,
        power: rules.tasks.power,
    };
    let table = score_grid(&cases, rules, &grid)?;
    let mut folds = Vec::new();
    let mut total = Scores::default();
    for (held, case) in cases.iter().enumerate() {
        let t = choose(&table, &grid, held, own);
        let scores = match t {
            Some(t) => table[t][held].clone(),
            None => case.score(rules)?,
        };
        total.merge(&scores);
        folds.push(Row {
            path: case.path.clone(),
            setting: Some(t.map_or(own, |t| grid[t])),
            scores,
        });
    }
    Ok((folds, total))
}

/// `table[t][f]`: file `f` scored under `grid[t]`, on two threads.
fn score_grid(cases: &[Case], rules: &Rules, grid: &[Setting]) -> Result<Vec<Vec<Scores>>> {
    let score_at = |s: &Setting| -> Result<Vec<Scores>> {
        let mut r = rules.clone();
        r.tasks.threshold = s.threshold;
        r.tasks.min_mass = s.min_mass;
        r.tasks.power = s.power;
        cases.iter().map(|c| c.score(&r)).collect()
    };
    let half = grid.len().div_ceil(2);
    let (first, second) = grid.split_at(half);
    std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(score_at).collect::<Vec<_>>());
        let mut rows: Vec<Result<Vec<Scores>>> = first.iter().map(score_at).collect();
        rows.extend(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
        rows.into_iter().collect()
    })
}

/// How far a setting is from the rules' own, for ties.
fn distance(a: Setting, b: Setting) -> f64 {
    (a.threshold - b.threshold).abs()
        + (a.min_mass - b.min_mass).abs() / 1000.0
        + (a.power - b.power).abs()
}

/// The grid index with the best balanced accuracy over every file but `held`; `None` when
/// there is no other file to choose on.
fn choose(table: &[Vec<Scores>], grid: &[Setting], held: usize, own: Setting) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (t, row) in table.iter().enumerate() {
        let mut train = Scores::default();
        for (_, s) in row.iter().enumerate().filter(|(f, _)| *f != held) {
            train.merge(s);
        }
        let Some(ba) = train.balanced_accuracy() else {
            continue;
        };
        let better = match best {
            None => true,
            Some((b, bba)) => {
                ba > bba + 1e-12
                    || ((ba - bba).abs() <= 1e-12
                        && distance(grid[t], own) < distance(grid[b], own))
            }
        };
        if better {
            best = Some((t, ba));
        }
    }
    best.map(|b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::Tally;

    fn scores(right_unmentioned: usize, right_mentioned: usize) -> Scores {
        Scores {
            unmentioned: Tally {
                right: right_unmentioned,
                total: 10,
            },
            mentioned: Tally {
                right: right_mentioned,
                total: 10,
            },
            ..Scores::default()
        }
    }

    fn at(threshold: f64) -> Setting {
        Setting {
            threshold,
            min_mass: 0.0,
            power: 3.0,
        }
    }

    /// The held-out file's own figures never choose its settings.
    #[test]
    fn the_held_out_file_does_not_vote() {
        // Two settings, three files. File 0 alone prefers setting 1; files 1 and 2
        // prefer setting 0.
        let table = vec![
            vec![scores(0, 0), scores(9, 9), scores(9, 9)],
            vec![scores(10, 10), scores(1, 1), scores(1, 1)],
        ];
        let grid = [at(0.05), at(0.10)];
        assert_eq!(choose(&table, &grid, 0, at(0.05)), Some(0));
        // Holding out file 1, file 0 (10+10) and file 2 (1+1) make setting 1 win: 11/20
        // against 9/20 for setting 0.
        assert_eq!(choose(&table, &grid, 1, at(0.05)), Some(1));
    }

    /// With one file there is nothing to choose on.
    #[test]
    fn one_file_has_no_fold() {
        let table = vec![vec![scores(5, 5)]];
        assert_eq!(choose(&table, &[at(0.05)], 0, at(0.05)), None);
    }
}
