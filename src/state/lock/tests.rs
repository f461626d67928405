use super::*;

const NO_WAIT: Duration = Duration::ZERO;

#[test]
fn acquire_writes_the_holder_and_drop_releases_the_lock() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join(".leadplay").join("state.jsonl");
    let lock = StateLock::acquire_waiting(&state, NO_WAIT).expect("first acquire");
    let lock_path = dir.path().join(".leadplay").join("state.jsonl.lock");
    assert_eq!(lock.path(), lock_path);
    let holder: LockHolder =
        serde_json::from_str(&fs::read_to_string(&lock_path).expect("read")).expect("json");
    assert_eq!(holder.pid, std::process::id());
    drop(lock);
    assert!(!lock_path.exists(), "removed on release");
    assert!(
        StateLock::acquire_waiting(&state, NO_WAIT).is_ok(),
        "free again after drop"
    );
}

#[test]
fn a_held_lock_names_the_holder_after_the_wait() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.jsonl");
    let _held = StateLock::acquire_waiting(&state, NO_WAIT).expect("first acquire");
    let started = Instant::now();
    let err = StateLock::acquire_waiting(&state, Duration::from_millis(300))
        .expect_err("second acquire must fail");
    assert!(started.elapsed() >= Duration::from_millis(300), "it waited");
    let message = err.to_string();
    assert!(message.contains("another leadplay run holds"), "{message}");
    assert!(
        message.contains(&format!("pid {}", std::process::id())),
        "{message}"
    );
    assert!(message.contains("since "), "{message}");
    let help = err.help().unwrap_or_default();
    assert!(help.contains(LOCK_WAIT_ENV), "{help}");
}

#[test]
fn a_lock_released_during_the_wait_is_taken() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.jsonl");
    let held = StateLock::acquire_waiting(&state, NO_WAIT).expect("first acquire");
    let releaser = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(150));
        drop(held);
    });
    let second = StateLock::acquire_waiting(&state, Duration::from_secs(10));
    releaser.join().expect("join");
    assert!(second.is_ok(), "{second:?}");
}

#[test]
fn a_file_left_by_a_dead_process_does_not_block() {
    let dir = tempfile::tempdir().expect("tempdir");
    let state = dir.path().join("state.jsonl");
    let lock_path = StateLock::path_for(&state);
    let dead = LockHolder {
        pid: u32::MAX - 1,
        host: host_name(),
        since: "2026-03-01T09:00:00+00:00".to_string(),
    };
    fs::write(&lock_path, serde_json::to_string(&dead).expect("json")).expect("write");
    let lock = StateLock::acquire_waiting(&state, NO_WAIT).expect("nobody holds it");
    let holder: LockHolder =
        serde_json::from_str(&fs::read_to_string(lock.path()).expect("read")).expect("json");
    assert_eq!(holder.pid, std::process::id(), "the new holder is written");
}
