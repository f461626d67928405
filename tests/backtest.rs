//! `leadplay backtest` end to end: figures checked against a hand-computed fixture and
//! against an independent Python computation on the 300 example leads.

mod backtest_support;
mod common;

use backtest_support::{close, json};
use common::Ws;
use serde_json::Value;

/// A HubSpot-shaped export: spaced column names, an outcome column with open deals,
/// inconsistent case and a blank cell.
const HUBSPOT_PROGRAM: &str = r#"
fields {
  `Record ID`           text   key
  `Number of Employees` number
  `Lead Status`         text
}
segment big = `Number of Employees` >= 100
score fit {
  +10 when big
  +5  when `Lead Status` == "Connected"
}
tiers {
  hot  when fit >= 15
  warm when fit >= 10
  cold otherwise
}
"#;

const HUBSPOT_LEADS: &str = "\
Record ID,Number of Employees,Lead Status,Deal Stage
1,500,Connected,closedwon
2,200,Attempted to contact,closedwon
3,150,Connected,closedlost
4,50,Connected,closedwon
5,20,New,closedlost
6,30,Attempted to contact,closedlost
7,800,Connected,appointmentscheduled
8,,Connected,
9,120,New,CLOSEDLOST 
";

/// `backtest` of the HubSpot fixture's export on its `Deal Stage` outcome.
const DEAL_STAGE: &[&str] = &[
    "backtest",
    "--leads",
    "export.csv",
    "--outcome",
    "Deal Stage",
    "--won",
    "closedwon",
    "--lost",
    "closedlost",
];

fn hubspot() -> Ws {
    let ws = Ws::empty();
    ws.write("playbooks/rules.play", HUBSPOT_PROGRAM);
    ws.write("export.csv", HUBSPOT_LEADS);
    ws
}

