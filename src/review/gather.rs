//! The page's data from an evaluation's results: tier counts, transitions, balance,
//! step counts, and the queue of the day's drafts (this evaluation's and those the
//! state records as written on the day by earlier runs).

use super::{BalanceRow, QueueDraft, StepCount, TierCount, Transition};
use crate::engine::EvalOutput;
use crate::program::Program;
use crate::schedule::{Action, Target};
use crate::state::{HandoffStatus, RecordStatus, State};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Leads per tier, and those not suppressed, hottest first.
pub fn tier_counts(program: &Program, output: &EvalOutput) -> Vec<TierCount> {
    let mut counts: Vec<TierCount> = program
        .tiers
        .iter()
        .map(|t| TierCount {
            tier: t.to_string(),
            leads: 0,
            live: 0,
        })
        .collect();
    for plan in &output.plans {
        if let Some(c) = counts.get_mut(plan.tier) {
            c.leads += 1;
            c.live += usize::from(plan.suppressed_by.is_none());
        }
    }
    counts
}

/// The tier moves of the evaluation, each with its leads (in id order).
pub fn transitions(output: &EvalOutput) -> Vec<Transition> {
    let mut moves: BTreeMap<(&str, &str), Vec<String>> = BTreeMap::new();
    for plan in output.plans.iter().filter(|p| p.change.is_transition()) {
        if let Some(from) = plan.previous_tier.as_deref() {
            moves
                .entry((from, &plan.tier_name))
                .or_default()
                .push(plan.id.clone());
        }
    }
    moves
        .into_iter()
        .map(|((from, to), leads)| Transition {
            from: from.to_string(),
            to: to.to_string(),
            leads,
        })
        .collect()
}

/// What became of every due step and handoff, per playbook step, in playbook order.
pub fn step_counts(output: &EvalOutput) -> Vec<StepCount> {
    let mut counts: BTreeMap<(usize, u32, String), StepCount> = BTreeMap::new();
    for plan in &output.plans {
        for item in &plan.items {
            let (day, step) = match &item.target {
                Target::Step { .. } => (
                    item.day,
                    format!("day {} {} {}", item.day, item.channel, item.template),
                ),
                Target::Handoff(_) => (0, format!("handoff {}", item.template)),
            };
            let count = counts
                .entry((plan.tier, day, step.clone()))
                .or_insert_with(|| StepCount {
                    tier: plan.tier_name.to_string(),
                    step,
                    ..StepCount::default()
                });
            match item.action {
                Action::Draft | Action::Written(_) => count.drafted += 1,
                Action::Skip(_) => count.skipped += 1,
                Action::Deferred => count.deferred += 1,
                Action::Failed(_) => count.failed += 1,
            }
        }
    }
    counts.into_values().collect()
}

/// Tier shares and team capacity against the `balance` block; teams without a limit
/// are listed with their drafts of the day.
pub fn balance(
    program: &Program,
    config: &crate::config::Config,
    output: &EvalOutput,
    tiers: &[TierCount],
    queue: &[QueueDraft],
) -> Vec<BalanceRow> {
    let live: usize = tiers.iter().map(|t| t.live).sum();
    let mut rows = Vec::new();
    for (tier, limit) in &program.balance.tier_shares {
        let Some(count) = tiers.get(*tier) else {
            continue;
        };
        let share = if live == 0 {
            0.0
        } else {
            count.live as f64 * 100.0 / live as f64
        };
        rows.push(BalanceRow {
            subject: count.tier.clone(),
            actual: format!("{share:.1}% of {live} live leads ({})", count.live),
            limit: format!("at most {}%", crate::value::format_number(*limit)),
            over: share > *limit,
        });
    }
    let mut today: BTreeMap<&str, usize> = BTreeMap::new();
    for d in queue {
        let team = d.team.split('/').next().unwrap_or(&d.team);
        *today.entry(team).or_default() += 1;
    }
    for (owner, cap) in &program.balance.owner_capacity {
        let made = today.remove(owner.as_str()).unwrap_or(0);
        let deferred = output.summary.deferred.get(owner).copied().unwrap_or(0);
        let waiting = match deferred {
            0 => String::new(),
            n => format!(", {n} deferred to the next run"),
        };
        rows.push(BalanceRow {
            subject: owner.clone(),
            actual: format!("{made} drafts today{waiting}"),
            limit: format!("at most {cap} per day"),
            over: deferred > 0 || made > *cap as usize,
        });
    }
    for (team, made) in today {
        rows.push(BalanceRow {
            subject: team.to_string(),
            actual: format!("{made} drafts today"),
            limit: "no limit".into(),
            over: false,
        });
    }
    rows.extend(rep_balance(config, output, queue));
    rows
}

