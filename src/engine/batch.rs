//! One batch of leads: coerced, scored, tiered and scheduled in parallel, then taken
//! into the run's rows in file order with their keys checked.

use crate::assign::Roster;
use crate::leads::{BadCell, Coercer, KeyTracker, Lead, RawLead, RowError, RowPlace};
use crate::program::Program;
use crate::program::{Outcome, Scores};
use crate::schedule::{LeadInput, LeadPlan, ScheduleContext, plan_lead};
use crate::state::State;
use rayon::prelude::*;

/// One lead after evaluation and scheduling; `lead` is kept only when it has drafts to
/// render, so memory follows the output, not the input.
pub(super) struct Evaluated {
    pub(super) plan: LeadPlan,
    pub(super) outcome: Outcome,
    /// Boxed: most leads keep none, and a `None` should cost a pointer, not a `Lead`.
    /// Its `values` are left empty: rendering reads the record (`Lead::all_fields`).
    pub(super) lead: Option<Box<Lead>>,
    pub(super) place: RowPlace,
    /// Its id is greater than that of the record just before it in the file, which
    /// was read without error (false when that record was evaluated elsewhere).
    pub(super) follows_previous: bool,
    /// Its values that did not fit their type (almost always none: no allocation).
    pub(super) bad_cells: Vec<BadCell>,
}

/// The leads of a run as they come in, in file order: keys checked (the later duplicate
/// is the error), and whether the ids arrive already sorted — exports usually are, and
/// noticing it on the way is cheaper than checking or sorting a million rows after.
pub(super) struct Rows {
    pub(super) keys: KeyTracker,
    pub(super) plans: Vec<LeadPlan>,
    pub(super) outcomes: Vec<Outcome>,
    pub(super) leads: Vec<Option<Box<Lead>>>,
    pub(super) errors: Vec<RowError>,
    pub(super) bad_cells: Vec<BadCell>,
}

impl Rows {
    pub(super) fn new(keys: KeyTracker) -> Rows {
        Rows {
            keys,
            plans: Vec::new(),
            outcomes: Vec::new(),
            leads: Vec::new(),
            errors: Vec::new(),
            bad_cells: Vec::new(),
        }
    }

    pub(super) fn absorb(&mut self, batch: Vec<Result<Evaluated, RowError>>) {
        for result in batch {
            let checked = result.and_then(|e| {
                // Every accepted key is in `plans`, in order: the tracker reads them there.
                let plans = &self.plans;
                let accepted = |i: usize| plans.get(i).map(|p| p.id.as_str());
                self.keys
                    .check_kept_key(&e.plan.id, e.place, e.follows_previous, &accepted)
                    .map(|()| e)
            });
            match checked {
                Ok(mut e) => {
                    self.bad_cells.append(&mut e.bad_cells);
                    self.plans.push(e.plan);
                    self.outcomes.push(e.outcome);
                    self.leads.push(e.lead);
                }
                Err(error) => self.errors.push(error),
            }
        }
    }
}

/// Coerces, scores, tiers and schedules one batch in parallel (order kept). Each task
/// reuses its value buffers; a [`Lead`] is only built for a lead whose drafts will be
/// rendered.
pub(super) fn evaluate_batch(
    program: &Program,
    roster: &Roster,
    ctx: &ScheduleContext<'_>,
    state: &State,
    coercer: &Coercer,
    raws: Vec<RawLead>,
    renders: bool,
) -> Vec<Result<Evaluated, RowError>> {
    raws.into_par_iter()
        .enumerate()
        // Each piece a task takes starts with fresh buffers (`map_init`): pieces of at
        // least 256 leads keep that rare. Measured on 1M leads: CPU −3 to −10%.
        .with_min_len(256)
        .map_init(
            || {
                (
                    program.scratch(),
                    Vec::new(),
                    String::new(),
                    Previous::default(),
                )
            },
            |(scratch, values, id, previous), (index, raw)| {
                let before = previous.index.take();
                let mut bad_cells = Vec::new();
                coercer.coerce_into(&raw, values, id, &mut bad_cells)?;
                let follows_previous = before.is_some_and(|b| b + 1 == index) && *id > previous.id;
                let mut outcome = Outcome {
                    tier: 0,
                    scores: Scores::with_capacity(program.score_names.len()),
                    suppressed_by: None,
                };
                program.evaluate_into(values, ctx.as_of, scratch, &mut outcome);
                let input = LeadInput::from_outcome(id, &outcome, &program.suppress_rules);
                let scratch = &*scratch;
                let seen = state.get(id);
                let mut plan = plan_lead(ctx, seen, &input, &|cond| {
                    program.condition_cached(cond, values, ctx.as_of, scratch)
                });
                // Reps only for leads with drafts, and only when a team has members.
                if !roster.is_empty() && plan.drafts().next().is_some() {
                    plan.reps = roster.choose(&plan, seen, &raw, &|cond| {
                        program
                            .condition_cached(cond, values, ctx.as_of, scratch)
                            .is_true()
                    });
                }
                let place = raw.place;
                // Kept for rendering, which reads the record as it was read (templates
                // see every column): the coerced values have served their purpose.
                let lead = (renders && plan.drafts().next().is_some()).then(|| {
                    Box::new(Lead {
                        id: id.clone(),
                        row: place.row,
                        values: Vec::new(),
                        raw,
                    })
                });
                // The id buffer is free again: it becomes the one to compare the next with.
                std::mem::swap(id, &mut previous.id);
                previous.index = Some(index);
                Ok(Evaluated {
                    plan,
                    outcome,
                    lead,
                    place,
                    follows_previous,
                    bad_cells,
                })
            },
        )
        .collect()
}

/// The last record a task evaluated without error: a task takes records in file order,
/// so it can tell whether ids ascend while both are in its cache ([`Rows::absorb`]
/// then need not read them again).
#[derive(Default)]
struct Previous {
    /// Its index in the batch (`None` after a record that failed).
    index: Option<usize>,
    id: String,
}
