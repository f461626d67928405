//! Comparing two evaluations of the same leads: what changes for each lead when the
//! playbooks change.

use super::count_moves;
use crate::report::{LeadReport, Number};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The tier rule that decided a lead's tier on each side (for leads that move).
pub type DecidingRules = BTreeMap<String, String>;

/// `from → to: count`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MoveCount {
    /// The tier at the revision.
    pub from: String,
    /// The tier in the working tree.
    pub to: String,
    /// Leads that move so.
    pub leads: usize,
}

/// One lead that changes tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeadMove {
    /// The lead's id.
    pub id: String,
    /// Its tier at the revision.
    pub from: String,
    /// Its tier in the working tree.
    pub to: String,
    /// The tier rule that decided at the revision.
    pub rule_before: Option<String>,
    /// The tier rule that decides in the working tree.
    pub rule_after: Option<String>,
}

/// How one score changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    /// The score's name.
    pub score: String,
    /// `changed` (some lead's value differs), `unchanged`, `added` (only in the working
    /// tree) or `removed` (only at the revision).
    pub status: &'static str,
    /// Leads whose value differs (0 for added and removed scores).
    pub leads_changed: usize,
    /// The mean of (after − before) over those leads; `null` when none changed.
    pub mean_delta: Option<Number>,
}

/// One lead whose suppression changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SuppressionChange {
    /// The lead's id.
    pub id: String,
    /// The rule that suppressed it at the revision.
    pub before: Option<String>,
    /// The rule that suppresses it in the working tree.
    pub after: Option<String>,
}

/// A draft that would appear or disappear.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct DraftChange {
    /// The lead's id.
    pub id: String,
    /// `appears` or `disappears`.
    pub change: &'static str,
    /// The template.
    pub template: String,
    /// The channel.
    pub channel: String,
    /// The owner.
    pub owner: String,
}

/// Everything that differs between the two evaluations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Changes {
    /// Leads evaluated on both sides.
    pub leads: usize,
    /// Leads only the revision's program could read (row errors in the working tree).
    pub only_before: Vec<String>,
    /// Leads only the working tree's program could read.
    pub only_after: Vec<String>,
    /// Tier moves by (from, to), most common first.
    pub tier_moves: Vec<MoveCount>,
    /// Every lead that moves, by id.
    pub moved: Vec<LeadMove>,
    /// Per score, in the working tree's order (then removed ones).
    pub scores: Vec<ScoreChange>,
    /// Leads whose suppression changes, by id.
    pub suppression: Vec<SuppressionChange>,
    /// Drafts that would appear or disappear today, by lead.
    pub drafts: Vec<DraftChange>,
    /// Drafts deferred by capacity limits, per owner whose count differs.
    pub deferred: Vec<DeferredChange>,
}

/// Drafts a capacity limit defers to a later run, for one owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeferredChange {
    /// The owner.
    pub owner: String,
    /// Deferred at the revision.
    pub before: usize,
    /// Deferred in the working tree.
    pub after: usize,
}

impl Changes {
    /// Whether nothing differs.
    pub fn is_empty(&self) -> bool {
        self.moved.is_empty()
            && self.scores.iter().all(|s| s.status == "unchanged")
            && self.suppression.is_empty()
            && self.drafts.is_empty()
            && self.only_before.is_empty()
            && self.only_after.is_empty()
            && self.deferred.is_empty()
    }
}

/// Compares two runs' per-lead reports (each sorted by id).
pub fn compare(before: &[LeadReport], after: &[LeadReport]) -> Changes {
    let old: BTreeMap<&str, &LeadReport> = before.iter().map(|r| (r.id.as_str(), r)).collect();
    let new: BTreeMap<&str, &LeadReport> = after.iter().map(|r| (r.id.as_str(), r)).collect();
    let both: Vec<(&LeadReport, &LeadReport)> = old
        .iter()
        .filter_map(|(id, a)| new.get(id).map(|b| (*a, *b)))
        .collect();
    let moved: Vec<LeadMove> = both
        .iter()
        .filter(|(a, b)| a.tier != b.tier)
        .map(|(a, b)| LeadMove {
            id: a.id.clone(),
            from: a.tier.clone(),
            to: b.tier.clone(),
            rule_before: None,
            rule_after: None,
        })
        .collect();
    Changes {
        leads: both.len(),
        only_before: old
            .keys()
            .filter(|id| !new.contains_key(*id))
            .map(|s| s.to_string())
            .collect(),
        only_after: new
            .keys()
            .filter(|id| !old.contains_key(*id))
            .map(|s| s.to_string())
            .collect(),
        tier_moves: move_counts(&moved),
        moved,
        scores: score_changes(&both, before.first(), after.first()),
        suppression: both
            .iter()
            // A lead suppressed on both sides by differently written rules still gets
            // no drafts: only a change of status is a change.
            .filter(|(a, b)| a.suppressed != b.suppressed)
            .map(|(a, b)| SuppressionChange {
                id: a.id.clone(),
                before: a.suppressed_by.clone(),
                after: b.suppressed_by.clone(),
            })
            .collect(),
        drafts: both.iter().flat_map(|(a, b)| draft_changes(a, b)).collect(),
        deferred: Vec::new(),
    }
}

