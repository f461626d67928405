//! The `balance` block's `OWNER at most N per day`: which drafts go out today and
//! which wait for the next run.

use super::LeadPlan;
use super::owner_limits::OwnerLimits;
use crate::program::{BalancePlan, TierId};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What capacity deferred in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapacityReport {
    /// Owner → drafts deferred to the next run.
    pub deferred: BTreeMap<String, u32>,
}

#[cfg(test)]
impl CapacityReport {
    /// All deferred drafts.
    pub fn total(&self) -> u32 {
        self.deferred.values().sum()
    }
}

/// Keeps every owner within `OWNER at most N per day`: drafts beyond the limit become
/// [`Action::Deferred`] (not recorded, so due again next run).
///
/// `used_today` is what the state already holds for D ([`State::drafts_on`]), so running
/// twice on one day cannot exceed the limit. Handoff notes are drafts for the new owner
/// and count against that owner's capacity. Skips cost nothing.
///
/// Who goes first: hottest tier, then the first declared score (highest first, leads
/// without one last), then id; within a lead, its handoff and then its steps by day.
///
/// [`State::drafts_on`]: crate::state::State::drafts_on
#[cfg(test)]
pub fn apply_capacity(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
) -> CapacityReport {
    let in_id_order = plans.is_sorted_by(|a, b| a.id <= b.id);
    capacity_pass(plans, balance, used_today, in_id_order)
}

/// [`apply_capacity`] for plans the caller keeps in id order (the engine sorts them):
/// ties are broken by position without comparing ids or checking the order again.
pub fn apply_capacity_in_id_order(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
) -> CapacityReport {
    capacity_pass(plans, balance, used_today, true)
}

/// The capacity rule, plainly: sort the leads with a draft for a limited owner by
/// hottest tier, then first score (highest first, none last), then id, and serve their
/// drafts in that order while the owner (and the lead's rep) has room; the rest wait.
/// The three steps below are that rule with the speed tricks named.
fn capacity_pass(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
    by_index: bool,
) -> CapacityReport {
    let mut limits = OwnerLimits::new(balance, used_today);
    if limits.owners.is_empty() {
        return CapacityReport::default();
    }
    let mut order = competing_leads(plans, &limits, by_index);
    let waiting = serve_front_of_queue(&mut order, plans, &mut limits);
    if !waiting.is_empty() {
        defer_waiting(waiting, plans, &mut limits);
    }
    limits.report()
}

/// The leads with a draft for a limited owner, as queue entries: their sort keys
/// (tier, first score, place in id order) copied out of the plans.
///
/// Plain rule: compare plans by tier, score and id. Tricks: the keys are copied so the
/// ordering stays in cache and never touches the plans; the id tie-break is the
/// plan's position when the engine keeps plans in id order (else a rank computed once);
/// the scan runs in parallel tasks of [`PASS_SLICE`] plans. Measured at 1M leads
/// (commits f2271fd, 1a984bc, bd2cfb1): the capacity pass 0.09 s → 0.06 s with
/// 16k-plan tasks.
fn competing_leads(plans: &[LeadPlan], limits: &OwnerLimits<'_>, by_index: bool) -> Vec<Queued> {
    let id_rank = if by_index {
        Vec::new()
    } else {
        id_ranks(plans)
    };
    plans
        .par_iter()
        .with_min_len(PASS_SLICE)
        .enumerate()
        .filter(|(_, plan)| limits.competes(plan))
        .map(|(i, plan)| Queued {
            tier: plan.tier,
            score: plan.first_score,
            rank: id_rank.get(i).copied().unwrap_or(i),
            index: i,
        })
        .collect()
}

/// Each plan's place in id order (plans not kept in id order).
fn id_ranks(plans: &[LeadPlan]) -> Vec<usize> {
    let mut by_id: Vec<usize> = (0..plans.len()).collect();
    by_id.sort_by(|&a, &b| plans[a].id.cmp(&plans[b].id));
    let mut rank = vec![0; plans.len()];
    for (r, i) in by_id.into_iter().enumerate() {
        rank[i] = r;
    }
    rank
}

/// Hottest tier, then first score (highest first, none last), then id.
fn first_served(a: &Queued, b: &Queued) -> Ordering {
    a.tier
        .cmp(&b.tier)
        .then_with(|| score_desc(a.score, b.score))
        .then_with(|| a.rank.cmp(&b.rank))
}

/// Serves the queue in [`first_served`] order until no limit has room; returns the
/// entries still waiting (unordered).
///
/// Plain rule: sort the whole queue and serve it. Trick: a daily limit is small next to
/// a big export, and once the limits are used up every later draft waits whatever its
/// place, so only the front is ordered: a slice is selected (`select_nth`) and sorted,
/// slices growing geometrically (the worst case stays a few full sorts). Measured at
/// 1M leads, ~450k competing for 40 sales drafts a day (commit f645ad1): 0.24 s →
/// 0.08 s; the test `serving_a_slice_at_a_time_matches_the_full_order` checks it
/// against the full sort.
fn serve_front_of_queue<'q>(
    order: &'q mut [Queued],
    plans: &mut [LeadPlan],
    limits: &mut OwnerLimits<'_>,
) -> &'q [Queued] {
    let mut rest = order;
    let mut slice = 0;
    while !rest.is_empty() && limits.has_room() {
        slice = (slice * 2).max(limits.room()).max(64).min(rest.len());
        if slice < rest.len() {
            rest.select_nth_unstable_by(slice - 1, first_served);
        }
        let (front, back) = std::mem::take(&mut rest).split_at_mut(slice);
        front.sort_unstable_by(first_served);
        for queued in front.iter() {
            if let Some(plan) = plans.get_mut(queued.index) {
                limits.serve(plan);
            }
        }
        rest = back;
    }
    rest
}

/// Defers every draft of the waiting leads for a limited owner (every limit is used
/// up, so their order does not matter).
///
/// Plain rule: defer each waiting lead's drafts. Trick: the leads are marked, then
/// deferred in one parallel pass in plan order rather than one by one in the queue's
/// random order (cache misses). Measured at 1M leads with ~360k waiting (commit
/// e6fff1a, then f2271fd for the task size).
fn defer_waiting(waiting: &[Queued], plans: &mut [LeadPlan], limits: &mut OwnerLimits<'_>) {
    let mut marked = vec![false; plans.len()];
    for queued in waiting {
        if let Some(flag) = marked.get_mut(queued.index) {
            *flag = true;
        }
    }
    let deferred = plans
        .par_iter_mut()
        .zip(marked.par_iter())
        .with_min_len(PASS_SLICE)
        .filter(|(_, marked)| **marked)
        .fold(
            || vec![0u32; limits.owners.len()],
            |mut counts, (plan, _)| {
                limits.defer_all(plan, &mut counts);
                counts
            },
        )
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(x, y)| *x += y);
            a
        });
    if let Some(counts) = deferred {
        limits
            .deferred
            .iter_mut()
            .zip(counts)
            .for_each(|(x, y)| *x += y);
    }
}

/// Plans per task of the parallel passes: each task collects and counts on its own, so
/// tasks of a few plans would spend more on their buffers than on the plans.
const PASS_SLICE: usize = 16 * 1024;

/// A lead waiting for capacity: its sort keys, copied out of its plan.
struct Queued {
    tier: TierId,
    score: Option<f64>,
    /// Its place in id order (the last tie-breaker).
    rank: usize,
    index: usize,
}

/// First scores in serving order: highest first, none last (also the order of
/// the dry run's capacity fronts, `engine/cap_front.rs`).
pub(crate) fn score_desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests;
