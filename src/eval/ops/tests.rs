use super::*;

fn t(s: &str) -> Val<'_> {
    Val::Text(Cow::Borrowed(s))
}

#[test]
fn text_equality_ignores_case_and_surrounding_space() {
    assert!(text_eq("  SaaS ", "saas"));
    assert!(text_eq("Ärzte", "ÄRZTE"));
    assert!(text_eq("台灣", " 台灣"));
    assert!(!text_eq("saas", "saa"));
    assert!(!text_eq("Straße", "strasse"));
}

#[test]
fn substring_prefix_and_suffix_fold_case() {
    assert!(text_contains("Head of Growth", "OF GR"));
    assert!(text_contains("Größe", "RÖß"));
    assert!(!text_contains("abc", "abd"));
    assert!(text_contains("abc", ""));
    assert!(text_starts_with("  VP Sales", "vp"));
    assert!(!text_starts_with("V", "vp"));
    assert!(text_starts_with("Überall", "üb"));
    assert!(text_ends_with("ceo@ACME.com ", ".com"));
    assert!(!text_ends_with("om", ".com"));
    assert!(text_ends_with("台北市", "北市"));
    assert!(!text_ends_with("北市", "台北市"));
}

#[test]
fn folding_literals_matches_runtime_folding() {
    assert_eq!(fold("  US "), "us");
    assert!(text_eq("ΟΔΟΣ", &fold("οδος")));
}

#[test]
fn a_probe_against_folded_literals_agrees_with_text_eq() {
    let texts = [
        "SaaS", "  saas ", "saa", "K", "\u{212a}", "İ", "i\u{307}", "Straße", "台灣 ", "",
    ];
    let literals = [
        "saas",
        "k",
        "\u{212a}",
        "İstanbul",
        "i̇",
        "straße",
        "台灣",
        "",
        "ss",
    ];
    for text in texts {
        let probe = FoldedProbe::new(text);
        for literal in literals {
            let folded = fold(literal);
            assert_eq!(
                probe.equals(&folded),
                text_eq(text, &folded),
                "{text:?} vs {literal:?}"
            );
        }
    }
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

#[test]
fn lowercase_borrows_when_nothing_changes() {
    assert!(matches!(lowercase(Cow::Borrowed("abc")), Cow::Borrowed(_)));
    assert_eq!(lowercase(Cow::Borrowed("ÄBC")), "äbc");
}
