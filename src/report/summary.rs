//! The run summary: what `eval` prints by default (and on stderr with `--format jsonl`).

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

/// Counts gathered over one `eval` run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// The evaluation date.
    pub as_of: Option<NaiveDate>,
    /// Nothing was written.
    pub dry_run: bool,
    /// The leads file as shown to the user.
    pub leads_file: String,
    /// Records read, good and bad.
    pub leads_read: usize,
    /// Records left out because of a row error.
    pub row_errors: usize,
    /// Values that did not fit their type (treated as missing), per field.
    pub unreadable_values: BTreeMap<String, usize>,
    /// Notes about the whole leads file (a guessed encoding, a skipped footer).
    pub notes: Vec<String>,
    /// Leads per tier, in heat order (hottest first).
    pub tiers: Vec<(String, usize)>,
    /// Transitions `(from, to)` → count, for leads the state already knew.
    pub transitions: BTreeMap<(String, String), usize>,
    /// Moves up the tier list.
    pub warm_ups: usize,
    /// Moves down the tier list.
    pub cool_downs: usize,
    /// Leads seen for the first time.
    pub new_leads: usize,
    /// Drafts per owner and channel.
    pub drafts: BTreeMap<String, BTreeMap<String, usize>>,
    /// Handoff notes made.
    pub handoffs: usize,
    /// Drafts per A/B variant (template → drafts).
    pub variants: BTreeMap<String, usize>,
    /// Drafts per rep, per team with members (team → member id → drafts).
    pub reps: BTreeMap<String, BTreeMap<String, usize>>,
    /// Suppressed leads per suppress rule (rule text → count), in rule order.
    pub suppressed: Vec<(String, usize)>,
    /// Drafts deferred to a later run by a capacity limit, per owner.
    pub deferred: BTreeMap<String, usize>,
    /// Balance warnings.
    pub balance_warnings: Vec<String>,
    /// Leads in the state file that are not in this export.
    pub not_in_export: usize,
    /// Drafts that failed to render.
    pub render_errors: usize,
    /// The review page written after the run, as shown to the user.
    pub review_page: Option<String>,
    /// Draft files that differed from the new draft (e.g. a reviewer's edit): kept, the
    /// new draft written beside each.
    pub kept_files: usize,
}

impl Summary {
    /// Total drafts.
    pub fn draft_count(&self) -> usize {
        self.drafts.values().flat_map(|m| m.values()).sum()
    }

    /// `26 unreadable (revenue: 26), treated as missing`, when any value was.
    pub fn unreadable_text(&self) -> Option<String> {
        let total: usize = self.unreadable_values.values().sum();
        if total == 0 {
            return None;
        }
        let per_field: Vec<String> = self
            .unreadable_values
            .iter()
            .map(|(field, n)| format!("{field}: {n}"))
            .collect();
        Some(format!(
            "{total} unreadable ({}), treated as missing",
            per_field.join(", ")
        ))
    }

    /// Total suppressed leads.
    pub fn suppressed_count(&self) -> usize {
        self.suppressed.iter().map(|(_, n)| n).sum()
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let date = self.as_of.map(|d| d.to_string()).unwrap_or_default();
        let mode = if self.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        };
        writeln!(f, "leadplay eval, as of {date}{mode}")?;
        let errors = match self.row_errors {
            0 => String::new(),
            1 => ", 1 row error (left out)".to_string(),
            n => format!(", {n} row errors (left out)"),
        };
        line(
            f,
            "leads",
            &format!("{} read from {}{errors}", self.leads_read, self.leads_file),
        )?;
        if let Some(text) = self.unreadable_text() {
            line(f, "values", &text)?;
        }
        line(f, "tiers", &self.tiers_text())?;
        line(f, "moves", &self.moves_text())?;
        line(f, "drafts", &self.drafts_text())?;
        if self.handoffs > 0 {
            line(f, "handoffs", &self.handoffs.to_string())?;
        }
        if !self.reps.is_empty() {
            let parts: Vec<String> = self
                .reps
                .iter()
                .map(|(team, reps)| {
                    let each: Vec<String> = reps.iter().map(|(r, n)| format!("{r} {n}")).collect();
                    format!("{team}: {}", each.join(", "))
                })
                .collect();
            line(f, "reps", &parts.join(" · "))?;
        }
        if !self.variants.is_empty() {
            let parts: Vec<String> = self
                .variants
                .iter()
                .map(|(template, n)| format!("{template} {n}"))
                .collect();
            line(f, "variants", &parts.join(" · "))?;
        }
        if !self.suppressed.is_empty() {
            let parts: Vec<String> = self
                .suppressed
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(rule, n)| format!("{rule}: {n}"))
                .collect();
            line(
                f,
                "suppressed",
                &format!("{} ({})", self.suppressed_count(), parts.join(", ")),
            )?;
        }
        if !self.deferred.is_empty() {
            let parts: Vec<String> = self
                .deferred
                .iter()
                .map(|(owner, n)| format!("{owner} {n}"))
                .collect();
            line(
                f,
                "deferred",
                &format!("{} (over capacity; due again next run)", parts.join(", ")),
            )?;
        }
        if self.not_in_export > 0 {
            line(
                f,
                "not seen",
                &format!(
                    "{} leads in the state are not in this export (state kept)",
                    self.not_in_export
                ),
            )?;
        }
        if self.render_errors > 0 {
            line(
                f,
                "failed",
                &format!(
                    "{} drafts failed to render (steps stay due)",
                    self.render_errors
                ),
            )?;
        }
        if self.kept_files > 0 {
            line(
                f,
                "kept",
                &format!(
                    "{} edited draft files left as they were (the new drafts are beside them)",
                    self.kept_files
                ),
            )?;
        }
        for w in &self.balance_warnings {
            line(f, "balance", &format!("warning: {w}"))?;
        }
        if let Some(page) = &self.review_page {
            line(f, "review", page)?;
        }
        Ok(())
    }
}

impl Summary {
    fn moves_text(&self) -> String {
        let mut parts: Vec<String> = self
            .transitions
            .iter()
            .map(|((from, to), n)| format!("{from} → {to}: {n}"))
            .collect();
        if parts.is_empty() {
            parts.push("none".to_string());
        }
        let mut text = parts.join(", ");
        text.push_str(&format!(
            " ({} warm-ups, {} cool-downs, {} new)",
            self.warm_ups, self.cool_downs, self.new_leads
        ));
        text
    }

    /// Leads per tier, hottest first: `hot 43 · warm 87 · cold 170`.
    pub fn tiers_text(&self) -> String {
        let parts: Vec<String> = self.tiers.iter().map(|(t, n)| format!("{t} {n}")).collect();
        parts.join(" · ")
    }

    /// Drafts per owner and channel: `marketing: mail 165 · sales: call 38, email 2`.
    pub fn owners_text(&self) -> String {
        let owners: Vec<String> = self
            .drafts
            .iter()
            .map(|(owner, channels)| {
                let list: Vec<String> = channels.iter().map(|(c, n)| format!("{c} {n}")).collect();
                format!("{owner}: {}", list.join(", "))
            })
            .collect();
        owners.join(" · ")
    }

    fn drafts_text(&self) -> String {
        if self.drafts.is_empty() {
            return "none due".to_string();
        }
        format!("{} ({})", self.draft_count(), self.owners_text())
    }
}

fn line(f: &mut fmt::Formatter<'_>, label: &str, value: &str) -> fmt::Result {
    writeln!(f, "  {label:<11}{value}")
}

#[cfg(test)]
mod tests;
