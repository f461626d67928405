//! Which leads a dry run may let go the moment they are evaluated ([`super::rows`]):
//! those whose plan nothing later in the run can change, including the leads whose
//! drafts for a capped team are certainly deferred ([`CapFronts`]).

use super::cap_front::CapFronts;
use crate::assign::{LeadRep, Roster, SkippedTurn};
use crate::program::BalancePlan;
use crate::schedule::{Action, LeadPlan};
use std::collections::BTreeMap;

/// Decides, lead by lead, whether a streamed run lets it go, and keeps what the end of
/// the run needs of the leads it let go with deferred drafts.
pub(super) struct LetGoRule<'c> {
    /// Names the reps of the leads let go.
    roster: &'c Roster,
    /// Teams with a daily limit, on the team or on one of its members: their drafts
    /// wait for the capacity pass, unless [`CapFronts`] tells they are deferred.
    limited_teams: Vec<&'c str>,
    fronts: CapFronts<'c>,
    /// Drafts deferred in the leads let go, per team (added to the capacity report).
    pub(super) deferred: BTreeMap<String, u32>,
    /// Round-robin turns the leads let go would have taken (see [`Rotation::settle_around`]).
    ///
    /// [`Rotation::settle_around`]: crate::assign::Rotation::settle_around
    pub(super) skipped_turns: Vec<SkippedTurn>,
}

impl<'c> LetGoRule<'c> {
    /// `balance` with the members' caps (`team/member`); `used_today` what the state
    /// already drafted per owner on the as-of date.
    pub(super) fn new(
        roster: &'c Roster,
        balance: &'c BalancePlan,
        used_today: &BTreeMap<String, u32>,
    ) -> LetGoRule<'c> {
        let mut limited_teams: Vec<&str> = balance
            .owner_capacity
            .iter()
            .map(|(owner, _)| {
                owner
                    .split_once('/')
                    .map_or(owner.as_str(), |(team, _)| team)
            })
            .collect();
        limited_teams.sort_unstable();
        limited_teams.dedup();
        LetGoRule {
            roster,
            limited_teams,
            fronts: CapFronts::new(balance, used_today),
            deferred: BTreeMap::new(),
            skipped_turns: Vec::new(),
        }
    }

    /// Fills in a let-go lead's rep from the roster.
    pub(super) fn name(&self, rep: &mut LeadRep) {
        self.roster.name(rep);
    }

    /// True when the lead is final now: its record and counts are those of the end of
    /// the run. That is so when none of its due drafts is for a team with a daily limit
    /// and none of its reps waits for a round-robin turn (turns go to new leads in id
    /// order, at the end) — most leads of a big export: no due draft, or drafts only for
    /// an unlimited team (the starter's marketing mail). It is also so when every capped
    /// team it has drafts for certainly has no room left for it ([`CapFronts`]) and its
    /// open round robins are all in those teams: its drafts there are marked deferred
    /// now, and its turns are remembered for the kept leads' round robin.
    pub(super) fn lets_go(&mut self, plan: &mut LeadPlan) -> bool {
        // The fronts of the capped teams the lead has drafts for, one bit each.
        let mut capped: u64 = 0;
        for item in plan.drafts() {
            if !self.limited_teams.contains(&&*item.owner) {
                continue;
            }
            match self.fronts.index(&item.owner) {
                Some(front) if front < 64 => capped |= 1 << front,
                // A team with member caps: the capacity pass decides.
                _ => return false,
            }
        }
        let open = |rep: &&LeadRep| rep.member_index.is_none();
        if capped == 0 {
            return !plan.reps.iter().any(|rep| open(&rep));
        }
        let mut enters = false;
        for front in (0..64).filter(|f| capped & (1 << f) != 0) {
            enters |= self.fronts.enters(front, plan);
        }
        let fronts = &self.fronts;
        let is_capped = |team: &str| {
            fronts
                .index(team)
                .is_some_and(|f| f < 64 && capped & (1 << f) != 0)
        };
        let roster = self.roster;
        let open_elsewhere = plan.reps.iter().filter(open).any(|rep| {
            let team = roster.teams.get(rep.team_index as usize);
            !team.is_some_and(|team| is_capped(&team.name))
        });
        if enters || open_elsewhere {
            return false;
        }
        for item in plan.items.iter_mut() {
            if item.action == Action::Draft && is_capped(&item.owner) {
                item.action = Action::Deferred;
                *self.deferred.entry(item.owner.to_string()).or_default() += 1;
            }
        }
        for rep in plan.reps.iter().filter(open) {
            if let Some(rule) = rep.rule_index {
                self.skipped_turns.push(SkippedTurn {
                    id: plan.id.as_str().into(),
                    team: rep.team_index,
                    rule,
                });
            }
        }
        true
    }
}
