//! Every expression of a parsed template, in source order: what the operator rewrite
//! ([`super::operators`]) and `check`'s constant-size lint both look at. minijinja's AST
//! comes from its `unstable_machinery` feature (pinned by `Cargo.lock`; its shape may
//! change with a minor version, and then only this file and its two users change).

use minijinja::machinery::ast::{CallArg, Expr, Stmt};
use minijinja::machinery::{WhitespaceConfig, parse};
use minijinja::syntax::SyntaxConfig;

pub(crate) use minijinja::machinery::ast;

/// Parses `source` as leadplay's environment does and calls `visit` on every expression,
/// parents before their children. `None` when the source does not parse (loading
/// reports that error on its own).
pub(crate) fn each_expression(source: &str, visit: &mut dyn FnMut(&Expr<'_>)) -> Option<()> {
    let template = parse(
        source,
        "<template>",
        SyntaxConfig,
        WhitespaceConfig::default(),
    )
    .ok()?;
    stmt(&template, visit);
    Some(())
}

fn stmts(list: &[Stmt<'_>], visit: &mut dyn FnMut(&Expr<'_>)) {
    for s in list {
        stmt(s, visit);
    }
}

fn stmt(s: &Stmt<'_>, visit: &mut dyn FnMut(&Expr<'_>)) {
    match s {
        Stmt::Template(t) => stmts(&t.children, visit),
        Stmt::EmitExpr(e) => expr(&e.expr, visit),
        Stmt::ForLoop(f) => {
            expr(&f.target, visit);
            expr(&f.iter, visit);
            if let Some(e) = &f.filter_expr {
                expr(e, visit);
            }
            stmts(&f.body, visit);
            stmts(&f.else_body, visit);
        }
        Stmt::IfCond(i) => {
            expr(&i.expr, visit);
            stmts(&i.true_body, visit);
            stmts(&i.false_body, visit);
        }
        Stmt::WithBlock(w) => {
            for (target, value) in &w.assignments {
                expr(target, visit);
                expr(value, visit);
            }
            stmts(&w.body, visit);
        }
        Stmt::Set(set) => {
            expr(&set.target, visit);
            expr(&set.expr, visit);
        }
        Stmt::SetBlock(set) => {
            expr(&set.target, visit);
            if let Some(f) = &set.filter {
                expr(f, visit);
            }
            stmts(&set.body, visit);
        }
        Stmt::AutoEscape(a) => {
            expr(&a.enabled, visit);
            stmts(&a.body, visit);
        }
        Stmt::FilterBlock(f) => {
            expr(&f.filter, visit);
            stmts(&f.body, visit);
        }
        Stmt::Block(b) => stmts(&b.body, visit),
        Stmt::Import(i) => {
            expr(&i.expr, visit);
            expr(&i.name, visit);
        }
        Stmt::FromImport(i) => {
            expr(&i.expr, visit);
            for (name, alias) in &i.names {
                expr(name, visit);
                if let Some(alias) = alias {
                    expr(alias, visit);
                }
            }
        }
        Stmt::Extends(e) => expr(&e.name, visit),
        Stmt::Include(i) => expr(&i.name, visit),
        Stmt::Macro(m) => macro_decl(m, visit),
        Stmt::CallBlock(c) => {
            call(&c.call, visit);
            macro_decl(&c.macro_decl, visit);
        }
        Stmt::Do(d) => call(&d.call, visit),
        // Raw text, and `continue`/`break` when a crate enables minijinja's loop controls.
        #[allow(unreachable_patterns)]
        _ => {}
    }
}

fn macro_decl(m: &ast::Macro<'_>, visit: &mut dyn FnMut(&Expr<'_>)) {
    for e in m.args.iter().chain(&m.defaults) {
        expr(e, visit);
    }
    stmts(&m.body, visit);
}

fn call(c: &ast::Call<'_>, visit: &mut dyn FnMut(&Expr<'_>)) {
    expr(&c.expr, visit);
    args(&c.args, visit);
}

fn args(list: &[CallArg<'_>], visit: &mut dyn FnMut(&Expr<'_>)) {
    for arg in list {
        match arg {
            CallArg::Pos(e)
            | CallArg::Kwarg(_, e)
            | CallArg::PosSplat(e)
            | CallArg::KwargSplat(e) => expr(e, visit),
        }
    }
}

fn expr(e: &Expr<'_>, visit: &mut dyn FnMut(&Expr<'_>)) {
    visit(e);
    match e {
        Expr::Var(_) | Expr::Const(_) => {}
        Expr::Slice(s) => {
            expr(&s.expr, visit);
            for part in [&s.start, &s.stop, &s.step].into_iter().flatten() {
                expr(part, visit);
            }
        }
        Expr::UnaryOp(u) => expr(&u.expr, visit),
        Expr::BinOp(b) => {
            expr(&b.left, visit);
            expr(&b.right, visit);
        }
        Expr::Compare(c) => {
            expr(&c.expr, visit);
            for op in &c.ops {
                expr(&op.expr, visit);
            }
        }
        Expr::IfExpr(i) => {
            expr(&i.test_expr, visit);
            expr(&i.true_expr, visit);
            if let Some(f) = &i.false_expr {
                expr(f, visit);
            }
        }
        Expr::Filter(f) => {
            if let Some(e) = &f.expr {
                expr(e, visit);
            }
            args(&f.args, visit);
        }
        Expr::Test(t) => {
            expr(&t.expr, visit);
            args(&t.args, visit);
        }
        Expr::GetAttr(g) => expr(&g.expr, visit),
        Expr::GetItem(g) => {
            expr(&g.expr, visit);
            expr(&g.subscript_expr, visit);
        }
        Expr::Call(c) => call(c, visit),
        Expr::List(l) => {
            for item in &l.items {
                expr(item, visit);
            }
        }
        Expr::Map(m) => {
            for e in m.keys.iter().chain(&m.values) {
                expr(e, visit);
            }
        }
    }
}
