//! From AST declarations to output lines, each remembering the source lines it came
//! from so comments can be attached to it (see `layout.rs`).
//!
//! Items inside a block keep their source order: the AST splits a playbook into
//! `handoff` / `steps` / `exits` and a score into rules / ranges, so they are merged
//! back by source position.

use super::comments::{Comment, SourceText};
use super::expr::{expr, name, number, path, points, string};
use crate::syntax::ast::{
    Assign, AssignPick, Balance, BalanceLimit, FieldsBlock, Item, Playbook, Score, ScoreRuleKind,
    Tiers,
};

/// What one output line of code says.
#[derive(Debug, Clone)]
pub(super) enum Content {
    /// Cells lined up in columns with the other rows of the same block or run.
    Cells(Vec<String>),
    /// A line printed as it is.
    Text(String),
}

/// One output line of code, where it came from, and the comments attached to it.
#[derive(Debug, Clone)]
pub(super) struct Entry {
    /// The code.
    pub content: Content,
    /// First source line (0-based) of the item.
    pub first_line: usize,
    /// Last source line of the item.
    pub last_line: usize,
    /// Comments printed on their own lines above it.
    pub leading: Vec<Comment>,
    /// The comment printed at the end of its line.
    pub trailing: Option<Comment>,
}

/// A top-level declaration, as indices into [`Doc::entries`].
#[derive(Debug, Clone)]
pub(super) enum Chunk {
    /// A one-line declaration: `segment` or `suppress`.
    Single(usize),
    /// A block: its header line, its items, its closing brace.
    Block {
        /// `name … {`
        header: usize,
        /// One per item, in source order.
        items: Vec<usize>,
        /// `}`
        close: usize,
    },
}

/// A file's code lines in source order, grouped by declaration.
#[derive(Debug, Default)]
pub(super) struct Doc {
    /// Every code line, in source (and output) order.
    pub entries: Vec<Entry>,
    /// The declarations.
    pub chunks: Vec<Chunk>,
}

/// A block item before its position is settled.
struct Row {
    content: Content,
    /// Source position used to restore source order.
    key: usize,
    /// Where the item starts; `None` when its span does not include its keyword
    /// (`handoff`, `exit`): then it starts at the first token after the previous item.
    start: Option<usize>,
    end: usize,
}

/// Lays out the declarations of one file. `Err` names an internal inconsistency
/// between the AST and the text (which a parsed file never has).
pub(super) fn build(items: &[Item], src: &SourceText<'_>) -> Result<Doc, String> {
    let mut builder = Builder {
        src,
        doc: Doc::default(),
    };
    for item in items {
        builder.item(item)?;
    }
    Ok(builder.doc)
}

struct Builder<'s, 't> {
    src: &'s SourceText<'t>,
    doc: Doc,
}

impl Builder<'_, '_> {
    fn item(&mut self, item: &Item) -> Result<(), String> {
        match item {
            Item::Segment(s) => {
                let cells = vec![
                    format!("segment {}", name(&s.name.name)),
                    format!("= {}", expr(&s.expr)),
                ];
                let end = self.src.expr_end(s.expr.span.end as usize);
                self.single(Content::Cells(cells), s.span.start as usize, end);
                Ok(())
            }
            Item::Suppress(s) => {
                let text = format!("suppress when {}", expr(&s.condition));
                let end = self.src.expr_end(s.condition.span.end as usize);
                self.single(Content::Text(text), s.span.start as usize, end);
                Ok(())
            }
            Item::Fields(f) => self.fields(f),
            Item::Score(s) => self.score(s),
            Item::Tiers(t) => self.tiers(t),
            Item::Playbook(p) => self.playbook(p),
            Item::Balance(b) => self.balance(b),
            Item::Assign(a) => self.assign(a),
        }
    }

    fn entry(&mut self, content: Content, start: usize, end: usize) -> usize {
        let last = end.saturating_sub(1).max(start);
        self.doc.entries.push(Entry {
            content,
            first_line: self.src.line_of(start),
            last_line: self.src.line_of(last),
            leading: Vec::new(),
            trailing: None,
        });
        self.doc.entries.len() - 1
    }

