//! The leads of a run as they come in, in file order: keys checked (the later duplicate
//! is the error), and either every lead kept, or — a streamed run — only the leads
//! whose drafts still wait for the capacity queue or a round-robin rep. Any other lead
//! is final the moment it is evaluated ([`LetGoRule`]): it is counted, its output
//! record goes to the [`Spool`], and it is let go, so memory grows with the leads that
//! compete for a daily limit, not with all leads.

use super::batch::Evaluated;
use super::let_go::LetGoRule;
use super::output::Formatted;
use super::records::RecordContext;
use super::spool::Spool;
use super::tally::LeadCounts;
use crate::assign::SkippedTurn;
use crate::leads::{BadCell, KeyTracker, Lead, RowError};
use crate::program::Outcome;
use crate::schedule::LeadPlan;
use crate::state::State;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub(super) struct Rows<'c> {
    pub(super) keys: KeyTracker,
    /// The leads kept, in file order (every lead, or those [`LetGoRule`] keeps).
    pub(super) plans: Vec<LeadPlan>,
    pub(super) outcomes: Vec<Outcome>,
    pub(super) leads: Vec<Option<Box<Lead>>>,
    pub(super) errors: Vec<RowError>,
    pub(super) bad_cells: Vec<BadCell>,
    /// Leads taken in (kept or let go).
    pub(super) accepted: usize,
    /// Of those, leads the state knows (ids are unique, so the state's other leads
    /// are the ones missing from the export).
    pub(super) in_state: usize,
    /// A streamed run: where the leads let go are counted and their records spooled.
    pub(super) finished: Option<Finished<'c>>,
}

/// What a streamed run keeps of the leads it let go.
pub(super) struct Finished<'c> {
    /// Which leads it may let go.
    rule: LetGoRule<'c>,
    pub(super) counts: LeadCounts,
    /// Their output records, when the run prints any.
    pub(super) records: Option<(RecordContext<'c>, Spool)>,
    /// The final leads of the batch being taken, in file order.
    plans: Vec<LeadPlan>,
    outcomes: Vec<Outcome>,
    /// For each lead kept in that batch: how many of its final leads came before it.
    batch_marks: Vec<usize>,
    /// For each lead kept: the bytes of spooled records before it, in file order
    /// (printed in that order when every key ascends, [`super::interleave`]).
    pub(super) marks: Vec<u64>,
}

