//! What a template sees as `owner` when the draft goes out from a team member (SPEC 6):
//! the member's name, email, signature, title, phone and any extra keys; and `team`,
//! the team it belongs to.

use crate::calendar::Zone;
use crate::config::{Config, Member};
use serde::Serialize;
use std::collections::BTreeMap;

/// A draft's rep, as templates, headers and folders need it. The engine builds it from
/// the team's `members` in `leadplay.yaml`; a draft composed by hand without a rep
/// passes `rep: None` in its [`DraftContext`](crate::DraftContext).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepProfile {
    /// The template's `owner`.
    pub(crate) owner: MemberInfo,
    /// The template's `team`.
    pub(crate) team: TeamInfo,
    /// The member's zone (drafts to leads without one are dated in it).
    #[serde(skip)]
    pub(crate) zone: Option<Zone>,
}

/// A member as a template's `owner`: the same field names a team owner has.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberInfo {
    /// The member's id (`priya`): the draft folder.
    pub id: String,
    /// Full name.
    pub name: String,
    /// Same as `name` (a team owner's `display_name` reads the same way).
    pub display_name: String,
    /// The member's address.
    pub email: String,
    /// Signature block.
    pub signature: String,
    /// Job title.
    pub title: String,
    /// Phone.
    pub phone: String,
    /// Any other key of the member in `leadplay.yaml`.
    #[serde(flatten)]
    pub extra: BTreeMap<String, serde_json::Value>,
}

/// The team a rep belongs to, as a template's `team`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamInfo {
    /// The owner name used in playbooks (`sales`).
    pub name: String,
    /// `owners.<team>.name`, else the team name.
    pub display_name: String,
}

impl TeamInfo {
    /// The team as `leadplay.yaml` names it.
    pub fn from_config(team: &str, config: &Config) -> TeamInfo {
        let display_name = config
            .owners
            .get(team)
            .map(|o| o.name.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or(team);
        TeamInfo {
            name: team.to_string(),
            display_name: display_name.to_string(),
        }
    }
}

impl RepProfile {
    /// The profile of `member` of `team`.
    pub(crate) fn from_member(member: &Member, team: &str, config: &Config) -> RepProfile {
        RepProfile {
            owner: MemberInfo {
                id: member.id.trim().to_string(),
                name: member.display_name().to_string(),
                display_name: member.display_name().to_string(),
                email: member.email.trim().to_string(),
                signature: member.signature.clone(),
                title: member.title.clone(),
                phone: member.phone.clone(),
                extra: member.extra.clone(),
            },
            team: TeamInfo::from_config(team, config),
            zone: member.zone(),
        }
    }
}

/// `OUTBOX/<as-of>/<team>/<member-id>/<lead-id>--<slug>.<ext>`: the team folder's path
/// with the member's folder inserted (each part made safe like the rest).
pub fn rep_draft_path(team_path: std::path::PathBuf, rep: &RepProfile) -> std::path::PathBuf {
    let file_name = team_path.file_name().map(|n| n.to_os_string());
    match (team_path.parent(), file_name) {
        (Some(team_dir), Some(name)) => team_dir
            .join(crate::outbox::safe_component(&rep.owner.id))
            .join(name),
        _ => team_path,
    }
}

#[cfg(test)]
mod tests;
