//! The run summary, and per-lead reports made on demand from the plans.

use super::draft_counts::{DraftCounts, OwnedDraftCounts, made_drafts};
use crate::outbox::draft_path;
use crate::program::Outcome;
use crate::program::Program;
use crate::report::{DraftReport, LeadReport, Scores, Summary};
use crate::schedule::{
    Action, CapacityReport, Change, LeadPlan, PlanItem, Target, balance_warnings,
};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// Fills the summary's counts after drafts were made: `finished` holds the counts of
/// the leads a streamed run already let go (none for a run that keeps every lead), and
/// `accepted` is how many leads the run took in all. Slices of plans are counted in
/// parallel and the counts added up.
pub(super) fn summarize(
    program: &Program,
    plans: &[LeadPlan],
    outcomes: &[Outcome],
    finished: LeadCounts,
    capacity: &CapacityReport,
    summary: &mut Summary,
) {
    let empty = || Tally::new(program);
    let tally = plans
        .par_chunks(TALLY_SLICE)
        .zip(outcomes.par_chunks(TALLY_SLICE))
        .fold(empty, |mut tally, (plans, outcomes)| {
            for (plan, outcome) in plans.iter().zip(outcomes) {
                tally.leads.count(plan, outcome);
                tally.drafts.count(plan);
            }
            tally
        })
        .reduce(empty, Tally::add);
    let leads = tally.leads.add(finished);
    tally.drafts.fill(summary);
    leads.fill(summary);
    summary.leads_read = leads.total + summary.row_errors;
    summary.tiers = program
        .tiers
        .iter()
        .map(|t| t.to_string())
        .zip(leads.tiers)
        .collect();
    summary.suppressed = program
        .suppress_rules
        .iter()
        .map(|r| r.to_string())
        .zip(leads.suppressed)
        .filter(|(_, n)| *n > 0)
        .collect();
    summary.deferred = capacity
        .deferred
        .iter()
        .map(|(owner, n)| (owner.clone(), *n as usize))
        .collect();
    summary.balance_warnings = balance_warnings(
        &program.tiers,
        &leads.unsuppressed,
        leads.unsuppressed.iter().sum(),
        &program.balance,
    );
}

/// Plans counted on one thread.
const TALLY_SLICE: usize = 16 * 1024;

/// The counts of some plans.
struct Tally<'a> {
    leads: LeadCounts,
    drafts: DraftCounts<'a>,
}

impl<'a> Tally<'a> {
    fn new(program: &Program) -> Tally<'a> {
        Tally {
            leads: LeadCounts::new(program),
            drafts: DraftCounts::default(),
        }
    }

    fn add(self, other: Tally<'a>) -> Tally<'a> {
        Tally {
            leads: self.leads.add(other.leads),
            drafts: self.drafts.add(other.drafts),
        }
    }
}

/// What is counted per lead, whatever its drafts: owned, so a streamed run can count a
/// lead and let it go.
pub(super) struct LeadCounts {
    /// Leads counted.
    total: usize,
    tiers: Vec<usize>,
    /// Per tier, leads not suppressed (the balance shares).
    unsuppressed: Vec<usize>,
    /// Per suppress rule.
    suppressed: Vec<usize>,
    /// (from, to) → leads. The names are shared with the program and the state.
    transitions: BTreeMap<(Arc<str>, Arc<str>), usize>,
    new_leads: usize,
    warm_ups: usize,
    cool_downs: usize,
    /// The drafts of leads a streamed run let go with drafts (their plans are gone by
    /// the end, so the counts are owned; kept leads are counted by [`DraftCounts`]).
    let_go_drafts: OwnedDraftCounts,
}

impl LeadCounts {
    pub(super) fn new(program: &Program) -> LeadCounts {
        LeadCounts {
            total: 0,
            tiers: vec![0; program.tiers.len()],
            unsuppressed: vec![0; program.tiers.len()],
            suppressed: vec![0; program.suppress_rules.len()],
            transitions: BTreeMap::new(),
            new_leads: 0,
            warm_ups: 0,
            cool_downs: 0,
            let_go_drafts: OwnedDraftCounts::default(),
        }
    }

