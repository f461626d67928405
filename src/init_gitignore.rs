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
mod tests;
