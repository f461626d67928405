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
}

impl LeadReport {
    /// The lead as one JSON line.
    pub fn to_json_line(&self) -> String {
        // Serializing plain strings, bools and finite numbers cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The CSV record: id, tier, previous_tier, one column per score, suppressed, drafts.
    pub fn csv_record(&self) -> Vec<String> {
        let mut row = Vec::with_capacity(5 + self.scores.0.len());
        row.push(self.id.clone());
        row.push(self.tier.clone());
        row.push(self.previous_tier.clone().unwrap_or_default());
        row.extend(self.scores.0.iter().map(|(_, v)| format_number(*v)));
        row.push(self.suppressed.to_string());
        let drafts: Vec<&str> = self.drafts.iter().map(|d| d.template.as_str()).collect();
        row.push(drafts.join(";"));
        row
    }
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
mod tests {
    use super::*;

    fn sample() -> LeadReport {
        LeadReport {
            id: "L-1".into(),
            tier: "hot".into(),
            previous_tier: None,
            scores: Scores(vec![("fit".into(), 35.0), ("engagement".into(), 12.5)]),
            suppressed: false,
            suppressed_by: None,
            drafts: vec![DraftReport {
                template: "hot/briefing".into(),
                channel: "call".into(),
                owner: "sales".into(),
                day: 0,
                path: "drafts/2026-11-27/sales/L-1--hot-briefing.md".into(),
            }],
        }
    }

    #[test]
    fn json_keeps_score_order_and_whole_numbers() {
        assert_eq!(
            sample().to_json_line(),
            r#"{"id":"L-1","tier":"hot","previous_tier":null,"scores":{"fit":35,"engagement":12.5},"suppressed":false,"suppressed_by":null,"drafts":[{"template":"hot/briefing","channel":"call","owner":"sales","day":0,"path":"drafts/2026-11-27/sales/L-1--hot-briefing.md"}]}"#
        );
    }

    #[test]
    fn csv_has_one_column_per_score() {
        assert_eq!(
            sample().csv_record(),
            ["L-1", "hot", "", "35", "12.5", "false", "hot/briefing"]
        );
        assert_eq!(
            csv_header(&["fit".into(), "engagement".into()]),
            [
                "id",
                "tier",
                "previous_tier",
                "fit",
                "engagement",
                "suppressed",
                "drafts"
            ]
        );
    }
}
