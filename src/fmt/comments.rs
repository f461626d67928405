//! The source text as the formatter sees it: lines, blank lines, and comments.
//!
//! Comments are trivia to the grammar, so the AST does not have them. They are recovered
//! here by scanning the text (a `#` outside strings and backtick names starts one) and
//! later attached to AST items by line (see `layout.rs`).

/// One `#` comment of the source.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Comment {
    /// Byte offset of the `#`.
    pub start: usize,
    /// Byte offset just past the comment (before the line break).
    pub end: usize,
    /// 0-based line.
    pub line: usize,
    /// Nothing but white space before it on its line.
    pub own_line: bool,
    /// The text from `#` on, trailing white space removed.
    pub text: String,
}

/// Line and comment index over one file's text.
pub(super) struct SourceText<'t> {
    text: &'t str,
    /// Byte offset where each line starts.
    line_starts: Vec<usize>,
    /// Whether each line holds only white space.
    blank: Vec<bool>,
    comments: Vec<Comment>,
}

/// White space inside a line, as the grammar's `WHITESPACE` has it (plus the BOM).
fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{FEFF}')
}

impl<'t> SourceText<'t> {
    /// Indexes a file's text.
    pub fn new(text: &'t str) -> SourceText<'t> {
        let line_starts = line_starts(text);
        let blank = line_starts
            .iter()
            .enumerate()
            .map(|(i, &start)| {
                let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
                text.get(start..end)
                    .unwrap_or("")
                    .chars()
                    .all(|c| is_inline_space(c) || c == '\n' || c == '\r')
            })
            .collect();
        let mut source = SourceText {
            text,
            line_starts,
            blank,
            comments: Vec::new(),
        };
        source.comments = scan_comments(text)
            .into_iter()
            .map(|(start, end)| source.comment_at(start, end))
            .collect();
        source
    }

    fn comment_at(&self, start: usize, end: usize) -> Comment {
        let line = self.line_of(start);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        let before = self.text.get(line_start..start).unwrap_or("");
        Comment {
            start,
            end,
            line,
            own_line: before.chars().all(is_inline_space),
            text: self
                .text
                .get(start..end)
                .unwrap_or("")
                .trim_end()
                .to_string(),
        }
    }

    /// Every comment, in source order.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// The 0-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1)
    }

    /// Whether a blank line lies strictly between two lines.
    pub fn blank_between(&self, after: usize, before: usize) -> bool {
        let from = after.saturating_add(1);
        from < before
            && self
                .blank
                .get(from..before)
                .is_some_and(|b| b.contains(&true))
    }

    /// The character at a byte offset.
    pub fn char_at(&self, offset: usize) -> Option<char> {
        self.text.get(offset..).and_then(|s| s.chars().next())
    }

    /// The first offset at or after `pos` that is not trivia: white space, line
    /// continuations, line ends, `;` separators or comments.
    pub fn skip_trivia(&self, mut pos: usize) -> usize {
        while let Some(c) = self.char_at(pos) {
            if c == '#' {
                pos = self.comment_end(pos);
            } else if is_inline_space(c) || matches!(c, '\n' | '\r' | '\\' | ';') {
                pos += c.len_utf8();
            } else {
                break;
            }
        }
        pos
    }

    /// Moves `end` back over trailing trivia (white space, continuations, comments),
    /// never before `start`. Parser spans of rules with optional tails include the
    /// trivia after the last token; no item itself ends in a backslash.
    pub fn trim_end(&self, start: usize, mut end: usize) -> usize {
        while end > start {
            let Some(c) = self.text.get(..end).and_then(|s| s.chars().next_back()) else {
                break;
            };
            if is_inline_space(c) || matches!(c, '\n' | '\r' | '\\') {
                end -= c.len_utf8();
            } else if let Some(comment) = self.comment_containing(end) {
                end = comment.start.max(start);
            } else {
                break;
            }
        }
        end
    }

    /// The end of an item that finishes with an expression: the expression's span
    /// leaves out closing parentheses, so they are taken in here.
    pub fn expr_end(&self, expr_end: usize) -> usize {
        let mut end = expr_end;
        loop {
            let next = self.skip_trivia(end);
            if self.char_at(next) == Some(')') {
                end = next + 1;
            } else {
                return end;
            }
        }
    }

    /// The offset of the next `{` or `}` (`want`) after only trivia, if that is what
    /// comes next.
    pub fn find_brace(&self, from: usize, want: char) -> Option<usize> {
        let at = self.skip_trivia(from);
        (self.char_at(at) == Some(want)).then_some(at)
    }

    fn comment_end(&self, start: usize) -> usize {
        match self.comments.binary_search_by_key(&start, |c| c.start) {
            Ok(i) => self.comments.get(i).map_or(self.text.len(), |c| c.end),
            // A `#` that the scanner did not see as a comment cannot occur in a file
            // that parsed; step over it so the caller still makes progress.
            Err(_) => start + 1,
        }
    }

    /// The comment whose text ends at or after `pos` and starts before it.
    fn comment_containing(&self, pos: usize) -> Option<&Comment> {
        let i = self.comments.partition_point(|c| c.start < pos);
        let comment = self.comments.get(i.checked_sub(1)?)?;
        (pos <= comment.end).then_some(comment)
    }
}

/// Offsets where lines start; `\n`, `\r\n` and a lone `\r` end a line, as pest's
/// `NEWLINE` has it.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i) != Some(&b'\n'));
        if ends_line {
            starts.push(i);
        }
    }
    starts
}

/// Byte ranges of every comment: a `#` outside strings and backtick names, up to the
/// end of its line.
fn scan_comments(text: &str) -> Vec<(usize, usize)> {
    #[derive(PartialEq)]
    enum State {
        Code,
        Text,
        Backtick,
        Comment(usize),
    }
    let mut found = Vec::new();
    let mut state = State::Code;
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        let line_end = c == '\n' || c == '\r';
        state = match state {
            State::Comment(start) if line_end => {
                found.push((start, i));
                State::Code
            }
            State::Comment(start) => State::Comment(start),
            _ if line_end => State::Code,
            State::Code => match c {
                '"' => State::Text,
                '`' => State::Backtick,
                '#' => State::Comment(i),
                _ => State::Code,
            },
            State::Text => match c {
                '"' => State::Code,
                '\\' => {
                    // An escape: the next character never ends the string, but a
                    // line end still does.
                    match chars.clone().next() {
                        Some((_, '\n' | '\r')) | None => {}
                        Some(_) => {
                            chars.next();
                        }
                    }
                    State::Text
                }
                _ => State::Text,
            },
            State::Backtick if c == '`' => State::Code,
            State::Backtick => State::Backtick,
        };
    }
    if let State::Comment(start) = state {
        found.push((start, text.len()));
    }
    found
}

/// The comment texts of a file, sorted: two files keep the same comments exactly when
/// these are equal.
pub(super) fn comment_multiset(text: &str) -> Vec<String> {
    let mut texts: Vec<String> = SourceText::new(text)
        .comments()
        .iter()
        .map(|c| c.text.clone())
        .collect();
    texts.sort();
    texts
}

#[cfg(test)]
mod tests;
