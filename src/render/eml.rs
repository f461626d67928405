//! `.eml` drafts: RFC 5322 messages a mail client opens as a ready-to-send draft.
//!
//! Body encoding: `Content-Transfer-Encoding: 8bit` with CRLF line endings, so drafts
//! stay readable in `git diff` (including Traditional Chinese). A body with a line longer
//! than RFC 5322's 998-octet limit is sent as `quoted-printable` instead, which has no
//! line-length problem; the choice depends only on the body, so output stays
//! deterministic.

use crate::render::header::{check_address, mailbox, one_line, unstructured};
use chrono::{DateTime, FixedOffset};
use sha2::{Digest, Sha256};
use std::fmt::Write as _;

/// The longest line RFC 5322 allows, without its CRLF.
const MAX_LINE_OCTETS: usize = 998;

/// Everything an `.eml` draft is built from. All text may be hostile; [`build_eml`]
/// sanitizes it.
#[derive(Debug, Clone, PartialEq)]
pub struct EmlParts {
    /// Sender display name (the step owner's, else the sender's).
    pub from_name: String,
    /// Sender address.
    pub from_email: String,
    /// The lead's name (may be empty).
    pub to_name: String,
    /// The lead's address.
    pub to_email: String,
    /// The rendered subject.
    pub subject: String,
    /// When the message is dated: the as-of date at the send time in the lead's zone.
    pub date: DateTime<FixedOffset>,
    /// The lead id (`X-Leadplay-Lead`, Message-ID input).
    pub lead_id: String,
    /// The tier name (`X-Leadplay-Tier`).
    pub tier: String,
    /// The step line, e.g. `day 2 meeting warm/meeting_invite` (`X-Leadplay-Step`).
    pub step: String,
    /// The template name (Message-ID input).
    pub template: String,
    /// The lead's A/B variant, if the step has variants (`X-Leadplay-Variant`).
    pub variant: Option<String>,
    /// Extra headers from front matter, already rendered (names checked at load time).
    pub extra_headers: Vec<(String, String)>,
    /// The rendered body (any line endings).
    pub body: String,
}

/// Why an `.eml` draft cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmlError {
    /// The sender or lead address is missing or malformed.
    #[error("the {role} address `{value}` cannot be used: {reason}")]
    InvalidAddress {
        /// `sender` or `lead`.
        role: &'static str,
        /// The address as given (made one line).
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An extra header name is not a usable RFC 5322 field name.
    #[error("header `{name}` cannot be used: {reason}")]
    InvalidHeaderName {
        /// The name as given.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
}

/// Builds the whole message with CRLF line endings.
pub fn build_eml(parts: &EmlParts) -> Result<String, EmlError> {
    let from = checked(&parts.from_email, "sender")?;
    let to = checked(&parts.to_email, "lead")?;
    for (name, _) in &parts.extra_headers {
        if let Some(reason) = crate::render::header::header_name_problem(name) {
            return Err(EmlError::InvalidHeaderName {
                name: one_line(name),
                reason,
            });
        }
    }
    let (encoding, body) = encode_body(&parts.body);
    let mut headers = vec![
        mailbox("From", &parts.from_name, &from),
        mailbox("To", &parts.to_name, &to),
        unstructured("Subject", &parts.subject),
        format!("Date: {}", rfc2822_date(parts.date)),
        format!("Message-ID: {}", message_id(parts)),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=utf-8".to_string(),
        format!("Content-Transfer-Encoding: {encoding}"),
        unstructured("X-Leadplay-Lead", &parts.lead_id),
        unstructured("X-Leadplay-Tier", &parts.tier),
        unstructured("X-Leadplay-Step", &parts.step),
    ];
    if let Some(variant) = &parts.variant {
        headers.push(unstructured("X-Leadplay-Variant", variant));
    }
    headers.extend(
        parts
            .extra_headers
            .iter()
            .map(|(name, value)| unstructured(name, value)),
    );
    let mut out = headers.join("\r\n");
    out.push_str("\r\n\r\n");
    out.push_str(&body);
    Ok(out)
}

fn checked(address: &str, role: &'static str) -> Result<String, EmlError> {
    check_address(address).map_err(|reason| EmlError::InvalidAddress {
        role,
        value: one_line(address),
        reason,
    })
}

/// `Thu, 03 Dec 2026 09:00:00 -0500`: drafts are dated the as-of day at the send time,
/// never the clock, so re-running gives the same bytes.
pub fn rfc2822_date(date: DateTime<FixedOffset>) -> String {
    date.format("%a, %d %b %Y %H:%M:%S %z").to_string()
}

/// `<32 hex digits@leadplay.local>` from lead id, template and date: the same draft
/// gets the same id on every run, different drafts different ids.
fn message_id(parts: &EmlParts) -> String {
    let mut hasher = Sha256::new();
    for piece in [
        parts.lead_id.as_str(),
        parts.template.as_str(),
        &parts.date.format("%Y-%m-%d").to_string(),
    ] {
        // Length-prefixed so ("ab", "c") and ("a", "bc") hash differently.
        hasher.update((piece.len() as u64).to_be_bytes());
        hasher.update(piece.as_bytes());
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(32);
    for byte in digest.iter().take(16) {
        let _ = write!(hex, "{byte:02x}");
    }
    format!("<{hex}@leadplay.local>")
}

/// The body with CRLF line endings and a final line break; NUL and other control
/// characters except tab are dropped (8bit forbids NUL and bare CR/LF).
fn encode_body(body: &str) -> (&'static str, String) {
    let lines: Vec<String> = body
        .split('\n')
        .map(|line| {
            line.chars()
                .filter(|c| *c == '\t' || !c.is_control())
                .collect::<String>()
        })
        .collect();
    let mut text = lines.join("\r\n");
    let trimmed = text.trim_end_matches(['\r', '\n']).len();
    text.truncate(trimmed);
    text.push_str("\r\n");
    if lines.iter().any(|l| l.len() > MAX_LINE_OCTETS) {
        ("quoted-printable", quoted_printable(&text))
    } else {
        ("8bit", text)
    }
}

/// RFC 2045 quoted-printable of CRLF text, soft line breaks keeping lines ≤ 76.
fn quoted_printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in text.split("\r\n").enumerate() {
        if i > 0 {
            out.push_str("\r\n");
        }
        let mut width = 0;
        let bytes = line.as_bytes();
        for (j, &b) in bytes.iter().enumerate() {
            let last = j + 1 == bytes.len();
            let printable = (b'!'..=b'~').contains(&b) && b != b'=';
            let inner_blank = (b == b' ' || b == b'\t') && !last;
            let literal = printable || inner_blank;
            let piece = if literal {
                char::from(b).to_string()
            } else {
                format!("={b:02X}")
            };
            if width + piece.len() > 75 {
                out.push_str("=\r\n");
                width = 0;
            }
            out.push_str(&piece);
            width += piece.len();
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests;
