//! The `balance` block's `OWNER at most N per day`: which drafts go out today and
//! which wait for the next run.

use super::LeadPlan;
use super::owner_limits::OwnerLimits;
use crate::plan::{BalancePlan, TierId};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What capacity deferred in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapacityReport {
    /// Owner → drafts deferred to the next run.
    pub deferred: BTreeMap<String, u32>,
}

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

fn score_desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Action;
    use crate::schedule::fixtures::{date, draft_plan};

    fn balance(caps: &[(&str, u32)]) -> BalancePlan {
        BalancePlan {
            tier_shares: vec![(0, 25.0), (2, 70.0)],
            owner_capacity: caps.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
        }
    }

    fn drafted(plans: &[LeadPlan]) -> Vec<String> {
        plans
            .iter()
            .flat_map(|p| {
                p.items
                    .iter()
                    .filter(|i| i.action == Action::Draft)
                    .map(move |i| format!("{}:{}", p.id, i.template))
            })
            .collect()
    }

    #[test]
    fn overflow_is_deferred_by_tier_then_score_then_id() {
        let mut plans = vec![
            draft_plan("d", 1, Some(90.0), &[("sales", "a")]),
            draft_plan("c", 0, Some(10.0), &[("sales", "a")]),
            draft_plan("b", 1, Some(50.0), &[("sales", "a")]),
            draft_plan("a", 1, Some(50.0), &[("sales", "a"), ("marketing", "m")]),
            draft_plan("e", 1, None, &[("sales", "a")]),
        ];
        let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &BTreeMap::new());
        // c (hottest), then d (score 90), then a (50, id before b); b and e wait.
        assert_eq!(drafted(&plans), ["d:a", "c:a", "a:a", "a:m"]);
        assert_eq!(report.deferred.get("sales"), Some(&2));
        assert_eq!(report.total(), 2);
        let deferred: Vec<&str> = plans
            .iter()
            .filter(|p| p.items.iter().any(|i| i.action == Action::Deferred))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(deferred, ["b", "e"]);
    }

    /// The plain definition: every competing lead in order, one after another.
    fn served_in_full_order(plans: &mut [LeadPlan], caps: &[(&str, u32)]) -> Vec<u32> {
        let mut left: BTreeMap<&str, u32> = caps.iter().copied().collect();
        let mut deferred = vec![0; caps.len()];
        let mut order: Vec<usize> = (0..plans.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&plans[a], &plans[b]);
            x.tier
                .cmp(&y.tier)
                .then_with(|| score_desc(x.first_score, y.first_score))
                .then_with(|| x.id.cmp(&y.id))
        });
        for index in order {
            for item in plans[index].items.iter_mut() {
                if let Some(n) = left.get_mut(&*item.owner) {
                    if *n == 0 {
                        item.action = Action::Deferred;
                        let slot = caps.iter().position(|c| c.0 == &*item.owner).unwrap();
                        deferred[slot] += 1;
                    } else {
                        *n -= 1;
                    }
                }
            }
        }
        deferred
    }

    #[test]
    fn serving_a_slice_at_a_time_matches_the_full_order() {
        // Many leads, small limits, tied scores and missing ones: the sliced selection
        // must serve exactly the leads a full sort would.
        let mut rng = crate::test_rng::TestRng::new(7);
        let mut next = |n: u64| rng.below(n);
        let owners = ["sales", "marketing", "cs"];
        for caps in [
            vec![("sales", 5), ("marketing", 0)],
            vec![("sales", 300), ("cs", 1)],
            vec![("marketing", 2000)],
        ] {
            let plans: Vec<LeadPlan> = (0..1500)
                .map(|i| {
                    let score = match next(4) {
                        0 => None,
                        _ => Some(next(20) as f64),
                    };
                    let items: Vec<(&str, &str)> = (0..=next(2))
                        .map(|_| (owners[next(3) as usize], "t"))
                        .collect();
                    draft_plan(
                        &format!("L{:05}", next(100_000) * 10 + i % 10),
                        next(3) as usize,
                        score,
                        &items,
                    )
                })
                .collect();
            let mut sliced = plans.clone();
            let report = apply_capacity(&mut sliced, &balance(&caps), &BTreeMap::new());
            let mut full = plans.clone();
            let expected = served_in_full_order(&mut full, &caps);
            assert_eq!(sliced, full, "caps {caps:?}");
            for ((owner, _), n) in caps.iter().zip(expected) {
                assert_eq!(report.deferred.get(*owner).copied().unwrap_or(0), n);
            }
        }
    }

    #[test]
    fn drafts_already_made_today_count() {
        let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x"), ("sales", "y")])];
        let used = BTreeMap::from([("sales".to_string(), 2)]);
        let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &used);
        assert_eq!(drafted(&plans), ["a:x"]);
        assert_eq!(report.total(), 1);
    }

    #[test]
    fn no_limit_means_nothing_deferred() {
        let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x")])];
        let report = apply_capacity(&mut plans, &balance(&[]), &BTreeMap::new());
        assert_eq!(report.total(), 0);
        assert_eq!(drafted(&plans), ["a:x"]);
        assert_eq!(plans[0].as_of, date("2026-03-02"));
    }
}
