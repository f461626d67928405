//! The delta between two evaluations: how many leads moved from which tier to which,
//! and, for the first few by id, the tier rule that put them where they are now.

use crate::engine::LeadsSource;
use crate::leads::{Coercer, LeadReader, LeadsError, RawBody, RawLead, for_each_raw_batch};
use crate::program::Program;
use crate::schedule::LeadPlan;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::ControlFlow;

/// How many moved leads are named on the screen.
pub const EXAMPLES: usize = 5;

/// Each lead's tier in one evaluation, sorted by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tiers(Vec<(String, String)>);

impl Tiers {
    /// From an evaluation's per-lead plans.
    pub fn from_plans(plans: &[LeadPlan]) -> Tiers {
        let mut pairs: Vec<(String, String)> = plans
            .iter()
            .map(|p| (p.id.clone(), p.tier_name.to_string()))
            .collect();
        // Already sorted by the engine; sorting sorted input is linear.
        pairs.sort();
        Tiers(pairs)
    }
}

/// One lead that changed tier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The lead's id.
    pub id: String,
    /// Its tier in the previous evaluation.
    pub from: String,
    /// Its tier now.
    pub to: String,
    /// The text of the tier rule that decided (`None` when the lead could not be read
    /// again).
    pub rule: Option<String>,
}

/// What changed between two evaluations.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Delta {
    /// `(from, to)` → how many leads moved so.
    pub moves: BTreeMap<(String, String), usize>,
    /// The first few moved leads, by id.
    pub examples: Vec<Move>,
    /// Leads in this evaluation only (the leads file gained them).
    pub added: usize,
    /// Leads in the previous evaluation only.
    pub removed: usize,
}

impl Delta {
    /// Compares two evaluations (a merge of the two sorted lists).
    pub fn between(before: &Tiers, after: &Tiers) -> Delta {
        let mut delta = Delta::default();
        let (mut old, mut new) = (before.0.iter().peekable(), after.0.iter().peekable());
        loop {
            let order = match (old.peek(), new.peek()) {
                (None, None) => break,
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (Some((a, _)), Some((b, _))) => a.cmp(b),
            };
            match order {
                Ordering::Less => {
                    delta.removed += 1;
                    old.next();
                }
                Ordering::Greater => {
                    delta.added += 1;
                    new.next();
                }
                Ordering::Equal => {
                    if let (Some((id, from)), Some((_, to))) = (old.next(), new.next()) {
                        delta.record(id, from, to);
                    }
                }
            }
        }
        delta
    }

    fn record(&mut self, id: &str, from: &str, to: &str) {
        if from == to {
            return;
        }
        *self
            .moves
            .entry((from.to_string(), to.to_string()))
            .or_default() += 1;
        if self.examples.len() < EXAMPLES {
            self.examples.push(Move {
                id: id.to_string(),
                from: from.to_string(),
                to: to.to_string(),
                rule: None,
            });
        }
    }

    /// Leads that moved, in all.
    pub fn moved(&self) -> usize {
        self.moves.values().sum()
    }

    /// Fills in the deciding tier rule of each example by reading those leads again
    /// (only when something moved; stops as soon as all are found). Only records whose
    /// key cell may be one of the examples are coerced, not the whole file.
    pub fn explain_examples(
        &mut self,
        program: &Program,
        source: &LeadsSource,
        display: &str,
        as_of: NaiveDate,
    ) -> Result<(), LeadsError> {
        let LeadsSource::File { path, format } = source else {
            return Ok(());
        };
        if self.examples.is_empty() {
            return Ok(());
        }
        let mut wanted: BTreeSet<String> = self.examples.iter().map(|m| m.id.clone()).collect();
        let mut rules: BTreeMap<String, String> = BTreeMap::new();
        let reader = LeadReader::open(path, display, *format)?;
        let coercer = Coercer::for_reader(&program.schema, &reader);
        let key = coercer.key_name().to_string();
        for_each_raw_batch(reader, |raws| {
            for raw in raws {
                if !may_be_one_of(&raw, &key, &wanted) {
                    continue;
                }
                // A row error here was reported by the evaluation; the first record
                // with an id wins, as there.
                let Ok(lead) = coercer.coerce(raw) else {
                    continue;
                };
                if wanted.remove(&lead.id) {
                    let explanation = program.explain(&lead.values, as_of);
                    if let Some(rule) = explanation.tier_rules.iter().find(|r| r.chosen) {
                        rules.insert(lead.id, rule.text.clone());
                    }
                }
            }
            if wanted.is_empty() {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        })?;
        for example in &mut self.examples {
            example.rule = rules.remove(&example.id);
        }
        Ok(())
    }
}

/// Whether the record's id may be in `wanted`, judged from its key cell as written:
/// text that is not wanted is a no; anything that coercion might turn into a wanted id
/// (a number, which loses a `.0`; a nested or missing key; bytes that are not UTF-8) is
/// a maybe, and coercion decides.
fn may_be_one_of(raw: &RawLead, key: &str, wanted: &BTreeSet<String>) -> bool {
    let cell = match &raw.body {
        RawBody::Csv(row) => {
            let Some(index) = row.header().iter().position(|name| name == key) else {
                return true;
            };
            match row.get(index).map(std::str::from_utf8) {
                Some(Ok(text)) => text,
                _ => return true,
            }
        }
        RawBody::Object(object) => match object.get(key) {
            Some(serde_json::Value::String(text)) => text.as_str(),
            _ => return true,
        },
        RawBody::Unreadable(_) => return false,
    };
    let cell = cell.trim();
    wanted.contains(cell) || cell.parse::<f64>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiers(pairs: &[(&str, &str)]) -> Tiers {
        Tiers(
            pairs
                .iter()
                .map(|(id, t)| (id.to_string(), t.to_string()))
                .collect(),
        )
    }

    #[test]
    fn moves_are_counted_per_pair_and_the_first_ids_named() {
        let before = tiers(&[
            ("a", "cold"),
            ("b", "cold"),
            ("c", "warm"),
            ("d", "hot"),
            ("e", "cold"),
        ]);
        let after = tiers(&[
            ("a", "warm"),
            ("b", "cold"),
            ("c", "hot"),
            ("d", "hot"),
            ("e", "warm"),
        ]);
        let delta = Delta::between(&before, &after);
        assert_eq!(delta.moved(), 3);
        assert_eq!(
            delta.moves.get(&("cold".to_string(), "warm".to_string())),
            Some(&2)
        );
        assert_eq!(
            delta.moves.get(&("warm".to_string(), "hot".to_string())),
            Some(&1)
        );
        let ids: Vec<&str> = delta.examples.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids, ["a", "c", "e"]);
        assert_eq!((delta.added, delta.removed), (0, 0));
    }

