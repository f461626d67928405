//! Rendering and writing the drafts that are due, in parallel across leads.

use crate::config::Config;
use crate::eval::Program;
use crate::leads::Lead;
use crate::plan::Outcome;
use crate::render::{DraftContext, OwnerInfo, SenderInfo, StepInfo, TemplateSet, compose_draft};
use crate::schedule::{LeadPlan, PlanItem};
use crate::workspace::Workspace;
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
    pub templates: &'a TemplateSet,
    /// The folder drafts go under (the outbox, or the preview folder).
    pub outbox: PathBuf,
    /// Each draft written atomically and synced (the outbox). A preview folder is
    /// swapped in whole by `watch`, so its drafts need neither: syncing thousands of
    /// files would cost seconds on every reload.
    pub durable: bool,
    pub as_of: NaiveDate,
}

/// Renders and writes every pending draft, marking each written or failed.
pub(super) fn render_all(
    job: &DraftJob<'_>,
    plans: &mut [LeadPlan],
    outcomes: &[Outcome],
    leads: &[Option<Box<Lead>>],
) -> Vec<DraftFailure> {
    let mut failures: Vec<DraftFailure> = plans
        .par_iter_mut()
        .zip(outcomes.par_iter())
        .zip(leads.par_iter())
        .filter_map(|((plan, outcome), lead)| lead.as_deref().map(|l| (plan, outcome, l)))
        .flat_map_iter(|(plan, outcome, lead)| render_lead(job, plan, outcome, lead))
        .collect();
    failures.sort_by(|a, b| (&a.lead, &a.template).cmp(&(&b.lead, &b.template)));
    failures
}

fn render_lead(
    job: &DraftJob<'_>,
    plan: &mut LeadPlan,
    outcome: &Outcome,
    lead: &Lead,
) -> Vec<DraftFailure> {
    let fields = lead.all_fields();
    let scores: BTreeMap<String, f64> = job
        .program
        .score_names
        .iter()
        .cloned()
        .zip(outcome.scores.iter().copied())
        .collect();
    let tier = plan.tier_name.clone();
    let previous_tier = plan.previous_tier.clone();
    let mut failures = Vec::new();
    for item in plan.drafts_mut() {
        let ctx = draft_context(
            &job.ws.config,
            fields.clone(),
            &tier,
            previous_tier.as_deref(),
            &scores,
            item,
            job.as_of,
        );
        if let Err(message) = write_one(job, &lead.id, &ctx, item) {
            failures.push(DraftFailure {
                lead: lead.id.clone(),
                template: item.template.to_string(),
                message: message.clone(),
            });
            item.mark_failed(message);
        }
    }
    failures
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
        sender: SenderInfo::from(&config.sender),
        step: StepInfo {
            day: item.day,
            channel: item.channel,
            template: item.template.to_string(),
        },
        as_of,
    }
}

fn write_one(
    job: &DraftJob<'_>,
    lead_id: &str,
    ctx: &DraftContext,
    item: &mut PlanItem,
) -> Result<(), String> {
    let draft =
        compose_draft(job.templates, &job.outbox, lead_id, ctx).map_err(|e| e.to_string())?;
    let written = if job.durable {
        draft.write()
    } else {
        write_plain(&draft.path, draft.contents.as_bytes())
    };
    written.map_err(|e| format!("cannot write `{}`: {e}", job.ws.display(&draft.path)))?;
    item.mark_written(job.ws.display(&draft.path));
    Ok(())
}

/// Writes a file without temp file or sync, creating its folders.
fn write_plain(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    std::fs::write(path, bytes)
}
