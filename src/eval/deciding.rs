//! The tier rule that decided a lead's tier: what `diff` shows beside each move and
//! `watch` beside each example, for leads looked up again by id.

use super::Program;
use crate::leads::{LeadReader, LeadsError, find_leads};
use crate::value::Value;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// The text of the tier rule that put a lead with these values in its tier.
pub fn deciding_rule(program: &Program, values: &[Value], as_of: NaiveDate) -> Option<String> {
    let explanation = program.explain(values, as_of);
    let chosen = explanation.tier_rules.into_iter().find(|r| r.chosen)?;
    Some(chosen.text)
}

/// For the leads in `reader` whose ids are in `ids`, the text of the tier rule that
/// decided each one's tier (by id; a lead not in the file is not in the map).
pub fn deciding_rules(
    reader: LeadReader,
    program: &Program,
    ids: &BTreeSet<String>,
    as_of: NaiveDate,
) -> Result<BTreeMap<String, String>, LeadsError> {
    let mut rules = BTreeMap::new();
    find_leads(reader, &program.schema, ids.clone(), |lead| {
        if let Some(rule) = deciding_rule(program, &lead.values, as_of) {
            rules.insert(lead.id, rule);
        }
    })?;
    Ok(rules)
}
