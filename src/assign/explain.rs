//! `explain`: the lead's rep in each team with members, and why.

use super::{Roster, Rotation};
use crate::leads::RawLead;
use crate::plan::CondId;
use crate::schedule::LeadPlan;
use crate::state::State;

impl Roster {
    /// One line per team with members: `rep priya (sales): owner value …`, or why the
    /// lead has none. Round robin shows the turn the lead would get if no other new
    /// lead came first (a run gives turns to new leads in id order).
    pub fn explain(
        &self,
        plan: &LeadPlan,
        state: &State,
        raw: &RawLead,
        holds: &dyn Fn(CondId) -> bool,
    ) -> String {
        let teams = self.teams.iter().map(|t| &*t.name);
        let mut reps = plan.clone();
        reps.reps = self.choose_in(teams, state.get(&plan.id), raw, holds);
        Rotation::from_state(self, state).settle(self, std::slice::from_mut(&mut reps));
        let mut out = String::new();
        for team in &self.teams {
            let line = match reps.rep_for(&team.name) {
                Some(rep) => format!(
                    "rep {} ({}): {}",
                    rep.id.as_deref().unwrap_or("?"),
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