    fn single(&mut self, content: Content, start: usize, end: usize) {
        let index = self.entry(content, start, end);
        self.doc.chunks.push(Chunk::Single(index));
    }

    /// A pair span's end without the trivia the parser may have included.
    fn trimmed(&self, start: u32, end: u32) -> usize {
        self.src.trim_end(start as usize, end as usize)
    }

    fn block(
        &mut self,
        header: String,
        header_span: (u32, u32),
        mut rows: Vec<Row>,
    ) -> Result<(), String> {
        let open = self
            .src
            .find_brace(header_span.1 as usize, '{')
            .ok_or("no `{` after a block header")?;
        let header = self.entry(Content::Text(header), header_span.0 as usize, open + 1);
        rows.sort_by_key(|r| r.key);
        let mut previous_end = open + 1;
        let mut items = Vec::with_capacity(rows.len());
        for row in rows {
            let start = row
                .start
                .unwrap_or_else(|| self.src.skip_trivia(previous_end));
            let end = row.end.max(start);
            items.push(self.entry(row.content, start, end));
            previous_end = end;
        }
        let close_at = self
            .src
            .find_brace(previous_end, '}')
            .ok_or("no `}` after the last item of a block")?;
        let close = self.entry(Content::Text("}".into()), close_at, close_at + 1);
        self.doc.chunks.push(Chunk::Block {
            header,
            items,
            close,
        });
        Ok(())
    }

    fn fields(&mut self, f: &FieldsBlock) -> Result<(), String> {
        let rows = f
            .fields
            .iter()
            .map(|d| {
                let mut parts: Vec<String> = [(d.key, "key"), (d.required, "required")]
                    .into_iter()
                    .filter(|(set, _)| *set)
                    .map(|(_, flag)| flag.to_string())
                    .collect();
                parts.extend(d.role.as_ref().map(|r| format!("role {}", r.name)));
                parts.extend(
                    d.column
                        .as_ref()
                        .map(|c| format!("from {}", string(&c.value))),
                );
                if !d.map.is_empty() {
                    let entries: Vec<String> = d
                        .map
                        .iter()
                        .map(|(from, to)| format!("{}: {}", string(&from.value), string(&to.value)))
                        .collect();
                    parts.push(format!("map {{ {} }}", entries.join(", ")));
                }
                let ty = match &d.format {
                    Some(format) => format!("{} {}", d.ty.name, string(&format.value)),
                    None => d.ty.name.clone(),
                };
                let cells = vec![path(&d.path), ty, parts.join(" ")];
                self.exact_row(Content::Cells(cells), d.span.start, d.span.end)
            })
            .collect();
        self.block("fields {".into(), (f.span.start, f.span.end), rows)
    }

    fn exact_row(&self, content: Content, start: u32, end: u32) -> Row {
        Row {
            content,
            key: start as usize,
            start: Some(start as usize),
            end: self.trimmed(start, end),
        }
    }

    fn score(&mut self, s: &Score) -> Result<(), String> {
        let mut rows: Vec<Row> = s
            .rules
            .iter()
            .map(|r| {
                let rest = match &r.kind {
                    ScoreRuleKind::When(e) => match &r.decay {
                        Some(d) => format!(
                            "when {} decaying from {} half-life {} days",
                            expr(e),
                            expr(&d.date),
                            number(d.half_life)
                        ),
                        None => format!("when {}", expr(e)),
                    },
                    ScoreRuleKind::Per { expr: e, cap } => match cap {
                        Some(cap) => format!("per {} up to {}", expr(e), number(*cap)),
                        None => format!("per {}", expr(e)),
                    },
                };
                let cells = vec![points(r.points), rest];
                self.exact_row(Content::Cells(cells), r.span.start, r.span.end)
            })
            .collect();
        rows.extend(s.ranges.iter().map(|r| {
            let text = format!("range {}..{}", number(r.low), number(r.high));
            self.exact_row(Content::Text(text), r.span.start, r.span.end)
        }));
        let header = match &s.name {
            Some(n) => format!("score {} {{", name(&n.name)),
            None => "score {".to_string(),
        };
        self.block(header, (s.span.start, s.span.end), rows)
    }

