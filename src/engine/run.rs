//! The evaluation run itself.

use super::EngineError;
use super::batch::{Rows, evaluate_batch};
use super::commit::DraftBatch;
use super::drafts::{DraftFailure, DraftJob, render_all, render_previews};
use super::leftovers::remove_leftovers;
use super::memo::{PreviewDraft, RenderMemo};
use super::order::sort_by_id;
use super::progress::{Phase, Progress, Silent};
use super::tally::{is_made, report, summarize};
use crate::assign::{Roster, Rotation};
use crate::leads::{
    BadCell, Coercer, KeyTracker, LeadFormat, LeadReader, RowError, for_each_raw_batch,
};
use crate::program::Outcome;
use crate::program::Program;
use crate::render::TemplateSet;
use crate::report::{CsvRow, LeadReport, Summary, csv_header, write_csv_row};
use crate::schedule::{Action, LeadPlan, ScheduleContext, apply, apply_capacity_in_id_order};
use crate::state::{State, StateLock, StateStore, check_as_of};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::ops::ControlFlow;
use std::path::PathBuf;

/// What a run may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Render and write drafts, then record the state.
    Write,
    /// Evaluate and schedule only: nothing is rendered or written.
    DryRun,
    /// Render due drafts in memory for this preview folder ([`EvalOutput::previews`]);
    /// nothing is written, state included.
    Preview(PathBuf),
}

/// Where the leads come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeadsSource {
    /// A file, in the given format.
    File {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: LeadFormat,
    },
    /// Standard input, in the given format.
    Stdin(LeadFormat),
}

/// A run's settings.
#[derive(Debug, Clone)]
pub struct EvalOptions {
    /// The evaluation date D.
    pub as_of: NaiveDate,
    /// What the run may write.
    pub mode: Mode,
    /// Any row error fails the run (before anything is written).
    pub strict: bool,
    /// The leads.
    pub leads: LeadsSource,
}

/// What a run produced. Per-lead records are made on demand ([`EvalOutput::reports`])
/// so a million-lead run never holds a million of them.
#[derive(Debug)]
pub struct EvalOutput {
    /// One plan per lead, sorted by id.
    pub plans: Vec<LeadPlan>,
    /// The evaluation of each lead, in the same order.
    pub outcomes: Vec<Outcome>,
    /// Score names, in declaration order.
    pub score_names: Vec<String>,
    /// The workspace root (paths in reports are relative to it).
    pub root: PathBuf,
    /// The folder drafts go under.
    pub draft_root: PathBuf,
    /// The counts.
    pub summary: Summary,
    /// Rows left out, in file order.
    pub row_errors: Vec<RowError>,
    /// Values that did not fit their type (treated as missing), in file order.
    pub bad_cells: Vec<BadCell>,
    /// Drafts that failed, with the lead's id (those steps stay due).
    pub draft_errors: Vec<DraftFailure>,
    /// Things the user should know about how the run was made (e.g. a dry run of a day
    /// before the last run, evaluated without the state).
    pub notes: Vec<String>,
    /// Draft files that differed from the new draft and were kept (the new draft went
    /// beside each); only a [`Mode::Write`] run has any.
    pub kept: Vec<super::KeptFile>,
    /// [`Mode::Preview`]: the drafts rendered, in lead-id order, paths relative to
    /// `draft_root` (for the caller to write); empty in the other modes.
    pub previews: Vec<PreviewDraft>,
}

impl EvalOutput {
    /// Writes the CSV export: a header, then one row per lead, sorted by id. Slices of
    /// rows are formatted in parallel, then written in order.
    pub fn write_csv<W: std::io::Write>(&self, mut out: W) -> csv::Result<()> {
        let mut writer = csv::Writer::from_writer(&mut out);
        writer.write_record(csv_header(&self.score_names))?;
        writer.flush()?;
        drop(writer);
        // A group of slices at a time: the text of a million rows is never all in
        // memory, and each group's buffers are reused by the next one's.
        let group = CSV_SLICE * rayon::current_num_threads().max(1) * 2;
        for (plans, outcomes) in self.plans.chunks(group).zip(self.outcomes.chunks(group)) {
            let slices: Vec<Vec<u8>> = plans
                .par_chunks(CSV_SLICE)
                .zip(outcomes.par_chunks(CSV_SLICE))
                .map(|(plans, outcomes)| csv_rows(plans, outcomes))
                .collect::<csv::Result<_>>()?;
            for slice in slices {
                out.write_all(&slice)?;
            }
        }
        out.flush()?;
        Ok(())
    }

    /// The per-lead records, sorted by id. `with_paths: false` leaves draft paths empty
    /// (the CSV format does not show them, and computing safe paths is not free).
    pub fn reports(&self, with_paths: bool) -> impl Iterator<Item = LeadReport> + '_ {
        self.plans
            .iter()
            .zip(&self.outcomes)
            .map(move |(plan, outcome)| {
                let root = with_paths.then_some((self.root.as_path(), self.draft_root.as_path()));
                report(&self.score_names, root, plan, outcome)
            })
    }
}

