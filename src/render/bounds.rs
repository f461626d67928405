//! Size bounds on what a template can build. The fuel limit counts instructions, not
//! bytes: one `{{ 'a'|indent(99999999999) }}` or `{{ [1] * 99999999999 }}` is a handful
//! of instructions that would allocate gigabytes (an allocation failure aborts the
//! whole process, leaving a lock and no state). So the builtins that take a width are
//! replaced by bounded ones, and every render writes into a capped buffer; a template
//! that goes over either bound fails for that draft, like any other render error.

use minijinja::value::{Kwargs, Rest, Value};
use minijinja::{Environment, Error, ErrorKind, State};
use std::io;

/// The most bytes one rendered part (body, subject or header) of a draft may have:
/// a long letter is a few kilobytes.
pub const MAX_DRAFT_BYTES: usize = 1024 * 1024;

/// The widest indentation or `format` width a template may ask for.
pub const MAX_WIDTH: usize = 1_000;

/// The most items a template may print as one value (`{{ [1] * 99999999999 }}` is a
/// lazy sequence that minijinja would iterate, item by item, for hours).
pub const MAX_PRINTED_ITEMS: usize = 100_000;

/// Replaces the width-taking builtins with bounded ones, and the formatter with one
/// that refuses to print a huge sequence.
pub(crate) fn install(env: &mut Environment<'static>) {
    env.add_filter("indent", indent);
    env.add_filter("format", format);
    env.set_formatter(|out, state, value| {
        let items = match value.kind() {
            minijinja::value::ValueKind::String => None,
            _ => value.len(),
        };
        if let Some(items) = items.filter(|n| *n > MAX_PRINTED_ITEMS) {
            return Err(Error::new(
                ErrorKind::InvalidOperation,
                format!(
                    "a value of {items} items is too long to print (at most {MAX_PRINTED_ITEMS})"
                ),
            ));
        }
        // Printing into a `set` block or a macro builds a value too: it counts.
        let bytes = super::budget::measure(std::slice::from_ref(value), MAX_DRAFT_BYTES);
        super::budget::charge(state, bytes)?;
        minijinja::escape_formatter(out, state, value)
    });
}

/// A `Write` that keeps at most [`MAX_DRAFT_BYTES`] and fails beyond them, which stops
/// the render at once.
#[derive(Debug, Default)]
pub(crate) struct CappedBuffer {
    pub bytes: Vec<u8>,
    pub overflowed: bool,
}

impl io::Write for CappedBuffer {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_DRAFT_BYTES {
            self.overflowed = true;
            return Err(io::Error::other("draft too large"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// The message of a render stopped by [`CappedBuffer`].
pub(crate) fn too_large_message() -> String {
    format!(
        "the draft is larger than {} KiB; look for a value repeated many times (`*`, \
         `indent`, a long loop)",
        MAX_DRAFT_BYTES / 1024
    )
}

fn check_width(filter: &str, width: usize) -> Result<(), Error> {
    if width > MAX_WIDTH {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`{filter}` takes a width of at most {MAX_WIDTH}, not {width}"),
        ));
    }
    Ok(())
}

/// `indent`, with its width bounded.
fn indent(
    value: String,
    width: Option<usize>,
    first: Option<bool>,
    blank: Option<bool>,
    kwargs: Kwargs,
) -> Result<Value, Error> {
    let width = match width {
        Some(width) => width,
        None => kwargs.get::<Option<usize>>("width")?.unwrap_or(4),
    };
    check_width("indent", width)?;
    let first = first
        .or(kwargs.get::<Option<bool>>("first")?)
        .unwrap_or(false);
    let blank = blank
        .or(kwargs.get::<Option<bool>>("blank")?)
        .unwrap_or(false);
    kwargs.assert_all_used()?;
    Ok(Value::from(indent_lines(&value, width, first, blank)))
}

/// What minijinja's `indent` does: every line but the first (unless `first`) gets
/// `width` spaces, blank lines only with `blank`; a trailing line end is dropped.
fn indent_lines(text: &str, width: usize, first: bool, blank: bool) -> String {
    let text = text.strip_suffix('\n').unwrap_or(text);
    let text = text.strip_suffix('\r').unwrap_or(text);
    let pad = " ".repeat(width);
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let indented = (i > 0 || first) && (blank || !line.is_empty());
        if indented {
            out.push_str(&pad);
        }
        out.push_str(line);
    }
    out
}

/// `format`, refusing printf widths and precisions above [`MAX_WIDTH`].
fn format(state: &State, format_str: &Value, args: Rest<Value>) -> Result<Value, Error> {
    let input = super::budget::measure(&args, super::budget::MAX_VALUE_BYTES);
    if input > super::budget::MAX_VALUE_BYTES {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            format!(
                "`format` of values of {} KiB or more (at most {} KiB)",
                input / 1024,
                super::budget::MAX_VALUE_BYTES / 1024
            ),
        ));
    }
    if let Some(text) = format_str.as_str() {
        for width in printf_numbers(text) {
            check_width("format", width)?;
        }
    }
    minijinja::filters::format(state, format_str, args)
}

/// The widths and precisions in a printf format string (`%08.2f` → 8, 2). A number too
/// long for `usize` counts as the largest width.
pub(crate) fn printf_numbers(format: &str) -> Vec<usize> {
    let mut numbers = Vec::new();
    let mut chars = format.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            continue;
        }
        if chars.peek() == Some(&'%') {
            chars.next();
            continue;
        }
        while chars.next_if(|c| "-+ #0,'(".contains(*c)).is_some() {}
        loop {
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            if !digits.is_empty() {
                numbers.push(digits.parse().unwrap_or(usize::MAX));
            }
            if chars.next_if_eq(&'.').is_none() {
                break;
            }
        }
    }
    numbers
}

#[cfg(test)]
mod tests;
