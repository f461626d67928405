//! Helpers shared by the integration tests: temporary workspaces and running the binary.
#![allow(dead_code)]

pub mod builder;
#[cfg(unix)]
pub mod watcher;

#[allow(unused_imports)]
pub use builder::Test;

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// A temporary workspace; removed when dropped.
pub struct Ws {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Ws {
    /// An empty workspace.
    pub fn empty() -> Ws {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        std::fs::create_dir_all(&root).unwrap();
        Ws { _dir: dir, root }
    }

    /// A workspace with the repository's starter playbooks, config and sample leads.
    pub fn starter() -> Ws {
        let ws = Ws::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        copy_dir(&repo.join("playbooks"), &ws.root.join("playbooks"));
        copy_dir(&repo.join("examples"), &ws.root.join("examples"));
        std::fs::copy(repo.join("leadplay.yaml"), ws.root.join("leadplay.yaml")).unwrap();
        ws
    }

    /// Writes a file (parents created).
    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Reads a file.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root.join(rel)).unwrap()
    }

    /// `leadplay ARGS` in the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::cargo_bin("leadplay")
            .unwrap()
            .current_dir(&self.root)
            .env("NO_COLOR", "1")
            .args(args)
            .output()
            .unwrap();
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// `leadplay eval --leads LEADS --as-of AS_OF --dry-run --format csv`.
    pub fn dry_run_csv(&self, leads: &str, as_of: &str) -> Output {
        self.run(&[
            "eval",
            "--leads",
            leads,
            "--as-of",
            as_of,
            "--dry-run",
            "--format",
            "csv",
        ])
    }

    /// Every file under `rel`, as (relative path, bytes), sorted.
    pub fn tree(&self, rel: &str) -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        walk(&self.root.join(rel), &self.root, &mut files);
        files.sort();
        files
    }

    /// The draft files under `drafts/`, without the day's review pages (`index.html`,
    /// rewritten by every real run).
    pub fn drafts(&self) -> Vec<(String, Vec<u8>)> {
        let mut files = self.tree("drafts");
        files.retain(|(path, _)| !path.ends_with("/index.html"));
        files
    }
}

/// A finished command.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Replaces `from` with `to` in a file (which must contain it).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} lacks {from:?}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

/// The leadplay binary, run in `dir`, isolated from any git or leadplay setup around.
pub fn leadplay(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("leadplay").unwrap();
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn walk(dir: &Path, root: &Path, files: &mut Vec<(String, Vec<u8>)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            walk(&path, root, files);
        } else {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push((rel, std::fs::read(&path).unwrap()));
        }
    }
}
