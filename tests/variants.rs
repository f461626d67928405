//! A/B variants end to end: check rules, the deterministic split, JSON, the
//! `X-Leadplay-Variant` header, the state, the summary, explain and backtest.

mod common;

use common::Ws;
use std::collections::BTreeMap;

const PROGRAM: &str = r#"
segment engaged = replied
tiers {
  warm when engaged
  cold otherwise
}
playbook warm owner sales {
  day 0 email ["warm/follow_up" 70%, "warm/follow_up_short" 30%]
  day 2 task  "warm/call_note"
}
"#;

fn workspace(leads: &str) -> Ws {
    let ws = Ws::empty();
    ws.write("playbooks/rules.play", PROGRAM);
    for name in ["follow_up", "follow_up_short"] {
        ws.write(
            &format!("playbooks/templates/warm/{name}.j2"),
            &format!("---\nsubject: \"{name}\"\n---\nHi {{{{ lead.first_name }}}}, {name}. Reply STOP to unsubscribe.\n"),
        );
    }
    ws.write(
        "playbooks/templates/warm/call_note.j2",
        "Call {{ lead.first_name }}.\n",
    );
    ws.write(
        "leadplay.yaml",
        "leads: leads.csv\nsender: { name: Avery, email: avery@northwind.example, company: Northwind }\n",
    );
    ws.write("leads.csv", leads);
    ws
}

/// Salesforce-style leads: `Id`-like keys, `Yes`/`No` replies, an outcome column.
fn leads(count: usize) -> String {
    let mut text = String::from("id,first_name,email,replied,Stage\n");
    for i in 0..count {
        let stage = ["Closed Won", "Closed Lost", "Open"][i % 3];
        text.push_str(&format!(
            "00Q5g00000{i:06}AbC,Ann {i},ann{i}@acme.example,Yes,{stage}\n"
        ));
    }
    text
}

#[test]
fn check_catches_bad_weights_duplicates_and_missing_templates() {
    let ws = workspace(&leads(3));
    let cases = [
        (
            "70%, \"warm/follow_up_short\" 20%",
            "the weights add up to 90%, not 100%",
        ),
        (
            "70%, \"warm/follow_up\" 30%",
            "template `warm/follow_up` is twice in this step",
        ),
        (
            "70%, \"warm/follow_up_shrt\" 30%",
            "template `warm/follow_up_shrt` not found",
        ),
        (
            "70%, \"warm/follow_up_short\"",
            "variant `warm/follow_up_short` has no weight",
        ),
    ];
    for (replacement, message) in cases {
        let program = PROGRAM.replace("70%, \"warm/follow_up_short\" 30%", replacement);
        ws.write("playbooks/rules.play", &program);
        let out = ws.run(&["check"]);
        assert_eq!(out.code, 1, "{replacement}: {}", out.stderr);
        assert!(
            out.stderr.contains(message),
            "{replacement}: {}",
            out.stderr
        );
        assert!(out.stderr.contains("rules.play:8:"), "{}", out.stderr);
    }
    let typo = PROGRAM.replace(
        "\"warm/follow_up_short\" 30%",
        "\"warm/follow_up_shrt\" 30%",
    );
    ws.write("playbooks/rules.play", &typo);
    let out = ws.run(&["check"]);
    assert!(
        out.stderr.contains("did you mean `warm/follow_up_short`?"),
        "{}",
        out.stderr
    );
    ws.write(
        "playbooks/rules.play",
        &PROGRAM.replace(" 70%, \"warm/follow_up_short\" 30%", ""),
    );
    let out = ws.run(&["check"]);
    assert!(
        out.stderr
            .contains("a variant list needs two templates or more"),
        "{}",
        out.stderr
    );
    ws.write(
        "playbooks/rules.play",
        &PROGRAM.replace(" 70%", "").replace(" 30%", ""),
    );
    let out = ws.run(&["check"]);
    assert_eq!(out.code, 0, "no weights is an even split: {}", out.stderr);
}

