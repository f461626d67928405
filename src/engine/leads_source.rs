//! The one way to open a run's leads: a file or standard input, in the dialect
//! `leadplay.yaml` gives it (delimiter, encoding, column mapping …). Every command that
//! reads the leads (`eval`, `check`, `explain`, `diff`, `backtest`, `watch`, the review
//! page) opens them here, so none can forget the dialect.

use super::LeadsSource;
use crate::leads::{LeadReader, LeadsError};
use crate::workspace::Workspace;

impl LeadsSource {
    /// How diagnostics name the source: the file as the workspace shows it, or `<stdin>`.
    pub fn display(&self, ws: &Workspace) -> String {
        match self {
            LeadsSource::File { path, .. } => ws.display(path),
            LeadsSource::Stdin(_) => "<stdin>".to_string(),
        }
    }

    /// A streaming reader of the leads in the workspace's dialect.
    pub fn open(&self, ws: &Workspace) -> Result<LeadReader, LeadsError> {
        // A bad `leads:` setting was reported when the source was chosen.
        let dialect = ws.leads_dialect().unwrap_or_default();
        let display = self.display(ws);
        match self {
            LeadsSource::File { path, format } => {
                LeadReader::open_with(path, &display, *format, &dialect)
            }
            LeadsSource::Stdin(format) => {
                LeadReader::from_reader_with(std::io::stdin(), &display, *format, &dialect)
            }
        }
    }
}
