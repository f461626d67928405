//! `eval --dry-run` lets go of every lead without a due draft as soon as it is counted
//! (its record spooled to a temporary file), and keeps only the leads that compete for
//! capacity. Its output must be byte for byte what a run that keeps every lead prints:
//! the real run (which keeps them all for its state and review page) is the reference,
//! on the starter workspace and its sample export, in id order and shuffled.

mod common;
use common::Ws;

const DAY_1: &str = "2026-11-27";
const DAY_2: &str = "2026-12-02";

/// The sample export's rows, in id order.
fn sample_rows() -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/leads.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    (header, rows)
}

fn csv_text(header: &csv::StringRecord, rows: &[csv::StringRecord]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(header).unwrap();
    for row in rows {
        writer.write_record(row).unwrap();
    }
    String::from_utf8(writer.into_inner().unwrap()).unwrap()
}

/// The rows in a fixed scrambled order (every third row first, then the rest reversed).
fn shuffled(rows: &[csv::StringRecord]) -> Vec<csv::StringRecord> {
    let mut out: Vec<_> = rows.iter().step_by(3).cloned().collect();
    let rest = rows.iter().enumerate().filter(|(i, _)| i % 3 != 0);
    out.extend(rest.rev().map(|(_, r)| r.clone()));
    out
}

fn starter_with(leads: &str) -> Ws {
    let ws = Ws::starter();
    ws.write("leads.csv", leads);
    ws
}

