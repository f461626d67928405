//! The state layer's one error type.

use super::lock::LockHolder;
use chrono::NaiveDate;
use std::io;
use std::path::PathBuf;

/// Everything that can go wrong reading, writing or locking the state.
///
/// `Display` is the one-line message; [`StateError::help`] is the line telling the user
/// what to do about it.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The file exists but cannot be read.
    #[error("cannot read the state file `{}`: {source}", path.display())]
    Read {
        /// The state file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// The file (or its folder, or the temp file) cannot be written.
    #[error("cannot write the state file `{}`: {source}", path.display())]
    Write {
        /// The file being written.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
    /// A line is not a valid lead record.
    #[error("{}:{line}: corrupt state record: {message}", path.display())]
    Corrupt {
        /// The state file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// The JSON parser's message.
        message: String,
    },
    /// Two lines for the same lead.
    #[error("{}:{line}: lead `{id}` appears twice in the state file", path.display())]
    Duplicate {
        /// The state file.
        path: PathBuf,
        /// 1-based line number of the second record.
        line: usize,
        /// The lead id.
        id: String,
    },
    /// The run's as-of date is before the last recorded run.
    #[error("as-of date {as_of} is earlier than the last run ({last_run})")]
    AsOfBeforeLastRun {
        /// The requested as-of date.
        as_of: NaiveDate,
        /// The latest run recorded in the state.
        last_run: NaiveDate,
    },
    /// Another run still held the lock after the wait.
    #[error("{}", locked_message(path, holder))]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who holds it, when the file could be read.
        holder: Option<LockHolder>,
        /// How long this run waited.
        waited: std::time::Duration,
    },
    /// The lock file cannot be created or locked for another reason than being held.
    #[error("cannot take the lock file `{}`: {source}", path.display())]
    Lock {
        /// The lock file.
        path: PathBuf,
        /// The OS error.
        source: io::Error,
    },
}

impl StateError {
    /// What the user can do about it.
    pub fn help(&self) -> Option<String> {
        match self {
            StateError::Corrupt { .. } | StateError::Duplicate { .. } => Some(
                "fix or remove that line (the file is under version control: `git diff` shows \
                 what changed), then run again"
                    .to_string(),
            ),
            StateError::AsOfBeforeLastRun { last_run, .. } => Some(format!(
                "the day clock only moves forward: use `--as-of {last_run}` or later \
                 (`--dry-run` to look at an earlier day without recording it)"
            )),
            StateError::Locked { waited, .. } => Some(format!(
                "waited {:.1} s for that run to finish; run again when it has, or set \
                 `{}=SECONDS` to wait longer",
                waited.as_secs_f64(),
                super::lock::LOCK_WAIT_ENV
            )),
            _ => None,
        }
    }
}

fn locked_message(path: &std::path::Path, holder: &Option<LockHolder>) -> String {
    let who = match holder {
        Some(h) => h.describe(),
        None => "a process that left no readable details".to_string(),
    };
    format!(
        "another leadplay run holds the state lock `{}`: {who}",
        path.display()
    )
}
