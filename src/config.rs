//! `leadplay.yaml`: the workspace configuration. Every key is optional.

use crate::diagnostics::Diagnostic;
use crate::leads::{DateOrder, Dialect, ENCODINGS};
use crate::source::{FileId, SourceMap, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

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
#[serde(default, deny_unknown_fields)]
pub struct Owner {
    /// Display name.
    pub name: String,
    /// Address drafts of this owner are sent from.
    pub email: String,
}

impl Config {
    /// Reads `leadplay.yaml` from `root`; a missing file gives the defaults. A bad file is
    /// a diagnostic pointing at the offending line.
    pub fn load(root: &Path, sources: &mut SourceMap) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Diagnostic::error_global(format!(
                    "cannot read `{CONFIG_FILE}`: {e}"
                )));
            }
        };
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let parsed = crate::yaml::from_str::<Config>(&text);
        let file = sources.add(CONFIG_FILE, &path, text);
        parsed.map_err(|e| yaml_diagnostic(sources, file, &e))
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

/// A YAML error as a diagnostic at its line and column.
pub fn yaml_diagnostic(
    sources: &SourceMap,
    file: FileId,
    e: &crate::yaml::YamlError,
) -> Diagnostic {
    let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or("");
    let offset = match (e.line, e.column) {
        (Some(line), Some(col)) => offset_of(text, line, col),
        _ => 0,
    };
    let message = e
        .message
        .split(" at line ")
        .next()
        .unwrap_or(&e.message)
        .to_string();
    let mut d = Diagnostic::error(Span::new(file, offset..offset + 1), message);
    if e.message.contains("unknown field") {
        d = d.with_help(
            "known keys: leads, playbooks, outbox, state, sender, owners, unsubscribe_wording, outcome",
        );
    }
    d
}

/// Byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[line_start.min(text.len())..]
        .lines()
        .next()
        .unwrap_or("");
    let col_bytes: usize = line_text
        .chars()
        .take(col.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    (line_start + col_bytes).min(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Config, String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        std::fs::write(dir.path().join(CONFIG_FILE), text).map_err(|e| e.to_string())?;
        let mut sources = SourceMap::new();
        Config::load(dir.path(), &mut sources)
            .map_err(|d| crate::diagnostics::render_to_string(&sources, &[d]))
    }

    #[test]
    fn missing_keys_take_defaults() {
        let c = load("leads: data/leads.csv\n").unwrap();
        assert_eq!(
            c.leads,
            Some(LeadsSetting::Path(PathBuf::from("data/leads.csv")))
        );
        assert_eq!(c.outbox, PathBuf::from("drafts"));
        assert_eq!(c.state, PathBuf::from(".leadplay/state.jsonl"));
    }

    #[test]
    fn an_unknown_key_points_at_its_line() {
        let err = load("leads: a.csv\nplaybok: x\n").unwrap_err();
        assert!(err.contains("leadplay.yaml:2:1"), "{err}");
        assert!(err.contains("unknown field `playbok`"), "{err}");
    }

    #[test]
    fn the_outcome_block_reads_lists() {
        let c =
            load("outcome:\n  field: stage\n  won: [closed_won]\n  lost: [closed_lost, churned]\n")
                .unwrap();
        let o = c.outcome.unwrap();
        assert_eq!(o.field, "stage");
        assert_eq!(o.won, ["closed_won"]);
        assert_eq!(o.lost, ["closed_lost", "churned"]);
        let err = load("outcome:\n  feild: stage\n").unwrap_err();
        assert!(err.contains("unknown field `feild`"), "{err}");
    }

    #[test]
    fn owners_fall_back_to_the_sender() {
        let c = load(
            "sender: {name: Ann, email: ann@x.co}\nowners:\n  sales: {name: Sam, email: sam@x.co}\n",
        )
        .unwrap();
        assert_eq!(c.owner_mailbox("sales"), ("Sam".into(), "sam@x.co".into()));
        assert_eq!(
            c.owner_mailbox("marketing"),
            ("Ann".into(), "ann@x.co".into())
        );
    }
}
