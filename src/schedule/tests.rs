//! The scheduler's unit tests, by what they exercise: whole scenarios over several runs,
//! and single tier transitions.

mod scenario;
mod transition;
