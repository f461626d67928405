use super::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
}

fn lead(id: &str, last_run: &str) -> LeadState {
    LeadState {
        id: id.to_string(),
        tier: "cold".to_string(),
        entered: date("2026-03-01"),
        steps: BTreeMap::new(),
        handoff: None,
        exited: None,
        reps: BTreeMap::new(),
        last_run: date(last_run),
    }
}

#[test]
fn last_run_is_the_latest_over_leads() {
    let mut state = State::new();
    assert_eq!(state.last_run(), None);
    state.insert(lead("b", "2026-03-04"));
    state.insert(lead("a", "2026-03-09"));
    assert_eq!(state.last_run(), Some(date("2026-03-09")));
}

#[test]
fn as_of_earlier_than_last_run_is_refused_naming_both_dates() {
    let mut state = State::new();
    state.insert(lead("a", "2026-03-09"));
    assert!(check_as_of(&state, date("2026-03-09")).is_ok());
    assert!(check_as_of(&state, date("2026-03-10")).is_ok());
    let err = check_as_of(&state, date("2026-03-08")).map(|_| "ok".to_string());
    let message = err.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("2026-03-08"), "{message}");
    assert!(message.contains("2026-03-09"), "{message}");
    let help = check_as_of(&state, date("2026-03-08"))
        .err()
        .and_then(|e| e.help())
        .unwrap_or_default();
    assert!(help.contains("`--as-of 2026-03-09` or later"), "{help}");
}

#[test]
fn drafts_on_counts_done_steps_and_handoffs_of_that_day() {
    let mut a = lead("a", "2026-03-02");
    let done = |day: &str| StepRecord {
        status: RecordStatus::Done,
        date: date(day),
        reason: None,
        owner: Some("sales".to_string()),
        path: Some("drafts/x.eml".to_string()),
        variant: None,
        rep: None,
    };
    a.steps.insert("day0:x".into(), done("2026-03-02"));
    a.steps.insert("day1:y".into(), done("2026-03-01"));
    a.handoff = Some(HandoffRecord {
        status: HandoffStatus::Done,
        date: date("2026-03-02"),
        from_tier: "cold".into(),
        from_owner: "marketing".into(),
        owner: "sales".into(),
        reason: None,
        path: None,
        rep: None,
    });
    let mut state = State::new();
    state.insert(a);
    let counts = state.drafts_on(date("2026-03-02"));
    assert_eq!(counts.get("sales"), Some(&2));
    assert_eq!(counts.len(), 1);
}
