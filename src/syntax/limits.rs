//! Guards against hostile input: a `.play` file must not be able to hang the parser or
//! overflow the stack, whatever it contains.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};
use std::num::NonZeroUsize;

/// Deepest nesting of brackets and prefix operators accepted in one expression.
/// Real rules nest a handful of levels; this leaves ample room.
pub const MAX_NESTING: usize = 64;

/// Deepest expression tree accepted (a chain `a or b or …` is as deep as it is long).
pub const MAX_EXPR_DEPTH: usize = 200;

/// Pest rule calls allowed per byte of a file (and at least [`MIN_CALL_LIMIT`]): pest's
/// guard against exponential backtracking, scaled with the file so that a large
/// generated program (a 50,000-rule score, about 4 MiB, takes ~12 calls a byte) parses,
/// while a pathological one still stops in time linear in its size.
const CALLS_PER_BYTE: usize = 64;

/// The call limit of a small file.
const MIN_CALL_LIMIT: usize = 20_000_000;

/// Largest `.play` file accepted, in bytes.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The call limit for a file of `len` bytes.
fn call_limit(len: usize) -> usize {
    len.saturating_mul(CALLS_PER_BYTE).max(MIN_CALL_LIMIT)
}

/// Installs pest's call limit for this thread's parses of a file of `len` bytes.
pub fn install_call_limit(len: usize) {
    pest::set_call_limit(NonZeroUsize::new(call_limit(len)));
}

/// True for pest's error when the call limit trips.
pub fn is_call_limit(error: &pest::error::Error<crate::syntax::grammar::Rule>) -> bool {
    matches!(&error.variant, pest::error::ErrorVariant::CustomError { message }
        if message.contains("call limit"))
}

/// What to say when the call limit trips: where, and what to change.
pub fn call_limit_error(file: FileId, len: usize) -> Diagnostic {
    Diagnostic::at(
        Code::TooComplex,
        Span::new(file, 0..0),
        format!(
            "this file is too complex to parse: the parser gave up after {} steps",
            call_limit(len)
        ),
    )
    .with_help(
        "this happens with deeply nested or very long expressions (e.g. thousands of \
         `and`/`or` or brackets on one rule); split long conditions into segments, and a \
         generated program into several `.play` files",
    )
}

/// Scans the text for nesting deeper than [`MAX_NESTING`] — brackets, or runs of
/// `not` / unary `-` — before pest sees it, since pest and the Pratt parser recurse
/// once per level. Strings, backtick names and comments are skipped.
pub fn check_nesting(file: FileId, text: &str) -> Option<Diagnostic> {
    if text.len() > MAX_FILE_BYTES {
        return Some(
            Diagnostic::at(
                Code::FileTooLarge,
                Span::new(file, 0..0),
                "file is too large to be a playbook",
            )
            .with_help(format!(
                "`.play` files may be at most {} MiB",
                MAX_FILE_BYTES / 1024 / 1024
            )),
        );
    }
    let mut depth = 0usize;
    let mut prefix_run = 0usize;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => skip_until(&mut chars, '"', true),
            '`' => skip_until(&mut chars, '`', false),
            '#' => skip_until(&mut chars, '\n', false),
            '(' | '[' => {
                depth += 1;
                if depth + prefix_run > MAX_NESTING {
                    return Some(too_deep(file, i));
                }
            }
            ')' | ']' => depth = depth.saturating_sub(1),
            '-' => {
                prefix_run += 1;
                if depth + prefix_run > MAX_NESTING {
                    return Some(too_deep(file, i));
                }
            }
            c if c.is_alphanumeric() || c == '_' => {
                let mut end = i + c.len_utf8();
                while let Some((j, c)) = chars.next_if(|(_, c)| c.is_alphanumeric() || *c == '_') {
                    end = j + c.len_utf8();
                }
                // `not` extends a prefix run; any other word ends it.
                if &text[i..end] == "not" {
                    prefix_run += 1;
                    if depth + prefix_run > MAX_NESTING {
                        return Some(too_deep(file, i));
                    }
                } else {
                    prefix_run = 0;
                }
            }
            '\n' => prefix_run = 0,
            _ => {}
        }
    }
    None
}

fn skip_until(
    chars: &mut std::iter::Peekable<std::str::CharIndices<'_>>,
    end: char,
    escapes: bool,
) {
    while let Some((_, c)) = chars.next() {
        if escapes && c == '\\' {
            chars.next();
        } else if c == end || c == '\n' {
            return;
        }
    }
}

fn too_deep(file: FileId, at: usize) -> Diagnostic {
    Diagnostic::at(
        Code::TooDeep,
        Span::new(file, at..at + 1),
        "expression is nested too deeply",
    )
    .with_help(format!(
        "at most {MAX_NESTING} levels of brackets and `not`/`-` are allowed; split it into segments"
    ))
}

#[cfg(test)]
mod tests;
