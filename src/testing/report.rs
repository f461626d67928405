//! What a case's run says: its result line, and for a failure every mismatching key
//! (expected vs actual) and the explain trace, indented under it.

use std::fmt;

/// Why a case failed.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// An expected key the run did not produce.
    Mismatch {
        /// `tier`, `scores.fit`, `drafts` …
        key: String,
        /// What the case expects.
        expected: String,
        /// What the run produced.
        actual: String,
    },
    /// The case could not run as a whole (a row error) or a draft failed to render.
    Problem(String),
}

/// One case's result.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// The test file's name.
    pub file: String,
    /// The case's name.
    pub name: String,
    /// Every failure; empty when the case passed.
    pub failures: Vec<Failure>,
    /// How the lead was scored, tiered and scheduled (failures only).
    pub trace: Option<String>,
}

impl CaseResult {
    /// A result with no failures yet.
    pub fn new(file: &str, name: &str) -> CaseResult {
        CaseResult {
            file: file.to_string(),
            name: name.trim().to_string(),
            failures: Vec::new(),
            trace: None,
        }
    }

    /// True when nothing failed.
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

impl fmt::Display for CaseResult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.passed() {
            return writeln!(f, "ok   {}: {}", self.file, self.name);
        }
        writeln!(f, "FAILED {}: {}", self.file, self.name)?;
        for failure in &self.failures {
            match failure {
                Failure::Mismatch {
                    key,
                    expected,
                    actual,
                } => writeln!(f, "    {key}: expected {expected}, actual {actual}")?,
                Failure::Problem(message) => writeln!(f, "    {message}")?,
            }
        }
        if let Some(trace) = &self.trace {
            writeln!(f, "    explain:")?;
            for line in trace.lines() {
                if line.trim().is_empty() {
                    writeln!(f)?;
                } else {
                    writeln!(f, "      {line}")?;
                }
            }
        }
        Ok(())
    }
}

/// The counts of a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SuiteResult {
    /// Cases that passed.
    pub passed: usize,
    /// Cases that failed.
    pub failed: usize,
}

impl SuiteResult {
    /// Counts one case.
    pub fn add(&mut self, result: &CaseResult) {
        if result.passed() {
            self.passed += 1;
        } else {
            self.failed += 1;
        }
    }

    /// True when no case failed.
    pub fn ok(&self) -> bool {
        self.failed == 0
    }
}

impl fmt::Display for SuiteResult {
    /// The closing line, exactly `N passed, N failed`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} passed, {} failed", self.passed, self.failed)
    }
}

#[cfg(test)]
mod tests;
