//! Property test: random leads — any value in any slot, NaN and infinities, odd
//! Unicode, short rows — never make evaluation or explain panic, and scores stay finite.

use crate::program::Program;
use crate::test_support::program;
use crate::value::Value;
use chrono::NaiveDate;
use proptest::prelude::*;
use std::sync::OnceLock;

/// Every operator and function, on fields typed by look (`BIG` becomes 1e300 written
/// out, since the grammar has no exponents: points that overflow when multiplied).
const ALL_OPS: &str = r#"segment a = x == "Ä" or x != y or x < y or x <= 3 or x > today or x >= 2026-01-01
segment b = x in ["a", 1, true] and y not in z and z contains x and x starts_with "ß" and y ends_with "İ" and x matches "(?i)^a.*"
segment c = not (x is missing) and y is present and (x + y * z / w - -x) > 0
segment d = days_since(x) > 1 or days_until(y) < 2 or lower(x) == "a" or len(z) == 2 or domain(w) == "x.com"
score s {
  +1.5 per x up to 3
  -2 per y
  +BIG per z
  +1 when a or b
  +4 when a decaying from x half-life 7 days
  range -10..10
}
score {
  +1 per s * x
  +BIG per w
}
tiers {
  t1 when c and d
  t2 when x
  t3 otherwise
}
suppress when z
suppress when a and not b
"#;

fn compiled() -> &'static Program {
    static PROGRAM: OnceLock<Program> = OnceLock::new();
    let big = format!("1{}", "0".repeat(300));
    PROGRAM.get_or_init(|| program(&ALL_OPS.replace("BIG", &big)))
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Missing),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(Value::Number),
        prop_oneof![Just(f64::NAN), Just(f64::INFINITY), Just(-0.0), Just(1e308)]
            .prop_map(Value::Number),
        "\\PC{0,12}".prop_map(Value::Text),
        prop_oneof![Just("yes"), Just(" A "), Just("x.COM"), Just("a@x.com")]
            .prop_map(|s| Value::Text(s.to_string())),
        (-3_000_000i32..3_000_000).prop_map(|d| {
            Value::Date(NaiveDate::from_num_days_from_ce_opt(d).unwrap_or_default())
        }),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop::collection::vec(inner, 0..4).prop_map(Value::List)
    })
}

proptest! {
    #[test]
    fn random_leads_never_panic(
        values in prop::collection::vec(value(), 0..7),
        day in -3_000_000i32..3_000_000,
    ) {
        let p = compiled();
        let today = NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default();
        let out = p.evaluate(&values, today);
        prop_assert!(out.tier < p.tiers.len());
        prop_assert!(out.scores.iter().all(|s| s.is_finite()));
        let explanation = p.explain(&values, today);
        prop_assert_eq!(explanation.tier.as_str(), &*p.tiers[out.tier]);
        prop_assert!(!explanation.to_string().is_empty());
    }
}
