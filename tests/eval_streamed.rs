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
