//! The run summary, and per-lead reports made on demand from the plans.

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

/// One draft made (or that a dry run would make), as the summary counts it.
struct MadeDraft<'a> {
    owner: &'a str,
    channel: &'static str,
    handoff: bool,
    /// The template, when it is the lead's A/B variant.
    variant: Option<&'a str>,
    /// The rep's member id, when the owner is a team with members.
    rep: Option<&'a str>,
}

/// The plan's drafts made, in item order.
fn made_drafts(plan: &LeadPlan) -> impl Iterator<Item = MadeDraft<'_>> {
    plan.items
        .iter()
        .filter(|i| is_made(i))
        .map(|item| MadeDraft {
            owner: &item.owner,
            channel: item.channel.name(),
            handoff: matches!(item.target, Target::Handoff(_)),
            variant: item.variant.then_some(&*item.template),
            rep: plan.rep_for(&item.owner).and_then(|r| r.id()),
        })
}

/// [`DraftCounts`] with owned keys, shaped like the summary's maps.
#[derive(Default)]
struct OwnedDraftCounts {
    drafts: NestedCounts,
    variants: Counts,
    reps: NestedCounts,
    handoffs: usize,
}

impl OwnedDraftCounts {
    fn count(&mut self, draft: &MadeDraft<'_>) {
        bump_nested(&mut self.drafts, draft.owner, draft.channel, 1);
        if draft.handoff {
            self.handoffs += 1;
        }
        if let Some(template) = draft.variant {
            bump_named(&mut self.variants, template, 1);
        }
        if let Some(rep) = draft.rep {
            bump_nested(&mut self.reps, draft.owner, rep, 1);
        }
    }

    fn add(&mut self, other: OwnedDraftCounts) {
        merge_counts(
            (&mut self.drafts, &mut self.variants, &mut self.reps),
            &other,
        );
        self.handoffs += other.handoffs;
    }

    /// Adds the counts to the summary's.
    fn fill(&self, summary: &mut Summary) {
        merge_counts(
            (
                &mut summary.drafts,
                &mut summary.variants,
                &mut summary.reps,
            ),
            self,
        );
        summary.handoffs += self.handoffs;
    }
}

type Counts = BTreeMap<String, usize>;
type NestedCounts = BTreeMap<String, Counts>;

/// Adds `from`'s drafts, variants and reps to `into`'s.
fn merge_counts(
    (drafts, variants, reps): (&mut NestedCounts, &mut Counts, &mut NestedCounts),
    from: &OwnedDraftCounts,
) {
    for (into, from) in [(drafts, &from.drafts), (reps, &from.reps)] {
        for (outer, inner) in from {
            for (name, &n) in inner {
                bump_nested(into, outer, name, n);
            }
        }
    }
    for (template, &n) in &from.variants {
        bump_named(variants, template, n);
    }
}

/// Adds `n` under `name`, allocating the key only the first time.
fn bump_named(map: &mut Counts, name: &str, n: usize) {
    match map.get_mut(name) {
        Some(count) => *count += n,
        None => {
            map.insert(name.to_string(), n);
        }
    }
}

/// Adds `n` under `outer` → `inner`, allocating keys only the first time.
fn bump_nested(map: &mut NestedCounts, outer: &str, inner: &str, n: usize) {
    match map.get_mut(outer) {
        Some(inner_map) => bump_named(inner_map, inner, n),
        None => {
            map.insert(outer.to_string(), BTreeMap::from([(inner.to_string(), n)]));
        }
    }
}

/// The counts of the drafts made. Keys are borrowed from the plans: no allocation per
/// draft.
#[derive(Default)]
struct DraftCounts<'a> {
    /// (owner, channel) → drafts.
    drafts: BTreeMap<(&'a str, &'a str), usize>,
    /// A/B variant template → drafts.
    variants: BTreeMap<&'a str, usize>,
    /// (team, member id) → drafts of that rep.
    reps: BTreeMap<(&'a str, &'a str), usize>,
    handoffs: usize,
}

impl<'a> DraftCounts<'a> {
    fn count(&mut self, plan: &'a LeadPlan) {
        for draft in made_drafts(plan) {
            *self.drafts.entry((draft.owner, draft.channel)).or_default() += 1;
            if draft.handoff {
                self.handoffs += 1;
            }
            if let Some(template) = draft.variant {
                *self.variants.entry(template).or_default() += 1;
            }
            if let Some(rep) = draft.rep {
                *self.reps.entry((draft.owner, rep)).or_default() += 1;
            }
        }
    }

    fn add(mut self, other: DraftCounts<'a>) -> DraftCounts<'a> {
        for (key, n) in other.drafts {
            *self.drafts.entry(key).or_default() += n;
        }
        for (key, n) in other.variants {
            *self.variants.entry(key).or_default() += n;
        }
        for (key, n) in other.reps {
            *self.reps.entry(key).or_default() += n;
        }
        self.handoffs += other.handoffs;
        self
    }

    /// Adds the counts that are keyed by name to the summary.
    fn fill(&self, summary: &mut Summary) {
        for (&(owner, channel), &n) in &self.drafts {
            bump_nested(&mut summary.drafts, owner, channel, n);
        }
        for (&template, &n) in &self.variants {
            bump_named(&mut summary.variants, template, n);
        }
        for (&(team, rep), &n) in &self.reps {
            bump_nested(&mut summary.reps, team, rep, n);
        }
        summary.handoffs += self.handoffs;
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
