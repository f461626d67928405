use super::*;

fn classifier(won: &[&str], lost: &[&str]) -> Classifier {
    Classifier {
        slot: 0,
        won: won.iter().map(|s| s.to_string()).collect(),
        lost: lost.iter().map(|s| s.to_string()).collect(),
    }
}

fn class(c: &Classifier, v: Value) -> OutcomeClass {
    c.classify(&[v])
}

#[test]
fn values_compare_like_the_language_does() {
    let c = classifier(&["closed_won"], &["closed_lost"]);
    assert_eq!(
        class(&c, Value::Text(" Closed_Won ".into())),
        OutcomeClass::Won
    );
    assert_eq!(
        class(&c, Value::Text("CLOSED_LOST".into())),
        OutcomeClass::Lost
    );
    assert_eq!(
        class(&c, Value::Text("open".into())),
        OutcomeClass::Other("open".into())
    );
    assert_eq!(class(&c, Value::Missing), OutcomeClass::Missing);
    assert_eq!(class(&c, Value::Text("  ".into())), OutcomeClass::Missing);
}

#[test]
fn without_a_lost_list_every_other_value_is_lost() {
    let c = classifier(&["yes", "true"], &[]);
    assert_eq!(class(&c, Value::Bool(true)), OutcomeClass::Won);
    assert_eq!(class(&c, Value::Bool(false)), OutcomeClass::Lost);
    assert_eq!(class(&c, Value::Missing), OutcomeClass::Missing);
    let c = classifier(&["1"], &[]);
    assert_eq!(class(&c, Value::Number(1.0)), OutcomeClass::Won);
}
