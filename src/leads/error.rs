//! Errors of the lead-data layer: [`LeadsError`] stops a run (unreadable file, malformed
//! document), [`RowError`] leaves one lead out and the run goes on.

use crate::diagnostics::Code;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

/// A failure that stops reading the leads file.
#[derive(Debug, thiserror::Error)]
pub enum LeadsError {
    /// The file could not be opened or read.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The path as given (or `-` for stdin).
        path: PathBuf,
        /// The operating-system error.
        source: std::io::Error,
    },
    /// The path's extension names no supported format.
    #[error("cannot tell the format of `{path}` from its extension")]
    UnknownExtension {
        /// The path as given.
        path: PathBuf,
    },
    /// A `--leads-format` name that is not a format.
    #[error("unknown leads format `{name}`")]
    UnknownFormatName {
        /// The name as given.
        name: String,
    },
    /// A CSV file without the key column: one error for the file, not one per row.
    #[error("{file} has no key column `{key}`")]
    NoKeyColumn {
        /// The display name of the file.
        file: String,
        /// The column the key is read from.
        key: String,
        /// The file's columns.
        columns: Vec<String>,
    },
    /// A JSON or YAML document that does not parse (a JSON Lines line that does not
    /// parse is a [`RowError`] instead).
    #[error("{file}:{}: {message}", position(*line, *column))]
    Malformed {
        /// The display name of the file.
        file: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// 1-based column (in characters), when known.
        column: Option<usize>,
        /// What is wrong, lowercase.
        message: String,
    },
}

fn position(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(l), Some(c)) => format!("{l}:{c}"),
        (Some(l), None) => l.to_string(),
        _ => "?".to_string(),
    }
}

impl LeadsError {
    /// The diagnostic code of this kind of failure.
    pub(crate) fn code(&self) -> Code {
        match self {
            LeadsError::Io { .. } => Code::LeadsUnreadable,
            LeadsError::UnknownExtension { .. } => Code::LeadsExtension,
            LeadsError::UnknownFormatName { .. } => Code::LeadsFormatName,
            LeadsError::NoKeyColumn { .. } => Code::NoKeyColumn,
            LeadsError::Malformed { .. } => Code::LeadsMalformed,
        }
    }

    /// The file and line the failure is at, when it has one (for JSON output).
    pub fn place(&self) -> Option<(String, Option<usize>)> {
        match self {
            LeadsError::Io { path, .. } | LeadsError::UnknownExtension { path } => {
                Some((path.display().to_string(), None))
            }
            LeadsError::NoKeyColumn { file, .. } => Some((file.clone(), Some(1))),
            LeadsError::Malformed { file, line, .. } => Some((file.clone(), *line)),
            LeadsError::UnknownFormatName { .. } => None,
        }
    }

    /// A help line for the user, when there is something useful to say.
    pub fn help(&self) -> Option<String> {
        match self {
            LeadsError::UnknownExtension { .. } => Some(
                "use .csv, .json, .jsonl, .ndjson, .yaml or .yml, or pass `--leads-format`"
                    .to_string(),
            ),
            LeadsError::UnknownFormatName { .. } => {
                Some("the formats are `csv`, `json`, `jsonl` and `yaml`".to_string())
            }
            LeadsError::Malformed { .. } => Some(
                "a JSON file holds one array of lead objects; a YAML file one sequence of mappings"
                    .to_string(),
            ),
            LeadsError::NoKeyColumn { key, columns, .. } => {
                let listed: Vec<String> = columns.iter().map(|c| format!("`{c}`")).collect();
                let close =
                    crate::diagnostics::did_you_mean(key, columns.iter().map(String::as_str));
                let mean = close.map_or(String::new(), |c| format!("did you mean `{c}`? "));
                Some(format!(
                    "{mean}the columns are {}; map the key with `from \"Column\"` in the `fields` block",
                    listed.join(", ")
                ))
            }
            LeadsError::Io { .. } => None,
        }
    }
}

/// One lead that cannot be used: reported with its place and left out of the run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The kind of problem (`LP05xx`); shown to library users by [`RowError::code`].
    pub(crate) code: Code,
    /// The display name of the leads file (shared: cheap to clone, keeps the error small).
    pub file: Arc<str>,
    /// 1-based data-row number (a CSV header is not counted; blank JSON lines are not).
    pub row: usize,
    /// 1-based physical line where the record starts, when the format has lines.
    pub line: Option<usize>,
    /// The field at fault, by its dotted name.
    pub field: Option<String>,
    /// The offending value (cut to a few hundred characters).
    pub value: Option<String>,
    /// What is wrong, lowercase; user input inside is quoted in backticks and shortened.
    pub message: String,
    /// Show the place as `line N` (JSON Lines, where a line is a record) rather than `row N`.
    pub by_line: bool,
}

impl RowError {
    /// The problem's code as shown, `LP0501`, explained in `docs/diagnostics.md`.
    pub fn code(&self) -> &'static str {
        self.code.as_str()
    }
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.by_line, self.line) {
            (true, Some(line)) => write!(f, "{}: line {line}: ", self.file)?,
            _ => write!(f, "{}: row {}: ", self.file, self.row)?,
        }
        if let Some(field) = &self.field {
            write!(f, "field `{field}`: ")?;
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RowError {}

/// Where a record sits in its file; the seed of every [`RowError`] about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RowPlace {
    /// 1-based data-row number.
    pub row: usize,
    /// 1-based physical line of the record's start, when the format has lines.
    pub line: Option<usize>,
    /// Errors name the line rather than the row (JSON Lines).
    pub by_line: bool,
}

impl RowPlace {
    /// A row error of kind `code` at this place.
    pub fn error(
        self,
        code: Code,
        file: &str,
        field: Option<&str>,
        value: Option<&str>,
        message: String,
    ) -> RowError {
        RowError {
            code,
            file: Arc::from(file),
            row: self.row,
            line: self.line,
            field: field.map(str::to_string),
            value: value.map(|v| cut(v, STORED_VALUE_CHARS)),
            message,
            by_line: self.by_line,
        }
    }
}

const STORED_VALUE_CHARS: usize = 256;
const SHOWN_VALUE_CHARS: usize = 40;

/// A value as shown inside a message: in backticks, control characters escaped, cut
/// with `…` when long (a 10 MB cell must not become a 10 MB message).
pub fn quote_value(value: &str) -> String {
    let mut shown = String::with_capacity(value.len().min(SHOWN_VALUE_CHARS * 4) + 2);
    shown.push('`');
    for (count, c) in value.chars().enumerate() {
        if count == SHOWN_VALUE_CHARS {
            shown.push('…');
            break;
        }
        if c.is_control() {
            shown.extend(c.escape_default());
        } else {
            shown.push(c);
        }
    }
    shown.push('`');
    shown
}

fn cut(value: &str, max_chars: usize) -> String {
    match value.char_indices().nth(max_chars) {
        Some((end, _)) => format!("{}…", value.get(..end).unwrap_or_default()),
        None => value.to_string(),
    }
}

#[cfg(test)]
mod tests;
