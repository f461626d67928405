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
mod tests;
