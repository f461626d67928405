//! Reading and writing `.leadplay/state.jsonl`.

use super::{LeadState, State, StateError};
use std::fs;
use std::io;
use std::path::Path;

/// Loads the state file.
pub struct StateStore;

impl StateStore {
    /// Reads the state. A missing file is an empty state (first run). Every line must be
    /// a valid record: a corrupt or duplicated line is an error naming `file:line`, never
    /// silently dropped — dropping it would re-draft that lead's steps.
    pub fn load(path: &Path) -> Result<State, StateError> {
        let text = match fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(State::new()),
            Err(source) => {
                return Err(StateError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        parse(path, &text)
    }
}

fn parse(path: &Path, text: &str) -> Result<State, StateError> {
    let mut state = State::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let lead: LeadState = serde_json::from_str(line).map_err(|e| StateError::Corrupt {
            path: path.to_path_buf(),
            line: line_no,
            message: e.to_string(),
        })?;
        if state.get(&lead.id).is_some() {
            return Err(StateError::Duplicate {
                path: path.to_path_buf(),
                line: line_no,
                id: lead.id,
            });
        }
        state.insert(lead);
    }
    Ok(state)
}

impl State {
    /// The file's exact text: one JSON object per line, sorted by id, fields in a fixed
    /// order, so the same state always gives the same bytes.
    pub fn to_jsonl(&self) -> String {
        let mut out = String::new();
        for lead in self.leads() {
            // Serializing plain structs of strings, dates and maps cannot fail.
            if let Ok(line) = serde_json::to_string(lead) {
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// Writes the state atomically ([`crate::atomic::write_atomic`]): a temp file
    /// created exclusively in the same folder, fsync, rename over the old file, fsync of
    /// the folder. A crash leaves either the old state or the new one, never half of
    /// one. Creates the folder (`.leadplay/`) when needed.
    pub fn save_atomic(&self, path: &Path) -> Result<(), StateError> {
        crate::atomic::write_atomic(path, self.to_jsonl().as_bytes()).map_err(|source| {
            StateError::Write {
                path: path.to_path_buf(),
                source,
            }
        })
    }
}

#[cfg(test)]
mod tests;
