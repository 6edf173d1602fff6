//! A progress bar on stderr, shown only when stderr is a terminal (never in pipes or CI).

use std::io::{IsTerminal, Write};

/// A one-line progress bar: `reading [#######.......]  7/15`.
pub struct Bar {
    label: &'static str,
    shown: bool,
}

impl Bar {
    pub fn new(label: &'static str) -> Bar {
        Bar {
            label,
            shown: std::io::stderr().is_terminal(),
        }
    }

    /// Draws the bar at `done` of `total`.
    pub fn show(&self, done: usize, total: usize) {
        if !self.shown || total == 0 {
            return;
        }
        const WIDTH: usize = 30;
        let filled = done * WIDTH / total;
        let line = format!(
            "\r{} [{}{}] {done}/{total}",
            self.label,
            "#".repeat(filled),
            ".".repeat(WIDTH - filled)
        );
        let mut err = std::io::stderr().lock();
        let _ = err.write_all(line.as_bytes());
        let _ = err.flush();
    }

    /// Clears the bar's line.
    pub fn finish(&self) {
        if self.shown {
            let _ = std::io::stderr().lock().write_all(b"\r\x1b[2K");
        }
    }
}
