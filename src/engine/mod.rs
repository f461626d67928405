//! One evaluation run: stream the leads, score and tier each, decide what is due,
//! render and write the drafts, then record the state — in that order, so the state
//! never claims a draft that is not on disk. A preview run (`watch`) renders into
//! memory instead, reusing the previous reload's drafts through a [`RenderMemo`].
//!
//! The CLI's `eval`, `explain`, `test` and `watch` all go through here.

mod batch;
mod cap_front;
mod commit;
mod draft_counts;
mod drafts;
mod interleave;
mod leads_source;
mod leftovers;
mod let_go;
mod load;
mod memo;
mod one_lead;
mod order;
mod output;
mod pipeline;
mod progress;
mod records;
mod rows;
mod run;
mod spool;
mod state_read;
mod tally;

pub use commit::KeptFile;
pub use drafts::{DraftFailure, draft_context};
pub use load::{Loaded, load, load_from_sources};
pub use memo::{ContentDigest, PreviewDraft, RenderMemo};
pub use one_lead::{Planned, evaluate_and_plan};
pub use output::EvalOutput;
pub use progress::{Phase, Progress, Silent};
pub use records::RecordFormat;
pub use run::{EvalOptions, LeadsSource, Mode, evaluate, evaluate_streamed, evaluate_with_memo};

use crate::leads::LeadsError;
use crate::state::StateError;

/// Why a run stopped (a bad row or a failed draft does not stop it).
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    /// The leads could not be read at all.
    #[error(transparent)]
    Leads(#[from] LeadsError),
    /// The state file could not be read, locked or written, or the date went back.
    #[error(transparent)]
    State(#[from] StateError),
    /// The drafts could not be made durable or given their names.
    #[error("cannot write the drafts to `{}`: {source}", outbox.display())]
    Drafts {
        /// The outbox.
        outbox: std::path::PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// `--strict` and at least one row error or unreadable value: nothing was written.
    #[error("{} with --strict: nothing was written", strict_counts(.0.len(), .1.len()))]
    Strict(Vec<crate::leads::RowError>, Vec<crate::leads::BadCell>),
    /// Not one lead of the file could be used: a run over nothing is no success.
    #[error("no lead in the file could be used ({} row errors); the first: {}", .0.len(), first_error(.0))]
    NoUsableLead(Vec<crate::leads::RowError>),
}

fn strict_counts(rows: usize, cells: usize) -> String {
    match (rows, cells) {
        (r, 0) => format!("{r} row errors"),
        (0, c) => format!("{c} unreadable values"),
        (r, c) => format!("{r} row errors and {c} unreadable values"),
    }
}

fn first_error(errors: &[crate::leads::RowError]) -> String {
    errors.first().map(ToString::to_string).unwrap_or_default()
}

impl EngineError {
    /// The diagnostic code when the failure is about the lead data (`LP05xx`); state
    /// and outbox failures are about the machine, not the user's files, and have none.
    pub(crate) fn code(&self) -> Option<crate::diagnostics::Code> {
        match self {
            EngineError::Leads(e) => Some(e.code()),
            EngineError::NoUsableLead(rows) => rows.first().map(|r| r.code),
            EngineError::State(_) | EngineError::Drafts { .. } | EngineError::Strict(..) => None,
        }
    }

    /// The help line for the error, if it has one.
    pub fn help(&self) -> Option<String> {
        match self {
            EngineError::Leads(e) => e.help(),
            EngineError::State(e) => e.help(),
            EngineError::Drafts { .. } => Some(
                "nothing was recorded in the state: the same drafts are made again by the next run"
                    .into(),
            ),
            EngineError::Strict(..) => {
                Some("fix the rows listed above, or run without --strict to leave them out".into())
            }
            EngineError::NoUsableLead(_) => Some(
                "check the key column and the `fields` block against the file: `leadplay check --leads FILE`"
                    .into(),
            ),
        }
    }
}
