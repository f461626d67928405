//! The one-screen summary printed after every reload, and the marker line after it.

use super::delta::Delta;
use crate::engine::DraftFailure;
use crate::report::Summary;
use std::fmt::Write;
use std::time::Duration;

/// Printed after every screen: the watch is idle and waiting (tests sync on it).
pub const MARKER: &str = "watching for changes… (Ctrl-C to stop)";

/// Failed drafts named on the screen.
const FAILURES_SHOWN: usize = 3;

/// What every screen's header and footer show.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The run number (1 for the evaluation at start).
    pub run: u64,
    /// Wall-clock time of the run (`14:02:11`).
    pub clock: String,
    /// With `-v`: the reload's latency.
    pub latency: Option<Latency>,
}

/// How long a reload took.
#[derive(Debug, Clone, PartialEq)]
pub struct Latency {
    /// From the end of the debounce window to the summary printed.
    pub reload: Duration,
    /// From the last change seen to the summary printed (`None` for the first run).
    pub since_change: Option<Duration>,
    /// The steps of a good reload and their times (`load`, `evaluate` …).
    pub phases: Vec<(&'static str, Duration)>,
}

/// A reload that evaluated.
#[derive(Debug, Clone, Copy)]
pub struct Good<'a> {
    /// The run's counts.
    pub summary: &'a Summary,
    /// Against the previous good evaluation (`None` for the first).
    pub delta: Option<&'a Delta>,
    /// The preview folder, as shown to the user.
    pub preview: &'a str,
    /// Drafts that failed to render.
    pub draft_failures: &'a [DraftFailure],
    /// Warnings among the diagnostics.
    pub warnings: usize,
}

/// A reload that could not evaluate: what went wrong, and what is still shown.
#[derive(Debug, Clone, PartialEq)]
pub struct Failed {
    /// One line: what failed.
    pub headline: String,
    /// Further lines (a help line, the first error).
    pub detail: Vec<String>,
    /// The last good evaluation, still in the preview folder.
    pub kept: Option<Kept>,
}

/// What the last good evaluation showed, kept for failure screens.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    /// Its run number.
    pub run: u64,
    /// Its wall-clock time.
    pub clock: String,
    /// Its tier counts (`hot 40 · warm 90 · cold 168`).
    pub tiers: String,
    /// Its drafts count.
    pub drafts: usize,
}

impl Kept {
    /// From a good evaluation.
    pub fn of(frame: &Frame, summary: &Summary) -> Kept {
        Kept {
            run: frame.run,
            clock: frame.clock.clone(),
            tiers: summary.tiers_text(),
            drafts: summary.draft_count(),
        }
    }
}

/// The screen after a good reload.
pub fn good(frame: &Frame, run: &Good<'_>) -> String {
    let s = run.summary;
    let mut out = header(frame, "");
    let errors = match s.row_errors {
        0 => String::new(),
        n => format!(", {n} row errors (left out; `leadplay check --leads` lists them)"),
    };
    line(
        &mut out,
        "leads",
        &format!("{} read from {}{errors}", s.leads_read, s.leads_file),
    );
    line(&mut out, "tiers", &s.tiers_text());
    delta_lines(&mut out, run.delta);
    let drafts = match s.draft_count() {
        0 => format!("none due (preview in {})", run.preview),
        n => format!(
            "{n} due, previewed in {} ({})",
            run.preview,
            s.owners_text()
        ),
    };
    line(&mut out, "drafts", &drafts);
    if s.suppressed_count() > 0 {
        line(&mut out, "suppressed", &s.suppressed_count().to_string());
    }
    if !s.deferred.is_empty() {
        let parts: Vec<String> = s.deferred.iter().map(|(o, n)| format!("{o} {n}")).collect();
        line(
            &mut out,
            "deferred",
            &format!("{} (over capacity)", parts.join(", ")),
        );
    }
    for w in &s.balance_warnings {
        line(&mut out, "balance", &format!("warning: {w}"));
    }
    failures_lines(&mut out, run.draft_failures);
    if run.warnings > 0 {
        line(
            &mut out,
            "warnings",
            &format!("{} (see above)", run.warnings),
        );
    }
    latency_line(&mut out, frame);
    out
}

