//! Reps (SPEC 6): which member of a team a lead's drafts go out from.
//!
//! A lead's rep for a team with members is, in order: the rep the state remembers, as
//! long as the lead's `owner` value is the one it was chosen with and the rep is still
//! on the roster (sticky); else the member its `owner` value names (id, name or email,
//! any case); else the first `assign` rule that holds; else none (its drafts then go as
//! a team without members would).
//!
//! The work is split so the hot path stays cheap: [`Roster::choose`] runs per lead in
//! the parallel batch, only for leads with a draft for a team with members, and keeps
//! indices only (no shared text is touched from two threads); [`Rotation`] then
//! settles the open round-robin picks in id order after the leads are sorted,
//! continuing each rule's turn from the state, and names every rep from the roster.

mod check;
mod choose;
mod explain;
mod owner;
mod rotation;
#[cfg(test)]
mod tests;

pub use check::{check_assign, count_unmatched_owners, unmatched_owner_warning};
pub use rotation::{Rotation, SkippedTurn};

use crate::config::Config;
use crate::program::{AssignPlan, AssignRulePlan, CondId, PickPlan, Program};
use crate::render::RepProfile;
use crate::state::{RepBy, RepRecord};
use owner::OwnerField;
use std::sync::Arc;

/// The teams with members, with their `assign` rules resolved to member indexes.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    /// Teams with at least one member, in name order.
    pub teams: Vec<Team>,
    /// Where the lead's `owner` value is read: the column (or key) and the field's
    /// value rewrites.
    pub(crate) owner_field: OwnerField,
}

/// One team with members.
#[derive(Debug, Clone)]
pub struct Team {
    /// The team (owner) name.
    pub name: Arc<str>,
    /// Its members, in roster order (shared: a named [`LeadRep`] points at its member).
    pub members: Vec<Arc<RosterMember>>,
    /// Its `assign` rules, in order.
    pub rules: Vec<Rule>,
}

/// One member, ready for matching and rendering.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterMember {
    /// The team the member belongs to.
    pub team: Arc<str>,
    /// The id (as written in `leadplay.yaml`).
    pub id: Arc<str>,
    /// `team/id`: the member's capacity key.
    pub key: Arc<str>,
    /// Id, name and email, lowercased: what an `owner` value may match.
    match_keys: [String; 3],
    /// `capacity`, if set.
    pub capacity: Option<u32>,
    /// What templates, headers and folders see.
    pub profile: Arc<RepProfile>,
}

/// A compiled `assign` rule.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Who it picks.
    pub pick: Pick,
    /// `when COND`; `None` for `otherwise`.
    pub cond: Option<CondId>,
    /// The rule as written.
    pub text: Arc<str>,
}

/// The member(s) a rule picks, by index into [`Team::members`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// One member.
    Member(usize),
    /// These members in turn.
    RoundRobin(Vec<usize>),
}

/// A lead's rep in one team, as a run decided it. Compact on purpose: a run over a
/// million leads holds one per lead with a draft, and [`Roster::choose`] makes them in
/// the parallel batch, so it writes indices only; the shared texts (member, rule) are
/// filled in afterwards on one thread by [`Roster::name`] (see [`Rotation::settle`]).
/// The state's [`RepRecord`] is only made when the state is written.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRep {
    /// Index of the team in [`Roster::teams`].
    pub team_index: u32,
    /// The member (index into the team's members); `None` while a round robin is
    /// still to be settled.
    pub member_index: Option<u32>,
    /// How it was chosen.
    pub by: RepBy,
    /// The `assign` rule that chose it, or that will settle an open round robin
    /// (index into the team's rules).
    pub rule_index: Option<u32>,
    /// Round robin: the turn number in its rule's rotation.
    pub turn: Option<u64>,
    /// The lead's `owner` value when the rep was chosen.
    pub owner: Option<Box<str>>,
    /// The member, once named.
    member: Option<Arc<RosterMember>>,
    /// The rule's text, once named; a sticky rep whose recorded rule is no longer in
    /// the program carries the recorded text from the start.
    rule: Option<Arc<str>>,
}

impl Roster {
    /// The roster of the workspace: every `owners` entry with members, and the
    /// program's `assign` rules for it (unknown member names are dropped here;
    /// [`check_assign`] reports them before any run).
    pub fn new(config: &Config, program: &Program) -> Roster {
        let mut teams = Vec::new();
        for (name, owner) in &config.owners {
            if owner.members.is_empty() {
                continue;
            }
            let team: Arc<str> = name.as_str().into();
            let members: Vec<Arc<RosterMember>> = owner
                .members
                .iter()
                .map(|m| {
                    Arc::new(RosterMember {
                        team: team.clone(),
                        id: m.id.trim().into(),
                        key: format!("{name}/{}", m.id.trim()).into(),
                        match_keys: [
                            m.id.trim().to_lowercase(),
                            m.name.trim().to_lowercase(),
                            m.email.trim().to_lowercase(),
                        ],
                        capacity: m
                            .capacity
                            .map(|c| u32::try_from(c.max(0)).unwrap_or(u32::MAX)),
                        profile: Arc::new(RepProfile::from_member(m, name, config)),
                    })
                })
                .collect();
            let plan = program.assign.iter().find(|a| a.team == *name);
            let rules = plan
                .map(|p| {
                    p.rules
                        .iter()
                        .filter_map(|r| compile_rule(r, &members))
                        .collect()
                })
                .unwrap_or_default();
            teams.push(Team {
                name: team,
                members,
                rules,
            });
        }
        Roster {
            teams,
            owner_field: OwnerField::of(&program.schema),
        }
    }

