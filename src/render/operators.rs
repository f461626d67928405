//! minijinja's `~`, `+` and `*` cannot be replaced, and each can double a value:
//! `{% set ns.s = ns.s ~ ns.s %}` forty times in a loop asks for a terabyte. So before a
//! template is compiled its source is rewritten: `a ~ b` becomes `__lp_concat(a, b)`,
//! `a + b` `__lp_add(a, b)`, `a * b` `__lp_mul(a, b)` — bounded functions
//! ([`super::budget`]) that do what the operator does within the size bounds. Lines are
//! kept (only text inside a line moves), and [`Rewrite::original_offset`] maps an error's
//! position back to the file as written.

use super::walk::{ast, each_expression};
use minijinja::machinery::ast::{BinOpKind, Expr};

/// The functions the rewritten operators call.
pub(crate) const CONCAT: &str = "__lp_concat";
pub(crate) const ADD: &str = "__lp_add";
pub(crate) const MUL: &str = "__lp_mul";

/// A template source with its bounded operators, and where its text moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rewrite {
    /// The source minijinja compiles.
    pub source: String,
    /// The source as written.
    pub original: String,
    /// The edits, in source order.
    edits: Vec<Edit>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    /// Where in the original source.
    at: usize,
    /// Bytes of the original replaced (0 for an insertion).
    removed: usize,
    text: &'static str,
    /// At one offset: closings (0) before the operator (1) before openings (2); within
    /// each, inner before outer for closings and outer before inner for openings.
    order: (u8, isize),
}

/// The source with its `~`, `+` and `*` made bounded calls; `None` when it has none
/// (most templates) or does not parse.
pub(crate) fn rewrite(source: &str) -> Option<Rewrite> {
    let mut edits = Vec::new();
    each_expression(source, &mut |expr| {
        if let Expr::BinOp(op) = expr {
            edits.extend(operator_edits(source, op.span(), op));
        }
    })?;
    if edits.is_empty() {
        return None;
    }
    edits.sort_by_key(|e| (e.at, e.order));
    let mut out = String::with_capacity(source.len() + edits.len() * 8);
    let mut cursor = 0;
    for edit in &edits {
        out.push_str(source.get(cursor..edit.at)?);
        out.push_str(edit.text);
        cursor = edit.at + edit.removed;
    }
    out.push_str(source.get(cursor..)?);
    Some(Rewrite {
        source: out,
        original: source.to_string(),
        edits,
    })
}

/// `left op right` → `function(left , right)`: the operator's own character becomes the
/// comma, so parentheses around either side stay where they were.
fn operator_edits(
    source: &str,
    span: minijinja::machinery::Span,
    op: &ast::BinOp<'_>,
) -> Vec<Edit> {
    // The opening is spelled out because an edit's text is `'static`.
    let (opening, symbol) = match op.op {
        BinOpKind::Concat => ("__lp_concat(", '~'),
        BinOpKind::Add => ("__lp_add(", '+'),
        BinOpKind::Mul => ("__lp_mul(", '*'),
        _ => return Vec::new(),
    };
    let start = span.start_offset as usize;
    let end = span.end_offset as usize;
    let between = op.left.span().end_offset as usize..op.right.span().start_offset as usize;
    let Some(at) = source
        .get(between.clone())
        .and_then(|text| text.find(symbol))
        .map(|i| between.start + i)
    else {
        return Vec::new();
    };
    let size = (end - start) as isize;
    vec![
        Edit {
            at: start,
            removed: 0,
            text: opening,
            order: (2, -size),
        },
        Edit {
            at,
            removed: 1,
            text: ",",
            order: (1, 0),
        },
        Edit {
            at: end,
            removed: 0,
            text: ")",
            order: (0, size),
        },
    ]
}

impl Rewrite {
    /// The offset in the original source of `offset` in the rewritten one (the start of
    /// the operator's expression for a position inside inserted text).
    pub fn original_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for edit in &self.edits {
            let rewritten_at = (edit.at as isize + shift) as usize;
            if offset < rewritten_at {
                break;
            }
            if offset < rewritten_at + edit.text.len() {
                return edit.at;
            }
            shift += edit.text.len() as isize - edit.removed as isize;
        }
        (offset as isize - shift).max(0) as usize
    }

    /// `range` of the rewritten source, in the original.
    pub fn original_range(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.original_offset(range.start);
        let end = self.original_offset(range.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests;
