use super::*;
use sha2::{Digest, Sha256};
use std::os::unix::fs::MetadataExt;
use std::sync::Arc;

fn draft(path: &str, text: &str) -> PreviewDraft {
    PreviewDraft {
        path: PathBuf::from(path),
        contents: Arc::from(text),
        digest: Sha256::digest(text.as_bytes()).into(),
        key: None,
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// Every file under `dir`, relative, sorted, with its text.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("inside");
                let text = fs::read_to_string(&path).expect("read");
                out.push((rel.to_string_lossy().into_owned(), text));
            }
        }
    }
    out.sort();
    out
}

/// (inode, mtime in ns) of a file: a rewrite through rename always changes the inode.
fn identity(path: &Path) -> (u64, i128) {
    let m = fs::metadata(path).expect("metadata");
    (
        m.ino(),
        i128::from(m.mtime()) * 1_000_000_000 + i128::from(m.mtime_nsec()),
    )
}

#[test]
fn unchanged_drafts_are_left_alone_and_changed_ones_replaced() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let mut folder = PreviewFolder::new(outbox.path());
    let first = [
        draft("2026-11-27/sales/a.eml", "a1"),
        draft("2026-11-27/sales/b.eml", "b1"),
    ];
    let report = folder.sync(&first).expect("sync");
    assert_eq!(report.written, 2);
    let a = folder.dir().join("2026-11-27/sales/a.eml");
    let b = folder.dir().join("2026-11-27/sales/b.eml");
    let (a_before, b_before) = (identity(&a), identity(&b));

    let second = [
        draft("2026-11-27/sales/a.eml", "a1"),
        draft("2026-11-27/sales/b.eml", "b2"),
    ];
    let report = folder.sync(&second).expect("sync");
    assert_eq!(
        report,
        SyncReport {
            written: 1,
            unchanged: 1,
            removed: 0
        }
    );
    assert_eq!(identity(&a), a_before, "the unchanged file is untouched");
    assert_ne!(identity(&b).0, b_before.0, "the changed file is a new file");
    assert_eq!(fs::read_to_string(&b).expect("read"), "b2");
    assert_eq!(tree(folder.dir()).len(), 2, "no temp files left");
}

#[test]
fn drafts_no_longer_due_go_and_so_do_the_folders_they_leave_empty() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let mut folder = PreviewFolder::new(outbox.path());
    folder
        .sync(&[
            draft("2026-11-27/marketing/a.md", "a"),
            draft("2026-11-27/sales/b.eml", "b"),
            draft("2026-11-27/sales/c.eml", "c"),
        ])
        .expect("sync");
    let report = folder
        .sync(&[draft("2026-11-27/sales/c.eml", "c")])
        .expect("sync");
    assert_eq!(report.removed, 2);
    assert_eq!(
        tree(folder.dir()),
        [("2026-11-27/sales/c.eml".to_string(), "c".to_string())]
    );
    assert!(!folder.dir().join("2026-11-27/marketing").exists());
    // Nothing due at all: the preview folder stays, empty.
    folder.sync(&[]).expect("sync");
    assert!(folder.dir().is_dir());
    assert!(!folder.dir().join("2026-11-27").exists());
}

