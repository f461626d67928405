//! Lowering pest pairs to the AST, and reporting junk lines as diagnostics.

use super::ast::*;
use super::errors;
use super::grammar::Rule;
use super::trivia;
use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, Span};
use pest::iterators::Pair;

/// Walks the parse tree of one file.
pub(super) struct Lowerer<'t> {
    file: FileId,
    text: &'t str,
    diagnostics: Vec<Diagnostic>,
}

impl<'t> Lowerer<'t> {
    pub(super) fn new(file: FileId, text: &'t str) -> Lowerer<'t> {
        Lowerer {
            file,
            text,
            diagnostics: Vec::new(),
        }
    }

    pub(super) fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// A pair's span, without the trailing white space and comments pest takes in.
    pub(super) fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let end = trivia::trim_end(self.text, s.start(), s.end());
        Span::new(self.file, s.start()..end)
    }

    /// The span of a parenthesised expression, parentheses included.
    pub(super) fn paren_span(&self, inner: Span) -> Span {
        let (start, end) =
            trivia::widen_to_parens(self.text, inner.start as usize, inner.end as usize);
        Span::new(self.file, start..end)
    }

    pub(super) fn error(&mut self, code: Code, span: Span, message: String, help: Option<&str>) {
        let mut d = Diagnostic::at(code, span, message);
        if let Some(h) = help {
            d = d.with_help(h);
        }
        self.diagnostics.push(d);
    }

    /// Reports a junk span, explained by the strict rule for its context.
    pub(super) fn junk(&mut self, pair: &Pair<'_, Rule>, strict: Rule) {
        let start = pair.as_span().start();
        let text = pair.as_str();
        let d = errors::explain_junk(self.file, text, start, strict);
        self.diagnostics.push(d);
    }

    pub(super) fn program(&mut self, program: Pair<'_, Rule>) -> Vec<Item> {
        let mut items = Vec::new();
        for pair in program.into_inner() {
            let item = match pair.as_rule() {
                Rule::fields_decl => Some(Item::Fields(self.fields(pair))),
                Rule::segment_decl => Some(Item::Segment(self.segment(pair))),
                Rule::score_decl => Some(Item::Score(self.score(pair))),
                Rule::tiers_decl => Some(Item::Tiers(self.tiers(pair))),
                Rule::suppress_decl => Some(Item::Suppress(self.suppress(pair))),
                Rule::playbook_decl => Some(Item::Playbook(self.playbook(pair))),
                Rule::balance_decl => Some(Item::Balance(self.balance(pair))),
                Rule::assign_decl => Some(Item::Assign(self.assign(pair))),
                Rule::junk_block | Rule::junk_top => {
                    self.junk(&pair, Rule::declaration_only);
                    None
                }
                _ => None,
            };
            items.extend(item);
        }
        items
    }

    // ── names and literals ──