    #[test]
    fn added_and_removed_leads_are_not_moves() {
        let before = tiers(&[("a", "cold"), ("b", "warm")]);
        let after = tiers(&[("b", "warm"), ("c", "hot"), ("d", "hot")]);
        let delta = Delta::between(&before, &after);
        assert_eq!(delta.moved(), 0);
        assert_eq!((delta.added, delta.removed), (2, 1));
        assert!(delta.examples.is_empty());
    }

    #[test]
    fn examples_stop_at_the_limit() {
        let ids: Vec<String> = (0..20).map(|i| format!("L-{i:02}")).collect();
        let before = Tiers(ids.iter().map(|i| (i.clone(), "cold".into())).collect());
        let after = Tiers(ids.iter().map(|i| (i.clone(), "warm".into())).collect());
        let delta = Delta::between(&before, &after);
        assert_eq!(delta.moved(), 20);
        assert_eq!(delta.examples.len(), EXAMPLES);
        assert_eq!(delta.examples[0].id, "L-00");
    }

    #[test]
    fn examples_name_the_tier_rule_that_decided() {
        use crate::check::CheckOptions;
        use crate::leads::LeadFormat;
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut ws = crate::workspace::Workspace::open(root).expect("workspace");
        let loaded = crate::engine::load(&mut ws, &CheckOptions { columns: None });
        let (program, _) = loaded.ready().expect("the starter playbooks load");
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("leads.csv");
        std::fs::write(&path, "id,stage\nL-1,demo_requested\nL-2,new\nL-3,new\n").expect("write");
        let before = tiers(&[("L-1", "cold"), ("L-2", "warm"), ("L-3", "cold")]);
        let after = tiers(&[("L-1", "hot"), ("L-2", "cold"), ("L-3", "cold")]);
        let mut delta = Delta::between(&before, &after);
        let source = LeadsSource::File {
            path,
            format: LeadFormat::Csv,
        };
        let as_of = NaiveDate::from_ymd_opt(2026, 11, 27).expect("date");
        delta
            .explain_examples(program, &source, "leads.csv", as_of)
            .expect("explained");
        let rules: Vec<Option<&str>> = delta.examples.iter().map(|m| m.rule.as_deref()).collect();
        assert_eq!(
            rules,
            [
                Some("hot when stage == \"demo_requested\""),
                Some("cold otherwise")
            ]
        );
    }

    #[test]
    fn only_records_that_may_be_examples_are_coerced() {
        let wanted: BTreeSet<String> = ["L-2".to_string(), "7".to_string()].into();
        let header: std::sync::Arc<[String]> = ["stage", "id"].map(String::from).into();
        let csv = |id: &str| RawLead {
            place: crate::leads::RowPlace {
                row: 1,
                line: Some(2),
                by_line: false,
            },
            body: RawBody::Csv(crate::leads::CsvRow::new(header.clone(), ["new", id])),
        };
        assert!(may_be_one_of(&csv(" L-2 "), "id", &wanted));
        assert!(!may_be_one_of(&csv("L-3"), "id", &wanted));
        // `7.0` may become the id `7`: coercion decides.
        assert!(may_be_one_of(&csv("7.0"), "id", &wanted));
        // No such column: cannot tell, so yes.
        assert!(may_be_one_of(&csv("L-3"), "lead_id", &wanted));
        let object = |id: serde_json::Value| RawLead {
            body: RawBody::Object(serde_json::Map::from_iter([("id".to_string(), id)])),
            ..csv("")
        };
        assert!(may_be_one_of(&object("L-2".into()), "id", &wanted));
        assert!(!may_be_one_of(&object("L-9".into()), "id", &wanted));
        assert!(may_be_one_of(&object(7.into()), "id", &wanted));
    }

    #[test]
    fn nothing_changed_is_an_empty_delta() {
        let t = tiers(&[("a", "cold")]);
        assert_eq!(Delta::between(&t, &t), Delta::default());
        assert_eq!(
            Delta::between(&Tiers::default(), &Tiers::default()),
            Delta::default()
        );
    }
}
