//! The performance baseline for `scripts/bench.sh`: the starter program's scores, tiers
//! and suppression computed with plain `if`s over the CSV, the way one would hand-write
//! it without leadplay. It does the same job as `leadplay eval --dry-run --format csv`
//! (read, coerce, score, tier, print one sorted CSV row per lead) minus the language.
//!
//! Usage: `baseline LEADS.CSV AS_OF > out.csv`

use chrono::NaiveDate;
use std::io::Write;

struct Columns {
    id: usize,
    email: usize,
    job_title: usize,
    industry: usize,
    employees: usize,
    country: usize,
    stage: usize,
    email_opens: usize,
    pricing_visits: usize,
    form_fills: usize,
    last_activity: usize,
    replied: usize,
    unsubscribed: usize,
    bounced: usize,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: baseline LEADS.CSV AS_OF")?;
    let today = NaiveDate::parse_from_str(&args.next().ok_or("missing AS_OF")?, "%Y-%m-%d")?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let headers = reader.headers()?.clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim() == name)
            .ok_or(format!("no column {name}"))
    };
    let c = Columns {
        id: col("id")?,
        email: col("email")?,
        job_title: col("job_title")?,
        industry: col("industry")?,
        employees: col("employees")?,
        country: col("country")?,
        stage: col("stage")?,
        email_opens: col("email_opens")?,
        pricing_visits: col("pricing_visits")?,
        form_fills: col("form_fills")?,
        last_activity: col("last_activity")?,
        replied: col("replied")?,
        unsubscribed: col("unsubscribed")?,
        bounced: col("bounced")?,
    };
    let title =
        regex::Regex::new(r"(?i)\b(chief|ceo|cto|cfo|coo|vp|vice president|head|director)\b")?;
    let mut rows: Vec<(String, &'static str, f64, f64, bool)> = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record)? {
        let get = |i: usize| record.get(i).unwrap_or("").trim();
        let num = |i: usize| get(i).parse::<f64>().ok();
        let flag = |i: usize| {
            matches!(
                get(i).to_ascii_lowercase().as_str(),
                "true" | "yes" | "y" | "1"
            )
        };
        let is = |i: usize, v: &str| get(i).eq_ignore_ascii_case(v);

        let mut fit = 0.0;
        if num(c.employees).is_some_and(|n| n >= 1000.0) {
            fit += 20.0;
        }
        if ["saas", "fintech", "ecommerce"]
            .iter()
            .any(|v| is(c.industry, v))
        {
            fit += 15.0;
        }
        if title.is_match(get(c.job_title)) {
            fit += 10.0;
        }
        if !get(c.country).is_empty() && !["US", "CA", "GB", "TW"].iter().any(|v| is(c.country, v))
        {
            fit -= 10.0;
        }

        let mut engagement = 0.0;
        if let Some(n) = num(c.email_opens) {
            engagement += (5.0 * n).min(25.0);
        }
        if let Some(n) = num(c.pricing_visits) {
            engagement += (10.0 * n).min(30.0);
        }
        if let Some(n) = num(c.form_fills) {
            engagement += (15.0 * n).min(30.0);
        }
        let demo = is(c.stage, "demo_requested");
        if demo {
            engagement += 30.0;
        }
        let replied = flag(c.replied);
        if replied {
            engagement += 20.0;
        }
        if let Ok(d) = NaiveDate::parse_from_str(get(c.last_activity), "%Y-%m-%d") {
            if (today - d).num_days() > 90 {
                engagement -= 20.0;
            }
        }
        let engagement: f64 = engagement.clamp(0.0, 100.0);

        let tier = if (engagement >= 60.0 && fit >= 20.0) || demo {
            "hot"
        } else if engagement >= 25.0 || replied {
            "warm"
        } else {
            "cold"
        };
        let suppressed = flag(c.unsubscribed) || flag(c.bounced) || get(c.email).is_empty();
        rows.push((get(c.id).to_string(), tier, fit, engagement, suppressed));
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    writeln!(
        out,
        "id,tier,previous_tier,fit,engagement,suppressed,drafts"
    )?;
    for (id, tier, fit, engagement, suppressed) in rows {
        writeln!(out, "{id},{tier},,{fit},{engagement},{suppressed},")?;
    }
    Ok(())
}