#[test]
fn the_first_sync_clears_what_an_earlier_session_left() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let root = outbox.path();
    write(&root.join("preview/2026-11-26/sales/old.eml"), "old");
    write(
        &root.join("preview/2026-11-27/sales/.a.eml.leadplay-tmp"),
        "half",
    );
    write(
        &root.join("preview/2026-11-27/sales/a.eml"),
        "a from before",
    );
    write(&root.join("preview/2026-11-27/sales/b.eml"), "b");
    write(&root.join(".preview-new-9-3/x.md"), "x");
    write(&root.join(".preview-old-9-2/y.md"), "y");
    write(&root.join("2026-11-27/sales/real.eml"), "the real outbox");
    let b_before = identity(&root.join("preview/2026-11-27/sales/b.eml"));

    let mut folder = PreviewFolder::new(root);
    let wanted = [
        draft("2026-11-27/sales/a.eml", "a"),
        draft("2026-11-27/sales/b.eml", "b"),
    ];
    let report = folder.sync(&wanted).expect("sync");
    assert_eq!(
        tree(folder.dir()),
        [
            ("2026-11-27/sales/a.eml".to_string(), "a".to_string()),
            ("2026-11-27/sales/b.eml".to_string(), "b".to_string())
        ]
    );
    assert_eq!(
        report.written, 1,
        "a left file that is exactly a due draft stays"
    );
    assert_eq!(
        identity(&folder.dir().join("2026-11-27/sales/b.eml")),
        b_before
    );
    assert!(
        !root.join("preview/2026-11-26").exists(),
        "emptied folders go"
    );
    assert!(!root.join(".preview-new-9-3").exists());
    assert!(!root.join(".preview-old-9-2").exists());
    assert!(
        root.join("2026-11-27/sales/real.eml").exists(),
        "the outbox stays"
    );

    // Later syncs trust what this session wrote and clear nothing else.
    write(&root.join("preview/notes.txt"), "mine");
    folder.sync(&wanted).expect("sync");
    assert!(root.join("preview/notes.txt").exists());
}

#[test]
fn of_two_drafts_with_one_path_the_later_wins() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let mut folder = PreviewFolder::new(outbox.path());
    folder
        .sync(&[draft("d/x.md", "first"), draft("d/x.md", "second")])
        .expect("sync");
    assert_eq!(tree(folder.dir()), [("d/x.md".into(), "second".into())]);
}

#[test]
fn a_failed_write_is_reported_and_retried_next_time() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let mut folder = PreviewFolder::new(outbox.path());
    folder.sync(&[draft("ok.md", "ok")]).expect("sync");
    // A file where the draft's folder should be: the folder cannot be made.
    write(&folder.dir().join("blocked"), "in the way");
    let wanted = [draft("ok.md", "ok"), draft("blocked/x.md", "x")];
    let error = folder.sync(&wanted).expect_err("blocked");
    assert_eq!(error.action, "write");
    assert!(error.path.ends_with("blocked"), "{error}");
    assert!(folder.dir().join("ok.md").exists());

    fs::remove_file(folder.dir().join("blocked")).expect("unblock");
    let report = folder.sync(&wanted).expect("sync");
    assert_eq!(report.written, 1);
    assert_eq!(
        fs::read_to_string(folder.dir().join("blocked/x.md")).expect("read"),
        "x"
    );
}

#[test]
fn a_stale_preview_becomes_the_file_of_the_next_new_one() {
    let outbox = tempfile::tempdir().expect("tempdir");
    let mut folder = PreviewFolder::new(outbox.path());
    folder
        .sync(&[draft("d/sales/old.eml", "a much longer old preview")])
        .expect("sync");
    let old_inode = identity(&folder.dir().join("d/sales/old.eml")).0;
    let report = folder.sync(&[]).expect("sync");
    assert_eq!(report.removed, 1);
    assert_eq!(tree(folder.dir()), Vec::<(String, String)>::new());
    assert!(!folder.dir().join("d").exists(), "emptied folders go");

    folder
        .sync(&[draft("d/marketing/new.md", "new")])
        .expect("sync");
    let new = folder.dir().join("d/marketing/new.md");
    assert_eq!(
        identity(&new).0,
        old_inode,
        "the stale file's inode is reused"
    );
    assert_eq!(
        tree(folder.dir()),
        [("d/marketing/new.md".to_string(), "new".to_string())]
    );
    assert_eq!(tree(&outbox.path().join(SPARE_DIR)).len(), 0);

    // The spares go when the watch ends, and a killed watch's at the next start.
    folder.sync(&[]).expect("sync");
    assert_eq!(tree(&outbox.path().join(SPARE_DIR)).len(), 1);
    folder.finish();
    assert!(!outbox.path().join(SPARE_DIR).exists());
    write(
        &outbox.path().join(SPARE_DIR).join("9"),
        "left by a killed watch",
    );
    PreviewFolder::new(outbox.path()).sync(&[]).expect("sync");
    assert!(!outbox.path().join(SPARE_DIR).exists());
}
