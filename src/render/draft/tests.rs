//! Tests of [`compose_draft`] against the repository's starter templates.

use super::*;
use crate::program::Channel;
use crate::render::context::tests::sample_context;
use crate::render::eml::tests::parse_eml;
use crate::source::SourceMap;
use serde_json::{Map, Value as Json};

/// Every starter template and the channel its playbook step uses.
const STARTERS: [(&str, Channel); 12] = [
    ("cold/postcard", Channel::Mail),
    ("cold/promotion", Channel::Email),
    ("cold/newsletter", Channel::Email),
    ("warm/follow_up", Channel::Email),
    ("warm/meeting_invite", Channel::Meeting),
    ("warm/launch_invite", Channel::Event),
    ("warm/trial_offer", Channel::Email),
    ("warm/trial_survey", Channel::Survey),
    ("warm/handoff_note", Channel::Handoff),
    ("hot/briefing", Channel::Call),
    ("hot/proposal", Channel::Email),
    ("hot/close_plan", Channel::Task),
];

fn starter_set() -> TemplateSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/templates");
    let mut sources = SourceMap::new();
    match TemplateSet::load(&dir, "playbooks/templates", &mut sources) {
        Ok(set) => set,
        Err(errors) => panic!(
            "{}",
            crate::diagnostics::render_to_string(&sources, &errors)
        ),
    }
}

/// A lead as a thin CRM export has it: an id and an email, nothing else.
fn bare_lead(ctx: &mut DraftContext) {
    let mut lead = Map::new();
    lead.insert("id".into(), Json::String("L-2".into()));
    lead.insert("email".into(), Json::String("ops@example.com".into()));
    ctx.lead = lead;
    ctx.scores.clear();
    ctx.previous_tier = None;
}

fn assert_reads_well(template: &str, text: &str) {
    for leftover in ["undefined", "{{", "{%", "\n\n\n"] {
        assert!(
            !text.contains(leftover),
            "{template}: `{leftover:?}` in\n{text}"
        );
    }
}

#[test]
fn every_starter_template_exists_and_emails_have_zh_tw() {
    let set = starter_set();
    // `partials/*` are included by the others, never named by a step.
    let names: Vec<&str> = set
        .names()
        .filter(|n| !n.starts_with("partials/"))
        .collect();
    let expected: Vec<&str> = {
        let mut v: Vec<&str> = STARTERS.iter().map(|(n, _)| *n).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(names, expected);
    for (name, channel) in STARTERS {
        if channel.is_email() {
            assert_eq!(set.languages(name), vec!["zh-tw".to_string()], "{name}");
        }
    }
}

#[test]
fn every_starter_template_renders_in_both_languages_full_and_bare() {
    let set = starter_set();
    let outbox = Path::new("drafts");
    for (name, channel) in STARTERS {
        for language in [None, Some("zh-TW")] {
            for bare in [false, true] {
                let mut ctx = sample_context(channel, name);
                if bare {
                    bare_lead(&mut ctx);
                }
                if let Some(language) = language {
                    ctx.lead
                        .insert("language".into(), Json::String(language.into()));
                }
                let draft = match compose_draft(&set, outbox, "L-1001", &ctx) {
                    Ok(d) => d,
                    Err(e) => panic!("{name} {language:?} bare={bare}: {e}"),
                };
                assert_reads_well(name, &draft.contents.replace("\r\n", "\n"));
                if channel.is_email() {
                    check_email(name, language, &draft);
                } else {
                    assert!(draft.contents.starts_with("# "), "{name}");
                    assert!(draft.path.to_string_lossy().ends_with(".md"));
                }
            }
        }
    }
}

fn check_email(name: &str, language: Option<&str>, draft: &Draft) {
    let msg = parse_eml(draft.contents.as_bytes());
    let subject = msg.subject().unwrap_or("");
    assert!(subject.len() > 10, "{name}: subject {subject:?}");
    let body = msg.body_text(0).unwrap_or_default();
    let unsubscribe = if language.is_some() {
        "取消訂閱"
    } else {
        "unsubscribe"
    };
    assert!(
        body.contains(unsubscribe),
        "{name} {language:?}: no unsubscribe line"
    );
    assert!(body.contains("STOP"), "{name}");
    let expected_file = match language {
        Some(l) => format!("playbooks/templates/{name}.{l}.j2"),
        None => format!("playbooks/templates/{name}.j2"),
    };
    assert_eq!(draft.template_file, expected_file);
    assert!(draft.path.to_string_lossy().ends_with(".eml"));
}

#[test]
fn compose_writes_an_eml_at_the_outbox_path() {
    let set = starter_set();
    let dir = tempfile::tempdir().unwrap();
    let ctx = sample_context(Channel::Meeting, "warm/meeting_invite");
    let draft = compose_draft(&set, dir.path(), "L-1001", &ctx).unwrap();
    assert_eq!(
        draft.path,
        dir.path()
            .join("2026-11-27/sales/L-1001--warm-meeting_invite.eml")
    );
    draft.write().unwrap();
    let bytes = std::fs::read(&draft.path).unwrap();
    let msg = parse_eml(&bytes[..]);
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.address(), Some("sam@northwind.example"));
    assert_eq!(from.name(), Some("Sam Rivera"));
    let to = msg.to().and_then(|a| a.first()).unwrap();
    assert_eq!(
        (to.name(), to.address()),
        (Some("Mei Lin"), Some("mei.lin@acme.example"))
    );
    let step = msg.header("X-Leadplay-Step").and_then(|h| h.as_text());
    assert_eq!(step, Some("day 2 meeting warm/meeting_invite"));
    assert!(
        msg.body_text(0)
            .unwrap_or_default()
            .contains("Wednesday, December 2, 10:00")
    );
}

