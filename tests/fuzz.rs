//! Fuzzing on the stable toolchain (no `cargo fuzz`, which needs nightly): seeded
//! mutation of real inputs, fed to the library's entry points, each input run under
//! `catch_unwind`. Targets:
//!
//! - `play`: the `.play` parser and checker, on mutations of the starter playbooks
//!   (byte edits, spliced language tokens, deep nesting, huge numbers, odd Unicode);
//! - `leads-csv`, `leads-json`, `leads-jsonl`, `leads-yaml`: each leads reader, on
//!   mutations of the sample export in that format, in UTF-8, UTF-8 with BOM, UTF-16
//!   LE/BE and Windows-1252 bytes, with `;` and tab dialects;
//! - `template`: template front matter and rendering (`.eml` and `.md`), with mutated
//!   templates and hostile lead values (CR/LF, header names, NULs, 100 KB values).
//!
//! CI runs a few seconds per target. A long run:
//! `LEADPLAY_FUZZ_SECS=3600 LEADPLAY_FUZZ_SEED=$RANDOM cargo test --release --test fuzz -- --nocapture`
//! (`LEADPLAY_FUZZ_SECS` is per target). A crashing input is saved under
//! `target/fuzz-crashes/` and the test fails naming it; keep it as a regression case
//! in `tests/fixtures/fuzz/` (every file there is replayed first).

use leadplay::{
    Channel, CheckOptions, DraftContext, LeadFormat, LeadReader, LeadSchema, OwnerInfo, SenderInfo,
    SourceMap, StepInfo, TemplateSet, collect_all, compose_draft, load_from_sources,
};
use std::io::Cursor;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SPLICES: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "\"",
    "`",
    "#",
    "\n",
    "\r\n",
    "\\\n",
    " and ",
    " or ",
    " not ",
    " == ",
    " in ",
    " matches \"(?i)x\" ",
    " is missing",
    "days_since(",
    "today",
    "2026-02-30",
    "+10000-01-01",
    "99999999999999999999",
    "-0",
    "1e308",
    "score {",
    "tiers {",
    "otherwise",
    "playbook x owner y {",
    "day 4294967296 email \"a\"",
    "segment s = s",
    "\u{0}",
    "\u{FEFF}",
    "\u{202E}",
    "家豪",
    "é",
    "\u{10FFFF}",
    ";",
    ",",
    "\t",
    "|",
    "'",
    "{{",
    "}}",
    "{%",
    "%}",
    "---\n",
    "subject: ",
    "headers:\n  X-A: b\n",
    "null",
    "~",
    "&a",
    "*a",
    "!!binary",
    "- ",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut data = seed.to_vec();
    for _ in 0..=rng.below(8) {
        let at = rng.below(data.len() + 1);
        match rng.below(7) {
            0 if !data.is_empty() => {
                let end = (at + rng.below(64)).min(data.len());
                data.drain(at.min(end)..end);
            }
            1 => {
                let splice = rng.pick(SPLICES).as_bytes().to_vec();
                data.splice(at..at, splice);
            }
            2 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = rng.next() as u8;
            }
            3 if !data.is_empty() => {
                let start = rng.below(data.len());
                let end = (start + rng.below(256)).min(data.len());
                let copy = data[start..end].to_vec();
                data.splice(at..at, copy);
            }
            4 => {
                let deep = rng
                    .pick(&["(", "[", "not ", "-", "{% if x %}", "{{ ("])
                    .repeat(rng.below(300));
                data.splice(at..at, deep.into_bytes());
            }
            5 => data.truncate(at),
            _ => {
                let splice = rng.pick(SPLICES).repeat(1 + rng.below(40));
                data.splice(at..at, splice.into_bytes());
            }
        }
    }
    data
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn play_seed() -> Vec<u8> {
    let mut text = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("playbooks"))
        .expect("playbooks")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "play"))
        .collect();
    files.sort();
    for f in files {
        text.extend(std::fs::read(f).expect("read"));
    }
    text
}

