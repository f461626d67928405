//! Segments nothing uses: a warning at the definition. (A score is always reported in
//! `eval` output, so an unused score is not a finding; fields feed templates.)

use crate::diagnostics::{Code, Diagnostic};
use crate::syntax::ast::{Expr, ExprKind, Item, Program};
use std::collections::BTreeSet;

/// One warning per segment that no expression anywhere names.
pub(super) fn unused_segments(program: &Program) -> Vec<Diagnostic> {
    let read: Vec<BTreeSet<&str>> = program
        .items
        .iter()
        .map(|item| exprs_of(item).into_iter().flat_map(names_in).collect())
        .collect();
    let mut diags = Vec::new();
    for (index, item) in program.items.iter().enumerate() {
        let Item::Segment(segment) = item else {
            continue;
        };
        let name = segment.name.name.as_str();
        // A segment naming itself is a cycle (a check error), not a use.
        let used = read
            .iter()
            .enumerate()
            .any(|(other, names)| other != index && names.contains(name));
        if !used {
            diags.push(
                Diagnostic::at(
                    Code::UnusedSegment,
                    segment.name.span,
                    format!("segment `{name}` is never used"),
                )
                .with_help("use it in a score, tier, suppress or playbook rule, or delete it"),
            );
        }
    }
    diags
}

/// The top-level expressions of a declaration.
fn exprs_of(item: &Item) -> Vec<&Expr> {
    match item {
        Item::Segment(s) => vec![&s.expr],
        Item::Score(s) => s
            .rules
            .iter()
            .map(|r| match &r.kind {
                crate::syntax::ast::ScoreRuleKind::When(e) => e,
                crate::syntax::ast::ScoreRuleKind::Per { expr, .. } => expr,
            })
            .collect(),
        Item::Tiers(t) => t
            .rules
            .iter()
            .filter_map(|r| r.condition.as_ref())
            .collect(),
        Item::Suppress(s) => vec![&s.condition],
        Item::Playbook(p) => p
            .steps
            .iter()
            .filter_map(|s| s.guard.as_ref().map(|g| &g.condition))
            .chain(&p.exits)
            .collect(),
        Item::Assign(a) => a
            .rules
            .iter()
            .filter_map(|r| r.condition.as_ref())
            .collect(),
        Item::Fields(_) | Item::Balance(_) => Vec::new(),
    }
}

/// Every single-part name an expression reads (walked without recursion: expressions
/// can be deep).
fn names_in(expr: &Expr) -> BTreeSet<&str> {
    let mut names = BTreeSet::new();
    let mut stack = vec![expr];
    while let Some(e) = stack.pop() {
        if let ExprKind::Path(parts) = &e.kind {
            if let [only] = parts.as_slice() {
                names.insert(only.name.as_str());
            }
        }
        stack.extend(e.children());
    }
    names
}