impl<'c> Finished<'c> {
    pub(super) fn new(
        rule: LetGoRule<'c>,
        counts: LeadCounts,
        records: Option<RecordContext<'c>>,
    ) -> Finished<'c> {
        Finished {
            rule,
            counts,
            records: records.map(|context| (context, Spool::new())),
            plans: Vec::new(),
            outcomes: Vec::new(),
            batch_marks: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// What the end of the run needs of the leads let go with deferred drafts: their
    /// deferred drafts per team, and the round-robin turns they would have taken.
    pub(super) fn take_capacity_leftovers(&mut self) -> (BTreeMap<String, u32>, Vec<SkippedTurn>) {
        (
            std::mem::take(&mut self.rule.deferred),
            std::mem::take(&mut self.rule.skipped_turns),
        )
    }

    /// Counts the batch's final leads, spools their records and lets them go. The
    /// records are formatted in parallel slices ([`Formatted`]), then spooled in order.
    fn take_batch(&mut self) {
        for (plan, outcome) in self.plans.iter_mut().zip(&self.outcomes) {
            for rep in &mut plan.reps {
                self.rule.name(rep);
            }
            self.counts.count_let_go(plan, outcome);
        }
        if let Some((context, spool)) = &mut self.records {
            let slices: Vec<Formatted> = self
                .plans
                .par_chunks(SPOOL_SLICE)
                .zip(self.outcomes.par_chunks(SPOOL_SLICE))
                .map(|(plans, outcomes)| Formatted::of(context, plans, outcomes))
                .collect();
            let records = slices.iter().flat_map(Formatted::records);
            let mut marks = self.batch_marks.iter().peekable();
            for (i, (plan, record)) in self.plans.iter().zip(records).enumerate() {
                while marks.next_if(|&&m| m == i).is_some() {
                    self.marks.push(spool.records_written());
                }
                spool.push(&plan.id, record);
            }
            for _ in marks {
                self.marks.push(spool.records_written());
            }
        }
        self.batch_marks.clear();
        self.plans.clear();
        self.outcomes.clear();
    }
}

/// Final leads per slice formatted on one thread.
const SPOOL_SLICE: usize = 1024;

impl<'c> Rows<'c> {
    /// Rows that keep every lead (`finished: None`) or stream (`Some`).
    pub(super) fn new(keys: KeyTracker, finished: Option<Finished<'c>>) -> Rows<'c> {
        Rows {
            keys,
            plans: Vec::new(),
            outcomes: Vec::new(),
            leads: Vec::new(),
            errors: Vec::new(),
            bad_cells: Vec::new(),
            accepted: 0,
            in_state: 0,
            finished,
        }
    }

    /// Takes a batch's leads in, leaving `batch` empty (its buffer is used again).
    pub(super) fn absorb(&mut self, batch: &mut Vec<Result<Evaluated, RowError>>, state: &State) {
        for result in batch.drain(..) {
            match result {
                Ok(evaluated) => self.take(evaluated, state),
                Err(error) => self.errors.push(error),
            }
        }
        if let Some(finished) = &mut self.finished {
            finished.take_batch();
        }
    }

    /// Keeps one evaluated lead when its key is new. The lead is checked where it lies
    /// and moved once: passing it through `Result` combinators copied the ~300-byte
    /// record three times more (callgrind, 200k leads: `absorb`'s copies 75 M → 17 M
    /// instructions).
    fn take(&mut self, mut e: Evaluated, state: &State) {
        if let Err(error) = self.check_key(&e) {
            self.errors.push(error);
            return;
        }
        self.accepted += 1;
        if !state.is_empty() && state.get(&e.plan.id).is_some() {
            self.in_state += 1;
        }
        self.bad_cells.append(&mut e.bad_cells);
        if let Some(finished) = &mut self.finished {
            if finished.rule.lets_go(&mut e.plan) {
                finished.plans.push(e.plan);
                finished.outcomes.push(e.outcome);
                return;
            }
            finished.batch_marks.push(finished.plans.len());
        }
        self.plans.push(e.plan);
        self.outcomes.push(e.outcome);
        self.leads.push(e.lead);
    }

    fn check_key(&mut self, e: &Evaluated) -> Result<(), RowError> {
        if self.finished.is_some() {
            // Leads are let go: the tracker keeps every key itself, in one buffer.
            return self.keys.check_key(&e.plan.id, e.place);
        }
        // Every accepted key is in `plans`, in order: the tracker reads them there.
        let plans = &self.plans;
        let accepted = |i: usize| plans.get(i).map(|p| p.id.as_str());
        self.keys
            .check_kept_key(&e.plan.id, e.place, e.follows_previous, &accepted)
    }

    /// Every key taken in came in strictly ascending order: file order is id order.
    pub(super) fn all_in_order(&self) -> bool {
        self.keys.ascending_prefix() == self.accepted
    }

    /// How many of the kept leads lead the list in strictly ascending id order.
    pub(super) fn kept_in_order(&self) -> usize {
        if self.finished.is_none() {
            // Every lead is kept: the key check has been counting.
            return self.keys.ascending_prefix();
        }
        if self.all_in_order() {
            // Every key came in ascending order: so did the kept ones.
            return self.plans.len();
        }
        let out_of_order = self.plans.windows(2).position(|w| w[0].id >= w[1].id);
        out_of_order.map_or(self.plans.len(), |i| i + 1)
    }
}
