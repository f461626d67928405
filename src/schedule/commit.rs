//! Recording a lead's plan in the state, after its drafts are on disk.

use super::{Action, LeadPlan, PlanItem, Target};
use crate::state::{
    ExitRecord, HandoffRecord, HandoffStatus, LeadState, RecordStatus, State, StepRecord,
};
use std::collections::BTreeMap;

/// Records one lead's plan. Call it after rendering, once every `Draft` item is marked
/// [`written`](PlanItem::mark_written) or [`failed`](PlanItem::mark_failed), then save the
/// state once for the whole run — drafts before state, so the state never claims a draft
/// that is not on disk.
///
/// * `Written` → done (date, owner, path); `Skip` → skipped (date, reason).
/// * `Failed`, `Deferred`, or a `Draft` never rendered → not recorded: due again next run.
///   An unwritten handoff stays *pending* and is offered again.
/// * A transition (or first sight) starts a fresh enrollment on D; `last_run` becomes D.
pub fn apply(state: &mut State, plan: &LeadPlan) {
    let mut lead = match state.get(&plan.id) {
        Some(prev) if !plan.change.is_transition() && *prev.tier == *plan.tier_name => prev.clone(),
        // A new enrollment drops progress, not the lead's reps: they are sticky.
        Some(prev) => LeadState {
            reps: prev.reps.clone(),
            ..fresh(plan)
        },
        None => fresh(plan),
    };
    for rep in &plan.reps {
        if let Some(team) = rep.team() {
            lead.reps.insert(team.to_string(), rep.record());
        }
    }
    lead.last_run = lead.last_run.max(plan.as_of);
    if let Some(rule) = &plan.exit {
        lead.exited = Some(ExitRecord {
            date: plan.as_of,
            rule: rule.to_string(),
        });
    }
    for item in &plan.items {
        match &item.target {
            Target::Step { key } => record_step(&mut lead, key, item, plan),
            Target::Handoff(from) => {
                record_handoff(&mut lead, item, plan, &from.from_tier, &from.from_owner)
            }
        }
    }
    state.insert(lead);
}

fn fresh(plan: &LeadPlan) -> LeadState {
    LeadState {
        id: plan.id.clone(),
        tier: plan.tier_name.to_string(),
        entered: plan.entered,
        steps: BTreeMap::new(),
        handoff: None,
        exited: None,
        reps: BTreeMap::new(),
        last_run: plan.as_of,
    }
}

fn record_step(lead: &mut LeadState, key: &str, item: &PlanItem, plan: &LeadPlan) {
    let record = match &item.action {
        Action::Written(path) => StepRecord {
            status: RecordStatus::Done,
            date: plan.as_of,
            reason: None,
            owner: Some(item.owner.to_string()),
            path: Some(path.clone()),
            variant: item.variant.then(|| item.template.to_string()),
            rep: plan
                .rep_for(&item.owner)
                .and_then(|r| r.id().map(str::to_string)),
        },
        Action::Skip(reason) => StepRecord {
            status: RecordStatus::Skipped,
            date: plan.as_of,
            reason: Some(reason.clone()),
            owner: None,
            path: None,
            variant: item.variant.then(|| item.template.to_string()),
            rep: None,
        },
        Action::Draft | Action::Deferred | Action::Failed(_) => return,
    };
    lead.steps.insert(key.to_string(), record);
}

fn record_handoff(
    lead: &mut LeadState,
    item: &PlanItem,
    plan: &LeadPlan,
    from_tier: &str,
    from_owner: &str,
) {
    // A pending handoff keeps the date of its transition until it is written.
    let pending_since = lead
        .handoff
        .as_ref()
        .filter(|h| h.status == HandoffStatus::Pending)
        .map_or(plan.as_of, |h| h.date);
    let rep = match &item.action {
        Action::Written(_) => plan
            .rep_for(&item.owner)
            .and_then(|r| r.id().map(str::to_string)),
        _ => None,
    };
    let (status, date, reason, path) = match &item.action {
        Action::Written(path) => (HandoffStatus::Done, plan.as_of, None, Some(path.clone())),
        Action::Skip(reason) => (
            HandoffStatus::Skipped,
            plan.as_of,
            Some(reason.clone()),
            None,
        ),
        Action::Draft | Action::Deferred | Action::Failed(_) => {
            (HandoffStatus::Pending, pending_since, None, None)
        }
    };
    lead.handoff = Some(HandoffRecord {
        status,
        date,
        from_tier: from_tier.to_string(),
        from_owner: from_owner.to_string(),
        owner: item.owner.to_string(),
        reason,
        path,
        rep,
    });
}
