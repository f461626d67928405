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
