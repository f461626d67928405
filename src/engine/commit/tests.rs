use super::*;

#[test]
fn staged_drafts_appear_only_on_commit_and_leave_no_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outbox = dir.path().join("drafts");
    let batch = DraftBatch::new(outbox.clone());
    let path = outbox.join("2026-11-27/sales/L-1--hot-briefing.md");
    assert_eq!(batch.stage(&path, b"hello").expect("stage"), path);
    assert!(!path.exists(), "not visible before the commit");
    assert!(batch.commit().expect("commit").is_empty());
    assert_eq!(fs::read(&path).expect("read"), b"hello");
    let names: Vec<_> = fs::read_dir(path.parent().expect("parent"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

#[test]
fn a_different_file_is_kept_and_the_new_draft_goes_beside_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let outbox = dir.path().join("drafts");
    let path = outbox.join("L-1--hot-briefing.md");
    fs::create_dir_all(&outbox).expect("mkdir");
    fs::write(&path, "draft\nreviewer's note\n").expect("write");
    let batch = DraftBatch::new(outbox.clone());
    let written = batch.stage(&path, b"new draft\n").expect("stage");
    assert_ne!(written, path);
    let kept = batch.commit().expect("commit");
    assert_eq!(
        kept,
        vec![KeptFile {
            kept: path.clone(),
            written: written.clone()
        }]
    );
    assert_eq!(
        fs::read_to_string(&path).expect("read"),
        "draft\nreviewer's note\n"
    );
    assert_eq!(fs::read_to_string(&written).expect("read"), "new draft\n");
    // The same draft again: nothing new, nothing reported.
    let again = DraftBatch::new(outbox);
    assert_eq!(again.stage(&path, b"new draft\n").expect("stage"), written);
    assert!(again.commit().expect("commit").is_empty());
}

#[test]
fn the_same_bytes_are_left_in_place() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("a.md");
    fs::write(&path, "same").expect("write");
    let batch = DraftBatch::new(dir.path().to_path_buf());
    assert_eq!(batch.stage(&path, b"same").expect("stage"), path);
    assert!(batch.commit().expect("commit").is_empty());
}
