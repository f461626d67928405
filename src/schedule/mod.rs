//! The day clock: which playbook steps are due for a lead today (SPEC 3.4).
//!
//! A run goes, per lead: [`plan_lead`] decides the transition, handoff, exit and the due
//! steps (draft or skip) from the previous [`LeadState`](crate::state::LeadState); then
//! [`apply_capacity`] defers drafts over an owner's daily limit across all leads; the
//! caller renders every [`Action::Draft`] and marks it written or failed; then [`apply`]
//! records each plan in the [`State`](crate::state::State), which the caller saves once.
//! Drafts are on disk before the state says so, and anything not written (render error,
//! deferred) is simply not recorded, so it is due again next run.
//!
//! Pure logic: no I/O, no dates from the clock, deterministic for the same input.

mod balance_warnings;
mod capacity;
mod commit;
mod explain;
mod lead;
mod owner_limits;
mod workdays;

pub use balance_warnings::balance_warnings;
#[cfg(test)]
pub(crate) use capacity::apply_capacity;
pub(crate) use capacity::score_desc;
pub use capacity::{CapacityReport, apply_capacity_in_id_order};
pub use commit::apply;
pub use explain::position;
pub use lead::plan_lead;

use crate::calendar::Calendar;
use crate::program::{Channel, PlaybookPlan, TierId};
use chrono::NaiveDate;
use std::sync::Arc;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
mod tests;

/// What a run knows about the program, shared by every lead.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleContext<'a> {
    /// Tier names in heat order (index = [`TierId`], 0 hottest).
    pub tier_names: &'a [Arc<str>],
    /// The playbooks, at most one per tier.
    pub playbooks: &'a [PlaybookPlan],
    /// The run's as-of date D.
    pub as_of: NaiveDate,
    /// Working days, for `on workdays` playbooks.
    pub calendar: &'a Calendar,
}

impl<'a> ScheduleContext<'a> {
    /// The playbook serving a tier, if there is one.
    pub fn playbook_for(&self, tier: TierId) -> Option<&'a PlaybookPlan> {
        self.playbooks.iter().find(|p| p.tier == tier)
    }

    /// A tier's id from its name (the state file stores names).
    pub fn tier_id(&self, name: &str) -> Option<TierId> {
        self.tier_names.iter().position(|n| **n == *name)
    }
}

/// One lead's evaluation result, as the scheduler needs it (borrowed, nothing cloned).
#[derive(Debug, Clone, Copy)]
pub struct LeadInput<'a> {
    /// The lead's key.
    pub id: &'a str,
    /// The evaluated tier.
    pub tier: TierId,
    /// The first declared score, for capacity priority (`None` when there is no score).
    pub first_score: Option<f64>,
    /// The text of the `suppress` rule that matched, if any (the program's copy, which
    /// the plan shares).
    pub suppressed_by: Option<&'a Arc<str>>,
}

impl<'a> LeadInput<'a> {
    /// The scheduler's view of an evaluated lead; `suppress_rules` are the program's
    /// suppress rule texts (an outcome names its rule by index).
    pub fn from_outcome(
        id: &'a str,
        outcome: &crate::program::Outcome,
        suppress_rules: &'a [Arc<str>],
    ) -> LeadInput<'a> {
        LeadInput {
            id,
            tier: outcome.tier,
            first_score: outcome.scores.first().copied(),
            suppressed_by: outcome.suppressed_by.and_then(|i| suppress_rules.get(i)),
        }
    }
}

/// How the lead's tier compares with the state's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not in the state: enrolled today, no handoff.
    FirstSeen,
    /// Same tier as last run.
    Stayed,
    /// Moved to a hotter tier.
    WarmUp,
    /// Moved to a colder tier.
    CoolDown,
    /// Moved from a tier that no longer exists in the program (renamed or removed).
    Moved,
}

impl Change {
    /// True for a change of tier (first sight is not a transition).
    pub fn is_transition(self) -> bool {
        matches!(self, Change::WarmUp | Change::CoolDown | Change::Moved)
    }
}

/// What a plan item is.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A playbook step, by its key (`day3:cold/promotion`).
    Step {
        /// The step key recorded in the state.
        key: Arc<str>,
    },
    /// The handoff note to the new owner. Boxed: most items are steps, and a handoff
    /// inline would make every item of a million-lead run twice its size.
    Handoff(Box<HandoffFrom>),
}

