//! The test file format (SPEC 4): a YAML list of cases, read through [`crate::yaml`].
//!
//! ```yaml
//! - name: a demo request makes a lead hot
//!   as_of: 2026-11-27
//!   lead: { id: t1, industry: saas, employees: 5000, stage: demo_requested, email: a@b.co }
//!   state: { tier: cold, entered: 2026-11-20 }     # optional: the lead's state before the run
//!   expect:
//!     tier: hot
//!     scores: { fit: 35 }
//!     suppressed: false
//!     drafts: [hot/briefing]
//! ```
//!
//! Unknown keys and wrong types are errors at their line (`deny_unknown_fields`; the
//! YAML crate places those). Names that must exist in the program are checked later,
//! in [`super::validate`].

use chrono::NaiveDate;
use serde::Deserialize;
use serde::de::{self, Deserializer, Visitor};
use std::collections::BTreeMap;
use std::fmt;

/// One test case.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TestCase {
    /// What the case checks, shown on its result line.
    pub name: String,
    /// The evaluation date.
    #[serde(deserialize_with = "date")]
    pub as_of: NaiveDate,
    /// The lead, as a YAML leads file would hold it; coerced to the program's schema.
    pub lead: serde_json::Map<String, serde_json::Value>,
    /// The lead's state before the run; without it the lead is seen for the first time.
    #[serde(default)]
    pub state: Option<CaseState>,
    /// What the run must produce.
    pub expect: Expect,
}

/// The lead's enrollment before the run, so transitions and later days can be tested.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseState {
    /// The tier the state holds.
    pub tier: String,
    /// The date the lead entered it.
    #[serde(deserialize_with = "date")]
    pub entered: NaiveDate,
    /// Templates of the tier's playbook already drafted. Without it, every step of a
    /// day before today's counts as done, as if leadplay had run every day.
    #[serde(default)]
    pub done: Option<Vec<String>>,
    /// Templates of the tier's playbook already skipped (never due again).
    #[serde(default)]
    pub skipped: Vec<String>,
}

/// The expectations; every key is optional and only the keys given are compared.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The tier.
    #[serde(default)]
    pub tier: Option<String>,
    /// Any subset of the scores.
    #[serde(default)]
    pub scores: BTreeMap<String, f64>,
    /// Whether a `suppress` rule matched.
    #[serde(default)]
    pub suppressed: Option<bool>,
    /// The text of the `suppress` rule that matched; `null` for none.
    #[serde(default, deserialize_with = "present")]
    pub suppressed_by: Option<Option<String>>,
    /// The templates drafted on `as_of`, in order (a handoff note first).
    #[serde(default)]
    pub drafts: Option<Vec<String>>,
    /// The templates skipped on `as_of`, in order.
    #[serde(default)]
    pub skipped: Option<Vec<String>>,
}

impl Expect {
    /// True when the case checks nothing at all.
    pub fn is_empty(&self) -> bool {
        self == &Expect::default()
    }
}

/// Parses a test file's text: `Ok(vec![])` for an empty file.
pub fn parse_cases(text: &str) -> Result<Vec<TestCase>, crate::yaml::YamlError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    crate::yaml::from_str::<Option<Vec<TestCase>>>(text).map(Option::unwrap_or_default)
}

/// `YYYY-MM-DD`, as a string scalar (the YAML crate reads an unquoted date as one), so
/// a bad date is an error at its own line.
fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    deserializer.deserialize_str(DateVisitor)
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<NaiveDate, E> {
        crate::dates::parse_day(text).map_err(E::custom)
    }
}

/// Tells `key: null` (present, `Some(None)`) from a missing key (`None`, by `default`).
fn present<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(deserializer).map(Some)
}

#[cfg(test)]
mod tests;
