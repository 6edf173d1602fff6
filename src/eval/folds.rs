//! Leave one pair out: each gold file is scored with the task threshold (`[tasks]
//! threshold`: the coverage at which a review sentence reports on a task) that does best on
//! the other gold files, so that no figure is measured on the labels its threshold was tuned
//! on.
//!
//! Every gold file is scored once per threshold of a grid; for each file in turn, the
//! threshold with the best balanced accuracy over all the *other* files is chosen (ties go
//! to the threshold nearest the rules' own, then to the lower one), and the file's figures
//! are those it gets under that threshold. The total pools these held-out figures.

use super::{Case, Scores};
use crate::cli::InputArgs;
use crate::rules::Rules;
use anyhow::Result;
use std::path::PathBuf;

/// The task thresholds tried by default: every 0.025 over the range where a sentence that
/// reports on a task and one that shares only boilerplate have been seen to part.
pub const GRID: [f64; 17] = [
    0.1, 0.125, 0.15, 0.175, 0.2, 0.225, 0.25, 0.275, 0.3, 0.325, 0.35, 0.375, 0.4, 0.425, 0.45,
    0.5, 0.6,
];

/// One gold file scored under the threshold chosen without it.
#[derive(Debug, Clone)]
pub struct Fold {
    pub path: PathBuf,
    /// The task threshold chosen on the other files.
    pub threshold: f64,
    /// The other files' balanced accuracy under that threshold (`None` when there are no
    /// other files, and the rules' own threshold is used).
    pub train_balanced_accuracy: Option<f64>,
    pub scores: Scores,
}

/// Scores every gold file with the threshold chosen on the others; returns each fold and
/// the pooled total.
pub fn run(
    files: &[PathBuf],
    input: &InputArgs,
    rules: &Rules,
    grid: &[f64],
) -> Result<(Vec<Fold>, Scores)> {
    let cases = files
        .iter()
        .map(|f| Case::load(f, input, rules))
        .collect::<Result<Vec<Case>>>()?;
    let table = score_grid(&cases, rules, grid)?;
    let mut folds = Vec::new();
    let mut total = Scores::default();
    for (held, case) in cases.iter().enumerate() {
        let (t, train) = choose(&table, grid, held, rules.tasks.threshold);
        let scores = match t {
            Some(t) => table[t][held].clone(),
            None => case.score(rules)?,
        };
        total.merge(&scores);
        folds.push(Fold {
            path: case.path.clone(),
            threshold: t.map_or(rules.tasks.threshold, |t| grid[t]),
            train_balanced_accuracy: train,
            scores,
        });
    }
    Ok((folds, total))
}

/// `table[t][f]`: file `f` scored under threshold `grid[t]`, on two threads.
fn score_grid(cases: &[Case], rules: &Rules, grid: &[f64]) -> Result<Vec<Vec<Scores>>> {
    let score_at = |t: f64| -> Result<Vec<Scores>> {
        let mut r = rules.clone();
        r.tasks.threshold = t;
        cases.iter().map(|c| c.score(&r)).collect()
    };
    let half = grid.len().div_ceil(2);
    let (first, second) = grid.split_at(half);
    std::thread::scope(|s| {
        let other = s.spawn(|| second.iter().map(|&t| score_at(t)).collect::<Vec<_>>());
        let mut rows: Vec<Result<Vec<Scores>>> = first.iter().map(|&t| score_at(t)).collect();
        rows.extend(
            other
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
        );
        rows.into_iter().collect()
    })
}

/// The grid index with the best balanced accuracy over every file but `held`, with that
/// accuracy; `None` when there is no other file to choose on.
fn choose(
    table: &[Vec<Scores>],
    grid: &[f64],
    held: usize,
    default: f64,
) -> (Option<usize>, Option<f64>) {
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
                        && (grid[t] - default).abs() < (grid[b] - default).abs())
            }
        };
        if better {
            best = Some((t, ba));
        }
    }
    (best.map(|b| b.0), best.map(|b| b.1))
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

    /// The held-out file's own figures never choose its threshold.
    #[test]
    fn the_held_out_file_does_not_vote() {
        // Two thresholds, three files. File 0 alone prefers threshold 1; files 1 and 2
        // prefer threshold 0.
        let table = vec![
            vec![scores(0, 0), scores(9, 9), scores(9, 9)],
            vec![scores(10, 10), scores(1, 1), scores(1, 1)],
        ];
        let grid = [0.05, 0.10];
        assert_eq!(choose(&table, &grid, 0, 0.05).0, Some(0));
        // Holding out file 1, file 0 (10+10) and file 2 (1+1) make threshold 1 win: 11/20
        // against 9/20 for threshold 0.
        assert_eq!(choose(&table, &grid, 1, 0.05).0, Some(1));
    }

    /// With one file there is nothing to choose on.
    #[test]
    fn one_file_has_no_fold() {
        let table = vec![vec![scores(5, 5)]];
        assert_eq!(choose(&table, &[0.05], 0, 0.05), (None, None));
    }
}
