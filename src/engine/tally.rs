//! The run summary, and per-lead reports made on demand from the plans.

use crate::eval::Program;
use crate::outbox::draft_path;
use crate::plan::Outcome;
use crate::report::{DraftReport, LeadReport, Scores, Summary};
use crate::schedule::{
    Action, CapacityReport, Change, LeadPlan, PlanItem, Target, balance_warnings,
};
use std::collections::BTreeMap;
use std::path::Path;

/// Fills the summary's counts from the plans (after drafts were made).
pub(super) fn summarize(
    program: &Program,
    plans: &[LeadPlan],
    outcomes: &[Outcome],
    capacity: &CapacityReport,
    summary: &mut Summary,
) {
    let mut tier_counts = vec![0usize; program.tiers.len()];
    let mut unsuppressed = vec![0usize; program.tiers.len()];
    let mut suppressed = vec![0usize; program.suppress_rules.len()];
    // Borrowed keys while counting: no allocation per draft.
    let mut drafts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for (plan, outcome) in plans.iter().zip(outcomes) {
        if let Some(n) = tier_counts.get_mut(plan.tier) {
            *n += 1;
        }
        match outcome.suppressed_by {
            Some(i) => {
                if let Some(n) = suppressed.get_mut(i) {
                    *n += 1;
                }
            }
            None => {
                if let Some(n) = unsuppressed.get_mut(plan.tier) {
                    *n += 1;
                }
            }
        }
        count_change(plan, summary);
        for item in plan.items.iter().filter(|i| is_made(i)) {
            *drafts
                .entry((&*item.owner, item.channel.name()))
                .or_default() += 1;
            if matches!(item.target, Target::Handoff { .. }) {
                summary.handoffs += 1;
            }
        }
    }
    for ((owner, channel), n) in drafts {
        summary
            .drafts
            .entry(owner.to_string())
            .or_default()
            .insert(channel.to_string(), n);
    }
    summary.leads_read = plans.len() + summary.row_errors;
    summary.tiers = program.tiers.iter().cloned().zip(tier_counts).collect();
    summary.suppressed = program
        .suppress_rules
        .iter()
        .cloned()
        .zip(suppressed)
        .filter(|(_, n)| *n > 0)
        .collect();
    summary.deferred = capacity
        .deferred
        .iter()
        .map(|(owner, n)| (owner.clone(), *n as usize))
        .collect();
    summary.balance_warnings = balance_warnings(
        &program.tiers,
        &unsuppressed,
        unsuppressed.iter().sum(),
        &program.balance,
    );
}

fn count_change(plan: &LeadPlan, summary: &mut Summary) {
    match plan.change {
        Change::FirstSeen => summary.new_leads += 1,
        Change::Stayed => {}
        Change::WarmUp | Change::CoolDown | Change::Moved => {
            if plan.change == Change::WarmUp {
                summary.warm_ups += 1;
            } else if plan.change == Change::CoolDown {
                summary.cool_downs += 1;
            }
            let from = plan.previous_tier.clone().unwrap_or_default();
            *summary
                .transitions
                .entry((from, plan.tier_name.clone()))
                .or_default() += 1;
        }
    }
}

/// A draft that was written, or that a dry run would write; skipped, deferred and
/// failed items are not drafts.
pub(super) fn is_made(item: &PlanItem) -> bool {
    matches!(item.action, Action::Written(_) | Action::Draft)
}

/// One lead's report. With `paths: Some((workspace root, draft root))` every draft
/// carries its workspace-relative path; with `None` paths are left empty.
pub(super) fn report(
    score_names: &[String],
    paths: Option<(&Path, &Path)>,
    plan: &LeadPlan,
    outcome: &Outcome,
) -> LeadReport {
    let drafts = plan
        .items
        .iter()
        .filter(|i| is_made(i))
        .map(|item| DraftReport {
            template: item.template.to_string(),
            channel: item.channel.name().to_string(),
            owner: item.owner.to_string(),
            day: match item.target {
                Target::Step { .. } => item.day,
                Target::Handoff { .. } => 0,
            },
            path: paths
                .map(|p| draft_location(p, plan, item))
                .unwrap_or_default(),
        })
        .collect();
    LeadReport {
        id: plan.id.clone(),
        tier: plan.tier_name.clone(),
        previous_tier: plan.previous_tier.clone(),
        scores: Scores(
            score_names
                .iter()
                .cloned()
                .zip(outcome.scores.iter().copied())
                .collect(),
        ),
        suppressed: plan.suppressed_by.is_some(),
        suppressed_by: plan.suppressed_by.clone(),
        drafts,
    }
}

/// Where the draft is (written) or would be (dry run), relative to the workspace.
fn draft_location((root, draft_root): (&Path, &Path), plan: &LeadPlan, item: &PlanItem) -> String {
    if let Action::Written(path) = &item.action {
        return path.clone();
    }
    let path = draft_path(
        draft_root,
        plan.as_of,
        &item.owner,
        &plan.id,
        &item.template,
        item.channel.extension(),
    );
    let shown = path.strip_prefix(root).unwrap_or(&path);
    shown.to_string_lossy().replace('\\', "/")
}