#[test]
fn without_an_owner_address_mail_comes_from_the_sender() {
    let set = starter_set();
    let mut ctx = sample_context(Channel::Email, "warm/follow_up");
    ctx.owner.email = None;
    let draft = compose_draft(&set, Path::new("d"), "L-1", &ctx).unwrap();
    let msg = parse_eml(draft.contents.as_bytes());
    let from = msg.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.address(), Some("hello@northwind.example"));
}

#[test]
fn hostile_lead_data_cannot_add_headers_or_escape_the_outbox() {
    let set = starter_set();
    let mut ctx = sample_context(Channel::Email, "warm/follow_up");
    for (field, value) in [
        ("first_name", "Mei\r\nBcc: a@evil.example"),
        ("last_name", "Lin\nCc: b@evil.example"),
        ("company", "Acme\r\nX-Injected: yes\r\n\r\nfake body"),
    ] {
        ctx.lead.insert(field.into(), Json::String(value.into()));
    }
    let id = format!("../../{}\u{0}CON", "🚀".repeat(80));
    let dir = tempfile::tempdir().unwrap();
    let draft = compose_draft(&set, dir.path(), &id, &ctx).unwrap();
    assert!(draft.path.starts_with(dir.path()));
    draft.write().unwrap();
    let msg = parse_eml(draft.contents.as_bytes());
    for header in ["Bcc", "Cc", "X-Injected"] {
        assert!(msg.header(header).is_none(), "{header} was injected");
    }
    assert_eq!(msg.to().map(|a| a.iter().count()), Some(1));
    let lead = msg.header("X-Leadplay-Lead").and_then(|h| h.as_text());
    assert_eq!(
        lead,
        Some("../../".to_string() + &"🚀".repeat(80) + " CON").as_deref()
    );
}

#[test]
fn a_malformed_lead_email_is_a_draft_error_not_a_sanitized_address() {
    let set = starter_set();
    let mut ctx = sample_context(Channel::Email, "warm/follow_up");
    ctx.lead.insert(
        "email".into(),
        Json::String("mei@acme.example\r\nBcc: x@evil.example".into()),
    );
    let err = compose_draft(&set, Path::new("d"), "L-1", &ctx).unwrap_err();
    assert!(matches!(err, DraftError::Eml { .. }), "{err}");
    ctx.lead.remove("email");
    assert!(compose_draft(&set, Path::new("d"), "L-1", &ctx).is_err());
}

#[test]
fn a_render_error_is_reported_not_written() {
    let set = starter_set();
    let ctx = sample_context(Channel::Email, "warm/no_such_template");
    let err = compose_draft(&set, Path::new("d"), "L-1", &ctx).unwrap_err();
    assert_eq!(
        err.to_string(),
        "template `warm/no_such_template` (playbooks/templates/warm/no_such_template.j2): template file not found"
    );
}

#[test]
fn starter_templates_read_only_declared_fields_and_known_context() {
    let fields_play = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks/01-fields.play"),
    )
    .unwrap_or_default();
    let declared: Vec<&str> = fields_play
        .lines()
        .map(str::trim)
        .filter(|l| !l.starts_with('#') && !l.contains('{') && !l.contains('}'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    assert!(declared.contains(&"first_name"), "{declared:?}");
    let context = [
        "lead",
        "tier",
        "previous_tier",
        "scores",
        "owner",
        "sender",
        "step",
        "as_of",
        "time_zone",
    ];
    let set = starter_set();
    for name in set.names() {
        for variable in set.variables(name) {
            let mut path = variable.split('.');
            let root = path.next().unwrap_or("");
            assert!(context.contains(&root), "{name}: `{variable}`");
            if root == "lead" {
                let field = path.next().unwrap_or("");
                assert!(
                    declared.contains(&field),
                    "{name}: `{variable}` is not in fields"
                );
            }
        }
    }
}
