//! Evaluation tests: every operator under three-valued logic, text folding, lists,
//! functions, scores, tiers and suppression — all from source text.

mod decay;
mod explain;
mod props;
mod rules;

use crate::program::Truth;
use crate::test_support::{date, lead, num, program, text};
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
