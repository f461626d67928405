use super::*;

#[test]
fn summary_reads_like_a_report() {
    let mut s = Summary {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27),
        leads_file: "examples/leads.csv".into(),
        leads_read: 300,
        row_errors: 2,
        tiers: vec![
            ("hot".into(), 40),
            ("warm".into(), 90),
            ("cold".into(), 168),
        ],
        warm_ups: 12,
        new_leads: 3,
        handoffs: 12,
        ..Summary::default()
    };
    s.transitions.insert(("cold".into(), "warm".into()), 12);
    s.drafts
        .entry("sales".into())
        .or_default()
        .insert("email".into(), 5);
    s.suppressed.push(("unsubscribed".into(), 4));
    let text = s.to_string();
    assert!(
        text.contains("300 read from examples/leads.csv, 2 row errors"),
        "{text}"
    );
    assert!(text.contains("hot 40 · warm 90 · cold 168"), "{text}");
    assert!(
        text.contains("cold → warm: 12 (12 warm-ups, 0 cool-downs, 3 new)"),
        "{text}"
    );
    assert!(text.contains("5 (sales: email 5)"), "{text}");
    assert!(text.contains("suppressed 4 (unsubscribed: 4)"), "{text}");
}