/// Leads per slice of the CSV export formatted on one thread.
const CSV_SLICE: usize = 8 * 1024;

/// The CSV rows of some leads (no header).
fn csv_rows(plans: &[LeadPlan], outcomes: &[Outcome]) -> csv::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(plans.len() * 32));
    let mut scratch = String::new();
    for (plan, outcome) in plans.iter().zip(outcomes) {
        let row = CsvRow {
            id: &plan.id,
            tier: &plan.tier_name,
            previous_tier: plan.previous_tier.as_deref(),
            scores: &outcome.scores,
            suppressed: plan.suppressed_by.is_some(),
            drafts: plan
                .items
                .iter()
                .filter(|i| is_made(i))
                .map(|i| &*i.template),
        };
        write_csv_row(&mut writer, &mut scratch, row)?;
    }
    writer.into_inner().map_err(|e| e.into_error().into())
}

/// Runs one evaluation over the workspace's leads.
pub fn evaluate(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
) -> Result<EvalOutput, EngineError> {
    evaluate_with_memo(ws, program, templates, options, &RenderMemo::default())
}

/// [`evaluate`], telling `progress` how far the run is (the CLI's progress bar).
pub fn evaluate_with_progress(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    progress: &dyn Progress,
) -> Result<EvalOutput, EngineError> {
    let result = run(
        ws,
        program,
        templates,
        options,
        &RenderMemo::default(),
        progress,
    );
    progress.finish();
    result
}

/// [`evaluate`], where a [`Mode::Preview`] run reuses `memo`'s bytes for every draft
/// whose render inputs are unchanged (`watch` keeps the memo between reloads).
pub fn evaluate_with_memo(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    memo: &RenderMemo,
) -> Result<EvalOutput, EngineError> {
    run(ws, program, templates, options, memo, &Silent)
}

fn run(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    memo: &RenderMemo,
    progress: &dyn Progress,
) -> Result<EvalOutput, EngineError> {
    let state_path = ws.state_path();
    // The lock comes first so no other run changes the state between read and write.
    let _lock = match options.mode {
        Mode::Write => {
            let lock = StateLock::acquire(&state_path)?;
            // Under the lock, no other run is writing: what a killed run left goes.
            remove_leftovers(&ws.outbox_dir(), &state_path);
            Some(lock)
        }
        _ => None,
    };
    let mut state = StateStore::load(&state_path)?;
    let mut notes = Vec::new();
    if let Err(refused) = check_as_of(&state, options.as_of) {
        // Only a real run moves the day clock; a dry run or preview of an earlier day
        // is allowed, but the state knows what happened after that day, so it is
        // evaluated as if no run had happened yet.
        if options.mode == Mode::Write {
            return Err(refused.into());
        }
        notes.push(format!(
            "{refused}: evaluated without the state (every lead as if seen for the first time)"
        ));
        state = State::default();
    }

    let (reader, leads_display) = open_leads(ws, &options.leads, &program.schema)?;
    let reader_notes = reader.notes();
    let ctx = ScheduleContext {
        tier_names: &program.tiers,
        playbooks: &program.playbooks,
        as_of: options.as_of,
        calendar: &ws.config.clock.calendar,
    };
    // Only a run that renders needs the lead records after scheduling.
    let renders = options.mode != Mode::DryRun;
    // Fields no rule reads are checked, not stored (templates read the raw record).
    let coercer =
        Coercer::for_reader(&program.schema, &reader).skipping_unread(&program.slots_read());
    let roster = Roster::new(&ws.config, program);
    let mut rows = Rows::new(KeyTracker::new(coercer.key_name(), coercer.file()));
    let mut pending = Vec::new();
    progress.phase(Phase::Reading, None);
    for_each_raw_batch(reader, |raws| {
        progress.advance(raws.len() as u64);
        // The key check of the previous batch runs beside the evaluation of this one.
        let (evaluated, ()) = rayon::join(
            || evaluate_batch(program, &roster, &ctx, &state, &coercer, raws, renders),
            || rows.absorb(std::mem::take(&mut pending)),
        );
        pending = evaluated;
        ControlFlow::Continue(())
    })?;
    rows.absorb(pending);
    // How many leading rows arrived in strictly ascending id order.
    let sorted_prefix = rows.keys.ascending_prefix();
    let Rows {
        mut plans,
        mut outcomes,
        mut leads,
        errors: row_errors,
        bad_cells,
        ..
    } = rows;
    if plans.is_empty() && !row_errors.is_empty() {
        return Err(EngineError::NoUsableLead(row_errors));
    }
    if options.strict && (!row_errors.is_empty() || !bad_cells.is_empty()) {
        return Err(EngineError::Strict(row_errors, bad_cells));
    }
    if sorted_prefix < plans.len() {
        sort_by_id(&mut plans, &mut outcomes, &mut leads, sorted_prefix);
    }
    // Round-robin reps go to new leads in id order (the plans are sorted above).
    Rotation::from_state(&roster, &state).settle(&roster, &mut plans);
    // Members' own caps sit beside the teams' (`team/member` keys).
    let balance = with_member_caps(&program.balance, &roster);
    let capacity =
        apply_capacity_in_id_order(&mut plans, &balance, &state.drafts_on(options.as_of));

    let mut kept = Vec::new();
    let (previews, draft_errors) = match &options.mode {
        Mode::DryRun => (Vec::new(), Vec::new()),
        Mode::Write => {
            let job = job(ws, program, &roster, templates, options, ws.outbox_dir());
            let batch = DraftBatch::new(ws.outbox_dir());
            progress.phase(Phase::Writing, Some(due_drafts(&plans)));
            let failures = render_all(&job, &batch, &mut plans, &outcomes, &leads, progress);
            progress.phase(Phase::Syncing, None);
            // Every draft durable and in place before the state claims any of them.
            kept = batch.commit().map_err(|source| EngineError::Drafts {
                outbox: ws.outbox_dir(),
                source,
            })?;
            (Vec::new(), failures)
        }
        Mode::Preview(dir) => {
            let job = job(ws, program, &roster, templates, options, dir.clone());
            render_previews(&job, memo, &mut plans, &outcomes, &leads)
        }
    };

    let not_in_export = if state.is_empty() {
        0
    } else {
        let seen: std::collections::BTreeSet<&str> = plans.iter().map(|p| p.id.as_str()).collect();
        state.ids_not_in(&seen).len()
    };
    if options.mode == Mode::Write {
        for plan in &plans {
            apply(&mut state, plan);
        }
        state.save_atomic(&state_path)?;
    }

    let mut summary = Summary {
        as_of: Some(options.as_of),
        dry_run: options.mode == Mode::DryRun,
        leads_file: leads_display,
        row_errors: row_errors.len(),
        unreadable_values: unreadable_by_field(&bad_cells),
        not_in_export,
        render_errors: draft_errors.len(),
        notes: reader_notes.all(),
        kept_files: kept.len(),
        ..Summary::default()
    };
    summarize(program, &plans, &outcomes, &capacity, &mut summary);
    let draft_root = match &options.mode {
        Mode::Preview(dir) => dir.clone(),
        _ => ws.outbox_dir(),
    };
    Ok(EvalOutput {
        plans,
        outcomes,
        score_names: program.score_names.clone(),
        root: ws.root.clone(),
        draft_root,
        summary,
        row_errors,
        bad_cells,
        draft_errors,
        notes,
        kept,
        previews,
    })
}

