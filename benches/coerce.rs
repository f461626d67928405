//! Criterion bench of the lead layer's hot path: reading CSV rows into chunks, and
//! coercing them to the starter program's schema with reused buffers (what `eval`
//! does per lead before evaluating it). The rows are the starter workspace's own
//! example export, repeated to 10k.

mod common;
use common::compile_starter;
use criterion::{Criterion, black_box, criterion_group, criterion_main};
use leadplay::{Coercer, LeadFormat, LeadReader, RawLead, Value};
use std::io::Cursor;

const EXAMPLE: &str = include_str!("../examples/leads.csv");

/// The example export's header and its rows repeated until there are `count` of them.
fn csv_of(count: usize) -> Vec<u8> {
    let mut lines = EXAMPLE.lines();
    let header = lines.next().unwrap_or_default();
    let rows: Vec<&str> = lines.collect();
    let mut out = format!("{header}\n");
    for row in rows.iter().cycle().take(count) {
        out.push_str(row);
        out.push('\n');
    }
    out.into_bytes()
}

fn reader(bytes: &[u8]) -> LeadReader {
    LeadReader::from_reader(Cursor::new(bytes.to_vec()), "leads.csv", LeadFormat::Csv)
        .unwrap_or_else(|e| panic!("{e}"))
}

fn read_all(bytes: &[u8]) -> Vec<RawLead> {
    let mut reader = reader(bytes);
    let mut all = Vec::new();
    while let Some(batch) = reader.next_batch(2048).unwrap_or_else(|e| panic!("{e}")) {
        all.extend(batch);
    }
    all
}

fn bench(c: &mut Criterion) {
    let bytes = csv_of(10_000);
    c.bench_function("read 10k CSV rows", |b| {
        b.iter(|| black_box(read_all(&bytes).len()))
    });

    let program = compile_starter();
    let coercer = Coercer::for_reader(program.schema(), &reader(&bytes))
        .skipping_unread(&program.slots_read());
    let raws = read_all(&bytes);
    c.bench_function("coerce 10k CSV rows (starter schema)", |b| {
        let (mut values, mut id, mut bad) = (Vec::<Value>::new(), String::new(), Vec::new());
        b.iter(|| {
            let mut ok = 0usize;
            for raw in &raws {
                bad.clear();
                ok += usize::from(
                    coercer
                        .coerce_into(raw, &mut values, &mut id, &mut bad)
                        .is_ok(),
                );
            }
            black_box(ok)
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
