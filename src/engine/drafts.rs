//! Rendering the drafts that are due, in parallel across leads: written to the outbox
//! (`eval`), or kept in memory for the watch's preview folder.

use super::commit::DraftBatch;
use super::memo::{PreviewDraft, Previewer, RenderMemo};
use super::progress::Progress;
use crate::config::Config;
use crate::leads::Lead;
use crate::program::Outcome;
use crate::program::Program;
use crate::render::{
    DraftContext, OwnerInfo, RepProfile, SenderInfo, StepInfo, TemplateSet, compose_draft,
};
use crate::schedule::{LeadPlan, PlanItem};
use crate::schema::RoleKeys;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// A draft that could not be made; the step stays due and the run exits 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftFailure {
    /// The lead's id.
    pub lead: String,
    /// The template name.
    pub template: String,
    /// What went wrong (render error with file and line, bad address, I/O).
    pub message: String,
}

/// What every draft of a run shares.
pub(super) struct DraftJob<'a> {
    pub ws: &'a Workspace,
    pub program: &'a Program,
    /// The teams with members (reps).
    pub roster: &'a crate::assign::Roster,
    pub templates: &'a TemplateSet,
    /// The folder drafts go under (the outbox, or the preview folder).
    pub outbox: PathBuf,
    pub as_of: NaiveDate,
    /// The program's role keys (computed once per run).
    pub roles: RoleKeys,
}

