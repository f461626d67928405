//! YAML front matter of a template: `---`, `subject:` and `headers:`, `---`, then the body.

use crate::diagnostics::{Code, Diagnostic, did_you_mean};
use crate::render::header::header_name_problem;
use crate::source::{FileId, Span};
use serde_json::Value as Json;
use std::ops::Range;

/// The keys front matter may hold.
const KEYS: [&str; 2] = ["subject", "headers"];

/// One templated front matter value and where it sits in the file.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Field {
    /// The template source (a minijinja template, usually one line).
    pub source: String,
    /// 1-based line of the key in the file.
    pub line: usize,
    /// Byte range of that line in the file, for diagnostics.
    pub span: Range<usize>,
}

/// A template file split into front matter and body.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Parsed<'a> {
    /// The body template source.
    pub body: &'a str,
    /// Byte offset of the body in the file.
    pub body_offset: usize,
    /// Lines before the body (front matter and its fences).
    pub body_line_offset: usize,
    /// `subject:`, if present.
    pub subject: Option<Field>,
    /// `headers:` entries, sorted by name.
    pub headers: Vec<(String, Field)>,
}

/// Splits and parses a template file; every problem becomes a diagnostic in `file`.
pub(crate) fn parse(text: &str, file: FileId) -> Result<Parsed<'_>, Vec<Diagnostic>> {
    let Some((front, body_offset)) = split(text, file)? else {
        return Ok(Parsed {
            body: text,
            body_offset: 0,
            body_line_offset: 0,
            subject: None,
            headers: Vec::new(),
        });
    };
    let body = text.get(body_offset..).unwrap_or("");
    let body_line_offset = text.get(..body_offset).unwrap_or("").matches('\n').count();
    let keys = FrontKeys {
        text,
        front: front.clone(),
        file,
    };
    let yaml = text.get(front).unwrap_or("");
    let (subject, headers) = keys.read(yaml)?;
    Ok(Parsed {
        body,
        body_offset,
        body_line_offset,
        subject,
        headers,
    })
}

/// Finds `---\n … \n---\n`: the YAML's byte range and where the body starts.
fn split(text: &str, file: FileId) -> Result<Option<(Range<usize>, usize)>, Vec<Diagnostic>> {
    let mut lines = line_ranges(text);
    let Some(first) = lines.next() else {
        return Ok(None);
    };
    if text.get(first.content.clone()).map(str::trim_end) != Some("---") {
        return Ok(None);
    }
    for line in lines {
        if text.get(line.content.clone()).map(str::trim_end) == Some("---") {
            return Ok(Some((first.end..line.content.start, line.end)));
        }
    }
    Err(vec![
        Diagnostic::at(
            Code::FrontMatterOpen,
            Span::new(file, first.content),
            "front matter is not closed",
        )
        .with_label("opened here")
        .with_help("end the front matter with a line holding only `---`"),
    ])
}

struct LineRange {
    /// The line without its line break.
    content: Range<usize>,
    /// Offset after the line break.
    end: usize,
}

fn line_ranges(text: &str) -> impl Iterator<Item = LineRange> + '_ {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let rest = text.get(start..)?;
        let (len, end) = match rest.find('\n') {
            Some(i) => (i, start + i + 1),
            None => (rest.len(), text.len()),
        };
        let content_end = start + rest.get(..len)?.trim_end_matches('\r').len();
        let line = LineRange {
            content: start..content_end,
            end,
        };
        start = end;
        Some(line)
    })
}

/// Reads the keys of one front matter block, pointing diagnostics at their lines.
struct FrontKeys<'a> {
    text: &'a str,
    front: Range<usize>,
    file: FileId,
}

type Headers = Vec<(String, Field)>;

