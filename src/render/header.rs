//! RFC 5322 header building blocks: one-line sanitizing, RFC 2047 encoded-words,
//! folding, display names and address checks.
//!
//! The rule that keeps header injection impossible: every value passes through
//! [`one_line`] before it is encoded, so no CR, LF or other control character from lead
//! data ever reaches the output; the only line breaks in a header are the folds this
//! module writes itself (CRLF followed by a space, which continues the same header).

/// Soft limit for a header line, per RFC 5322 section 2.1.1.
const FOLD_AT: usize = 78;
/// Raw UTF-8 bytes per encoded-word: 36 bytes → 48 base64 chars → a 60-char word, so
/// even `X-Leadplay-Lead: ` plus one word fits in 78 characters.
const ENCODED_CHUNK: usize = 36;
/// An ASCII word longer than this could not be folded under the 998-octet hard limit.
const LONGEST_PLAIN_WORD: usize = 900;

/// Header names leadplay writes itself or that would change who receives a draft.
const RESERVED: [&str; 11] = [
    "from",
    "to",
    "cc",
    "bcc",
    "date",
    "subject",
    "message-id",
    "mime-version",
    "sender",
    "return-path",
    "received",
];

/// Why a front matter header name cannot be used, or `None` when it can.
pub(crate) fn header_name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("a header name cannot be empty".into());
    }
    // RFC 5322 ftext: printable ASCII except `:`.
    if let Some(bad) = name.chars().find(|c| !matches!(c, '!'..='9' | ';'..='~')) {
        return Some(format!(
            "`{}` is not allowed in a header name (letters, digits and `-` are)",
            bad.escape_default()
        ));
    }
    let lower = name.to_ascii_lowercase();
    if RESERVED.contains(&lower.as_str())
        || lower.starts_with("content-")
        || lower.starts_with("x-leadplay-")
    {
        return Some("this header is written by leadplay and cannot be set here".into());
    }
    None
}

/// Collapses a value to one clean line: every control character (CR, LF, tab, NUL,
/// DEL, C1), Unicode line/paragraph separator and bidi/zero-width format character
/// becomes a space, runs of spaces shrink to one, the ends are trimmed.
pub fn one_line(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        let blank = c.is_control()
            || c.is_whitespace()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}');
        if !blank {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

/// A complete unstructured header (`Subject`, `X-…`): `Name: value`, folded, with
/// encoded-words when the value is not plain ASCII. No trailing CRLF.
pub(crate) fn unstructured(name: &str, value: &str) -> String {
    let value = one_line(value);
    fold(name, &unstructured_tokens(&value))
}

fn unstructured_tokens(value: &str) -> Vec<String> {
    if needs_encoding(value) {
        encoded_words(value)
    } else {
        value
            .split(' ')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    }
}

/// Non-ASCII text, text that already looks like an encoded-word, or a word too long to
/// fold all go out as encoded-words.
fn needs_encoding(value: &str) -> bool {
    !value.is_ascii()
        || value.contains("=?")
        || value.split(' ').any(|w| w.len() > LONGEST_PLAIN_WORD)
}

/// A mailbox header (`From`, `To`): `Name: display name <address>`, or the bare address
/// when the name is blank. The address must already be checked by [`check_address`].
pub(crate) fn mailbox(name: &str, display: &str, address: &str) -> String {
    let display = one_line(display);
    let mut tokens = display_name_tokens(&display);
    if tokens.is_empty() {
        tokens.push(address.to_string());
    } else {
        tokens.push(format!("<{address}>"));
    }
    fold(name, &tokens)
}

fn display_name_tokens(display: &str) -> Vec<String> {
    if display.is_empty() {
        return Vec::new();
    }
    if needs_encoding(display) || display.len() > FOLD_AT {
        return encoded_words(display);
    }
    if display.split(' ').all(|w| w.chars().all(is_atext)) {
        return display.split(' ').map(str::to_string).collect();
    }
    vec![quoted_string(display)]
}

/// RFC 5322 `atext`: the characters a display name may hold without quotes.
fn is_atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c)
}

fn quoted_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// RFC 2047 `B` encoded-words, split at character boundaries so each stays ≤ 75 chars.
fn encoded_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > ENCODED_CHUNK {
            words.push(encoded_word(&chunk));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(encoded_word(&chunk));
    }
    words
}

fn encoded_word(chunk: &str) -> String {
    format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes()))
}

/// `Name: tok tok …`, breaking lines (CRLF + space) before a token that would pass
/// [`FOLD_AT`] characters.
fn fold(name: &str, tokens: &[String]) -> String {
    let mut out = format!("{name}:");
    let mut line_len = out.len();
    for token in tokens {
        if line_len + 1 + token.len() > FOLD_AT && line_len > name.len() + 1 {
            out.push_str("\r\n");
            line_len = 0;
        }
        out.push(' ');
        out.push_str(token);
        line_len += 1 + token.len();
    }
    out
}

/// Why an address cannot be used, or the cleaned address (surrounding space trimmed).
///
/// Accepts the common `dot-atom@domain` form in ASCII; anything with spaces, control
/// characters, `<>`, quotes, comments or several `@` is refused rather than guessed at,
/// since a "fixed" address could reach a different person.
pub fn check_address(raw: &str) -> Result<String, String> {
    let address = raw.trim();
    if address.is_empty() {
        return Err("the address is empty".into());
    }
    if address.len() > 254 {
        return Err("the address is longer than 254 characters".into());
    }
    let Some((local, domain)) = address.split_once('@') else {
        return Err("the address has no `@`".into());
    };
    if local.is_empty() || local.len() > 64 || !is_dot_atom(local, is_atext) {
        return Err("the part before `@` is not a plain mailbox name".into());
    }
    let label_char = |c: char| c.is_ascii_alphanumeric() || c == '-';
    let labels_ok = is_dot_atom(domain, label_char)
        && domain
            .split('.')
            .all(|l| !l.starts_with('-') && !l.ends_with('-'));
    if !labels_ok {
        return Err("the part after `@` is not a domain name".into());
    }
    Ok(address.to_string())
}

/// Non-empty parts separated by single dots, each made of `allowed` characters.
fn is_dot_atom(text: &str, allowed: impl Fn(char) -> bool) -> bool {
    text.split('.')
        .all(|part| !part.is_empty() && part.chars().all(&allowed))
}

/// Standard base64 with padding (RFC 4648); small enough not to need a crate.
pub(crate) fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let index = ((n >> (18 - 6 * i)) & 0x3f) as usize;
                out.push(char::from(ALPHABET.get(index).copied().unwrap_or(b'A')));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
