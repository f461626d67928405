//! Evaluate then plan one lead: its scores, tier and suppression, then which playbook
//! steps are due given its state. `explain` and `leadplay test` do exactly this for one
//! lead; a run does the same for every lead in `engine::batch` (with a scratch reused
//! across leads and a memo of conditions: the batch loop's speed-ups).

use crate::program::Outcome;
use crate::program::Program;
use crate::schedule::{LeadInput, LeadPlan, ScheduleContext, plan_lead};
use crate::state::LeadState;
use crate::value::Value;

/// One lead evaluated and planned.
#[derive(Debug)]
pub struct Planned {
    /// Scores, tier and the suppress rule that matched, as evaluated.
    pub outcome: Outcome,
    /// Its tier change and the steps due today.
    pub plan: LeadPlan,
}

/// Evaluates the lead `id` with these `values` on `ctx.as_of` and plans its steps
/// against `prev`, its record in the state (`None`: first seen).
pub fn evaluate_and_plan(
    program: &Program,
    ctx: &ScheduleContext<'_>,
    prev: Option<&LeadState>,
    id: &str,
    values: &[Value],
) -> Planned {
    let outcome = program.evaluate(values, ctx.as_of);
    let input = LeadInput::from_outcome(id, &outcome, &program.suppress_rules);
    let plan = plan_lead(ctx, prev, &input, &|cond| {
        program.condition(cond, values, ctx.as_of)
    });
    Planned { outcome, plan }
}
