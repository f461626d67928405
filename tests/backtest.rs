//! `leadplay backtest` end to end: figures checked against a hand-computed fixture and
//! against an independent Python computation on the 300 example leads.

mod common;

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

fn hubspot() -> Ws {
    let ws = Ws::empty();
    ws.write("playbooks/rules.play", HUBSPOT_PROGRAM);
    ws.write("export.csv", HUBSPOT_LEADS);
    ws
}

fn json(ws: &Ws, args: &[&str]) -> Value {
    let out = ws.run(args);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn close(actual: &Value, expected: f64) {
    let a = actual
        .as_f64()
        .unwrap_or_else(|| panic!("not a number: {actual}"));
    assert!((a - expected).abs() < 0.0001, "{a} != {expected}");
}

#[test]
fn figures_match_the_hand_computed_fixture() {
    let ws = hubspot();
    let b = json(
        &ws,
        &[
            "backtest",
            "--leads",
            "export.csv",
            "--outcome",
            "Deal Stage",
            "--won",
            "closedwon",
            "--lost",
            "closedlost",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
        ],
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
