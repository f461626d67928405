//! `leadplay diff` on the real binary, in temporary git repositories.

mod common;

use common::{copy_dir, edit, fixture, leadplay};
use predicates::str::contains;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// A repository whose subfolder `ws` is the lint fixture workspace, committed; then
/// two rule edits in the working tree (three hot leads cool to warm, one warm lead to
/// cold, one cold lead warms up).
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let ws = dir.path().join("ws");
    copy_dir(&fixture("lint"), &ws);
    git(dir.path(), &["init", "-q"]);
    // CI has no global identity; the tests must not depend on one.
    git(dir.path(), &["config", "user.name", "leadplay tests"]);
    git(
        dir.path(),
        &["config", "user.email", "tests@leadplay.invalid"],
    );
    git(dir.path(), &["config", "commit.gpgsign", "false"]);
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "playbooks"]);
    let play = ws.join("playbooks/main.play");
    edit(&play, "+15 when target", "+10 when target");
    edit(
        &play,
        "warm when fit >= 15 or replied",
        "warm when fit >= 15 or replied or stage == \"contacted\"",
    );
    dir
}

#[test]
fn diff_shows_moves_with_the_rules_that_decided() {
    let dir = repo();
    leadplay(&dir.path().join("ws"))
        .args(["diff", "HEAD", "--leads", "leads.csv", "--as-of", "2026-11-27"])
        .assert()
        .code(0)
        .stdout(contains("→ working tree: 8 leads from leads.csv, as of 2026-11-27"))
        .stdout(contains("tier moves: 5"))
        .stdout(contains("warm → cold  1"))
        .stdout(contains("hot → warm   3"))
        .stdout(contains("cold → warm  1"))
        .stdout(contains(
            "L6  cold → warm  was: cold otherwise                  now: warm when fit >= 15 or replied or stage == \"contacted\"",
        ))
        .stdout(contains("was: hot when fit >= 35"))
        .stdout(contains("fit  5 leads changed, mean -5"))
        .stdout(contains("L6  + warm/follow_up  email  sales\n  L6  - cold/letter     mail   marketing"));
}

#[test]
fn diff_md_is_a_pull_request_comment() {
    let dir = repo();
    leadplay(&dir.path().join("ws"))
        .args([
            "diff",
            "HEAD",
            "--leads",
            "leads.csv",
            "--as-of",
            "2026-11-27",
            "--format",
            "md",
        ])
        .assert()
        .code(0)
        .stdout(contains("### leadplay diff: `HEAD` → working tree"))
        .stdout(contains(
            "| from | to | leads |\n|---|---|---|\n| hot | warm | 3 |\n| cold | warm | 1 |\n| warm | cold | 1 |",
        ))
        .stdout(contains("| L6 | cold | warm | `cold otherwise` |"))
        .stdout(contains("| fit | 5 leads changed, mean -5 |"));
}

#[test]
fn diff_json_is_one_stable_object() {
    let dir = repo();
    let out = leadplay(&dir.path().join("ws"))
        .args([
            "diff",
            "HEAD",
            "--leads",
            "leads.csv",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rev"], "HEAD");
    assert_eq!(json["as_of"], "2026-11-27");
    assert_eq!(json["leads"], 8);
    assert_eq!(json["tier_moves"][0]["from"], "hot");
    assert_eq!(json["moved"].as_array().map(Vec::len), Some(5));
    assert_eq!(json["scores"][0]["mean_delta"], -5);
}

#[test]
fn an_unchanged_working_tree_has_no_changes_and_writes_nothing() {
    let dir = repo();
    git(dir.path(), &["stash", "-q"]);
    leadplay(&dir.path().join("ws"))
        .args([
            "diff",
            "HEAD",
            "--leads",
            "leads.csv",
            "--as-of",
            "2026-11-27",
        ])
        .assert()
        .code(0)
        .stdout(contains("no changes"));
    assert!(!dir.path().join("ws/drafts").exists());
    assert!(!dir.path().join("ws/.leadplay").exists());
}

#[test]
fn an_unknown_revision_is_a_usage_error() {
    let dir = repo();
    leadplay(&dir.path().join("ws"))
        .args(["diff", "no-such-branch", "--leads", "leads.csv"])
        .assert()
        .code(2)
        .stderr(contains("error: unknown revision `no-such-branch`"));
}

#[test]
fn a_revision_whose_playbooks_do_not_check_is_named() {
    let dir = repo();
    let play = dir.path().join("ws/playbooks/main.play");
    std::fs::write(&play, "tiers {\n  hot when nope >= 1\n}\n").unwrap();
    git(dir.path(), &["commit", "-q", "-am", "broken"]);
    git(
        dir.path(),
        &["checkout", "-q", "HEAD~1", "--", "ws/playbooks/main.play"],
    );
    leadplay(&dir.path().join("ws"))
        .args(["diff", "HEAD", "--leads", "leads.csv"])
        .assert()
        .code(1)
        .stderr(contains("HEAD:playbooks/main.play"))
        .stderr(contains("the playbooks at `HEAD` do not check"));
}

#[test]
fn outside_a_git_repository_diff_says_so() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture("lint"), dir.path());
    leadplay(dir.path())
        .env("GIT_CEILING_DIRECTORIES", dir.path().parent().unwrap())
        .args(["diff", "HEAD", "--leads", "leads.csv"])
        .assert()
        .code(2)
        .stderr(contains("is not inside a git repository"))
        .stderr(contains("help:"));
}
