use super::*;

fn check(outbox: &str, state: &str, playbooks: &str) -> Option<String> {
    let root = Path::new("/ws");
    check_overlaps(
        &SourceMap::new(),
        None,
        &root.join(outbox),
        &root.join(state),
        &root.join(playbooks),
    )
    .map(|d| d.message)
}

#[test]
fn the_defaults_and_separate_paths_pass() {
    assert_eq!(check("drafts", ".leadplay/state.jsonl", "playbooks"), None);
    assert_eq!(check("out/drafts", "out/state.jsonl", "rules"), None);
    assert_eq!(check("drafts2", "drafts.jsonl", "playbooks"), None);
}

#[test]
fn overlapping_paths_are_refused_naming_both() {
    let m = check(
        ".leadplay/state.jsonl",
        ".leadplay/state.jsonl",
        "playbooks",
    );
    assert!(
        m.as_deref()
            .is_some_and(|m| m.contains("`outbox` and `state`")),
        "{m:?}"
    );
    let m = check("drafts", "drafts", "playbooks").expect("state = outbox");
    assert!(m.contains("the state file"), "{m}");
    assert!(check("drafts", "drafts/x/state.jsonl", "playbooks").is_some());
    assert!(check("drafts", "./x/../drafts/state.jsonl", "playbooks").is_some());
    assert!(check("drafts", ".leadplay/state.jsonl", "drafts/rules").is_some());
    assert!(check("playbooks/out", ".leadplay/state.jsonl", "playbooks").is_some());
    assert!(check("drafts", "playbooks/state.jsonl", "playbooks").is_some());
    let m = check("state.jsonl.lock", "state.jsonl", "playbooks").expect("lock");
    assert!(m.contains("the state lock"), "{m}");
}
