//! [`LeadReader`]: one streaming interface over every format.

use super::bom::SkipBom;
use super::coerce::FileRules;
use super::csv_reader::{CsvSource, Notes};
use super::dialect::{Dialect, prepare};
use super::error::LeadsError;
use super::format::LeadFormat;
use super::json_array::JsonArraySource;
use super::json_lines::JsonLinesSource;
use super::raw::RawLead;
use super::record_source::RecordSource;
use super::yaml_source::YamlSource;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::Arc;

enum Source {
    // Boxed: the CSV reader carries its buffers and is several times the others' size.
    Csv(Box<CsvSource>),
    JsonArray(JsonArraySource),
    JsonLines(JsonLinesSource),
    Yaml(YamlSource),
}

impl Source {
    /// The format's reader, whichever it is.
    fn records(&mut self) -> &mut dyn RecordSource {
        match self {
            Source::Csv(s) => s.as_mut(),
            Source::JsonArray(s) => s,
            Source::JsonLines(s) => s,
            Source::Yaml(s) => s,
        }
    }
}

/// Reads the records of a leads file in batches, so memory does not grow with the file
/// (YAML excepted: it is loaded whole).
pub struct LeadReader {
    source: Source,
    file: String,
    format: LeadFormat,
    finished: bool,
    rules: FileRules,
    notes: Notes,
}

impl LeadReader {
    /// Opens a leads file. `display_name` is how messages name it (usually the path as
    /// the user wrote it). A CSV header is read, and a YAML document parsed, right away.
    pub fn open(
        path: &Path,
        display_name: &str,
        format: LeadFormat,
    ) -> Result<LeadReader, LeadsError> {
        let file = File::open(path).map_err(|source| LeadsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        LeadReader::from_reader(file, display_name, format)
    }

    /// [`LeadReader::open`] in a given dialect (what `leadplay.yaml` says of the file).
    pub(crate) fn open_with(
        path: &Path,
        display_name: &str,
        format: LeadFormat,
        dialect: &Dialect,
    ) -> Result<LeadReader, LeadsError> {
        let file = File::open(path).map_err(|source| LeadsError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        LeadReader::from_reader_with(file, display_name, format, dialect)
    }

    /// Reads leads from any byte stream (stdin for `--leads -`).
    pub fn from_reader<R: Read + Send + 'static>(
        input: R,
        display_name: &str,
        format: LeadFormat,
    ) -> Result<LeadReader, LeadsError> {
        LeadReader::from_reader_with(input, display_name, format, &Dialect::default())
    }

    /// [`LeadReader::from_reader`] in a given dialect.
    pub(crate) fn from_reader_with<R: Read + Send + 'static>(
        input: R,
        display_name: &str,
        format: LeadFormat,
        dialect: &Dialect,
    ) -> Result<LeadReader, LeadsError> {
        let file = display_name.to_string();
        let input = SkipBom::new(input);
        let notes = Notes::default();
        let source = match format {
            LeadFormat::Csv => {
                let prepared =
                    prepare(Box::new(input), dialect, &file).map_err(|source| LeadsError::Io {
                        path: file.clone().into(),
                        source,
                    })?;
                if let Some(note) = prepared.note {
                    notes.push(note);
                }
                Source::Csv(Box::new(CsvSource::new(
                    prepared.input,
                    &file,
                    prepared.delimiter,
                    notes.clone(),
                )?))
            }
            LeadFormat::Json => Source::JsonArray(JsonArraySource::new(buffered(input), &file)?),
            LeadFormat::JsonLines => {
                Source::JsonLines(JsonLinesSource::new(buffered(input), &file))
            }
            LeadFormat::Yaml => Source::Yaml(YamlSource::new(Box::new(input), &file)?),
        };
        Ok(LeadReader {
            source,
            file,
            format,
            finished: false,
            rules: dialect.rules,
            notes,
        })
    }

    /// Notes about the whole file for the user (a guessed encoding, a skipped footer),
    /// each once; the handle stays valid after the reader moves away, and is complete
    /// after the last batch.
    pub(crate) fn notes(&self) -> Notes {
        self.notes.clone()
    }

    /// How this file writes numbers and dates (its dialect's decimal mark and date order).
    pub(crate) fn rules(&self) -> FileRules {
        self.rules
    }

    /// The CSV header names (trimmed, BOM stripped), for `check --leads`; `None` for
    /// JSON and YAML, whose records name their own keys.
    pub fn columns(&self) -> Option<&[String]> {
        match &self.source {
            Source::Csv(csv) => Some(csv.columns()),
            _ => None,
        }
    }

    /// The CSV header shared with every record read (what [`Coercer::for_reader`]
    /// uses to skip per-row header checks).
    ///
    /// [`Coercer::for_reader`]: super::Coercer::for_reader
    pub fn header(&self) -> Option<Arc<[String]>> {
        match &self.source {
            Source::Csv(csv) => Some(csv.header()),
            _ => None,
        }
    }

    /// The display name given at open.
    pub fn display_name(&self) -> &str {
        &self.file
    }

    /// The format being read.
    pub fn format(&self) -> LeadFormat {
        self.format
    }

    /// The next records, at most `max` (at least one is asked for even when `max` is 0),
    /// in file order; `None` once the input is exhausted. Records that cannot be read
    /// come back as `RawBody::Unreadable`; only a broken
    /// document or an I/O failure is an `Err`, after which the reader is finished.
    pub fn next_batch(&mut self, max: usize) -> Result<Option<Vec<RawLead>>, LeadsError> {
        if self.finished {
            return Ok(None);
        }
        let max = max.max(1);
        let mut batch = Vec::with_capacity(max.min(BATCH_PREALLOCATION));
        match self.source.records().read_batch(&mut batch, max) {
            Ok(more) => self.finished = !more,
            Err(e) => {
                self.finished = true;
                return Err(e);
            }
        }
        Ok(if batch.is_empty() { None } else { Some(batch) })
    }
}

/// A cap on up-front allocation so a huge `max` does not reserve memory it never uses.
const BATCH_PREALLOCATION: usize = 16 * 1024;

fn buffered<R: Read + Send + 'static>(input: R) -> Box<dyn std::io::BufRead + Send> {
    Box::new(BufReader::with_capacity(64 * 1024, input))
}
