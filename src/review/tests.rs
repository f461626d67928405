//! The page as a string: escaping, the policy, determinism. (Its behaviour in a
//! browser is tested in `tests/review_page.rs`.)

use super::*;
use crate::report::Summary;

const EVIL: &str = "<script>alert(1)</script>\"><img src=x onerror=alert(2)>";

fn review(kind: PageKind) -> Review {
    let mut summary = Summary {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27),
        leads_file: EVIL.into(),
        leads_read: 2,
        tiers: vec![(EVIL.into(), 1), ("cold".into(), 1)],
        ..Summary::default()
    };
    summary.transitions.insert(("cold".into(), EVIL.into()), 1);
    summary.balance_warnings.push(EVIL.into());
    Review {
        as_of: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap_or_default(),
        kind,
        summary,
        tiers: vec![TierCount {
            tier: EVIL.into(),
            leads: 1,
            live: 1,
        }],
        history: Vec::new(),
        history_errors: 0,
        transitions: vec![Transition {
            from: "cold".into(),
            to: EVIL.into(),
            leads: vec![EVIL.into()],
        }],
        balance: vec![BalanceRow {
            subject: EVIL.into(),
            actual: EVIL.into(),
            limit: "no limit".into(),
            over: false,
        }],
        rules: Some(vec![RuleGroup {
            title: EVIL.into(),
            rules: vec![(EVIL.into(), 1)],
            of: 2,
        }]),
        steps: vec![StepCount {
            tier: EVIL.into(),
            step: EVIL.into(),
            drafted: 1,
            ..StepCount::default()
        }],
        drafts: vec![QueueDraft {
            lead: EVIL.into(),
            tier: EVIL.into(),
            channel: "email".into(),
            template: EVIL.into(),
            team: EVIL.into(),
            href: "sales/x.eml".into(),
            path: EVIL.into(),
            written: true,
            view: Some(DraftView {
                headers: vec![("Subject".into(), EVIL.into())],
                body: DraftBody::Text(EVIL.into()),
            }),
            explain: Some(EVIL.into()),
        }],
    }
}

#[test]
fn no_value_becomes_markup() {
    let html = page(&review(PageKind::Run)).html;
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    // The page's script, the queue's data and one block of contents.
    assert_eq!(html.matches("<script").count(), 3);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"));
}

#[test]
fn the_policy_forbids_loads_and_names_the_script() {
    let run = page(&review(PageKind::Run)).html;
    let policy = run
        .split("Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default();
    assert!(
        policy.starts_with("default-src 'none'; script-src 'sha256-"),
        "{policy}"
    );
    assert!(
        !policy.contains("'self'") && !policy.contains("unsafe-eval"),
        "{policy}"
    );
    let script = run
        .rsplit("<script>")
        .next()
        .and_then(|rest| rest.split("</script>").next())
        .unwrap_or_default();
    assert!(
        policy.contains(&escape::script_hash_source(script)),
        "{policy}"
    );
    let watch = page(&review(PageKind::Watch)).html;
    assert!(
        watch.contains("'self'; style-src"),
        "the watch page may load version.js"
    );
}

#[test]
fn the_same_review_gives_the_same_bytes_and_version() {
    let a = page(&review(PageKind::Watch));
    let b = page(&review(PageKind::Watch));
    assert_eq!(a, b);
    assert!(a.html.contains(&format!("data-version=\"{}\"", a.version)));
    let mut other = review(PageKind::Watch);
    other.summary.leads_read = 3;
    assert_ne!(page(&other).version, a.version);
}
