//! One reload: re-open the workspace, load and check the program, evaluate (rendering
//! in memory, reusing the last reload's drafts whose inputs did not change), bring the
//! preview folder in step, and print the screen. A reload that fails prints why and
//! leaves the last good evaluation (and its preview) in place.

use super::delta::{Delta, Tiers};
use super::preview::{PREVIEW_DIR, PreviewFolder};
use super::screen::{self, Failed, Frame, Good, Kept, Latency};
use super::trigger::{Change, WatchPlan};
use super::{Sink, WatchOptions, playbook_tests};
use crate::check::CheckOptions;
use crate::config::{CONFIG_FILE, Config};
use crate::engine::{
    EvalOptions, EvalOutput, LeadsSource, Loaded, Mode, RenderMemo, evaluate_with_memo, load,
};
use crate::leads::LeadFormat;
use crate::review::{PAGE_FILE, PageJob, PageKind, write_page};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the watch remembers between reloads.
pub(super) struct Session {
    options: WatchOptions,
    runs: u64,
    /// Each lead's tier in the last good evaluation.
    previous: Option<Tiers>,
    /// The last good evaluation's screen facts.
    kept: Option<Kept>,
    plan: WatchPlan,
    /// The preview folder and what this session wrote there (made at the first good
    /// evaluation; made anew if the config moves the outbox).
    preview: Option<PreviewFolder>,
    /// The last good evaluation's drafts by render inputs.
    memo: RenderMemo,
}

/// A reload that failed: the screen's headline and detail lines.
struct Failure {
    headline: String,
    detail: Vec<String>,
}

impl Failure {
    fn new(headline: impl Into<String>) -> Failure {
        Failure {
            headline: headline.into(),
            detail: Vec::new(),
        }
    }

    fn with(mut self, detail: impl Into<String>) -> Failure {
        self.detail.push(detail.into());
        self
    }
}

impl Session {
    pub(super) fn new(options: WatchOptions) -> Session {
        // The real config when it reads, so the first watches already cover the leads.
        let config =
            Workspace::open(&options.root).map_or_else(|_| Config::default(), |ws| ws.config);
        let plan = plan_for(&options.root, &config, options.leads.as_deref());
        Session {
            options,
            runs: 0,
            previous: None,
            kept: None,
            plan,
            preview: None,
            memo: RenderMemo::default(),
        }
    }

    /// Removes the preview's spare files before the process exits.
    pub(super) fn finish(&mut self) {
        if let Some(folder) = &mut self.preview {
            folder.finish();
        }
    }

    /// The folders and files to watch, as of the last time the config could be read.
    pub(super) fn plan(&self) -> &WatchPlan {
        &self.plan
    }

    /// Reloads and prints one screen. Returns whether the evaluation succeeded.
    pub(super) fn reload(&mut self, change: Option<&Change>, sink: &mut dyn Sink) -> bool {
        let started = change.map_or_else(Instant::now, |c| c.delivered);
        self.runs += 1;
        let clock = chrono::Local::now().format("%H:%M:%S").to_string();
        sink.begin();
        let result = self.evaluate(sink);
        // Rendering the text takes microseconds: timing up to here is timing the screen.
        let latency = self.options.verbose.then(|| Latency {
            reload: started.elapsed(),
            since_change: change.map(|c| c.last_seen.elapsed()),
            phases: result
                .as_ref()
                .map(|d| d.phases.clone())
                .unwrap_or_default(),
        });
        let frame = Frame {
            run: self.runs,
            clock,
            latency,
        };
        let text = match &result {
            Ok(done) => screen::good(&frame, &done.good()),
            Err(failure) => screen::failed(
                &frame,
                &Failed {
                    headline: failure.headline.clone(),
                    detail: failure.detail.clone(),
                    kept: self.kept.clone(),
                },
            ),
        };
        sink.screen(&text);
        let good = result.is_ok();
        if let Ok(mut done) = result {
            // After the screen: the review page (hundreds of milliseconds at 5,000
            // previews) and the next reload's memo are not part of this one's latency.
            done.write_page(sink);
            self.memo = RenderMemo::from_drafts(std::mem::take(&mut done.output.previews));
            if self.options.run_tests {
                done.run_tests(sink);
            }
            self.kept = Some(Kept::of(&frame, &done.output.summary));
            self.previous = Some(done.tiers);
        }
        good
    }

