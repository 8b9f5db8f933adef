//! Progress bars for long work, drawn on stderr only when it is a terminal
//! (agents and CI get quiet output).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

fn enabled(wanted: bool) -> bool {
    wanted && std::io::stderr().is_terminal()
}

/// A byte-count bar (downloads); hidden unless `wanted` and stderr is a terminal.
pub fn bytes_bar(wanted: bool, label: &str) -> ProgressBar {
    if !enabled(wanted) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{msg:>24} {bar:30} {bytes}/{total_bytes} {bytes_per_sec}")
    {
        bar.set_style(style);
    }
    bar.set_message(label.to_string());
    bar
}

/// An item-count bar (records, packages).
pub fn count_bar(wanted: bool, label: &str) -> ProgressBar {
    if !enabled(wanted) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{msg:>24} {bar:30} {pos}/{len} {per_sec}") {
        bar.set_style(style);
    }
    bar.set_message(label.to_string());
    bar
}

/// A spinner for work of unknown size (several downloads in a row).
pub fn spinner(wanted: bool, label: &str) -> ProgressBar {
    if !enabled(wanted) {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    if let Ok(style) = ProgressStyle::with_template("{msg:>24} {spinner} {elapsed}") {
        bar.set_style(style);
    }
    bar.set_message(label.to_string());
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

pub fn advance(bar: &ProgressBar, done: u64, total: Option<u64>) {
    if let Some(t) = total
        && bar.length() != Some(t)
    {
        bar.set_length(t);
    }
    bar.set_position(done);
}

pub fn finish(bar: &ProgressBar) {
    bar.finish_and_clear();
}
