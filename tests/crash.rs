//! Crash consistency (SPEC §9): a real `eval` killed with SIGKILL at many moments, then
//! run again, ends exactly as a run that was never killed — every due draft on disk
//! exactly once with the same bytes, no temp file left, and a state that parses and
//! claims no draft that is not on disk.
//!
//! Kill moments are spread over the measured length of an uninterrupted run (plus a
//! seeded jitter), so they fall in every phase: reading, rendering, staging the
//! drafts, the sync, the renames and the state write. `LEADPLAY_CRASH_LEADS` and
//! `LEADPLAY_CRASH_POINTS` make a longer run (defaults: 1,000 leads, 8 points).

mod common;

use common::Ws;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const AS_OF: &str = "2026-11-27";

fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The starter workspace on `count` generated leads, every draft made (no cap).
fn workspace(count: usize) -> Ws {
    let ws = Ws::starter();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let status = Command::new("python3")
        .arg(repo.join("scripts/gen_leads.py"))
        .args(["--count", &count.to_string(), "--seed", "7", "--out"])
        .arg(ws.root.join("leads.csv"))
        .status()
        .expect("python3 runs the generator");
    assert!(status.success());
    let cap = regex::Regex::new(r"at most \d+ per day").expect("regex");
    for entry in std::fs::read_dir(ws.root.join("playbooks")).expect("playbooks") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "play") {
            let text = std::fs::read_to_string(&path).expect("read");
            let uncapped = cap.replace_all(&text, "at most 10000000 per day");
            std::fs::write(&path, uncapped.as_ref()).expect("write");
        }
    }
    ws
}

fn eval(ws: &Ws) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("leadplay"));
    cmd.current_dir(&ws.root)
        .args(["-q", "eval", "--leads", "leads.csv", "--as-of", AS_OF])
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    cmd
}

/// Every file under the outbox and the state folder, except the lock.
/// Every file under the outbox but the day's review page, which each run (the re-run
/// too) rewrites with its own summary: the drafts are what must exist exactly once.
fn outcome(ws: &Ws) -> Vec<(String, Vec<u8>)> {
    ws.drafts()
}

fn assert_consistent(ws: &Ws, expected: &[(String, Vec<u8>)], point: &str) {
    let drafts = outcome(ws);
    let temps: Vec<&String> = drafts
        .iter()
        .map(|(p, _)| p)
        .filter(|p| p.ends_with(".tmp"))
        .collect();
    assert!(temps.is_empty(), "{point}: temp files left: {temps:?}");
    assert_eq!(
        drafts.len(),
        expected.len(),
        "{point}: every due draft exactly once"
    );
    assert!(
        drafts == expected,
        "{point}: the same drafts, byte for byte"
    );
    let state = ws.read(".leadplay/state.jsonl");
    for (n, line) in state.lines().enumerate() {
        let record: serde_json::Value = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("{point}: state line {}: {e}", n + 1));
        for step in record["steps"]
            .as_object()
            .into_iter()
            .flat_map(|s| s.values())
        {
            if let Some(path) = step["path"].as_str() {
                assert!(
                    ws.root.join(path).is_file(),
                    "{point}: state claims `{path}`"
                );
            }
        }
    }
    let leftovers: Vec<String> = std::fs::read_dir(ws.root.join(".leadplay"))
        .expect("state folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        // The runs history of the review page lives beside the state.
        .filter(|n| n != "state.jsonl" && n != "runs.jsonl")
        .collect();
    assert!(leftovers.is_empty(), "{point}: {leftovers:?}");
}

#[test]
fn a_run_killed_at_any_moment_is_completed_exactly_once_by_the_next() {
    let leads = env_or("LEADPLAY_CRASH_LEADS", 1_000);
    let points = env_or("LEADPLAY_CRASH_POINTS", 8);
    let ws = workspace(leads);
    let started = Instant::now();
    assert!(eval(&ws).status().expect("eval").success());
    let full_run = started.elapsed();
    let expected = outcome(&ws);
    assert!(expected.len() > leads / 2, "{} drafts", expected.len());

    let mut seed: u64 = 0x5eed_1e4d;
    let mut killed_early = 0;
    for point in 0..points {
        let _ = std::fs::remove_dir_all(ws.root.join("drafts"));
        let _ = std::fs::remove_dir_all(ws.root.join(".leadplay"));
        // Evenly over the run, each moved by up to a tenth of the run.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let jitter = (seed >> 33) as f64 / f64::from(u32::MAX) / 10.0;
        let at = full_run.mul_f64(((point as f64 + 0.5) / points as f64 + jitter).min(1.0));
        let mut child = eval(&ws).spawn().expect("spawn eval");
        std::thread::sleep(at);
        if child.try_wait().expect("wait").is_none() {
            killed_early += 1;
            child.kill().expect("SIGKILL");
        }
        let _ = child.wait();
        let label = format!(
            "killed at {:.0} ms of {:.0} ms",
            at.as_secs_f64() * 1e3,
            full_run.as_secs_f64() * 1e3
        );
        assert!(
            eval(&ws).status().expect("re-run").success(),
            "{label}: re-run fails"
        );
        assert_consistent(&ws, &expected, &label);
    }
    let again = eval(&ws).output().expect("one more run");
    assert!(again.status.success());
    assert_eq!(
        outcome(&ws),
        expected,
        "one more run the same day changes nothing"
    );
    eprintln!(
        "{points} kill points over a {:.2} s run, {killed_early} killed mid-run",
        full_run.as_secs_f64()
    );
    assert!(
        killed_early >= points / 2,
        "most kills must land inside the run"
    );
}
