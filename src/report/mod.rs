//! What a run reports: the per-lead records and the summary.

mod lead;
mod summary;

pub use lead::{DraftReport, LeadReport, Number, Scores, csv_header};
pub use summary::Summary;
