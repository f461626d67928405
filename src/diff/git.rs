//! Reading `.play` files as they are at a git revision, through `git` itself
//! (`rev-parse`, `ls-tree`, `cat-file`): nothing is checked out and the working tree is
//! never touched.

use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// Why the files at a revision could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    /// `git` could not be run.
    #[error("cannot run `git`: {0}")]
    Missing(String),
    /// The workspace is not inside a git repository.
    #[error("`{0}` is not inside a git repository")]
    NotARepository(String),
    /// The revision names no commit.
    #[error("unknown revision `{0}`")]
    UnknownRevision(String),
    /// The playbooks folder is not inside the repository.
    #[error("the playbooks folder `{0}` is outside the git repository")]
    OutsideRepository(String),
    /// A file at the revision is not UTF-8.
    #[error("`{0}` is not valid UTF-8 at that revision")]
    NotUtf8(String),
    /// Any other failure of a git command.
    #[error("`git {command}` failed: {message}")]
    Failed {
        /// The command's arguments.
        command: String,
        /// What git said.
        message: String,
    },
}

impl GitError {
    /// The help line, if there is one.
    pub fn help(&self) -> Option<String> {
        match self {
            GitError::Missing(_) => Some("install git, or make sure it is on the PATH".into()),
            GitError::NotARepository(_) => Some(
                "`leadplay diff` compares against a commit; run it in a workspace kept in git (`git init`, `git commit`)"
                    .into(),
            ),
            GitError::UnknownRevision(_) => Some(
                "use a commit, branch or tag that exists here, e.g. `HEAD`, `main` or `HEAD~1` (`git log --oneline` lists commits)"
                    .into(),
            ),
            GitError::OutsideRepository(_) => {
                Some("set `playbooks` in leadplay.yaml to a folder inside the repository".into())
            }
            GitError::NotUtf8(_) | GitError::Failed { .. } => None,
        }
    }
}

/// A `.play` file at a revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RevisionFile {
    /// Its path from the repository's top level (`sub/playbooks/tiers.play`).
    pub repo_path: String,
    /// Its file name (`tiers.play`).
    pub name: String,
    /// Its text.
    pub text: String,
}

/// The repository a workspace is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repository {
    /// The workspace root (every git command runs there).
    root: PathBuf,
    /// The repository's top level.
    top: PathBuf,
    /// The workspace root's path from the top level (`sub/`; empty at the top).
    prefix: String,
}

impl Repository {
    /// The repository containing `root`.
    pub fn discover(root: &Path) -> Result<Repository, GitError> {
        let probe = Repository {
            root: root.to_path_buf(),
            top: PathBuf::new(),
            prefix: String::new(),
        };
        let top = probe
            .run(&["rev-parse", "--show-toplevel"])
            .map_err(|e| match e {
                GitError::Failed { message, .. } if message.contains("not a git repository") => {
                    GitError::NotARepository(root.display().to_string())
                }
                other => other,
            })?;
        let prefix = probe.run(&["rev-parse", "--show-prefix"])?;
        Ok(Repository {
            top: PathBuf::from(top.trim_end_matches(['\n', '\r'])),
            prefix: prefix.trim_end_matches(['\n', '\r']).to_string(),
            ..probe
        })
    }

    /// The commit a revision names (full hash).
    pub fn resolve(&self, rev: &str) -> Result<String, GitError> {
        // A revision starting with `-` would be read as an option.
        if rev.is_empty() || rev.starts_with('-') {
            return Err(GitError::UnknownRevision(rev.to_string()));
        }
        let spec = format!("{rev}^{{commit}}");
        self.run(&[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ])
        .map(|out| out.trim().to_string())
        .map_err(|_| GitError::UnknownRevision(rev.to_string()))
    }

    /// The folder's path from the top level, for a folder given relative to the
    /// workspace root (or absolute, inside the repository).
    pub fn repo_path(&self, folder: &Path) -> Result<String, GitError> {
        let outside = || GitError::OutsideRepository(folder.display().to_string());
        let joined = if folder.is_absolute() {
            let top = self.top.canonicalize().unwrap_or_else(|_| self.top.clone());
            let folder = folder
                .canonicalize()
                .unwrap_or_else(|_| folder.to_path_buf());
            folder
                .strip_prefix(&top)
                .map_err(|_| outside())?
                .to_path_buf()
        } else {
            Path::new(&self.prefix).join(folder)
        };
        normalize(&joined).ok_or_else(outside)
    }

    /// The `.play` files directly in `folder` (a path from the top level) at `commit`,
    /// in name order.
    pub fn play_files(&self, commit: &str, folder: &str) -> Result<Vec<RevisionFile>, GitError> {
        let pathspec = if folder.is_empty() {
            ".".to_string()
        } else {
            format!("{folder}/")
        };
        let listing = self.run(&["ls-tree", "-z", "--full-tree", commit, "--", &pathspec])?;
        let mut files = Vec::new();
        for entry in listing.split('\0').filter(|e| !e.is_empty()) {
            // `<mode> SP <type> SP <object> TAB <path>`
            let Some((meta, path)) = entry.split_once('\t') else {
                continue;
            };
            let mut meta = meta.split(' ');
            let (Some(_), Some(kind), Some(object)) = (meta.next(), meta.next(), meta.next())
            else {
                continue;
            };
            let name = path.rsplit('/').next().unwrap_or(path);
            if kind != "blob" || !name.ends_with(".play") {
                continue;
            }
            let bytes = self.run_bytes(&["cat-file", "blob", object])?;
            let text = String::from_utf8(bytes).map_err(|_| GitError::NotUtf8(path.to_string()))?;
            files.push(RevisionFile {
                repo_path: path.to_string(),
                name: name.to_string(),
                text,
            });
        }
        files.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(files)
    }

    fn run(&self, args: &[&str]) -> Result<String, GitError> {
        let bytes = self.run_bytes(args)?;
        String::from_utf8(bytes).map_err(|_| GitError::Failed {
            command: args.join(" "),
            message: "the output is not UTF-8".into(),
        })
    }

    fn run_bytes(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(args)
            // Messages are matched on ("not a git repository"): keep them in English.
            .env("LC_ALL", "C")
            .env("LANGUAGE", "C")
            .output()
            .map_err(|e| GitError::Missing(e.to_string()))?;
        if output.status.success() {
            Ok(output.stdout)
        } else {
            let message = String::from_utf8_lossy(&output.stderr).trim().to_string();
            Err(GitError::Failed {
                command: args.join(" "),
                message,
            })
        }
    }
}

/// `a/./b/../c` → `a/c`, `/`-separated; `None` when it climbs above its start.
fn normalize(path: &Path) -> Option<String> {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests;
