//! `leadplay.yaml`: the workspace configuration. Every key is optional.

use crate::calendar::{Calendar, Clock, DAY_NAMES, Zone, parse_holidays, parse_send_time};
use crate::leads::{DateOrder, Dialect, ENCODINGS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod load;
mod members;

pub use load::yaml_diagnostic;
pub use members::Member;

/// The config file's name, looked up in the workspace root.
pub const CONFIG_FILE: &str = "leadplay.yaml";

/// The parsed `leadplay.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The leads file (relative to the workspace): a path, or `{ path, delimiter,
    /// encoding, decimal, date_order }`.
    pub leads: Option<LeadsSetting>,
    /// The playbooks folder.
    pub playbooks: PathBuf,
    /// Where drafts are written.
    pub outbox: PathBuf,
    /// The enrollment state file.
    pub state: PathBuf,
    /// Who the drafts are from, unless an owner has an address of its own.
    pub sender: Sender,
    /// Per owner name (`sales`, `marketing` …): display name and email.
    pub owners: BTreeMap<String, Owner>,
    /// Phrases of which an email template must contain one (`check` warns otherwise).
    pub unsubscribe_wording: Vec<String>,
    /// The known outcome of each lead, for `backtest` and `diff`.
    pub outcome: Option<OutcomeConfig>,
    /// The workspace's time zone (IANA name or UTC offset; default UTC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    /// The local time drafts are dated at, `HH:MM` (default `09:00`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub send_time: Option<String>,
    /// Working days and holidays.
    pub calendar: CalendarSetting,
    /// The three settings above, resolved by [`Config::load`] (defaults otherwise).
    #[serde(skip)]
    pub clock: Clock,
}

/// The `calendar` block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct CalendarSetting {
    /// Working days (`[mon, tue, wed, thu, fri]` when absent).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workdays: Option<Vec<String>>,
    /// Dates that are not working days: a list, or a file of one date a line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holidays: Option<HolidaysSetting>,
}

/// `calendar.holidays`: `[2026-12-25, …]` or `holidays.txt`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum HolidaysSetting {
    /// Dates written in the config.
    List(Vec<String>),
    /// A file (relative to the workspace) of one date a line.
    File(PathBuf),
}

impl Default for Config {
    fn default() -> Config {
        Config {
            leads: None,
            playbooks: PathBuf::from("playbooks"),
            outbox: PathBuf::from("drafts"),
            state: PathBuf::from(".leadplay/state.jsonl"),
            sender: Sender::default(),
            owners: BTreeMap::new(),
            unsubscribe_wording: vec![
                "unsubscribe".to_string(),
                "opt out".to_string(),
                "opt-out".to_string(),
                "取消訂閱".to_string(),
            ],
            outcome: None,
            time_zone: None,
            send_time: None,
            calendar: CalendarSetting::default(),
            clock: Clock::default(),
        }
    }
}

/// `leads:` as a path, or as a path with the file's dialect (SPEC 5).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(untagged)]
pub enum LeadsSetting {
    /// `leads: data/leads.csv`
    Path(PathBuf),
    /// `leads: { path: …, delimiter: ";", encoding: windows-1252, decimal: ",", date_order: dmy }`
    Dialect(LeadsDialect),
}

/// The long form of `leads:`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct LeadsDialect {
    /// The file.
    pub path: PathBuf,
    /// The cell delimiter: one character, or `tab` (default: detected).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// The encoding label (default: UTF-8, UTF-16 by BOM, else Windows-1252).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// The decimal mark: `.` (default) or `,`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimal: Option<String>,
    /// Slashed dates: `mdy` (default) or `dmy`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_order: Option<String>,
}

impl LeadsSetting {
    /// The file's path.
    pub fn path(&self) -> &Path {
        match self {
            LeadsSetting::Path(path) => path,
            LeadsSetting::Dialect(d) => &d.path,
        }
    }