/// Where a handed-off lead came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoffFrom {
    /// The tier the lead came from.
    pub from_tier: String,
    /// The owner it came from.
    pub from_owner: String,
}

/// What happens to a plan item. The scheduler produces `Draft`, `Skip` and (capacity)
/// `Deferred`; the caller turns each `Draft` into `Written` or `Failed`.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// To be rendered.
    Draft,
    /// Recorded as skipped with this reason; never comes again.
    Skip(String),
    /// Over the owner's daily capacity: not recorded, due again next run.
    Deferred,
    /// Rendered to this workspace-relative path: recorded as done.
    Written(String),
    /// Rendering failed with this message: not recorded, due again next run.
    Failed(String),
}

/// One handoff or due step of a lead today.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    /// Step or handoff.
    pub target: Target,
    /// The step's day (0 for a handoff).
    pub day: u32,
    /// The channel (`Channel::Handoff` for the handoff).
    pub channel: Channel,
    /// The template name (for an A/B step, the lead's variant).
    pub template: Arc<str>,
    /// The template is the lead's A/B variant of the step.
    pub variant: bool,
    /// Who the draft is for: the step's owner, or the new playbook's owner for a handoff.
    pub owner: Arc<str>,
    /// What happens to it.
    pub action: Action,
}

impl PlanItem {
    /// True while it waits to be rendered.
    pub fn is_draft(&self) -> bool {
        self.action == Action::Draft
    }

    /// Records that the draft was written (only a pending `Draft` changes).
    pub fn mark_written(&mut self, path: impl Into<String>) {
        if self.is_draft() {
            self.action = Action::Written(path.into());
        }
    }

    /// Records that rendering failed (only a pending `Draft` changes).
    pub fn mark_failed(&mut self, message: impl Into<String>) {
        if self.is_draft() {
            self.action = Action::Failed(message.into());
        }
    }
}

/// Everything the day clock decided for one lead on one as-of date.
#[derive(Debug, Clone, PartialEq)]
pub struct LeadPlan {
    /// The lead's key.
    pub id: String,
    /// The evaluated tier.
    pub tier: TierId,
    /// Its name (shared with the program: a million plans need not copy it).
    pub tier_name: Arc<str>,
    /// The state's tier before this run (`None` for a lead seen for the first time).
    pub previous_tier: Option<Arc<str>>,
    /// How the tier changed.
    pub change: Change,
    /// The date the lead entered its tier (D on a transition or first sight).
    pub entered: NaiveDate,
    /// The as-of date D.
    pub as_of: NaiveDate,
    /// The first declared score (capacity priority).
    pub first_score: Option<f64>,
    /// The suppress rule text, when suppressed.
    pub suppressed_by: Option<Arc<str>>,
    /// The `exit when` rule that fired in this run (not one recorded earlier).
    pub exit: Option<Arc<str>>,
    /// The handoff first (if any), then due steps in playbook order.
    pub items: Vec<PlanItem>,
    /// The lead's reps in the teams with members its drafts go to (SPEC 6); empty
    /// when none of them has members.
    pub reps: Vec<crate::assign::LeadRep>,
}

impl LeadPlan {
    /// Days since the lead entered its tier (the playbook's day N).
    #[cfg(test)]
    pub fn day(&self) -> i64 {
        (self.as_of - self.entered).num_days()
    }

    /// Items waiting to be rendered.
    pub fn drafts(&self) -> impl Iterator<Item = &PlanItem> {
        self.items.iter().filter(|i| i.is_draft())
    }

    /// Items waiting to be rendered, to mark them written or failed.
    pub fn drafts_mut(&mut self) -> impl Iterator<Item = &mut PlanItem> {
        self.items.iter_mut().filter(|i| i.is_draft())
    }

    /// The lead's rep in `team`, if it has one.
    pub fn rep_for(&self, team: &str) -> Option<&crate::assign::LeadRep> {
        self.reps.iter().find(|r| r.team() == Some(team))
    }

    /// The handoff item, if one is due today.
    pub fn handoff(&self) -> Option<&PlanItem> {
        self.items
            .iter()
            .find(|i| matches!(i.target, Target::Handoff(_)))
    }

    /// True when nothing is drafted, skipped or deferred and the tier did not change:
    /// a second run on the same day yields such a plan for every lead.
    #[cfg(test)]
    pub fn is_quiet(&self) -> bool {
        self.items.is_empty()
            && self.exit.is_none()
            && !self.change.is_transition()
            && self.change != Change::FirstSeen
    }
}
