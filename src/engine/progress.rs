//! What a run reports while it works, for a progress bar. The engine calls these at
//! batch boundaries (a batch of leads read, a draft staged), never per rule, so a
//! reporter costs nothing measurable; [`Silent`] reports nothing.

/// The phases of a run, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and evaluating the leads (counted in leads).
    Reading,
    /// Rendering and writing the due drafts (counted in drafts).
    Writing,
    /// Making the drafts durable and giving them their names.
    Syncing,
}

/// Receives a run's progress. Called from several threads at once.
pub trait Progress: Sync {
    /// A phase starts; `total` is how many items it has, when known.
    fn phase(&self, phase: Phase, total: Option<u64>);
    /// `items` more of the current phase are done.
    fn advance(&self, items: u64);
    /// The run is over (successfully or not): the reporter clears what it drew.
    fn finish(&self);
}

/// Reports nothing: pipes, `-q`, `watch`, tests.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn phase(&self, _: Phase, _: Option<u64>) {}
    fn advance(&self, _: u64) {}
    fn finish(&self) {}
}
