//! Reading `leadplay.yaml`: a missing file gives the defaults, a bad one a diagnostic
//! (`LP04xx`) at the offending line.

use super::{CONFIG_FILE, Config, members::roster_problem};
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use std::path::Path;

impl Config {
    /// Reads `leadplay.yaml` from `root`; a missing file gives the defaults. A bad file is
    /// a diagnostic pointing at the offending line.
    pub fn load(root: &Path, sources: &mut SourceMap) -> Result<Config, Diagnostic> {
        let path = root.join(CONFIG_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => {
                return Err(Diagnostic::global(
                    Code::ConfigUnreadable,
                    format!("cannot read `{CONFIG_FILE}`: {e}"),
                ));
            }
        };
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let parsed = crate::yaml::from_str::<Config>(&text);
        let file = sources.add(CONFIG_FILE, text);
        let mut config = parsed.map_err(|e| yaml_diagnostic(sources, file, &e))?;
        config.clock = config.resolve_clock(root).map_err(|(key, message)| {
            let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or("");
            let at = key_offset(text, key);
            Diagnostic::at(
                Code::ConfigBadSetting,
                Span::new(file, at..at + key.len()),
                message,
            )
        })?;
        for (team, owner) in &config.owners {
            if let Some((message, value)) = roster_problem(team, &owner.members) {
                let text = sources.get(file).map(|f| f.text.as_str()).unwrap_or("");
                let at = value_offset(text, "members:", &value);
                return Err(Diagnostic::at(
                    Code::ConfigBadRoster,
                    Span::new(file, at..at + value.len().max(1)),
                    message,
                ));
            }
        }
        Ok(config)
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
    // serde's own wording is the only sign of an unknown key; from here on the code says it.
    if !e.message.contains("unknown field") {
        return Diagnostic::at(
            Code::ConfigInvalid,
            Span::new(file, offset..offset + 1),
            message,
        );
    }
    Diagnostic::at(Code::ConfigUnknownKey, Span::new(file, offset..offset + 1), message)
        .with_help(
            "known keys: leads, playbooks, outbox, state, sender, owners, unsubscribe_wording, outcome, time_zone, send_time, calendar",
        )
}

/// Where `key:` is first written in the config (0 when it is not found).
fn key_offset(text: &str, key: &str) -> usize {
    let pattern = format!("{key}:");
    text.match_indices(&pattern)
        .map(|(at, _)| at)
        .find(|&at| at == 0 || !text[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'))
        .unwrap_or(0)
}

/// Where `value` is first written after `after` (the `members:` key), so a roster
/// problem points at the member's line; 0 when it is not found.
fn value_offset(text: &str, after: &str, value: &str) -> usize {
    let from = text.find(after).unwrap_or(0);
    text[from..]
        .find(value)
        .filter(|_| !value.is_empty())
        .map_or(from, |at| from + at)
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
