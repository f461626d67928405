//! What a run reports: the per-lead records and the summary.

mod lead;
mod summary;

pub use lead::{CsvRow, DraftReport, LeadReport, Number, Scores, append_csv_row, csv_header};
pub use summary::Summary;
