//! The `balance` block: owner capacity per day and tier-share warnings.

use super::{Action, LeadPlan};
use crate::program::{BalancePlan, TierId};
use rayon::prelude::*;
use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::sync::Arc;

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
    // Ties are broken by id: by position when the plans are in id order, else by
    // each plan's rank in id order, so the comparison never touches the plans.
    let id_rank: Vec<usize> = if by_index {
        Vec::new()
    } else {
        let mut by_id: Vec<usize> = (0..plans.len()).collect();
        by_id.sort_by(|&a, &b| plans[a].id.cmp(&plans[b].id));
        let mut rank = vec![0; plans.len()];
        for (r, i) in by_id.into_iter().enumerate() {
            rank[i] = r;
        }
        rank
    };
    // Only leads with a draft for a limited owner compete; the rest need no ordering.
    // Sort keys are copied out of the plans so the ordering stays in cache.
    let mut order: Vec<Queued> = plans
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
        .collect();
    let first_served = |a: &Queued, b: &Queued| {
        a.tier
            .cmp(&b.tier)
            .then_with(|| score_desc(a.score, b.score))
            .then_with(|| a.rank.cmp(&b.rank))
    };
    // A daily limit is small next to a big export: ordering every competing lead would
    // be wasted once the limits are used up, since all later drafts wait either way.
    // So the front of the queue is selected and sorted a slice at a time (slices grow,
    // bounding the worst case at a few full sorts) until no limit has room left.
    let mut rest = &mut order[..];
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
    if rest.is_empty() {
        return limits.report();
    }
    // Every limit is used up: whatever still waits is deferred, in any order. Marked,
    // then deferred in one parallel pass in plan order (not the queue's random order).
    let mut waiting = vec![false; plans.len()];
    for queued in rest.iter() {
        if let Some(flag) = waiting.get_mut(queued.index) {
            *flag = true;
        }
    }
    let deferred = plans
        .par_iter_mut()
        .zip(waiting.par_iter())
        .with_min_len(PASS_SLICE)
        .filter(|(_, waiting)| **waiting)
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
    limits.report()
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

/// What each limited owner has left today, and what was deferred for them.
struct OwnerLimits<'a> {
    owners: Vec<&'a str>,
    left: Vec<u32>,
    deferred: Vec<u32>,
}