/// Renders every pending draft and stages it in `batch` (the caller commits it),
/// marking each written at its final path, or failed.
pub(super) fn render_all(
    job: &DraftJob<'_>,
    batch: &DraftBatch,
    plans: &mut [LeadPlan],
    outcomes: &[Outcome],
    leads: &[Option<Box<Lead>>],
    progress: &dyn Progress,
) -> Vec<DraftFailure> {
    let (_, failures) = each_draft(job, plans, outcomes, leads, |lead, ctx| {
        if ctx.lead.is_empty() {
            ctx.lead = lead.template_fields(&job.program.schema);
        }
        let draft =
            compose_draft(job.templates, &job.outbox, &lead.id, ctx).map_err(|e| e.to_string())?;
        let path = batch
            .stage(&draft.path, draft.contents.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", job.ws.display(&draft.path)))?;
        progress.advance(1);
        Ok((path, ()))
    });
    failures
}

/// Renders every pending draft into memory for the preview folder (`job.outbox`),
/// reusing `memo`'s bytes for drafts whose inputs did not change; nothing is written.
/// Items are marked written at their path in the preview folder, or failed.
pub(super) fn render_previews(
    job: &DraftJob<'_>,
    memo: &RenderMemo,
    plans: &mut [LeadPlan],
    outcomes: &[Outcome],
    leads: &[Option<Box<Lead>>],
) -> (Vec<PreviewDraft>, Vec<DraftFailure>) {
    let sender = SenderInfo::from_config(&job.ws.config.sender);
    let previewer =
        Previewer::new(job.templates, memo, sender, job.as_of).with_schema(&job.program.schema);
    each_draft(job, plans, outcomes, leads, |lead, ctx| {
        let draft = previewer.draft(lead, ctx)?;
        Ok((job.outbox.join(&draft.path), draft))
    })
}

/// Makes every pending draft with `make` (the lead and the draft's context → the
/// draft's full path and what to keep, or a failure message), in parallel across
/// leads; results keep the plans' order, failures are sorted by lead and template.
/// The context's `lead` map starts empty and stays filled once `make` fills it (it is
/// the same for every draft of a lead, and a memo hit does not need it).
fn each_draft<T, F>(
    job: &DraftJob<'_>,
    plans: &mut [LeadPlan],
    outcomes: &[Outcome],
    leads: &[Option<Box<Lead>>],
    make: F,
) -> (Vec<T>, Vec<DraftFailure>)
where
    T: Send,
    F: Fn(&Lead, &mut DraftContext) -> Result<(PathBuf, T), String> + Sync,
{
    let results: Vec<Result<T, DraftFailure>> = plans
        .par_iter_mut()
        .zip(outcomes.par_iter())
        .zip(leads.par_iter())
        .filter_map(|((plan, outcome), lead)| lead.as_deref().map(|l| (plan, outcome, l)))
        .flat_map_iter(|(plan, outcome, lead)| render_lead(job, plan, outcome, lead, &make))
        .collect();
    let mut made = Vec::with_capacity(results.len());
    let mut failures = Vec::new();
    for result in results {
        match result {
            Ok(t) => made.push(t),
            Err(failure) => failures.push(failure),
        }
    }
    failures.sort_by(|a, b| (&a.lead, &a.template).cmp(&(&b.lead, &b.template)));
    (made, failures)
}

fn render_lead<T>(
    job: &DraftJob<'_>,
    plan: &mut LeadPlan,
    outcome: &Outcome,
    lead: &Lead,
    make: &impl Fn(&Lead, &mut DraftContext) -> Result<(PathBuf, T), String>,
) -> Vec<Result<T, DraftFailure>> {
    let scores: BTreeMap<String, f64> = job
        .program
        .score_names
        .iter()
        .cloned()
        .zip(outcome.scores.iter().copied())
        .collect();
    let tier = plan.tier_name.clone();
    let previous_tier = plan.previous_tier.clone();
    let mut results = Vec::new();
    let reps: Vec<(Arc<str>, Arc<RepProfile>)> = plan
        .reps
        .iter()
        .filter_map(|r| {
            let member = job.roster.member(r)?;
            Some((member.team.clone(), member.profile.clone()))
        })
        .collect();
    let rep_of = |team: &str| {
        reps.iter()
            .find(|(t, _)| &**t == team)
            .map(|(_, p)| p.clone())
    };
    // One context per lead: between its drafts only the step and its owner change.
    let mut shared: Option<DraftContext> = None;
    for item in plan.drafts_mut() {
        let ctx = match shared.take() {
            Some(mut ctx) => {
                ctx.owner = OwnerInfo::from_config(&item.owner, &job.ws.config);
                ctx.step = step_info(item);
                ctx
            }
            None => DraftContext {
                roles: job.roles.clone(),
                ..draft_context(
                    &job.ws.config,
                    serde_json::Map::new(),
                    &tier,
                    previous_tier.as_deref(),
                    &scores,
                    item,
                    job.as_of,
                )
            },
        };
        let ctx = shared.insert(ctx);
        ctx.rep = rep_of(&item.owner);
        match make(lead, ctx) {
            Ok((path, made)) => {
                item.mark_written(job.ws.display(&path));
                results.push(Ok(made));
            }
            Err(message) => {
                results.push(Err(DraftFailure {
                    lead: lead.id.clone(),
                    template: item.template.to_string(),
                    message: message.clone(),
                }));
                item.mark_failed(message);
            }
        }
    }
    results
}

/// The template context of one plan item (what `eval` renders and `test` checks).
pub fn draft_context(
    config: &Config,
    lead: serde_json::Map<String, serde_json::Value>,
    tier: &str,
    previous_tier: Option<&str>,
    scores: &BTreeMap<String, f64>,
    item: &PlanItem,
    as_of: NaiveDate,
) -> DraftContext {
    DraftContext {
        lead,
        tier: tier.to_string(),
        previous_tier: previous_tier.map(str::to_string),
        scores: scores.clone(),
        owner: OwnerInfo::from_config(&item.owner, config),
        sender: SenderInfo::from_config(&config.sender),
        step: step_info(item),
        as_of,
        roles: RoleKeys::default(),
        clock: config.clock.clone(),
        rep: None,
    }
}

fn step_info(item: &PlanItem) -> StepInfo {
    StepInfo {
        day: item.day,
        channel: item.channel,
        template: item.template.to_string(),
        variant: item.variant.then(|| item.template.to_string()),
    }
}
