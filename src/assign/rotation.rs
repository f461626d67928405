//! Round robin, settled in id order after the leads are sorted: each rule's turn
//! continues from the highest turn the state holds for it, so a run picks up where the
//! last one stopped, and the same inputs always give the same reps.

use super::{Pick, Roster};
use crate::schedule::LeadPlan;
use crate::state::{RepBy, State};
use std::collections::HashMap;
use std::sync::Arc;

/// The next turn of every round-robin rule, per (team, rule text).
#[derive(Debug, Default)]
pub struct Rotation {
    cursors: HashMap<(Arc<str>, Arc<str>), Cursor>,
}

#[derive(Debug, Default, Clone)]
struct Cursor {
    /// The turn number the next pick gets.
    next_turn: u64,
    /// The member the last turn went to.
    last: Option<String>,
}

impl Rotation {
    /// Every round-robin rule's cursor, from the turns recorded in the state (a rule
    /// whose text changed starts again at turn 0).
    pub fn from_state(roster: &Roster, state: &State) -> Rotation {
        let mut cursors: HashMap<(Arc<str>, Arc<str>), Cursor> = HashMap::new();
        for team in &roster.teams {
            for rule in team
                .rules
                .iter()
                .filter(|r| matches!(r.pick, Pick::RoundRobin(_)))
            {
                cursors.insert((team.name.clone(), rule.text.clone()), Cursor::default());
            }
        }
        if cursors.is_empty() {
            return Rotation::default();
        }
        for lead in state.leads() {
            for (team, record) in &lead.reps {
                let (RepBy::RoundRobin, Some(turn), Some(rule)) =
                    (record.by, record.turn, &record.rule)
                else {
                    continue;
                };
                let key = (Arc::from(team.as_str()), Arc::from(rule.as_str()));
                if let Some(cursor) = cursors.get_mut(&key).filter(|c| turn >= c.next_turn) {
                    cursor.next_turn = turn + 1;
                    cursor.last = Some(record.rep.clone());
                }
            }
        }
        Rotation { cursors }
    }

    /// Gives every open round-robin rep its member, in plan (id) order.
    pub fn settle(&mut self, roster: &Roster, plans: &mut [LeadPlan]) {
        if self.cursors.is_empty() {
            return;
        }
        for plan in plans.iter_mut().filter(|p| !p.reps.is_empty()) {
            for rep in plan.reps.iter_mut().filter(|r| r.member.is_none()) {
                let Some(team) = roster.teams.get(rep.team_index) else {
                    continue;
                };
                let rule_text = rep.record.rule.clone().unwrap_or_default();
                let Some(Pick::RoundRobin(list)) = team
                    .rules
                    .iter()
                    .find(|r| *r.text == *rule_text)
                    .map(|r| &r.pick)
                else {
                    continue;
                };
                let key = (team.name.clone(), Arc::from(rule_text.as_str()));
                let cursor = self.cursors.entry(key).or_default();
                let Some(member) = next_member(list, cursor, |i| &team.members[i].id) else {
                    continue;
                };
                rep.record.turn = Some(cursor.next_turn);
                rep.settle(team, member);
                cursor.next_turn += 1;
                cursor.last = Some(rep.record.rep.clone());
            }
        }
    }
}

/// The member after the last one in the rule's list; when the last one is no longer
/// in it (or there was none), the turn number picks the place.
fn next_member<'a>(
    list: &[usize],
    cursor: &Cursor,
    id_of: impl Fn(usize) -> &'a Arc<str>,
) -> Option<usize> {
    if list.is_empty() {
        return None;
    }
    let after_last = cursor
        .last
        .as_deref()
        .and_then(|last| list.iter().position(|&m| &**id_of(m) == last))
        .map(|at| (at + 1) % list.len());
    let at = after_last.unwrap_or((cursor.next_turn % list.len() as u64) as usize);
    list.get(at).copied()
}
