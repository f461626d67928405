use super::*;

#[test]
fn a_new_workspace_gets_the_block() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        write_gitignore(dir.path()).unwrap(),
        GitignoreChange::Created
    );
    let text = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert_eq!(text, GITIGNORE_BLOCK);
}

#[test]
fn an_existing_gitignore_keeps_its_lines_and_gets_the_block_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".gitignore"), "node_modules/\n*.log").unwrap();
    assert_eq!(
        write_gitignore(dir.path()).unwrap(),
        GitignoreChange::Appended
    );
    assert_eq!(
        write_gitignore(dir.path()).unwrap(),
        GitignoreChange::Unchanged
    );
    let text = std::fs::read_to_string(dir.path().join(".gitignore")).unwrap();
    assert_eq!(text, format!("node_modules/\n*.log\n\n{GITIGNORE_BLOCK}"));
}

#[test]
fn the_block_names_what_the_engine_really_writes() {
    let lock = crate::state::StateLock::path_for(Path::new(".leadplay/state.jsonl"));
    let preview = format!("/drafts/{}/", crate::watch::preview::PREVIEW_DIR);
    for line in [format!("/{}", lock.display()), preview] {
        assert!(GITIGNORE_BLOCK.lines().any(|l| l == line), "{line}");
    }
    let defaults = crate::config::Config::default();
    assert_eq!(defaults.outbox, Path::new("drafts"));
    assert_eq!(defaults.state, Path::new(".leadplay/state.jsonl"));
    // Never the state file or the drafts themselves.
    for line in GITIGNORE_BLOCK.lines().filter(|l| !l.starts_with('#')) {
        assert!(!matches!(
            line,
            "/drafts/" | "/.leadplay/" | "/.leadplay/state.jsonl"
        ));
    }
}

#[test]
fn the_repository_ignores_the_same_for_its_starter_workspace() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let ours = std::fs::read_to_string(repo.join(".gitignore")).unwrap();
    for line in GITIGNORE_BLOCK.lines() {
        assert!(
            ours.lines().any(|l| l == line),
            "`.gitignore` lacks `{line}`"
        );
    }
}
