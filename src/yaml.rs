//! Every YAML call goes through this module, so the YAML crate can be swapped in one place
//! (`serde_yaml` no longer gets releases upstream).

use serde::de::DeserializeOwned;

/// A YAML parse error with its position.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct YamlError {
    /// The parser's message.
    pub message: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column, when known.
    pub column: Option<usize>,
}

impl From<serde_yaml::Error> for YamlError {
    fn from(e: serde_yaml::Error) -> YamlError {
        let loc = e.location();
        YamlError {
            message: e.to_string(),
            line: loc.as_ref().map(|l| l.line()),
            column: loc.as_ref().map(|l| l.column()),
        }
    }
}

/// Parses YAML text into any deserializable type.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(YamlError::from)
}

/// Parses YAML text into a JSON value (mappings with non-string keys get their keys
/// stringified by the YAML crate's rules), the one shape the rest of the crate handles.
pub fn to_json(text: &str) -> Result<serde_json::Value, YamlError> {
    from_str::<serde_json::Value>(text)
}
