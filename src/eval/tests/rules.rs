//! Scores, tiers, suppression and the compiled program's slots, evaluated whole.

use super::{today, truth, value};
use crate::program::{CondId, Outcome, Scores, Truth};
use crate::test_support::{STARTER, date, lead, num, program, text};
use crate::value::Value;
use Truth::{False, True, Unknown};

#[test]
fn scores_add_per_rules_with_caps_decimals_and_range() {
    let p = program(
        "score s {\n  +2.5 per x up to 10\n  -5 per y up to 20\n  +0.25 when z\n  range -15..8\n}\nscore {\n  +1 per s\n}\ntiers {\n  a otherwise\n}\n",
    );
    let score = |fields: &[(&str, Value)]| p.evaluate(&lead(&p, fields), today()).scores.to_vec();
    assert_eq!(score(&[("x", num(2.0))]), vec![5.0, 5.0]);
    assert_eq!(score(&[("x", num(100.0))]), vec![8.0, 8.0]); // capped at 10, clamped to 8
    assert_eq!(score(&[("y", num(10.0))]), vec![-15.0, -15.0]); // capped at -20, clamped
    assert_eq!(
        score(&[("x", num(1.0)), ("z", Value::Bool(true))]),
        vec![2.75, 2.75]
    );
    assert_eq!(score(&[("x", text("lots"))]), vec![0.0, 0.0]);
    assert_eq!(p.score_names, vec!["s", "score"]);
}

#[test]
fn first_matching_tier_wins_and_names_may_repeat() {
    let p = program(
        "tiers {\n  hot when x > 10\n  warm when x > 5\n  hot when y\n  cold otherwise\n}\n",
    );
    assert_eq!(p.tiers, ["hot", "warm", "cold"].map(std::sync::Arc::from));
    let tier = |fields: &[(&str, Value)]| p.evaluate(&lead(&p, fields), today()).tier;
    assert_eq!(tier(&[("x", num(11.0))]), 0);
    assert_eq!(tier(&[("x", num(6.0)), ("y", Value::Bool(true))]), 1);
    assert_eq!(tier(&[("y", Value::Bool(true))]), 0);
    assert_eq!(tier(&[]), 2);
}

#[test]
fn the_first_true_suppress_rule_is_reported() {
    let p =
        program("tiers {\n  a otherwise\n}\nsuppress when u\nsuppress when v or w is missing\n");
    let by = |fields: &[(&str, Value)]| p.evaluate(&lead(&p, fields), today()).suppressed_by;
    let w = ("w", text("x"));
    assert_eq!(by(std::slice::from_ref(&w)), None);
    assert_eq!(by(&[]), Some(1));
    assert_eq!(by(&[("u", Value::Bool(true))]), Some(0));
    assert_eq!(
        by(&[("u", Value::Missing), ("v", Value::Bool(true)), w]),
        Some(1)
    );
    assert_eq!(
        p.suppress_rules,
        ["u", "v or w is missing"].map(std::sync::Arc::from)
    );
}

#[test]
fn the_starter_program_scores_and_tiers_leads() {
    let p = program(STARTER);
    let hot = lead(
        &p,
        &[
            ("id", text("l1")),
            ("employees", num(5000.0)),
            ("industry", text("SaaS")),
            ("job_title", text("VP Sales")),
            ("country", text("us")),
            ("email_opens", num(9.0)),
            ("pricing_visits", num(2.0)),
            ("replied", Value::Bool(true)),
            ("email", text("a@b.co")),
            ("last_activity", Value::Date(date("2026-03-20"))),
        ],
    );
    let out = p.evaluate(&hot, today());
    assert_eq!(out.scores.to_vec(), vec![45.0, 65.0]);
    assert_eq!(&*p.tiers[out.tier], "hot");
    assert_eq!(out.suppressed_by, None);

    let cold = lead(&p, &[("country", text("FR")), ("email", text("x@y.fr"))]);
    let out = p.evaluate(&cold, today());
    assert_eq!(out.scores.to_vec(), vec![-10.0, 0.0]);
    assert_eq!(&*p.tiers[out.tier], "cold");

    let demo = lead(
        &p,
        &[
            ("stage", text(" Demo_Requested")),
            ("bounced", Value::Bool(true)),
        ],
    );
    let out = p.evaluate(&demo, today());
    assert_eq!(&*p.tiers[out.tier], "hot");
    assert_eq!(out.suppressed_by, Some(0));
    assert_eq!(p.schema.fields[p.schema.key].path, vec!["id"]);
}

