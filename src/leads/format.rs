//! The supported lead-file formats and how a path or a `--leads-format` name picks one.

use super::error::LeadsError;
use std::fmt;
use std::path::Path;

/// A lead-file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LeadFormat {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON array of objects.
    Json,
    /// One JSON object per line (JSON Lines / NDJSON).
    JsonLines,
    /// One YAML sequence of mappings.
    Yaml,
}

impl LeadFormat {
    /// The format named by a path's extension (`.csv .json .jsonl .ndjson .yaml .yml`,
    /// any case).
    pub fn from_path(path: &Path) -> Result<LeadFormat, LeadsError> {
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("csv") => Ok(LeadFormat::Csv),
            Some("json") => Ok(LeadFormat::Json),
            Some("jsonl" | "ndjson") => Ok(LeadFormat::JsonLines),
            Some("yaml" | "yml") => Ok(LeadFormat::Yaml),
            _ => Err(LeadsError::UnknownExtension {
                path: path.to_path_buf(),
            }),
        }
    }

    /// The format named by `--leads-format` (`csv`, `json`, `jsonl`/`ndjson`, `yaml`/`yml`).
    pub fn from_name(name: &str) -> Result<LeadFormat, LeadsError> {
        match name.trim().to_ascii_lowercase().as_str() {
            "csv" => Ok(LeadFormat::Csv),
            "json" => Ok(LeadFormat::Json),
            "jsonl" | "ndjson" => Ok(LeadFormat::JsonLines),
            "yaml" | "yml" => Ok(LeadFormat::Yaml),
            _ => Err(LeadsError::UnknownFormatName {
                name: name.to_string(),
            }),
        }
    }

    /// The canonical name, as `--leads-format` takes it.
    pub fn name(self) -> &'static str {
        match self {
            LeadFormat::Csv => "csv",
            LeadFormat::Json => "json",
            LeadFormat::JsonLines => "jsonl",
            LeadFormat::Yaml => "yaml",
        }
    }
}

impl fmt::Display for LeadFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests;
