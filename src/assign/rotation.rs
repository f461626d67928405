//! Round robin, settled in id order after the leads are sorted: each rule's turn
//! continues from the highest turn the state holds for it, so a run picks up where the
//! last one stopped, and the same inputs always give the same reps.

use super::{Pick, Roster};
use crate::schedule::LeadPlan;
use crate::state::{RepBy, State};
use std::collections::HashMap;

/// The next turn of every round-robin rule, per (team index, rule index).
#[derive(Debug, Default)]
pub struct Rotation {
    cursors: HashMap<(usize, usize), Cursor>,
}

#[derive(Debug, Default, Clone)]
struct Cursor {
    /// The turn number the next pick gets.
    next_turn: u64,
    /// The member the last turn went to.
    last: Option<std::sync::Arc<str>>,
}

impl Rotation {
    /// Every round-robin rule's cursor, from the turns recorded in the state (a rule
    /// whose text changed starts again at turn 0).
    pub fn from_state(roster: &Roster, state: &State) -> Rotation {
        let mut cursors: HashMap<(usize, usize), Cursor> = HashMap::new();
        // Rule texts, to find a recorded turn's rule.
        let mut by_text: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
        for (t, team) in roster.teams.iter().enumerate() {
            for (r, rule) in team.rules.iter().enumerate() {
                if matches!(rule.pick, Pick::RoundRobin(_)) {
                    cursors.insert((t, r), Cursor::default());
                    by_text.insert((&team.name, &rule.text), (t, r));
                }
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
                let cursor = by_text
                    .get(&(team.as_str(), rule.as_str()))
                    .and_then(|at| cursors.get_mut(at))
                    .filter(|c| turn >= c.next_turn);
                if let Some(cursor) = cursor {
                    cursor.next_turn = turn + 1;
                    cursor.last = Some(record.rep.as_str().into());
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
                let rule_text = rep.rule.as_deref().unwrap_or_default();
                let Some((index, list)) = team.rules.iter().enumerate().find_map(|(i, r)| match &r
                    .pick
                {
                    Pick::RoundRobin(list) if *r.text == *rule_text => Some((i, list)),
                    _ => None,
                }) else {
                    continue;
                };
                let cursor = self.cursors.entry((rep.team_index, index)).or_default();
                let Some(member) = next_member(list, cursor, |i| &team.members[i].id) else {
                    continue;
                };
                rep.turn = Some(cursor.next_turn);
                rep.settle(team, member);
                cursor.next_turn += 1;
                cursor.last = Some(team.members[member].id.clone());
            }
        }
    }
}

/// The member after the last one in the rule's list; when the last one is no longer
/// in it (or there was none), the turn number picks the place.
fn next_member<'a>(
    list: &[usize],
    cursor: &Cursor,
    id_of: impl Fn(usize) -> &'a std::sync::Arc<str>,
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
