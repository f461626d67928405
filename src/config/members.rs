//! `owners.<team>.members`: the people of a team (SPEC 6). A lead's rep is one of them;
//! drafts of a team with members go out from the rep.

use crate::calendar::Zone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One member of a team.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Member {
    /// The member's id: the draft folder (`OUTBOX/<as-of>/<team>/<id>/`) and what
    /// `assign` rules name.
    pub id: String,
    /// Full name (the From display name).
    pub name: String,
    /// The address drafts of this member's leads are sent from.
    pub email: String,
    /// A signature block for templates (`owner.signature`).
    pub signature: String,
    /// Job title (`owner.title`).
    pub title: String,
    /// Phone number (`owner.phone`).
    pub phone: String,
    /// The member's zone: drafts to leads without a zone of their own are dated in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// At most this many drafts a day for this member (the team's cap still applies).
    /// Signed so that a negative value gets a clear message, not a type error.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i64>,
    /// Any other key (`calendly: …`), visible to templates as `owner.<key>`.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

impl Member {
    /// The name shown in From lines and explain: the name, else the id.
    pub fn display_name(&self) -> &str {
        let name = self.name.trim();
        if name.is_empty() { &self.id } else { name }
    }

    /// The member's zone, when it names a valid one.
    pub fn zone(&self) -> Option<Zone> {
        self.time_zone.as_deref().and_then(Zone::parse)
    }
}

/// What is wrong with one team's roster: the message and the text in the config to
/// point at (the member's id, or the bad value).
pub fn roster_problem(team: &str, members: &[Member]) -> Option<(String, String)> {
    let mut seen = std::collections::BTreeSet::new();
    for (index, member) in members.iter().enumerate() {
        let id = member.id.trim();
        if id.is_empty() {
            let at = member.name.clone();
            return Some((
                format!("member {} of `owners.{team}` has no `id`", index + 1),
                at,
            ));
        }
        if !valid_id(id) {
            return Some((
                format!(
                    "member id `{id}` of `owners.{team}` must be letters, digits, `_`, `-` or `.`"
                ),
                id.to_string(),
            ));
        }
        if !seen.insert(id.to_lowercase()) {
            return Some((
                format!("two members of `owners.{team}` have the id `{id}`"),
                id.to_string(),
            ));
        }
        if let Some(zone) = member
            .time_zone
            .as_ref()
            .filter(|z| Zone::parse(z).is_none())
        {
            return Some((
                format!(
                    "`{zone}` (member `{id}`) is not a time zone (use an IANA name such as `America/New_York`, or an offset such as `+08:00`)"
                ),
                zone.clone(),
            ));
        }
        if let Some(cap) = member.capacity.filter(|&c| c < 0) {
            return Some((
                format!("member `{id}` has capacity {cap}; a capacity is 0 or more drafts a day"),
                cap.to_string(),
            ));
        }
    }
    None
}

/// An id is a folder name and a word of the language: no separators, no spaces.
fn valid_id(id: &str) -> bool {
    !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests;
