//! The day clock of a playbook (SPEC 3.4, 6): calendar days, or working days for a
//! `playbook … on workdays`.

use super::ScheduleContext;
use crate::program::PlaybookPlan;
use chrono::NaiveDate;

impl ScheduleContext<'_> {
    /// The lead's day N in `playbook` on the as-of date, for a lead that entered its tier
    /// on `entered`. For `on workdays` the enrollment day is day 0 when it is a working
    /// day, else the next working day is, and only working days count after it.
    pub fn playbook_day(&self, playbook: Option<&PlaybookPlan>, entered: NaiveDate) -> i64 {
        if !playbook.is_some_and(|p| p.on_workdays) {
            return (self.as_of - entered).num_days();
        }
        match self.calendar.this_or_next_workday(entered) {
            Some(start) if start <= self.as_of => {
                i64::try_from(self.calendar.workdays_between(start, self.as_of)).unwrap_or(i64::MAX)
            }
            _ => 0,
        }
    }

    /// The day up to which steps are due today: [`Self::playbook_day`], or none (-1) when
    /// an `on workdays` playbook meets a day that is not a working day.
    pub fn due_through(&self, playbook: &PlaybookPlan, entered: NaiveDate) -> i64 {
        if playbook.on_workdays && !self.calendar.is_workday(self.as_of) {
            return -1;
        }
        self.playbook_day(Some(playbook), entered)
    }

    /// For an `on workdays` playbook on a day off: the next working day, when its steps
    /// will be due.
    pub fn next_workday_for(&self, playbook: Option<&PlaybookPlan>) -> Option<NaiveDate> {
        if !playbook.is_some_and(|p| p.on_workdays) || self.calendar.is_workday(self.as_of) {
            return None;
        }
        self.calendar.this_or_next_workday(self.as_of)
    }
}

#[cfg(test)]
mod tests;
