//! `--run-tests`: runs `leadplay test` after each good reload and shows its closing line.
//!
//! The test runner is its own command; watch runs it as a child process of the current
//! executable (`leadplay -C ROOT test`) so a test that panics or loops cannot take the
//! watch down with it, and so the two stay decoupled.

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs the playbook tests of the workspace at `root` and returns the line to show:
/// the runner's closing line (`N passed, N failed`), or why it could not run.
pub fn run(root: &Path) -> String {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return format!("cannot run `leadplay test`: {e}"),
    };
    let output = Command::new(exe)
        .arg("-C")
        .arg(root)
        .args(["--color", "never", "test"])
        .stdin(Stdio::null())
        .output();
    match output {
        Ok(output) => closing_line(&output),
        Err(e) => format!("cannot run `leadplay test`: {e}"),
    }
}

/// Exit 0 (all passed) and 1 (some failed) end with the summary line; anything else is
/// a usage or crash, best told by the first line of stderr.
fn closing_line(output: &Output) -> String {
    let code = output.status.code();
    if matches!(code, Some(0 | 1)) {
        let last = last_line(&output.stdout).or_else(|| last_line(&output.stderr));
        if let Some(line) = last {
            return line;
        }
    }
    let status = match code {
        Some(c) => format!("exit {c}"),
        None => "killed by a signal".to_string(),
    };
    match first_line(&output.stderr) {
        Some(line) => format!("`leadplay test` failed ({status}): {line}"),
        None => format!("`leadplay test` failed ({status})"),
    }
}

fn last_line(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .rev()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

fn first_line(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .map(str::to_string)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::process::ExitStatusExt;
    use std::process::ExitStatus;

    fn output(code: i32, stdout: &str, stderr: &str) -> Output {
        Output {
            status: ExitStatus::from_raw(code << 8),
            stdout: stdout.as_bytes().to_vec(),
            stderr: stderr.as_bytes().to_vec(),
        }
    }

    #[test]
    fn the_closing_line_of_a_run_is_shown() {
        let out = output(1, "ok   a\nFAIL b\n\n3 passed, 1 failed\n\n", "");
        assert_eq!(closing_line(&out), "3 passed, 1 failed");
    }

    #[test]
    fn a_usage_error_shows_the_first_line_of_stderr() {
        let out = output(
            2,
            "",
            "error: unrecognized subcommand 'test'\n\nUsage: leadplay\n\nFor more information, try '--help'.\n",
        );
        assert_eq!(
            closing_line(&out),
            "`leadplay test` failed (exit 2): error: unrecognized subcommand 'test'"
        );
    }
}
