//! `leadplay report`: the review page of a day, written without committing anything.
//!
//! It evaluates like `watch` does (due drafts rendered in memory, no state written):
//! the page shows the drafts the state records as written that day, from disk, and
//! those still due, marked as not written yet — before `eval`, a preview of its run.

use super::args::ReportArgs;
use super::common;
use super::ui::Ui;
use super::{EXIT_FAILURE, EXIT_OK};
use crate::engine::{EvalOptions, Mode, evaluate};
use crate::review::{PageJob, PageKind, default_page_path, write_page};
use crate::state::StateStore;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::path::Path;

/// Runs `report`.
pub fn run(ui: &Ui, root: &Path, args: &ReportArgs) -> u8 {
    match run_inner(ui, root, args) {
        Ok(code) | Err(code) => code,
    }
}

fn run_inner(ui: &Ui, root: &Path, args: &ReportArgs) -> Result<u8, u8> {
    let mut ws = common::open(ui, root)?;
    let source = common::leads_source(ui, &ws, &args.leads)?;
    let loaded = common::load_program(ui, &mut ws, None)?;
    let Some((program, templates)) = loaded.ready() else {
        return Err(EXIT_FAILURE);
    };
    let as_of = common::as_of(args.as_of);
    refuse_past_day(ui, &ws, as_of)?;
    let options = EvalOptions {
        as_of,
        // Rendered in memory at the paths `eval` would write them to.
        mode: Mode::Preview(ws.outbox_dir()),
        strict: false,
        leads: source.clone(),
    };
    let output = evaluate(&ws, program, templates, &options).map_err(|e| {
        ui.error_with_code(e.code(), &e.to_string(), e.help().as_deref());
        EXIT_FAILURE
    })?;
    super::eval::report_problems(ui, &output);
    let out = match &args.out {
        Some(path) => ws.resolve(path),
        None => default_page_path(&ws, as_of),
    };
    let job = PageJob {
        ws: &ws,
        program,
        output: &output,
        source: &source,
        as_of,
        kind: PageKind::Report,
        out: out.clone(),
        explain: Some(super::explain::explain_with_state),
    };
    write_page(&job).map_err(|message| {
        ui.error(&message, None);
        EXIT_FAILURE
    })?;
    ui.info(&format!("review page written to {}", ws.display(&out)));
    Ok(EXIT_OK)
}

/// An earlier day cannot be evaluated again (the day clock only moves forward); its
/// page is the one that day's `eval` wrote.
fn refuse_past_day(ui: &Ui, ws: &Workspace, as_of: NaiveDate) -> Result<(), u8> {
    let last = StateStore::load(&ws.state_path())
        .ok()
        .and_then(|state| state.last_run());
    match last {
        Some(last) if as_of < last => {
            let page = ws.display(&default_page_path(ws, as_of));
            ui.error(
                &format!("`report` cannot evaluate {as_of}: the last run was {last}"),
                Some(&format!(
                    "the day clock only moves forward; that day's eval wrote its page to `{page}`, or use `--as-of {last}` or later"
                )),
            );
            Err(EXIT_FAILURE)
        }
        _ => Ok(()),
    }
}
