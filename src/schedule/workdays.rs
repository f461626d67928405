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
mod tests {
    use super::super::explain::position;
    use super::super::fixtures::*;
    use crate::calendar::Calendar;

    /// The fixture's playbooks with `warm` counted in working days (Mon–Fri, Christmas and New Year's Day off).
    fn harness() -> Harness {
        let mut h = Harness::new();
        h.playbooks[WARM].on_workdays = true;
        let week = ["mon", "tue", "wed", "thu", "fri"].map(String::from);
        h.calendar = Calendar::new(&week, [date("2026-12-25"), date("2027-01-01")].into())
            .expect("calendar");
        h
    }

    fn templates(h: &mut Harness, as_of: &str, tier: usize) -> Vec<String> {
        let plan = h.run(as_of, "a", tier, &[]);
        actions(&plan).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn a_lead_enrolled_on_saturday_starts_on_monday() {
        let mut h = harness();
        // 2026-12-05 is a Saturday: enrolled, but no step is due on a day off.
        assert!(templates(&mut h, "2026-12-05", WARM).is_empty());
        assert_eq!(
            h.state.get("a").expect("enrolled").entered,
            date("2026-12-05")
        );
        assert!(templates(&mut h, "2026-12-06", WARM).is_empty());
        assert_eq!(templates(&mut h, "2026-12-07", WARM), ["warm/follow_up"]);
        assert!(templates(&mut h, "2026-12-08", WARM).is_empty());
        // Monday is day 0, so day 2 is Wednesday.
        assert_eq!(
            templates(&mut h, "2026-12-09", WARM),
            ["warm/meeting_invite"]
        );
    }

    #[test]
    fn weekends_and_holidays_do_not_count() {
        let mut h = harness();
        // Wednesday 23rd is day 0; Thursday 24th day 1; Christmas (Fri) and the weekend
        // are off, so day 2 is Monday 28th.
        assert_eq!(templates(&mut h, "2026-12-23", WARM), ["warm/follow_up"]);
        assert!(templates(&mut h, "2026-12-25", WARM).is_empty());
        assert!(templates(&mut h, "2026-12-26", WARM).is_empty());
        assert_eq!(
            templates(&mut h, "2026-12-28", WARM),
            ["warm/meeting_invite"]
        );
        // 29th, 30th, 31st are days 3–5; New Year's Day is off; Monday Jan 4th is day 6.
        assert!(templates(&mut h, "2027-01-04", WARM).is_empty());
        assert_eq!(
            templates(&mut h, "2027-01-05", WARM),
            ["warm/launch_invite"]
        );
    }

    #[test]
    fn a_missed_working_day_is_caught_up_on_the_next_one() {
        let mut h = harness();
        assert_eq!(templates(&mut h, "2026-12-04", WARM), ["warm/follow_up"]);
        // Nobody ran it until the next Saturday (day 5): nothing; Monday catches up day 2.
        assert!(templates(&mut h, "2026-12-12", WARM).is_empty());
        assert_eq!(
            templates(&mut h, "2026-12-14", WARM),
            ["warm/meeting_invite"]
        );
    }

    #[test]
    fn other_playbooks_keep_counting_calendar_days() {
        let mut h = harness();
        assert_eq!(templates(&mut h, "2026-12-05", COLD), ["cold/postcard"]);
        // Day 3 (a Tuesday) and day 14 (a Saturday) come by the calendar; the day-3 step
        // is recorded as skipped (its `when` is false here).
        assert_eq!(templates(&mut h, "2026-12-18", COLD), ["cold/promotion"]);
        assert_eq!(templates(&mut h, "2026-12-19", COLD), ["cold/newsletter"]);
    }

    #[test]
    fn explain_counts_working_days_and_names_the_next_one() {
        let mut h = harness();
        h.run("2026-12-04", "a", WARM, &[]);
        let plan = h.plan("2026-12-12", "a", WARM, &[]);
        let text = position(&h.ctx("2026-12-12"), h.state.get("a"), &plan).to_string();
        assert!(
            text.starts_with("warm since 2026-12-04 (working day 5; working days mon tue wed thu fri, holidays skipped)"),
            "{text}"
        );
        assert!(
            text.contains("due on the next working day (mon 2026-12-14)"),
            "{text}"
        );
        assert!(text.contains("upcoming in 2 working days"), "{text}");
    }
}
