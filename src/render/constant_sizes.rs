//! Sizes written as constants in a template that can never render: `indent(99999999999)`,
//! `'%99999999999d'|format(n)`, `[1] * 99999999999`, `range(999999999)`. Every draft of
//! such a template would fail, so `check` reports them before a run does.

use super::bounds::{MAX_WIDTH, printf_numbers};
use super::budget::{MAX_ITEMS, MAX_VALUE_BYTES};
use super::walk::{ast, each_expression};
use minijinja::machinery::ast::{BinOpKind, CallArg, Expr};
use std::ops::Range;

/// One constant size beyond a bound: where (bytes of the template's source), what is
/// wrong and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConstantSize {
    /// The expression, in bytes of the source.
    pub range: Range<usize>,
    /// What is beyond which bound.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

/// Every constant size in `source` beyond the bounds a render enforces.
pub fn constant_sizes(source: &str) -> Vec<ConstantSize> {
    let mut found = Vec::new();
    each_expression(source, &mut |expr| {
        let problem = match expr {
            Expr::Filter(f) => filter(f),
            Expr::Call(c) => range_call(c),
            Expr::BinOp(b) => repeat(b),
            _ => None,
        };
        if let Some((message, help)) = problem {
            let span = expr.span();
            let range = span.start_offset as usize..span.end_offset as usize;
            found.push(ConstantSize {
                range,
                message,
                help,
            });
        }
    });
    found
}

fn filter(f: &ast::Filter<'_>) -> Option<(String, String)> {
    match f.name {
        "indent" => {
            let width = f.args.iter().find_map(|arg| match arg {
                CallArg::Pos(e) | CallArg::Kwarg("width", e) => Some(e),
                _ => None,
            });
            let width = width.and_then(constant_int)?;
            (width > MAX_WIDTH as i128).then(|| too_wide("indent", width))
        }
        "format" => {
            let text = f.expr.as_ref().and_then(constant_str)?;
            let width = printf_numbers(&text).into_iter().max()?;
            (width > MAX_WIDTH).then(|| too_wide("format", width as i128))
        }
        _ => None,
    }
}

fn too_wide(filter: &str, width: i128) -> (String, String) {
    (
        format!("`{filter}` takes a width of at most {MAX_WIDTH}, not {width}"),
        format!("every draft of this template would fail; use a width of {MAX_WIDTH} or less"),
    )
}

/// `range(a)`, `range(a, b)`, `range(a, b, step)` with constant bounds.
fn range_call(c: &ast::Call<'_>) -> Option<(String, String)> {
    let Expr::Var(name) = &c.expr else {
        return None;
    };
    if name.id != "range" {
        return None;
    }
    let numbers: Option<Vec<i128>> = c
        .args
        .iter()
        .map(|arg| match arg {
            CallArg::Pos(e) => constant_int(e),
            _ => None,
        })
        .collect();
    let count = match numbers?.as_slice() {
        [end] => *end,
        [start, end] => end - start,
        [start, end, step] if *step != 0 => (end - start) / step,
        _ => return None,
    };
    (count > MAX_ITEMS as i128).then(|| {
        (
            format!("`range` of {count} numbers (at most {MAX_ITEMS})"),
            "every draft of this template would fail; loop over fewer numbers".to_string(),
        )
    })
}

/// `'text' * n` or `[…] * n` with a constant text or list and count.
fn repeat(b: &ast::BinOp<'_>) -> Option<(String, String)> {
    if !matches!(b.op, BinOpKind::Mul) {
        return None;
    }
    let (repeated, times) = match (constant_int(&b.left), constant_int(&b.right)) {
        (None, Some(n)) => (&b.left, n),
        (Some(n), None) => (&b.right, n),
        _ => return None,
    };
    let help = "every draft of this template would fail; repeat it fewer times".to_string();
    if let Some(text) = constant_str(repeated) {
        let bytes = (text.len() as i128).saturating_mul(times);
        return (bytes > MAX_VALUE_BYTES as i128).then(|| {
            let kib = MAX_VALUE_BYTES / 1024;
            (
                format!("`*` would build a text of {bytes} bytes (at most {kib} KiB)"),
                help,
            )
        });
    }
    let Expr::List(list) = repeated else {
        return None;
    };
    let items = (list.items.len() as i128).saturating_mul(times);
    (items > MAX_ITEMS as i128).then(|| {
        (
            format!("`*` would build a list of {items} items (at most {MAX_ITEMS})"),
            help,
        )
    })
}

/// An integer written as a constant (`99999999999`, `-3`, `10 ** 9`).
fn constant_int(e: &Expr<'_>) -> Option<i128> {
    match e {
        Expr::Const(c) => i128::try_from(c.value.clone())
            .ok()
            .filter(|_| c.value.is_integer()),
        Expr::UnaryOp(u) if matches!(u.op, ast::UnaryOpKind::Neg) => {
            constant_int(&u.expr)?.checked_neg()
        }
        Expr::BinOp(b) => {
            let (left, right) = (constant_int(&b.left)?, constant_int(&b.right)?);
            match b.op {
                BinOpKind::Pow => u32::try_from(right).ok().and_then(|r| left.checked_pow(r)),
                BinOpKind::Mul => left.checked_mul(right),
                BinOpKind::Add => left.checked_add(right),
                _ => None,
            }
        }
        _ => None,
    }
}

fn constant_str(e: &Expr<'_>) -> Option<String> {
    match e {
        Expr::Const(c) => c.value.as_str().map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
