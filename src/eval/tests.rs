//! Evaluation tests: every operator under three-valued logic, text folding, lists,
//! functions, scores, tiers and suppression — all from source text.

mod decay;
mod explain;
mod props;

use crate::program::{CondId, Outcome, Scores, Truth};
use crate::test_support::{STARTER, date, lead, num, program, text};
use crate::value::Value;
use Truth::{False, True, Unknown};

fn today() -> chrono::NaiveDate {
    date("2026-03-31")
}

/// The truth of a condition for a lead (fields typed by look: no fields block).
fn truth(expr: &str, fields: &[(&str, Value)]) -> Truth {
    let p = program(&format!(
        "segment s = {expr}\ntiers {{\n  a when s\n  b otherwise\n}}\n"
    ));
    let values = lead(&p, fields);
    let e = p.explain(&values, today());
    e.segments[0].result.truth
}

/// The value of a numeric expression, `None` when unknown.
fn value(expr: &str, fields: &[(&str, Value)]) -> Option<f64> {
    let p = program(&format!(
        "segment unknown = ({expr}) is missing\nscore s {{\n  +1 per {expr}\n}}\ntiers {{\n  a otherwise\n}}\n"
    ));
    let values = lead(&p, fields);
    let out = p.evaluate(&values, today());
    let e = p.explain(&values, today());
    (e.segments[0].result.truth == False).then_some(out.scores[0])
}

fn b(v: Option<bool>) -> Value {
    v.map_or(Value::Missing, Value::Bool)
}

#[test]
fn and_or_not_follow_three_valued_logic() {
    let vals = [Some(true), Some(false), None];
    let t = |v: Option<bool>| v.map_or(Unknown, Truth::from);
    for x in vals {
        for y in vals {
            let fields = [("x", b(x)), ("y", b(y))];
            let and = match (t(x), t(y)) {
                (False, _) | (_, False) => False,
                (True, True) => True,
                _ => Unknown,
            };
            let or = match (t(x), t(y)) {
                (True, _) | (_, True) => True,
                (False, False) => False,
                _ => Unknown,
            };
            assert_eq!(truth("x and y", &fields), and, "{x:?} and {y:?}");
            assert_eq!(truth("x or y", &fields), or, "{x:?} or {y:?}");
        }
        let not = match t(x) {
            True => False,
            False => True,
            Unknown => Unknown,
        };
        assert_eq!(truth("not x", &[("x", b(x))]), not, "not {x:?}");
    }
}

#[test]
fn comparisons_with_a_missing_side_are_unknown() {
    for op in ["==", "!=", "<", "<=", ">", ">="] {
        assert_eq!(truth(&format!("x {op} 5"), &[]), Unknown, "x {op} 5");
        assert_eq!(truth(&format!("5 {op} x"), &[]), Unknown, "5 {op} x");
        assert_eq!(truth(&format!("x {op} y"), &[("x", num(1.0))]), Unknown);
    }
    let x = [("x", num(5.0))];
    let expected = [
        ("==", True),
        ("!=", False),
        ("<", False),
        ("<=", True),
        (">", False),
        (">=", True),
    ];
    for (op, want) in expected {
        assert_eq!(truth(&format!("x {op} 5"), &x), want, "x {op} 5");
    }
    assert_eq!(truth("3 < x", &x), True);
    assert_eq!(truth("x > 9", &[("x", text("many"))]), Unknown);
    assert_eq!(
        truth("d < 2026-01-01", &[("d", Value::Date(date("2025-12-31")))]),
        True
    );
    assert_eq!(
        truth("d < today", &[("d", Value::Date(date("2026-03-31")))]),
        False
    );
}

#[test]
fn text_ops_with_a_missing_side_are_unknown() {
    for expr in [
        "x == \"a\"",
        "x != \"a\"",
        "x in [\"a\"]",
        "x not in [\"a\"]",
        "x contains \"a\"",
        "x starts_with \"a\"",
        "x ends_with \"a\"",
        "x matches \"a\"",
        "\"a\" in x",
        "y contains x",
    ] {
        assert_eq!(truth(expr, &[("y", text("abc"))]), Unknown, "{expr}");
    }
}

