//! Printing expressions and literals canonically, from the AST.
//!
//! Expressions are printed on one line with single spaces around binary operators and
//! after commas, and with only the parentheses the precedence needs (the Pratt table in
//! `src/syntax/expr.rs`): a child is parenthesized when it binds more loosely than its
//! place requires. Binary operators are left-associative, so a right operand at the
//! same level keeps its parentheses (`a - (b - c)`) — the printed text always parses
//! back to the same tree.

use crate::syntax::ast::{BinaryOp, Expr, ExprKind, Ident, UnaryOp};

/// Binding strength, loosest first; mirrors the parser's Pratt table.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const ADD: u8 = 5;
const MUL: u8 = 6;
const NEG: u8 = 7;
const ATOM: u8 = 8;

/// An expression on one line.
pub(super) fn expr(e: &Expr) -> String {
    let mut out = String::new();
    write_expr(e, &mut out);
    out
}

fn binary_prec(op: BinaryOp) -> u8 {
    match op {
        BinaryOp::Or => OR,
        BinaryOp::And => AND,
        BinaryOp::Add | BinaryOp::Sub => ADD,
        BinaryOp::Mul | BinaryOp::Div => MUL,
        _ => COMPARE,
    }
}

fn prec(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Binary { op, .. } => binary_prec(*op),
        ExprKind::Unary {
            op: UnaryOp::Not, ..
        } => NOT,
        ExprKind::Unary {
            op: UnaryOp::Neg, ..
        } => NEG,
        ExprKind::Presence { .. } => COMPARE,
        _ => ATOM,
    }
}

/// Writes `e`, parenthesized when it binds more loosely than `min`.
fn write_operand(e: &Expr, min: u8, out: &mut String) {
    if prec(e) < min {
        out.push('(');
        write_expr(e, out);
        out.push(')');
    } else {
        write_expr(e, out);
    }
}

fn write_expr(e: &Expr, out: &mut String) {
    match &e.kind {
        ExprKind::Number(n) => out.push_str(&number(*n)),
        ExprKind::Text(s) => out.push_str(&string(s)),
        ExprKind::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        ExprKind::Date(d) => out.push_str(&d.format("%Y-%m-%d").to_string()),
        ExprKind::Today => out.push_str("today"),
        ExprKind::List(items) => {
            out.push('[');
            write_comma_list(items, out);
            out.push(']');
        }
        ExprKind::Path(parts) => out.push_str(&path(parts)),
        ExprKind::Call { function, args } => {
            out.push_str(&function.name);
            out.push('(');
            write_comma_list(args, out);
            out.push(')');
        }
        ExprKind::Unary { op, operand } => write_unary(*op, operand, out),
        ExprKind::Binary {
            op, left, right, ..
        } => {
            let p = binary_prec(*op);
            write_operand(left, p, out);
            out.push(' ');
            out.push_str(op.symbol());
            out.push(' ');
            // Left-associative: an equally loose right operand needs parentheses.
            write_operand(right, p + 1, out);
        }
        ExprKind::Presence { operand, present } => {
            write_operand(operand, COMPARE, out);
            out.push_str(if *present {
                " is present"
            } else {
                " is missing"
            });
        }
    }
}

fn write_unary(op: UnaryOp, operand: &Expr, out: &mut String) {
    match op {
        UnaryOp::Not => {
            out.push_str("not ");
            write_operand(operand, NOT, out);
        }
        UnaryOp::Neg => {
            let mut inner = String::new();
            write_operand(operand, NEG, &mut inner);
            out.push('-');
            // `- -x` reads better than `--x`.
            if inner.starts_with('-') {
                out.push(' ');
            }
            out.push_str(&inner);
        }
    }
}

fn write_comma_list(items: &[Expr], out: &mut String) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_expr(item, out);
    }
}

/// A dotted path of names.
pub(super) fn path(parts: &[Ident]) -> String {
    parts
        .iter()
        .map(|p| name(&p.name))
        .collect::<Vec<_>>()
        .join(".")
}

/// A name, in backticks only when it is not a plain identifier or is reserved.
pub(super) fn name(name: &str) -> String {
    let mut chars = name.chars();
    let plain = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !crate::syntax::RESERVED.contains(&name);
    if plain {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

/// A number in its shortest form: no trailing zeros, no exponent (`2.5`, `1200`).
pub(super) fn number(n: f64) -> String {
    // `-0` and `0` are the same number; print one of them.
    if n == 0.0 {
        return "0".to_string();
    }
    format!("{n}")
}

/// Signed score points: `+5`, `-10`, `+2.5`.
pub(super) fn points(n: f64) -> String {
    if n < 0.0 {
        format!("-{}", number(-n))
    } else {
        format!("+{}", number(n))
    }
}

/// A string literal with canonical escapes: `\"`, `\n`, `\t`, `\r` and `\u{…}` for other
/// control characters. A backslash is written `\\` unless it starts a pair the parser
/// keeps as written (`\d` in a regex stays `\d`).
pub(super) fn string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let kept_as_written = chars.peek().is_some_and(|&next| {
                    !matches!(next, '"' | '\\' | 'n' | 't' | 'r' | 'u') && !needs_escape(next)
                });
                out.push_str(if kept_as_written { "\\" } else { "\\\\" });
            }
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if needs_escape(c) => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Characters written as an escape rather than as themselves.
fn needs_escape(c: char) -> bool {
    c.is_control()
}

/// Columns a text takes in a terminal: East Asian wide characters count two, so
/// columns with CJK names still line up.
pub(super) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1F64F
        | 0x1F900..=0x1F9FF
        | 0x20000..=0x3FFFD)
}

#[cfg(test)]
mod tests;
