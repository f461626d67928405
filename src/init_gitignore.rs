//! The `.gitignore` lines `init` (and `init --from-leads`) give a new workspace: the
//! files that are machine-local — the watch's preview folder, the state lock, and the
//! temp files a killed run may leave — for the default `outbox` and `state` paths.
//! The state file and the drafts stay committed by default: the state is how
//! tomorrow's run knows where each lead is, and the drafts are reviewed output (a team
//! may choose to ignore them; the README says how).

use std::io;
use std::path::Path;

/// The first line of leadplay's block: present means the block was added already.
const MARKER: &str = "# leadplay: machine-local files";

/// The block, with the names the engine really uses: `PREVIEW_DIR` in the outbox,
/// `StateLock::path_for` beside the state, and the temp-file patterns
/// `engine::leftovers` removes (`.<draft>.<pid>-<n>.tmp`, `state.jsonl.tmp.<pid>`,
/// `.runs.jsonl.<pid>-<n>.tmp`), plus the preview's own temp names.
pub const GITIGNORE_BLOCK: &str = "\
# leadplay: machine-local files (commit the rest: the state file tells tomorrow's run
# where each lead is; drafts are reviewed output, ignore /drafts/ if your team prefers)
/drafts/preview/
/drafts/.preview-*/
/.leadplay/state.jsonl.lock
/.leadplay/state.jsonl.tmp.*
/.leadplay/.*.tmp
/drafts/**/.*.tmp
";

/// What happened to `.gitignore`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GitignoreChange {
    /// There was none: written.
    Created,
    /// There was one without leadplay's lines: they were added at its end.
    Appended,
    /// It has leadplay's lines already.
    Unchanged,
}

impl GitignoreChange {
    /// How `init` lists it among the files it wrote (`None`: not listed).
    pub fn shown(self) -> Option<&'static str> {
        match self {
            GitignoreChange::Created => Some(".gitignore"),
            GitignoreChange::Appended => Some(".gitignore (leadplay's lines added at the end)"),
            GitignoreChange::Unchanged => None,
        }
    }
}

/// Writes `dir/.gitignore`, or adds leadplay's block to an existing one: `init` into a
/// repository that already ignores its own things must keep them.
pub fn write_gitignore(dir: &Path) -> io::Result<GitignoreChange> {
    let path = dir.join(".gitignore");
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(e),
    };
    let (text, change) = match existing {
        None => (GITIGNORE_BLOCK.to_string(), GitignoreChange::Created),
        Some(text) if text.contains(MARKER) => return Ok(GitignoreChange::Unchanged),
        Some(text) => {
            let separator = match text.ends_with('\n') || text.is_empty() {
                true => "\n",
                false => "\n\n",
            };
            (
                format!("{text}{separator}{GITIGNORE_BLOCK}"),
                GitignoreChange::Appended,
            )
        }
    };
    crate::atomic::write_atomic(&path, text.as_bytes())?;
    Ok(change)
}

#[cfg(test)]
mod tests {
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
}
