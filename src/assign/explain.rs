//! `explain`: the lead's rep in each team with members, and why.

use super::Roster;
use crate::leads::RawLead;
use crate::program::CondId;
use crate::schedule::LeadPlan;
use crate::state::State;

impl Roster {
    /// One line per team with members: `rep priya (sales): owner value …`, or why the
    /// lead has none. A round-robin turn not yet taken is named, not guessed: `eval`
    /// gives turns to the new leads of a run in id order. (The review page explains
    /// thousands of leads, so this never scans the state.)
    pub fn explain(
        &self,
        plan: &LeadPlan,
        state: &State,
        raw: &RawLead,
        holds: &dyn Fn(CondId) -> bool,
    ) -> String {
        let teams = self.teams.iter().map(|t| &*t.name);
        let mut reps = self.choose_in(teams, state.get(&plan.id), raw, holds);
        reps.iter_mut().for_each(|rep| self.name(rep));
        let mut out = String::new();
        for (index, team) in self.teams.iter().enumerate() {
            let rep = reps.iter().find(|r| r.team_index as usize == index);
            let line = match rep {
                Some(rep) if rep.member_index.is_none() => format!(
                    "rep ({}): by `{}`, the next turn when `eval` drafts for the lead",
                    team.name,
                    rep.rule().unwrap_or("")
                ),
                Some(rep) => format!(
                    "rep {} ({}): {}",
                    rep.id().unwrap_or("?"),
                    team.name,
                    rep.reason()
                ),
                None => format!(
                    "rep none ({}): no member matches the owner value and no assign rule holds; drafts go under `{}/`",
                    team.name, team.name
                ),
            };
            out.push_str("  ");
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}
