use super::*;

#[test]
fn a_spare_is_overwritten_and_cut_to_length() {
    let dir = tempfile::tempdir().expect("tempdir");
    let spare = dir.path().join("spare");
    fs::write(&spare, "a long old preview").expect("write");
    let temp = dir.path().join("temp");
    fill_from_spare(&spare, &temp, b"new").expect("fill");
    assert_eq!(fs::read_to_string(&temp).expect("read"), "new");
    assert!(!spare.exists());
}

#[test]
fn the_pool_has_room_up_to_its_limit_and_clears() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut pool = SparePool::new(dir.path());
    let places = pool.places(3);
    assert!(places.iter().all(Option::is_some));
    let stale = dir.path().join("stale.md");
    fs::write(&stale, "x").expect("write");
    let first = places.first().cloned().flatten();
    assert!(retire(&stale, first.as_deref()).expect("retire"));
    pool.kept(first);
    assert_eq!(pool.take(2).iter().flatten().count(), 1);
    pool.files = vec![PathBuf::new(); MAX_SPARES];
    assert!(pool.places(1).iter().all(Option::is_none), "full");
    pool.clear();
    assert!(!dir.path().join(SPARE_DIR).exists());
    fs::write(&stale, "x").expect("write");
    assert!(!retire(&stale, None).expect("retire"));
    assert!(!stale.exists());
}
