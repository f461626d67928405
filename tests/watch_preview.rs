//! The preview folder of `leadplay watch` follows each edit file by file: it always holds
//! exactly what `leadplay eval` would write for the day, byte for byte; a draft no
//! longer due disappears, a changed one is replaced, an unchanged one is left alone.
#![cfg(unix)]

mod common;
use common::watcher::{TIERS, WARM_RULE, Watcher, edit, field, workspace};
use common::{Ws, copy_dir};

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

const PREVIEW: &str = "drafts/preview/2026-11-27";

/// Every draft under `dir`, relative to it, with its bytes (the review page at the
/// top of a day's or the preview's folder is not a draft).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if !matches!(rel.as_str(), "index.html" | "version.js") {
                    out.insert(rel, std::fs::read(&path).unwrap());
                }
            }
        }
    }
    out
}

/// The folders under `dir` that hold nothing.
fn empty_folders(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let children: Vec<_> = std::fs::read_dir(&d)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        if children.is_empty() && d != dir {
            out.push(d.display().to_string());
        }
        stack.extend(children.into_iter().filter(|p| p.is_dir()));
    }
    out
}

/// (inode, mtime) per preview file: a file written again through a rename is a new inode.
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
    files(dir)
        .into_keys()
        .map(|rel| {
            let m = std::fs::metadata(dir.join(&rel)).unwrap();
            (rel, (m.ino(), m.mtime(), m.mtime_nsec()))
        })
        .collect()
}

/// What `leadplay eval` writes for the day in a copy of the workspace (playbooks,
/// config and leads as they are now).
fn eval_drafts(ws: &Ws) -> BTreeMap<String, Vec<u8>> {
    let copy = Ws::empty();
    for dir in ["playbooks", "examples"] {
        copy_dir(&ws.root.join(dir), &copy.root.join(dir));
    }
    std::fs::copy(
        ws.root.join("leadplay.yaml"),
        copy.root.join("leadplay.yaml"),
    )
    .unwrap();
    let out = copy.run(&["eval", "--as-of", "2026-11-27", "-q"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    files(&copy.root.join("drafts/2026-11-27"))
}

#[test]
fn the_preview_follows_each_edit_file_by_file() {
    let ws = workspace();
    let preview = ws.root.join(PREVIEW);
    let mut watch = Watcher::start(&ws, &[]);
    watch.next_screen();
    let first = files(&preview);
    assert_eq!(
        first,
        eval_drafts(&ws),
        "the first preview is what eval writes"
    );
    let before = identities(&preview);

    // A rule edit: every cold lead turns warm, so the cold drafts are no longer due.
    edit(
        &ws,
        TIERS,
        WARM_RULE,
        "warm when engagement >= 0 or replied",
    );
    let moved = watch.next_screen();
    assert!(field(&moved, "delta").starts_with("cold → warm"), "{moved}");
    let second = files(&preview);
    assert_eq!(second, eval_drafts(&ws), "the preview is what eval writes");
    let gone: Vec<&String> = first.keys().filter(|k| !second.contains_key(*k)).collect();
    assert!(!gone.is_empty(), "drafts no longer due disappear");
    // A sales draft may move to another rep's folder: the preview keeps no state, so
    // the round robin of the starter's `assign` block deals its turns again, in id order,
    // among the leads that now have drafts. Any other draft that goes was a cold one.
    let file_name = |k: &str| k.rsplit('/').next().unwrap_or_default().to_string();
    let moved_rep =
        |k: &str| k.starts_with("sales/") && second.keys().any(|s| file_name(s) == file_name(k));
    assert!(
        gone.iter().all(|k| k.contains("cold-") || moved_rep(k)),
        "{gone:?}"
    );
    assert_eq!(
        empty_folders(&ws.root.join("drafts/preview")),
        Vec::<String>::new()
    );
    let after = identities(&preview);
    let kept: Vec<&String> = second
        .keys()
        .filter(|k| first.get(*k) == second.get(*k))
        .collect();
    assert!(!kept.is_empty(), "some drafts stay the same: {second:?}");
    for rel in &kept {
        assert_eq!(after[*rel], before[*rel], "`{rel}` is untouched");
    }

    // A template edit: its drafts change in place, the others stay untouched.
    let template = "playbooks/templates/hot/briefing.j2";
    let text = ws.read(template);
    ws.write(template, &format!("{text}\nBriefing notes v2.\n"));
    watch.next_screen();
    let third = files(&preview);
    assert_eq!(third, eval_drafts(&ws), "the preview is what eval writes");
    let briefings: Vec<&String> = third
        .keys()
        .filter(|k| k.contains("hot-briefing"))
        .collect();
    assert!(!briefings.is_empty(), "{third:?}");
    let latest = identities(&preview);
    for (rel, bytes) in &third {
        if rel.contains("hot-briefing") {
            assert!(String::from_utf8_lossy(bytes).contains("Briefing notes v2."));
            assert_ne!(latest[rel].0, after[rel].0, "`{rel}` is replaced");
        } else {
            assert_eq!(latest[rel], after[rel], "`{rel}` is untouched");
        }
    }
    assert!(watch.interrupt().success());
    let leftovers: Vec<String> = files(&ws.root.join("drafts/preview"))
        .into_keys()
        .filter(|k| k.contains("leadplay-tmp"))
        .collect();
    assert_eq!(leftovers, Vec::<String>::new(), "no temp files left");
}

#[test]
fn a_new_session_starts_from_a_clean_preview() {
    let ws = workspace();
    ws.write(
        "drafts/preview/2026-01-01/sales/stale.eml",
        "from an earlier session",
    );
    ws.write(
        "drafts/preview/2026-11-27/sales/.x.eml.leadplay-tmp",
        "half written",
    );
    ws.write("drafts/.preview-new-1-1/old.md", "an old swap folder");
    let mut watch = Watcher::start(&ws, &[]);
    watch.next_screen();
    assert_eq!(files(&ws.root.join(PREVIEW)), eval_drafts(&ws));
    assert!(!ws.root.join("drafts/preview/2026-01-01").exists());
    assert!(!ws.root.join("drafts/.preview-new-1-1").exists());
    assert!(watch.interrupt().success());
}
