//! What a template sees: SPEC 3.5's `lead`, `tier`, `scores`, `owner`, `sender`, `step`
//! and `as_of`.

use crate::calendar::{Clock, Zone};
use crate::config::Config;
use crate::program::Channel;
use crate::schema::{Role, RoleKeys};
use chrono::NaiveDate;
use serde::{Serialize, Serializer};
use serde_json::{Map, Number, Value as Json};
use std::collections::BTreeMap;

/// Everything one draft's template can read. Serialized into the template context as is.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftContext {
    /// Every present field of the lead (missing fields are absent, so
    /// `lead.x | default("…")` applies); the engine fills it with [`crate::Lead::template_fields`].
    pub lead: Map<String, Json>,
    /// The lead's tier name.
    pub tier: String,
    /// The tier the lead held before today's transition, when there was one (a handoff
    /// note says why the lead moved); absent otherwise, so templates test it with
    /// `{% if previous_tier is defined %}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous_tier: Option<String>,
    /// Score name → value (whole numbers render without `.0`).
    #[serde(serialize_with = "serialize_scores")]
    pub scores: BTreeMap<String, f64>,
    /// The step's owner.
    pub owner: OwnerInfo,
    /// The sending company (from config).
    pub sender: SenderInfo,
    /// The step being drafted.
    pub step: StepInfo,
    /// The evaluation date; templates see `YYYY-MM-DD`.
    #[serde(serialize_with = "serialize_date")]
    pub as_of: NaiveDate,
    /// Which `lead` key plays each role (address, name, language …): the engine reads
    /// roles through it, never a field name of its own.
    #[serde(skip)]
    pub roles: RoleKeys,
    /// The workspace's zone, send time and calendar; templates see the draft's zone as
    /// `time_zone` (the lead's `time_zone` when it names a zone, else the rep's, else
    /// the workspace's).
    #[serde(skip)]
    pub clock: Clock,
    /// The lead's rep when the step's team has members: templates then see the member
    /// as `owner` (and the team as `team`), and the draft goes out from the member.
    #[serde(skip)]
    pub rep: Option<std::sync::Arc<crate::render::RepProfile>>,
}

/// The owner of a step (`owners` in config; name only when config does not list it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct OwnerInfo {
    /// The owner name used in playbooks (`sales`); also the outbox folder.
    pub name: String,
    /// The human name shown in drafts (defaults to `name`).
    pub display_name: String,
    /// The owner's address; emails come from the sender when it is `None`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The signature block, so a draft signs as the person it is sent From (empty
    /// when unset: templates test `{% if owner.signature %}`).
    pub signature: String,
    /// Job title (empty when unset).
    pub title: String,
    /// Phone number (empty when unset).
    pub phone: String,
    /// The config's extra text keys (`signature_zh`), read as `owner.signature_zh`.
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
}

/// Keys of [`OwnerInfo`] itself: an extra key of the same name would shadow it.
pub const OWNER_KEYS: [&str; 6] = [
    "name",
    "display_name",
    "email",
    "signature",
    "title",
    "phone",
];

/// The sending company (config `sender`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SenderInfo {
    /// The sender's name (a person or team).
    pub name: String,
    /// The sender's address.
    pub email: String,
    /// The company name.
    pub company: String,
    /// A signature block (may span lines).
    pub signature: String,
}

/// The playbook step a draft belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StepInfo {
    /// Days after entering the tier.
    pub day: u32,
    /// The channel; templates see its name (`email`, `handoff` …).
    #[serde(serialize_with = "serialize_channel")]
    pub channel: Channel,
    /// The template name (`warm/follow_up`).
    pub template: String,
    /// For an A/B step, the lead's variant (its template, `X-Leadplay-Variant`); else none.
    pub variant: Option<String>,
}

impl StepInfo {
    /// The step as one line: `day 2 meeting warm/meeting_invite`.
    pub fn label(&self) -> String {
        format!("day {} {} {}", self.day, self.channel, self.template)
    }
}

