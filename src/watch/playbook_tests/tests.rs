use super::*;
use crate::check::CheckOptions;

#[test]
fn the_starter_tests_pass() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut ws = Workspace::open(root).expect("workspace");
    let loaded = crate::engine::load(&mut ws, &CheckOptions { columns: None });
    let (program, templates) = loaded.ready().expect("the starter playbooks load");
    let (line, diagnostics) = run(&mut ws, program, templates);
    assert!(diagnostics.iter().all(|d| !d.is_error()), "{diagnostics:?}");
    assert!(line.ends_with(" passed, 0 failed"), "{line}");
    assert!(!line.starts_with("0 passed"), "{line}");
}