/// The screen after a reload that failed; the last good evaluation stays.
pub fn failed(frame: &Frame, run: &Failed) -> String {
    let mut out = header(frame, " · FAILED");
    line(&mut out, "error", &run.headline);
    for d in &run.detail {
        line(&mut out, "", d);
    }
    let kept = match &run.kept {
        Some(k) => format!(
            "the last good program's result (run {}, {}): {} · {} drafts in the preview",
            k.run, k.clock, k.tiers, k.drafts
        ),
        None => "nothing yet: no evaluation has succeeded".to_string(),
    };
    line(&mut out, "showing", &kept);
    latency_line(&mut out, frame);
    out
}

/// The line with the playbook tests' result.
pub fn tests_line(result: &str) -> String {
    let mut out = String::new();
    line(&mut out, "tests", result);
    out
}

fn header(frame: &Frame, status: &str) -> String {
    format!(
        "── leadplay watch · run {} · {}{status} ──\n",
        frame.run, frame.clock
    )
}

fn delta_lines(out: &mut String, delta: Option<&Delta>) {
    let Some(delta) = delta else {
        line(out, "delta", "first evaluation");
        return;
    };
    let mut parts: Vec<String> = delta
        .moves
        .iter()
        .map(|((from, to), n)| format!("{from} → {to}: {n}"))
        .collect();
    if parts.is_empty() {
        parts.push("no tier changes".to_string());
    }
    let mut text = parts.join(", ");
    if delta.added > 0 || delta.removed > 0 {
        let _ = write!(text, " ({} new, {} gone)", delta.added, delta.removed);
    }
    line(out, "delta", &text);
    let width = delta.examples.iter().map(|m| m.id.len()).max().unwrap_or(0);
    for m in &delta.examples {
        let rule = m
            .rule
            .as_deref()
            .map(|r| format!("  by `{r}`"))
            .unwrap_or_default();
        line(
            out,
            "",
            &format!("  {:<width$}  {} → {}{rule}", m.id, m.from, m.to),
        );
    }
    let more = delta.moved().saturating_sub(delta.examples.len());
    if more > 0 {
        line(out, "", &format!("  … and {more} more"));
    }
}

fn failures_lines(out: &mut String, failures: &[DraftFailure]) {
    if failures.is_empty() {
        return;
    }
    line(
        out,
        "failed",
        &format!("{} drafts failed to render", failures.len()),
    );
    for f in failures.iter().take(FAILURES_SHOWN) {
        line(out, "", &format!("  lead `{}`: {}", f.lead, f.message));
    }
    if failures.len() > FAILURES_SHOWN {
        line(
            out,
            "",
            &format!("  … and {} more", failures.len() - FAILURES_SHOWN),
        );
    }
}

fn latency_line(out: &mut String, frame: &Frame) {
    let Some(latency) = &frame.latency else {
        return;
    };
    let mut text = format!("{:.1} ms", millis(latency.reload));
    match latency.since_change {
        Some(since) => {
            let _ = write!(
                text,
                " after the debounce window ({:.1} ms since the change)",
                millis(since)
            );
        }
        None => text.push_str(" (first evaluation)"),
    }
    if !latency.phases.is_empty() {
        let parts: Vec<String> = latency
            .phases
            .iter()
            .map(|(name, d)| format!("{name} {:.1}", millis(*d)))
            .collect();
        let _ = write!(text, "; {} ms", parts.join(" · "));
    }
    line(out, "latency", &text);
}

fn millis(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn line(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {label:<11}{value}");
}

#[cfg(test)]
mod tests;