impl Changes {
    /// Records the drafts capacity limits defer on each side (per owner): a draft can
    /// disappear only because another lead's draft now takes its place.
    pub fn set_deferred(
        &mut self,
        before: &BTreeMap<String, usize>,
        after: &BTreeMap<String, usize>,
    ) {
        let owners: BTreeSet<&String> = before.keys().chain(after.keys()).collect();
        self.deferred = owners
            .into_iter()
            .map(|owner| DeferredChange {
                owner: owner.clone(),
                before: before.get(owner).copied().unwrap_or(0),
                after: after.get(owner).copied().unwrap_or(0),
            })
            .filter(|d| d.before != d.after)
            .collect();
    }

    /// Fills in the tier rule that decided each move, on each side.
    pub fn set_rules(&mut self, before: &DecidingRules, after: &DecidingRules) {
        for m in &mut self.moved {
            m.rule_before = before.get(&m.id).cloned();
            m.rule_after = after.get(&m.id).cloned();
        }
    }
}

/// The moves by (from, to), most common first.
fn move_counts(moved: &[LeadMove]) -> Vec<MoveCount> {
    let counts = count_moves(moved.iter().map(|m| (m.from.as_str(), m.to.as_str())));
    let mut out: Vec<MoveCount> = counts
        .into_iter()
        .map(|((from, to), leads)| MoveCount { from, to, leads })
        .collect();
    out.sort_by(|a, b| {
        b.leads
            .cmp(&a.leads)
            .then_with(|| (&a.from, &a.to).cmp(&(&b.from, &b.to)))
    });
    out
}

/// Score names come from any report of each side (every report lists every score).
fn score_changes(
    both: &[(&LeadReport, &LeadReport)],
    any_before: Option<&LeadReport>,
    any_after: Option<&LeadReport>,
) -> Vec<ScoreChange> {
    let names = |r: Option<&LeadReport>| -> Vec<String> {
        r.map(|r| r.scores.0.iter().map(|(n, _)| n.clone()).collect())
            .unwrap_or_default()
    };
    let old_names = names(any_before);
    let new_names = names(any_after);
    let old_set: BTreeSet<&String> = old_names.iter().collect();
    let mut out = Vec::new();
    for name in &new_names {
        if !old_set.contains(name) {
            out.push(ScoreChange {
                score: name.clone(),
                status: "added",
                leads_changed: 0,
                mean_delta: None,
            });
            continue;
        }
        let deltas: Vec<f64> = both
            .iter()
            .filter_map(|(a, b)| Some(score(b, name)? - score(a, name)?))
            .filter(|d| *d != 0.0)
            .collect();
        let mean = (!deltas.is_empty()).then(|| deltas.iter().sum::<f64>() / deltas.len() as f64);
        out.push(ScoreChange {
            score: name.clone(),
            status: if deltas.is_empty() {
                "unchanged"
            } else {
                "changed"
            },
            leads_changed: deltas.len(),
            mean_delta: mean.map(|m| Number((m * 100.0).round() / 100.0)),
        });
    }
    for name in old_names.iter().filter(|n| !new_names.contains(n)) {
        out.push(ScoreChange {
            score: name.clone(),
            status: "removed",
            leads_changed: 0,
            mean_delta: None,
        });
    }
    out
}

fn score(report: &LeadReport, name: &str) -> Option<f64> {
    report
        .scores
        .0
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| *v)
}

fn draft_changes(before: &LeadReport, after: &LeadReport) -> Vec<DraftChange> {
    let key = |r: &LeadReport| -> BTreeSet<(String, String, String)> {
        r.drafts
            .iter()
            .map(|d| (d.template.clone(), d.channel.clone(), d.owner.clone()))
            .collect()
    };
    let (old, new) = (key(before), key(after));
    let change =
        |change: &'static str, (template, channel, owner): &(String, String, String)| DraftChange {
            id: before.id.clone(),
            change,
            template: template.clone(),
            channel: channel.clone(),
            owner: owner.clone(),
        };
    let mut out: Vec<DraftChange> = new
        .difference(&old)
        .map(|d| change("appears", d))
        .chain(old.difference(&new).map(|d| change("disappears", d)))
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests;
