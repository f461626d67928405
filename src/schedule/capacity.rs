//! The `balance` block: owner capacity per day and tier-share warnings.

use super::{Action, LeadPlan};
use crate::plan::BalancePlan;
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// What capacity deferred in a run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CapacityReport {
    /// Owner → drafts deferred to the next run.
    pub deferred: BTreeMap<String, u32>,
}

impl CapacityReport {
    /// All deferred drafts.
    pub fn total(&self) -> u32 {
        self.deferred.values().sum()
    }
}

/// Keeps every owner within `OWNER at most N per day`: drafts beyond the limit become
/// [`Action::Deferred`] (not recorded, so due again next run).
///
/// `used_today` is what the state already holds for D ([`State::drafts_on`]), so running
/// twice on one day cannot exceed the limit. Handoff notes are drafts for the new owner
/// and count against that owner's capacity. Skips cost nothing.
///
/// Who goes first: hottest tier, then the first declared score (highest first, leads
/// without one last), then id; within a lead, its handoff and then its steps by day.
///
/// [`State::drafts_on`]: crate::state::State::drafts_on
pub fn apply_capacity(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
) -> CapacityReport {
    let in_id_order = plans.is_sorted_by(|a, b| a.id <= b.id);
    capacity_pass(plans, balance, used_today, in_id_order)
}

/// [`apply_capacity`] for plans the caller keeps in id order (the engine sorts them):
/// ties are broken by position without comparing ids or checking the order again.
pub fn apply_capacity_in_id_order(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
) -> CapacityReport {
    capacity_pass(plans, balance, used_today, true)
}

fn capacity_pass(
    plans: &mut [LeadPlan],
    balance: &BalancePlan,
    used_today: &BTreeMap<String, u32>,
    by_index: bool,
) -> CapacityReport {
    let mut report = CapacityReport::default();
    if balance.owner_capacity.is_empty() {
        return report;
    }
    let mut remaining: BTreeMap<&str, u32> = balance
        .owner_capacity
        .iter()
        .map(|(owner, cap)| {
            let used = used_today.get(owner).copied().unwrap_or(0);
            (owner.as_str(), cap.saturating_sub(used))
        })
        .collect();
    // Only leads with a draft for a limited owner compete; the rest need no ordering.
    let limited = |plan: &LeadPlan| {
        plan.items
            .iter()
            .any(|i| i.action == Action::Draft && remaining.contains_key(&*i.owner))
    };
    // Sort keys are copied out of the plans so the sort stays in cache. When the plans
    // are in id order, the index breaks ties exactly as the id would.
    let mut order: Vec<(usize, Option<f64>, usize)> = (0..plans.len())
        .filter(|&i| limited(&plans[i]))
        .map(|i| (plans[i].tier, plans[i].first_score, i))
        .collect();
    order.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| score_desc(a.1, b.1))
            .then_with(|| {
                if by_index {
                    a.2.cmp(&b.2)
                } else {
                    plans[a.2].id.cmp(&plans[b.2].id)
                }
            })
    });
    for (_, _, index) in order {
        let Some(plan) = plans.get_mut(index) else {
            continue;
        };
        for item in plan.items.iter_mut().filter(|i| i.action == Action::Draft) {
            let Some(left) = remaining.get_mut(&*item.owner) else {
                continue; // no limit for this owner
            };
            if *left == 0 {
                item.action = Action::Deferred;
                *report.deferred.entry(item.owner.to_string()).or_insert(0) += 1;
            } else {
                *left -= 1;
            }
        }
    }
    report
}

