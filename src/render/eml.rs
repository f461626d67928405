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
pub(crate) mod tests {
    use super::*;
    use mail_parser::{HeaderName, Message, MessageParser};

    /// Parses a message with every header decoded (RFC 2047 in `X-` headers too);
    /// panics when it is not a message at all.
    pub(crate) fn parse_eml<B: AsRef<[u8]> + ?Sized>(raw: &B) -> Message<'_> {
        let parser = MessageParser::new()
            .with_mime_headers()
            .with_date_headers()
            .with_address_headers()
            .with_message_ids()
            .header_text(HeaderName::Subject)
            .default_header_text();
        match parser.parse(raw.as_ref()) {
            Some(msg) => msg,
            None => panic!("not a message"),
        }
    }

    fn parts() -> EmlParts {
        EmlParts {
            from_name: "Sam Rivera".into(),
            from_email: "sam@northwind.example".into(),
            to_name: "Mei Lin".into(),
            to_email: "mei.lin@acme.example".into(),
            subject: "Acme Logistics × Northwind Analytics: next step".into(),
            date: DateTime::parse_from_rfc3339("2026-11-27T09:00:00+00:00").expect("test date"),
            lead_id: "L-1001".into(),
            tier: "warm".into(),
            step: "day 2 meeting warm/meeting_invite".into(),
            template: "warm/meeting_invite".into(),
            variant: None,
            extra_headers: vec![("Reply-To".into(), "sam@northwind.example".into())],
            body: "Hi Mei,\n\nShall we meet?\n\nSam\n".into(),
        }
    }

    fn header_text(msg: &mail_parser::Message<'_>, name: &str) -> Option<String> {
        msg.header(name)
            .and_then(|h| h.as_text())
            .map(str::to_string)
    }

    #[test]
    fn round_trips_through_a_mail_parser() {
        let eml = build_eml(&parts()).unwrap();
        assert!(
            !eml.replace("\r\n", "").contains(['\r', '\n']),
            "bare CR or LF"
        );
        let msg = parse_eml(eml.as_bytes());
        let from = msg.from().and_then(|a| a.first()).unwrap();
        assert_eq!(from.name(), Some("Sam Rivera"));
        assert_eq!(from.address(), Some("sam@northwind.example"));
        let to = msg.to().and_then(|a| a.first()).unwrap();
        assert_eq!(to.name(), Some("Mei Lin"));
        assert_eq!(to.address(), Some("mei.lin@acme.example"));
        assert_eq!(
            msg.subject(),
            Some("Acme Logistics × Northwind Analytics: next step")
        );
        let date = msg.date().unwrap();
        assert_eq!(
            (date.year, date.month, date.day, date.hour),
            (2026, 11, 27, 9)
        );
        assert!(msg.message_id().unwrap().ends_with("@leadplay.local"));
        assert_eq!(
            header_text(&msg, "X-Leadplay-Lead").as_deref(),
            Some("L-1001")
        );
        assert_eq!(
            header_text(&msg, "X-Leadplay-Tier").as_deref(),
            Some("warm")
        );
        assert_eq!(
            header_text(&msg, "X-Leadplay-Step").as_deref(),
            Some("day 2 meeting warm/meeting_invite")
        );
        assert!(msg.header("Reply-To").is_some());
        assert_eq!(
            msg.body_text(0).as_deref(),
            Some("Hi Mei,\r\n\r\nShall we meet?\r\n\r\nSam\r\n")
        );
        assert!(eml.contains("MIME-Version: 1.0\r\n"));
        assert!(eml.contains("Content-Type: text/plain; charset=utf-8\r\n"));
        assert!(eml.contains("Content-Transfer-Encoding: 8bit\r\n"));
    }

    #[test]
    fn same_inputs_same_bytes_and_message_id_depends_on_the_draft() {
        let a = build_eml(&parts()).unwrap();
        assert_eq!(a, build_eml(&parts()).unwrap());
        let mut other = parts();
        other.template = "warm/follow_up".into();
        let id = |eml: &str| {
            eml.lines()
                .find(|l| l.starts_with("Message-ID:"))
                .map(str::to_string)
        };
        assert_ne!(id(&a), id(&build_eml(&other).unwrap()));
    }

    #[test]
    fn non_ascii_subject_and_name_are_encoded_words() {
        let mut p = parts();
        p.subject = "與 Northwind Analytics 的下一步：產品試用邀請與會議安排，期待您的回覆".into();
        p.to_name = "林美玲".into();
        let eml = build_eml(&p).unwrap();
        let head = eml.split("\r\n\r\n").next().unwrap_or("");
        assert!(head.is_ascii(), "{head}");
        assert!(head.split("\r\n").all(|l| l.len() <= 78), "{head}");
        let msg = parse_eml(eml.as_bytes());
        assert_eq!(msg.subject(), Some(p.subject.as_str()));
        assert_eq!(
            msg.to().and_then(|a| a.first()).and_then(|a| a.name()),
            Some("林美玲")
        );
    }

    #[test]
    fn crlf_in_lead_values_adds_no_header() {
        let mut p = parts();
        p.to_name = "Mei\r\nBcc: x@evil.example".into();
        p.subject = "Hi\r\nBcc: y@evil.example\nX-Evil: 1".into();
        p.lead_id = "L1\r\nBcc: z@evil.example".into();
        p.tier = "warm\nCc: w@evil.example".into();
        p.extra_headers = vec![("X-Campaign".into(), "q4\r\nBcc: v@evil.example".into())];
        let eml = build_eml(&p).unwrap();
        let msg = parse_eml(eml.as_bytes());
        assert!(msg.header("Bcc").is_none());
        assert!(msg.header("Cc").is_none());
        assert!(msg.header("X-Evil").is_none());
        assert_eq!(msg.to().map(|a| a.iter().count()), Some(1));
        let to = msg.to().and_then(|a| a.first()).unwrap();
        assert_eq!(to.address(), Some("mei.lin@acme.example"));
        assert_eq!(to.name(), Some("Mei Bcc: x@evil.example"));
        assert_eq!(msg.subject(), Some("Hi Bcc: y@evil.example X-Evil: 1"));
    }

    #[test]
    fn bad_addresses_are_refused() {
        for bad in [
            "",
            "mei lin@acme.example",
            "mei@acme.example\r\nBcc: x@e.co",
            "<m@x.co>",
        ] {
            let mut p = parts();
            p.to_email = bad.into();
            let err = build_eml(&p).unwrap_err();
            assert!(
                matches!(err, EmlError::InvalidAddress { role: "lead", .. }),
                "{bad:?}: {err}"
            );
            assert!(!err.to_string().contains('\n'));
        }
    }

    #[test]
    fn very_long_values_stay_within_line_limits() {
        let mut p = parts();
        p.lead_id = "x".repeat(300);
        p.to_name = "N".repeat(2000);
        p.subject = format!("{} {}", "y".repeat(1500), "z".repeat(10));
        p.body = format!("{}\n", "b".repeat(3000));
        let eml = build_eml(&p).unwrap();
        assert!(
            eml.split("\r\n").all(|l| l.len() <= MAX_LINE_OCTETS),
            "a line is too long"
        );
        assert!(eml.contains("Content-Transfer-Encoding: quoted-printable\r\n"));
        let msg = parse_eml(eml.as_bytes());
        assert_eq!(msg.subject(), Some(p.subject.as_str()));
        assert_eq!(
            msg.to().and_then(|a| a.first()).and_then(|a| a.name()),
            Some(p.to_name.as_str())
        );
        assert_eq!(
            msg.header("X-Leadplay-Lead").and_then(|h| h.as_text()),
            Some(p.lead_id.as_str())
        );
        assert_eq!(msg.body_text(0).map(|b| b.trim_end().len()), Some(3000));
    }

    #[test]
    fn quoted_printable_escapes_equals_and_trailing_space() {
        assert_eq!(quoted_printable("a=b \r\nc"), "a=3Db=20\r\nc");
    }
}
