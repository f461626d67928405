//! Comments attached to code lines, blank lines, column alignment, and the final text.
//!
//! Attachment is by source line. A comment inside the lines an item spans belongs to
//! that item: the last such comment, when it ends a line of code, stays at the end of
//! the item's (now single) line, and any others move above the item. A comment on a
//! line of its own belongs above the next item (or above the closing `}` of its
//! block, or at the end of the file).

use super::comments::{Comment, SourceText};
use super::expr::display_width;
use super::items::{Chunk, Content, Doc, Entry};

/// Indentation of items inside a block.
const INDENT: usize = 2;
/// Least space between code and a trailing comment.
const COMMENT_GAP: usize = 2;

/// The formatted text of a laid-out file.
pub(super) fn render(mut doc: Doc, src: &SourceText<'_>) -> String {
    let file_end = attach(&mut doc.entries, src.comments());
    let mut emitter = Emitter {
        src,
        lines: Vec::new(),
        last_source_line: None,
        force_blank: false,
        groups: 0,
    };
    emitter.chunks(&doc);
    let group = emitter.new_group();
    for comment in &file_end {
        emitter.comment(comment, 0, group, true);
    }
    finish(&emitter.lines, emitter.groups)
}

/// Attaches every comment to an entry; returns those after the last entry.
fn attach(entries: &mut [Entry], comments: &[Comment]) -> Vec<Comment> {
    let mut inside: Vec<Vec<Comment>> = vec![Vec::new(); entries.len()];
    let mut file_end = Vec::new();
    for comment in comments {
        let after = entries.partition_point(|e| e.first_line <= comment.line);
        let containing = after
            .checked_sub(1)
            .filter(|&i| entries.get(i).is_some_and(|e| e.last_line >= comment.line));
        if let Some(list) = containing.and_then(|i| inside.get_mut(i)) {
            list.push(comment.clone());
        } else if let Some(next) = entries.get_mut(after) {
            next.leading.push(comment.clone());
        } else {
            file_end.push(comment.clone());
        }
    }
    for (entry, mut inner) in entries.iter_mut().zip(inside) {
        if inner.last().is_some_and(|c| !c.own_line) {
            entry.trailing = inner.pop();
        }
        entry.leading.extend(inner);
    }
    file_end
}

enum Body {
    Blank,
    Comment(String),
    Code(Content),
}

struct OutLine {
    indent: usize,
    body: Body,
    trailing: Option<String>,
    /// Lines of one group share column widths and the trailing-comment column.
    group: usize,
}

struct Emitter<'s, 't> {
    src: &'s SourceText<'t>,
    lines: Vec<OutLine>,
    /// The last source line already printed, to find blank lines in between.
    last_source_line: Option<usize>,
    /// A blank line is due before the next line (between blocks).
    force_blank: bool,
    groups: usize,
}

/// Where blank lines may go around one entry.
#[derive(Clone, Copy)]
struct Blanks {
    /// Before the entry's first line (its first comment, or its code).
    first: bool,
    /// Before its code line, when comments come first.
    code: bool,
}

impl Emitter<'_, '_> {
    fn new_group(&mut self) -> usize {
        self.groups += 1;
        self.groups - 1
    }

    fn chunks(&mut self, doc: &Doc) {
        // (was a block, its group) of the previous declaration.
        let mut previous: Option<(bool, usize)> = None;
        for chunk in &doc.chunks {
            let is_block = matches!(chunk, Chunk::Block { .. });
            self.force_blank = previous.is_some_and(|(was_block, _)| was_block || is_block);
            let group = match chunk {
                Chunk::Single(index) => self.single(doc, *index, previous),
                Chunk::Block {
                    header,
                    items,
                    close,
                } => self.block(doc, *header, items, *close),
            };
            previous = Some((is_block, group));
        }
    }

    /// A one-line declaration. Consecutive ones with no blank line between them form
    /// one group, so `segment` names line up.
    fn single(&mut self, doc: &Doc, index: usize, previous: Option<(bool, usize)>) -> usize {
        let mark = self.lines.len();
        let all = Blanks {
            first: true,
            code: true,
        };
        if let Some(entry) = doc.entries.get(index) {
            self.entry(entry, (0, 0), usize::MAX, all);
        }
        let added = self.lines.get(mark..).unwrap_or_default();
        let blank_before = added.iter().any(|l| matches!(l.body, Body::Blank));
        let group = match previous {
            Some((false, group)) if !blank_before => group,
            _ => self.new_group(),
        };
        for line in self.lines.iter_mut().skip(mark) {
            line.group = group;
        }
        group
    }

    fn block(&mut self, doc: &Doc, header: usize, items: &[usize], close: usize) -> usize {
        let group = self.new_group();
        let all = Blanks {
            first: true,
            code: true,
        };
        if let Some(entry) = doc.entries.get(header) {
            self.entry(entry, (0, 0), group, all);
        }
        for (k, &index) in items.iter().enumerate() {
            // Never a blank line right after `{`.
            let blanks = Blanks {
                first: k > 0,
                code: true,
            };
            if let Some(entry) = doc.entries.get(index) {
                self.entry(entry, (INDENT, INDENT), group, blanks);
            }
        }
        // Never a blank line right before `}`; comments above it are indented as items.
        // A comment after `}` is not lined up with the items' comments.
        let blanks = Blanks {
            first: !items.is_empty(),
            code: false,
        };
        let close_group = self.new_group();
        if let Some(entry) = doc.entries.get(close) {
            self.entry(entry, (INDENT, 0), close_group, blanks);
        }
        group
    }