fn fuzz_play(input: &[u8]) {
    let mut sources = SourceMap::new();
    let text = String::from_utf8_lossy(input).into_owned();
    let file = sources.add("fuzz.play", text);
    let _ = load_from_sources(&sources, &[file], &CheckOptions { columns: None });
}

fn leads_seed(format: LeadFormat) -> Vec<u8> {
    let csv = std::fs::read_to_string(repo().join("examples/leads.csv")).expect("leads");
    let mut rows = csv::Reader::from_reader(csv.as_bytes());
    let header: Vec<String> = rows
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    let records: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .records()
        .take(12)
        .map(|r| {
            let r = r.expect("row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(serde_json::Value::from))
                .collect()
        })
        .collect();
    match format {
        LeadFormat::Csv => csv
            .lines()
            .take(13)
            .collect::<Vec<_>>()
            .join("\n")
            .into_bytes(),
        LeadFormat::Json => serde_json::to_vec_pretty(&records).expect("json"),
        LeadFormat::JsonLines => records
            .iter()
            .map(|r| serde_json::to_string(r).expect("json") + "\n")
            .collect::<String>()
            .into_bytes(),
        _ => serde_yaml::to_string(&records).expect("yaml").into_bytes(),
    }
}

/// The same text as the reader may meet it: a dialect and an encoding.
fn encode(rng: &mut Rng, data: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&data).into_owned();
    let text = match rng.below(4) {
        0 => text.replace(',', ";"),
        1 => text.replace(',', "\t"),
        _ => text,
    };
    match rng.below(6) {
        0 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
        1 => [
            vec![0xFF, 0xFE],
            text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        ]
        .concat(),
        2 => [
            vec![0xFE, 0xFF],
            text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ]
        .concat(),
        3 => text
            .chars()
            .map(|c| if (c as u32) < 256 { c as u8 } else { b'?' })
            .collect(),
        _ => text.into_bytes(),
    }
}

fn fuzz_leads(format: LeadFormat, input: &[u8]) {
    if let Ok(reader) = LeadReader::from_reader(Cursor::new(input.to_vec()), "fuzz", format) {
        let _ = collect_all(reader, &LeadSchema::id_only());
    }
}

const HOSTILE: &[&str] = &[
    "a\r\nBcc: victim@example.com",
    "x\nSubject: hi",
    "\u{0}\u{7}\u{1b}[31m",
    "=?utf-8?b?AAAA?=",
    "<script>alert(1)</script>",
    "{{ 7 * 7 }}",
    "../../etc/passwd",
    "a@b.co\r\n.\r\n",
    "\u{202E}evil",
    "家豪 李",
];

fn template_seed() -> Vec<u8> {
    std::fs::read(repo().join("playbooks/templates/warm/follow_up.j2")).expect("template")
}

fn fuzz_template(rng: &mut Rng, input: &[u8], dir: &Path) {
    let file = dir.join("t/x.j2");
    std::fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
    std::fs::write(&file, input).expect("write");
    let mut sources = SourceMap::new();
    let Ok(set) = TemplateSet::load(dir, "templates", &mut sources) else {
        return;
    };
    let mut lead = serde_json::Map::new();
    for field in [
        "id",
        "first_name",
        "last_name",
        "email",
        "company",
        "language",
    ] {
        let value = match rng.below(4) {
            0 => "x".repeat(100_000),
            _ => rng.pick(HOSTILE).to_string(),
        };
        lead.insert(field.to_string(), serde_json::Value::from(value));
    }
    let channel = *rng.pick(&[Channel::Email, Channel::Call, Channel::Meeting]);
    let ctx = DraftContext {
        lead,
        tier: "warm".into(),
        previous_tier: Some(rng.pick(HOSTILE).to_string()),
        scores: [("fit".to_string(), f64::NAN), ("e".to_string(), 1e308)].into(),
        owner: OwnerInfo {
            name: "sales".into(),
            display_name: rng.pick(HOSTILE).to_string(),
            email: Some("sales@example.com".into()),
            ..Default::default()
        },
        sender: SenderInfo {
            name: rng.pick(HOSTILE).to_string(),
            email: "avery@example.com".into(),
            company: "N".into(),
            signature: String::new(),
        },
        step: StepInfo {
            day: 0,
            channel,
            template: "t/x".into(),
            variant: None,
        },
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("date"),
        roles: leadplay::RoleKeys::default(),
        clock: leadplay::Clock::default(),
        rep: None,
    };
    if let Ok(draft) = compose_draft(&set, &dir.join("out"), "L-1", &ctx) {
        assert!(
            draft.path.starts_with(dir.join("out")),
            "a draft escaped the outbox"
        );
    }
}

