//! Where drafts go on disk, and how they get there safely.
//!
//! Lead ids and owner names come from CRM exports and config, so they may hold anything:
//! `../x`, `a/b`, `CON`, control characters, emoji, 300 characters. [`draft_path`] turns
//! them into file-name components that stay inside the outbox on every platform;
//! [`crate::atomic::write_atomic`] writes a draft so that a crash never leaves a
//! half-written file.

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Longest component we emit before the hash suffix, in bytes (file systems allow 255).
const MAX_COMPONENT_BYTES: usize = 100;

/// Hex digits of the hash suffix appended to a component that had to be changed.
const HASH_HEX_DIGITS: usize = 12;

/// Device names Windows reserves in every directory, whatever the extension.
const WINDOWS_RESERVED: [&str; 4] = ["con", "prn", "aux", "nul"];

/// `OUTBOX/<as-of>/<owner>/<lead-id>--<template-slug>.<ext>`, with every component made
/// safe by [`safe_component`]. The result always lies inside `outbox`.
pub fn draft_path(
    outbox: &Path,
    as_of: NaiveDate,
    owner: &str,
    lead_id: &str,
    template: &str,
    ext: &str,
) -> PathBuf {
    let file_name = format!(
        "{}--{}.{}",
        safe_component(lead_id),
        template_slug(template),
        safe_component(ext)
    );
    outbox
        .join(as_of.format("%Y-%m-%d").to_string())
        .join(safe_component(owner))
        .join(file_name)
}

/// A template name as one file-name component: `warm/follow_up` → `warm-follow_up`.
pub fn template_slug(template: &str) -> String {
    safe_component(&template.replace(['/', '\\'], "-"))
}

/// Makes `raw` usable as one path component on Linux, macOS and Windows.
///
/// Separators, control characters and characters Windows forbids become `_`; leading
/// dots (hidden files, `..`) and trailing dots or spaces are replaced; Windows device
/// names get a `_` prefix; long values are cut at a character boundary. Whenever the
/// value had to change, `-` and a short SHA-256 of the original are appended so two
/// different inputs never map to the same name. An unchanged value that happens to
/// end like such a suffix gets one too, which keeps the mapping one-to-one.
pub fn safe_component(raw: &str) -> String {
    let cleaned = clean_component(raw);
    if cleaned == raw && !looks_hash_suffixed(raw) {
        return cleaned;
    }
    format!("{cleaned}-{}", short_hash(raw))
}

fn clean_component(raw: &str) -> String {
    let mut out: String = raw.chars().map(replace_unsafe_char).collect();
    let leading_dots = out.len() - out.trim_start_matches('.').len();
    if leading_dots > 0 {
        out.replace_range(..leading_dots, &"_".repeat(leading_dots));
    }
    out = truncate_at_char_boundary(&out, MAX_COMPONENT_BYTES).to_string();
    let kept = out.trim_end_matches(['.', ' ']).len();
    if kept < out.len() {
        let trimmed = out.len() - kept;
        out.replace_range(kept.., &"_".repeat(trimmed));
    }
    if out.is_empty() {
        out.push('_');
    }
    if is_windows_reserved(&out) {
        out.insert(0, '_');
    }
    out
}

fn replace_unsafe_char(c: char) -> char {
    let forbidden = matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
    // Unicode format characters (bidi overrides, zero-width joiners) make names that
    // look like something else in a file browser; `is_control` misses them.
    let invisible = matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
    if forbidden || c.is_control() || invisible {
        '_'
    } else {
        c
    }
}

/// `CON`, `nul.txt`, `COM1`, `lpt9.tar.gz`: Windows treats the part before the first dot.
fn is_windows_reserved(component: &str) -> bool {
    let stem = component.split('.').next().unwrap_or(component);
    let stem = stem.trim_end_matches(' ').to_ascii_lowercase();
    if WINDOWS_RESERVED.contains(&stem.as_str()) {
        return true;
    }
    let numbered = ["com", "lpt"]
        .iter()
        .find_map(|prefix| stem.strip_prefix(prefix));
    matches!(
        numbered,
        Some("0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" | "¹" | "²" | "³")
    )
}

fn truncate_at_char_boundary(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// True when `s` ends in `-` plus [`HASH_HEX_DIGITS`] lowercase hex digits.
fn looks_hash_suffixed(s: &str) -> bool {
    let Some(split) = s.len().checked_sub(HASH_HEX_DIGITS + 1) else {
        return false;
    };
    let Some(tail) = s.get(split..) else {
        return false;
    };
    let mut chars = tail.chars();
    chars.next() == Some('-') && chars.all(|c| matches!(c, '0'..='9' | 'a'..='f'))
}

fn short_hash(raw: &str) -> String {
    let digest = Sha256::digest(raw.as_bytes());
    let mut hex = String::with_capacity(HASH_HEX_DIGITS);
    for byte in digest.iter().take(HASH_HEX_DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

#[cfg(test)]
mod tests {
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
}