    /// True when no team has members: assignment then costs nothing.
    pub fn is_empty(&self) -> bool {
        self.teams.is_empty()
    }

    /// The team named `name`, with its index.
    pub fn team(&self, name: &str) -> Option<(usize, &Team)> {
        self.teams
            .iter()
            .enumerate()
            .find(|(_, t)| &*t.name == name)
    }

    /// The member a lead's rep names, if any.
    pub fn member(&self, rep: &LeadRep) -> Option<&RosterMember> {
        let team = self.teams.get(rep.team_index as usize)?;
        team.members.get(rep.member_index? as usize).map(|m| &**m)
    }

    /// Fills in the rep's shared texts from its indices: its member (id, team,
    /// capacity key) and its rule's text. Done on one thread after the parallel batch,
    /// so the batch never touches the roster's reference counts.
    pub fn name(&self, rep: &mut LeadRep) {
        let Some(team) = self.teams.get(rep.team_index as usize) else {
            return;
        };
        rep.member = rep
            .member_index
            .and_then(|m| team.members.get(m as usize))
            .cloned();
        if rep.rule.is_none() {
            rep.rule = rep
                .rule_index
                .and_then(|r| team.rules.get(r as usize))
                .map(|r| r.text.clone());
        }
    }

    /// Per-member daily caps as `(team/id, cap)`, for the capacity pass.
    pub fn capacities(&self) -> Vec<(String, u32)> {
        self.teams
            .iter()
            .flat_map(|t| &t.members)
            .filter_map(|m| Some((m.key.to_string(), m.capacity?)))
            .collect()
    }
}

impl Team {
    /// The member an `owner` value names (id, name or email; case and outer space
    /// ignored).
    pub fn member_named(&self, value: &str) -> Option<usize> {
        let wanted = value.trim().to_lowercase();
        if wanted.is_empty() {
            return None;
        }
        self.members
            .iter()
            .position(|m| m.match_keys.contains(&wanted))
    }

    /// The index of the member with this id.
    pub fn member_id(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| &*m.id == id)
    }
}

fn compile_rule(rule: &AssignRulePlan, members: &[Arc<RosterMember>]) -> Option<Rule> {
    let index = |id: &str| members.iter().position(|m| &*m.id == id);
    let pick = match &rule.pick {
        PickPlan::Member(id, _) => Pick::Member(index(id)?),
        PickPlan::RoundRobin(None) => Pick::RoundRobin((0..members.len()).collect()),
        PickPlan::RoundRobin(Some(list)) => {
            Pick::RoundRobin(list.iter().filter_map(|(id, _)| index(id)).collect())
        }
    };
    Some(Rule {
        pick,
        cond: rule.cond,
        text: rule.text.clone(),
    })
}

impl LeadRep {
    /// A rep chosen in the batch: indices only, named later ([`Roster::name`]).
    pub(crate) fn new(team_index: u32, member_index: Option<u32>, by: RepBy) -> LeadRep {
        LeadRep {
            team_index,
            member_index,
            by,
            rule_index: None,
            turn: None,
            owner: None,
            member: None,
            rule: None,
        }
    }

    /// Carries the recorded text of a rule no longer in the program.
    pub(crate) fn set_rule_text(&mut self, text: Arc<str>) {
        self.rule = Some(text);
    }

    /// The member once named (`None` before [`Roster::name`] or while a round robin
    /// is open).
    pub fn member(&self) -> Option<&RosterMember> {
        self.member.as_deref()
    }

    /// The member's id, once named.
    pub fn id(&self) -> Option<&str> {
        self.member().map(|m| &*m.id)
    }

    /// The team, once named.
    pub fn team(&self) -> Option<&str> {
        self.member().map(|m| &*m.team)
    }

    /// `team/id`: the member's capacity key, once named.
    pub fn key(&self) -> Option<&str> {
        self.member().map(|m| &*m.key)
    }

    /// The text of the `assign` rule that chose it, once named.
    pub fn rule(&self) -> Option<&str> {
        self.rule.as_deref()
    }

    /// Why the lead has this rep, in words for explain.
    pub fn reason(&self) -> String {
        let rep = self.id().unwrap_or("?");
        let rule = self.rule().unwrap_or("");
        match self.by {
            RepBy::Owner => format!(
                "owner value `{}` matches member `{rep}`",
                self.owner.as_deref().unwrap_or("")
            ),
            RepBy::Rule => format!("assigned by rule `{rule}`"),
            RepBy::RoundRobin => format!(
                "round robin (turn {} of `{rule}`)",
                self.turn.unwrap_or(0) + 1
            ),
        }
    }

    /// What the state keeps of it.
    pub fn record(&self) -> RepRecord {
        RepRecord {
            rep: self.id().unwrap_or_default().to_string(),
            by: self.by,
            owner: self.owner.as_deref().map(str::to_string),
            rule: self.rule().map(str::to_string),
            turn: self.turn,
        }
    }
}
