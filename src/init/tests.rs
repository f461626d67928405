use super::*;
use crate::config::Config;
use std::path::PathBuf;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            let rel = path.strip_prefix(repo()).unwrap();
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn every_file_under_playbooks_is_embedded() {
    let mut on_disk = Vec::new();
    files_under(&repo().join("playbooks"), &mut on_disk);
    on_disk.sort();
    let mut embedded: Vec<String> = STARTER_FILES
        .iter()
        .map(|f| f.source.to_string())
        .filter(|s| s.starts_with("playbooks/"))
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk, "update STARTER_FILES in src/init.rs");
}

#[test]
fn the_sample_leads_are_the_head_of_the_examples() {
    let full = std::fs::read_to_string(repo().join("examples/leads.csv")).unwrap();
    let sample = std::fs::read_to_string(repo().join("examples/init-leads.csv")).unwrap();
    assert_eq!(sample.lines().count(), 41, "a header and 40 leads");
    assert!(full.starts_with(&sample));
}

#[test]
fn the_config_points_at_the_new_leads_file_and_is_otherwise_the_same() {
    let file = STARTER_FILES
        .iter()
        .find(|f| f.target == "leadplay.yaml")
        .unwrap();
    let text = contents(file);
    let new: Config = crate::yaml::from_str(&text).unwrap();
    let mut original: Config = crate::yaml::from_str(file.text).unwrap();
    assert_eq!(
        new.leads,
        Some(crate::config::LeadsSetting::Path(PathBuf::from(LEADS_FILE)))
    );
    original.leads = new.leads.clone();
    // The outcome block names the repository's example of closed deals: a comment there.
    assert!(original.outcome.is_some() && new.outcome.is_none());
    assert!(
        text.contains("# outcome:\n#   field: deal_status"),
        "{text}"
    );
    original.outcome = None;
    assert_eq!(new, original);
    let line = text.lines().find(|l| l.starts_with("leads:")).unwrap();
    assert!(line.contains("# the CRM export"), "{line}");
}

#[test]
fn point_leads_at_keeps_the_comment_column() {
    let text = "# c\nleads: examples/x.csv   # data\nplaybooks: p\n";
    assert_eq!(
        point_leads_at(text, "l.csv"),
        "# c\nleads: l.csv            # data\nplaybooks: p\n"
    );
    assert_eq!(point_leads_at("leads: a", "b.csv"), "leads: b.csv");
}

#[test]
fn init_writes_every_file_then_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new");
    let written = init(&root).unwrap();
    assert_eq!(written.len(), STARTER_FILES.len() + 1);
    assert_eq!(written.last(), Some(&".gitignore"));
    let ignore = std::fs::read_to_string(root.join(".gitignore")).unwrap();
    assert_eq!(ignore, crate::init_gitignore::GITIGNORE_BLOCK);
    for file in STARTER_FILES {
        let on_disk = std::fs::read_to_string(root.join(file.target)).unwrap();
        assert_eq!(on_disk, contents(file));
    }
    let err = init(&root).unwrap_err();
    assert!(err.to_string().contains("`leadplay.yaml`"), "{err}");
}

#[test]
fn one_existing_file_stops_everything() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("playbooks/tests")).unwrap();
    std::fs::write(dir.path().join("playbooks/tests/01-tiers.yaml"), "mine").unwrap();
    let err = init(dir.path()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "refusing to overwrite 1 existing file: `playbooks/tests/01-tiers.yaml`"
    );
    assert!(
        !dir.path().join("leadplay.yaml").exists(),
        "nothing written"
    );
    let mine = std::fs::read_to_string(dir.path().join("playbooks/tests/01-tiers.yaml"));
    assert_eq!(mine.unwrap(), "mine");
}
