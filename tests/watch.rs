//! `leadplay watch` as a child process on a temporary workspace: every edit is made
//! after the watch printed its marker line, and every expectation waits for the next
//! screen with a bound (no fixed sleeps), so a loaded machine is slower, not flaky.
#![cfg(unix)]

mod common;
use common::watcher::{TIERS, WARM_RULE, Watcher, edit, field, workspace};

use std::path::Path;

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn editing_a_rule_changes_the_summary_and_names_the_deciding_rule() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(first.contains("run 1"), "{first}");
    assert_eq!(field(&first, "delta"), "first evaluation");
    assert!(field(&first, "leads").starts_with("40 read from examples/leads.csv"));

    edit(
        &ws,
        TIERS,
        WARM_RULE,
        "warm when engagement >= 0 or replied",
    );
    let second = watch.next_screen();
    assert!(second.contains("run 2"), "{second}");
    assert_ne!(field(&first, "tiers"), field(&second, "tiers"));
    assert!(
        field(&second, "delta").starts_with("cold → warm: "),
        "{second}"
    );
    assert!(
        second.contains("cold → warm  by `warm when engagement >= 0 or replied`"),
        "{second}"
    );

    assert!(watch.interrupt().success(), "Ctrl-C exits with code 0");
    assert_eq!(
        entries(&ws.root.join("drafts")),
        ["preview"],
        "no temp folders left"
    );
    assert!(
        !ws.root.join(".leadplay").exists(),
        "watch never writes the state"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_result_until_fixed() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    let preview = ws.tree("drafts/preview");
    assert!(!preview.is_empty(), "the first run previews drafts");

    edit(&ws, TIERS, WARM_RULE, "warm when engagement >= ");
    let broken = watch.next_screen();
    assert!(broken.contains("FAILED"), "{broken}");
    assert!(
        field(&broken, "error").contains("1 error in the playbooks"),
        "{broken}"
    );
    assert!(
        field(&broken, "showing").contains(field(&first, "tiers")),
        "the last good result is shown: {broken}"
    );
    watch.wait_stderr("playbooks/03-tiers.play:");
    assert_eq!(ws.tree("drafts/preview"), preview, "the preview is kept");

    edit(&ws, TIERS, "warm when engagement >= ", WARM_RULE);
    let fixed = watch.next_screen();
    assert!(!fixed.contains("FAILED"), "{fixed}");
    assert_eq!(field(&fixed, "tiers"), field(&first, "tiers"));
    assert_eq!(field(&fixed, "delta"), "no tier changes");
}

#[test]
fn an_atomic_rename_save_and_a_double_write_each_reload_once() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    watch.next_screen();

    // How many editors save: write a temp file beside the original, rename it over.
    let text = ws
        .read(TIERS)
        .replacen(WARM_RULE, "warm when engagement >= 0 or replied", 1);
    ws.write("playbooks/.03-tiers.play.tmp", &text);
    std::fs::rename(
        ws.root.join("playbooks/.03-tiers.play.tmp"),
        ws.root.join(TIERS),
    )
    .unwrap();
    let renamed = watch.next_screen();
    assert!(renamed.contains("run 2"), "{renamed}");
    assert!(
        field(&renamed, "delta").starts_with("cold → warm"),
        "{renamed}"
    );

    // An editor that truncates, then writes.
    ws.write(TIERS, "");
    ws.write(
        TIERS,
        &text.replacen("engagement >= 0", "engagement >= 25", 1),
    );
    let twice = watch.next_screen();
    assert!(
        twice.contains("run 3"),
        "one reload for the rename: {twice}"
    );
    assert!(field(&twice, "delta").starts_with("warm → cold"), "{twice}");

    // One more edit proves the double write made a single reload.
    edit(&ws, TIERS, "engagement >= 25", "engagement >= 0");
    let after = watch.next_screen();
    assert!(
        after.contains("run 4"),
        "one reload for the double write: {after}"
    );
}

