//! `leadplay backtest` in whole workspaces: the starter's `outcome:` block, `diff` with
//! outcomes, and JSON Lines exports.

mod backtest_support;
mod common;

use backtest_support::{close, json};
use common::Ws;
use serde_json::Value;

fn git(dir: &std::path::Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

#[test]
fn diff_shows_the_figures_before_and_after() {
    // The starter's leadplay.yaml has an `outcome:` block: no flags needed.
    let ws = Ws::starter();
    for args in [
        &["init", "-q"][..],
        &["config", "user.name", "leadplay tests"],
        &["config", "user.email", "tests@leadplay.invalid"],
        &["config", "commit.gpgsign", "false"],
        &["add", "-A"],
        &["commit", "-q", "-m", "starter"],
    ] {
        git(&ws.root, args);
    }
    let common = [
        "--leads",
        "examples/leads-outcomes.csv",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
    ];
    let before = json(&ws, &[&["backtest"][..], &common].concat());
    let tiers = ws.read("playbooks/03-tiers.play");
    ws.write(
        "playbooks/03-tiers.play",
        &tiers.replace(
            "hot  when engagement >= 60 and fit >= 20",
            "hot  when engagement >= 40",
        ),
    );
    let after = json(&ws, &[&["backtest"][..], &common].concat());
    let hot = |b: &Value| b["tiers"][0]["win_rate"].as_f64().unwrap() * 100.0;
    assert_ne!(
        hot(&before),
        hot(&after),
        "the edit should move the hot win rate"
    );
    let out = ws.run(&[
        "diff",
        "HEAD",
        "--leads",
        "examples/leads-outcomes.csv",
        "--as-of",
        "2026-11-27",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = format!(
        "hot win rate        {:.1}% → {:.1}%",
        hot(&before),
        hot(&after)
    );
    assert!(out.stdout.contains(&expected), "{expected}\n{}", out.stdout);
    let md = ws.run(&[
        "diff",
        "HEAD",
        "--leads",
        "examples/leads-outcomes.csv",
        "--format",
        "md",
    ]);
    assert!(md.stdout.contains("| hot win rate |"), "{}", md.stdout);
    let j = json(
        &ws,
        &[
            "diff",
            "HEAD",
            "--leads",
            "examples/leads-outcomes.csv",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
        ],
    );
    assert_eq!(j["outcomes"]["before"], before);
    assert_eq!(j["outcomes"]["after"], after);
}

#[test]
fn backtest_alone_works_in_the_starter_workspace() {
    let ws = Ws::starter();
    let out = ws.run(&["backtest", "--as-of", "2026-11-27"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("decided    202 of 300 leads (98 open or missing)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("  hot      29   12    17     41.4%  2.09×          30.0%"),
        "{}",
        out.stdout
    );
    // A configured outcome that does not fit the leads leaves diff's other figures alone.
    ws.write(
        "leadplay.yaml",
        &ws.read("leadplay.yaml")
            .replace("  leads: examples/leads-outcomes.csv", ""),
    );
    let out = ws.run(&["backtest"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("the leads have no field `deal_status`"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_nested_outcome_of_json_lines_is_read() {
    // A CRM API export: one JSON object per line, the deal nested, a boolean flag.
    let ws = Ws::empty();
    ws.write(
        "playbooks/rules.play",
        "tiers {\n  hot when vip\n  cold otherwise\n}\n",
    );
    ws.write(
        "deals.jsonl",
        r#"{"id": "a", "vip": true, "deal": {"status": "Won"}}
{"id": "b", "vip": true, "deal": {"status": "lost"}}
{"id": "c", "vip": false, "deal": {"status": "lost"}}
{"id": "d", "vip": false, "deal": {"status": null}}
{"id": "e", "vip": false, "deal": {}}
"#,
    );
    let b = json(
        &ws,
        &[
            "backtest",
            "--leads",
            "deals.jsonl",
            "--outcome",
            "deal.status",
            "--won",
            "won",
            "--format",
            "json",
        ],
    );
    assert_eq!(
        (b["decided"].as_u64(), b["won"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(b["tiers"][0]["leads"], 2);
    close(&b["tiers"][0]["win_rate"], 0.5);
    close(&b["tiers"][0]["lift"], 1.5);
    assert_eq!(b["tiers"][1]["won"], 0);
}
