use super::*;
use notify::Event;
use notify::event::{AccessKind, CreateKind, ModifyKind, RenameMode};

fn plan() -> WatchPlan {
    WatchPlan {
        root: PathBuf::from("/ws"),
        playbooks: PathBuf::from("/ws/playbooks"),
        config_file: PathBuf::from("/ws/leadplay.yaml"),
        leads: Some(PathBuf::from("/ws/data/leads.csv")),
        ignored: vec![PathBuf::from("/ws/drafts"), PathBuf::from("/ws/.leadplay")],
    }
}

fn event(kind: EventKind, paths: &[&str], at: Instant) -> DebouncedEvent {
    let mut e = Event::new(kind);
    for p in paths {
        e = e.add_path(PathBuf::from(p));
    }
    DebouncedEvent::new(e, at)
}

#[test]
fn playbooks_config_and_the_leads_file_are_relevant() {
    let plan = plan();
    for path in [
        "/ws/playbooks/03-tiers.play",
        "/ws/playbooks/new.play",
        "/ws/playbooks/templates/warm/follow_up.j2",
        "/ws/playbooks/tests/tiers.yaml",
        "/ws/playbooks",
        "/ws/leadplay.yaml",
        "/ws/data/leads.csv",
    ] {
        assert!(plan.is_relevant(Path::new(path)), "{path}");
    }
}

#[test]
fn our_own_writes_and_unrelated_files_are_not() {
    let plan = plan();
    for path in [
        "/ws/drafts/preview/2026-11-27/sales/L-1--hot-briefing.md",
        "/ws/drafts/.preview-new-1-2",
        "/ws/.leadplay/state.jsonl",
        "/ws/README.md",
        "/ws/data/other.csv",
        "/ws/playbooks/.03-tiers.play.swp",
        "/ws/playbooks/03-tiers.play~",
        "/ws/playbooks/4913",
    ] {
        assert!(!plan.is_relevant(Path::new(path)), "{path}");
    }
}

#[test]
fn folders_are_deduplicated_and_recursive_wins() {
    let mut plan = plan();
    assert_eq!(
        plan.folders().into_iter().collect::<Vec<_>>(),
        [
            (PathBuf::from("/ws"), false),
            (PathBuf::from("/ws/data"), false),
            (PathBuf::from("/ws/playbooks"), true),
        ]
    );
    plan.leads = Some(PathBuf::from("/ws/leads.csv"));
    assert_eq!(plan.folders().len(), 2);
    plan.leads = Some(PathBuf::from("/ws/playbooks/data/leads.csv"));
    assert_eq!(
        plan.folders().into_iter().collect::<Vec<_>>(),
        [
            (PathBuf::from("/ws"), false),
            (PathBuf::from("/ws/playbooks"), true),
        ]
    );
    plan.playbooks = PathBuf::from("/ws");
    assert_eq!(
        plan.folders().into_iter().collect::<Vec<_>>(),
        [(PathBuf::from("/ws"), true)]
    );
}

#[test]
fn reads_alone_make_no_change() {
    let now = Instant::now();
    let reads = vec![event(
        EventKind::Access(AccessKind::Any),
        &["/ws/playbooks/a.play"],
        now,
    )];
    assert!(to_change(reads, now).is_none());
}

#[test]
fn a_rename_names_both_paths_and_the_latest_time_wins() {
    let t0 = Instant::now();
    let t1 = t0 + Duration::from_millis(5);
    let events = vec![
        event(
            EventKind::Create(CreateKind::File),
            &["/ws/playbooks/.a.tmp"],
            t0,
        ),
        event(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/ws/playbooks/.a.tmp", "/ws/playbooks/a.play"],
            t1,
        ),
        event(EventKind::Access(AccessKind::Any), &["/ws/x"], t1),
    ];
    let change = to_change(events, t1).expect("a change");
    assert_eq!(change.last_seen, t1);
    assert_eq!(
        change.paths,
        [
            PathBuf::from("/ws/playbooks/.a.tmp"),
            PathBuf::from("/ws/playbooks/a.play")
        ]
    );
    assert!(change.is_relevant(&plan()));
}

#[test]
fn merged_changes_keep_every_path_once() {
    let t0 = Instant::now();
    let mut a = to_change(vec![event(EventKind::Any, &["/ws/drafts/x"], t0)], t0).expect("a");
    assert!(!a.is_relevant(&plan()));
    let b = to_change(
        vec![event(
            EventKind::Any,
            &["/ws/leadplay.yaml", "/ws/drafts/x"],
            t0,
        )],
        t0,
    )
    .expect("b");
    a.merge(b);
    assert_eq!(a.paths.len(), 2);
    assert!(a.is_relevant(&plan()));
}
