//! The run's leads through evaluation: batches read ahead on one thread, each batch
//! evaluated whole by one worker of the pool, and the evaluated batches taken into the
//! run's [`Rows`] in file order by whichever worker finds the next one ready.
//!
//! Plain rule: `for batch in leads { rows.absorb(evaluate(batch)) }`. Trick: no worker
//! waits for another. A batch is one task; when it is done it goes into a reorder
//! buffer, and its worker takes every batch that is next in file order into the rows,
//! unless another worker is doing so already (`try_lock`). The batches in flight are
//! bounded, so memory stays flat when evaluation is slower than reading. The version
//! before evaluated each batch on all workers at once and took the previous one beside
//! it (`rayon::join`): every batch ended with a wait for its slowest piece.

use super::EngineError;
use super::batch::Batch;
use super::progress::Progress;
use super::rows::Rows;
use crate::leads::{LeadReader, RawLead, for_each_raw_batch};
use crate::state::State;
use std::collections::BTreeMap;
use std::ops::ControlFlow;
use std::sync::{Mutex, MutexGuard, PoisonError, mpsc};

/// Evaluates every batch of leads with `evaluate` and takes its rows into `rows`, in
/// file order.
pub(super) fn evaluate_all<F>(
    reader: LeadReader,
    rows: &mut Rows<'_>,
    state: &State,
    progress: &dyn Progress,
    evaluate: F,
) -> Result<(), EngineError>
where
    F: Fn(Vec<RawLead>, &mut Batch) + Sync,
{
    // Four per worker: with two, the reading waited on the taking of the batch before
    // (12 alternating pairs on the 1M-lead dry run: four ÷ two 0.92×); a batch's
    // results are half a megabyte.
    let in_flight = 4 * rayon::current_num_threads().max(1);
    let (give_back, slots) = mpsc::sync_channel(in_flight);
    for _ in 0..in_flight {
        // The receiver is alive: it is right here.
        let _ = give_back.send(());
    }
    let order = InOrder {
        next: Mutex::new(Pending::default()),
        rows: Mutex::new(rows),
        spare: Mutex::new(Vec::new()),
        give_back,
        in_flight,
    };
    let mut read = Ok(());
    rayon::in_place_scope(|scope| {
        let mut sequence = 0;
        read = for_each_raw_batch(reader, |raws| {
            progress.advance(raws.len() as u64);
            // Wait for a free slot: one is given back as each batch is taken in.
            if slots.recv().is_err() {
                return ControlFlow::Break(());
            }
            let (order, evaluate) = (&order, &evaluate);
            let this = sequence;
            sequence += 1;
            scope.spawn(move |_| {
                let mut batch = order.spare_batch();
                evaluate(raws, &mut batch);
                order.finished(this, batch, state);
            });
            ControlFlow::Continue(())
        });
    });
    read?;
    // Every task has ended, and each took what it found in order: nothing is left,
    // but a last look costs nothing.
    order.take_ready(state);
    Ok(())
}

/// Evaluated batches waiting for their turn, and the rows they go into.
struct InOrder<'r, 'c> {
    next: Mutex<Pending>,
    rows: Mutex<&'r mut Rows<'c>>,
    /// Emptied batches, to be filled again: a batch's buffer is large (a few hundred
    /// kilobytes), and freeing one made the allocator sweep its small free chunks
    /// (callgrind, 200k leads: `malloc_consolidate` 24.5 M → 9.4 M instructions, the
    /// run 2.80 G → 2.74 G).
    spare: Mutex<Vec<Batch>>,
    /// A slot for the next batch, given back as each batch is taken in: batches done
    /// but waiting for their turn hold theirs, so when taking is the slow part (JSON
    /// records) the reading waits instead of piling batches up.
    give_back: mpsc::SyncSender<()>,
    /// How many slots there are.
    in_flight: usize,
}

/// The number of the next batch in file order, and the batches after it that are done.
#[derive(Default)]
struct Pending {
    next: usize,
    done: BTreeMap<usize, Batch>,
}

impl InOrder<'_, '_> {
    /// Batch `number` is evaluated: it waits for its turn, and whatever is next in file
    /// order is taken now, unless another worker is taking it.
    fn finished(&self, number: usize, batch: Batch, state: &State) {
        let mut pending = lock(&self.next);
        pending.done.insert(number, batch);
        debug_assert!(pending.done.len() <= self.in_flight, "batches pile up");
        drop(pending);
        self.take_ready(state);
    }

    fn take_ready(&self, state: &State) {
        loop {
            let Ok(mut rows) = self.rows.try_lock() else {
                // The worker taking rows looks again after it lets go.
                return;
            };
            while let Some(mut batch) = self.pop_next() {
                rows.absorb(&mut batch, state);
                lock(&self.spare).push(batch);
                // The channel holds as many slots as there are: this never blocks.
                let _ = self.give_back.send(());
            }
            drop(rows);
            // A batch finished after the last look and before the lock was let go
            // found it taken: look again.
            let next = lock(&self.next);
            if !next.done.contains_key(&next.next) {
                return;
            }
        }
    }

    fn spare_batch(&self) -> Batch {
        lock(&self.spare).pop().unwrap_or_default()
    }

    fn pop_next(&self) -> Option<Batch> {
        let mut pending = lock(&self.next);
        let number = pending.next;
        let batch = pending.done.remove(&number)?;
        pending.next += 1;
        Some(batch)
    }
}

/// A lock whose holder panicked still guards consistent data here (a panic ends the
/// run anyway, at the end of the scope).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