impl OwnerInfo {
    /// The owner as `leadplay.yaml` describes it: display name from `owners.<name>.name`
    /// (else the owner name itself), address from `owners.<name>.email` (else none, and
    /// emails come from the sender).
    pub(crate) fn from_config(owner: &str, config: &Config) -> OwnerInfo {
        let entry = config.owners.get(owner);
        let display_name = entry
            .map(|o| o.name.trim())
            .filter(|n| !n.is_empty())
            .unwrap_or(owner);
        let text = |read: fn(&crate::config::Owner) -> &String| {
            entry
                .map(|o| read(o).trim_end().to_string())
                .unwrap_or_default()
        };
        OwnerInfo {
            name: owner.to_string(),
            display_name: display_name.to_string(),
            email: entry
                .map(|o| o.email.trim().to_string())
                .filter(|e| !e.is_empty()),
            signature: text(|o| &o.signature),
            title: text(|o| &o.title),
            phone: text(|o| &o.phone),
            extra: entry.map(owner_extras).unwrap_or_default(),
        }
    }
}

/// An owner's extra keys, trailing white space trimmed (a YAML `|` block ends in a
/// newline), leaving out any that would shadow a key of [`OwnerInfo`].
fn owner_extras(owner: &crate::config::Owner) -> BTreeMap<String, String> {
    owner
        .extra
        .iter()
        .filter(|(key, _)| !OWNER_KEYS.contains(&key.as_str()))
        .map(|(key, value)| (key.clone(), value.trim_end().to_string()))
        .collect()
}

impl SenderInfo {
    /// The `sender` of `leadplay.yaml`. A plain function, not `From`: a public trait
    /// impl would put the crate-private config type in the public API.
    pub(crate) fn from_config(sender: &crate::config::Sender) -> SenderInfo {
        SenderInfo {
            name: sender.name.clone(),
            email: sender.email.clone(),
            company: sender.company.clone(),
            signature: sender.signature.clone(),
        }
    }
}

impl DraftContext {
    /// The zone this draft is dated in: the lead's `time_zone` role value when it names
    /// a zone (IANA name or UTC offset), else the rep's, else the workspace's.
    pub(crate) fn zone(&self) -> Zone {
        let lead_zone = self.role_text(Role::TimeZone);
        match self.rep.as_ref().and_then(|r| r.zone) {
            Some(rep_zone) if lead_zone.as_deref().and_then(Zone::parse).is_none() => rep_zone,
            _ => self.clock.zone_for(lead_zone.as_deref()),
        }
    }

    /// The value playing `role`, trimmed; `None` when absent or empty.
    pub(crate) fn role_text(&self, role: Role) -> Option<String> {
        self.lead_text(self.roles.get(role))
    }

    /// A text field of the lead, trimmed; `None` when absent, empty or not text-like.
    pub(crate) fn lead_text(&self, field: &str) -> Option<String> {
        let text = match self.lead.get(field)? {
            Json::String(s) => s.trim().to_string(),
            Json::Number(n) => n.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    /// The lead's name for a `To:` line: the `name` field, else the `first_name` and
    /// `last_name` roles, else empty. A Chinese, Japanese or Korean name is written
    /// family name first with no space (李家豪), as its owner writes it.
    pub(crate) fn lead_display_name(&self) -> String {
        if let Some(name) = self.lead_text("name") {
            return name;
        }
        let given = self.role_text(Role::FirstName);
        let family = self.role_text(Role::LastName);
        match (given, family) {
            (Some(given), Some(family)) if is_cjk(&given) && is_cjk(&family) => {
                format!("{family}{given}")
            }
            (given, family) => [given, family]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// Only Han, kana or Hangul characters: a name written family name first.
fn is_cjk(name: &str) -> bool {
    name.chars().all(|c| {
        matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{AC00}'..='\u{D7AF}' | '\u{F900}'..='\u{FAFF}')
    })
}

/// Whole numbers become JSON integers so templates print `35`, not `35.0`.
fn number_to_json(n: f64) -> Option<Json> {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 {
        return Some(Json::Number(Number::from(n as i64)));
    }
    Number::from_f64(n).map(Json::Number)
}

fn serialize_scores<S: Serializer>(
    scores: &BTreeMap<String, f64>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let as_json: BTreeMap<&str, Json> = scores
        .iter()
        .map(|(k, v)| (k.as_str(), number_to_json(*v).unwrap_or(Json::Null)))
        .collect();
    as_json.serialize(serializer)
}

fn serialize_date<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&date.format("%Y-%m-%d").to_string())
}

fn serialize_channel<S: Serializer>(channel: &Channel, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(channel.name())
}

#[cfg(test)]
pub(crate) mod tests;
