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
    /// Another run holds the lock (or left it behind).
    #[error("{}", locked_message(path, holder, *stale))]
    Locked {
        /// The lock file.
        path: PathBuf,
        /// Who wrote it, when the file could be read.
        holder: Option<LockHolder>,
        /// True when the holder's process is known not to be running any more.
        stale: bool,
    },
    /// The lock file cannot be created for another reason than being held.
    #[error("cannot create the lock file `{}`: {source}", path.display())]
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
            StateError::Locked { path, stale, .. } => Some(if *stale {
                format!(
                    "if no other leadplay run is active, delete `{}` and run again",
                    path.display()
                )
            } else {
                format!(
                    "wait for that run to finish; if it crashed, delete `{}` and run again",
                    path.display()
                )
            }),
            _ => None,
        }
    }
}

fn locked_message(path: &std::path::Path, holder: &Option<LockHolder>, stale: bool) -> String {
    let path = path.display();
    let who = match holder {
        Some(h) => h.describe(),
        None => "a process that left no readable details".to_string(),
    };
    if stale {
        format!(
            "the state lock `{path}` looks stale: it was taken by {who}, which is no longer running"
        )
    } else {
        format!("another leadplay run holds the state lock `{path}`: {who}")
    }
}
