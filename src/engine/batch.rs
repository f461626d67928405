//! One batch of leads: coerced, scored, tiered and scheduled in parallel, then taken
//! into the run's rows in file order with their keys checked ([`super::rows`]).

use crate::assign::Roster;
use crate::leads::{BadCell, Coercer, Lead, RawLead, RowError, RowPlace};
use crate::program::Program;
use crate::program::{Outcome, Scores};
use crate::schedule::{LeadInput, LeadPlan, ScheduleContext, plan_lead};
use crate::state::State;

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

/// What evaluating a batch needs of the run.
pub(super) struct BatchJob<'a> {
    pub(super) program: &'a Program,
    pub(super) roster: &'a Roster,
    pub(super) ctx: &'a ScheduleContext<'a>,
    pub(super) state: &'a State,
    pub(super) coercer: &'a Coercer,
    /// The run renders drafts: leads with drafts keep their record.
    pub(super) renders: bool,
}

/// A batch's results, in file order.
pub(super) type Batch = Vec<Result<Evaluated, RowError>>;

/// One task's buffers, reused from lead to lead.
struct Scratch {
    eval: crate::eval::Scratch,
    values: Vec<crate::value::Value>,
    id: String,
    previous: Previous,
}

impl BatchJob<'_> {
    /// Coerces, scores, tiers and schedules one batch, in order, on the calling thread
    /// (batches run side by side, [`super::pipeline`]), into `out`; a [`Lead`] is only
    /// built for a lead whose drafts will be rendered.
    pub(super) fn evaluate(&self, raws: Vec<RawLead>, out: &mut Batch) {
        let mut scratch = Scratch {
            eval: self.program.scratch(),
            values: Vec::new(),
            id: String::new(),
            previous: Previous::default(),
        };
        let leads = raws.into_iter().enumerate();
        out.extend(leads.map(|(index, raw)| self.one(index, raw, &mut scratch)));
    }

    fn one(
        &self,
        index: usize,
        raw: RawLead,
        scratch: &mut Scratch,
    ) -> Result<Evaluated, RowError> {
        let (program, ctx) = (self.program, self.ctx);
        let Scratch {
            eval,
            values,
            id,
            previous,
        } = scratch;
        let before = previous.index.take();
        let mut bad_cells = Vec::new();
        self.coercer.coerce_into(&raw, values, id, &mut bad_cells)?;
        let follows_previous = before.is_some_and(|b| b + 1 == index) && *id > previous.id;
        let mut outcome = Outcome {
            tier: 0,
            scores: Scores::with_capacity(program.score_names.len()),
            suppressed_by: None,
        };
        program.evaluate_into(values, ctx.as_of, eval, &mut outcome);
        let input = LeadInput::from_outcome(id, &outcome, &program.suppress_rules);
        let eval = &*eval;
        let seen = self.state.get(id);
        let cond = |cond| program.condition_cached(cond, values, ctx.as_of, eval);
        let mut plan = plan_lead(ctx, seen, &input, &cond);
        // Reps only for leads with drafts, and only when a team has members.
        if !self.roster.is_empty() && plan.drafts().next().is_some() {
            plan.reps = self
                .roster
                .choose(&plan, seen, &raw, &|c| cond(c).is_true());
        }
        let place = raw.place;
        // Kept for rendering, which reads the record as it was read (templates see
        // every column): the coerced values have served their purpose.
        let lead = (self.renders && plan.drafts().next().is_some()).then(|| {
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
    }
}

/// The last record a task evaluated without error: a task takes records in file order,
/// so it can tell whether ids ascend while both are in its cache ([`super::rows::Rows::absorb`]
/// then need not read them again).
#[derive(Default)]
struct Previous {
    /// Its index in the batch (`None` after a record that failed).
    index: Option<usize>,
    id: String,
}
