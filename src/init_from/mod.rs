//! `leadplay init --from-leads FILE [DIR]` (SPEC 5): a working workspace for an export
//! as it is — fields, types, key, roles and dialect inferred from the file, a starter
//! strategy over what it found — so `check --leads`, `eval --dry-run` and `test` pass
//! right away.

mod infer;
mod write;

pub use infer::{Inferred, infer};
pub use write::{GeneratedFile, workspace_files};

use crate::leads::{Dialect, LeadFormat, LeadReader, LeadsError, RawBody, sniff};
use std::io::Read;
use std::path::{Component, Path, PathBuf};

/// Rows read to infer types: enough to see every form a column takes in practice.
const SAMPLE_ROWS: usize = 20_000;

/// What `init --from-leads` made.
#[derive(Debug)]
pub struct Made {
    /// The files written, relative to the workspace.
    pub written: Vec<String>,
    /// What was inferred.
    pub inferred: Inferred,
    /// The dialect written into `leadplay.yaml`.
    pub dialect: Dialect,
    /// The export as `leadplay.yaml` names it (relative to the workspace).
    pub leads_path: String,
}

/// Why nothing (or not everything) was written.
#[derive(Debug, thiserror::Error)]
pub enum FromLeadsError {
    /// The export could not be read.
    #[error(transparent)]
    Leads(#[from] LeadsError),
    /// The export is not a CSV file with a header.
    #[error("`{0}` has no header row to make fields from")]
    NoHeader(String),
    /// Files of a workspace exist already.
    #[error(transparent)]
    Init(#[from] crate::init::InitError),
}

/// Reads `file`, infers its workspace and writes it into `dir` (created if missing);
/// writes nothing when any of the files exists.
pub fn init_from_leads(file: &Path, shown: &str, dir: &Path) -> Result<Made, FromLeadsError> {
    let dialect = sniff_file(file)?;
    let mut reader = LeadReader::open_with(file, shown, LeadFormat::Csv, &dialect)?;
    let header: Vec<String> = reader.columns().map(<[String]>::to_vec).unwrap_or_default();
    if header.is_empty() {
        return Err(FromLeadsError::NoHeader(shown.to_string()));
    }
    let mut rows = Vec::new();
    while rows.len() < SAMPLE_ROWS {
        let Some(batch) = reader.next_batch(SAMPLE_ROWS - rows.len())? else {
            break;
        };
        rows.extend(batch.iter().filter_map(|raw| {
            match &raw.body {
                RawBody::Csv(row) => Some(
                    (0..header.len())
                        .map(|i| {
                            row.get(i).map_or_else(String::new, |c| {
                                String::from_utf8_lossy(c).into_owned()
                            })
                        })
                        .collect::<Vec<String>>(),
                ),
                _ => None,
            }
        }));
    }
    let inferred = infer(&header, &rows);
    let leads_path = relative_to(file, dir);
    let files = workspace_files(&inferred, &leads_path, &dialect);
    let written = write_all(dir, &files)?;
    Ok(Made {
        written,
        inferred,
        dialect,
        leads_path,
    })
}

/// The file's delimiter and encoding, from its first bytes.
fn sniff_file(file: &Path) -> Result<Dialect, LeadsError> {
    let io = |source| LeadsError::Io {
        path: file.to_path_buf(),
        source,
    };
    let mut head = Vec::new();
    std::fs::File::open(file)
        .map_err(io)?
        .take(64 * 1024)
        .read_to_end(&mut head)
        .map_err(io)?;
    let (delimiter, encoding) = sniff(&head);
    Ok(Dialect {
        delimiter: Some(delimiter),
        encoding: (encoding != encoding_rs::UTF_8).then_some(encoding),
        ..Dialect::default()
    })
}

/// `file` as a path from `dir` (`../exports/hubspot.csv`), so the workspace keeps
/// working when both move together; absolute when they share no root.
fn relative_to(file: &Path, dir: &Path) -> String {
    let absolute =
        |p: &Path| -> PathBuf { std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf()) };
    let file = absolute(file);
    let _ = std::fs::create_dir_all(dir);
    let dir = absolute(dir);
    let (f, d): (Vec<Component>, Vec<Component>) =
        (file.components().collect(), dir.components().collect());
    let common = f.iter().zip(&d).take_while(|(a, b)| a == b).count();
    if common == 0 {
        return file.display().to_string();
    }
    let mut path = PathBuf::new();
    for _ in common..d.len() {
        path.push("..");
    }
    for part in f.iter().skip(common) {
        path.push(part.as_os_str());
    }
    path.to_string_lossy().replace('\\', "/")
}

fn write_all(dir: &Path, files: &[GeneratedFile]) -> Result<Vec<String>, crate::init::InitError> {
    let existing: Vec<String> = files
        .iter()
        .filter(|(path, _)| dir.join(path).symlink_metadata().is_ok())
        .map(|(path, _)| path.clone())
        .collect();
    if !existing.is_empty() {
        return Err(crate::init::InitError::Exists(existing));
    }
    let mut written = Vec::new();
    for (path, text) in files {
        let target = dir.join(path);
        let io = |source| crate::init::InitError::Io {
            path: path.clone(),
            source,
        };
        crate::atomic::write_atomic_new(&target, text.as_bytes()).map_err(io)?;
        written.push(path.clone());
    }
    written.extend(crate::init::gitignore(dir)?.map(str::to_string));
    Ok(written)
}
