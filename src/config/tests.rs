use super::*;
use crate::source::SourceMap;

fn load(text: &str) -> Result<Config, String> {
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::write(dir.path().join(CONFIG_FILE), text).map_err(|e| e.to_string())?;
    let mut sources = SourceMap::new();
    Config::load(dir.path(), &mut sources)
        .map_err(|d| crate::diagnostics::render_to_string(&sources, &[d]))
}

#[test]
fn missing_keys_take_defaults() {
    let c = load("leads: data/leads.csv\n").unwrap();
    assert_eq!(
        c.leads,
        Some(LeadsSetting::Path(PathBuf::from("data/leads.csv")))
    );
    assert_eq!(c.outbox, PathBuf::from("drafts"));
    assert_eq!(c.state, PathBuf::from(".leadplay/state.jsonl"));
}

#[test]
fn an_unknown_key_points_at_its_line() {
    let err = load("leads: a.csv\nplaybok: x\n").unwrap_err();
    assert!(err.contains("leadplay.yaml:2:1"), "{err}");
    assert!(err.contains("unknown field `playbok`"), "{err}");
}

#[test]
fn the_outcome_block_reads_lists() {
    let c = load("outcome:\n  field: stage\n  won: [closed_won]\n  lost: [closed_lost, churned]\n")
        .unwrap();
    let o = c.outcome.unwrap();
    assert_eq!(o.field, "stage");
    assert_eq!(o.won, ["closed_won"]);
    assert_eq!(o.lost, ["closed_lost", "churned"]);
    let err = load("outcome:\n  feild: stage\n").unwrap_err();
    assert!(err.contains("unknown field `feild`"), "{err}");
}

#[test]
fn calendars_resolve_and_bad_settings_point_at_their_key() {
    let c = load("time_zone: Asia/Taipei\nsend_time: \"08:30\"\ncalendar:\n  workdays: [sun, mon, tue, wed, thu]\n  holidays: [2026-12-25]\n").unwrap();
    assert_eq!(c.clock.zone.name(), "Asia/Taipei");
    assert_eq!(c.clock.send_time.to_string(), "08:30:00");
    let christmas = chrono::NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    assert!(!c.clock.calendar.is_workday(christmas));
    let err = load("leads: a.csv\ntime_zone: Mars/Olympus\n").unwrap_err();
    assert!(err.contains("leadplay.yaml:2:1"), "{err}");
    assert!(err.contains("`Mars/Olympus` is not a time zone"), "{err}");
    let err = load("send_time: 9am\n").unwrap_err();
    assert!(err.contains("`9am` is not a time"), "{err}");
    let err = load("calendar:\n  holidays: [2026-13-01]\n").unwrap_err();
    assert!(err.contains("leadplay.yaml:2:3"), "{err}");
}

#[test]
fn holidays_may_come_from_a_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("holidays.txt"), "2026-12-25 Christmas\n").unwrap();
    std::fs::write(
        dir.path().join(CONFIG_FILE),
        "calendar:\n  holidays: holidays.txt\n",
    )
    .unwrap();
    let c = Config::load(dir.path(), &mut SourceMap::new()).unwrap();
    let christmas = chrono::NaiveDate::from_ymd_opt(2026, 12, 25).unwrap();
    assert!(!c.clock.calendar.is_workday(christmas));
    std::fs::write(dir.path().join("holidays.txt"), "soon\n").unwrap();
    let mut sources = SourceMap::new();
    let d = Config::load(dir.path(), &mut sources).unwrap_err();
    let err = crate::diagnostics::render_to_string(&sources, &[d]);
    assert!(
        err.contains("holidays.txt:1: `soon` is not a date"),
        "{err}"
    );
}

#[test]
fn owners_fall_back_to_the_sender() {
    let c = load(
        "sender: {name: Ann, email: ann@x.co}\nowners:\n  sales: {name: Sam, email: sam@x.co}\n",
    )
    .unwrap();
    assert_eq!(c.owner_mailbox("sales"), ("Sam".into(), "sam@x.co".into()));
    assert_eq!(
        c.owner_mailbox("marketing"),
        ("Ann".into(), "ann@x.co".into())
    );
}
