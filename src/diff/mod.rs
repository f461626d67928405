//! `leadplay diff REV`: what a change to the playbooks does to the leads.
//!
//! The playbooks are read twice — as they are at a git revision (through git, see
//! [`git`]; nothing is checked out) and as they are in the working tree — and both
//! programs evaluate the same leads on the same date, dry-run, against the same state
//! file. [`compare`] lists what differs: tier moves (with the tier rule that decided on
//! each side), score changes, suppression changes and the drafts that would appear or
//! disappear. [`DiffReport`] prints it as a table, markdown (for a pull request) or JSON.
//!
//! Only `.play` files are read at the revision: templates do not change tiers, scores or
//! which drafts are due, so the revision side is not checked against them (and
//! `leadplay.yaml` is the working tree's on both sides).

mod compare;
mod git;
mod moves;
mod outcomes;
mod render;

pub use compare::{DecidingRules, compare};
pub use git::{GitError, Repository, RevisionFile};
pub use moves::count_moves;
pub use outcomes::OutcomeDiff;
pub use render::DiffReport;

use crate::check::CheckOptions;
use crate::engine::{Loaded, load_from_sources};
use crate::workspace::Workspace;

/// The `.play` files of the workspace's playbooks folder at a revision.
#[derive(Debug, Clone)]
pub struct RevisionSource {
    /// The full commit hash.
    pub commit: String,
    /// The folder's path in the repository.
    pub folder: String,
    /// The files, in name order.
    pub files: Vec<RevisionFile>,
}

/// Finds the repository of the workspace and reads its playbooks folder at `rev`.
pub fn read_revision(ws: &Workspace, rev: &str) -> Result<RevisionSource, GitError> {
    let repo = Repository::discover(&ws.root)?;
    let commit = repo.resolve(rev)?;
    let folder = repo.repo_path(&ws.config.playbooks)?;
    let files = repo.play_files(&commit, &folder)?;
    Ok(RevisionSource {
        commit,
        folder,
        files,
    })
}

/// Parses and checks the revision's program; its files are added to the workspace's
/// sources as `REV:path` (path from the workspace root) so diagnostics name them.
pub fn load_revision(ws: &mut Workspace, rev: &str, source: &RevisionSource) -> Loaded {
    let prefix = ws.display(&ws.playbooks_dir());
    let ids: Vec<_> = source
        .files
        .iter()
        .map(|f| {
            let shown = format!("{rev}:{}/{}", prefix.trim_end_matches('/'), f.name);
            ws.sources.add(shown, f.text.clone())
        })
        .collect();
    load_from_sources(&ws.sources, &ids, &CheckOptions::default())
}
