//! `TIER at most P%` in the `balance` block: warnings when a tier holds more than its
//! share of the unsuppressed leads.

use crate::program::BalancePlan;
use std::sync::Arc;

/// `TIER at most P%` warnings, in the order of the balance block:
/// "hot is 31% of unsuppressed leads (limit 25%)". `tier_counts[t]` counts the unsuppressed
/// leads in tier `t`; a share equal to the limit is fine, only more warns.
pub fn balance_warnings(
    tier_names: &[Arc<str>],
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
            let name = tier_names.get(tier).map_or("?", |n| &**n);
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
mod tests;
