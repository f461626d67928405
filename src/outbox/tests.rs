use super::*;
use proptest::prelude::*;
use std::path::Component;

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default()
}

#[test]
fn plain_values_pass_through_unchanged() {
    let p = draft_path(
        Path::new("drafts"),
        day(),
        "sales",
        "L-1001",
        "warm/follow_up",
        "eml",
    );
    assert_eq!(
        p,
        Path::new("drafts/2026-11-27/sales/L-1001--warm-follow_up.eml")
    );
}

#[test]
fn hostile_ids_are_cleaned_and_hashed() {
    for raw in [
        "../x",
        "a/b",
        "a\\b",
        "..",
        ".",
        "",
        "x\r\nBcc: y",
        "a\u{0}b",
    ] {
        let safe = safe_component(raw);
        assert!(
            !safe.contains(['/', '\\', '\r', '\n', '\0']),
            "{raw:?} → {safe}"
        );
        assert!(!safe.starts_with('.'), "{raw:?} → {safe}");
        assert!(looks_hash_suffixed(&safe), "{raw:?} → {safe}");
    }
    assert!(safe_component("../x").starts_with("___x-"));
}

#[test]
fn windows_device_names_are_escaped_in_any_case() {
    for raw in ["CON", "con", "Nul", "com1", "LPT9", "aux.txt", "COM²"] {
        let safe = safe_component(raw);
        assert!(safe.starts_with('_'), "{raw:?} → {safe}");
        assert!(!is_windows_reserved(&safe), "{raw:?} → {safe}");
    }
    assert!(!is_windows_reserved(&safe_component("PRN ")));
    assert_eq!(safe_component("CONTOSO"), "CONTOSO");
    assert_eq!(safe_component("com10"), "com10");
}

#[test]
fn trailing_dots_and_spaces_are_replaced() {
    let safe = safe_component("acme. ");
    assert!(safe.starts_with("acme__-"), "{safe}");
}

#[test]
fn long_ids_are_cut_at_a_char_boundary_and_stay_distinct() {
    let a = "é".repeat(150);
    let b = format!("{}x", "é".repeat(150));
    let (sa, sb) = (safe_component(&a), safe_component(&b));
    assert!(
        sa.len() <= MAX_COMPONENT_BYTES + 1 + HASH_HEX_DIGITS,
        "{}",
        sa.len()
    );
    assert_ne!(sa, sb);
}

#[test]
fn emoji_are_kept() {
    assert_eq!(safe_component("lead-🚀"), "lead-🚀");
}

#[test]
fn an_id_shaped_like_an_escaped_one_cannot_collide_with_it() {
    let escaped = safe_component("a/b");
    assert_ne!(safe_component(&escaped), escaped);
}

#[test]
fn template_slug_joins_folders_with_dashes() {
    assert_eq!(template_slug("warm/follow_up"), "warm-follow_up");
    assert_eq!(template_slug("hot/close_plan"), "hot-close_plan");
}

proptest! {
    #[test]
    fn any_id_stays_inside_the_outbox(owner in any::<String>(), id in any::<String>(), template in any::<String>()) {
        let outbox = Path::new("/ws/drafts");
        let p = draft_path(outbox, day(), &owner, &id, &template, "md");
        prop_assert!(p.starts_with(outbox));
        prop_assert!(!p.components().any(|c| matches!(c, Component::ParentDir | Component::CurDir)));
        // outbox (3 components) + date + owner + file
        prop_assert_eq!(p.components().count(), outbox.components().count() + 3);
        let file = p.file_name().and_then(|f| f.to_str()).unwrap_or("");
        prop_assert!(file.len() < 255);
    }

    #[test]
    fn distinct_ids_give_distinct_paths(a in any::<String>(), b in any::<String>()) {
        prop_assume!(a != b);
        let outbox = Path::new("drafts");
        let pa = draft_path(outbox, day(), "sales", &a, "cold/postcard", "md");
        let pb = draft_path(outbox, day(), "sales", &b, "cold/postcard", "md");
        prop_assert_ne!(pa, pb);
    }

    #[test]
    fn near_miss_ids_stay_distinct(base in "[a-z./ ]{0,6}") {
        let variants = [base.clone(), format!("{base}."), format!("{base} "), format!(".{base}"), base.replace('.', "_")];
        let mut seen = std::collections::BTreeMap::new();
        for v in &variants {
            let safe = safe_component(v);
            if let Some(prev) = seen.insert(safe.clone(), v.clone()) {
                prop_assert_eq!(&prev, v, "{:?} and {:?} both map to {}", prev, v, safe);
            }
        }
    }
}