/// Runs `target` on mutations for `budget`, returning (executions, crashing inputs).
fn campaign(
    name: &str,
    seed: &[u8],
    budget: Duration,
    rng: &mut Rng,
    run: &mut dyn FnMut(&mut Rng, &[u8]),
) -> (u64, Vec<PathBuf>) {
    let mut crashes = Vec::new();
    let mut runs = 0;
    let started = Instant::now();
    let replay = repo().join("tests/fixtures/fuzz").join(name);
    let mut inputs: Vec<Vec<u8>> = std::fs::read_dir(&replay)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read(e.path()).ok())
        .collect();
    inputs.reverse();
    while started.elapsed() < budget || !inputs.is_empty() {
        let input = inputs.pop().unwrap_or_else(|| mutate(rng, seed));
        runs += 1;
        if catch_unwind(AssertUnwindSafe(|| run(rng, &input))).is_err() {
            let dir = repo().join("target/fuzz-crashes").join(name);
            std::fs::create_dir_all(&dir).expect("mkdir");
            let path = dir.join(format!("crash-{runs}"));
            std::fs::write(&path, &input).expect("save crash");
            crashes.push(path);
        }
    }
    (runs, crashes)
}

#[test]
fn fuzz_every_reader_parser_and_template_path() {
    let secs: f64 = std::env::var("LEADPLAY_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3.0);
    let seed: u64 = std::env::var("LEADPLAY_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20_261_127);
    let budget = Duration::from_secs_f64(secs);
    let mut rng = Rng(seed | 1);
    // Panics are caught and counted; their messages would flood the output.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let dir = tempfile::tempdir().expect("tempdir");
    let mut report = Vec::new();
    let mut all_crashes = Vec::new();
    let mut record = |name: &str, (runs, crashes): (u64, Vec<PathBuf>)| {
        report.push(format!("{name}: {runs} runs, {} crashes", crashes.len()));
        all_crashes.extend(crashes);
    };
    record(
        "play",
        campaign("play", &play_seed(), budget, &mut rng, &mut |_, i| {
            fuzz_play(i)
        }),
    );
    for (name, format) in [
        ("leads-csv", LeadFormat::Csv),
        ("leads-json", LeadFormat::Json),
        ("leads-jsonl", LeadFormat::JsonLines),
        ("leads-yaml", LeadFormat::Yaml),
    ] {
        let seed = leads_seed(format);
        record(
            name,
            campaign(name, &seed, budget, &mut rng, &mut |rng, input| {
                fuzz_leads(format, &encode(rng, input.to_vec()))
            }),
        );
    }
    let tdir = dir.path().to_path_buf();
    record(
        "template",
        campaign(
            "template",
            &template_seed(),
            budget,
            &mut rng,
            &mut |rng, i| fuzz_template(rng, i, &tdir),
        ),
    );
    std::panic::set_hook(default_hook);
    eprintln!(
        "fuzz (seed {seed}, {secs} s a target): {}",
        report.join("; ")
    );
    assert!(
        all_crashes.is_empty(),
        "crashing inputs saved: {all_crashes:?}"
    );
}
