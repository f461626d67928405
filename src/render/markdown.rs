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
mod tests {
    use super::*;

    fn parts() -> MarkdownParts {
        MarkdownParts {
            title: "Call briefing: Acme Logistics".into(),
            lead_id: "L-1001".into(),
            lead_name: "Mei Lin".into(),
            company: "Acme Logistics".into(),
            tier: "hot".into(),
            step: "day 0 call hot/briefing".into(),
            owner: "Sam Rivera".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
            body: "\nTalking points\r\n- pricing\n\n".into(),
        }
    }

    #[test]
    fn header_block_then_body() {
        let md = build_markdown(&parts());
        assert_eq!(
            md,
            "# Call briefing: Acme Logistics\n\n\
             - **Lead:** Mei Lin, Acme Logistics (L-1001)\n\
             - **Tier:** hot\n\
             - **Step:** day 0 call hot/briefing\n\
             - **Owner:** Sam Rivera\n\
             - **Date:** 2026-11-27\n\n---\n\n\
             Talking points\n- pricing\n"
        );
    }

    #[test]
    fn hostile_values_stay_on_their_line() {
        let mut p = parts();
        p.lead_name = "Mei\n# Owner: evil".into();
        p.lead_id = "L1\r\n- **Tier:** cold".into();
        let md = build_markdown(&p);
        let header: Vec<&str> = md.lines().take(8).collect();
        assert_eq!(
            header.iter().filter(|l| l.starts_with("- **")).count(),
            5,
            "{md}"
        );
        assert!(md.contains("- **Lead:** Mei # Owner: evil, Acme Logistics (L1 - **Tier:** cold)"));
    }

    #[test]
    fn blank_name_and_company_show_the_id_alone() {
        let mut p = parts();
        p.lead_name.clear();
        p.company = "  ".into();
        assert!(build_markdown(&p).contains("- **Lead:** L-1001\n"));
    }
}
