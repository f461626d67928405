//! A JSON array read one element at a time: a small scanner finds each element's bytes
//! (tracking strings and nesting), serde_json parses just that slice. Memory holds one
//! element, never the array; positions stay exact for error messages.

use super::error::{LeadsError, RowPlace};
use super::json_lines::{object_body, strip_position};
use super::raw::RawLead;
use super::record_source::OneByOne;
use std::io::BufRead;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// After `[`: an element or `]` comes next.
    First,
    /// After an element: `,` or `]` comes next.
    Between,
    /// After `]` (or an empty input).
    Done,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    line: usize,
    column: usize,
}

impl Position {
    /// Moves past `bytes`.
    fn advance(&mut self, bytes: &[u8]) {
        for &b in bytes {
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // UTF-8 continuation bytes do not start a new character.
                self.column += 1;
            }
        }
    }
}

/// Where a scan is inside a bracketed value or string, kept across buffer refills.
#[derive(Debug, Default)]
struct Scanner {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Scanner {
    /// Feeds bytes; returns the length up to and including the element's last byte
    /// when it ends in `bytes`.
    fn find_end(&mut self, bytes: &[u8]) -> Option<usize> {
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
            } else {
                match b {
                    b'"' => self.in_string = true,
                    b'{' | b'[' => self.depth += 1,
                    b'}' | b']' => self.depth = self.depth.saturating_sub(1),
                    _ => {}
                }
            }
            if self.depth == 0 && !self.in_string {
                return Some(i + 1);
            }
        }
        None
    }
}

/// Reads the elements of one JSON array in batches.
pub(super) struct JsonArraySource {
    input: Box<dyn BufRead + Send>,
    file: String,
    at: Position,
    state: State,
    rows: usize,
    element: Vec<u8>,
}

impl JsonArraySource {
    /// Opens the stream and consumes the opening `[`; an empty input has no leads.
    pub(super) fn new(
        input: Box<dyn BufRead + Send>,
        file: &str,
    ) -> Result<JsonArraySource, LeadsError> {
        let mut source = JsonArraySource {
            input,
            file: file.to_string(),
            at: Position { line: 1, column: 1 },
            state: State::First,
            rows: 0,
            element: Vec::new(),
        };
        source.skip_whitespace()?;
        match source.peek()? {
            None => source.state = State::Done,
            Some(b'[') => source.bump()?,
            Some(_) => {
                return Err(
                    source.malformed(source.at, "expected a JSON array of lead objects (`[`)")
                );
            }
        }
        Ok(source)
    }

    /// The next element of the array, `None` after the closing `]`.
    fn next_element(&mut self) -> Result<Option<RawLead>, LeadsError> {
        if self.state == State::Done {
            return Ok(None);
        }
        self.skip_whitespace()?;
        match (self.state, self.peek()?) {
            (_, None) => {
                return Err(
                    self.malformed(self.at, "the file ends inside the array (no closing `]`)")
                );
            }
            (_, Some(b']')) => return self.finish().map(|()| None),
            (State::Between, Some(b',')) => {
                self.bump()?;
                self.skip_whitespace()?;
                if self.peek()? == Some(b']') {
                    return Err(self.malformed(self.at, "a trailing comma before `]`"));
                }
            }
            (State::Between, Some(_)) => {
                return Err(self.malformed(self.at, "expected `,` or `]` after an array element"));
            }
            _ => {}
        }
        let start = self.at;
        self.scan_element()?;
        self.rows += 1;
        self.state = State::Between;
        let value = serde_json::from_slice::<serde_json::Value>(&self.element)
            .map_err(|e| self.parse_error(start, &e))?;
        let place = RowPlace {
            row: self.rows,
            line: Some(start.line),
            by_line: false,
        };
        Ok(Some(RawLead {
            place,
            body: object_body(value, place, &self.file),
        }))
    }