    fn tiers(&mut self, t: &Tiers) -> Result<(), String> {
        let rows = t
            .rules
            .iter()
            .map(|r| {
                let rest = match &r.condition {
                    Some(c) => format!("when {}", expr(c)),
                    None => "otherwise".to_string(),
                };
                let cells = vec![name(&r.tier.name), rest];
                self.exact_row(Content::Cells(cells), r.span.start, r.span.end)
            })
            .collect();
        self.block("tiers {".into(), (t.span.start, t.span.end), rows)
    }

    fn playbook(&mut self, p: &Playbook) -> Result<(), String> {
        let mut rows: Vec<Row> = p
            .steps
            .iter()
            .map(|s| {
                let guard = s.guard.as_ref().map_or(String::new(), |g| {
                    let keyword = if g.negated { "unless" } else { "when" };
                    format!("{keyword} {}", expr(&g.condition))
                });
                let owner = s
                    .owner
                    .as_ref()
                    .map_or(String::new(), |o| format!("owner {}", name(&o.name)));
                let cells = vec![
                    format!("day {}", s.day),
                    name(&s.channel.name),
                    templates(s),
                    owner,
                    guard,
                ];
                self.exact_row(Content::Cells(cells), s.span.start, s.span.end)
            })
            .collect();
        rows.extend(p.handoff.iter().map(|h| Row {
            content: Content::Text(format!("handoff {}", string(&h.value))),
            key: h.span.start as usize,
            start: None,
            end: h.span.end as usize,
        }));
        rows.extend(p.exits.iter().map(|e| Row {
            content: Content::Text(format!("exit when {}", expr(e))),
            key: e.span.start as usize,
            start: None,
            end: self.src.expr_end(e.span.end as usize),
        }));
        let header = format!(
            "playbook {} owner {}{} {{",
            name(&p.tier.name),
            name(&p.owner.name),
            if p.on_workdays.is_some() {
                " on workdays"
            } else {
                ""
            }
        );
        self.block(header, (p.span.start, p.span.end), rows)
    }

    fn balance(&mut self, b: &Balance) -> Result<(), String> {
        let rows = b
            .rules
            .iter()
            .map(|r| {
                let limit = match r.limit {
                    BalanceLimit::Percent(p) => format!("at most {}%", number(p)),
                    BalanceLimit::PerDay(n) => format!("at most {n} per day"),
                };
                let cells = vec![name(&r.subject.name), limit];
                self.exact_row(Content::Cells(cells), r.span.start, r.span.end)
            })
            .collect();
        self.block("balance {".into(), (b.span.start, b.span.end), rows)
    }
}

impl Builder<'_, '_> {
    fn assign(&mut self, a: &Assign) -> Result<(), String> {
        let rows = a
            .rules
            .iter()
            .map(|r| {
                let pick = match &r.pick {
                    AssignPick::Member(m) => name(&m.name),
                    AssignPick::RoundRobin(None) => "round robin".to_string(),
                    AssignPick::RoundRobin(Some(list)) => {
                        let names: Vec<String> = list.iter().map(|m| name(&m.name)).collect();
                        format!("round robin [{}]", names.join(", "))
                    }
                };
                let rest = match &r.condition {
                    Some(c) => format!("when {}", expr(c)),
                    None => "otherwise".to_string(),
                };
                self.exact_row(Content::Cells(vec![pick, rest]), r.span.start, r.span.end)
            })
            .collect();
        let header = format!("assign {} {{", name(&a.team.name));
        self.block(header, (a.span.start, a.span.end), rows)
    }
}

/// `"template"`, or an A/B step's `["a" 70%, "b" 30%]`.
fn templates(step: &crate::syntax::ast::Step) -> String {
    if step.variants.is_empty() {
        return string(&step.template.value);
    }
    let listed: Vec<String> = step
        .variants
        .iter()
        .map(|v| match v.weight {
            Some(w) => format!("{} {}%", string(&v.template.value), number(w)),
            None => string(&v.template.value),
        })
        .collect();
    format!("[{}]", listed.join(", "))
}
