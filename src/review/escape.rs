//! Escaping for HTML text and attributes, and the script hash of the page's policy.

use crate::render::base64;
use sha2::{Digest, Sha256};

/// Appends `text` with `& < > " '` escaped: safe in element text and in quoted
/// attribute values alike, so no lead value can open a tag or leave an attribute.
pub fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// `text` escaped (see [`push_escaped`]).
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// The CSP source that allows exactly this inline script: `'sha256-…'`.
pub fn script_hash_source(script: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(script.as_bytes())))
}

#[cfg(test)]
mod tests;
