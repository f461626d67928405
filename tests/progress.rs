//! The progress bar of `eval`: drawn on a terminal's stderr (run under a pseudo-terminal
//! with util-linux `script`), never on a pipe, with `-q`, or on stdout.
#![cfg(unix)]

mod common;
use common::Ws;
use std::process::Command;

/// A starter workspace (its config reads the sample export, 300 leads).
fn workspace() -> Ws {
    Ws::starter()
}

/// Runs leadplay with `args` under a pseudo-terminal; what the terminal showed.
/// `None` when `script` is not installed.
fn on_a_terminal(ws: &Ws, args: &str) -> Option<String> {
    let bin = assert_cmd::cargo::cargo_bin("leadplay");
    let line = format!("{} {args}", bin.display());
    let out = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .current_dir(&ws.root)
        // The bar appears at once instead of after a second: the run is short.
        .env("LEADPLAY_PROGRESS_AFTER_MS", "0")
        .env("NO_COLOR", "1")
        .output()
        .ok()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_terminal_sees_the_bar_for_each_phase_and_then_the_summary() {
    let ws = workspace();
    let Some(shown) = on_a_terminal(&ws, "eval --as-of 2026-11-27") else {
        return eprintln!("skipped: no `script` on this machine");
    };
    assert!(shown.contains("reading leads"), "{shown}");
    assert!(shown.contains("writing drafts"), "{shown}");
    assert!(shown.contains("leadplay eval, as of 2026-11-27"), "{shown}");
    let dry = on_a_terminal(&ws, "eval --as-of 2026-11-28 --dry-run").unwrap();
    assert!(dry.contains("reading leads"), "{dry}");
    assert!(!dry.contains("writing drafts"), "{dry}");
}

#[test]
fn quiet_runs_and_pipes_see_no_bar() {
    let ws = workspace();
    let Some(quiet) = on_a_terminal(&ws, "-q eval --as-of 2026-11-27 --dry-run") else {
        return eprintln!("skipped: no `script` on this machine");
    };
    assert!(!quiet.contains("reading leads"), "{quiet}");
    let piped = Command::new(assert_cmd::cargo::cargo_bin("leadplay"))
        .args(["eval", "--as-of", "2026-11-27"])
        .current_dir(&ws.root)
        .env("LEADPLAY_PROGRESS_AFTER_MS", "0")
        .output()
        .unwrap();
    assert!(piped.status.success());
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert!(!stderr.contains("reading leads"), "{stderr}");
    assert!(!stderr.contains('\r'), "{stderr}");
}
