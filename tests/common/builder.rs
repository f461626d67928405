//! A fluent builder for end-to-end tests, after the one casey/just uses: describe the
//! workspace, the command line and what must come out, then `run()` it.
//!
//! ```ignore
//! Test::new()
//!     .file("leads.csv", "id,stage\nL-1,new\n")
//!     .file("playbooks/rules.play", "tiers {\n  cold otherwise\n}\n")
//!     .args(["eval", "--leads", "leads.csv", "--dry-run"])
//!     .stdout_contains("L-1")
//!     .stderr("")
//!     .status(0)
//!     .run();
//! ```
//!
//! The binary runs in a fresh temporary workspace with `NO_COLOR=1`. Unless a test says
//! otherwise, it expects exit code 0 and checks nothing else. `run()` reports every
//! expectation that failed at once, with the whole output, and returns the finished
//! run: `.ws` to look at the files it wrote, `.then()` to run another command in the
//! same workspace (`leadplay eval` twice on one state, say).

use super::{Output, Ws};

/// What one stream (stdout or stderr) must hold.
#[derive(Default)]
struct Expect {
    exactly: Option<String>,
    contains: Vec<String>,
    lacks: Vec<String>,
}

/// One `leadplay` command line in a workspace, with what it must print and return.
pub struct Test {
    ws: Ws,
    args: Vec<String>,
    stdout: Expect,
    stderr: Expect,
    status: i32,
}

/// A command that ran: its workspace (for the files it wrote) and what it printed.
pub struct Ran {
    pub ws: Ws,
    pub output: Output,
}

impl Test {
    /// An empty workspace.
    pub fn new() -> Test {
        Test::in_workspace(Ws::empty())
    }

    /// The repository's starter workspace: `playbooks/`, `examples/`, `leadplay.yaml`.
    pub fn starter() -> Test {
        Test::in_workspace(Ws::starter())
    }

    /// A workspace made some other way (or left by an earlier run).
    pub fn in_workspace(ws: Ws) -> Test {
        Test {
            ws,
            args: Vec::new(),
            stdout: Expect::default(),
            stderr: Expect::default(),
            status: 0,
        }
    }

    /// A copy of the workspace `tests/fixtures/<name>/`.
    pub fn fixture_workspace(name: &str) -> Test {
        let ws = Ws::empty();
        super::copy_dir(&super::fixture(name), &ws.root);
        Test::in_workspace(ws)
    }

    /// Replaces `from` with `to` in the workspace file `rel` (which must contain it).
    pub fn edit(self, rel: &str, from: &str, to: &str) -> Test {
        super::edit(&self.ws.root.join(rel), from, to);
        self
    }

    /// Writes `text` to `rel` in the workspace (folders created).
    pub fn file(self, rel: &str, text: &str) -> Test {
        self.ws.write(rel, text);
        self
    }

    /// Copies `tests/fixtures/<name>` into the workspace as `rel`.
    pub fn fixture(self, name: &str, rel: &str) -> Test {
        let text = std::fs::read_to_string(super::fixture(name)).unwrap();
        self.file(rel, &text)
    }

    /// The command line after `leadplay`.
    pub fn args<I, S>(mut self, args: I) -> Test
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// stdout must be exactly `text`.
    pub fn stdout(mut self, text: &str) -> Test {
        self.stdout.exactly = Some(text.to_string());
        self
    }

    /// stdout must contain `text` (call again for more pieces).
    pub fn stdout_contains(mut self, text: &str) -> Test {
        self.stdout.contains.push(text.to_string());
        self
    }

    /// stdout must not contain `text`.
    pub fn stdout_lacks(mut self, text: &str) -> Test {
        self.stdout.lacks.push(text.to_string());
        self
    }

    /// stderr must be exactly `text` (`""`: nothing on stderr).
    pub fn stderr(mut self, text: &str) -> Test {
        self.stderr.exactly = Some(text.to_string());
        self
    }

    /// stderr must contain `text` (call again for more pieces).
    pub fn stderr_contains(mut self, text: &str) -> Test {
        self.stderr.contains.push(text.to_string());
        self
    }

    /// stderr must not contain `text`.
    pub fn stderr_lacks(mut self, text: &str) -> Test {
        self.stderr.lacks.push(text.to_string());
        self
    }

    /// The exit code the command must end with (0 unless said).
    pub fn status(mut self, code: i32) -> Test {
        self.status = code;
        self
    }

    /// Runs the command and checks every expectation; panics listing all that failed.
    pub fn run(self) -> Ran {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        let output = self.ws.run(&args);
        let mut failures = Vec::new();
        if output.code != self.status {
            failures.push(format!(
                "exit code {} (expected {})",
                output.code, self.status
            ));
        }
        failures.extend(self.stdout.failures("stdout", &output.stdout));
        failures.extend(self.stderr.failures("stderr", &output.stderr));
        assert!(
            failures.is_empty(),
            "`leadplay {}`:\n- {}\n--- stdout\n{}\n--- stderr\n{}",
            args.join(" "),
            failures.join("\n- "),
            output.stdout,
            output.stderr
        );
        Ran {
            ws: self.ws,
            output,
        }
    }
}

impl Ran {
    /// Another command in the same workspace.
    pub fn then(self) -> Test {
        Test::in_workspace(self.ws)
    }
}

impl Expect {
    /// One line per expectation `actual` does not meet.
    fn failures(&self, stream: &str, actual: &str) -> Vec<String> {
        let mut failures = Vec::new();
        if let Some(text) = self.exactly.as_ref().filter(|text| *text != actual) {
            failures.push(format!("{stream} differs; expected:\n{text}"));
        }
        for piece in self
            .contains
            .iter()
            .filter(|p| !actual.contains(p.as_str()))
        {
            failures.push(format!("{stream} lacks {piece:?}"));
        }
        for piece in self.lacks.iter().filter(|p| actual.contains(p.as_str())) {
            failures.push(format!("{stream} holds {piece:?}, which it must not"));
        }
        failures
    }
}