    fn evaluate(&mut self, sink: &mut dyn Sink) -> Result<Done, Failure> {
        let mut clock = PhaseClock::start();
        let mut ws = Workspace::open(&self.options.root).map_err(|e| {
            sink.diagnostics(&e.sources, std::slice::from_ref(&e.diagnostic));
            Failure::new(format!("`{CONFIG_FILE}` has an error (see above)"))
        })?;
        self.plan = plan_for(&ws.root, &ws.config, self.options.leads.as_deref());
        let loaded = load(&mut ws, &CheckOptions { columns: None });
        sink.diagnostics(&ws.sources, &loaded.diagnostics);
        let warnings = loaded.diagnostics.iter().filter(|d| !d.is_error()).count();
        clock.lap("load");
        let Some((program, templates)) = loaded.ready() else {
            let errors = loaded.diagnostics.len() - warnings;
            return Err(Failure::new(format!(
                "{errors} error{} in the playbooks (see above); the last good program is kept",
                if errors == 1 { "" } else { "s" }
            )));
        };
        let source = self.leads_source(&ws)?;
        let as_of = self.as_of();
        let preview_dir = ws.outbox_dir().join(PREVIEW_DIR);
        let options = EvalOptions {
            as_of,
            mode: Mode::Preview(preview_dir.clone()),
            strict: false,
            leads: source.clone(),
        };
        let output = match evaluate_with_memo(&ws, program, templates, &options, &self.memo) {
            Ok(output) => output,
            Err(e) => {
                let failure = Failure::new(e.to_string());
                return Err(match e.help() {
                    Some(help) => failure.with(format!("help: {help}")),
                    None => failure,
                }
                .with("the watch goes on and re-evaluates when the file changes"));
            }
        };
        clock.lap("evaluate");
        let preview = ws.display(&preview_dir);
        let folder = match &mut self.preview {
            Some(folder) if folder.dir() == preview_dir => folder,
            other => {
                if let Some(moved) = other {
                    moved.finish(); // the config moved the outbox
                }
                other.insert(PreviewFolder::new(&ws.outbox_dir()))
            }
        };
        let tiers = Tiers::from_plans(&output.plans);
        let previous = self.previous.as_ref();
        // Writing the preview is mostly the kernel's work and explaining the delta
        // mostly reading the leads file: side by side they take the time of one.
        let (synced, delta) = std::thread::scope(|scope| {
            let explaining = scope.spawn(|| {
                previous.map(|before| {
                    let mut delta = Delta::between(before, &tiers);
                    // The rules are a nicety: a leads file that changed again since is
                    // no reason to fail the whole reload.
                    let _ = delta.explain_examples(program, &source, &ws, as_of);
                    delta
                })
            });
            let synced = folder.sync(&output.previews);
            let delta = explaining
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (synced, delta)
        });
        clock.lap("write+delta");
        synced.map_err(|e| {
            let failure = Failure::new(format!("cannot update the preview `{preview}`: {e}"));
            match e.failed {
                1 => failure,
                n => failure.with(format!(
                    "{n} files failed; they are tried again next reload"
                )),
            }
        })?;
        Ok(Done {
            ws,
            loaded,
            phases: clock.phases,
            output,
            tiers,
            delta,
            preview,
            warnings,
            page: (source, as_of, preview_dir.join(PAGE_FILE)),
        })
    }

    fn as_of(&self) -> NaiveDate {
        // Read at each reload: a watch left running overnight moves to the new day.
        self.options
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive())
    }

    fn leads_source(&self, ws: &Workspace) -> Result<LeadsSource, Failure> {
        let Some(path) = ws.leads_path(self.options.leads.as_deref()) else {
            return Err(Failure::new("no leads file given")
                .with("help: pass `--leads FILE`, or set `leads:` in leadplay.yaml"));
        };
        let format = match self.options.leads_format {
            Some(f) => f,
            None => LeadFormat::from_path(&path).map_err(|e| {
                let failure = Failure::new(e.to_string());
                match e.help() {
                    Some(help) => failure.with(format!("help: {help}")),
                    None => failure,
                }
            })?,
        };
        Ok(LeadsSource::File { path, format })
    }
}

/// A good evaluation and what its screen needs.
struct Done {
    /// The workspace and program it ran with (for the playbook tests).
    ws: Workspace,
    loaded: Loaded,
    /// How long each step took.
    phases: Vec<(&'static str, Duration)>,
    output: EvalOutput,
    tiers: Tiers,
    delta: Option<Delta>,
    preview: String,
    warnings: usize,
    /// The leads, date and file of the review page.
    page: (LeadsSource, NaiveDate, PathBuf),
}

impl Done {
    /// Rewrites the preview's review page (an open page reloads itself).
    fn write_page(&self, sink: &mut dyn Sink) {
        let Some((program, _)) = self.loaded.ready() else {
            return;
        };
        let (source, as_of, out) = &self.page;
        let job = PageJob {
            ws: &self.ws,
            program,
            output: &self.output,
            source,
            as_of: *as_of,
            kind: PageKind::Watch,
            out: out.clone(),
            explain: None,
        };
        if let Err(message) = write_page(&job) {
            sink.warning(&message);
        }
    }

    /// Runs the playbook tests with the program just loaded and prints their line.
    fn run_tests(&mut self, sink: &mut dyn Sink) {
        let Some((program, templates)) = self.loaded.ready() else {
            return;
        };
        let (line, diagnostics) = playbook_tests::run(&mut self.ws, program, templates);
        sink.diagnostics(&self.ws.sources, &diagnostics);
        sink.screen(&screen::tests_line(&line));
    }

    fn good(&self) -> Good<'_> {
        Good {
            summary: &self.output.summary,
            delta: self.delta.as_ref(),
            preview: &self.preview,
            draft_failures: &self.output.draft_errors,
            warnings: self.warnings,
        }
    }
}

/// Times the steps of a reload, for `-v`.
struct PhaseClock {
    last: Instant,
    phases: Vec<(&'static str, Duration)>,
}

impl PhaseClock {
    fn start() -> PhaseClock {
        PhaseClock {
            last: Instant::now(),
            phases: Vec::new(),
        }
    }

    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.phases.push((name, now - self.last));
        self.last = now;
    }
}

/// What to watch for a workspace with this config.
fn plan_for(root: &Path, config: &Config, leads_flag: Option<&Path>) -> WatchPlan {
    let resolve = |p: &Path| -> PathBuf {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            root.join(p)
        }
    };
    let leads = leads_flag
        .or(config.leads.as_ref().map(crate::config::LeadsSetting::path))
        .filter(|p| *p != Path::new("-"))
        .map(resolve);
    let state = resolve(&config.state);
    WatchPlan {
        root: root.to_path_buf(),
        playbooks: resolve(&config.playbooks),
        config_file: root.join(CONFIG_FILE),
        leads,
        ignored: vec![resolve(&config.outbox), root.join(".leadplay"), state],
    }
}

#[cfg(test)]
mod tests;
