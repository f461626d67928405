//! The delta between two evaluations: how many leads moved from which tier to which,
//! and, for the first few by id, the tier rule that put them where they are now.

use crate::diff::count_moves;
use crate::engine::LeadsSource;
use crate::eval::deciding_rules;
use crate::leads::LeadsError;
use crate::program::Program;
use crate::schedule::LeadPlan;
use crate::workspace::Workspace;
use chrono::NaiveDate;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

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
        let mut moved: Vec<(&str, &str, &str)> = Vec::new();
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
                    if let (Some((id, from)), Some((_, to))) = (old.next(), new.next())
                        && from != to
                    {
                        moved.push((id, from, to));
                    }
                }
            }
        }
        delta.moves = count_moves(moved.iter().map(|(_, from, to)| (*from, *to)));
        delta.examples = moved
            .iter()
            .take(EXAMPLES)
            .map(|(id, from, to)| Move {
                id: id.to_string(),
                from: from.to_string(),
                to: to.to_string(),
                rule: None,
            })
            .collect();
        delta
    }

    /// Leads that moved, in all.
    pub fn moved(&self) -> usize {
        self.moves.values().sum()
    }

    /// Fills in the deciding tier rule of each example by reading those leads again
    /// (only when something moved; stops as soon as all are found).
    pub fn explain_examples(
        &mut self,
        program: &Program,
        source: &LeadsSource,
        ws: &Workspace,
        as_of: NaiveDate,
    ) -> Result<(), LeadsError> {
        if self.examples.is_empty() || matches!(source, LeadsSource::Stdin(_)) {
            return Ok(());
        }
        let wanted: BTreeSet<String> = self.examples.iter().map(|m| m.id.clone()).collect();
        let mut rules = deciding_rules(source.open(ws)?, program, &wanted, as_of)?;
        for example in &mut self.examples {
            example.rule = rules.remove(&example.id);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests;
