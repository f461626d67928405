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
    /// The member the last turn went to (index into the team's members; `None` when
    /// that member has left the roster).
    last: Option<usize>,
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
                    cursor.last = roster
                        .team(team)
                        .and_then(|(_, t)| t.member_id(&record.rep));
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
                let Some(rule) = rep.round_robin.take() else {
                    continue;
                };
                let Some(Pick::RoundRobin(list)) = team.rules.get(rule).map(|r| &r.pick) else {
                    continue;
                };
                let cursor = self.cursors.entry((rep.team_index, rule)).or_default();
                let Some(member) = next_member(list, cursor) else {
                    continue;
                };
                rep.turn = Some(cursor.next_turn);
                rep.settle(team, member);
                cursor.next_turn += 1;
                cursor.last = Some(member);
            }
        }
    }
}

/// The member after the last one in the rule's list; when the last one is no longer
/// in it (or there was none), the turn number picks the place.
fn next_member(list: &[usize], cursor: &Cursor) -> Option<usize> {
    if list.is_empty() {
        return None;
    }
    let after_last = cursor
        .last
        .and_then(|last| list.iter().position(|&m| m == last))
        .map(|at| (at + 1) % list.len());
    let at = after_last.unwrap_or((cursor.next_turn % list.len() as u64) as usize);
    list.get(at).copied()
}
