//! Enrollment state: which tier every lead is in, since when, and which playbook steps
//! are done or skipped. Kept in `.leadplay/state.jsonl`, one JSON object per lead sorted
//! by id, so it diffs well in git and a run is reproducible from it.
//!
//! [`StateStore::load`] reads it, [`State::save_atomic`] writes it (temp file, fsync,
//! rename), and [`StateLock`] keeps two runs from interleaving.

mod error;
mod file;
mod lock;

pub use error::StateError;
pub use file::StateStore;
pub use lock::{LockHolder, StateLock};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The whole state: one [`LeadState`] per lead id.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct State {
    leads: BTreeMap<String, LeadState>,
}

/// What the state remembers about one lead.
///
/// Field order here is the key order in the file; optional parts are left out when empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadState {
    /// The lead's key.
    pub id: String,
    /// The tier name the lead was in at its last run.
    pub tier: String,
    /// The date it entered that tier (day 0 of the tier's playbook).
    #[serde(with = "iso_date")]
    pub entered: NaiveDate,
    /// Step key (`day3:cold/promotion`) → what happened to it in this enrollment.
    #[serde(default)]
    pub steps: BTreeMap<String, StepRecord>,
    /// The handoff note for the transition into this tier, when one was due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff: Option<HandoffRecord>,
    /// Set once an `exit when` rule fired: no more steps until the tier changes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exited: Option<ExitRecord>,
    /// Team → the lead's rep in that team and why (SPEC 6); sticky across runs.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub reps: BTreeMap<String, RepRecord>,
    /// The as-of date of the last run that saw this lead.
    #[serde(with = "iso_date")]
    pub last_run: NaiveDate,
}

/// A lead's rep in one team, and why it has that rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepRecord {
    /// The member's id.
    pub rep: String,
    /// How the rep was chosen.
    pub by: RepBy,
    /// The lead's `owner` value when the rep was chosen (the rep changes when it does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The `assign` rule that chose it (by rule, round robin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// Round robin: the turn number in its rule's rotation (the next run continues
    /// after the highest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub turn: Option<u64>,
}

/// How a rep was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RepBy {
    /// The lead's `owner` value names the member.
    Owner,
    /// An `assign` rule naming the member held.
    Rule,
    /// A `round robin` rule's turn.
    RoundRobin,
}

/// Whether a step (or handoff) was drafted or skipped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecordStatus {
    /// Drafted: the draft file exists.
    Done,
    /// Decided not to draft (condition, suppression); never comes again.
    Skipped,
}

/// One step's record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepRecord {
    /// Done or skipped.
    pub status: RecordStatus,
    /// The as-of date of the run that decided it.
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// Why it was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The owner the draft went to (done steps); lets capacity count today's drafts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The draft, relative to the workspace (done steps).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The template of the lead's A/B variant (A/B steps only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The member of the owner's team the draft went to (teams with members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep: Option<String>,
}

/// Where a handoff note stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum HandoffStatus {
    /// Due but not written yet (render failed, deferred by capacity): offered again next run.
    Pending,
    /// Written.
    Done,
    /// Not written because the lead was suppressed.
    Skipped,
}

/// The handoff note of the transition into the current tier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoffRecord {
    /// Pending, done or skipped.
    pub status: HandoffStatus,
    /// Pending: the transition date; done/skipped: the run that decided it.
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// The tier the lead came from.
    pub from_tier: String,
    /// The owner the lead came from.
    pub from_owner: String,
    /// The owner the note is for.
    pub owner: String,
    /// Why it was skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The draft, relative to the workspace (done).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The member of the owner's team the note went to (teams with members).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rep: Option<String>,
}

/// An `exit when` rule that ended the playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExitRecord {
    /// The as-of date of the run that saw it fire.
    #[serde(with = "iso_date")]
    pub date: NaiveDate,
    /// The rule's source text.
    pub rule: String,
}

impl State {
    /// An empty state (no file yet).
    pub fn new() -> State {
        State::default()
    }

    /// The lead's state, if the lead was seen before.
    pub fn get(&self, id: &str) -> Option<&LeadState> {
        self.leads.get(id)
    }

    /// Inserts or replaces a lead's state.
    pub fn insert(&mut self, lead: LeadState) {
        self.leads.insert(lead.id.clone(), lead);
    }

    /// All leads, sorted by id.
    pub fn leads(&self) -> impl Iterator<Item = &LeadState> {
        self.leads.values()
    }

    /// Number of leads.
    pub fn len(&self) -> usize {
        self.leads.len()
    }

    /// True when no lead was ever seen.
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    /// The latest `last_run` over all leads: the as-of date of the last run.
    pub fn last_run(&self) -> Option<NaiveDate> {
        self.leads.values().map(|l| l.last_run).max()
    }

    /// Drafts already written on `date`, per owner (steps and handoffs). Capacity counts
    /// them so a second run on the same day cannot exceed the daily limit.
    pub fn drafts_on(&self, date: NaiveDate) -> BTreeMap<String, u32> {
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for lead in self.leads.values() {
            let steps = lead.steps.values().filter_map(|s| match s.status {
                RecordStatus::Done if s.date == date => Some((s.owner.as_deref()?, &s.rep)),
                _ => None,
            });
            let handoff = lead.handoff.iter().filter_map(|h| match h.status {
                HandoffStatus::Done if h.date == date => Some((h.owner.as_str(), &h.rep)),
                _ => None,
            });
            for (owner, rep) in steps.chain(handoff) {
                *counts.entry(owner.to_string()).or_insert(0) += 1;
                // A rep's drafts also count as `team/member` (a member's own cap).
                if let Some(rep) = rep {
                    *counts.entry(format!("{owner}/{rep}")).or_insert(0) += 1;
                }
            }
        }
        counts
    }
}

/// Refuses a run whose as-of date is earlier than the state's last run: the day clock only
/// moves forward, and going back would re-decide steps that are already on disk.
pub fn check_as_of(state: &State, as_of: NaiveDate) -> Result<(), StateError> {
    match state.last_run() {
        Some(last_run) if as_of < last_run => {
            Err(StateError::AsOfBeforeLastRun { as_of, last_run })
        }
        _ => Ok(()),
    }
}

/// `YYYY-MM-DD` dates in the state file (chrono's serde feature is not enabled).
mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    const FORMAT: &str = "%Y-%m-%d";

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format(FORMAT))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(d)?;
        crate::dates::parse_day(&text).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests;