fn score_desc(a: Option<f64>, b: Option<f64>) -> Ordering {
    match (a, b) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// `TIER at most P%` warnings, in the order of the balance block:
/// "hot is 31% of unsuppressed leads (limit 25%)". `tier_counts[t]` counts the unsuppressed
/// leads in tier `t`; a share equal to the limit is fine, only more warns.
pub fn balance_warnings(
    tier_names: &[String],
    tier_counts: &[usize],
    unsuppressed_total: usize,
    balance: &BalancePlan,
) -> Vec<String> {
    if unsuppressed_total == 0 {
        return Vec::new();
    }
    let total = unsuppressed_total as f64;
    balance
        .tier_shares
        .iter()
        .filter_map(|&(tier, limit)| {
            let count = tier_counts.get(tier).copied().unwrap_or(0);
            let share = count as f64 * 100.0 / total;
            let name = tier_names.get(tier).map_or("?", String::as_str);
            (share > limit).then(|| {
                format!(
                    "{name} is {} of unsuppressed leads (limit {})",
                    share_text(share, limit),
                    percent(limit)
                )
            })
        })
        .collect()
}

/// A share for display, never shown as equal to a limit it exceeds: 25.04 over 25 prints
/// as `25.1%` rather than `25%`.
fn share_text(share: f64, limit: f64) -> String {
    let shown = (share * 10.0).round() / 10.0;
    if shown <= limit {
        percent((share * 10.0).ceil() / 10.0)
    } else {
        percent(shown)
    }
}

/// `31%`, `25.4%`: whole numbers without decimals, others to one decimal.
fn percent(p: f64) -> String {
    let tenths = (p * 10.0).round() / 10.0;
    if tenths.fract().abs() < 1e-9 {
        format!("{tenths:.0}%")
    } else {
        format!("{tenths:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::fixtures::{date, draft_plan};

    fn balance(caps: &[(&str, u32)]) -> BalancePlan {
        BalancePlan {
            tier_shares: vec![(0, 25.0), (2, 70.0)],
            owner_capacity: caps.iter().map(|(o, n)| (o.to_string(), *n)).collect(),
        }
    }

    fn drafted(plans: &[LeadPlan]) -> Vec<String> {
        plans
            .iter()
            .flat_map(|p| {
                p.items
                    .iter()
                    .filter(|i| i.action == Action::Draft)
                    .map(move |i| format!("{}:{}", p.id, i.template))
            })
            .collect()
    }

    #[test]
    fn overflow_is_deferred_by_tier_then_score_then_id() {
        let mut plans = vec![
            draft_plan("d", 1, Some(90.0), &[("sales", "a")]),
            draft_plan("c", 0, Some(10.0), &[("sales", "a")]),
            draft_plan("b", 1, Some(50.0), &[("sales", "a")]),
            draft_plan("a", 1, Some(50.0), &[("sales", "a"), ("marketing", "m")]),
            draft_plan("e", 1, None, &[("sales", "a")]),
        ];
        let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &BTreeMap::new());
        // c (hottest), then d (score 90), then a (50, id before b); b and e wait.
        assert_eq!(drafted(&plans), ["d:a", "c:a", "a:a", "a:m"]);
        assert_eq!(report.deferred.get("sales"), Some(&2));
        assert_eq!(report.total(), 2);
        let deferred: Vec<&str> = plans
            .iter()
            .filter(|p| p.items.iter().any(|i| i.action == Action::Deferred))
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(deferred, ["b", "e"]);
    }

    #[test]
    fn drafts_already_made_today_count() {
        let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x"), ("sales", "y")])];
        let used = BTreeMap::from([("sales".to_string(), 2)]);
        let report = apply_capacity(&mut plans, &balance(&[("sales", 3)]), &used);
        assert_eq!(drafted(&plans), ["a:x"]);
        assert_eq!(report.total(), 1);
    }

    #[test]
    fn no_limit_means_nothing_deferred() {
        let mut plans = vec![draft_plan("a", 0, None, &[("sales", "x")])];
        let report = apply_capacity(&mut plans, &balance(&[]), &BTreeMap::new());
        assert_eq!(report.total(), 0);
        assert_eq!(drafted(&plans), ["a:x"]);
        assert_eq!(plans[0].as_of, date("2026-03-02"));
    }

    #[test]
    fn balance_warns_only_above_the_limit() {
        let names: Vec<String> = ["hot", "warm", "cold"].map(String::from).to_vec();
        let warnings = balance_warnings(&names, &[31, 0, 69], 100, &balance(&[]));
        assert_eq!(warnings, ["hot is 31% of unsuppressed leads (limit 25%)"]);
        assert!(balance_warnings(&names, &[25, 5, 70], 100, &balance(&[])).is_empty());
        let odd = balance_warnings(&names, &[1, 2, 0], 3, &balance(&[]));
        assert_eq!(odd, ["hot is 33.3% of unsuppressed leads (limit 25%)"]);
        assert!(balance_warnings(&names, &[0, 0, 0], 0, &balance(&[])).is_empty());
        assert_eq!(share_text(25.04, 25.0), "25.1%");
        assert_eq!(percent(12.5), "12.5%");
    }
}
