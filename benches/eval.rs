//! Criterion bench of the semantic core: checking the starter program, and evaluating
//! 10k synthetic leads on the hot path (`evaluate_into` with reused buffers).

mod common;
use chrono::NaiveDate;
use common::compile_starter;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use leadplay::{Outcome, Program, Scores, Value};

/// A small deterministic generator (xorshift), so every run sees the same leads.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }

    /// Missing about one time in ten, like a real CRM export.
    fn maybe(&mut self, value: Value) -> Value {
        if self.next() % 10 == 0 {
            Value::Missing
        } else {
            value
        }
    }
}

fn synthetic_leads(program: &Program, count: usize) -> Vec<Vec<Value>> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let base = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap_or_default();
    (0..count)
        .map(|i| {
            let mut lead = vec![Value::Missing; program.schema().slot_count()];
            for (slot, name) in program.schema().field_names().enumerate() {
                let value = match name.as_str() {
                    "id" => Value::Text(format!("L{i:06}")),
                    "employees" => Value::Number((rng.next() % 20_000) as f64),
                    "industry" => Value::Text(
                        rng.pick(&["SaaS", "fintech ", "retail", "Ecommerce"])
                            .into(),
                    ),
                    "job_title" => Value::Text(
                        rng.pick(&["VP Sales", "Engineer", "Head of Growth", "Analyst"])
                            .into(),
                    ),
                    "country" => Value::Text(rng.pick(&["US", "de", "TW", "FR", "gb"]).into()),
                    "stage" => Value::Text(rng.pick(&["new", "demo_requested", "nurture"]).into()),
                    "email" => Value::Text(format!("lead{i}@example.com")),
                    "last_activity" => Value::Date(base + chrono::Days::new(rng.next() % 300)),
                    "replied" | "unsubscribed" | "bounced" => Value::Bool(rng.next() % 7 == 0),
                    _ => Value::Number((rng.next() % 8) as f64),
                };
                lead[slot] = rng.maybe(value);
            }
            lead
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    c.bench_function("check starter program", |b| {
        b.iter(|| black_box(compile_starter()))
    });

    let program = compile_starter();
    let leads = synthetic_leads(&program, 10_000);
    let today = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap_or_default();
    c.bench_function("evaluate 10k leads", |b| {
        let mut scratch = program.scratch();
        let mut out = Outcome {
            tier: 0,
            scores: Scores::new(),
            suppressed_by: None,
        };
        b.iter(|| {
            let mut hot = 0usize;
            for lead in &leads {
                program.evaluate_into(lead, today, &mut scratch, &mut out);
                hot += usize::from(out.tier == 0);
            }
            black_box(hot)
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