impl FrontKeys<'_> {
    fn read(&self, yaml: &str) -> Result<(Option<Field>, Headers), Vec<Diagnostic>> {
        let map = match crate::yaml::to_json(yaml) {
            Ok(Json::Null) => return Ok((None, Vec::new())),
            Ok(Json::Object(map)) => map,
            Ok(_) => return Err(vec![self.whole_error("front matter must be a mapping")]),
            Err(e) => return Err(vec![self.yaml_error(yaml, &e)]),
        };
        let mut errors = Vec::new();
        let mut subject = None;
        let mut headers = Vec::new();
        for (key, value) in &map {
            match key.as_str() {
                "subject" => match self.field(key, value, 0) {
                    Ok(f) => subject = Some(f),
                    Err(d) => errors.push(d),
                },
                "headers" => match self.headers(value) {
                    Ok(h) => headers = h,
                    Err(mut d) => errors.append(&mut d),
                },
                other => errors.push(self.unknown_key(other)),
            }
        }
        if errors.is_empty() {
            Ok((subject, headers))
        } else {
            Err(errors)
        }
    }

    fn headers(&self, value: &Json) -> Result<Headers, Vec<Diagnostic>> {
        let Json::Object(map) = value else {
            let span = self.key_line("headers", 0);
            return Err(vec![
                Diagnostic::at(
                    Code::HeadersShape,
                    span,
                    "`headers` must be a mapping of header name to value",
                )
                .with_help("write e.g. `headers: { Reply-To: \"{{ owner.email }}\" }`"),
            ]);
        };
        let after = self.key_line("headers", 0).range().end;
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for (name, value) in map {
            let located = self.field(name, value, after);
            let problem = header_name_problem(name);
            match (located, problem) {
                (Ok(field), None) => out.push((name.clone(), field)),
                (Ok(field), Some(problem)) => errors.push(
                    Diagnostic::at(
                        Code::BadHeader,
                        self.span(field.span),
                        format!("header `{name}`: {problem}"),
                    )
                    .with_help("extra headers are for things like `Reply-To` or `X-Campaign`"),
                ),
                (Err(d), _) => errors.push(d),
            }
        }
        let seen_twice = duplicate_ignoring_case(&out);
        if let Some((name, field)) = seen_twice {
            errors.push(Diagnostic::at(
                Code::HeaderTwice,
                self.span(field.span.clone()),
                format!("header `{name}` is given twice (header names ignore case)"),
            ));
        }
        if errors.is_empty() {
            Ok(out)
        } else {
            Err(errors)
        }
    }

    /// A key whose value must be a template string (scalars are taken as their text).
    fn field(&self, key: &str, value: &Json, search_from: usize) -> Result<Field, Diagnostic> {
        let span = self.key_line(key, search_from);
        let source = match value {
            Json::String(s) => s.clone(),
            Json::Number(n) => n.to_string(),
            Json::Bool(b) => b.to_string(),
            _ => {
                return Err(Diagnostic::at(
                    Code::FrontMatterNotText,
                    span,
                    format!("`{key}` must be text"),
                )
                .with_help("quote the value: `subject: \"…\"`"));
            }
        };
        let (line, _) = line_col(self.text, span.range().start);
        Ok(Field {
            source,
            line,
            span: span.range(),
        })
    }

    fn unknown_key(&self, key: &str) -> Diagnostic {
        let d = Diagnostic::at(
            Code::FrontMatterKey,
            self.key_line(key, 0),
            format!("unknown front matter key `{key}`"),
        );
        match did_you_mean(key, KEYS) {
            Some(k) => d.with_help(format!("did you mean `{k}`?")),
            None => d.with_help("front matter may hold `subject` and `headers`"),
        }
    }

    fn yaml_error(&self, yaml: &str, e: &crate::yaml::YamlError) -> Diagnostic {
        let offset = match (e.line, e.column) {
            (Some(line), Some(col)) => offset_of(yaml, line, col),
            _ => 0,
        };
        let start = self.front.start + offset;
        let message = e.message.split(" at line ").next().unwrap_or(&e.message);
        Diagnostic::at(
            Code::FrontMatterYaml,
            Span::new(self.file, start..start),
            format!("front matter is not valid YAML: {message}"),
        )
    }

    fn whole_error(&self, message: &str) -> Diagnostic {
        Diagnostic::at(
            Code::FrontMatterShape,
            Span::new(self.file, self.front.clone()),
            message,
        )
        .with_help("write `subject: \"…\"` and optionally `headers:` with one header per line")
    }

    /// The line holding `key:` (searching from byte `from`), else the whole front matter.
    fn key_line(&self, key: &str, from: usize) -> Span {
        let start = from.max(self.front.start);
        let found = line_ranges(self.text)
            .filter(|l| l.content.start >= start && l.content.end <= self.front.end)
            .find(|l| {
                let line = self.text.get(l.content.clone()).unwrap_or("").trim_start();
                [key.to_string(), format!("\"{key}\""), format!("'{key}'")]
                    .iter()
                    .any(|k| {
                        line.strip_prefix(k.as_str())
                            .is_some_and(|r| r.trim_start().starts_with(':'))
                    })
            });
        self.span(found.map_or(self.front.clone(), |l| l.content))
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.file, range)
    }
}

fn duplicate_ignoring_case(headers: &[(String, Field)]) -> Option<&(String, Field)> {
    headers.iter().enumerate().find_map(|(i, entry)| {
        headers
            .get(..i)?
            .iter()
            .any(|(earlier, _)| earlier.eq_ignore_ascii_case(&entry.0))
            .then_some(entry)
    })
}

/// Byte offset of a 1-based line and column (characters) in `text`.
fn offset_of(text: &str, line: usize, col: usize) -> usize {
    let Some(l) = line_ranges(text).nth(line.saturating_sub(1)) else {
        return text.len();
    };
    let content = text.get(l.content.clone()).unwrap_or("");
    let within = content
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(content.len(), |(i, _)| i);
    l.content.start + within
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests;
