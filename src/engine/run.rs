//! The evaluation run itself.

use super::EngineError;
use super::drafts::{DraftFailure, DraftJob, render_all};
use super::tally::tally;
use crate::eval::Program;
use crate::leads::{Lead, LeadBatch, LeadFormat, LeadReader, RowError, for_each_batch};
use crate::plan::Outcome;
use crate::render::TemplateSet;
use crate::report::{LeadReport, Summary};
use crate::schedule::{LeadInput, LeadPlan, ScheduleContext, apply, apply_capacity, plan_lead};
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
    /// Render due drafts into this folder (replacing nothing else); never write state.
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

/// What a run produced.
#[derive(Debug)]
pub struct EvalOutput {
    /// One record per lead, sorted by id.
    pub reports: Vec<LeadReport>,
    /// The counts.
    pub summary: Summary,
    /// Rows left out, in file order.
    pub row_errors: Vec<RowError>,
    /// Drafts that failed, with the lead's id (those steps stay due).
    pub draft_errors: Vec<DraftFailure>,
}

/// One lead after evaluation and scheduling; `lead` is kept only when it has drafts to
/// render, so memory follows the output, not the input.
struct Evaluated {
    plan: LeadPlan,
    outcome: Outcome,
    lead: Option<Lead>,
}

/// Runs one evaluation over the workspace's leads.
pub fn evaluate(
    ws: &Workspace,
    program: &Program,
    templates: &TemplateSet,
    options: &EvalOptions,
) -> Result<EvalOutput, EngineError> {
    let state_path = ws.state_path();
    // The lock comes first so no other run changes the state between read and write.
    let _lock = match options.mode {
        Mode::Write => Some(StateLock::acquire(&state_path)?),
        _ => None,
    };
    let mut state = StateStore::load(&state_path)?;
    check_as_of(&state, options.as_of)?;

    let (reader, leads_display) = open_leads(ws, &options.leads)?;
    let ctx = ScheduleContext {
        tier_names: &program.tiers,
        playbooks: &program.playbooks,
        as_of: options.as_of,
    };
    let mut rows = Vec::new();
    let mut row_errors = Vec::new();
    for_each_batch(reader, &program.schema, |batch: LeadBatch| {
        row_errors.extend(batch.errors);
        rows.par_extend(evaluate_batch(program, &ctx, &state, batch.leads));
        ControlFlow::Continue(())
    })?;
    if options.strict && !row_errors.is_empty() {
        return Err(EngineError::Strict(row_errors));
    }
    rows.par_sort_unstable_by(|a, b| a.plan.id.cmp(&b.plan.id));

    let (mut plans, rest): (Vec<LeadPlan>, Vec<(Outcome, Option<Lead>)>) = rows
        .into_iter()
        .map(|r| (r.plan, (r.outcome, r.lead)))
        .unzip();
    let (outcomes, leads): (Vec<Outcome>, Vec<Option<Lead>>) = rest.into_iter().unzip();
    let capacity = apply_capacity(
        &mut plans,
        &program.balance,
        &state.drafts_on(options.as_of),
    );

    let draft_errors = match &options.mode {
        Mode::DryRun => Vec::new(),
        Mode::Write => render_all(
            &job(ws, program, templates, options, ws.outbox_dir()),
            &mut plans,
            &outcomes,
            &leads,
        ),
        Mode::Preview(dir) => render_all(
            &job(ws, program, templates, options, dir.clone()),
            &mut plans,
            &outcomes,
            &leads,
        ),
    };

    let not_in_export = {
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
        not_in_export,
        render_errors: draft_errors.len(),
        ..Summary::default()
    };
    let draft_root = match &options.mode {
        Mode::Preview(dir) => dir.clone(),
        _ => ws.outbox_dir(),
    };
    let reports = tally(
        ws,
        program,
        &draft_root,
        &plans,
        &outcomes,
        &capacity,
        &mut summary,
    );
    Ok(EvalOutput {
        reports,
        summary,
        row_errors,
        draft_errors,
    })
}

fn job<'a>(
    ws: &'a Workspace,
    program: &'a Program,
    templates: &'a TemplateSet,
    options: &EvalOptions,
    outbox: PathBuf,
) -> DraftJob<'a> {
    DraftJob {
        ws,
        program,
        templates,
        outbox,
        as_of: options.as_of,
        durable: options.mode == Mode::Write,
    }
}

/// Scores, tiers and schedules one batch in parallel (order kept).
fn evaluate_batch(
    program: &Program,
    ctx: &ScheduleContext<'_>,
    state: &State,
    leads: Vec<Lead>,
) -> Vec<Evaluated> {
    leads
        .into_par_iter()
        .map_init(
            || program.scratch(),
            |scratch, lead| {
                let mut outcome = Outcome {
                    tier: 0,
                    scores: Vec::with_capacity(program.score_names.len()),
                    suppressed_by: None,
                };
                program.evaluate_into(&lead.values, ctx.as_of, scratch, &mut outcome);
                let input = LeadInput {
                    id: &lead.id,
                    tier: outcome.tier,
                    first_score: outcome.scores.first().copied(),
                    suppressed_by: outcome
                        .suppressed_by
                        .and_then(|i| program.suppress_rules.get(i))
                        .map(String::as_str),
                };
                let scratch = &*scratch;
                let plan = plan_lead(ctx, state.get(&lead.id), &input, &|id| {
                    program.condition_cached(id, &lead.values, ctx.as_of, scratch)
                });
                let keep = plan.drafts().next().is_some();
                Evaluated {
                    plan,
                    outcome,
                    lead: keep.then_some(lead),
                }
            },
        )
        .collect()
}

fn open_leads(ws: &Workspace, source: &LeadsSource) -> Result<(LeadReader, String), EngineError> {
    Ok(match source {
        LeadsSource::File { path, format } => {
            let display = ws.display(path);
            (LeadReader::open(path, &display, *format)?, display)
        }
        LeadsSource::Stdin(format) => (
            LeadReader::from_reader(std::io::stdin(), "<stdin>", *format)?,
            "<stdin>".to_string(),
        ),
    })
}
