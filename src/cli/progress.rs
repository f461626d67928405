//! The progress bar of a long `eval` on a terminal (indicatif, on stderr). It appears
//! only once a run has taken more than a second, only when stderr is a terminal and the
//! run is not quiet (`-q`), and clears itself before the summary is printed; a pipe, a
//! file, cron and `watch` see nothing. stdout is never touched.

use crate::engine::{Phase, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a run goes before the bar appears: a short run stays silent.
const SHOW_AFTER: Duration = Duration::from_secs(1);

/// Overrides [`SHOW_AFTER`] in milliseconds, so a test can see the bar of a short run.
const SHOW_AFTER_VAR: &str = "LEADPLAY_PROGRESS_AFTER_MS";

/// A progress bar on stderr, hidden until [`SHOW_AFTER`] has passed.
pub struct TerminalBar {
    bar: ProgressBar,
    started: Instant,
    show_after: Duration,
    /// Whether the bar draws yet (checked on each update, which come by batch).
    shown: Mutex<bool>,
}

/// The bar for a run, or `None` when it must not draw: stderr is not a terminal, or
/// the run is quiet.
pub fn for_run(quiet: bool) -> Option<TerminalBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    Some(TerminalBar {
        bar,
        started: Instant::now(),
        show_after: std::env::var(SHOW_AFTER_VAR)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(SHOW_AFTER, Duration::from_millis),
        shown: Mutex::new(false),
    })
}

impl TerminalBar {
    fn show_when_due(&self) {
        let mut shown = self.shown.lock().unwrap_or_else(|e| e.into_inner());
        if !*shown && self.started.elapsed() >= self.show_after {
            *shown = true;
            self.bar
                .set_draw_target(ProgressDrawTarget::stderr_with_hz(8));
            self.bar.enable_steady_tick(Duration::from_millis(125));
        }
    }
}

impl Progress for TerminalBar {
    fn phase(&self, phase: Phase, total: Option<u64>) {
        let (message, unit) = match phase {
            Phase::Reading => ("reading leads", "leads"),
            Phase::Writing => ("writing drafts", "drafts"),
            Phase::Syncing => ("syncing drafts to disk", ""),
        };
        let template = match total {
            Some(_) => {
                format!("{{msg}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit} ({{elapsed}})")
            }
            None if unit.is_empty() => "{spinner} {msg} ({elapsed})".to_string(),
            None => format!("{{spinner}} {{msg}}: {{human_pos}} {unit} ({{elapsed}})"),
        };
        if let Ok(style) = ProgressStyle::with_template(&template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_length(total.unwrap_or(0));
        if total.is_none() {
            self.bar.unset_length();
        }
        self.bar.set_position(0);
        self.bar.set_message(message);
        self.show_when_due();
    }

    fn advance(&self, items: u64) {
        self.bar.inc(items);
        self.show_when_due();
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}
