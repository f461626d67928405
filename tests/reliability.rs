//! Reliability (issue 14): closed pipes, locks, leftovers, hostile dates and paths — the
//! real binary on real workspaces.

mod common;

use common::Ws;
use std::process::{Command, Stdio};

const AS_OF: &str = "2026-11-27";

/// Runs `leadplay ARGS` in `ws` through bash with `REDIRECT` and the reading side of the
/// pipe closed before anything is written; returns leadplay's exit code and what reached
/// the terminal's stderr.
fn run_into_closed_pipe(ws: &Ws, args: &str, redirect: &str) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("leadplay");
    // `{ exec 0<&-; sleep 0.3; }` closes the pipe's read end at once and outlives the
    // writer's first writes, so every write after that fails with EPIPE.
    let script = format!(
        "'{}' {args} {redirect} | {{ exec 0<&-; sleep 0.3; }}; exit ${{PIPESTATUS[0]}}",
        bin.display()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(script)
        .current_dir(&ws.root)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("bash runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_quiet(case: &str, (code, stderr): (i32, String)) {
    assert_ne!(code, 101, "{case}: panicked: {stderr}");
    assert!(code == 0 || code == 1, "{case}: exit {code}: {stderr}");
    assert!(!stderr.contains("panicked"), "{case}: {stderr}");
    assert!(!stderr.contains("Broken pipe"), "{case}: {stderr}");
}

#[test]
fn every_command_ends_quietly_on_a_closed_stdout() {
    let ws = Ws::starter();
    let cases = [
        format!("explain L-000011 --as-of {AS_OF}"),
        format!("eval --as-of {AS_OF} --dry-run --format jsonl"),
        format!("eval --as-of {AS_OF} --dry-run --format json"),
        format!("eval --as-of {AS_OF} --dry-run --format csv"),
        format!("eval --as-of {AS_OF} --dry-run"),
        format!("check --leads examples/leads.csv --as-of {AS_OF}"),
        "test".to_string(),
        "fmt --check".to_string(),
        "--help".to_string(),
    ];
    for args in &cases {
        assert_quiet(args, run_into_closed_pipe(&ws, args, "2>/dev/null"));
    }
}

#[test]
fn every_command_ends_quietly_on_a_closed_stderr() {
    let ws = Ws::starter();
    // Row errors and warnings by the hundred, all on stderr.
    let mut csv = String::from("id,email,employees\n");
    for i in 0..3000 {
        csv.push_str(&format!("L-{i:05},a{i}@b.co,{}\n", if i % 2 == 0 { "12k" } else { "5" }));
    }
    ws.write("bad.csv", &csv);
    let cases = [
        format!("eval --leads bad.csv --as-of {AS_OF} --dry-run -v"),
        format!("eval --leads bad.csv --as-of {AS_OF} --dry-run --format jsonl"),
        format!("check --leads bad.csv --as-of {AS_OF} -v"),
        format!("explain L-00002 --leads bad.csv --as-of {AS_OF}"),
        format!("eval --leads bad.csv --as-of {AS_OF} -v"),
    ];
    for args in &cases {
        assert_quiet(args, run_into_closed_pipe(&ws, args, "2>&1 >/dev/null"));
    }
}