#[test]
fn a_variant_shows_in_json_header_state_summary_and_explain() {
    let ws = workspace(&leads(40));
    let out = ws.run(&["eval", "--as-of", "2026-11-27", "--format", "jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut by_variant: BTreeMap<String, usize> = BTreeMap::new();
    for line in out.stdout.lines() {
        let lead: serde_json::Value = serde_json::from_str(line).unwrap();
        let draft = &lead["drafts"][0];
        let variant = draft["variant"].as_str().unwrap().to_string();
        assert_eq!(draft["template"], variant.as_str());
        let eml = ws.read(draft["path"].as_str().unwrap());
        assert!(
            eml.contains(&format!("X-Leadplay-Variant: {variant}\r\n")),
            "{eml}"
        );
        assert!(
            eml.contains(&format!("Subject: {}", variant.trim_start_matches("warm/"))),
            "{eml}"
        );
        *by_variant.entry(variant).or_default() += 1;
    }
    assert_eq!(by_variant.values().sum::<usize>(), 40);
    assert_eq!(by_variant.len(), 2, "{by_variant:?}");
    // The summary (stderr with jsonl) counts drafts per variant.
    let expected = format!(
        "variants   warm/follow_up {} · warm/follow_up_short {}",
        by_variant["warm/follow_up"], by_variant["warm/follow_up_short"]
    );
    assert!(out.stderr.contains(&expected), "{}", out.stderr);
    let state = ws.read(".leadplay/state.jsonl");
    let first = state.lines().next().unwrap();
    let lead: serde_json::Value = serde_json::from_str(first).unwrap();
    let recorded = &lead["steps"]["day0:warm/follow_up"]["variant"];
    assert!(recorded.is_string(), "{first}");
    let id = lead["id"].as_str().unwrap();
    let explain = ws.run(&["explain", id, "--as-of", "2026-11-28"]);
    let line = explain
        .stdout
        .lines()
        .find(|l| l.contains("day 0"))
        .unwrap()
        .to_string();
    assert!(line.contains(recorded.as_str().unwrap()), "{line}");
    assert!(
        line.contains("A/B variant") && line.contains("of 2"),
        "{line}"
    );
    // A step with one template has no variant key in the JSON.
    let later = ws.run(&["eval", "--as-of", "2026-11-29", "--format", "jsonl", "-q"]);
    assert!(later.stdout.contains("warm/call_note"), "{}", later.stdout);
    assert!(!later.stdout.contains("\"variant\""), "{}", later.stdout);
}

#[test]
fn the_split_follows_the_weights_on_100k_leads_and_is_stable() {
    let ws = workspace(&leads(100_000));
    let run = || {
        let out = ws.run(&[
            "eval",
            "--dry-run",
            "--as-of",
            "2026-11-27",
            "--format",
            "csv",
            "-q",
        ]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        out.stdout
    };
    let first = run();
    let short = first
        .lines()
        .filter(|l| l.ends_with(",warm/follow_up_short"))
        .count();
    let long = first
        .lines()
        .filter(|l| l.ends_with(",warm/follow_up"))
        .count();
    assert_eq!(short + long, 100_000);
    let share = long as f64 / 1000.0;
    assert!((share - 70.0).abs() < 2.0, "warm/follow_up got {share}%");
    assert_eq!(
        run(),
        first,
        "the same leads get the same variants on every run"
    );
}

#[test]
fn backtest_reports_the_outcome_per_variant() {
    let ws = workspace(&leads(300));
    let out = ws.run(&[
        "backtest",
        "--outcome",
        "Stage",
        "--won",
        "Closed Won",
        "--lost",
        "Closed Lost",
        "--by-variant",
        "--format",
        "json",
        "--as-of",
        "2026-11-27",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let b: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let variants = b["variants"].as_array().unwrap();
    assert_eq!(variants.len(), 2);
    assert_eq!(variants[0]["variant"], "warm/follow_up");
    assert_eq!(variants[0]["step"], "day 0 email");
    let leads: u64 = variants.iter().map(|v| v["leads"].as_u64().unwrap()).sum();
    assert_eq!(leads, b["decided"].as_u64().unwrap());
    // The variants agree with the ones eval assigns.
    let eval = ws.run(&[
        "eval",
        "--dry-run",
        "--as-of",
        "2026-11-27",
        "--format",
        "csv",
        "-q",
    ]);
    let decided_short = eval
        .stdout
        .lines()
        .skip(1)
        .enumerate()
        .filter(|(i, l)| i % 3 != 2 && l.ends_with(",warm/follow_up_short"))
        .count() as u64;
    assert_eq!(variants[1]["leads"].as_u64(), Some(decided_short));
    let table = ws.run(&[
        "backtest",
        "--outcome",
        "Stage",
        "--won",
        "Closed Won",
        "--by-variant",
    ]);
    assert!(
        table
            .stdout
            .contains("warm  day 0 email  warm/follow_up_short"),
        "{}",
        table.stdout
    );
}
