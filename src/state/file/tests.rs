use super::*;
use crate::state::{ExitRecord, HandoffRecord, HandoffStatus, RecordStatus, StepRecord};
use chrono::NaiveDate;
use std::collections::BTreeMap;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn sample() -> State {
    let mut state = State::new();
    let mut steps = BTreeMap::new();
    steps.insert(
        "day0:warm/follow_up".to_string(),
        StepRecord {
            status: RecordStatus::Done,
            date: date("2026-03-02"),
            reason: None,
            owner: Some("sales".to_string()),
            path: Some("drafts/2026-03-02/sales/b--warm-follow_up.eml".to_string()),
            variant: None,
            rep: None,
        },
    );
    steps.insert(
        "day2:warm/meeting_invite".to_string(),
        StepRecord {
            status: RecordStatus::Skipped,
            date: date("2026-03-04"),
            reason: Some("condition `unless replied` did not hold".to_string()),
            owner: None,
            path: None,
            variant: None,
            rep: None,
        },
    );
    state.insert(LeadState {
        id: "b".to_string(),
        tier: "warm".to_string(),
        entered: date("2026-03-02"),
        steps,
        handoff: Some(HandoffRecord {
            status: HandoffStatus::Done,
            date: date("2026-03-02"),
            from_tier: "cold".to_string(),
            from_owner: "marketing".to_string(),
            owner: "sales".to_string(),
            reason: None,
            path: Some("drafts/2026-03-02/sales/b--warm-handoff_note.md".to_string()),
            rep: None,
        }),
        exited: Some(ExitRecord {
            date: date("2026-03-04"),
            rule: "stage == \"meeting_booked\"".to_string(),
        }),
        reps: BTreeMap::new(),
        last_run: date("2026-03-04"),
    });
    state.insert(LeadState {
        id: "a".to_string(),
        tier: "cold".to_string(),
        entered: date("2026-03-01"),
        steps: BTreeMap::new(),
        handoff: None,
        exited: None,
        reps: BTreeMap::new(),
        last_run: date("2026-03-04"),
    });
    state
}

#[test]
fn round_trip_is_byte_identical_sorted_and_in_fixed_key_order() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join(".leadplay").join("state.jsonl");
    sample()
        .save_atomic(&path)
        .unwrap_or_else(|e| panic!("{e}"));
    let first = fs::read_to_string(&path).unwrap_or_default();
    let loaded = StateStore::load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(loaded, sample());
    loaded.save_atomic(&path).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(fs::read_to_string(&path).unwrap_or_default(), first);

    let lines: Vec<&str> = first.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        r#"{"id":"a","tier":"cold","entered":"2026-03-01","steps":{},"last_run":"2026-03-04"}"#
    );
    assert!(lines[1].starts_with(r#"{"id":"b","tier":"warm","entered":"2026-03-02","steps":{"day0:warm/follow_up":{"status":"done","date":"2026-03-02","owner":"sales","path":"#));
    assert!(lines[1].contains(r#""exited":{"date":"2026-03-04","rule":"stage == \"meeting_booked\""},"last_run":"2026-03-04"}"#));
    let tmp_left = fs::read_dir(dir.path().join(".leadplay"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(tmp_left, 1, "no temp file is left behind");
}

#[test]
fn a_missing_file_is_an_empty_state() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let state = StateStore::load(&dir.path().join("nope.jsonl"));
    assert!(state.is_ok_and(|s| s.is_empty()));
}

#[test]
fn a_corrupt_line_is_an_error_with_file_line_and_json_message() {
    let text = format!(
        "{}\n\n{{\"id\":\"c\",\"tier\":\"cold\"\n",
        sample().to_jsonl().lines().next().unwrap_or_default()
    );
    let err = parse(Path::new(".leadplay/state.jsonl"), &text).err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        message.starts_with(".leadplay/state.jsonl:3: corrupt state record: "),
        "{message}"
    );
    assert!(message.contains("EOF"), "{message}");
}

#[test]
fn a_bad_date_or_unknown_field_is_corrupt_not_ignored() {
    let bad_date =
        r#"{"id":"a","tier":"cold","entered":"2026-13-01","steps":{},"last_run":"2026-03-04"}"#;
    let err = parse(Path::new("s.jsonl"), bad_date).err();
    assert!(err.is_some_and(|e| e.to_string().contains("2026-13-01")));
    let unknown = r#"{"id":"a","tier":"cold","entered":"2026-03-01","steps":{},"last_run":"2026-03-04","x":1}"#;
    let err = parse(Path::new("s.jsonl"), unknown).err();
    assert!(err.is_some_and(|e| e.to_string().contains("unknown field `x`")));
}

#[test]
fn a_duplicate_lead_is_an_error() {
    let line = sample()
        .to_jsonl()
        .lines()
        .next()
        .unwrap_or_default()
        .to_string();
    let err = parse(Path::new("s.jsonl"), &format!("{line}\n{line}\n")).err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert_eq!(
        message,
        "s.jsonl:2: lead `a` appears twice in the state file"
    );
}