    /// The dialect it gives (detected parts left `None`), or what is wrong with it.
    pub fn dialect(&self) -> Result<Dialect, String> {
        let LeadsSetting::Dialect(d) = self else {
            return Ok(Dialect::default());
        };
        let mut dialect = Dialect::default();
        if let Some(name) = &d.delimiter {
            dialect.delimiter = Some(Dialect::delimiter_from_name(name).ok_or_else(|| {
                format!("`leads.delimiter` must be one character or `tab`, not `{name}`")
            })?);
        }
        if let Some(name) = &d.encoding {
            dialect.encoding = Some(Dialect::encoding_from_name(name).ok_or_else(|| {
                format!("`leads.encoding` `{name}` is not an encoding (use one of {ENCODINGS})")
            })?);
        }
        match d.decimal.as_deref().map(str::trim) {
            None | Some(".") => {}
            Some(",") => dialect.rules.style.decimal_comma = true,
            Some(other) => {
                return Err(format!("`leads.decimal` must be `.` or `,`, not `{other}`"));
            }
        }
        if let Some(name) = &d.date_order {
            dialect.rules.order = DateOrder::from_name(name).ok_or_else(|| {
                format!("`leads.date_order` must be `mdy` or `dmy`, not `{name}`")
            })?;
        }
        Ok(dialect)
    }
}

/// The `sender` block.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct Sender {
    /// The sender's name.
    pub name: String,
    /// The sender's address.
    pub email: String,
    /// The company name.
    pub company: String,
    /// A signature block for templates.
    pub signature: String,
}

/// The `outcome` block: which field says how a lead's deal ended.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, deny_unknown_fields)]
pub struct OutcomeConfig {
    /// The field (`stage`, `deal_status`).
    pub field: String,
    /// Values that mean won.
    pub won: Vec<String>,
    /// Values that mean lost; empty: any other value.
    pub lost: Vec<String>,
    /// The leads whose outcomes are known (an export of closed deals), when they are
    /// not the `leads` file.
    pub leads: Option<PathBuf>,
}

/// One entry of `owners`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
// No `deny_unknown_fields`: serde cannot combine it with `flatten`, and any other text
// key is an extra the templates read (`owner.signature_zh`).
#[serde(default)]
pub struct Owner {
    /// Display name.
    pub name: String,
    /// Address drafts of this owner are sent from.
    pub email: String,
    /// The signature block drafts sent From this owner end with (may span lines).
    pub signature: String,
    /// Job title (`Account Executive`).
    pub title: String,
    /// Phone number, as it should be printed.
    pub phone: String,
    /// Any other text keys (`signature_zh: …`), as `owner.<key>` in templates.
    #[serde(flatten)]
    pub extra: BTreeMap<String, String>,
    /// The people of the team (SPEC 6): each lead of the team gets one as its rep.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<Member>,
}

impl Config {
    /// The `time_zone`, `send_time` and `calendar` settings checked and resolved;
    /// the error names the key it is about.
    fn resolve_clock(&self, root: &Path) -> Result<Clock, (&'static str, String)> {
        let mut clock = Clock::default();
        if let Some(name) = &self.time_zone {
            clock.zone = Zone::parse(name).ok_or_else(|| {
                ("time_zone", format!("`{name}` is not a time zone (use an IANA name such as `America/New_York`, or an offset such as `+08:00`)"))
            })?;
        }
        if let Some(time) = &self.send_time {
            clock.send_time = parse_send_time(time).ok_or_else(|| {
                (
                    "send_time",
                    format!("`{time}` is not a time (expected HH:MM, e.g. `09:00`)"),
                )
            })?;
        }
        let holidays = match &self.calendar.holidays {
            None => Default::default(),
            Some(HolidaysSetting::List(days)) => parse_holidays(days.iter().map(String::as_str))
                .map_err(|(_, message)| ("holidays", message))?,
            Some(HolidaysSetting::File(file)) => {
                let text = std::fs::read_to_string(root.join(file)).map_err(|e| {
                    (
                        "holidays",
                        format!("cannot read the holidays file `{}`: {e}", file.display()),
                    )
                })?;
                parse_holidays(text.lines()).map_err(|(line, message)| {
                    ("holidays", format!("{}:{line}: {message}", file.display()))
                })?
            }
        };
        let default_week: Vec<String> = DAY_NAMES[..5].iter().map(|d| d.to_string()).collect();
        let week = self.calendar.workdays.as_ref().unwrap_or(&default_week);
        let calendar = Calendar::new(week, holidays).map_err(|message| ("workdays", message))?;
        clock.calendar = Arc::new(calendar);
        Ok(clock)
    }

    /// The owner's display name and address, falling back to the sender.
    pub fn owner_mailbox(&self, owner: &str) -> (String, String) {
        match self.owners.get(owner) {
            Some(o) if !o.email.is_empty() => {
                let name = if o.name.is_empty() { owner } else { &o.name };
                (name.to_string(), o.email.clone())
            }
            _ => (self.sender.name.clone(), self.sender.email.clone()),
        }
    }
}

#[cfg(test)]
mod tests;
