//! `leadplay watch`: re-evaluate whenever the playbooks, the config or the leads change,
//! keeping the last good program when an edit breaks it.
//!
//! [`trigger`] turns debounced file-system events into reload requests; [`session`]
//! does one reload (load, evaluate, render only the drafts whose inputs changed, write
//! only the preview files that changed — see [`preview`]); [`delta`] compares two
//! evaluations; [`screen`] prints the result. The state file is read, never written:
//! every evaluation runs in [`crate::engine::Mode::Preview`].

pub mod delta;
pub mod playbook_tests;
pub mod preview;
pub mod screen;
mod session;
pub mod spare;
pub mod trigger;

use crate::diagnostics::Diagnostic;
use crate::leads::LeadFormat;
use crate::source::SourceMap;
use chrono::NaiveDate;
use session::Session;
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use trigger::{Change, Signal, Trigger};

/// What to watch and how to evaluate.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The workspace root.
    pub root: PathBuf,
    /// `--leads`: overrides the config's `leads` (a file; stdin cannot be watched).
    pub leads: Option<PathBuf>,
    /// `--leads-format`, when the extension does not tell.
    pub leads_format: Option<LeadFormat>,
    /// `--as-of`; `None`: the local date at each reload.
    pub as_of: Option<NaiveDate>,
    /// Run `leadplay test` after each good reload and show its closing line.
    pub run_tests: bool,
    /// Show the reload latency.
    pub verbose: bool,
}

/// Where the watch prints.
pub trait Sink {
    /// A reload's output starts (a terminal may clear the screen).
    fn begin(&mut self);
    /// Diagnostics of a load: errors and warnings, with their sources.
    fn diagnostics(&mut self, sources: &SourceMap, diagnostics: &[Diagnostic]);
    /// A problem with the watch itself (a folder that cannot be watched).
    fn warning(&mut self, message: &str);
    /// Finished lines of the screen (each ends with a newline).
    fn screen(&mut self, text: &str);
}

/// Why the watch could not start.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The operating system's file watcher could not be created.
    #[error("cannot start the file watcher: {0}")]
    Watcher(#[from] notify::Error),
}

/// Asks a running watch to stop (after the reload in progress, if any).
#[derive(Debug, Clone)]
pub struct Stopper(Sender<Signal>);

impl Stopper {
    /// Stops the watch; `run` then returns `Ok`.
    pub fn stop(&self) {
        // A watch that already ended has nothing left to stop.
        let _ = self.0.send(Signal::Stop);
    }
}

/// A watch, ready to run.
pub struct Watch {
    options: WatchOptions,
    sender: Sender<Signal>,
    signals: Receiver<Signal>,
}

impl Watch {
    /// A watch over the workspace at `options.root` (canonicalized, so paths in events,
    /// which some platforms report resolved, compare equal to ours).
    pub fn new(mut options: WatchOptions) -> Watch {
        if let Ok(root) = std::fs::canonicalize(&options.root) {
            options.root = root;
        }
        let (sender, signals) = mpsc::channel();
        Watch {
            options,
            sender,
            signals,
        }
    }

    /// A handle that stops the watch (for a Ctrl-C handler).
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// Evaluates once, then again after every relevant change, until stopped.
    pub fn run(self, sink: &mut dyn Sink) -> Result<(), WatchError> {
        let mut trigger = Trigger::new(self.sender.clone())?;
        let mut session = Session::new(self.options.clone());
        // Watch before the first load, so an edit made during it is not missed.
        warn_all(sink, trigger.apply(session.plan(), &[]));
        self.reload(&mut session, &mut trigger, None, sink);
        while let Some(change) = self.next_change(&session, sink) {
            self.reload(&mut session, &mut trigger, Some(&change), sink);
        }
        session.finish();
        Ok(())
    }

    fn reload(
        &self,
        session: &mut Session,
        trigger: &mut Trigger,
        change: Option<&Change>,
        sink: &mut dyn Sink,
    ) {
        session.reload(change, sink);
        // The config may have moved the playbooks, the leads or the outbox.
        let changed = change.map(|c| c.paths.as_slice()).unwrap_or_default();
        warn_all(sink, trigger.apply(session.plan(), changed));
        sink.screen(&format!("{}\n", screen::MARKER));
    }

    /// Blocks until a relevant change (merged with any others already waiting), or
    /// `None` on stop.
    fn next_change(&self, session: &Session, sink: &mut dyn Sink) -> Option<Change> {
        loop {
            let mut change = match self.signals.recv() {
                Ok(Signal::Changed(change)) => change,
                Ok(Signal::WatchFailed(message)) => {
                    sink.warning(&format!("file watcher: {message}"));
                    continue;
                }
                Ok(Signal::Stop) | Err(_) => return None,
            };
            // Batches that queued up during the last reload become one reload.
            while let Ok(signal) = self.signals.try_recv() {
                match signal {
                    Signal::Changed(later) => change.merge(later),
                    Signal::WatchFailed(message) => {
                        sink.warning(&format!("file watcher: {message}"));
                    }
                    Signal::Stop => return None,
                }
            }
            if change.is_relevant(session.plan()) {
                return Some(change);
            }
        }
    }
}

fn warn_all(sink: &mut dyn Sink, warnings: Vec<String>) {
    for w in warnings {
        sink.warning(&w);
    }
}