fn eval(ws: &Ws, as_of: &str, dry_run: bool, format: &str) -> String {
    let mut args = vec!["eval", "--leads", "leads.csv", "--as-of", as_of, "-q"];
    args.extend(["--format", format]);
    if dry_run {
        args.push("--dry-run");
    }
    let out = ws.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

#[test]
fn a_dry_run_prints_what_a_run_keeping_every_lead_prints_in_id_order_or_not() {
    let (header, rows) = sample_rows();
    for leads in [
        csv_text(&header, &rows),
        csv_text(&header, &shuffled(&rows)),
    ] {
        for format in ["jsonl", "json", "csv"] {
            let real = eval(&starter_with(&leads), DAY_1, false, format);
            let dry = eval(&starter_with(&leads), DAY_1, true, format);
            assert_eq!(dry, real, "--format {format}");
            assert!(real.contains("L-000300"), "every lead is printed");
        }
    }
}

#[test]
fn the_second_day_with_state_moves_and_missing_leads_streams_the_same() {
    let (header, rows) = sample_rows();
    // Day 2's export lacks some leads (not in the export) and changes others' activity.
    let mut day2: Vec<csv::StringRecord> = rows.iter().skip(7).cloned().collect();
    let replied = header.iter().position(|h| h == "replied").unwrap();
    for row in day2.iter_mut().step_by(4) {
        let mut fields: Vec<String> = row.iter().map(str::to_string).collect();
        fields[replied] = "true".into();
        *row = csv::StringRecord::from(fields);
    }
    let sorted = csv_text(&header, &day2);
    let scrambled = csv_text(&header, &shuffled(&day2));
    let real = starter_with(&csv_text(&header, &rows));
    eval(&real, DAY_1, false, "table");
    let dry = starter_with(&csv_text(&header, &rows));
    eval(&dry, DAY_1, false, "table");

    let mut dry_outputs = Vec::new();
    for leads in [&sorted, &scrambled] {
        dry.write("leads.csv", leads);
        let table = dry.run(&[
            "eval",
            "--leads",
            "leads.csv",
            "--as-of",
            DAY_2,
            "--dry-run",
        ]);
        assert_eq!(table.code, 0, "{}", table.stderr);
        assert!(
            table
                .stdout
                .contains("7 leads in the state are not in this export"),
            "{}",
            table.stdout
        );
        dry_outputs.push((table.stdout, eval(&dry, DAY_2, true, "jsonl")));
    }
    assert_eq!(
        dry_outputs[0], dry_outputs[1],
        "the order of the export does not matter"
    );

    real.write("leads.csv", &scrambled);
    let reference = eval(&real, DAY_2, false, "jsonl");
    assert_eq!(dry_outputs[0].1, reference);
    assert!(
        reference.contains("\"previous_tier\":\"cold\""),
        "{reference}"
    );
}

/// The summary table of a run on `DAY_1` (dry or real).
fn table(ws: &Ws, dry_run: bool) -> String {
    let mut args = vec!["eval", "--leads", "leads.csv", "--as-of", DAY_1];
    if dry_run {
        args.push("--dry-run");
    }
    let out = ws.run(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout
}

/// The summary lines a dry run and a real run share (the real run also names files).
fn summary_counts(stdout: &str) -> Vec<String> {
    let shared = [
        "leads",
        "tiers",
        "moves",
        "drafts",
        "reps",
        "suppressed",
        "deferred",
        "handoffs",
        "variants",
    ];
    stdout
        .lines()
        .filter(|line| {
            let word = line.split_whitespace().next().unwrap_or("");
            shared.contains(&word)
        })
        .map(str::to_string)
        .collect()
}

/// Leads whose drafts all go to a team without a daily limit are final when evaluated
/// too: they are let go with their drafts, so their reps (named on the spot), A/B
/// variants and draft counts must come out as a run that keeps every lead has them.
/// Here marketing has members, reps by rule and by round robin (those wait for their
/// turn at the end), and its postcard step is an A/B test; sales keeps its daily limit.
#[test]
fn leads_with_drafts_only_for_unlimited_teams_stream_with_reps_and_variants() {
    let (header, rows) = sample_rows();
    let leads = csv_text(&header, &shuffled(&rows));
    let setup = |ws: &Ws| {
        let config = ws.read("leadplay.yaml").replace(
            "  marketing:\n    name: Avery Chen\n",
            "  marketing:\n    name: Avery Chen\n    members:\n      \
             - { id: ava, name: Ava Stone, email: ava@northwind.example }\n      \
             - { id: ben, name: Ben Ito, email: ben@northwind.example }\n      \
             - { id: cy, name: Cy Park, email: cy@northwind.example }\n",
        );
        assert!(
            config.contains("id: ava"),
            "the starter's marketing entry moved"
        );
        ws.write("leadplay.yaml", &config);
        ws.write(
            "playbooks/06-assign-marketing.play",
            "assign marketing {\n  ava when country == \"US\"\n  round robin [ben, cy] otherwise\n}\n",
        );
        let plays = ws.read("playbooks/04-playbooks.play").replace(
            "day 0  mail  \"cold/postcard\"",
            "day 0  mail  [\"cold/postcard\" 70%, \"cold/newsletter\" 30%]",
        );
        assert!(plays.contains("70%"), "the starter's cold playbook moved");
        ws.write("playbooks/04-playbooks.play", &plays);
    };
    let real = starter_with(&leads);
    setup(&real);
    let dry = starter_with(&leads);
    setup(&dry);

    let counts = summary_counts(&table(&dry, true));
    assert_eq!(counts, summary_counts(&table(&real, false)));
    let reps = counts
        .iter()
        .find(|l| l.starts_with("  reps"))
        .expect("reps line");
    assert!(reps.contains("marketing: ava"), "{reps}");
    assert!(reps.contains("ben") && reps.contains("cy"), "{reps}");
    assert!(counts.iter().any(|l| l.contains("variants")), "{counts:?}");

    // The records, against a second real workspace run the same day.
    for format in ["jsonl", "csv"] {
        let reference = starter_with(&leads);
        setup(&reference);
        let expected = eval(&reference, DAY_1, false, format);
        assert_eq!(
            eval(&dry, DAY_1, true, format),
            expected,
            "--format {format}"
        );
    }
    let jsonl = eval(&dry, DAY_1, true, "jsonl");
    assert!(jsonl.contains("\"rep\":\"ava\""), "a rep named on the spot");
    assert!(
        jsonl.contains("\"variant\":\"cold/newsletter\""),
        "a variant"
    );
}

/// A dry run lets a lead go as soon as a capped team certainly has no room left for it.
/// Its room is the cap minus what the state already drafted today, and a team whose
/// members have caps of their own is left to the capacity pass: both must come out as
/// a run that keeps every lead has them.
#[test]
fn certainly_deferred_leads_stream_with_the_state_and_member_caps() {
    let (header, rows) = sample_rows();
    let leads = csv_text(&header, &shuffled(&rows));
    for member_cap in [false, true] {
        let setup = |ws: &Ws| {
            if member_cap {
                let config = ws
                    .read("leadplay.yaml")
                    .replace("# capacity: 15", "capacity: 3");
                assert!(
                    config.contains("capacity: 3"),
                    "the starter's member cap moved"
                );
                ws.write("leadplay.yaml", &config);
            }
        };
        // A second run on the same day: part of the cap is used already.
        let dry = starter_with(&leads);
        setup(&dry);
        let real = starter_with(&leads);
        setup(&real);
        let half = csv_text(&header, &rows[..60]);
        for ws in [&dry, &real] {
            ws.write("leads.csv", &half);
            eval(ws, DAY_1, false, "table");
            ws.write("leads.csv", &leads);
        }
        let dry_table = table(&dry, true);
        assert_eq!(
            summary_counts(&dry_table),
            summary_counts(&table(&real, false)),
            "member cap: {member_cap}"
        );
        assert!(dry_table.contains("deferred"), "{dry_table}");
        for format in ["jsonl", "csv"] {
            let reference = starter_with(&leads);
            setup(&reference);
            reference.write("leads.csv", &half);
            eval(&reference, DAY_1, false, "table");
            reference.write("leads.csv", &leads);
            let expected = eval(&reference, DAY_1, false, format);
            let got = eval(&dry, DAY_1, true, format);
            assert_eq!(got, expected, "--format {format}, member cap: {member_cap}");
        }
    }
}
