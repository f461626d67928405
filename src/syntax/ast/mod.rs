//! The abstract syntax tree of a leadplay program. Every node carries a [`Span`].
//!
//! A program is the concatenation of every `.play` file in the playbooks folder, in name
//! order; [`Program::items`] keeps the source order across files.

use crate::source::Span;

mod expr;
pub use expr::{BinaryOp, Expr, ExprKind, UnaryOp};

/// A name as written: `employees` or `` `Lead Source` ``.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The name without backticks.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A whole program: all declarations of all files, in order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Program {
    /// The declarations.
    pub items: Vec<Item>,
}

/// A top-level declaration.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// `fields { … }`
    Fields(FieldsBlock),
    /// `segment NAME = EXPR`
    Segment(Segment),
    /// `score [NAME] { … }`
    Score(Score),
    /// `tiers { … }`
    Tiers(Tiers),
    /// `suppress when EXPR`
    Suppress(Suppress),
    /// `playbook TIER owner NAME { … }`
    Playbook(Playbook),
    /// `balance { … }`
    Balance(Balance),
    /// `assign TEAM { … }`
    Assign(Assign),
}

/// `fields { name type ["format"] [key] [required] [role R] [from "Column"] [map {…}] … }`
#[derive(Debug, Clone, PartialEq)]
pub struct FieldsBlock {
    /// The declared fields.
    pub fields: Vec<FieldDecl>,
    /// The `fields` keyword.
    pub span: Span,
}

/// One field declaration.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldDecl {
    /// The field's path: one part, or several for nested data (`company.size`).
    pub path: Vec<Ident>,
    /// The type name as written (validated by the checker).
    pub ty: Ident,
    /// Marked `key`: the lead's identity.
    pub key: bool,
    /// Marked `required`: a missing value is a row error.
    pub required: bool,
    /// A strftime format after a date type: `date "%d/%m/%Y"`.
    pub format: Option<StringLit>,
    /// `role R`: the part the field plays (validated by the checker).
    pub role: Option<Ident>,
    /// `from "Column"`: the column (or key) the value is read from.
    pub column: Option<StringLit>,
    /// `map { "from": "to", … }`: value rewrites, in order.
    pub map: Vec<(StringLit, StringLit)>,
    /// The whole declaration line.
    pub span: Span,
}

/// `segment NAME = EXPR`
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// The segment's name.
    pub name: Ident,
    /// Its condition.
    pub expr: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `score [NAME] { rules… [range LO..HI] }`
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    /// The name; `None` for `score { }`, which defines `score`.
    pub name: Option<Ident>,
    /// The rules, in order.
    pub rules: Vec<ScoreRule>,
    /// `range LO..HI`, if given (the last one wins; the checker rejects two).
    pub ranges: Vec<ScoreRange>,
    /// The `score` keyword (and name).
    pub span: Span,
}

/// `range LO..HI`
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRange {
    /// Lower bound.
    pub low: f64,
    /// Upper bound.
    pub high: f64,
    /// The whole `range` line.
    pub span: Span,
}

/// One score rule: `+20 when COND` or `+5 per EXPR [up to M]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoreRule {
    /// Signed points.
    pub points: f64,
    /// `when` or `per`.
    pub kind: ScoreRuleKind,
    /// `decaying from DATE half-life D days` (a `when` rule only).
    pub decay: Option<Decay>,
    /// The whole rule line.
    pub span: Span,
}

/// `decaying from DATE half-life D days`: the points halve every D days after DATE.
#[derive(Debug, Clone, PartialEq)]
pub struct Decay {
    /// The date the points start to decay from (usually a date field).
    pub date: Expr,
    /// The half-life in days.
    pub half_life: f64,
    /// The whole `decaying …` clause.
    pub span: Span,
}

/// What a score rule's points depend on.
#[derive(Debug, Clone, PartialEq)]
pub enum ScoreRuleKind {
    /// `+N when COND`: adds N when COND is true.
    When(Expr),
    /// `+N per EXPR [up to CAP]`: adds N × EXPR, at most CAP in absolute value.
    Per {
        /// The quantity.
        expr: Expr,
        /// The cap, if any.
        cap: Option<f64>,
    },
}

