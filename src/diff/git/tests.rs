use super::*;

#[test]
fn paths_are_normalized_inside_the_repository() {
    assert_eq!(
        normalize(Path::new("sub/./playbooks")).as_deref(),
        Some("sub/playbooks")
    );
    assert_eq!(
        normalize(Path::new("sub/../playbooks")).as_deref(),
        Some("playbooks")
    );
    assert_eq!(normalize(Path::new("../playbooks")), None);
    assert_eq!(normalize(Path::new("")).as_deref(), Some(""));
}

#[test]
fn options_are_not_revisions() {
    let repo = Repository {
        root: PathBuf::from("."),
        top: PathBuf::from("."),
        prefix: String::new(),
    };
    assert_eq!(
        repo.resolve("--output=x"),
        Err(GitError::UnknownRevision("--output=x".into()))
    );
}
