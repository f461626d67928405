use super::*;

fn t(s: &str) -> Val<'_> {
    Val::Text(Cow::Borrowed(s))
}

#[test]
fn equality_with_missing_or_mismatched_kinds_is_unknown() {
    assert_eq!(equal(&Val::Missing, &Val::Num(1.0)), Truth::Unknown);
    assert_eq!(equal(&t("x"), &Val::Missing), Truth::Unknown);
    assert_eq!(equal(&t("1000"), &Val::Num(1000.0)), Truth::Unknown);
    assert_eq!(equal(&Val::Num(2.0), &Val::Num(2.0)), Truth::True);
    assert_eq!(equal(&Val::Bool(true), &t("Yes")), Truth::True);
    assert_eq!(equal(&Val::Bool(false), &Val::Num(1.0)), Truth::False);
    assert_eq!(equal(&Val::Bool(false), &t("maybe")), Truth::Unknown);
}

#[test]
fn bool_look_of_text_and_numbers() {
    assert_eq!(as_truth(&t(" YES ")), Truth::True);
    assert_eq!(as_truth(&t("n")), Truth::False);
    assert_eq!(as_truth(&t("0")), Truth::False);
    assert_eq!(as_truth(&t("perhaps")), Truth::Unknown);
    assert_eq!(as_truth(&Val::Num(1.0)), Truth::True);
    assert_eq!(as_truth(&Val::Num(2.0)), Truth::Unknown);
    assert_eq!(as_truth(&Val::Missing), Truth::Unknown);
}

#[test]
fn membership_is_sql_like() {
    let list = vec![Value::Text("US".into()), Value::Missing];
    assert_eq!(member(&t("us"), &list), Truth::True);
    assert_eq!(member(&t("tw"), &list), Truth::Unknown);
    let list = vec![Value::Text("US".into())];
    assert_eq!(member(&t("tw"), &list), Truth::False);
    assert_eq!(member(&Val::Missing, &list), Truth::Unknown);
}

#[test]
fn non_finite_numbers_are_missing() {
    assert_eq!(Val::of(&Value::Number(f64::NAN)), Val::Missing);
    assert_eq!(Val::num(f64::INFINITY), Val::Missing);
    assert_eq!(order(&Val::Num(1.0), &Val::Num(2.0)), Some(Ordering::Less));
    assert_eq!(order(&t("a"), &t("b")), None);
}
