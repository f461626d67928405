//! Terminal output: colors, quiet/verbose, and diagnostics on stderr.

use super::args::ColorWhen;
use crate::diagnostics::{self, Code, Diagnostic, Severity};
use crate::source::SourceMap;
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use std::io::{IsTerminal, Write};

/// How much to print and whether to color it.
#[derive(Debug, Clone, Copy)]
pub struct Ui {
    color_stderr: ColorChoice,
    /// Only errors.
    pub quiet: bool,
    /// Every detail.
    pub verbose: bool,
}

impl Ui {
    /// From the global flags.
    pub fn new(color: ColorWhen, quiet: bool, verbose: bool) -> Ui {
        let color_stderr = match color {
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
            ColorWhen::Auto if std::io::stderr().is_terminal() => ColorChoice::Auto,
            ColorWhen::Auto => ColorChoice::Never,
        };
        Ui {
            color_stderr,
            quiet,
            verbose,
        }
    }

    /// Prints diagnostics to stderr (warnings are hidden with `-q`).
    pub fn diagnostics(&self, sources: &SourceMap, diags: &[Diagnostic]) {
        let shown: Vec<Diagnostic> = diags
            .iter()
            .filter(|d| d.is_error() || !self.quiet)
            .cloned()
            .collect();
        if shown.is_empty() {
            return;
        }
        let mut stream = StandardStream::stderr(self.color_stderr);
        // A closed stderr leaves nothing useful to do with the error.
        let _ = diagnostics::render(&mut stream, sources, &shown);
    }

    /// An error line on stderr (`error: …` plus optional help).
    pub fn error(&self, message: &str, help: Option<&str>) {
        to_stderr(&problem_text("error", message, help));
    }

    /// A coded problem with no source line (lead data): `error[LP0504]: …` plus
    /// optional help, shown like a [`Diagnostic`]; a warning is hidden with `-q`.
    pub fn problem(&self, severity: Severity, code: Code, message: &str, help: Option<&str>) {
        let head = match severity {
            Severity::Error => format!("error[{code}]"),
            Severity::Warning if self.quiet => return,
            Severity::Warning => format!("warning[{code}]"),
        };
        to_stderr(&problem_text(&head, message, help));
    }

    /// An error that may carry a code (a failure about lead data does; one about the
    /// state file or the machine does not).
    pub fn error_with_code(&self, code: Option<Code>, message: &str, help: Option<&str>) {
        match code {
            Some(code) => self.problem(Severity::Error, code, message, help),
            None => self.error(message, help),
        }
    }

    /// A warning line on stderr unless quiet.
    pub fn warning(&self, message: &str) {
        if !self.quiet {
            to_stderr(&format!("warning: {message}\n"));
        }
    }

    /// A progress/info line on stderr unless quiet.
    pub fn info(&self, message: &str) {
        if !self.quiet {
            to_stderr(&format!("{message}\n"));
        }
    }

    /// A detail line on stderr only with `-v`.
    pub fn detail(&self, message: &str) {
        if self.verbose {
            to_stderr(&format!("{message}\n"));
        }
    }
}

/// `head: message` and an optional `  = help: …` line.
fn problem_text(head: &str, message: &str, help: Option<&str>) -> String {
    let mut text = format!("{head}: {message}\n");
    if let Some(h) = help {
        text.push_str(&format!("  = help: {h}\n"));
    }
    text
}

/// Writes to stdout. A closed stdout (`| head`, a reader that went away) is not an
/// error worth reporting, and must never become a panic: the text is dropped.
pub fn to_stdout(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// Writes to stderr, dropping the text when stderr is closed (see [`to_stdout`]).
pub fn to_stderr(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}
