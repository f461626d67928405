//! One lead's line of output: what `--format csv|json|jsonl` print.

use crate::value::format_number;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// The result of one lead in a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LeadReport {
    /// The lead's key.
    pub id: String,
    /// The tier it is in now.
    pub tier: String,
    /// The tier the state held before this run (`None` when first seen).
    pub previous_tier: Option<String>,
    /// Scores in declaration order.
    pub scores: Scores,
    /// Whether a suppress rule matched.
    pub suppressed: bool,
    /// The text of the suppress rule that matched.
    pub suppressed_by: Option<String>,
    /// Drafts made (or, with `--dry-run`, that would be made) in this run.
    pub drafts: Vec<DraftReport>,
}

/// Scores as an ordered map (declaration order, not alphabetical).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores(pub Vec<(String, f64)>);

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, &Number(*value))?;
        }
        map.end()
    }
}

/// A number serialized as an integer when it is whole (`35`, not `35.0`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let n = self.0;
        if n.is_finite() && n.fract() == 0.0 && n.abs() < 9.0e15 {
            serializer.serialize_i64(n as i64)
        } else {
            serializer.serialize_f64(n)
        }
    }
}

/// One draft of a lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftReport {
    /// The template name (`warm/follow_up`).
    pub template: String,
    /// The channel (`email`, `handoff` …).
    pub channel: String,
    /// Whose draft it is.
    pub owner: String,
    /// The step's day (0 for a handoff).
    pub day: u32,
    /// Where it is (or would be) written, relative to the workspace.
    pub path: String,
    /// For an A/B step, the lead's variant (its template); left out otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// The lead's rep in the owner's team (SPEC 6: the member id, or null when the team
    /// has no members or no rule gave the lead one).
    pub rep: Option<String>,
}

impl LeadReport {
    /// The lead as one JSON line.
    pub fn to_json_line(&self) -> String {
        // Serializing plain strings, bools and finite numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// One lead's CSV row, borrowed from wherever the data lives.
#[derive(Debug, Clone)]
pub struct CsvRow<'a, D> {
    /// The lead's key.
    pub id: &'a str,
    /// Its tier.
    pub tier: &'a str,
    /// The state's tier before the run.
    pub previous_tier: Option<&'a str>,
    /// Scores in declaration order.
    pub scores: &'a [f64],
    /// Whether a suppress rule matched.
    pub suppressed: bool,
    /// Template names of the drafts.
    pub drafts: D,
}

/// Appends one row with its line end to `out`: id, tier, previous_tier, one column
/// per score, suppressed, drafts (template names joined with `;`). Nothing is
/// allocated per row (only a drafts field that needs quotes takes a detour).
///
/// The bytes are those the `csv` crate's default writer makes (a field is quoted only
/// when it holds `,` `"` CR or LF, quotes doubled; the unit tests compare the two), but
/// written straight into `out`: a `csv::Writer` per row cost ~2,500 instructions a
/// row, 16% of a 1M-lead `eval --dry-run --format csv` (callgrind, 200k leads).
pub fn append_csv_row<'a, D: IntoIterator<Item = &'a str>>(out: &mut Vec<u8>, row: CsvRow<'a, D>) {
    push_csv_field(out, row.id.as_bytes());
    out.push(b',');
    push_csv_field(out, row.tier.as_bytes());
    out.push(b',');
    push_csv_field(out, row.previous_tier.unwrap_or("").as_bytes());
    for &score in row.scores {
        // A number never needs quotes: digits, `-`, `.`, `inf` or `NaN`.
        out.push(b',');
        if score.is_finite() && score.fract() == 0.0 && score.abs() < 1e15 {
            push_whole(out, score as i64);
        } else {
            out.extend_from_slice(format_number(score).as_bytes());
        }
    }
    out.extend_from_slice(if row.suppressed {
        b",true,"
    } else {
        b",false,"
    });
    // Template names joined with `;`, straight into `out` unless one needs quotes.
    let start = out.len();
    for (i, template) in row.drafts.into_iter().enumerate() {
        if i > 0 {
            out.push(b';');
        }
        out.extend_from_slice(template.as_bytes());
    }
    if out[start..].iter().any(needs_quotes) {
        let joined = out.split_off(start);
        push_csv_field(out, &joined);
    }
    out.push(b'\n');
}

/// A byte that makes a CSV field need quotes.
fn needs_quotes(b: &u8) -> bool {
    matches!(b, b',' | b'"' | b'\r' | b'\n')
}

/// Appends one CSV field, quoted when it must be (RFC 4180, as the `csv` crate does).
fn push_csv_field(out: &mut Vec<u8>, field: &[u8]) {
    if !field.iter().any(needs_quotes) {
        out.extend_from_slice(field);
        return;
    }
    out.push(b'"');
    for &b in field {
        if b == b'"' {
            out.push(b'"');
        }
        out.push(b);
    }
    out.push(b'"');
}

/// Appends a whole number in decimal: scores are mostly small whole numbers, and this
/// runs twice per row of a million-row export.
fn push_whole(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    let mut digits = [0u8; 20];
    let mut rest = n.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[start..]);
}

/// The CSV header for the given score names.
pub fn csv_header(score_names: &[String]) -> Vec<String> {
    let mut header = vec!["id".to_string(), "tier".into(), "previous_tier".into()];
    header.extend(score_names.iter().cloned());
    header.push("suppressed".into());
    header.push("drafts".into());
    header
}

#[cfg(test)]
mod tests;
