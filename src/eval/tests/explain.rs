//! Explain: the structured result and its human text.

use super::super::RuleResult;
use crate::program::Truth;
use crate::test_support::{STARTER, date, lead, num, program, text};
use crate::value::Value;

fn today() -> chrono::NaiveDate {
    date("2026-03-31")
}

#[test]
fn explain_says_which_missing_value_stopped_a_rule() {
    let p = program(STARTER);
    let values = lead(
        &p,
        &[
            ("industry", text("FinTech")),
            ("job_title", text("Director of Ops")),
            ("country", text("TW")),
            ("email_opens", num(7.0)),
            ("pricing_visits", num(1.5)),
            ("replied", Value::Bool(true)),
            ("last_activity", Value::Date(date("2025-11-01"))),
            ("email", text("a@b.tw")),
        ],
    );
    let e = p.explain(&values, today());
    let enterprise = &e.segments[0];
    assert_eq!(enterprise.result.truth, Truth::Unknown);
    assert_eq!(enterprise.result.missing, vec!["employees"]);
    let fit = &e.scores[0];
    assert_eq!(fit.total, 25.0);
    match &fit.rules[0].result {
        RuleResult::NotFired(c) => assert_eq!(c.missing, vec!["employees"]),
        other => panic!("{other:?}"),
    }
    let engagement = &e.scores[1];
    assert_eq!((engagement.sum, engagement.total), (40.0, 40.0));
    assert_eq!(e.tier, "warm");
    assert_eq!(e.suppressed_by, None);
    // The structured result agrees with the hot path.
    let out = p.evaluate(&values, today());
    assert_eq!(out.scores.to_vec(), vec![fit.total, engagement.total]);
    assert_eq!(*p.tiers[out.tier], e.tier);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn explain_shows_caps_clamps_and_suppression() {
    let p = program(STARTER);
    let values = lead(
        &p,
        &[
            ("employees", num(5000.0)),
            ("industry", text("saas")),
            ("country", text("FR")),
            ("email_opens", num(40.0)),
            ("pricing_visits", num(9.0)),
            ("form_fills", num(3.0)),
            ("stage", text("demo_requested")),
            ("unsubscribed", Value::Bool(true)),
        ],
    );
    let e = p.explain(&values, today());
    assert_eq!((e.scores[1].sum, e.scores[1].total), (115.0, 100.0));
    assert_eq!(e.tier, "hot");
    assert_eq!(e.suppressed_by, Some(0));
    assert!(!e.tier_rules[2].reached);
    insta::assert_snapshot!(e.to_string());
}

#[test]
fn explain_condition_names_missing_fields() {
    let p = program(
        "tiers {\n  warm when x > 1\n  cold otherwise\n}\nplaybook warm owner sales {\n  day 0 email \"warm/a\" when stage == \"new\" and y\n}\nplaybook cold owner sales {\n  day 0 email \"cold/a\"\n}\n",
    );
    let guard = p.playbook_for(0).unwrap().steps[0].guard.unwrap();
    let values = lead(&p, &[("y", Value::Bool(true))]);
    let c = p.explain_condition(guard, &values, today());
    assert_eq!(c.truth, Truth::Unknown);
    assert_eq!(c.missing, vec!["stage"]);
    assert_eq!(c.to_string(), "unknown (`stage` is missing)");
}
