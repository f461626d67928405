//! The state a run starts from.

use super::EngineError;
use super::leftovers::remove_leftovers;
use super::run::{EvalOptions, Mode};
use crate::state::{State, StateLock, StateStore, check_as_of};
use crate::workspace::Workspace;

/// Takes the state lock (a real run), removes what a killed run left, and reads the
/// state. A dry run or preview of a day before the last run is evaluated without the
/// state, with a note saying so.
pub(super) fn open_state(
    ws: &Workspace,
    options: &EvalOptions,
) -> Result<(Option<StateLock>, State, Vec<String>), EngineError> {
    let state_path = ws.state_path();
    // The lock comes first so no other run changes the state between read and write.
    let lock = match options.mode {
        Mode::Write => {
            let lock = StateLock::acquire(&state_path)?;
            // Under the lock, no other run is writing: what a killed run left goes.
            remove_leftovers(&ws.outbox_dir(), &state_path);
            Some(lock)
        }
        _ => None,
    };
    let state = StateStore::load(&state_path)?;
    let mut notes = Vec::new();
    if let Err(refused) = check_as_of(&state, options.as_of) {
        // Only a real run moves the day clock; a dry run or preview of an earlier day
        // is allowed, but the state knows what happened after that day, so it is
        // evaluated as if no run had happened yet.
        if options.mode == Mode::Write {
            return Err(refused.into());
        }
        notes.push(format!(
            "{refused}: evaluated without the state (every lead as if seen for the first time)"
        ));
        return Ok((lock, State::default(), notes));
    }
    Ok((lock, state, notes))
}
