//! `.md` drafts for channels that are not email: call briefings, letters, tasks,
//! handoff notes. A short header block says who and what; the rendered body follows.

use crate::render::header::one_line;
use chrono::NaiveDate;

/// Everything a Markdown draft is built from. Header values are made one line each, so
/// a lead value cannot break out of its line.
#[derive(Debug, Clone, PartialEq)]
pub struct MarkdownParts {
    /// The heading: the rendered subject, or a fallback such as `call: hot/briefing`.
    pub title: String,
    /// The lead id.
    pub lead_id: String,
    /// The lead's name (may be empty).
    pub lead_name: String,
    /// The lead's company (may be empty).
    pub company: String,
    /// The tier name.
    pub tier: String,
    /// The step line, e.g. `day 0 call hot/briefing`.
    pub step: String,
    /// The owner's display name.
    pub owner: String,
    /// The as-of date.
    pub date: NaiveDate,
    /// The rendered body.
    pub body: String,
}

/// Builds the draft: heading, header list, a rule, the body; `\n` line endings and one
/// final newline.
pub fn build_markdown(parts: &MarkdownParts) -> String {
    let mut out = format!("# {}\n\n", one_line(&parts.title));
    for (label, value) in [
        ("Lead", lead_line(parts)),
        ("Tier", one_line(&parts.tier)),
        ("Step", one_line(&parts.step)),
        ("Owner", one_line(&parts.owner)),
        ("Date", parts.date.format("%Y-%m-%d").to_string()),
    ] {
        out.push_str(&format!("- **{label}:** {value}\n"));
    }
    out.push_str("\n---\n\n");
    let body = parts.body.replace("\r\n", "\n");
    out.push_str(body.trim_matches('\n'));
    out.push('\n');
    out
}

/// `Mei Lin, Acme Logistics (L-1001)`, leaving out what is blank.
fn lead_line(parts: &MarkdownParts) -> String {
    let who: Vec<String> = [&parts.lead_name, &parts.company]
        .iter()
        .map(|s| one_line(s))
        .filter(|s| !s.is_empty())
        .collect();
    let id = one_line(&parts.lead_id);
    if who.is_empty() {
        id
    } else {
        format!("{} ({id})", who.join(", "))
    }
}

#[cfg(test)]
mod tests;
