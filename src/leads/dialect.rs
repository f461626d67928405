//! A CSV file's dialect (SPEC 5): its delimiter (detected from the header line unless
//! given), its encoding (UTF-8 with or without BOM, UTF-16 with a BOM, else
//! Windows-1252 with a note), and how it writes numbers and dates.
//!
//! UTF-8 input streams as before. Only a file in another encoding is decoded whole
//! into memory first: those are spreadsheet exports, small next to a CRM dump.

use super::coerce::FileRules;
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::io::{self, Cursor, Read};

/// How to read a CSV file; `None` fields are detected.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Dialect {
    /// The cell delimiter (`,` `;` tab `|` …).
    pub delimiter: Option<u8>,
    /// The text encoding.
    pub encoding: Option<&'static Encoding>,
    /// Decimal comma and date order.
    pub rules: FileRules,
}

impl Dialect {
    /// Parses a delimiter as `leadplay.yaml` gives it: one ASCII character, or `tab`.
    pub fn delimiter_from_name(name: &str) -> Option<u8> {
        match name {
            "tab" | "\\t" | "\t" => Some(b'\t'),
            one if one.len() == 1 && one.is_ascii() => one.bytes().next(),
            _ => None,
        }
    }

    /// Parses an encoding label (`utf-8`, `utf-16le`, `windows-1252`, `latin1` …).
    pub fn encoding_from_name(name: &str) -> Option<&'static Encoding> {
        Encoding::for_label(name.trim().as_bytes())
    }
}

/// The bytes looked at to decide the encoding and the delimiter.
const HEAD_BYTES: usize = 64 * 1024;

/// Delimiters a header line is searched for, in the order ties go.
const CANDIDATES: [u8; 4] = [b',', b';', b'\t', b'|'];

/// An input ready for the CSV parser: UTF-8 bytes, the delimiter to use, and a note
/// for the user when the encoding was guessed.
pub(super) struct Prepared {
    pub(super) input: Box<dyn Read + Send>,
    pub(super) delimiter: u8,
    pub(super) note: Option<String>,
}

/// Decodes (when needed) and detects the delimiter of a CSV input.
pub(super) fn prepare(
    mut input: Box<dyn Read + Send>,
    dialect: &Dialect,
    file: &str,
) -> io::Result<Prepared> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut input)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)?;
    let (encoding, note) = choose_encoding(&head, dialect.encoding, file);
    let input: Box<dyn Read + Send> = if encoding == UTF_8 {
        Box::new(Cursor::new(head).chain(input))
    } else {
        let mut all = head;
        input.read_to_end(&mut all)?;
        let (text, _, _) = encoding.decode(&all);
        Box::new(Cursor::new(text.into_owned().into_bytes()))
    };
    let mut input = io::BufReader::with_capacity(HEAD_BYTES, input);
    let delimiter = match dialect.delimiter {
        Some(d) => d,
        None => detect_delimiter(io::BufRead::fill_buf(&mut input)?),
    };
    Ok(Prepared {
        input: Box::new(input),
        delimiter,
        note,
    })
}

/// The encoding to decode with, and a note when it was a guess.
fn choose_encoding(
    head: &[u8],
    given: Option<&'static Encoding>,
    file: &str,
) -> (&'static Encoding, Option<String>) {
    if let Some((bom, _)) = Encoding::for_bom(head) {
        return (bom, None);
    }
    if let Some(given) = given {
        return (given, None);
    }
    match std::str::from_utf8(head) {
        // An error at the very end may be a character cut by the 64 KiB window.
        Err(e) if e.error_len().is_some() => (
            WINDOWS_1252,
            Some(format!(
                "{file} is not UTF-8; read as Windows-1252 (set `leads: {{ encoding: … }}` in leadplay.yaml if that is wrong)"
            )),
        ),
        _ => (UTF_8, None),
    }
}

/// The encoding and delimiter a file's first bytes suggest (what `init --from-leads`
/// writes into `leadplay.yaml`).
pub fn sniff(head: &[u8]) -> (u8, &'static Encoding) {
    let (encoding, _) = choose_encoding(head, None, "");
    let (text, _, _) = encoding.decode(head);
    (detect_delimiter(text.as_bytes()), encoding)
}

/// The delimiter of a header line: the candidate seen most often outside quotes
/// (`,` when none is).
pub(super) fn detect_delimiter(head: &[u8]) -> u8 {
    let mut counts = [0usize; CANDIDATES.len()];
    let mut quoted = false;
    for &byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = CANDIDATES.iter().position(|&c| c == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let best =
        (0..CANDIDATES.len()).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    CANDIDATES[best]
}

/// The encodings a file can be given as; for messages.
pub const ENCODINGS: &str = "utf-8, utf-16le, utf-16be, windows-1252";

#[cfg(test)]
mod tests;
