//! Decaying score rules: `+N when COND decaying from DATE half-life D days`.

use super::super::{RuleResult, decayed};
use crate::test_support::{date, lead, program, rendered};
use crate::value::Value;
use proptest::prelude::*;

const PROGRAM: &str = r#"
fields {
  id         text key
  replied    bool
  last_reply date
}
score engagement {
  +30 when replied decaying from last_reply half-life 30 days
  +5  when replied
}
tiers {
  warm when engagement >= 20
  cold otherwise
}
"#;

fn engagement(last_reply: Value, today: &str) -> f64 {
    let p = program(PROGRAM);
    let values = lead(
        &p,
        &[("replied", Value::Bool(true)), ("last_reply", last_reply)],
    );
    p.evaluate(&values, date(today)).scores[0]
}

#[test]
fn points_halve_every_half_life() {
    let reply = || Value::Date(date("2026-01-01"));
    assert_eq!(engagement(reply(), "2026-01-01"), 35.0); // 0 half-lives: 30 + 5
    assert_eq!(engagement(reply(), "2026-01-31"), 20.0); // 1 half-life: 15 + 5
    assert_eq!(engagement(reply(), "2026-04-01"), 8.75); // 3 half-lives: 3.75 + 5
    // 45 days: 30 × 0.5^1.5 = 10.6066… → 10.61.
    assert_eq!(engagement(reply(), "2026-02-15"), 15.61);
}

#[test]
fn a_future_date_does_not_decay_and_a_missing_one_adds_nothing() {
    assert_eq!(
        engagement(Value::Date(date("2026-06-01")), "2026-01-01"),
        35.0
    );
    assert_eq!(engagement(Value::Missing, "2026-01-01"), 5.0);
}

#[test]
fn explain_shows_the_decayed_points() {
    let p = program(PROGRAM);
    let values = lead(
        &p,
        &[
            ("replied", Value::Bool(true)),
            ("last_reply", Value::Date(date("2026-01-01"))),
        ],
    );
    let e = p.explain(&values, date("2026-01-31"));
    let rule = &e.scores[0].rules[0];
    assert_eq!(
        rule.result,
        RuleResult::Decayed {
            full: 30.0,
            points: 15.0,
            days: 30,
            half_life: 30.0
        }
    );
    assert_eq!(
        rule.result.to_string(),
        "+15 (+30 decayed over 30 days, half-life 30)"
    );
    let text = e.to_string();
    assert!(
        text.contains("+30 when replied decaying from last_reply half-life 30 days"),
        "{text}"
    );
    let missing = lead(&p, &[("replied", Value::Bool(true))]);
    let e = p.explain(&missing, date("2026-01-31"));
    assert_eq!(
        e.scores[0].rules[0].result.to_string(),
        "adds nothing: `last_reply` is missing"
    );
}

#[test]
fn check_wants_a_date_and_a_positive_half_life() {
    let out = rendered(&PROGRAM.replace("from last_reply", "from replied"));
    assert!(out.contains("`decaying from` needs a date"), "{out}");
    let out = rendered(&PROGRAM.replace("half-life 30", "half-life 0"));
    assert!(
        out.contains("a half-life must be more than 0 days"),
        "{out}"
    );
    let out = rendered(&PROGRAM.replace("from last_reply", "from last_replied"));
    assert!(out.contains("did you mean `last_reply`?"), "{out}");
}

/// The textbook formula, written out independently of the engine.
fn oracle(points: f64, days: i64, half_life: f64) -> f64 {
    if days <= 0 {
        return points;
    }
    let half_lives = days as f64 / half_life;
    (points / 2f64.powf(half_lives) * 100.0).round() / 100.0
}

proptest! {
    #[test]
    fn decay_matches_the_formula(
        points in -100.0f64..100.0,
        days in -400i64..4000,
        half_life in 0.5f64..400.0,
    ) {
        let ours = decayed(points, days, half_life);
        let theirs = oracle(points, days, half_life);
        prop_assert!((ours - theirs).abs() < 0.0051, "{} vs {}", ours, theirs);
        prop_assert!(ours.abs() <= points.abs() + 1e-9);
    }

    #[test]
    fn an_evaluated_lead_decays_like_the_formula(
        days in -100i64..2000,
        half_life in 1u32..200,
    ) {
        let text = PROGRAM.replace("half-life 30", &format!("half-life {half_life}"));
        let p = program(&text);
        let today = date("2026-06-01");
        let reply = today - chrono::Duration::days(days);
        let values = lead(&p, &[("replied", Value::Bool(true)), ("last_reply", Value::Date(reply))]);
        let score = p.evaluate(&values, today).scores[0];
        prop_assert_eq!(score, oracle(30.0, days, f64::from(half_life)) + 5.0);
    }
}
