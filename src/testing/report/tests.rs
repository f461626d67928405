use super::*;

#[test]
fn a_passing_case_is_one_line() {
    let r = CaseResult::new("tiers.yaml", " demo is hot ");
    assert_eq!(r.to_string(), "ok   tiers.yaml: demo is hot\n");
}

#[test]
fn a_failure_lists_mismatches_then_the_trace() {
    let mut r = CaseResult::new("tiers.yaml", "demo is hot");
    r.failures.push(Failure::Mismatch {
        key: "tier".into(),
        expected: "hot".into(),
        actual: "warm".into(),
    });
    r.failures
        .push(Failure::Problem("a draft failed to render: x".into()));
    r.trace = Some("tier: warm\n\nplaybook\n  day 0".into());
    assert_eq!(
        r.to_string(),
        "FAILED tiers.yaml: demo is hot\n    tier: expected hot, actual warm\n    a draft failed to render: x\n    explain:\n      tier: warm\n\n      playbook\n        day 0\n"
    );
}

#[test]
fn the_closing_line() {
    let mut s = SuiteResult::default();
    s.add(&CaseResult::new("a", "b"));
    let mut failed = CaseResult::new("a", "c");
    failed.failures.push(Failure::Problem("x".into()));
    s.add(&failed);
    assert_eq!(s.to_string(), "1 passed, 1 failed");
    assert!(!s.ok());
}