/// `tiers { NAME when COND … NAME otherwise }`
#[derive(Debug, Clone, PartialEq)]
pub struct Tiers {
    /// The rules, hottest first.
    pub rules: Vec<TierRule>,
    /// The `tiers` keyword.
    pub span: Span,
}

/// One line of a `tiers` block.
#[derive(Debug, Clone, PartialEq)]
pub struct TierRule {
    /// The tier's name.
    pub tier: Ident,
    /// `Some(cond)` for `when`, `None` for `otherwise`.
    pub condition: Option<Expr>,
    /// The whole line.
    pub span: Span,
}

/// `suppress when COND`
#[derive(Debug, Clone, PartialEq)]
pub struct Suppress {
    /// The condition.
    pub condition: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `playbook TIER owner OWNER { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct Playbook {
    /// The tier it serves.
    pub tier: Ident,
    /// The default owner of its steps.
    pub owner: Ident,
    /// `handoff "template"`, if given.
    pub handoff: Option<StringLit>,
    /// The steps, in source order.
    pub steps: Vec<Step>,
    /// `exit when COND` lines.
    pub exits: Vec<Expr>,
    /// `on workdays` when written: `day N` counts working days (SPEC 6).
    pub on_workdays: Option<Span>,
    /// The header (`playbook TIER owner OWNER`).
    pub span: Span,
}

/// A string literal with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct StringLit {
    /// The unescaped value.
    pub value: String,
    /// Where it was written (including quotes).
    pub span: Span,
}

/// `day N CHANNEL "template" [owner X] [when C | unless C]`
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Days after entering the tier.
    pub day: u32,
    /// The channel name as written (validated by the checker).
    pub channel: Ident,
    /// The template name (for an A/B step, the first variant's).
    pub template: StringLit,
    /// `["a" 70%, "b" 30%]`: the A/B variants (empty for a step with one template).
    pub variants: Vec<Variant>,
    /// An owner overriding the playbook's.
    pub owner: Option<Ident>,
    /// `when` / `unless` condition.
    pub guard: Option<Guard>,
    /// The whole line.
    pub span: Span,
}

/// One template of an A/B step, with its weight in percent if given.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// The template name.
    pub template: StringLit,
    /// `70%`, if given.
    pub weight: Option<f64>,
    /// The template and weight.
    pub span: Span,
}

/// A step's condition.
#[derive(Debug, Clone, PartialEq)]
pub struct Guard {
    /// True for `unless`.
    pub negated: bool,
    /// The condition.
    pub condition: Expr,
}

/// `balance { … }`
#[derive(Debug, Clone, PartialEq)]
pub struct Balance {
    /// The limits.
    pub rules: Vec<BalanceRule>,
    /// The `balance` keyword.
    pub span: Span,
}

/// One balance line.
#[derive(Debug, Clone, PartialEq)]
pub struct BalanceRule {
    /// A tier name (for `%`) or an owner name (for `per day`).
    pub subject: Ident,
    /// The limit.
    pub limit: BalanceLimit,
    /// The whole line.
    pub span: Span,
}

/// A balance limit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BalanceLimit {
    /// `at most P%` of unsuppressed leads.
    Percent(f64),
    /// `at most N per day` drafts.
    PerDay(u32),
}

/// `assign TEAM { rules… }`: how a lead of a team with members gets its rep when its
/// `owner` value names none (SPEC 6).
#[derive(Debug, Clone, PartialEq)]
pub struct Assign {
    /// The team (an `owners` entry of `leadplay.yaml` with `members`).
    pub team: Ident,
    /// The rules, first match wins.
    pub rules: Vec<AssignRule>,
    /// The header (`assign TEAM`).
    pub span: Span,
}

/// One line of an `assign` block.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignRule {
    /// Who gets the lead.
    pub pick: AssignPick,
    /// `Some(cond)` for `when`, `None` for `otherwise`.
    pub condition: Option<Expr>,
    /// The whole line.
    pub span: Span,
}

/// The member an assign rule picks.
#[derive(Debug, Clone, PartialEq)]
pub enum AssignPick {
    /// `MEMBER when …`: that member (by id).
    Member(Ident),
    /// `round robin [a, b] …`: these members in turn; every member of the team in
    /// roster order when the list is absent.
    RoundRobin(Option<Vec<Ident>>),
}
