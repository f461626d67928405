//! How an [`Explanation`] prints: the stable human text of `leadplay explain`.

use super::explain::{ConditionExplain, Explanation, RuleResult, TierRuleExplain};
use crate::program::Truth;
use crate::value::format_number;
use std::fmt;

/// `+15` / `-10` / `+2.5`.
fn signed(n: f64) -> String {
    if n < 0.0 {
        format_number(n)
    } else {
        format!("+{}", format_number(n))
    }
}

/// "`a` is missing" / "`a` and `b` are missing".
fn missing_phrase(missing: &[String]) -> Option<String> {
    let quoted: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("{one} is missing")),
        [init @ .., last] => Some(format!("{} and {last} are missing", init.join(", "))),
    }
}

impl fmt::Display for ConditionExplain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.truth, missing_phrase(&self.missing)) {
            (Truth::True, _) => f.write_str("true"),
            (Truth::False, _) => f.write_str("false"),
            (Truth::Unknown, Some(why)) => write!(f, "unknown ({why})"),
            (Truth::Unknown, None) => f.write_str("unknown"),
        }
    }
}

impl fmt::Display for RuleResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RuleResult::Fired { points } => f.write_str(&signed(*points)),
            RuleResult::NotFired(c) => match (c.truth, missing_phrase(&c.missing)) {
                (Truth::Unknown, Some(why)) => write!(f, "not fired: {why}"),
                (Truth::Unknown, None) => f.write_str("not fired: condition unknown"),
                _ => f.write_str("not fired: condition false"),
            },
            RuleResult::Per {
                quantity,
                raw,
                points,
                cap,
            } => {
                write!(f, "{} (value {}", signed(*points), format_number(*quantity))?;
                match cap {
                    Some(c) if raw.abs() > *c => {
                        write!(f, ", {} capped at {})", signed(*raw), format_number(*c))
                    }
                    _ => f.write_str(")"),
                }
            }
            RuleResult::Decayed {
                full,
                points,
                days,
                half_life,
            } if *days > 0 => write!(
                f,
                "{} ({} decayed over {} day{}, half-life {})",
                signed(*points),
                signed(*full),
                days,
                if *days == 1 { "" } else { "s" },
                format_number(*half_life)
            ),
            RuleResult::Decayed { points, .. } => write!(f, "{} (no decay yet)", signed(*points)),
            RuleResult::DecayMissing { missing } => match missing_phrase(missing) {
                Some(why) => write!(f, "adds nothing: {why}"),
                None => f.write_str("adds nothing: no date to decay from"),
            },
            RuleResult::PerMissing { missing } => match missing_phrase(missing) {
                Some(why) => write!(f, "adds nothing: {why}"),
                None => f.write_str("adds nothing: not a number"),
            },
        }
    }
}

/// Writes `  left   right` rows with the right column aligned.
fn rows(f: &mut fmt::Formatter<'_>, rows: &[(String, String)]) -> fmt::Result {
    const MAX_PAD: usize = 60;
    let width = rows
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0)
        .min(MAX_PAD);
    for (left, right) in rows {
        let pad = width.saturating_sub(left.chars().count());
        writeln!(f, "  {left}{}  {right}", " ".repeat(pad))?;
    }
    Ok(())
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.segments.is_empty() {
            writeln!(f, "segments:")?;
            let r: Vec<_> = self
                .segments
                .iter()
                .map(|s| (format!("{} = {}", s.name, s.text), s.result.to_string()))
                .collect();
            rows(f, &r)?;
        }
        for score in &self.scores {
            write!(f, "score {} = {}", score.name, format_number(score.total))?;
            match score.range {
                Some((lo, hi)) if score.sum != score.total => writeln!(
                    f,
                    " ({} clamped to {}..{})",
                    format_number(score.sum),
                    format_number(lo),
                    format_number(hi)
                )?,
                _ => writeln!(f)?,
            }
            let r: Vec<_> = score
                .rules
                .iter()
                .map(|rule| (rule.text.clone(), rule.result.to_string()))
                .collect();
            rows(f, &r)?;
        }
        writeln!(f, "tiers:")?;
        let r: Vec<_> = self.tier_rules.iter().map(tier_row).collect();
        rows(f, &r)?;
        writeln!(f, "tier: {}", self.tier)?;
        if !self.suppress.is_empty() {
            writeln!(f, "suppress:")?;
            let r: Vec<_> = self
                .suppress
                .iter()
                .map(|s| (format!("when {}", s.text), s.result.to_string()))
                .collect();
            rows(f, &r)?;
        }
        match self.suppressed_by.and_then(|i| self.suppress.get(i)) {
            Some(rule) => writeln!(f, "suppressed: yes, by `{}`", rule.text),
            None => writeln!(f, "suppressed: no"),
        }
    }
}

fn tier_row(rule: &TierRuleExplain) -> (String, String) {
    let result = match (&rule.result, rule.reached) {
        (_, false) => "not reached".to_string(),
        (None, true) => "matched".to_string(),
        (Some(c), true) => c.to_string(),
    };
    let mark = if rule.chosen { "  <- tier" } else { "" };
    (rule.text.clone(), format!("{result}{mark}"))
}
