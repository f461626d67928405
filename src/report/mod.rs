//! What a run reports: the per-lead records and the summary.

mod lead;
mod summary;

pub use lead::{CsvRow, DraftReport, LeadReport, Number, Scores, csv_header, write_csv_row};
pub use summary::Summary;
