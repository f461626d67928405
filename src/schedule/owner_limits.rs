//! What each owner with a daily limit (`OWNER at most N per day`) has left today: a
//! slot per team and per member (`team/id`), so serving a draft costs no map lookup.

use super::{Action, CapacityReport, LeadPlan};
use crate::program::BalancePlan;
use std::collections::BTreeMap;

/// What each limited owner has left today, and what was deferred for them.
pub(super) struct OwnerLimits<'a> {
    pub(super) owners: Vec<&'a str>,
    left: Vec<u32>,
    pub(super) deferred: Vec<u32>,
}

impl<'a> OwnerLimits<'a> {
    pub(super) fn new(
        balance: &'a BalancePlan,
        used_today: &BTreeMap<String, u32>,
    ) -> OwnerLimits<'a> {
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
            .find(|r| r.team() == Some(owner))
            .and_then(|r| r.key())
            .and_then(|key| self.slot(key));
        [self.slot(owner), rep]
    }

    pub(super) fn competes(&self, plan: &LeadPlan) -> bool {
        plan.items.iter().any(|i| {
            i.action == Action::Draft
                && self.slots(&plan.reps, &i.owner).iter().any(Option::is_some)
        })
    }

    pub(super) fn has_room(&self) -> bool {
        (0..self.left.len()).any(|slot| self.usable(slot) > 0)
    }

    pub(super) fn room(&self) -> usize {
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
    pub(super) fn serve(&mut self, plan: &mut LeadPlan) {
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
    pub(super) fn defer_all(&self, plan: &mut LeadPlan, counts: &mut [u32]) {
        let reps = &plan.reps;
        for item in plan.items.iter_mut().filter(|i| i.action == Action::Draft) {
            let slot = self.slots(reps, &item.owner).into_iter().flatten().next();
            if let Some(count) = slot.and_then(|s| counts.get_mut(s)) {
                item.action = Action::Deferred;
                *count += 1;
            }
        }
    }

    pub(super) fn report(&self) -> CapacityReport {
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
