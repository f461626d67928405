use super::*;

#[test]
fn only_dead_runs_temp_files_of_the_known_patterns_are_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let day = root.join("drafts/2026-11-27/sales/priya");
    fs::create_dir_all(&day).expect("mkdir");
    fs::create_dir_all(root.join(".leadplay")).expect("mkdir");
    let dead = u32::MAX - 1;
    let files = [
        (
            format!("drafts/2026-11-27/sales/priya/.L-1--a.md.{dead}-3.tmp"),
            true,
        ),
        (format!("drafts/2026-11-27/.L-2--b.eml.{dead}-0.tmp"), true),
        (format!(".leadplay/state.jsonl.tmp.{dead}"), true),
        (format!(".leadplay/.state.jsonl.{dead}-2.tmp"), true),
        (format!(".leadplay/.runs.jsonl.{dead}-0.tmp"), true),
        ("drafts/2026-11-27/sales/priya/L-1--a.md".to_string(), false),
        ("drafts/2026-11-27/sales/notes.tmp".to_string(), false),
        (format!("drafts/preview/.L-1--a.md.{dead}-1.tmp"), false),
        (format!(".leadplay/other.tmp.{dead}"), false),
        (
            format!("drafts/2026-11-27/.L-3--c.md.{}-0.tmp", std::process::id()),
            true,
        ),
    ];
    for (rel, _) in &files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, "x").expect("write");
    }
    let removed = remove_leftovers(&root.join("drafts"), &root.join(".leadplay/state.jsonl"));
    assert_eq!(removed, files.iter().filter(|(_, gone)| *gone).count());
    for (rel, gone) in &files {
        assert_eq!(!root.join(rel).exists(), *gone, "{rel}");
    }
}