#[test]
fn evaluate_into_reuses_buffers_and_agrees_with_evaluate() {
    let p = program(STARTER);
    let mut scratch = p.scratch();
    let mut out = Outcome {
        tier: 0,
        scores: Scores::new(),
        suppressed_by: None,
    };
    for opens in 0..8 {
        let values = lead(
            &p,
            &[
                ("email_opens", num(f64::from(opens))),
                ("fit_x", Value::Missing),
            ],
        );
        p.evaluate_into(&values, today(), &mut scratch, &mut out);
        assert_eq!(out, p.evaluate(&values, today()));
    }
}

#[test]
fn segments_and_scores_feed_later_expressions() {
    let p = program(
        "score a {\n  +10 per x\n}\nsegment big = a > 15\nscore b {\n  +1 when big\n  +2 when not big\n}\ntiers {\n  top when big and b == 1\n  rest otherwise\n}\n",
    );
    let out = p.evaluate(&lead(&p, &[("x", num(2.0))]), today());
    assert_eq!((out.scores.to_vec(), out.tier), (vec![20.0, 1.0], 0));
    let out = p.evaluate(&lead(&p, &[("x", num(1.0))]), today());
    assert_eq!((out.scores.to_vec(), out.tier), (vec![10.0, 2.0], 1));
}

#[test]
fn step_guards_and_exits_are_conditions() {
    let p = program(
        "score fit {\n  +5 when vip\n}\ntiers {\n  warm when fit > 0\n  cold otherwise\n}\nplaybook warm owner sales {\n  day 0 email \"warm/a\" unless replied\n  exit when stage == \"won\"\n}\nplaybook cold owner marketing {\n  day 0 mail \"cold/a\"\n}\n",
    );
    let warm = p.playbook_for(0).unwrap();
    let guard = warm.steps[0].guard.unwrap();
    assert_eq!(warm.steps[0].guard_text.as_deref(), Some("unless replied"));
    let (exit, exit_text) = &warm.exits[0];
    assert_eq!(&**exit_text, "stage == \"won\"");
    let values = lead(
        &p,
        &[("replied", Value::Bool(false)), ("stage", text("WON"))],
    );
    assert_eq!(p.condition(guard, &values, today()), False);
    assert_eq!(p.condition(*exit, &values, today()), True);
    assert_eq!(p.condition(CondId(99), &values, today()), Unknown);
    assert_eq!(p.playbook_for(1).unwrap().owner, "marketing");
    assert!(p.playbook_for(2).is_none());
}

#[test]
fn slots_read_are_the_fields_any_rule_or_step_reads_and_the_key() {
    let p = program(
        "fields {\n  id text key\n  name text\n  age number\n  city text\n  vip bool\n  seen date\n}\n\
         segment adult = age >= 18\n\
         score s {\n  +1 when adult\n  +2 per len(city)\n}\n\
         tiers {\n  hot when s > 2\n  cold otherwise\n}\n\
         suppress when days_since(seen) > 400\n\
         playbook hot owner sales {\n  day 0 call \"x\" when vip\n}\n",
    );
    let read: Vec<String> = p
        .schema
        .fields
        .iter()
        .zip(p.slots_read())
        .filter(|(_, read)| *read)
        .map(|(field, _)| field.path.join("."))
        .collect();
    // `name` is declared but never read.
    assert_eq!(read, ["id", "age", "city", "vip", "seen"]);
}

#[test]
fn datetimes_compare_with_dates_by_their_day_and_count_hours() {
    let at = |s: &str| {
        Value::DateTime(chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap())
    };
    let seen = [("seen", at("2026-03-30 18:00"))];
    assert_eq!(truth("seen == 2026-03-30", &seen), True);
    assert_eq!(truth("seen < 2026-03-31", &seen), True);
    assert_eq!(truth("seen > 2026-03-29", &seen), True);
    assert_eq!(value("days_since(seen)", &seen), Some(1.0));
    // Hours to the start of the evaluation day (2026-03-31 00:00).
    assert_eq!(value("hours_since(seen)", &seen), Some(6.0));
    assert_eq!(
        value("hours_since(d)", &[("d", Value::Date(date("2026-03-30")))]),
        Some(24.0)
    );
    assert_eq!(value("hours_since(seen)", &[]), None);
}
