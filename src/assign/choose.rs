//! One lead's reps, decided in the parallel batch: sticky, by owner value, or by the
//! first `assign` rule that holds (round robin settled later by [`super::Rotation`]).

use super::{LeadRep, Pick, Roster, Team};
use crate::leads::RawLead;
use crate::program::CondId;
use crate::schedule::LeadPlan;
use crate::state::{LeadState, RepBy, RepRecord};

impl Roster {
    /// The lead's reps for every team with members that one of its pending drafts goes
    /// to; empty when there is none (the common case costs one scan of its items).
    /// `holds` evaluates an `assign` condition for this lead.
    pub fn choose(
        &self,
        plan: &LeadPlan,
        previous: Option<&LeadState>,
        raw: &RawLead,
        holds: &dyn Fn(CondId) -> bool,
    ) -> Vec<LeadRep> {
        let teams = plan.drafts().map(|item| &*item.owner);
        self.choose_in(teams, previous, raw, holds)
    }

    /// The lead's reps in each of `teams` that has members (each team once), as
    /// indices: [`Roster::name`] fills in the texts later.
    pub fn choose_in<'t>(
        &self,
        teams: impl Iterator<Item = &'t str>,
        previous: Option<&LeadState>,
        raw: &RawLead,
        holds: &dyn Fn(CondId) -> bool,
    ) -> Vec<LeadRep> {
        let mut reps: Vec<LeadRep> = Vec::new();
        for name in teams {
            let Some((index, team)) = self.team(name) else {
                continue;
            };
            let Ok(index) = u32::try_from(index) else {
                continue;
            };
            if reps.iter().any(|r| r.team_index == index) {
                continue;
            }
            let owner = self.owner_field.value(raw);
            let kept = previous
                .and_then(|p| p.reps.get(&*team.name))
                .filter(|r| r.owner.as_deref() == owner.as_deref())
                .and_then(|r| Some((team.member_id(&r.rep)?, r)));
            let rep = match kept {
                Some((member, record)) => kept_rep(team, index, member, record),
                None => decide(team, index, owner, holds),
            };
            if let Some(rep) = rep {
                // Exactly one slot: most leads have one team with members.
                reps.reserve_exact(1);
                reps.push(rep);
            }
        }
        reps
    }
}

/// A fresh decision: the member the owner value names, else the first rule that holds.
fn decide(
    team: &Team,
    index: u32,
    owner: Option<String>,
    holds: &dyn Fn(CondId) -> bool,
) -> Option<LeadRep> {
    let owner_text = owner.as_deref();
    if let Some(member) = owner_text.and_then(|o| team.member_named(o)) {
        let mut rep = LeadRep::new(index, Some(u32::try_from(member).ok()?), RepBy::Owner);
        rep.owner = owner.map(String::into_boxed_str);
        return Some(rep);
    }
    let (at, rule) = team
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(&r.pick, Pick::RoundRobin(list) if list.is_empty()))
        .find(|(_, r)| r.cond.is_none_or(holds))?;
    let mut rep = match &rule.pick {
        Pick::Member(m) => LeadRep::new(index, Some(u32::try_from(*m).ok()?), RepBy::Rule),
        // The member is given in id order later (`Rotation::settle`).
        Pick::RoundRobin(_) => LeadRep::new(index, None, RepBy::RoundRobin),
    };
    rep.rule_index = Some(u32::try_from(at).ok()?);
    rep.owner = owner.map(String::into_boxed_str);
    Some(rep)
}

/// The rep the state remembers. Its rule is found by text among the team's rules;
/// a rule no longer in the program keeps the recorded text (rare, so the allocation
/// here does not matter).
fn kept_rep(team: &Team, index: u32, member: usize, record: &RepRecord) -> Option<LeadRep> {
    let mut rep = LeadRep::new(index, Some(u32::try_from(member).ok()?), record.by);
    if let Some(text) = record.rule.as_deref() {
        match team.rules.iter().position(|r| &*r.text == text) {
            Some(at) => rep.rule_index = u32::try_from(at).ok(),
            None => rep.set_rule_text(text.into()),
        }
    }
    rep.owner = record.owner.as_deref().map(Box::from);
    rep.turn = record.turn;
    Some(rep)
}