#[test]
fn text_comparison_ignores_case_and_surrounding_space() {
    let f = [
        ("industry", text("  SaaS ")),
        ("title", text("VP of Sales")),
    ];
    assert_eq!(truth("industry == \"saas\"", &f), True);
    assert_eq!(truth("\"SAAS\" == industry", &f), True);
    assert_eq!(truth("industry != \"saas\"", &f), False);
    assert_eq!(truth("industry in [\"fintech\", \"SAAS\"]", &f), True);
    assert_eq!(truth("industry not in [\"fintech\"]", &f), True);
    assert_eq!(truth("title contains \"of sales\"", &f), True);
    assert_eq!(truth("title starts_with \"vp\"", &f), True);
    assert_eq!(truth("title ends_with \"SALES\"", &f), True);
    assert_eq!(truth("title == industry", &f), False);
    assert_eq!(
        truth("industry == \"公司\"", &[("industry", text("公司 "))]),
        True
    );
}

#[test]
fn matches_is_case_sensitive_unless_told() {
    let f = [("title", text("Head of Growth"))];
    assert_eq!(truth("title matches \"^head\"", &f), False);
    assert_eq!(truth("title matches \"(?i)^head\"", &f), True);
    assert_eq!(truth("title matches \"\\bof\\b\"", &f), True);
    assert_eq!(truth("lower(title) matches \"^head\"", &f), True);
    assert_eq!(truth("x matches \"1\"", &[("x", num(1.0))]), Unknown);
}

#[test]
fn lists_test_membership() {
    let tags = Value::List(vec![text("VIP "), text("partner")]);
    let f = [("tags", tags)];
    assert_eq!(truth("tags contains \"vip\"", &f), True);
    assert_eq!(truth("\"Partner\" in tags", &f), True);
    assert_eq!(truth("\"x\" not in tags", &f), True);
    assert_eq!(truth("tags contains \"x\"", &f), False);
    assert_eq!(truth("len(tags) == 2", &f), True);
    assert_eq!(truth("n in [1, 2]", &[("n", num(2.0))]), True);
    assert_eq!(truth("n in [1, 2]", &[("n", text("2"))]), Unknown);
    assert_eq!(truth("\"a\" in q", &[("q", text("abc"))]), Unknown);
}

#[test]
fn functions_compute_on_present_values() {
    let f = [
        ("seen", Value::Date(date("2026-01-01"))),
        ("renewal", Value::Date(date("2026-04-10"))),
        ("email", text("Ann@Example.COM")),
        ("name", text("台北")),
    ];
    assert_eq!(value("days_since(seen)", &f), Some(89.0));
    assert_eq!(value("days_until(renewal)", &f), Some(10.0));
    assert_eq!(value("len(name)", &f), Some(2.0));
    assert_eq!(truth("domain(email) == \"example.com\"", &f), True);
    assert_eq!(truth("domain(email) matches \"^example\\.com$\"", &f), True);
    assert_eq!(value("days_since(missing_date)", &f), None);
    assert_eq!(value("days_since(email)", &f), None);
    assert_eq!(truth("days_since(today) == 0", &f), True);
}

#[test]
fn arithmetic_with_missing_or_zero_division_is_unknown() {
    let f = [("x", num(6.0)), ("y", num(4.0)), ("z", num(0.0))];
    assert_eq!(value("x + y", &f), Some(10.0));
    assert_eq!(value("x - y", &f), Some(2.0));
    assert_eq!(value("x * y", &f), Some(24.0));
    assert_eq!(value("x / y", &f), Some(1.5));
    assert_eq!(value("-x + 1", &f), Some(-5.0));
    assert_eq!(value("x / z", &f), None);
    for op in ["+", "-", "*", "/"] {
        assert_eq!(value(&format!("x {op} w"), &f), None, "x {op} missing");
    }
    assert_eq!(value("-w", &f), None);
    assert_eq!(value("x + t", &[("x", num(1.0)), ("t", text("3"))]), None);
    assert_eq!(value("x * 10", &[("x", num(1e308))]), None);
    assert_eq!(value("x", &[("x", num(f64::NAN))]), None);
}

#[test]
fn presence_tests_are_never_unknown() {
    assert_eq!(truth("x is missing", &[]), True);
    assert_eq!(truth("x is present", &[]), False);
    assert_eq!(truth("x is present", &[("x", text(""))]), True);
    assert_eq!(truth("(x > 1) is missing", &[]), True);
    assert_eq!(truth("not (x is missing)", &[("x", num(1.0))]), True);
}

#[test]
fn untyped_values_stand_as_bools_by_look() {
    for (v, want) in [
        (text("Yes"), True),
        (text(" n "), False),
        (num(1.0), True),
        (num(0.0), False),
        (num(2.0), Unknown),
        (text("maybe"), Unknown),
        (Value::Missing, Unknown),
    ] {
        assert_eq!(truth("replied", &[("replied", v.clone())]), want, "{v:?}");
    }
    assert_eq!(truth("replied == true", &[("replied", text("y"))]), True);
}

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
