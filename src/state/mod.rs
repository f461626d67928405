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
pub use lock::StateLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::collections::{BTreeMap, BTreeSet};

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

    /// True when no lead was ever seen.
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    /// The latest `last_run` over all leads: the as-of date of the last run.
    pub fn last_run(&self) -> Option<NaiveDate> {
        self.leads.values().map(|l| l.last_run).max()
    }

    /// Ids in the state that are not in `seen` (today's export), sorted. Their state is
    /// kept untouched; the caller reports them as "not in this export".
    pub fn ids_not_in<T: Borrow<str> + Ord>(&self, seen: &BTreeSet<T>) -> Vec<String> {
        self.leads
            .keys()
            .filter(|id| !seen.contains(id.as_str()))
            .cloned()
            .collect()
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
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn lead(id: &str, last_run: &str) -> LeadState {
        LeadState {
            id: id.to_string(),
            tier: "cold".to_string(),
            entered: date("2026-03-01"),
            steps: BTreeMap::new(),
            handoff: None,
            exited: None,
            reps: BTreeMap::new(),
            last_run: date(last_run),
        }
    }

    #[test]
    fn last_run_is_the_latest_over_leads() {
        let mut state = State::new();
        assert_eq!(state.last_run(), None);
        state.insert(lead("b", "2026-03-04"));
        state.insert(lead("a", "2026-03-09"));
        assert_eq!(state.last_run(), Some(date("2026-03-09")));
    }

    #[test]
    fn as_of_earlier_than_last_run_is_refused_naming_both_dates() {
        let mut state = State::new();
        state.insert(lead("a", "2026-03-09"));
        assert!(check_as_of(&state, date("2026-03-09")).is_ok());
        assert!(check_as_of(&state, date("2026-03-10")).is_ok());
        let err = check_as_of(&state, date("2026-03-08")).map(|_| "ok".to_string());
        let message = err.err().map(|e| e.to_string()).unwrap_or_default();
        assert!(message.contains("2026-03-08"), "{message}");
        assert!(message.contains("2026-03-09"), "{message}");
        let help = check_as_of(&state, date("2026-03-08"))
            .err()
            .and_then(|e| e.help())
            .unwrap_or_default();
        assert!(help.contains("`--as-of 2026-03-09` or later"), "{help}");
    }

    #[test]
    fn ids_not_in_lists_leads_missing_from_the_export() {
        let mut state = State::new();
        for id in ["c", "a", "b"] {
            state.insert(lead(id, "2026-03-01"));
        }
        let seen: BTreeSet<&str> = ["b", "z"].into_iter().collect();
        assert_eq!(state.ids_not_in(&seen), vec!["a", "c"]);
        let owned: BTreeSet<String> = BTreeSet::new();
        assert_eq!(state.ids_not_in(&owned).len(), 3);
    }

    #[test]
    fn drafts_on_counts_done_steps_and_handoffs_of_that_day() {
        let mut a = lead("a", "2026-03-02");
        let done = |day: &str| StepRecord {
            status: RecordStatus::Done,
            date: date(day),
            reason: None,
            owner: Some("sales".to_string()),
            path: Some("drafts/x.eml".to_string()),
            variant: None,
            rep: None,
        };
        a.steps.insert("day0:x".into(), done("2026-03-02"));
        a.steps.insert("day1:y".into(), done("2026-03-01"));
        a.handoff = Some(HandoffRecord {
            status: HandoffStatus::Done,
            date: date("2026-03-02"),
            from_tier: "cold".into(),
            from_owner: "marketing".into(),
            owner: "sales".into(),
            reason: None,
            path: None,
            rep: None,
        });
        let mut state = State::new();
        state.insert(a);
        let counts = state.drafts_on(date("2026-03-02"));
        assert_eq!(counts.get("sales"), Some(&2));
        assert_eq!(counts.len(), 1);
    }
}
