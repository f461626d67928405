//! The drafts a run made, counted for the summary: per owner and channel, per A/B
//! variant, per rep, and handoffs. Kept leads are counted with keys borrowed from their
//! plans ([`DraftCounts`]); leads a streamed run lets go, whose plans are gone by the
//! end, with owned keys ([`OwnedDraftCounts`]).

use super::tally::is_made;
use crate::report::Summary;
use crate::schedule::{LeadPlan, Target};
use std::collections::BTreeMap;

/// One draft made (or that a dry run would make), as the summary counts it.
pub(super) struct MadeDraft<'a> {
    owner: &'a str,
    channel: &'static str,
    handoff: bool,
    /// The template, when it is the lead's A/B variant.
    variant: Option<&'a str>,
    /// The rep's member id, when the owner is a team with members.
    rep: Option<&'a str>,
}

/// The plan's drafts made, in item order.
pub(super) fn made_drafts(plan: &LeadPlan) -> impl Iterator<Item = MadeDraft<'_>> {
    plan.items
        .iter()
        .filter(|i| is_made(i))
        .map(|item| MadeDraft {
            owner: &item.owner,
            channel: item.channel.name(),
            handoff: matches!(item.target, Target::Handoff(_)),
            variant: item.variant.then_some(&*item.template),
            rep: plan.rep_for(&item.owner).and_then(|r| r.id()),
        })
}

/// [`DraftCounts`] with owned keys, shaped like the summary's maps.
#[derive(Default)]
pub(super) struct OwnedDraftCounts {
    drafts: NestedCounts,
    variants: Counts,
    reps: NestedCounts,
    handoffs: usize,
}

impl OwnedDraftCounts {
    pub(super) fn count(&mut self, draft: &MadeDraft<'_>) {
        bump_nested(&mut self.drafts, draft.owner, draft.channel, 1);
        if draft.handoff {
            self.handoffs += 1;
        }
        if let Some(template) = draft.variant {
            bump_named(&mut self.variants, template, 1);
        }
        if let Some(rep) = draft.rep {
            bump_nested(&mut self.reps, draft.owner, rep, 1);
        }
    }

    pub(super) fn add(&mut self, other: OwnedDraftCounts) {
        merge_counts(
            (&mut self.drafts, &mut self.variants, &mut self.reps),
            &other,
        );
        self.handoffs += other.handoffs;
    }

    /// Adds the counts to the summary's.
    pub(super) fn fill(&self, summary: &mut Summary) {
        merge_counts(
            (
                &mut summary.drafts,
                &mut summary.variants,
                &mut summary.reps,
            ),
            self,
        );
        summary.handoffs += self.handoffs;
    }
}

type Counts = BTreeMap<String, usize>;
type NestedCounts = BTreeMap<String, Counts>;

/// Adds `from`'s drafts, variants and reps to `into`'s.
fn merge_counts(
    (drafts, variants, reps): (&mut NestedCounts, &mut Counts, &mut NestedCounts),
    from: &OwnedDraftCounts,
) {
    for (into, from) in [(drafts, &from.drafts), (reps, &from.reps)] {
        for (outer, inner) in from {
            for (name, &n) in inner {
                bump_nested(into, outer, name, n);
            }
        }
    }
    for (template, &n) in &from.variants {
        bump_named(variants, template, n);
    }
}

/// Adds `n` under `name`, allocating the key only the first time.
fn bump_named(map: &mut Counts, name: &str, n: usize) {
    match map.get_mut(name) {
        Some(count) => *count += n,
        None => {
            map.insert(name.to_string(), n);
        }
    }
}

/// Adds `n` under `outer` → `inner`, allocating keys only the first time.
fn bump_nested(map: &mut NestedCounts, outer: &str, inner: &str, n: usize) {
    match map.get_mut(outer) {
        Some(inner_map) => bump_named(inner_map, inner, n),
        None => {
            map.insert(outer.to_string(), BTreeMap::from([(inner.to_string(), n)]));
        }
    }
}

/// The counts of the drafts made. Keys are borrowed from the plans: no allocation per
/// draft.
#[derive(Default)]
pub(super) struct DraftCounts<'a> {
    /// (owner, channel) → drafts.
    drafts: BTreeMap<(&'a str, &'a str), usize>,
    /// A/B variant template → drafts.
    variants: BTreeMap<&'a str, usize>,
    /// (team, member id) → drafts of that rep.
    reps: BTreeMap<(&'a str, &'a str), usize>,
    handoffs: usize,
}

impl<'a> DraftCounts<'a> {
    pub(super) fn count(&mut self, plan: &'a LeadPlan) {
        for draft in made_drafts(plan) {
            *self.drafts.entry((draft.owner, draft.channel)).or_default() += 1;
            if draft.handoff {
                self.handoffs += 1;
            }
            if let Some(template) = draft.variant {
                *self.variants.entry(template).or_default() += 1;
            }
            if let Some(rep) = draft.rep {
                *self.reps.entry((draft.owner, rep)).or_default() += 1;
            }
        }
    }

    pub(super) fn add(mut self, other: DraftCounts<'a>) -> DraftCounts<'a> {
        for (key, n) in other.drafts {
            *self.drafts.entry(key).or_default() += n;
        }
        for (key, n) in other.variants {
            *self.variants.entry(key).or_default() += n;
        }
        for (key, n) in other.reps {
            *self.reps.entry(key).or_default() += n;
        }
        self.handoffs += other.handoffs;
        self
    }

    /// Adds the counts that are keyed by name to the summary.
    pub(super) fn fill(&self, summary: &mut Summary) {
        for (&(owner, channel), &n) in &self.drafts {
            bump_nested(&mut summary.drafts, owner, channel, n);
        }
        for (&template, &n) in &self.variants {
            bump_named(&mut summary.variants, template, n);
        }
        for (&(team, rep), &n) in &self.reps {
            bump_nested(&mut summary.reps, team, rep, n);
        }
        summary.handoffs += self.handoffs;
    }
}
