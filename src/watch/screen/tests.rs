use super::super::delta::Move;
use super::*;

fn frame() -> Frame {
    Frame {
        run: 3,
        clock: "14:02:11".into(),
        latency: None,
    }
}

fn summary() -> Summary {
    let mut s = Summary {
        leads_file: "leads.csv".into(),
        leads_read: 5,
        tiers: vec![("hot".into(), 1), ("warm".into(), 2), ("cold".into(), 2)],
        ..Summary::default()
    };
    s.drafts
        .entry("sales".into())
        .or_default()
        .insert("email".into(), 2);
    s
}

#[test]
fn a_good_screen_shows_tiers_delta_with_rules_and_drafts() {
    let mut delta = Delta::default();
    delta.moves.insert(("cold".into(), "warm".into()), 7);
    delta.examples.push(Move {
        id: "L-1".into(),
        from: "cold".into(),
        to: "warm".into(),
        rule: Some("warm when replied".into()),
    });
    let s = summary();
    let text = good(
        &frame(),
        &Good {
            summary: &s,
            delta: Some(&delta),
            preview: "drafts/preview",
            draft_failures: &[],
            warnings: 0,
        },
    );
    assert!(
        text.starts_with("── leadplay watch · run 3 · 14:02:11 ──\n"),
        "{text}"
    );
    assert!(
        text.contains("  tiers      hot 1 · warm 2 · cold 2\n"),
        "{text}"
    );
    assert!(text.contains("  delta      cold → warm: 7\n"), "{text}");
    assert!(
        text.contains("L-1  cold → warm  by `warm when replied`"),
        "{text}"
    );
    assert!(text.contains("… and 6 more"), "{text}");
    assert!(
        text.contains("2 due, previewed in drafts/preview (sales: email 2)"),
        "{text}"
    );
    assert!(!text.contains("latency"), "{text}");
}

#[test]
fn the_first_screen_says_so_and_latency_shows_with_verbose() {
    let s = summary();
    let mut f = frame();
    f.latency = Some(Latency {
        reload: Duration::from_micros(12_340),
        since_change: Some(Duration::from_micros(130_000)),
        phases: vec![("load", Duration::from_micros(2_000))],
    });
    let text = good(
        &f,
        &Good {
            summary: &s,
            delta: None,
            preview: "drafts/preview",
            draft_failures: &[],
            warnings: 1,
        },
    );
    assert!(text.contains("delta      first evaluation"), "{text}");
    assert!(
        text.contains(
            "latency    12.3 ms after the debounce window (130.0 ms since the change); load 2.0 ms"
        ),
        "{text}"
    );
    assert!(text.contains("warnings   1 (see above)"), "{text}");
}

#[test]
fn a_failed_screen_keeps_the_last_good_result() {
    let s = summary();
    let kept = Kept::of(&frame(), &s);
    let mut f = frame();
    f.run = 4;
    let text = failed(
        &f,
        &Failed {
            headline: "1 error in the playbooks (see above)".into(),
            detail: vec![],
            kept: Some(kept),
        },
    );
    assert!(text.contains("run 4 · 14:02:11 · FAILED"), "{text}");
    assert!(
        text.contains("error      1 error in the playbooks"),
        "{text}"
    );
    assert!(
        text.contains("(run 3, 14:02:11): hot 1 · warm 2 · cold 2 · 2 drafts"),
        "{text}"
    );
}

#[test]
fn failed_drafts_are_listed_up_to_a_few() {
    let failures: Vec<DraftFailure> = (0..5)
        .map(|i| DraftFailure {
            lead: format!("L-{i}"),
            template: "warm/follow_up".into(),
            message: "undefined value".into(),
        })
        .collect();
    let s = summary();
    let text = good(
        &frame(),
        &Good {
            summary: &s,
            delta: None,
            preview: "p",
            draft_failures: &failures,
            warnings: 0,
        },
    );
    assert!(
        text.contains("failed     5 drafts failed to render"),
        "{text}"
    );
    assert!(text.contains("lead `L-2`: undefined value"), "{text}");
    assert!(!text.contains("lead `L-3`"), "{text}");
    assert!(text.contains("… and 2 more"), "{text}");
}
