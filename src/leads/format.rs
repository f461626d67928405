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
mod tests {
    use super::*;

    #[test]
    fn extensions_pick_the_format() {
        let cases = [
            ("leads.csv", LeadFormat::Csv),
            ("a/b/LEADS.CSV", LeadFormat::Csv),
            ("x.json", LeadFormat::Json),
            ("x.jsonl", LeadFormat::JsonLines),
            ("x.ndjson", LeadFormat::JsonLines),
            ("x.yaml", LeadFormat::Yaml),
            ("x.yml", LeadFormat::Yaml),
        ];
        for (path, format) in cases {
            assert_eq!(
                LeadFormat::from_path(Path::new(path)).ok(),
                Some(format),
                "{path}"
            );
        }
    }

    #[test]
    fn unknown_extensions_and_names_are_errors_with_help() {
        let e = LeadFormat::from_path(Path::new("leads.xlsx")).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot tell the format of `leads.xlsx` from its extension"
        );
        assert!(e.help().is_some_and(|h| h.contains("--leads-format")));
        assert!(LeadFormat::from_path(Path::new("-")).is_err());
        assert!(LeadFormat::from_name("xml").is_err());
    }

    #[test]
    fn names_round_trip() {
        for format in [
            LeadFormat::Csv,
            LeadFormat::Json,
            LeadFormat::JsonLines,
            LeadFormat::Yaml,
        ] {
            assert_eq!(LeadFormat::from_name(format.name()).ok(), Some(format));
        }
        assert_eq!(
            LeadFormat::from_name("NDJSON").ok(),
            Some(LeadFormat::JsonLines)
        );
    }
}
