//! The lead-data layer: reads CRM exports (CSV, JSON, JSON Lines, YAML) as a stream of
//! records and coerces each to the program's [`LeadSchema`](crate::schema::LeadSchema).
//!
//! - [`LeadReader`] yields [`RawLead`]s in batches; memory stays flat (YAML is loaded whole).
//! - [`Coercer`] turns a `RawLead` into a [`Lead`] (one [`Value`](crate::value::Value) per
//!   schema slot) or a [`RowError`]; it is `Sync`, so batches coerce in parallel.
//! - [`KeyTracker`] makes a repeated key a row error for the later row.
//! - [`for_each_batch`] / [`read_all`] put the three together.
//!
//! A broken document (or I/O failure) is a [`LeadsError`] and stops the run; a bad
//! record is a [`RowError`]: reported, left out, and the run goes on.

mod bad_cell;
mod bom;
mod cell_plan;
mod coerce;
mod coerce_errors;
mod convert;
mod csv_reader;
mod csv_records;
mod csv_rows;
mod dates;
mod dialect;
mod error;
mod find;
mod format;
mod json_array;
mod json_lines;
mod json_lookup;
mod keys;
mod lead;
mod pipeline;
mod probe;
mod raw;
mod reader;
mod record_source;
mod scalar;
mod slot;
mod tolerant;
mod yaml_source;

#[cfg(test)]
mod tests;

pub use bad_cell::BadCell;
#[cfg(test)]
pub(crate) use coerce::coerce;
pub use coerce::{Coercer, FileRules};
pub use coerce_errors::check_key_column;
#[cfg(test)]
pub(crate) use csv_rows::CsvRow;
pub use dates::{DateOrder, is_date_format};
pub use dates::{date_in, datetime_in};
pub use dialect::{Dialect, ENCODINGS, sniff};
pub use error::{LeadsError, RowError, RowPlace, quote_value};
pub use find::find_leads;
pub use format::LeadFormat;
pub use keys::KeyTracker;
pub use lead::Lead;
#[cfg(test)]
pub(crate) use pipeline::read_all;
pub use pipeline::{
    BATCH_SIZE, LeadBatch, coerce_batch, collect_all, for_each_batch, for_each_raw_batch,
};
pub use probe::{Probed, Prober};
pub use raw::{RawBody, RawLead};
pub use reader::LeadReader;
pub use scalar::parse_number;
pub use tolerant::NumberStyle;
pub use tolerant::{bool_wide, money_in, number_in, percent_in};