/// How many drafts the plans still have to make: the writing phase's total.
fn due_drafts(plans: &[LeadPlan]) -> u64 {
    let items = plans.iter().flat_map(|p| &p.items);
    items.filter(|i| matches!(i.action, Action::Draft)).count() as u64
}

/// The balance limits with each member's `capacity` added as a `team/member` limit.
fn with_member_caps<'a>(
    balance: &'a crate::program::BalancePlan,
    roster: &Roster,
) -> std::borrow::Cow<'a, crate::program::BalancePlan> {
    let caps = roster.capacities();
    if caps.is_empty() {
        return std::borrow::Cow::Borrowed(balance);
    }
    let mut with = balance.clone();
    with.owner_capacity.extend(caps);
    std::borrow::Cow::Owned(with)
}

/// Unreadable values per field, for the summary.
fn unreadable_by_field(cells: &[BadCell]) -> std::collections::BTreeMap<String, usize> {
    let mut counts = std::collections::BTreeMap::new();
    for cell in cells {
        *counts.entry(cell.field.clone()).or_insert(0) += 1;
    }
    counts
}

fn job<'a>(
    ws: &'a Workspace,
    program: &'a Program,
    roster: &'a Roster,
    templates: &'a TemplateSet,
    options: &EvalOptions,
    outbox: PathBuf,
) -> DraftJob<'a> {
    DraftJob {
        ws,
        program,
        roster,
        templates,
        outbox,
        as_of: options.as_of,
        roles: program.schema.role_keys(),
    }
}

/// Opens the run's leads in the workspace's dialect; a file without the key column is
/// one error here, not one per row.
pub(crate) fn open_leads(
    ws: &Workspace,
    source: &LeadsSource,
    schema: &crate::schema::LeadSchema,
) -> Result<(LeadReader, String), EngineError> {
    // A bad `leads:` setting was reported when the source was chosen.
    let dialect = ws.leads_dialect().unwrap_or_default();
    let (reader, display) = match source {
        LeadsSource::File { path, format } => {
            let display = ws.display(path);
            let reader = LeadReader::open_with(path, &display, *format, &dialect)?;
            (reader, display)
        }
        LeadsSource::Stdin(format) => (
            LeadReader::from_reader_with(std::io::stdin(), "<stdin>", *format, &dialect)?,
            "<stdin>".to_string(),
        ),
    };
    crate::leads::check_key_column(&reader, schema)?;
    Ok((reader, display))
}
