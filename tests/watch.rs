//! `leadplay watch` as a child process on a temporary workspace: every edit is made
//! after the watch printed its marker line, and every expectation waits for the next
//! screen with a bound (no fixed sleeps), so a loaded machine is slower, not flaky.
#![cfg(unix)]

mod common;
use common::Ws;

use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const MARKER: &str = "watching for changes… (Ctrl-C to stop)";
const WAIT: Duration = Duration::from_secs(20);
const TIERS: &str = "playbooks/03-tiers.play";
const WARM_RULE: &str = "warm when engagement >= 25 or replied";

/// The starter workspace with 40 leads.
fn workspace() -> Ws {
    let ws = Ws::starter();
    let leads = ws.read("examples/leads.csv");
    let small: Vec<&str> = leads.lines().take(41).collect();
    ws.write("examples/leads.csv", &(small.join("\n") + "\n"));
    ws
}

/// A running `leadplay watch`.
struct Watcher {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Watcher {
    fn start(ws: &Ws, args: &[&str]) -> Watcher {
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("leadplay"))
            .current_dir(&ws.root)
            .env("NO_COLOR", "1")
            .args(["watch", "--as-of", "2026-11-27"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { return };
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    return;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Watcher {
            child,
            lines,
            stderr,
        }
    }

    /// The lines up to the next marker line.
    fn next_screen(&mut self) -> String {
        let deadline = Instant::now() + WAIT;
        let mut screen = String::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line == MARKER => return screen,
                Ok(line) => {
                    screen.push_str(&line);
                    screen.push('\n');
                }
                Err(e) => panic!(
                    "no screen within {WAIT:?} ({e}); so far:\n{screen}\nstderr:\n{}",
                    self.stderr()
                ),
            }
        }
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle` (it is written before the screen, but read
    /// by another thread).
    fn wait_stderr(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        while !self.stderr().contains(needle) {
            assert!(
                Instant::now() < deadline,
                "stderr never showed {needle:?}:\n{}",
                self.stderr()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Ctrl-C, and the exit status.
    fn interrupt(mut self) -> ExitStatus {
        let pid = self.child.id().to_string();
        // The shell's builtin `kill`: no separate binary needed.
        let sent = std::process::Command::new("sh")
            .args(["-c", &format!("kill -INT {pid}")])
            .status()
            .unwrap();
        assert!(sent.success());
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "watch did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // A failed test must not leave the child running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A field of the screen (`tiers`, `delta` …): the text after the label.
fn field<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find_map(|l| l.strip_prefix(&format!("  {label:<11}")))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{screen}"))
}

fn edit(ws: &Ws, rel: &str, from: &str, to: &str) {
    let text = ws.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    ws.write(rel, &text.replacen(from, to, 1));
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn editing_a_rule_changes_the_summary_and_names_the_deciding_rule() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(first.contains("run 1"), "{first}");
    assert_eq!(field(&first, "delta"), "first evaluation");
    assert!(field(&first, "leads").starts_with("40 read from examples/leads.csv"));

    edit(
        &ws,
        TIERS,
        WARM_RULE,
        "warm when engagement >= 0 or replied",
    );
    let second = watch.next_screen();
    assert!(second.contains("run 2"), "{second}");
    assert_ne!(field(&first, "tiers"), field(&second, "tiers"));
    assert!(
        field(&second, "delta").starts_with("cold → warm: "),
        "{second}"
    );
    assert!(
        second.contains("cold → warm  by `warm when engagement >= 0 or replied`"),
        "{second}"
    );

    assert!(watch.interrupt().success(), "Ctrl-C exits with code 0");
    assert_eq!(
        entries(&ws.root.join("drafts")),
        ["preview"],
        "no temp folders left"
    );
    assert!(
        !ws.root.join(".leadplay").exists(),
        "watch never writes the state"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_result_until_fixed() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    let preview = ws.tree("drafts/preview");
    assert!(!preview.is_empty(), "the first run previews drafts");

    edit(&ws, TIERS, WARM_RULE, "warm when engagement >= ");
    let broken = watch.next_screen();
    assert!(broken.contains("FAILED"), "{broken}");
    assert!(
        field(&broken, "error").contains("1 error in the playbooks"),
        "{broken}"
    );
    assert!(
        field(&broken, "showing").contains(field(&first, "tiers")),
        "the last good result is shown: {broken}"
    );
    watch.wait_stderr("playbooks/03-tiers.play:");
    assert_eq!(ws.tree("drafts/preview"), preview, "the preview is kept");

    edit(&ws, TIERS, "warm when engagement >= ", WARM_RULE);
    let fixed = watch.next_screen();
    assert!(!fixed.contains("FAILED"), "{fixed}");
    assert_eq!(field(&fixed, "tiers"), field(&first, "tiers"));
    assert_eq!(field(&fixed, "delta"), "no tier changes");
}

#[test]
fn an_atomic_rename_save_and_a_double_write_each_reload_once() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    watch.next_screen();

    // How many editors save: write a temp file beside the original, rename it over.
    let text = ws
        .read(TIERS)
        .replacen(WARM_RULE, "warm when engagement >= 0 or replied", 1);
    ws.write("playbooks/.03-tiers.play.tmp", &text);
    std::fs::rename(
        ws.root.join("playbooks/.03-tiers.play.tmp"),
        ws.root.join(TIERS),
    )
    .unwrap();
    let renamed = watch.next_screen();
    assert!(renamed.contains("run 2"), "{renamed}");
    assert!(
        field(&renamed, "delta").starts_with("cold → warm"),
        "{renamed}"
    );

    // An editor that truncates, then writes.
    ws.write(TIERS, "");
    ws.write(
        TIERS,
        &text.replacen("engagement >= 0", "engagement >= 25", 1),
    );
    let twice = watch.next_screen();
    assert!(
        twice.contains("run 3"),
        "one reload for the rename: {twice}"
    );
    assert!(field(&twice, "delta").starts_with("warm → cold"), "{twice}");

    // One more edit proves the double write made a single reload.
    edit(&ws, TIERS, "engagement >= 25", "engagement >= 0");
    let after = watch.next_screen();
    assert!(
        after.contains("run 4"),
        "one reload for the double write: {after}"
    );
}

#[test]
fn leads_that_change_vanish_and_return_are_followed() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    let full =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/leads.csv"))
            .unwrap();
    let more: Vec<&str> = full.lines().take(61).collect();

    ws.write("examples/leads.csv", &(more.join("\n") + "\n"));
    let grown = watch.next_screen();
    assert!(field(&grown, "leads").starts_with("60 read"), "{grown}");
    assert!(
        field(&grown, "delta").ends_with("(20 new, 0 gone)"),
        "{grown}"
    );

    std::fs::remove_file(ws.root.join("examples/leads.csv")).unwrap();
    let gone = watch.next_screen();
    assert!(gone.contains("FAILED"), "{gone}");
    assert!(field(&gone, "error").starts_with("cannot read"), "{gone}");
    assert!(field(&gone, "showing").contains("run 2"), "{gone}");

    let small: Vec<&str> = full.lines().take(41).collect();
    ws.write("examples/leads.csv", &(small.join("\n") + "\n"));
    let back = watch.next_screen();
    assert!(!back.contains("FAILED"), "{back}");
    assert_eq!(field(&back, "tiers"), field(&first, "tiers"));
    assert!(
        field(&back, "delta").ends_with("(0 new, 20 gone)"),
        "{back}"
    );
}

#[test]
fn a_new_play_file_joins_the_program() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(!first.contains("  suppressed 40"), "{first}");

    ws.write("playbooks/05-pause.play", "suppress when id is present\n");
    let paused = watch.next_screen();
    assert_eq!(field(&paused, "suppressed"), "40", "{paused}");
    assert!(field(&paused, "drafts").starts_with("none due"), "{paused}");
    assert!(
        ws.tree("drafts/preview").is_empty(),
        "stale previews are removed"
    );
}

#[test]
fn a_config_error_is_reported_and_run_tests_shows_a_closing_line() {
    let ws = workspace();
    let mut watch = Watcher::start(&ws, &["--run-tests"]);
    let first = watch.next_screen();
    assert!(
        field(&first, "tests").ends_with(" passed, 0 failed"),
        "the starter tests pass: {first}"
    );

    let config = ws.read("leadplay.yaml");
    ws.write("leadplay.yaml", &format!("{config}\nno_such_key: 1\n"));
    let broken = watch.next_screen();
    assert!(
        field(&broken, "error").contains("`leadplay.yaml` has an error"),
        "{broken}"
    );
    assert!(
        !broken.contains("  tests "),
        "no tests on a failed reload: {broken}"
    );
    watch.wait_stderr("unknown field");

    ws.write("leadplay.yaml", &config);
    let fixed = watch.next_screen();
    assert!(!fixed.contains("FAILED"), "{fixed}");
}

#[test]
fn the_state_file_is_read_but_never_written() {
    let ws = workspace();
    let out = ws.run(&["eval", "--as-of", "2026-11-26", "-q"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let state = ws.read(".leadplay/state.jsonl");
    let outbox = ws.tree("drafts/2026-11-26");
    let mut watch = Watcher::start(&ws, &[]);
    let first = watch.next_screen();
    assert!(!first.contains("FAILED"), "{first}");
    edit(
        &ws,
        TIERS,
        WARM_RULE,
        "warm when engagement >= 0 or replied",
    );
    let second = watch.next_screen();
    assert!(
        field(&second, "delta").starts_with("cold → warm"),
        "{second}"
    );
    assert!(watch.interrupt().success());
    assert_eq!(ws.read(".leadplay/state.jsonl"), state);
    assert_eq!(
        ws.tree("drafts/2026-11-26"),
        outbox,
        "real drafts untouched"
    );
    assert!(
        ws.tree("drafts/preview")
            .iter()
            .all(|(p, _)| p.starts_with("drafts/preview/2026-11-27/")),
        "only the preview date is previewed"
    );
    assert_eq!(
        entries(&ws.root.join(".leadplay")),
        ["state.jsonl"],
        "no lock file left"
    );
}