    /// Counts a lead a streamed run lets go: the lead and its drafts.
    pub(super) fn count_let_go(&mut self, plan: &LeadPlan, outcome: &Outcome) {
        self.count(plan, outcome);
        for draft in made_drafts(plan) {
            self.let_go_drafts.count(&draft);
        }
    }

    pub(super) fn count(&mut self, plan: &LeadPlan, outcome: &Outcome) {
        self.total += 1;
        bump(&mut self.tiers, plan.tier);
        match outcome.suppressed_by {
            Some(rule) => bump(&mut self.suppressed, rule),
            None => bump(&mut self.unsuppressed, plan.tier),
        }
        match plan.change {
            Change::FirstSeen => self.new_leads += 1,
            Change::Stayed => {}
            Change::WarmUp | Change::CoolDown | Change::Moved => {
                if plan.change == Change::WarmUp {
                    self.warm_ups += 1;
                } else if plan.change == Change::CoolDown {
                    self.cool_downs += 1;
                }
                let from = plan.previous_tier.clone().unwrap_or_else(|| Arc::from(""));
                let to = plan.tier_name.clone();
                *self.transitions.entry((from, to)).or_default() += 1;
            }
        }
    }

    fn add(mut self, other: LeadCounts) -> LeadCounts {
        let sum =
            |a: &mut Vec<usize>, b: Vec<usize>| a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
        self.total += other.total;
        sum(&mut self.tiers, other.tiers);
        sum(&mut self.unsuppressed, other.unsuppressed);
        sum(&mut self.suppressed, other.suppressed);
        for (key, n) in other.transitions {
            *self.transitions.entry(key).or_default() += n;
        }
        self.new_leads += other.new_leads;
        self.warm_ups += other.warm_ups;
        self.cool_downs += other.cool_downs;
        self.let_go_drafts.add(other.let_go_drafts);
        self
    }

    /// Adds the transitions and the counts of new and moved leads to the summary.
    fn fill(&self, summary: &mut Summary) {
        for ((from, to), &n) in &self.transitions {
            *summary
                .transitions
                .entry((from.to_string(), to.to_string()))
                .or_default() += n;
        }
        summary.new_leads += self.new_leads;
        summary.warm_ups += self.warm_ups;
        summary.cool_downs += self.cool_downs;
        self.let_go_drafts.fill(summary);
    }
}

fn bump(counts: &mut [usize], index: usize) {
    if let Some(n) = counts.get_mut(index) {
        *n += 1;
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
                Target::Handoff(_) => 0,
            },
            path: paths
                .map(|p| draft_location(p, plan, item))
                .unwrap_or_default(),
            variant: item.variant.then(|| item.template.to_string()),
            rep: plan
                .rep_for(&item.owner)
                .and_then(|r| r.id().map(str::to_string)),
        })
        .collect();
    LeadReport {
        id: plan.id.clone(),
        tier: plan.tier_name.to_string(),
        previous_tier: plan.previous_tier.as_deref().map(str::to_string),
        scores: Scores(
            score_names
                .iter()
                .cloned()
                .zip(outcome.scores.iter().copied())
                .collect(),
        ),
        suppressed: plan.suppressed_by.is_some(),
        suppressed_by: plan.suppressed_by.as_deref().map(str::to_string),
        drafts,
    }
}

/// Where the draft is (written) or would be (dry run), relative to the workspace.
fn draft_location((root, draft_root): (&Path, &Path), plan: &LeadPlan, item: &PlanItem) -> String {
    if let Action::Written(path) = &item.action {
        return path.clone();
    }
    let mut path = draft_path(
        draft_root,
        plan.as_of,
        &item.owner,
        &plan.id,
        &item.template,
        item.channel.extension(),
    );
    // A rep's drafts sit in the member's folder under the team's.
    if let (Some(id), Some(name)) = (
        plan.rep_for(&item.owner).and_then(|r| r.id()),
        path.file_name().map(|n| n.to_os_string()),
    ) {
        path.set_file_name(crate::outbox::safe_component(id));
        path.push(name);
    }
    let shown = path.strip_prefix(root).unwrap_or(&path);
    shown.to_string_lossy().replace('\\', "/")
}
