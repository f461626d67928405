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