#[test]
fn figures_match_the_hand_computed_fixture() {
    let ws = hubspot();
    let b = json(
        &ws,
        &[DEAL_STAGE, &["--as-of", "2026-11-27", "--format", "json"]].concat(),
    );
    // Decided: 1–6 and 9 (7 is open, 8 has no stage); won 1, 2, 4.
    assert_eq!(
        (b["decided"].as_u64(), b["won"].as_u64(), b["lost"].as_u64()),
        (Some(7), Some(3), Some(4))
    );
    close(&b["base_rate"], 3.0 / 7.0);
    let tiers = b["tiers"].as_array().unwrap();
    let row = |i: usize| &tiers[i];
    assert_eq!(row(0)["tier"], "hot");
    assert_eq!(
        (row(0)["leads"].as_u64(), row(0)["won"].as_u64()),
        (Some(2), Some(1))
    );
    close(&row(0)["win_rate"], 0.5);
    close(&row(0)["lift"], 7.0 / 6.0);
    close(&row(0)["share_of_wins"], 1.0 / 3.0);
    assert_eq!(
        (row(2)["tier"].as_str(), row(2)["leads"].as_u64()),
        (Some("cold"), Some(3))
    );
    close(&row(2)["lift"], 7.0 / 9.0);
    // fit: wins 15, 10, 5; losses 15, 10, 0, 0 → (3.5 + 2.5 + 2) / 12 pairs.
    let fit = &b["scores"][0];
    close(&fit["auc"], 8.0 / 12.0);
    let deciles: Vec<(f64, u64)> = fit["deciles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["from"].as_f64().unwrap(), d["leads"].as_u64().unwrap()))
        .collect();
    assert_eq!(deciles, [(0.0, 2), (5.0, 1), (10.0, 2), (15.0, 2)]);
    let rules = b["rules"].as_array().unwrap();
    assert_eq!(rules[0]["rule"], "segment big");
    assert_eq!(rules[0]["fired"], 4);
    close(&rules[0]["win_rate_fired"], 0.5);
    close(&rules[0]["win_rate_not_fired"], 1.0 / 3.0);
    assert_eq!(
        rules[2]["rule"],
        "fit: +5 when `Lead Status` == \"Connected\""
    );
    assert_eq!(rules[2]["fired"], 3);
    close(&rules[2]["win_rate_fired"], 2.0 / 3.0);
    close(&rules[2]["win_rate_not_fired"], 0.25);
}

#[test]
fn the_json_object_has_exactly_the_keys_of_the_spec() {
    let ws = hubspot();
    let args = [
        "backtest",
        "--leads",
        "export.csv",
        "--outcome",
        "Deal Stage",
        "--won",
        "closedwon",
        "--format",
        "json",
    ];
    let b = json(&ws, &args);
    let keys = |v: &Value| -> Vec<String> {
        let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(
        keys(&b),
        [
            "base_rate",
            "decided",
            "lost",
            "rules",
            "scores",
            "tiers",
            "won"
        ]
    );
    assert_eq!(
        keys(&b["tiers"][0]),
        [
            "leads",
            "lift",
            "lost",
            "share_of_wins",
            "tier",
            "win_rate",
            "won"
        ]
    );
    assert_eq!(keys(&b["scores"][0]), ["auc", "deciles", "score"]);
    assert_eq!(
        keys(&b["scores"][0]["deciles"][0]),
        ["from", "leads", "to", "win_rate"]
    );
    assert_eq!(
        keys(&b["rules"][0]),
        ["fired", "rule", "win_rate_fired", "win_rate_not_fired"]
    );
    // In the order §8 gives them.
    let text = ws.run(&args).stdout;
    let at = |key: &str| text.find(&format!("\"{key}\"")).unwrap();
    assert!(at("decided") < at("won") && at("won") < at("lost") && at("lost") < at("base_rate"));
    assert!(
        at("base_rate") < at("tiers") && at("tiers") < at("scores") && at("scores") < at("rules")
    );
    // Without --lost every other present value is lost: the open deal (7) counts too.
    assert_eq!(b["decided"], 8);
}

#[test]
fn the_outcome_block_sets_the_defaults() {
    let ws = hubspot();
    ws.write(
        "leadplay.yaml",
        "leads: export.csv\noutcome:\n  field: Deal Stage\n  won: [closedwon]\n  lost: [closedlost]\n",
    );
    let out = ws.run(&["backtest", "--as-of", "2026-11-27"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("decided    7 of 9 leads (2 open or missing)"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("base win rate 42.9%"), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("  hot       2    1     1     50.0%  1.17×"),
        "{}",
        out.stdout
    );
    let md = ws.run(&["backtest", "--format", "md"]);
    assert!(
        md.stdout
            .contains("| hot | 2 | 1 | 1 | 50.0% | 1.17× | 33.3% |"),
        "{}",
        md.stdout
    );
}

#[test]
fn mistakes_get_clear_errors() {
    let ws = hubspot();
    let out = ws.run(&[
        "backtest",
        "--leads",
        "export.csv",
        "--outcome",
        "Deal Stag",
        "--won",
        "closedwon",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("the leads have no field `Deal Stag`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("did you mean `Deal Stage`?"),
        "{}",
        out.stderr
    );
    let out = ws.run(&[
        "backtest",
        "--leads",
        "export.csv",
        "--outcome",
        "Deal Stage",
    ]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no won value"), "{}", out.stderr);
    let out = ws.run(&[
        "backtest",
        "--leads",
        "export.csv",
        "--outcome",
        "Deal Stage",
        "--won",
        "won",
        "--lost",
        "Won",
    ]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("`won` is both a won and a lost value"),
        "{}",
        out.stderr
    );
    let out = ws.run(&[
        "backtest",
        "--leads",
        "export.csv",
        "--outcome",
        "Deal Stage",
        "--won",
        "won",
        "--lost",
        "lost",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("no lead has a won or lost `Deal Stage`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("`closedwon` 3"), "{}", out.stderr);
    let out = ws.run(&["backtest", "--leads", "export.csv"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("no outcome field given"),
        "{}",
        out.stderr
    );
}

#[test]
fn figures_match_an_independent_python_computation() {
    if std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("python3 not found: the independent computation is skipped");
        return;
    }
    let ws = Ws::starter();
    let leads = "examples/leads-outcomes.csv";
    let common = ["--leads", leads, "--as-of", "2026-11-27"];
    let eval = ws.run(
        &[
            &["eval", "--dry-run", "--format", "jsonl", "-q"][..],
            &common,
        ]
        .concat(),
    );
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    ws.write("eval.jsonl", &eval.stdout);
    let ours = json(
        &ws,
        &[
            &[
                "backtest",
                "--outcome",
                "deal_status",
                "--won",
                "closed_won",
                "--lost",
                "closed_lost",
                "--format",
                "json",
            ][..],
            &common,
        ]
        .concat(),
    );
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/reference/backtest_reference.py");
    let reference = std::process::Command::new("python3")
        .arg(script)
        .args([
            leads,
            "eval.jsonl",
            "deal_status",
            "closed_won",
            "closed_lost",
            "hot,warm,cold",
        ])
        .current_dir(&ws.root)
        .output()
        .unwrap();
    assert!(
        reference.status.success(),
        "{}",
        String::from_utf8_lossy(&reference.stderr)
    );
    let theirs: Value = serde_json::from_slice(&reference.stdout).unwrap();
    assert!(ours["decided"].as_u64().unwrap() > 150, "{ours}");
    same(&ours, &theirs, "");
}

/// Every value of `expected` is in `actual` (numbers to four decimals).
fn same(actual: &Value, expected: &Value, at: &str) {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, value) in e {
                same(&a[key], value, &format!("{at}.{key}"));
            }
        }
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{at}: {actual} vs {expected}");
            for (i, (x, y)) in a.iter().zip(e).enumerate() {
                same(x, y, &format!("{at}[{i}]"));
            }
        }
        (Value::Number(a), Value::Number(e)) => {
            let (a, e) = (a.as_f64().unwrap(), e.as_f64().unwrap());
            assert!((a - e).abs() <= 0.00005 + 1e-9, "{at}: {a} vs {e}");
        }
        _ => assert_eq!(actual, expected, "{at}"),
    }
}

/// An outcome field declared in `fields` that no rule reads is still read: fields no
/// rule reads are checked, not stored, in a run, but the backtest needs its values.
#[test]
fn an_outcome_declared_in_fields_but_read_by_no_rule_is_still_read() {
    let ws = hubspot();
    let program = HUBSPOT_PROGRAM.replace(
        "  `Lead Status`         text\n",
        "  `Lead Status`         text\n  `Deal Stage`          text\n",
    );
    assert!(program.contains("Deal Stage"));
    ws.write("playbooks/rules.play", &program);
    let b = json(&ws, &[DEAL_STAGE, &["--format", "json"]].concat());
    assert_eq!(b["decided"], 7, "{b}");
    assert_eq!(b["won"], 3, "{b}");
}
