//! Per-lead reports and the run summary, from the plans after drafts were made.

use crate::eval::Program;
use crate::outbox::draft_path;
use crate::plan::Outcome;
use crate::report::{DraftReport, LeadReport, Scores, Summary};
use crate::schedule::{
    Action, CapacityReport, Change, LeadPlan, PlanItem, Target, balance_warnings,
};
use crate::workspace::Workspace;
use std::path::Path;

/// Builds one report per lead (in plan order) and fills the summary's counts.
pub(super) fn tally(
    ws: &Workspace,
    program: &Program,
    draft_root: &Path,
    plans: &[LeadPlan],
    outcomes: &[Outcome],
    capacity: &CapacityReport,
    summary: &mut Summary,
) -> Vec<LeadReport> {
    let mut tier_counts = vec![0usize; program.tiers.len()];
    let mut suppressed = vec![0usize; program.suppress_rules.len()];
    let mut reports = Vec::with_capacity(plans.len());
    for (plan, outcome) in plans.iter().zip(outcomes) {
        if let Some(n) = tier_counts.get_mut(plan.tier) {
            *n += 1;
        }
        if let Some(n) = outcome.suppressed_by.and_then(|i| suppressed.get_mut(i)) {
            *n += 1;
        }
        count_change(plan, summary);
        let drafts: Vec<DraftReport> = plan
            .items
            .iter()
            .filter_map(|item| draft_report(ws, draft_root, plan, item))
            .collect();
        for d in &drafts {
            *summary
                .drafts
                .entry(d.owner.clone())
                .or_default()
                .entry(d.channel.clone())
                .or_default() += 1;
            if d.channel == "handoff" {
                summary.handoffs += 1;
            }
        }
        reports.push(LeadReport {
            id: plan.id.clone(),
            tier: plan.tier_name.clone(),
            previous_tier: plan.previous_tier.clone(),
            scores: Scores(
                program
                    .score_names
                    .iter()
                    .cloned()
                    .zip(outcome.scores.iter().copied())
                    .collect(),
            ),
            suppressed: plan.suppressed_by.is_some(),
            suppressed_by: plan.suppressed_by.clone(),
            drafts,
        });
    }
    summary.leads_read = plans.len() + summary.row_errors;
    summary.tiers = program
        .tiers
        .iter()
        .cloned()
        .zip(tier_counts.iter().copied())
        .collect();
    summary.suppressed = program
        .suppress_rules
        .iter()
        .cloned()
        .zip(suppressed.iter().copied())
        .filter(|(_, n)| *n > 0)
        .collect();
    summary.deferred = capacity
        .deferred
        .iter()
        .map(|(owner, n)| (owner.clone(), *n as usize))
        .collect();
    let unsuppressed: Vec<usize> = unsuppressed_per_tier(program, plans);
    summary.balance_warnings = balance_warnings(
        &program.tiers,
        &unsuppressed,
        unsuppressed.iter().sum(),
        &program.balance,
    );
    reports
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

/// A made (or, in a dry run, a would-be) draft; skipped, deferred and failed items are not.
fn draft_report(
    ws: &Workspace,
    draft_root: &Path,
    plan: &LeadPlan,
    item: &PlanItem,
) -> Option<DraftReport> {
    let path = match &item.action {
        Action::Written(path) => path.clone(),
        Action::Draft => ws.display(&draft_path(
            draft_root,
            plan.as_of,
            &item.owner,
            &plan.id,
            &item.template,
            item.channel.extension(),
        )),
        Action::Skip(_) | Action::Deferred | Action::Failed(_) => return None,
    };
    let day = match item.target {
        Target::Step { .. } => item.day,
        Target::Handoff { .. } => 0,
    };
    Some(DraftReport {
        template: item.template.clone(),
        channel: item.channel.name().to_string(),
        owner: item.owner.clone(),
        day,
        path,
    })
}

fn unsuppressed_per_tier(program: &Program, plans: &[LeadPlan]) -> Vec<usize> {
    let mut counts = vec![0usize; program.tiers.len()];
    for plan in plans.iter().filter(|p| p.suppressed_by.is_none()) {
        if let Some(n) = counts.get_mut(plan.tier) {
            *n += 1;
        }
    }
    counts
}