impl<'a> OwnerLimits<'a> {
    fn new(balance: &'a BalancePlan, used_today: &BTreeMap<String, u32>) -> OwnerLimits<'a> {
        let mut limits = OwnerLimits {
            owners: Vec::new(),
            left: Vec::new(),
            deferred: Vec::new(),
        };
        for (owner, cap) in &balance.owner_capacity {
            let used = used_today.get(owner).copied().unwrap_or(0);
            let left = cap.saturating_sub(used);
            // A repeated owner: the later limit wins.
            match limits.slot(owner) {
                Some(slot) => limits.left[slot] = left,
                None => {
                    limits.owners.push(owner);
                    limits.left.push(left);
                    limits.deferred.push(0);
                }
            }
        }
        limits
    }

    fn slot(&self, owner: &str) -> Option<usize> {
        self.owners.iter().position(|o| *o == owner)
    }

    /// The limits a draft for `owner` counts against: the team's, and the lead's rep's
    /// (`team/member`) when it has one.
    fn slots(&self, plan_reps: &[crate::assign::LeadRep], owner: &str) -> [Option<usize>; 2] {
        let rep = plan_reps
            .iter()
            .find(|r| &*r.team == owner)
            .and_then(|r| r.key.as_deref())
            .and_then(|key| self.slot(key));
        [self.slot(owner), rep]
    }

    fn competes(&self, plan: &LeadPlan) -> bool {
        plan.items.iter().any(|i| {
            i.action == Action::Draft
                && self.slots(&plan.reps, &i.owner).iter().any(Option::is_some)
        })
    }

    fn has_room(&self) -> bool {
        (0..self.left.len()).any(|slot| self.usable(slot) > 0)
    }

    fn room(&self) -> usize {
        (0..self.left.len())
            .map(|slot| self.usable(slot) as usize)
            .sum()
    }

    /// What a limit has left that can still be used: none for a member (`team/id`)
    /// whose team's limit is used up, so a member's cap never keeps the pass going.
    fn usable(&self, slot: usize) -> u32 {
        let team_full = self.owners[slot]
            .split_once('/')
            .and_then(|(team, _)| self.slot(team))
            .is_some_and(|team| self.left[team] == 0);
        if team_full { 0 } else { self.left[slot] }
    }

    /// Takes the plan's drafts for limited owners from what is left, in item order;
    /// the overflow waits for the next run.
    fn serve(&mut self, plan: &mut LeadPlan) {
        let reps = &plan.reps;
        for item in plan.items.iter_mut().filter(|i| i.action == Action::Draft) {
            let slots = self.slots(reps, &item.owner);
            // The first limit with no room left is the one that defers the draft.
            match slots.iter().flatten().find(|&&s| self.left[s] == 0) {
                Some(&full) => {
                    item.action = Action::Deferred;
                    self.deferred[full] += 1;
                }
                None => slots.iter().flatten().for_each(|&s| self.left[s] -= 1),
            }
        }
    }

    /// Defers every draft of the plan for a limited owner (no room is left for any),
    /// counting them per owner into `counts`.
    fn defer_all(&self, plan: &mut LeadPlan, counts: &mut [u32]) {
        let reps = &plan.reps;
        for item in plan.items.iter_mut().filter(|i| i.action == Action::Draft) {
            let slot = self.slots(reps, &item.owner).into_iter().flatten().next();
            if let Some(count) = slot.and_then(|s| counts.get_mut(s)) {
                item.action = Action::Deferred;
                *count += 1;
            }
        }
    }

    fn report(&self) -> CapacityReport {
        let deferred = self
            .owners
            .iter()
            .zip(&self.deferred)
            .filter(|&(_, &n)| n > 0)
            .map(|(owner, &n)| (owner.to_string(), n))
            .collect();
        CapacityReport { deferred }
    }
}

fn score_desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `TIER at most P%` warnings, in the order of the balance block:
/// "hot is 31% of unsuppressed leads (limit 25%)". `tier_counts[t]` counts the unsuppressed
/// leads in tier `t`; a share equal to the limit is fine, only more warns.
pub fn balance_warnings(
    tier_names: &[Arc<str>],
    tier_counts: &[usize],
    unsuppressed_total: usize,
    balance: &BalancePlan,
) -> Vec<String> {
    if unsuppressed_total == 0 {
        return Vec::new();
    }
    let total = unsuppressed_total as f64;
    balance
        .tier_shares
        .iter()
        .filter_map(|&(tier, limit)| {
            let count = tier_counts.get(tier).copied().unwrap_or(0);
            let share = count as f64 * 100.0 / total;
            let name = tier_names.get(tier).map_or("?", |n| &**n);
            (share > limit).then(|| {
                format!(
                    "{name} is {} of unsuppressed leads (limit {})",
                    share_text(share, limit),
                    percent(limit)
                )
            })
        })
        .collect()
}

/// A share for display, never shown as equal to a limit it exceeds: 25.04 over 25 prints
/// as `25.1%` rather than `25%`.
fn share_text(share: f64, limit: f64) -> String {
    let shown = (share * 10.0).round() / 10.0;
    if shown <= limit {
        percent((share * 10.0).ceil() / 10.0)
    } else {
        percent(shown)
    }
}

/// `31%`, `25.4%`: whole numbers without decimals, others to one decimal.
fn percent(p: f64) -> String {
    let tenths = (p * 10.0).round() / 10.0;
    if tenths.fract().abs() < 1e-9 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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

    #[test]
    fn balance_warns_only_above_the_limit() {
        let names: Vec<Arc<str>> = ["hot", "warm", "cold"].map(Arc::from).to_vec();
        let warnings = balance_warnings(&names, &[31, 0, 69], 100, &balance(&[]));
        assert_eq!(warnings, ["hot is 31% of unsuppressed leads (limit 25%)"]);
        assert!(balance_warnings(&names, &[25, 5, 70], 100, &balance(&[])).is_empty());
        let odd = balance_warnings(&names, &[1, 2, 0], 3, &balance(&[]));
        assert_eq!(odd, ["hot is 33.3% of unsuppressed leads (limit 25%)"]);
        assert!(balance_warnings(&names, &[0, 0, 0], 0, &balance(&[])).is_empty());
        assert_eq!(share_text(25.04, 25.0), "25.1%");
        assert_eq!(percent(12.5), "12.5%");
    }
}
