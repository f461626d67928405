//! One lead's reps, decided in the parallel batch: sticky, by owner value, or by the
//! first `assign` rule that holds (round robin settled later by [`super::Rotation`]).

use super::{LeadRep, OwnerField, Pick, Roster, Team};
use crate::leads::{RawBody, RawLead};
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

    /// The lead's reps in each of `teams` that has members (each team once).
    pub fn choose_in<'t>(
        &self,
        teams: impl Iterator<Item = &'t str>,
        previous: Option<&LeadState>,
        raw: &RawLead,
        holds: &dyn Fn(CondId) -> bool,
    ) -> Vec<LeadRep> {
        let mut reps: Vec<LeadRep> = Vec::new();
        for name in teams {
            if reps.iter().any(|r| &*r.team == name) {
                continue;
            }
            let Some((index, team)) = self.team(name) else {
                continue;
            };
            let owner = self.owner_field.value(raw);
            let kept = previous
                .and_then(|p| p.reps.get(&*team.name))
                .filter(|r| r.owner.as_deref() == owner.as_deref())
                .and_then(|r| Some((team.member_id(&r.rep)?, r)));
            let rep = match kept {
                Some((member, record)) => Some(LeadRep::kept(team, index, member, record)),
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
    index: usize,
    owner: Option<String>,
    holds: &dyn Fn(CondId) -> bool,
) -> Option<LeadRep> {
    let owner_text = owner.as_deref();
    if let Some(member) = owner_text.and_then(|o| team.member_named(o)) {
        return Some(LeadRep::new(
            team,
            index,
            Some(member),
            RepBy::Owner,
            None,
            owner,
        ));
    }
    let (at, rule) = team
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| !matches!(&r.pick, Pick::RoundRobin(list) if list.is_empty()))
        .find(|(_, r)| r.cond.is_none_or(holds))?;
    let text = Some(rule.text.clone());
    Some(match &rule.pick {
        Pick::Member(m) => LeadRep::new(team, index, Some(*m), RepBy::Rule, text, owner),
        Pick::RoundRobin(_) => {
            let mut rep = LeadRep::new(team, index, None, RepBy::RoundRobin, text, owner);
            rep.round_robin = Some(at);
            rep
        }
    })
}

impl LeadRep {
    fn new(
        team: &Team,
        team_index: usize,
        member: Option<usize>,
        by: RepBy,
        rule: Option<std::sync::Arc<str>>,
        owner: Option<String>,
    ) -> LeadRep {
        let mut rep = LeadRep {
            team: team.name.clone(),
            team_index,
            member: None,
            by,
            rule,
            turn: None,
            owner: owner.map(String::into_boxed_str),
            id: None,
            key: None,
            round_robin: None,
        };
        if let Some(m) = member {
            rep.settle(team, m);
        }
        rep
    }

    /// The rep the state remembers (its rule text shared with the roster when the rule
    /// is still there).
    fn kept(team: &Team, team_index: usize, member: usize, record: &RepRecord) -> LeadRep {
        let rule = record.rule.as_deref().map(|text| {
            team.rules
                .iter()
                .find(|r| &*r.text == text)
                .map_or_else(|| std::sync::Arc::from(text), |r| r.text.clone())
        });
        let owner = record.owner.clone();
        let mut rep = LeadRep::new(team, team_index, Some(member), record.by, rule, owner);
        rep.turn = record.turn;
        rep
    }

    /// Fixes the member (index into the team's roster).
    pub(super) fn settle(&mut self, team: &Team, member: usize) {
        if let Some(m) = team.members.get(member) {
            self.member = Some(member);
            self.id = Some(m.id.clone());
            self.key = Some(m.key.clone());
        }
    }
}

impl OwnerField {
    /// The lead's `owner` value as read (trimmed, after the field's `map`); `None`
    /// when absent or blank.
    pub(crate) fn value(&self, raw: &RawLead) -> Option<String> {
        let text = match &raw.body {
            RawBody::Csv(row) => {
                let index = row.header().iter().position(|h| *h == self.column)?;
                row.text(index)?.ok()?.trim().to_string()
            }
            RawBody::Object(map) => {
                let value = map.get(&self.column).or_else(|| {
                    let (first, rest) = self.path.split_first()?;
                    rest.iter()
                        .try_fold(map.get(first)?, |v, key| v.as_object()?.get(key))
                })?;
                match value {
                    serde_json::Value::String(s) => s.trim().to_string(),
                    serde_json::Value::Number(n) => n.to_string(),
                    _ => return None,
                }
            }
            RawBody::Unreadable(_) => return None,
        };
        let wanted = text.to_lowercase();
        let mapped = self
            .map
            .iter()
            .find(|(from, _)| from.trim().to_lowercase() == wanted)
            .map_or(text, |(_, to)| to.trim().to_string());
        (!mapped.is_empty()).then_some(mapped)
    }
}