#[test]
fn leads_that_change_vanish_and_return_are_followed() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    let full =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/leads.csv"))
            .unwrap();
    let more: Vec<&str> = full.lines().take(61).collect();

    ws.write("examples/leads.csv", &(more.join("\n") + "\n"));
    let grown = watch.next_screen();
    assert!(field(&grown, "leads").starts_with("60 read"), "{grown}");
    assert!(
        field(&grown, "delta").ends_with("(20 new, 0 gone)"),
        "{grown}"
    );

    std::fs::remove_file(ws.root.join("examples/leads.csv")).unwrap();
    let gone = watch.next_screen();
    assert!(gone.contains("FAILED"), "{gone}");
    assert!(field(&gone, "error").starts_with("cannot read"), "{gone}");
    assert!(field(&gone, "showing").contains("run 2"), "{gone}");

    let small: Vec<&str> = full.lines().take(41).collect();
    ws.write("examples/leads.csv", &(small.join("\n") + "\n"));
    let back = watch.next_screen();
    assert!(!back.contains("FAILED"), "{back}");
    assert_eq!(field(&back, "tiers"), field(&first, "tiers"));
    assert!(
        field(&back, "delta").ends_with("(0 new, 20 gone)"),
        "{back}"
    );
}

#[test]
fn a_new_play_file_joins_the_program() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(!first.contains("  suppressed 40"), "{first}");

    ws.write("playbooks/05-pause.play", "suppress when id is present\n");
    let paused = watch.next_screen();
    assert_eq!(field(&paused, "suppressed"), "40", "{paused}");
    assert!(field(&paused, "drafts").starts_with("none due"), "{paused}");
    assert!(
        ws.tree("drafts/preview")
            .iter()
            .all(|(p, _)| is_review_page(p)),
        "stale previews are removed"
    );
}

#[test]
fn a_config_error_is_reported_and_run_tests_shows_a_closing_line() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &["--run-tests"]);
    let first = watch.next_screen();
    assert!(
        field(&first, "tests").ends_with(" passed, 0 failed"),
        "the starter tests pass: {first}"
    );

    let config = ws.read("leadplay.yaml");
    ws.write("leadplay.yaml", &format!("{config}\nno_such_key: 1\n"));
    let broken = watch.next_screen();
    assert!(
        field(&broken, "error").contains("`leadplay.yaml` has an error"),
        "{broken}"
    );
    assert!(
        !broken.contains("  tests "),
        "no tests on a failed reload: {broken}"
    );
    watch.wait_stderr("unknown field");

    ws.write("leadplay.yaml", &config);
    let fixed = watch.next_screen();
    assert!(!fixed.contains("FAILED"), "{fixed}");
}

#[test]
fn the_state_file_is_read_but_never_written() {
    let ws = workspace();
    let out = ws.run(&["eval", "--as-of", "2026-11-26", "-q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let state = ws.read(".leadplay/state.jsonl");
    let outbox = ws.tree("drafts/2026-11-26");
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(!first.contains("FAILED"), "{first}");
    edit(
        &ws,
        TIERS,
        WARM_RULE,
        "warm when engagement >= 0 or replied",
    );
    let second = watch.next_screen();
    assert!(
        field(&second, "delta").starts_with("cold → warm"),
        "{second}"
    );
    assert!(watch.interrupt().success());
    assert_eq!(ws.read(".leadplay/state.jsonl"), state);
    assert_eq!(
        ws.tree("drafts/2026-11-26"),
        outbox,
        "real drafts untouched"
    );
    assert!(
        ws.tree("drafts/preview")
            .iter()
            .all(|(p, _)| p.starts_with("drafts/preview/2026-11-27/") || is_review_page(p)),
        "only the preview date is previewed"
    );
    assert_eq!(
        entries(&ws.root.join(".leadplay")),
        ["runs.jsonl", "state.jsonl"],
        "the eval's history and state, and no lock file left"
    );
}

/// The preview's review page and the file its open page polls (not drafts).
fn is_review_page(path: &str) -> bool {
    path == "drafts/preview/index.html" || path == "drafts/preview/version.js"
}