    pub(super) fn ident(&mut self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    /// A `name`: an identifier or a backtick name (backticks removed).
    pub(super) fn name(&mut self, pair: Pair<'_, Rule>) -> Ident {
        let span = self.span(&pair);
        let raw = pair.as_str();
        let name = raw
            .strip_prefix('`')
            .and_then(|s| s.strip_suffix('`'))
            .unwrap_or(raw);
        Ident {
            name: name.to_string(),
            span,
        }
    }

    pub(super) fn number(&mut self, pair: &Pair<'_, Rule>) -> f64 {
        let text: String = pair
            .as_str()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        match text.parse::<f64>() {
            Ok(n) if n.is_finite() => n,
            _ => {
                self.error(
                    Code::BadNumber,
                    self.span(pair),
                    format!("`{text}` is not a usable number"),
                    None,
                );
                0.0
            }
        }
    }

    pub(super) fn string(&mut self, pair: Pair<'_, Rule>) -> StringLit {
        let span = self.span(&pair);
        let raw = pair
            .into_inner()
            .next()
            .map(|p| p.as_str())
            .unwrap_or_default();
        let value = match unescape(raw) {
            Ok(v) => v,
            Err(bad) => {
                self.error(Code::BadEscape,
                    span,
                    format!("invalid escape `{bad}` in string"),
                    Some("`\\u{…}` takes 1 to 6 hex digits naming a Unicode scalar value, e.g. `\\u{53F0}`"),
                );
                String::new()
            }
        };
        StringLit { value, span }
    }

    pub(super) fn integer(&mut self, pair: &Pair<'_, Rule>) -> u32 {
        match pair.as_str().parse::<u32>() {
            Ok(n) => n,
            Err(_) => {
                self.error(
                    Code::BadNumber,
                    self.span(pair),
                    format!("`{}` is too large", pair.as_str()),
                    None,
                );
                0
            }
        }
    }

    // ── declarations ──

    fn fields(&mut self, pair: Pair<'_, Rule>) -> FieldsBlock {
        let mut inner = pair.into_inner();
        let span = inner.next().map(|k| self.span(&k)).unwrap_or_default();
        let mut fields = Vec::new();
        for item in inner {
            match item.as_rule() {
                Rule::field_def => fields.push(self.field_def(item)),
                _ => self.junk(&item, Rule::field_only),
            }
        }
        FieldsBlock { fields, span }
    }

    fn field_def(&mut self, pair: Pair<'_, Rule>) -> FieldDecl {
        let span = self.span(&pair);
        let mut path = Vec::new();
        let mut ty = None;
        let (mut key, mut required) = (false, false);
        let (mut format, mut role, mut column, mut map) = (None, None, None, Vec::new());
        for p in pair.into_inner() {
            match p.as_rule() {
                Rule::path => path = p.into_inner().map(|n| self.name(n)).collect(),
                Rule::ident => ty = Some(self.ident(p)),
                Rule::field_flag => match p.as_str() {
                    "key" => key = true,
                    _ => required = true,
                },
                Rule::field_format => format = self.first_string(p),
                Rule::field_from => column = self.first_string(p),
                Rule::field_role => role = p.into_inner().last().map(|i| self.ident(i)),
                Rule::field_map => map.extend(p.into_inner().filter_map(|e| self.map_entry(e))),
                _ => {}
            }
        }
        let ty = ty.unwrap_or(Ident {
            name: String::new(),
            span,
        });
        FieldDecl {
            path,
            ty,
            key,
            required,
            format,
            role,
            column,
            map,
            span,
        }
    }

    /// The first string literal inside `pair` (`from "Column"`, a date format).
    fn first_string(&mut self, pair: Pair<'_, Rule>) -> Option<StringLit> {
        let string = pair.into_inner().find(|p| p.as_rule() == Rule::string)?;
        Some(self.string(string))
    }

    /// `"from": "to"` of a `map { … }`.
    fn map_entry(&mut self, pair: Pair<'_, Rule>) -> Option<(StringLit, StringLit)> {
        if pair.as_rule() != Rule::map_entry {
            return None;
        }
        let mut strings = pair.into_inner().filter(|p| p.as_rule() == Rule::string);
        let from = self.string(strings.next()?);
        let to = self.string(strings.next()?);
        Some((from, to))
    }

    fn segment(&mut self, pair: Pair<'_, Rule>) -> Segment {
        let span = self.span(&pair);
        let mut inner = pair.into_inner().skip(1);
        let name = inner.next().map(|p| self.name(p));
        let expr = inner.next().map(|p| self.expr(p));
        Segment {
            name: name.unwrap_or_else(|| self.missing_ident(span)),
            expr: expr.unwrap_or_else(|| self.missing_expr(span)),
            span,
        }
    }

    fn tiers(&mut self, pair: Pair<'_, Rule>) -> Tiers {
        let mut inner = pair.into_inner();
        let span = inner.next().map(|k| self.span(&k)).unwrap_or_default();
        let mut rules = Vec::new();
        for item in inner {
            match item.as_rule() {
                Rule::tier_when | Rule::tier_otherwise => {
                    let span = self.span(&item);
                    let mut parts = item.into_inner();
                    let tier = parts
                        .next()
                        .map(|p| self.name(p))
                        .unwrap_or_else(|| self.missing_ident(span));
                    let condition = parts
                        .find(|p| p.as_rule() == Rule::expr)
                        .map(|p| self.expr(p));
                    rules.push(TierRule {
                        tier,
                        condition,
                        span,
                    });
                }
                _ => self.junk(&item, Rule::tier_item_only),
            }
        }
        Tiers { rules, span }
    }

    fn suppress(&mut self, pair: Pair<'_, Rule>) -> Suppress {
        let span = self.span(&pair);
        let condition = pair
            .into_inner()
            .find(|p| p.as_rule() == Rule::expr)
            .map(|p| self.expr(p))
            .unwrap_or_else(|| self.missing_expr(span));
        Suppress { condition, span }
    }

    // Placeholders for parts the grammar guarantees; used only so a grammar change
    // can never turn into a panic.
    pub(super) fn missing_ident(&self, span: Span) -> Ident {
        Ident {
            name: String::new(),
            span,
        }
    }

    pub(super) fn missing_expr(&self, span: Span) -> Expr {
        Expr {
            kind: ExprKind::Bool(false),
            span,
        }
    }

    /// The source text of a span in this file.
    #[allow(dead_code)]
    pub(super) fn text_of(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// Resolves the escapes of a string literal's inner text; `Err` names the bad escape.
pub(super) fn unescape(raw: &str) -> Result<String, String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') if chars.clone().next() == Some('{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|c| *c != '}').collect();
                let ch = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32);
                match ch {
                    Some(ch) => out.push(ch),
                    None => return Err(format!("\\u{{{hex}}}")),
                }
            }
            // Kept as written: regexes use `\d`, `\b`, `\.` …
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => return Err("\\".to_string()),
        }
    }
    Ok(out)
}
