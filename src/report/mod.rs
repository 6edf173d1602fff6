//! Report: renderers that turn the pipeline's results into text. Nothing else prints.

pub mod outline;

use std::io::IsTerminal;

/// Width for tables: the terminal's when stdout is one, else a fixed 120 columns so that
/// output to a file or pipe is the same on every machine.
pub fn width() -> u16 {
    if std::io::stdout().is_terminal() {
        if let Ok(cols) = std::env::var("COLUMNS") {
            if let Ok(n) = cols.parse::<u16>() {
                return n.max(60);
            }
        }
        return 120;
    }
    120
}