/// One row per rep of a team with members (`sales/priya`): drafts today against the
/// member's `capacity`, so a reviewer sees whether the work is spread evenly.
fn rep_balance(
    config: &crate::config::Config,
    output: &EvalOutput,
    queue: &[QueueDraft],
) -> Vec<BalanceRow> {
    let mut made: BTreeMap<String, usize> = BTreeMap::new();
    for d in queue.iter().filter(|d| d.team.contains('/')) {
        *made.entry(d.team.clone()).or_default() += 1;
    }
    let mut rows = Vec::new();
    for (team, owner) in &config.owners {
        for member in &owner.members {
            let key = format!("{team}/{}", member.id.trim());
            let today = made.remove(&key).unwrap_or(0);
            let deferred = output.summary.deferred.get(&key).copied().unwrap_or(0);
            if today == 0 && deferred == 0 && member.capacity.is_none() {
                continue;
            }
            let waiting = match deferred {
                0 => String::new(),
                n => format!(", {n} deferred to the next run"),
            };
            let limit = member.capacity.map_or_else(
                || "no limit of their own".to_string(),
                |cap| format!("at most {cap} per day"),
            );
            let over = deferred > 0 || member.capacity.is_some_and(|cap| today as i64 > cap);
            rows.push(BalanceRow {
                subject: key,
                actual: format!("{today} drafts today{waiting}"),
                limit,
                over,
            });
        }
    }
    rows
}

/// A draft of the queue before its file is read: where it is and what made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    /// The lead's id.
    pub lead: String,
    /// The lead's tier.
    pub tier: String,
    /// The channel.
    pub channel: String,
    /// The template.
    pub template: String,
    /// Workspace-relative path.
    pub path: String,
    /// On disk already.
    pub written: bool,
}

/// The day's drafts: those the state records as written on `as_of` (by this run or
/// an earlier one the same day), and those this evaluation made or would make, by path.
pub fn queue_entries(
    program: &Program,
    output: &EvalOutput,
    state: &State,
    as_of: NaiveDate,
    written_now: bool,
) -> Vec<QueueEntry> {
    let mut by_path: BTreeMap<String, QueueEntry> = BTreeMap::new();
    for lead in state.leads() {
        let steps = lead.steps.iter().filter_map(|(key, record)| {
            let path = record.path.as_deref()?;
            (record.status == RecordStatus::Done && record.date == as_of).then(|| {
                let template = key.split_once(':').map_or(key.as_str(), |(_, t)| t);
                (
                    path,
                    template.to_string(),
                    step_channel(program, &lead.tier, key),
                )
            })
        });
        let handoff = lead.handoff.iter().filter_map(|h| {
            let path = h.path.as_deref()?;
            (h.status == HandoffStatus::Done && h.date == as_of).then(|| {
                let template = handoff_template(program, &lead.tier);
                (path, template, "handoff".to_string())
            })
        });
        for (path, template, channel) in steps.chain(handoff) {
            by_path.insert(
                path.to_string(),
                QueueEntry {
                    lead: lead.id.clone(),
                    tier: lead.tier.clone(),
                    channel,
                    template,
                    path: path.to_string(),
                    written: true,
                },
            );
        }
    }
    for report in output.reports(true) {
        for draft in report.drafts {
            by_path.insert(
                draft.path.clone(),
                QueueEntry {
                    lead: report.id.clone(),
                    tier: report.tier.clone(),
                    channel: draft.channel,
                    template: draft.template,
                    path: draft.path,
                    written: written_now,
                },
            );
        }
    }
    let mut entries: Vec<QueueEntry> = by_path.into_values().collect();
    // Grouped by team, then hottest first, then by lead: a rep reads their day in order.
    entries.sort_by_cached_key(|e| {
        (
            team_of(&e.path, as_of),
            program.tier_id(&e.tier).unwrap_or(usize::MAX),
            e.lead.clone(),
            e.path.clone(),
        )
    });
    entries
}

fn step_channel(program: &Program, tier: &str, key: &str) -> String {
    program
        .tier_id(tier)
        .and_then(|t| program.playbook_for(t))
        .and_then(|p| p.steps.iter().find(|s| &*s.key == key))
        .map_or_else(|| "step".to_string(), |s| s.channel.to_string())
}

fn handoff_template(program: &Program, tier: &str) -> String {
    program
        .tier_id(tier)
        .and_then(|t| program.playbook_for(t))
        .and_then(|p| p.handoff.clone())
        .unwrap_or_else(|| "handoff".to_string())
}

/// The folders between the date folder and the file: the team, and the rep when the
/// team has members (`sales`, `sales/priya`).
pub fn team_of(path: &str, as_of: NaiveDate) -> String {
    let date = as_of.to_string();
    let parts: Vec<&str> = path.split('/').collect();
    match parts.iter().rposition(|p| *p == date) {
        Some(i) if i + 2 < parts.len() => parts[i + 1..parts.len() - 1].join("/"),
        _ => String::new(),
    }
}

/// A relative link from the page's folder to a file, both absolute, each segment
/// percent-encoded (a `#` or `?` in a file name must not end the path).
pub fn relative_href(page_dir: &std::path::Path, file: &std::path::Path) -> String {
    let from: Vec<_> = page_dir.components().collect();
    let to: Vec<_> = file.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut segments: Vec<String> = vec!["..".to_string(); from.len() - common];
    segments.extend(
        to[common..]
            .iter()
            .map(|c| percent_encode(&c.as_os_str().to_string_lossy())),
    );
    segments.join("/")
}

fn percent_encode(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