    /// An entry: its leading comments, then its code line. `indent` is (comments, code).
    fn entry(&mut self, entry: &Entry, indent: (usize, usize), group: usize, blanks: Blanks) {
        for (k, comment) in entry.leading.iter().enumerate() {
            self.comment(comment, indent.0, group, k > 0 || blanks.first);
        }
        let allow = if entry.leading.is_empty() {
            blanks.first && blanks.code
        } else {
            blanks.code
        };
        let trailing = entry.trailing.as_ref().map(|c| c.text.clone());
        let body = Body::Code(entry.content.clone());
        self.push(entry.first_line, indent.1, body, trailing, group, allow);
        self.seen(entry.last_line);
    }

    fn comment(&mut self, comment: &Comment, indent: usize, group: usize, allow_blank: bool) {
        let body = Body::Comment(comment.text.clone());
        self.push(comment.line, indent, body, None, group, allow_blank);
    }

    /// Adds a line, after one blank line when due (forced between blocks, or kept
    /// from the source, where any run of blank lines counts as one).
    fn push(
        &mut self,
        source_line: usize,
        indent: usize,
        body: Body,
        trailing: Option<String>,
        group: usize,
        allow_blank: bool,
    ) {
        let blank_in_source = self
            .last_source_line
            .is_some_and(|last| self.src.blank_between(last, source_line));
        let after_blank = matches!(
            self.lines.last(),
            None | Some(OutLine {
                body: Body::Blank,
                ..
            })
        );
        if allow_blank && !after_blank && (self.force_blank || blank_in_source) {
            self.lines.push(OutLine {
                indent: 0,
                body: Body::Blank,
                trailing: None,
                group,
            });
        }
        self.force_blank = false;
        self.lines.push(OutLine {
            indent,
            body,
            trailing,
            group,
        });
        self.seen(source_line);
    }

    fn seen(&mut self, source_line: usize) {
        self.last_source_line = Some(
            self.last_source_line
                .map_or(source_line, |l| l.max(source_line)),
        );
    }
}

/// Aligns the columns of every group and joins the lines.
fn finish(lines: &[OutLine], groups: usize) -> String {
    let widths = column_widths(lines, groups);
    let code: Vec<String> = lines
        .iter()
        .map(|line| match &line.body {
            Body::Blank => String::new(),
            Body::Comment(text) => format!("{}{text}", " ".repeat(line.indent)),
            Body::Code(Content::Text(text)) => format!("{}{text}", " ".repeat(line.indent)),
            Body::Code(Content::Cells(cells)) => {
                let widths = widths.get(line.group).map_or(&[][..], Vec::as_slice);
                format!("{}{}", " ".repeat(line.indent), row(cells, widths))
            }
        })
        .collect();
    let mut comment_column = vec![0usize; groups];
    for (line, text) in lines.iter().zip(&code) {
        if line.trailing.is_some() {
            if let Some(column) = comment_column.get_mut(line.group) {
                *column = (*column).max(display_width(text) + COMMENT_GAP);
            }
        }
    }
    let mut out = String::new();
    for (line, text) in lines.iter().zip(code) {
        out.push_str(&text);
        if let Some(comment) = &line.trailing {
            let column = comment_column.get(line.group).copied().unwrap_or(0);
            let pad = column.saturating_sub(display_width(&text)).max(COMMENT_GAP);
            out.push_str(&" ".repeat(pad));
            out.push_str(comment);
        }
        out.push('\n');
    }
    out
}

/// The width of each cell column, per group.
fn column_widths(lines: &[OutLine], groups: usize) -> Vec<Vec<usize>> {
    let mut widths = vec![Vec::new(); groups];
    for line in lines {
        let (Body::Code(Content::Cells(cells)), Some(group)) =
            (&line.body, widths.get_mut(line.group))
        else {
            continue;
        };
        if group.len() < cells.len() {
            group.resize(cells.len(), 0);
        }
        for (width, cell) in group.iter_mut().zip(cells) {
            *width = (*width).max(display_width(cell));
        }
    }
    widths
}

/// One row of cells: each padded to its column's width plus one space, except the last
/// non-empty cell; a column empty in every row of the group takes no room.
fn row(cells: &[String], widths: &[usize]) -> String {
    let Some(last) = cells.iter().rposition(|c| !c.is_empty()) else {
        return String::new();
    };
    let mut out = String::new();
    for (i, cell) in cells.iter().enumerate().take(last + 1) {
        let width = widths.get(i).copied().unwrap_or(0);
        if i == last {
            out.push_str(cell);
        } else if width > 0 {
            out.push_str(cell);
            out.push_str(&" ".repeat(width - display_width(cell).min(width) + 1));
        }
    }
    out
}