    /// Copies one element's bytes into `self.element`: a bracketed value up to its
    /// matching close, a string up to its closing quote, or a bare scalar up to a delimiter.
    fn scan_element(&mut self) -> Result<(), LeadsError> {
        self.element.clear();
        match self.peek()? {
            Some(b'{' | b'[' | b'"') => self.scan_delimited(),
            _ => {
                while let Some(b) = self.peek()? {
                    if matches!(b, b',' | b']' | b'}') || b.is_ascii_whitespace() {
                        break;
                    }
                    self.take()?;
                }
                Ok(())
            }
        }
    }

    /// Scans a bracketed value or a string a whole buffer at a time (the per-byte path
    /// would cost a virtual call per byte on a file of hundreds of megabytes).
    fn scan_delimited(&mut self) -> Result<(), LeadsError> {
        let mut scan = Scanner::default();
        loop {
            let buffer = match self.input.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) => return Err(self.io_error(e)),
            };
            if buffer.is_empty() {
                return Err(self.malformed(self.at, "the file ends inside an array element"));
            }
            let end = scan.find_end(buffer);
            let taken = buffer
                .get(..end.unwrap_or(buffer.len()))
                .unwrap_or_default();
            self.element.extend_from_slice(taken);
            self.at.advance(taken);
            let count = taken.len();
            self.input.consume(count);
            if end.is_some() {
                return Ok(());
            }
        }
    }

    /// After the closing `]`: only white space may follow.
    fn finish(&mut self) -> Result<(), LeadsError> {
        self.bump()?;
        self.skip_whitespace()?;
        self.state = State::Done;
        match self.peek()? {
            None => Ok(()),
            Some(_) => Err(self.malformed(self.at, "unexpected text after the closing `]`")),
        }
    }

    fn parse_error(&self, start: Position, error: &serde_json::Error) -> LeadsError {
        // serde_json counts lines and bytes from the element's first byte; shift to the
        // file's position and count characters, as editors do.
        let line_in_element = error.line().max(1);
        let line_start = if line_in_element == 1 {
            0
        } else {
            self.element
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'\n')
                .nth(line_in_element - 2)
                .map_or(self.element.len(), |(i, _)| i + 1)
        };
        let line_end = (line_start + error.column().saturating_sub(1)).min(self.element.len());
        let chars_before = self.element.get(line_start..line_end).map_or(0, |bytes| {
            bytes.iter().filter(|b| **b & 0xC0 != 0x80).count()
        });
        let at = if line_in_element == 1 {
            Position {
                line: start.line,
                column: start.column + chars_before,
            }
        } else {
            Position {
                line: start.line + line_in_element - 1,
                column: chars_before + 1,
            }
        };
        self.malformed(at, &strip_position(&error.to_string()))
    }

    fn malformed(&self, at: Position, message: &str) -> LeadsError {
        LeadsError::Malformed {
            file: self.file.clone(),
            line: Some(at.line),
            column: Some(at.column),
            message: message.to_string(),
        }
    }

    fn io_error(&self, source: std::io::Error) -> LeadsError {
        LeadsError::Io {
            path: PathBuf::from(&self.file),
            source,
        }
    }

    fn peek(&mut self) -> Result<Option<u8>, LeadsError> {
        match self.input.fill_buf() {
            Ok(buffer) => Ok(buffer.first().copied()),
            Err(e) => Err(self.io_error(e)),
        }
    }

    /// Consumes one byte, keeping the position.
    fn bump(&mut self) -> Result<(), LeadsError> {
        if let Some(b) = self.peek()? {
            self.input.consume(1);
            self.at.advance(&[b]);
        }
        Ok(())
    }

    /// Consumes one byte into the element buffer; the end of input here is fatal.
    fn take(&mut self) -> Result<u8, LeadsError> {
        match self.peek()? {
            Some(b) => {
                self.element.push(b);
                self.bump()?;
                Ok(b)
            }
            None => Err(self.malformed(self.at, "the file ends inside an array element")),
        }
    }

    fn skip_whitespace(&mut self) -> Result<(), LeadsError> {
        while let Some(b) = self.peek()? {
            if !b.is_ascii_whitespace() {
                break;
            }
            self.bump()?;
        }
        Ok(())
    }
}

impl OneByOne for JsonArraySource {
    fn next_record(&mut self) -> Result<Option<RawLead>, LeadsError> {
        self.next_element()
    }
}
