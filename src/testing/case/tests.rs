use super::*;

fn one(text: &str) -> TestCase {
    let mut cases = parse_cases(text).unwrap();
    assert_eq!(cases.len(), 1);
    cases.remove(0)
}

#[test]
fn the_spec_example_parses() {
    let case = one(
        "- name: a demo request makes a lead hot\n  as_of: 2026-11-27\n  lead: { id: t1, industry: saas, employees: 5000, stage: demo_requested, email: a@b.co }\n  expect:\n    tier: hot\n    scores: { fit: 35 }\n    suppressed: false\n    drafts: [hot/briefing]\n",
    );
    assert_eq!(case.as_of, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
    assert_eq!(case.lead.get("employees"), Some(&serde_json::json!(5000)));
    assert_eq!(case.expect.tier.as_deref(), Some("hot"));
    assert_eq!(case.expect.scores.get("fit"), Some(&35.0));
    assert_eq!(case.expect.suppressed, Some(false));
    assert_eq!(case.expect.drafts, Some(vec!["hot/briefing".to_string()]));
    assert_eq!(case.expect.suppressed_by, None);
    assert_eq!(case.state, None);
}

#[test]
fn suppressed_by_null_differs_from_absent() {
    let case = one("- {name: n, as_of: 2026-01-01, lead: {id: a}, expect: {suppressed_by: null}}");
    assert_eq!(case.expect.suppressed_by, Some(None));
    let case =
        one("- {name: n, as_of: 2026-01-01, lead: {id: a}, expect: {suppressed_by: bounced}}");
    assert_eq!(case.expect.suppressed_by, Some(Some("bounced".into())));
}

#[test]
fn state_with_done_steps() {
    let case = one(
        "- name: n\n  as_of: 2026-01-05\n  lead: {id: a}\n  state: {tier: cold, entered: 2026-01-01, done: [cold/postcard]}\n  expect: {drafts: []}\n",
    );
    let state = case.state.unwrap();
    assert_eq!(state.tier, "cold");
    assert_eq!(state.done, Some(vec!["cold/postcard".to_string()]));
    assert!(state.skipped.is_empty());
}

#[test]
fn an_unknown_key_is_an_error_at_its_line() {
    let e = parse_cases("- name: n\n  as_of: 2026-01-01\n  lead: {id: a}\n  expct: {tier: hot}\n")
        .unwrap_err();
    assert!(e.message.contains("unknown field `expct`"), "{}", e.message);
    assert_eq!(e.line, Some(4));
}

#[test]
fn a_bad_date_is_an_error_at_its_line() {
    let e = parse_cases("- name: n\n  as_of: 2026-13-01\n  lead: {id: a}\n  expect: {tier: hot}\n")
        .unwrap_err();
    assert!(
        e.message.contains("`2026-13-01` is not a date"),
        "{}",
        e.message
    );
    assert_eq!(e.line, Some(2));
}

#[test]
fn wrong_types_are_errors() {
    let e = parse_cases("- name: n\n  as_of: 2026-01-01\n  lead: [a]\n  expect: {tier: hot}\n")
        .unwrap_err();
    assert_eq!(e.line, Some(3), "{}", e.message);
    let e = parse_cases(
        "- name: n\n  as_of: 2026-01-01\n  lead: {id: a}\n  expect: {suppressed: maybe}\n",
    )
    .unwrap_err();
    assert_eq!(e.line, Some(4), "{}", e.message);
}

#[test]
fn an_empty_file_has_no_cases() {
    assert_eq!(parse_cases("").unwrap(), vec![]);
    assert_eq!(parse_cases("# nothing yet\n").unwrap(), vec![]);
}

#[test]
fn a_mapping_instead_of_a_list_is_an_error() {
    assert!(parse_cases("name: n\nas_of: 2026-01-01\n").is_err());
}
