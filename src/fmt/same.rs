//! Comparing ASTs while ignoring spans: the formatter's proof that it kept the meaning.

use crate::source::Span;
use crate::syntax::ast::{AssignPick, Expr, ExprKind, Ident, Item, ScoreRuleKind};

/// Whether two lists of declarations are equal apart from where they were written.
pub(super) fn same_items(a: &[Item], b: &[Item]) -> bool {
    without_spans(a) == without_spans(b)
}

/// A copy with every span zeroed.
pub(super) fn without_spans(items: &[Item]) -> Vec<Item> {
    let mut items = items.to_vec();
    items.iter_mut().for_each(clear_item);
    items
}

fn clear_ident(ident: &mut Ident) {
    ident.span = Span::default();
}

fn clear_item(item: &mut Item) {
    match item {
        Item::Fields(f) => {
            f.span = Span::default();
            for d in &mut f.fields {
                d.span = Span::default();
                d.path.iter_mut().for_each(clear_ident);
                clear_ident(&mut d.ty);
                d.role.iter_mut().for_each(clear_ident);
                for string in d.format.iter_mut().chain(d.column.iter_mut()) {
                    string.span = Span::default();
                }
                for (from, to) in &mut d.map {
                    from.span = Span::default();
                    to.span = Span::default();
                }
            }
        }
        Item::Segment(s) => {
            s.span = Span::default();
            clear_ident(&mut s.name);
            clear_expr(&mut s.expr);
        }
        Item::Score(s) => {
            s.span = Span::default();
            s.name.iter_mut().for_each(clear_ident);
            s.ranges.iter_mut().for_each(|r| r.span = Span::default());
            for r in &mut s.rules {
                r.span = Span::default();
                match &mut r.kind {
                    ScoreRuleKind::When(e) | ScoreRuleKind::Per { expr: e, .. } => clear_expr(e),
                }
                if let Some(d) = &mut r.decay {
                    d.span = Span::default();
                    clear_expr(&mut d.date);
                }
            }
        }
        Item::Tiers(t) => {
            t.span = Span::default();
            for r in &mut t.rules {
                r.span = Span::default();
                clear_ident(&mut r.tier);
                r.condition.iter_mut().for_each(clear_expr);
            }
        }
        Item::Suppress(s) => {
            s.span = Span::default();
            clear_expr(&mut s.condition);
        }
        Item::Playbook(p) => {
            p.span = Span::default();
            clear_ident(&mut p.tier);
            clear_ident(&mut p.owner);
            p.handoff.iter_mut().for_each(|h| h.span = Span::default());
            p.on_workdays = p.on_workdays.map(|_| Span::default());
            p.exits.iter_mut().for_each(clear_expr);
            for s in &mut p.steps {
                s.span = Span::default();
                s.template.span = Span::default();
                for v in &mut s.variants {
                    v.span = Span::default();
                    v.template.span = Span::default();
                }
                clear_ident(&mut s.channel);
                s.owner.iter_mut().for_each(clear_ident);
                s.guard
                    .iter_mut()
                    .for_each(|g| clear_expr(&mut g.condition));
            }
        }
        Item::Assign(a) => {
            a.span = Span::default();
            clear_ident(&mut a.team);
            for r in &mut a.rules {
                r.span = Span::default();
                r.condition.iter_mut().for_each(clear_expr);
                match &mut r.pick {
                    AssignPick::Member(m) => clear_ident(m),
                    AssignPick::RoundRobin(list) => {
                        list.iter_mut().flatten().for_each(clear_ident);
                    }
                }
            }
        }
        Item::Balance(b) => {
            b.span = Span::default();
            for r in &mut b.rules {
                r.span = Span::default();
                clear_ident(&mut r.subject);
            }
        }
    }
}

fn clear_expr(e: &mut Expr) {
    e.span = Span::default();
    match &mut e.kind {
        ExprKind::List(items) => items.iter_mut().for_each(clear_expr),
        ExprKind::Path(parts) => parts.iter_mut().for_each(clear_ident),
        ExprKind::Call { function, args } => {
            clear_ident(function);
            args.iter_mut().for_each(clear_expr);
        }
        ExprKind::Unary { operand, .. } | ExprKind::Presence { operand, .. } => clear_expr(operand),
        ExprKind::Binary {
            op_span,
            left,
            right,
            ..
        } => {
            *op_span = Span::default();
            clear_expr(left);
            clear_expr(right);
        }
        ExprKind::Number(_)
        | ExprKind::Text(_)
        | ExprKind::Bool(_)
        | ExprKind::Date(_)
        | ExprKind::Today => {}
    }
}
