use super::*;

#[test]
fn runs_append_and_read_back_one_per_date() {
    let dir = tempfile::tempdir().unwrap();
    let state = dir.path().join(".leadplay/state.jsonl");
    let mut summary = Summary {
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
        leads_read: 3,
        tiers: vec![("hot".into(), 1), ("cold".into(), 2)],
        ..Summary::default()
    };
    summary.transitions.insert(("cold".into(), "hot".into()), 1);
    append_run(&state, &RunRecord::from_summary(&summary)).unwrap();
    summary.leads_read = 4;
    summary
        .drafts
        .entry("sales".into())
        .or_default()
        .insert("call".into(), 2);
    append_run(&state, &RunRecord::from_summary(&summary)).unwrap();
    summary.as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 30);
    append_run(&state, &RunRecord::from_summary(&summary)).unwrap();
    let text = std::fs::read_to_string(runs_path(&state)).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text.starts_with(
            r#"{"date":"2026-11-27","leads":3,"tiers":[["hot",1],["cold",2]],"transitions":{"cold → hot":1}"#
        ), "{text}");
    std::fs::write(runs_path(&state), format!("{text}not json\n")).unwrap();
    let (runs, bad) = read_runs(&state, "2026-11-28");
    assert_eq!(bad, 1);
    assert_eq!(runs.len(), 1);
    assert_eq!(runs[0].leads, 4, "the day's last run counts");
    assert_eq!(runs[0].transitions["cold → hot"], 2, "moves of both runs");
    assert_eq!(runs[0].draft_count(), 2);
}
