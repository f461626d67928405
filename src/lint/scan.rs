//! One pass over a leads file for `check --leads`: row errors, data quality and rule
//! coverage together, a batch at a time so memory stays flat.

use super::coverage::Coverage;
use super::quality::Quality;
use crate::leads::{
    BATCH_SIZE, BadCell, Coercer, KeyTracker, LeadReader, LeadsError, RowError, coerce_batch,
};
use crate::program::Program;
use crate::schema::{LeadSchema, Role};
use chrono::NaiveDate;
use std::fmt;

/// What `check --leads` found in the data.
#[derive(Debug, Clone)]
pub struct LeadsReport {
    /// The leads file as shown.
    pub file: String,
    /// The evaluation date the coverage was computed for.
    pub as_of: NaiveDate,
    /// Leads that coerced (the ones the coverage counts).
    pub usable: usize,
    /// Records left out, in file order.
    pub row_errors: Vec<RowError>,
    /// Values that did not fit their type (treated as missing), in file order.
    pub bad_cells: Vec<BadCell>,
    /// Per field.
    pub quality: Quality,
    /// Per rule.
    pub coverage: Coverage,
}

/// Reads the whole file: every record's fields are tallied (even a record with a row
/// error), every usable lead is explained for coverage.
pub fn scan_leads(
    mut reader: LeadReader,
    program: &Program,
    as_of: NaiveDate,
) -> Result<LeadsReport, LeadsError> {
    let coercer = Coercer::for_reader(&program.schema, &reader);
    let mut keys = KeyTracker::new(coercer.key_name(), coercer.file());
    let mut report = LeadsReport {
        file: reader.display_name().to_string(),
        as_of,
        usable: 0,
        row_errors: Vec::new(),
        bad_cells: Vec::new(),
        quality: Quality::new(&program.schema, reader.rules()),
        coverage: Coverage::new(program),
    };
    while let Some(raws) = reader.next_batch(BATCH_SIZE)? {
        for raw in &raws {
            report.quality.add(raw);
        }
        let batch = coerce_batch(&coercer, &mut keys, raws);
        report.usable += batch.leads.len();
        for lead in &batch.leads {
            report.coverage.add(program, &lead.values, as_of);
        }
        report.row_errors.extend(batch.errors);
        report.bad_cells.extend(batch.bad_cells);
    }
    Ok(report)
}

impl LeadsReport {
    /// A warning per role whose field is missing in every record (SPEC 5): drafts
    /// would have no address, no name or no language for anyone.
    pub fn empty_roles(&self, schema: &LeadSchema) -> Vec<String> {
        if self.quality.records == 0 {
            return Vec::new();
        }
        Role::ALL
            .into_iter()
            .filter_map(|role| {
                let field = schema.role_field(role)?;
                let name = field.display_name();
                let quality = self.quality.fields.iter().find(|q| q.name == name)?;
                (quality.missing == self.quality.records).then(|| {
                    format!(
                        "field `{name}` plays the `{role}` role but is missing in every record of {}",
                        self.file
                    )
                })
            })
            .collect()
    }

    /// `2 unreadable (revenue: 1, last_activity: 1), treated as missing`.
    fn unreadable_line(&self) -> Option<String> {
        if self.bad_cells.is_empty() {
            return None;
        }
        let mut counts = std::collections::BTreeMap::new();
        for cell in &self.bad_cells {
            *counts.entry(cell.field.as_str()).or_insert(0usize) += 1;
        }
        let per_field: Vec<String> = counts.iter().map(|(f, n)| format!("{f}: {n}")).collect();
        Some(format!(
            "values: {} unreadable ({}), treated as missing",
            self.bad_cells.len(),
            per_field.join(", ")
        ))
    }
}

impl fmt::Display for LeadsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "data quality: {}, {} records ({} usable, {} with row errors)",
            self.file,
            self.quality.records,
            self.usable,
            self.row_errors.len()
        )?;
        if let Some(line) = self.unreadable_line() {
            writeln!(f, "{line}")?;
        }
        write!(f, "{}", self.quality)?;
        writeln!(
            f,
            "rule coverage: {} usable leads, as of {}",
            self.usable, self.as_of
        )?;
        write!(f, "{}", self.coverage)
    }
}
