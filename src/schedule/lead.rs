//! One lead's day: transition, handoff, exit, and the due steps (SPEC 3.4).

use super::{Action, Change, HandoffFrom, LeadInput, LeadPlan, PlanItem, ScheduleContext, Target};
use crate::program::{Channel, CondId, PlaybookPlan, StepPlan, Truth};
use crate::state::{HandoffStatus, LeadState, StepRecord};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The part of the previous state that still counts: the current enrollment.
/// A transition drops it all (earlier progress belongs to the old tier).
struct Enrollment<'s> {
    entered: chrono::NaiveDate,
    steps: Option<&'s BTreeMap<String, StepRecord>>,
    already_exited: bool,
    pending_handoff: Option<&'s crate::state::HandoffRecord>,
}

thread_local! {
    /// [`plan_lead`]'s item buffer, reused from lead to lead on each thread.
    static GATHER: RefCell<Vec<PlanItem>> = const { RefCell::new(Vec::new()) };
}

/// Decides what is due for one lead on `ctx.as_of`.
///
/// * A tier different from the state's is a transition: enrolled on D, progress dropped.
/// * A handoff is due on a transition when the new tier's playbook has one and its owner
///   differs from the previous tier's playbook owner (no previous playbook, or a lead seen
///   for the first time: no handoff). A handoff that could not be written stays pending
///   in the state and is offered again on later runs in the same tier.
/// * An `exit when` that is *true* ends the playbook today: no step is due from then on,
///   not even missed ones (the exit condition describes the lead as it is now).
/// * Every step with `day ≤ D − entered` not yet done or skipped is due, so a gap between
///   runs is caught up in one go. A `when C` step is drafted when C is true; an
///   `unless C` step when C is false. Anything else — including *unknown* for either —
///   is skipped with the reason, in line with "a rule fires only when true".
/// * A suppressed lead's due steps and handoff are skipped with the suppress rule.
pub fn plan_lead(
    ctx: &ScheduleContext<'_>,
    prev: Option<&LeadState>,
    lead: &LeadInput<'_>,
    cond: &dyn Fn(CondId) -> Truth,
) -> LeadPlan {
    let playbook = ctx.playbook_for(lead.tier);
    let tier_name = tier_name(ctx, lead.tier, playbook);
    let change = change(ctx, prev, lead, &tier_name);
    let enrollment = enrollment(ctx, prev, change);
    let suppression = lead
        .suppressed_by
        .map(|rule| format!("suppressed by `{rule}`"));

    let mut exit = None;
    // Items are gathered in a buffer the thread reuses, then moved into a Vec of the
    // exact size: a growing Vec reserves room for four items at first, and most leads
    // have one (a million plans kept ~360 MB of unused room that way).
    let items = GATHER.with_borrow_mut(|gathered| {
        gathered.clear();
        gathered.extend(handoff_item(
            ctx,
            prev,
            change,
            &enrollment,
            playbook,
            &suppression,
        ));
        if let Some(playbook) = playbook.filter(|_| !enrollment.already_exited) {
            exit = fired_exit(playbook, cond);
            if exit.is_none() {
                let elapsed = ctx.due_through(playbook, enrollment.entered);
                let who = (lead.id, &*tier_name);
                push_due_steps(
                    gathered,
                    playbook,
                    &enrollment,
                    elapsed,
                    &suppression,
                    who,
                    cond,
                );
            }
        }
        let mut items = Vec::with_capacity(gathered.len());
        items.append(gathered); // moves them; the buffer keeps its room
        items
    });
    LeadPlan {
        id: lead.id.to_string(),
        tier: lead.tier,
        tier_name,
        previous_tier: prev.map(|p| shared_name(ctx, &p.tier)),
        change,
        entered: enrollment.entered,
        as_of: ctx.as_of,
        first_score: lead.first_score,
        suppressed_by: lead.suppressed_by.cloned(),
        exit,
        items,
        reps: Vec::new(),
    }
}

fn tier_name(ctx: &ScheduleContext<'_>, tier: usize, playbook: Option<&PlaybookPlan>) -> Arc<str> {
    ctx.tier_names
        .get(tier)
        .cloned()
        .or_else(|| playbook.map(|p| Arc::from(p.tier_name.as_str())))
        .unwrap_or_else(|| Arc::from(format!("tier #{tier}")))
}

fn change(
    ctx: &ScheduleContext<'_>,
    prev: Option<&LeadState>,
    lead: &LeadInput<'_>,
    tier_name: &str,
) -> Change {
    let Some(prev) = prev else {
        return Change::FirstSeen;
    };
    if prev.tier == tier_name {
        return Change::Stayed;
    }
    match ctx.tier_id(&prev.tier) {
        // Heat order: a smaller id is hotter.
        Some(old) if lead.tier < old => Change::WarmUp,
        Some(_) => Change::CoolDown,
        None => Change::Moved,
    }
}

