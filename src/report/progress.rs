//! A progress bar on stderr, by indicatif: drawn only when stderr is a terminal (never in
//! pipes or CI), cleared when done.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A one-line progress bar: `reading [#######.......]  7/15`.
pub struct Bar {
    bar: ProgressBar,
}

impl Bar {
    pub fn new(label: &'static str) -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len}") {
            bar.set_style(style.progress_chars("#>."));
        }
        bar.set_message(label);
        Bar { bar }
    }

    /// Draws the bar at `done` of `total`.
    pub fn show(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    /// Clears the bar's line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
