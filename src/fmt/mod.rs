//! The canonical formatter for `.play` files (`leadplay fmt`).
//!
//! [`format_source`] re-prints a file from its AST, so there is one layout whatever the
//! input looked like:
//!
//! - Items inside a block are indented by 2 spaces; every item is on one line.
//! - Expressions are re-flowed onto one line (line continuations are joined), with
//!   single spaces around operators and after commas, and only the parentheses that
//!   the precedence needs. Long lines are not wrapped.
//! - Columns line up inside each block: every column is as wide as its widest cell
//!   plus one space (`fields`: name, type, flags; `score`: points, then `when`/`per`;
//!   `tiers`: tier name, then `when`/`otherwise`; playbook steps: `day N`, channel,
//!   template, `owner X`, guard; `balance`: subject, limit). `range`, `handoff` and
//!   `exit` lines are not aligned. A run of consecutive `segment` lines lines up its `=`.
//! - One blank line between a block and whatever is next to it. One-line declarations
//!   (`segment`, `suppress`) stay together unless the source had a blank line between
//!   them. Inside blocks and before comments a blank line of the source is kept (a run of
//!   blank lines becomes one), but never right after `{` or right before `}`.
//! - Strings are re-escaped canonically (`\"`, `\n`, `\t`, `\r`, `\u{…}` for other
//!   control characters; a regex's `\d` stays `\d`); names are in backticks only when
//!   they must be; numbers are minimal (`+5`, `-10`, `2.5`, `1200`).
//! - Every comment is kept. A comment on a line of its own stays above the item it
//!   preceded, at that item's indentation; a comment after code stays at the end of its
//!   line, and the trailing comments of a block's header and items (or of a run of
//!   one-liners) line up in one column, two spaces after the longest commented line
//!   (a comment after a closing `}` is just two spaces after it). When a multi-line item is
//!   joined onto one line, its last trailing comment stays at the end and any others
//!   move above it.
//!
//! Expressions are printed and compared recursively; the parser bounds their depth
//! (`syntax` refuses trees deeper than 200 levels), so that is safe on any input.
//!
//! Two safety nets guard every run: the output is parsed again and must give the same
//! AST as the input apart from spans, and it must contain exactly the same comments.
//! If either fails, the file is not formatted and an internal error is returned.

mod comments;
mod expr;
mod items;
mod layout;
mod same;

use crate::diagnostics::{Code, Diagnostic, has_errors};
use crate::source::{FileId, SourceMap};
use crate::syntax::{self, ast::Item};

/// Formats one `.play` file. Err(diagnostics) when the file has syntax errors (never
/// format a broken file), or — a bug — when the formatted text would not mean the same
/// or would lose a comment.
pub fn format_source(sources: &SourceMap, file: FileId) -> Result<String, Vec<Diagnostic>> {
    let Some(source) = sources.get(file) else {
        return Err(vec![Diagnostic::global(
            Code::Internal,
            "internal error: the file to format is not loaded",
        )]);
    };
    let (items, diagnostics) = syntax::parse_file(sources, file);
    if has_errors(&diagnostics) {
        return Err(diagnostics);
    }
    let formatted = format_items(&items, &source.text)
        .map_err(|reason| vec![internal_error(&source.name, &reason)])?;
    verify(&items, &source.text, &formatted)
        .map_err(|reason| vec![internal_error(&source.name, reason)])?;
    Ok(formatted)
}

/// Lays out parsed declarations with the comments of their text.
fn format_items(items: &[Item], text: &str) -> Result<String, String> {
    let src = comments::SourceText::new(text);
    let doc = items::build(items, &src)?;
    Ok(layout::render(doc, &src))
}

/// The safety net: the output parses to the same AST and keeps every comment.
fn verify(items: &[Item], input: &str, output: &str) -> Result<(), &'static str> {
    let mut reparsed = SourceMap::new();
    let id = reparsed.add("formatted", output.to_string());
    let (again, diagnostics) = syntax::parse_file(&reparsed, id);
    if has_errors(&diagnostics) {
        return Err("the formatted text does not parse");
    }
    if !same::same_items(items, &again) {
        return Err("the formatted text would change the program");
    }
    if comments::comment_multiset(input) != comments::comment_multiset(output) {
        return Err("the formatted text would lose a comment");
    }
    Ok(())
}

fn internal_error(file: &str, reason: &str) -> Diagnostic {
    Diagnostic::global(
        Code::Internal,
        format!("internal error while formatting `{file}`: {reason}"),
    )
    .with_help("the file was left unchanged; please report this bug with the file attached")
}

#[cfg(test)]
mod tests;
