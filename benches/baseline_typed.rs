//! The baseline of `scripts/bench_typed.sh`: 20 rules over 20 typed fields written the
//! way exports write them (`$1,234,567`, `45%`, `2026-11-20 14:05`, `Yes`), computed
//! with plain `if`s and hand parsing. It does what `leadplay eval --dry-run --format csv`
//! does with `benches/typed/main.play`, minus the language.
//!
//! Usage: `baseline_typed LEADS.CSV AS_OF > out.csv`

use chrono::{NaiveDate, NaiveDateTime};
use std::io::Write;

/// `$1,234,567` → 1234567.
fn money(text: &str) -> Option<f64> {
    let digits: String = text
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',')
        .collect();
    digits.parse().ok()
}

fn percent(text: &str) -> Option<f64> {
    text.trim().trim_end_matches('%').trim().parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: baseline_typed LEADS.CSV AS_OF")?;
    let today = NaiveDate::parse_from_str(&args.next().ok_or("missing AS_OF")?, "%Y-%m-%d")?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or(format!("no column {name}"))
    };
    let numbers: Vec<usize> = (1..=6)
        .map(|i| col(&format!("Number {i}")))
        .collect::<Result<_, _>>()?;
    let moneys: Vec<usize> = (1..=3)
        .map(|i| col(&format!("Amount {i}")))
        .collect::<Result<_, _>>()?;
    let percents: Vec<usize> = (1..=3)
        .map(|i| col(&format!("Rate {i}")))
        .collect::<Result<_, _>>()?;
    let times: Vec<usize> = (1..=3)
        .map(|i| col(&format!("Seen {i}")))
        .collect::<Result<_, _>>()?;
    let flags: Vec<usize> = (1..=3)
        .map(|i| col(&format!("Flag {i}")))
        .collect::<Result<_, _>>()?;
    let (id, industry, city) = (col("Record ID")?, col("Industry")?, col("City")?);
    let mut rows: Vec<(String, &'static str, f64)> = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let mut s = 0.0;
        for &i in &numbers {
            if get(i).parse::<f64>().is_ok_and(|n| n > 500.0) {
                s += 1.0;
            }
        }
        for &i in &moneys {
            if money(get(i)).is_some_and(|n| n > 500_000.0) {
                s += 1.0;
            }
        }
        for &i in &percents {
            if percent(get(i)).is_some_and(|n| n >= 50.0) {
                s += 1.0;
            }
        }
        for &i in &times {
            if let Ok(t) = NaiveDateTime::parse_from_str(get(i), "%Y-%m-%d %H:%M") {
                if (today - t.date()).num_days() < 30 {
                    s += 1.0;
                }
            }
        }
        for &i in &flags {
            if matches!(
                get(i).to_ascii_lowercase().as_str(),
                "yes" | "true" | "y" | "1"
            ) {
                s += 1.0;
            }
        }
        if get(industry).eq_ignore_ascii_case("saas") {
            s += 1.0;
        }
        if get(city).to_ascii_lowercase().starts_with('a') {
            s += 1.0;
        }
        let tier = if s >= 15.0 {
            "hot"
        } else if s >= 8.0 {
            "warm"
        } else {
            "cold"
        };
        rows.push((get(id).to_string(), tier, s));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(out, "id,tier,previous_tier,s,suppressed,drafts")?;
    for (id, tier, s) in rows {
        writeln!(out, "{id},{tier},,{s},false,")?;
    }
    Ok(())
}
