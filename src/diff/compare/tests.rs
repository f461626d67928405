use super::*;
use crate::report::{DraftReport, Scores};

fn lead(
    id: &str,
    tier: &str,
    fit: f64,
    suppressed_by: Option<&str>,
    drafts: &[&str],
) -> LeadReport {
    LeadReport {
        id: id.into(),
        tier: tier.into(),
        previous_tier: None,
        scores: Scores(vec![("fit".into(), fit)]),
        suppressed: suppressed_by.is_some(),
        suppressed_by: suppressed_by.map(str::to_string),
        drafts: drafts
            .iter()
            .map(|t| DraftReport {
                template: t.to_string(),
                channel: "email".into(),
                owner: "sales".into(),
                day: 0,
                path: String::new(),
                variant: None,
                rep: None,
            })
            .collect(),
    }
}

#[test]
fn a_score_no_lead_changes_is_unchanged_and_the_diff_empty() {
    let leads = vec![lead("a", "cold", 5.0, None, &["cold/x"])];
    let changes = compare(&leads, &leads);
    assert_eq!(changes.scores[0].status, "unchanged");
    assert_eq!(changes.scores[0].leads_changed, 0);
    assert!(changes.is_empty());
    let moved = vec![lead("a", "cold", 6.0, None, &["cold/x"])];
    assert_eq!(compare(&leads, &moved).scores[0].status, "changed");
}

#[test]
fn moves_scores_suppression_and_drafts() {
    let before = vec![
        lead("a", "cold", 0.0, None, &["cold/x"]),
        lead("b", "cold", 10.0, None, &[]),
        lead("c", "warm", 20.0, None, &["warm/y"]),
        lead("gone", "cold", 0.0, None, &[]),
    ];
    let after = vec![
        lead("a", "warm", 15.0, None, &["warm/y"]),
        lead("b", "warm", 20.0, None, &[]),
        lead("c", "warm", 20.0, Some("bounced"), &[]),
    ];
    let changes = compare(&before, &after);
    assert_eq!(changes.leads, 3);
    assert_eq!(changes.only_before, vec!["gone".to_string()]);
    assert_eq!(
        changes.tier_moves,
        vec![MoveCount {
            from: "cold".into(),
            to: "warm".into(),
            leads: 2
        }]
    );
    assert_eq!(changes.scores[0].leads_changed, 2);
    assert_eq!(changes.scores[0].mean_delta, Some(Number(12.5)));
    assert_eq!(changes.suppression.len(), 1);
    assert_eq!(changes.suppression[0].after.as_deref(), Some("bounced"));
    let drafts: Vec<(&str, &str, &str)> = changes
        .drafts
        .iter()
        .map(|d| (d.id.as_str(), d.change, d.template.as_str()))
        .collect();
    assert_eq!(
        drafts,
        vec![
            ("a", "appears", "warm/y"),
            ("a", "disappears", "cold/x"),
            ("c", "disappears", "warm/y"),
        ]
    );
    assert!(!changes.is_empty());
    assert!(compare(&before, &before).is_empty());
}

#[test]
fn added_and_removed_scores() {
    let mut after = lead("a", "cold", 0.0, None, &[]);
    after.scores = Scores(vec![("engagement".into(), 5.0)]);
    let changes = compare(&[lead("a", "cold", 0.0, None, &[])], &[after]);
    let statuses: Vec<(&str, &str)> = changes
        .scores
        .iter()
        .map(|s| (s.score.as_str(), s.status))
        .collect();
    assert_eq!(statuses, vec![("engagement", "added"), ("fit", "removed")]);
}
