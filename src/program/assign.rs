//! The compiled `assign` blocks, as the checker leaves them: member names are checked
//! against `leadplay.yaml` later ([`super::check_assign`]), since the program alone
//! does not know the roster.

use super::CondId;
use crate::source::Span;
use std::sync::Arc;

/// One `assign TEAM { … }` block.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignPlan {
    /// The team.
    pub team: String,
    /// Where the team name was written.
    pub team_span: Span,
    /// The rules, first match wins.
    pub rules: Vec<AssignRulePlan>,
}

/// One rule of an `assign` block.
#[derive(Debug, Clone, PartialEq)]
pub struct AssignRulePlan {
    /// Who it picks.
    pub pick: PickPlan,
    /// `when COND`; `None` for `otherwise`.
    pub cond: Option<CondId>,
    /// The line's text, for explain and the state (`priya when country == "US"`).
    pub text: Arc<str>,
    /// The whole line.
    pub span: Span,
}

/// The member(s) a rule picks, by id as written.
#[derive(Debug, Clone, PartialEq)]
pub enum PickPlan {
    /// One member.
    Member(String, Span),
    /// These members in turn (every member in roster order when `None`).
    RoundRobin(Option<Vec<(String, Span)>>),
}
