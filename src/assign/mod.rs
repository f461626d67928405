//! Reps (SPEC 6): which member of a team a lead's drafts go out from.
//!
//! A lead's rep for a team with members is, in order: the rep the state remembers, as
//! long as the lead's `owner` value is the one it was chosen with and the rep is still
//! on the roster (sticky); else the member its `owner` value names (id, name or email,
//! any case); else the first `assign` rule that holds; else none (its drafts then go as
//! a team without members would).
//!
//! The work is split so the hot path stays cheap: [`Roster::choose`] runs per lead in
//! the parallel batch, only for leads with a draft for a team with members, and leaves
//! round-robin picks open; [`Rotation`] then settles those in id order after the leads
//! are sorted, continuing each rule's turn from the state.

mod check;
mod choose;
mod explain;
mod rotation;
#[cfg(test)]
mod tests;

pub use check::{check_assign, count_unmatched_owners, unmatched_owner_warning};
pub use rotation::Rotation;

use crate::config::Config;
use crate::program::{AssignPlan, AssignRulePlan, CondId, PickPlan, Program};
use crate::render::RepProfile;
use crate::state::{RepBy, RepRecord};
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
    /// Its members, in roster order.
    pub members: Vec<RosterMember>,
    /// Its `assign` rules, in order.
    pub rules: Vec<Rule>,
}

/// One member, ready for matching and rendering.
#[derive(Debug, Clone)]
pub struct RosterMember {
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

/// Where the `owner` role is read in a raw record.
#[derive(Debug, Clone, Default)]
pub(crate) struct OwnerField {
    pub(crate) path: Vec<String>,
    pub(crate) column: String,
    pub(crate) map: Vec<(String, String)>,
}

/// A lead's rep in one team, as a run decided it. Compact on purpose: a run over a
/// million leads holds one per lead with a draft, so texts are shared with the roster
/// (`Arc`) and the state's [`RepRecord`] is only made when the state is written.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadRep {
    /// The team.
    pub team: Arc<str>,
    /// Index of the team in [`Roster::teams`].
    pub team_index: usize,
    /// The member (index into the team's members); `None` while a round robin is
    /// still to be settled.
    pub member: Option<usize>,
    /// How it was chosen.
    pub by: RepBy,
    /// The `assign` rule that chose it (by rule, round robin).
    pub rule: Option<Arc<str>>,
    /// Round robin: the turn number in its rule's rotation.
    pub turn: Option<u64>,
    /// The lead's `owner` value when the rep was chosen.
    pub owner: Option<Box<str>>,
    /// The member's id, once chosen.
    pub id: Option<Arc<str>>,
    /// `team/id`: the member's capacity key, once chosen.
    pub key: Option<Arc<str>>,
    /// The round-robin rule still to settle this rep (index into the team's rules),
    /// so settling does not look the rule up by its text.
    pub(crate) round_robin: Option<usize>,
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
            let members: Vec<RosterMember> = owner
                .members
                .iter()
                .map(|m| RosterMember {
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
                name: name.as_str().into(),
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
        self.teams.get(rep.team_index)?.members.get(rep.member?)
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

fn compile_rule(rule: &AssignRulePlan, members: &[RosterMember]) -> Option<Rule> {
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

impl OwnerField {
    fn of(schema: &crate::schema::LeadSchema) -> OwnerField {
        match schema.role_field(crate::schema::Role::Owner) {
            Some(field) => OwnerField {
                path: field.path.clone(),
                column: field.source_name(),
                map: field.map.clone(),
            },
            None => OwnerField {
                path: vec!["owner".into()],
                column: "owner".into(),
                map: Vec::new(),
            },
        }
    }
}

impl LeadRep {
    /// Why the lead has this rep, in words for explain.
    pub fn reason(&self) -> String {
        let rep = self.id.as_deref().unwrap_or("?");
        let rule = self.rule.as_deref().unwrap_or("");
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
            rep: self.id.as_deref().unwrap_or_default().to_string(),
            by: self.by,
            owner: self.owner.as_deref().map(str::to_string),
            rule: self.rule.as_deref().map(str::to_string),
            turn: self.turn,
        }
    }
}
