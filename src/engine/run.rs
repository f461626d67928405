//! The evaluation run itself.

use super::EngineError;
use super::batch::BatchJob;
use super::commit::DraftBatch;
use super::drafts::{DraftJob, render_all, render_previews};
use super::let_go::LetGoRule;
use super::memo::RenderMemo;
use super::order::sort_by_id;
use super::output::{EvalOutput, LetGo};
use super::pipeline::evaluate_all;
use super::progress::{Phase, Progress, Silent};
use super::records::{RecordContext, RecordFormat};
use super::rows::{Finished, Rows};
use super::state_read::open_state;
use super::tally::{LeadCounts, summarize};
use crate::assign::{Roster, Rotation};
use crate::leads::{BadCell, Coercer, KeyTracker, LeadFormat, LeadReader};
use crate::program::Program;
use crate::render::TemplateSet;
use crate::report::Summary;
use crate::schedule::{Action, LeadPlan, ScheduleContext, apply, apply_capacity_in_id_order};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::path::PathBuf;

/// What a run may write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// Render and write drafts, then record the state.
    Write,
    /// Evaluate and schedule only: nothing is rendered or written.
    DryRun,
    /// Render due drafts in memory for this preview folder ([`EvalOutput::previews()`]);
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

/// Runs one evaluation over the workspace's leads.
pub fn evaluate(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
) -> Result<EvalOutput, EngineError> {
    evaluate_with_memo(ws, program, templates, options, &RenderMemo::default())
}

/// [`evaluate`], telling `progress` how far the run is (the CLI's progress bar), for a
/// caller that needs the per-lead records only once, in `records` format
/// ([`EvalOutput::write_records`]), or not at all (`None`: the summary only). A [`Mode::DryRun`] then keeps only the leads whose drafts wait for a
/// daily limit or a round-robin rep: every other lead is counted, its record spooled to
/// a temporary file, and let go, so the run's memory grows with those leads, not with
/// all leads. The other
/// modes keep every lead (a real run's review page and state need them all).
pub fn evaluate_streamed(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    progress: &dyn Progress,
    records: Option<RecordFormat>,
) -> Result<EvalOutput, EngineError> {
    let memo = RenderMemo::default();
    let keep = match options.mode {
        Mode::DryRun => Keep::Drafted { records },
        Mode::Write | Mode::Preview(_) => Keep::Every,
    };
    let result = run(ws, program, templates, options, &memo, progress, keep);
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
    run(ws, program, templates, options, memo, &Silent, Keep::Every)
}

/// Which leads a run keeps until the end.
#[derive(Debug, Clone, Copy)]
enum Keep {
    /// Every lead.
    Every,
    /// Only those whose drafts wait for a daily limit or a round-robin rep; the
    /// records of the others are spooled in this
    /// format (or not at all).
    Drafted { records: Option<RecordFormat> },
}

fn run(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
    memo: &RenderMemo,
    progress: &dyn Progress,
    keep: Keep,
) -> Result<EvalOutput, EngineError> {
    let state_path = ws.state_path();
    // The lock is held to the end, so no other run changes the state in between.
    let (_lock, mut state, notes) = open_state(ws, options)?;
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
    let draft_root = match &options.mode {
        Mode::Preview(dir) => dir.clone(),
        _ => ws.outbox_dir(),
    };
    // Members' own caps sit beside the teams' (`team/member` keys).
    let balance = with_member_caps(&program.balance, &roster);
    let used_today = state.drafts_on(options.as_of);
    let finished = match keep {
        Keep::Every => None,
        Keep::Drafted { records } => Some(Finished::new(
            LetGoRule::new(&roster, &balance, &used_today),
            LeadCounts::new(program),
            records.map(|format| RecordContext {
                format,
                score_names: &program.score_names,
                paths: (&ws.root, &draft_root),
            }),
        )),
    };
    let mut rows = Rows::new(
        KeyTracker::new(coercer.key_name(), coercer.file()),
        finished,
    );
    progress.phase(Phase::Reading, None);
    let batches = BatchJob {
        program,
        roster: &roster,
        ctx: &ctx,
        state: &state,
        coercer: &coercer,
        renders,
    };
    evaluate_all(reader, &mut rows, &state, progress, |raws, out| {
        batches.evaluate(raws, out);
    })?;
    let sorted_prefix = rows.kept_in_order();
    let all_in_order = rows.all_in_order();
    let Rows {
        mut plans,
        mut outcomes,
        mut leads,
        errors: row_errors,
        bad_cells,
        accepted,
        in_state,
        mut finished,
        ..
    } = rows;
    if accepted == 0 && !row_errors.is_empty() {
        return Err(EngineError::NoUsableLead(row_errors));
    }
    if options.strict && (!row_errors.is_empty() || !bad_cells.is_empty()) {
        return Err(EngineError::Strict(row_errors, bad_cells));
    }
    if sorted_prefix < plans.len() {
        sort_by_id(&mut plans, &mut outcomes, &mut leads, sorted_prefix);
    }
    let (let_go_deferred, skipped_turns) = finished
        .as_mut()
        .map(Finished::take_capacity_leftovers)
        .unwrap_or_default();
    // Round-robin reps go to new leads in id order (the plans are sorted above).
    Rotation::from_state(&roster, &state).settle_around(&roster, &mut plans, skipped_turns);
    let mut capacity = apply_capacity_in_id_order(&mut plans, &balance, &used_today);
    for (team, n) in let_go_deferred {
        *capacity.deferred.entry(team).or_default() += n;
    }

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

    // Ids are unique, so the state's leads not met in this export are the rest.
    let not_in_export = state.len() - in_state;
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
    let (finished_counts, let_go) = match finished {
        Some(f) => {
            let let_go = LetGo {
                records: f.records.map(|(context, spool)| (context.format, spool)),
                marks: all_in_order.then_some(f.marks),
            };
            (f.counts, Some(let_go))
        }
        None => (LeadCounts::new(program), None),
    };
    summarize(
        program,
        &plans,
        &outcomes,
        finished_counts,
        &capacity,
        &mut summary,
    );
    debug_assert_eq!(summary.leads_read, accepted + row_errors.len());
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
        let_go,
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
    let reader = source.open(ws)?;
    let display = source.display(ws);
    crate::leads::check_key_column(&reader, schema)?;
    Ok((reader, display))
}
