use super::*;

fn names_in(dir: &Path) -> Vec<OsString> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn atomic_write_creates_dirs_replaces_and_leaves_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2026-11-27/sales/L1--warm-follow_up.eml");
    write_atomic(&path, b"first").unwrap();
    write_atomic(&path, b"second").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"second");
    assert_eq!(
        names_in(path.parent().unwrap()),
        vec![OsString::from("L1--warm-follow_up.eml")]
    );
}

#[test]
fn atomic_write_failure_cleans_up_its_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    // The target is a non-empty directory, so the rename fails.
    let target = dir.path().join("taken");
    fs::create_dir_all(target.join("inside")).unwrap();
    assert!(write_atomic(&target, b"x").is_err());
    assert_eq!(names_in(dir.path()), vec![OsString::from("taken")]);
}

#[test]
fn a_new_file_is_written_but_an_existing_one_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("playbooks/01-fields.play");
    write_atomic_new(&path, b"ours").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"ours");
    let err = write_atomic_new(&path, b"theirs").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&path).unwrap(), b"ours");
    assert_eq!(
        names_in(path.parent().unwrap()),
        vec![OsString::from("01-fields.play")]
    );
}

#[test]
fn temp_names_are_hidden_unique_and_read_back_by_the_clean_up() {
    let a = temp_path_beside(Path::new("out/state.jsonl")).unwrap();
    let b = temp_path_beside(Path::new("out/state.jsonl")).unwrap();
    assert_ne!(a, b);
    assert_eq!(a.parent(), Some(Path::new("out")));
    let name = a.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with(".state.jsonl.") && name.ends_with(".tmp"),
        "{name}"
    );
    assert_eq!(temp_file_pid(&name), Some(std::process::id()));
}

#[test]
fn only_temp_names_of_the_pattern_give_a_pid() {
    assert_eq!(temp_file_pid(".L-1--a.md.42-7.tmp"), Some(42));
    assert_eq!(temp_file_pid("L-1--a.md.42-7.tmp"), None);
    assert_eq!(temp_file_pid(".L-1--a.md.42.tmp"), None);
    assert_eq!(temp_file_pid(".notes.tmp"), None);
}

#[test]
fn a_path_without_a_file_name_is_an_error_not_a_panic() {
    assert!(temp_path_beside(Path::new("/")).is_err());
    assert!(write_atomic(Path::new(".."), b"x").is_err());
}
