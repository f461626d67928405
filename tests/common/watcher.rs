//! `leadplay watch` as a child process: start it, read its screens with bounded waits,
//! interrupt it. Shared by the watch integration tests.

use super::Ws;
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const MARKER: &str = "watching for changes… (Ctrl-C to stop)";
pub const WAIT: Duration = Duration::from_secs(20);
pub const TIERS: &str = "playbooks/03-tiers.play";
pub const WARM_RULE: &str = "warm when engagement >= 25 or replied";

/// The starter workspace with 40 leads.
pub fn workspace() -> Ws {
    let ws = Ws::starter();
    let leads = ws.read("examples/leads.csv");
    let small: Vec<&str> = leads.lines().take(41).collect();
    ws.write("examples/leads.csv", &(small.join("\n") + "\n"));
    ws
}

/// A running `leadplay watch`.
pub struct Watcher {
    child: Child,
    lines: Receiver<String>,
    stderr: Arc<Mutex<String>>,
}

impl Watcher {
    pub fn start(ws: &Ws, args: &[&str]) -> Watcher {
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
    pub fn next_screen(&mut self) -> String {
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

    pub fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Waits until stderr contains `needle` (it is written before the screen, but read
    /// by another thread).
    pub fn wait_stderr(&self, needle: &str) {
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
    pub fn interrupt(mut self) -> ExitStatus {
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
pub fn field<'a>(screen: &'a str, label: &str) -> &'a str {
    screen
        .lines()
        .find_map(|l| l.strip_prefix(&format!("  {label:<11}")))
        .unwrap_or_else(|| panic!("no `{label}` line in:\n{screen}"))
}

pub fn edit(ws: &Ws, rel: &str, from: &str, to: &str) {
    let text = ws.read(rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    ws.write(rel, &text.replacen(from, to, 1));
}
