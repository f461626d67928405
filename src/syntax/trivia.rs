//! Exact spans: pest's spans of rules with optional tails take in the white space and
//! comments after their last token, and a parenthesised expression's pair leaves its
//! parentheses out. Rule texts (JSON output, the summary, skip reasons, `explain`) are
//! cut from spans, so both are corrected here, on the source text.

/// `end` moved back over trailing white space, line continuations and comments,
/// never before `start`.
pub(super) fn trim_end(text: &str, start: usize, mut end: usize) -> usize {
    loop {
        let before = end;
        while end > start {
            match text.get(..end).and_then(|s| s.chars().next_back()) {
                Some(c) if c.is_whitespace() || c == '\\' => end -= c.len_utf8(),
                _ => break,
            }
        }
        if let Some(hash) = comment_start_on_line_of(text, end) {
            end = hash.max(start);
        }
        if end == before {
            return end;
        }
    }
}

/// Where a comment starts on the line that holds the text just before `end`, when
/// `end` is inside or at the end of that comment.
fn comment_start_on_line_of(text: &str, end: usize) -> Option<usize> {
    // A comment runs to the end of its line: a span that does not end there cannot end
    // in one. Checked first so that the many spans inside one long line cost nothing.
    if !matches!(text.as_bytes().get(end), None | Some(b'\n' | b'\r')) {
        return None;
    }
    let line_start = text.get(..end)?.rfind('\n').map_or(0, |i| i + 1);
    let line = text.get(line_start..end)?;
    if !line.contains('#') {
        return None;
    }
    let mut quote: Option<char> = None;
    let mut chars = line.char_indices();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            (Some('"'), '\\') => {
                chars.next();
            }
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '`') => quote = Some(c),
            (None, '#') => return Some(line_start + i),
            (None, _) => {}
        }
    }
    None
}

/// The span `start..end` of a parenthesised expression's inner pair, widened to take in
/// the `(` before it and the `)` after it (with only white space between).
pub(super) fn widen_to_parens(text: &str, start: usize, end: usize) -> (usize, usize) {
    let before = text.get(..start).unwrap_or("");
    let open = before.trim_end().strip_suffix('(').map(str::len);
    let after = text.get(end..).unwrap_or("");
    let close = after
        .trim_start()
        .strip_prefix(')')
        .map(|rest| text.len() - rest.len());
    match (open, close) {
        (Some(open), Some(close)) => (open, close),
        _ => (start, end),
    }
}

#[cfg(test)]
mod tests;