fn enrollment<'s>(
    ctx: &ScheduleContext<'_>,
    prev: Option<&'s LeadState>,
    change: Change,
) -> Enrollment<'s> {
    match prev.filter(|_| change == Change::Stayed) {
        Some(p) => Enrollment {
            entered: p.entered,
            steps: Some(&p.steps),
            already_exited: p.exited.is_some(),
            pending_handoff: p
                .handoff
                .as_ref()
                .filter(|h| h.status == HandoffStatus::Pending),
        },
        None => Enrollment {
            entered: ctx.as_of,
            steps: None,
            already_exited: false,
            pending_handoff: None,
        },
    }
}

fn handoff_item(
    ctx: &ScheduleContext<'_>,
    prev: Option<&LeadState>,
    change: Change,
    enrollment: &Enrollment<'_>,
    playbook: Option<&PlaybookPlan>,
    suppression: &Option<String>,
) -> Option<PlanItem> {
    let playbook = playbook?;
    let (from_tier, from_owner) = if change.is_transition() {
        let from_tier = prev?.tier.clone();
        let from_owner = ctx
            .tier_id(&from_tier)
            .and_then(|id| ctx.playbook_for(id))?
            .owner
            .clone();
        if from_owner == playbook.owner {
            return None;
        }
        (from_tier, from_owner)
    } else {
        let pending = enrollment.pending_handoff?;
        (pending.from_tier.clone(), pending.from_owner.clone())
    };
    let action = match (&playbook.handoff, suppression) {
        (None, _) if !change.is_transition() => Action::Skip(format!(
            "the `{}` playbook no longer has a handoff",
            playbook.tier_name
        )),
        (None, _) => return None,
        (Some(_), Some(reason)) => Action::Skip(reason.clone()),
        (Some(_), None) => Action::Draft,
    };
    Some(PlanItem {
        target: Target::Handoff(Box::new(HandoffFrom {
            from_tier,
            from_owner,
        })),
        day: 0,
        channel: Channel::Handoff,
        template: playbook.handoff.as_deref().unwrap_or_default().into(),
        variant: false,
        owner: playbook.owner.as_str().into(),
        action,
    })
}

fn fired_exit(playbook: &PlaybookPlan, cond: &dyn Fn(CondId) -> Truth) -> Option<Arc<str>> {
    playbook
        .exits
        .iter()
        .find(|(id, _)| cond(*id).is_true())
        .map(|(_, text)| Arc::clone(text))
}

/// A tier name from the state, shared with the program's copy when the tier still
/// exists (most leads keep their tier: no allocation for them).
fn shared_name(ctx: &ScheduleContext<'_>, name: &str) -> Arc<str> {
    ctx.tier_id(name)
        .and_then(|id| ctx.tier_names.get(id))
        .cloned()
        .unwrap_or_else(|| Arc::from(name))
}

/// Appends the due steps to `items` (the caller's reused buffer: no Vec per lead).
fn push_due_steps(
    items: &mut Vec<PlanItem>,
    playbook: &PlaybookPlan,
    enrollment: &Enrollment<'_>,
    elapsed: i64,
    suppression: &Option<String>,
    (lead_key, tier): (&str, &str),
    cond: &dyn Fn(CondId) -> Truth,
) {
    let recorded = |key: &str| enrollment.steps.is_some_and(|s| s.contains_key(key));
    let due = playbook
        .steps
        .iter()
        .filter(|step| i64::from(step.day) <= elapsed && !recorded(&step.key));
    items.extend(due.map(|step| {
        let (template, variant) = step.template_for(lead_key, tier);
        PlanItem {
            target: Target::Step {
                key: step.key.clone(),
            },
            day: step.day,
            channel: step.channel,
            template: template.clone(),
            variant,
            owner: step.owner.clone(),
            action: match suppression {
                Some(reason) => Action::Skip(reason.clone()),
                None => guard_action(step, cond),
            },
        }
    }));
}

/// `when C` drafts on true; `unless C` drafts on false; unknown never drafts.
fn guard_action(step: &StepPlan, cond: &dyn Fn(CondId) -> Truth) -> Action {
    let Some(guard) = step.guard else {
        return Action::Draft;
    };
    let text = match &step.guard_text {
        Some(t) => format!("condition `{t}`"),
        None => "the step's condition".to_string(),
    };
    match (cond(guard), step.negated) {
        (Truth::True, false) | (Truth::False, true) => Action::Draft,
        (Truth::Unknown, _) => Action::Skip(format!(
            "{text} could not be decided: a value it needs is missing"
        )),
        _ => Action::Skip(format!("{text} did not hold")),
    }
}
