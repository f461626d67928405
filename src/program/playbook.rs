//! The checked program's playbook side, as the scheduler and renderer see it.
//!
//! `check` turns the AST's `playbook` and `balance` blocks into these plain structs;
//! conditions are referred to by [`CondId`] and evaluated by the compiled program, so
//! nothing downstream ever looks at syntax again.

use super::{CondId, TierId};
use crate::source::Span;
use std::fmt;
use std::sync::Arc;

/// Outreach channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Channel {
    /// An email (`.eml` draft).
    Email,
    /// A phone call (`.md` draft: talking points).
    Call,
    /// Direct mail (`.md` draft: the letter).
    Mail,
    /// A meeting invitation (`.eml`).
    Meeting,
    /// An event invitation (`.eml`).
    Event,
    /// A survey (`.eml`).
    Survey,
    /// A social touch (`.md`).
    Social,
    /// An internal task (`.md`).
    Task,
    /// The internal note to a new owner on a transition (`.md`).
    Handoff,
}

impl Channel {
    /// Channels a step may name (`handoff` is not one of them).
    pub const STEP_CHANNELS: [Channel; 8] = [
        Channel::Email,
        Channel::Call,
        Channel::Mail,
        Channel::Meeting,
        Channel::Event,
        Channel::Survey,
        Channel::Social,
        Channel::Task,
    ];

    /// Parses a step channel name.
    pub fn from_name(name: &str) -> Option<Channel> {
        Channel::STEP_CHANNELS
            .into_iter()
            .find(|c| c.name() == name)
    }

    /// The name as written.
    pub fn name(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Call => "call",
            Channel::Mail => "mail",
            Channel::Meeting => "meeting",
            Channel::Event => "event",
            Channel::Survey => "survey",
            Channel::Social => "social",
            Channel::Task => "task",
            Channel::Handoff => "handoff",
        }
    }

    /// Email-like channels become `.eml` drafts; the others `.md`.
    pub fn is_email(self) -> bool {
        matches!(
            self,
            Channel::Email | Channel::Meeting | Channel::Event | Channel::Survey
        )
    }

    /// The draft file extension.
    pub fn extension(self) -> &'static str {
        if self.is_email() { "eml" } else { "md" }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One `day N CHANNEL "template"` step. Its names are shared (`Arc<str>`) with every
/// plan item made from it, so scheduling a million leads copies no strings.
#[derive(Debug, Clone, PartialEq)]
pub struct StepPlan {
    /// Stable key of the step inside its playbook, recorded in the state file:
    /// `"day<N>:<template>"` (unique per playbook; the checker rejects duplicates).
    pub key: Arc<str>,
    /// Days after entering the tier.
    pub day: u32,
    /// The channel.
    pub channel: Channel,
    /// Template name as written (`"warm/follow_up"`); for an A/B step, the first
    /// variant's (the step's key names it, so adding variants keeps the key).
    pub template: Arc<str>,
    /// The A/B variants (empty for a step with one template).
    pub variants: Vec<super::VariantPlan>,
    /// The owner (the step's override, else the playbook's).
    pub owner: Arc<str>,
    /// The `when` / `unless` condition, if any (see `negated`).
    pub guard: Option<CondId>,
    /// True for `unless`.
    pub negated: bool,
    /// The guard's source text, for explain (`unless replied`).
    pub guard_text: Option<String>,
    /// The step line.
    pub span: Span,
}

impl StepPlan {
    /// Every template the step may draft: its variants, or its one template.
    pub fn templates(&self) -> impl Iterator<Item = &Arc<str>> {
        let single = self.variants.is_empty().then_some(&self.template);
        single
            .into_iter()
            .chain(self.variants.iter().map(|v| &v.template))
    }

    /// The template a lead of `tier` gets, and whether it is an A/B variant.
    pub fn template_for(&self, lead_key: &str, tier: &str) -> (&Arc<str>, bool) {
        if self.variants.is_empty() {
            return (&self.template, false);
        }
        let index = super::pick_variant(lead_key, tier, &self.key, &self.variants);
        match self.variants.get(index) {
            Some(v) => (&v.template, true),
            None => (&self.template, false),
        }
    }
}

/// A compiled `playbook` block.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaybookPlan {
    /// The tier it serves.
    pub tier: TierId,
    /// The tier's name.
    pub tier_name: String,
    /// The default owner.
    pub owner: String,
    /// The handoff template, if any.
    pub handoff: Option<String>,
    /// Steps sorted by day (stable for equal days).
    pub steps: Vec<StepPlan>,
    /// `exit when` conditions, with their source text.
    pub exits: Vec<(CondId, Arc<str>)>,
    /// `on workdays`: `day N` counts working days and steps are due only on them.
    pub on_workdays: bool,
    /// The header span.
    pub span: Span,
}

/// A compiled `balance` block.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BalancePlan {
    /// `TIER at most P%`: (tier, percent).
    pub tier_shares: Vec<(TierId, f64)>,
    /// `OWNER at most N per day`: (owner, drafts per day).
    pub owner_capacity: Vec<(String, u32)>,
}
