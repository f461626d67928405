//! Round robin, settled in id order after the leads are sorted: each rule's turn
//! continues from the highest turn the state holds for it, so a run picks up where the
//! last one stopped, and the same inputs always give the same reps.

use super::{LeadRep, Pick, Roster};
use crate::schedule::LeadPlan;
use crate::state::{RepBy, State};
use std::collections::HashMap;

/// A round-robin turn a dry run's let-go lead would have taken: its id, and the team
/// and rule (indices into the roster).
#[derive(Debug, Clone)]
pub struct SkippedTurn {
    /// The lead's key.
    pub id: Box<str>,
    /// Index of the team in the roster.
    pub team: u32,
    /// Index of the rule in the team.
    pub rule: u32,
}

/// The next turn of every round-robin rule, per team and rule (indices into the
/// roster: a plain table, since every rep looks its cursor up).
#[derive(Debug, Default)]
pub struct Rotation {
    /// `cursors[team][rule]`: `None` for a rule that is not a round robin.
    cursors: Vec<Vec<Option<Cursor>>>,
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
        let cursors: Vec<Vec<Option<Cursor>>> = roster
            .teams
            .iter()
            .map(|team| {
                let round_robin = |rule: &super::Rule| matches!(rule.pick, Pick::RoundRobin(_));
                team.rules
                    .iter()
                    .map(|rule| round_robin(rule).then(Cursor::default))
                    .collect()
            })
            .collect();
        let mut rotation = Rotation { cursors };
        if !rotation.cursors.iter().flatten().any(Option::is_some) {
            return rotation;
        }
        // Rule texts, to find a recorded turn's rule.
        let mut by_text: HashMap<(&str, &str), (usize, usize)> = HashMap::new();
        for (t, team) in roster.teams.iter().enumerate() {
            for (r, rule) in team.rules.iter().enumerate() {
                if matches!(rule.pick, Pick::RoundRobin(_)) {
                    by_text.insert((&team.name, &rule.text), (t, r));
                }
            }
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
                    .and_then(|&(t, r)| rotation.cursor(t, r))
                    .filter(|c| turn >= c.next_turn);
                if let Some(cursor) = cursor {
                    cursor.next_turn = turn + 1;
                    cursor.last = roster
                        .team(team)
                        .and_then(|(_, t)| t.member_id(&record.rep));
                }
            }
        }
        rotation
    }

    /// Settles every rep of the run, in plan (id) order: gives each open round-robin
    /// rep its member, then names every rep from the roster ([`Roster::name`]).
    #[cfg(test)]
    pub fn settle(&mut self, roster: &Roster, plans: &mut [LeadPlan]) {
        self.settle_around(roster, plans, Vec::new());
    }

    /// [`Rotation::settle`] for a dry run that let some new leads with an open round
    /// robin go before the end (every draft of that team deferred by capacity, so the
    /// rep shows nowhere): `skipped` names them, and their turns are taken where their
    /// ids fall, so the kept leads get the reps a run keeping every lead gives them.
    pub fn settle_around(
        &mut self,
        roster: &Roster,
        plans: &mut [LeadPlan],
        mut skipped: Vec<SkippedTurn>,
    ) {
        skipped.sort_unstable_by(|a, b| a.id.cmp(&b.id));
        let mut skipped = skipped.iter().peekable();
        for plan in plans.iter_mut() {
            while let Some(turn) = skipped.next_if(|t| *t.id < *plan.id) {
                self.next_pick(roster, turn.team as usize, turn.rule as usize);
            }
            for rep in plan.reps.iter_mut() {
                if rep.member_index.is_none() {
                    self.take_turn(roster, rep);
                }
                roster.name(rep);
            }
        }
    }

    /// Gives an open round-robin rep the next member of its rule.
    fn take_turn(&mut self, roster: &Roster, rep: &mut LeadRep) {
        let (team, Some(rule)) = (rep.team_index as usize, rep.rule_index) else {
            return;
        };
        if let Some((turn, member)) = self.next_pick(roster, team, rule as usize) {
            rep.turn = Some(turn);
            rep.member_index = Some(member);
        }
    }

    /// The next turn of a round-robin rule and its member, the cursor moved past it.
    fn next_pick(&mut self, roster: &Roster, team_index: usize, rule: usize) -> Option<(u64, u32)> {
        let team = roster.teams.get(team_index)?;
        let Some(Pick::RoundRobin(list)) = team.rules.get(rule).map(|r| &r.pick) else {
            return None;
        };
        let cursor = self.cursor(team_index, rule)?;
        let member = next_member(list, cursor)?;
        let index = u32::try_from(member).ok()?;
        let turn = cursor.next_turn;
        cursor.next_turn += 1;
        cursor.last = Some(member);
        Some((turn, index))
    }

    fn cursor(&mut self, team: usize, rule: usize) -> Option<&mut Cursor> {
        self.cursors.get_mut(team)?.get_mut(rule)?.as_mut()
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
