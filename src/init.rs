//! `leadplay init`: a complete new workspace — config, the starter playbooks, their
//! templates and tests, and a small sample of leads — embedded in the binary, so the
//! first `check`, `eval --dry-run` and `test` pass with no set-up.
//!
//! [`STARTER_FILES`] is the one list of what is embedded; a unit test compares it with
//! the files under `playbooks/`, so a new template or test cannot be forgotten.

use std::borrow::Cow;
use std::path::Path;

/// One file of the starter workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StarterFile {
    /// Where it comes from in this repository.
    pub source: &'static str,
    /// Where it goes in the new workspace (`/`-separated, relative).
    pub target: &'static str,
    /// The embedded text, as in the repository.
    pub text: &'static str,
}

/// The target is the source unless `=> "target"` says otherwise.
macro_rules! target_or_source {
    ($source:literal) => {
        $source
    };
    ($source:literal $target:literal) => {
        $target
    };
}

macro_rules! starter_files {
    ($($source:literal $(=> $target:literal)?),* $(,)?) => {
        &[$(StarterFile {
            source: $source,
            target: target_or_source!($source $($target)?),
            text: include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/", $source)),
        }),*]
    };
}

/// The leads file of a new workspace (the config points at it).
pub const LEADS_FILE: &str = "leads.csv";

/// Every file `init` writes, in the order it writes them.
pub const STARTER_FILES: &[StarterFile] = starter_files![
    "leadplay.yaml",
    "examples/init-leads.csv" => "leads.csv",
    "playbooks/01-fields.play",
    "playbooks/02-scores.play",
    "playbooks/03-tiers.play",
    "playbooks/04-playbooks.play",
    "playbooks/05-assign.play",
    "playbooks/templates/cold/newsletter.j2",
    "playbooks/templates/cold/newsletter.zh-TW.j2",
    "playbooks/templates/cold/postcard.j2",
    "playbooks/templates/cold/postcard.zh-TW.j2",
    "playbooks/templates/cold/promotion.j2",
    "playbooks/templates/cold/promotion.zh-TW.j2",
    "playbooks/templates/partials/greeting_zh.j2",
    "playbooks/templates/partials/postal_address.j2",
    "playbooks/templates/partials/postal_address.zh-TW.j2",
    "playbooks/templates/partials/signature.j2",
    "playbooks/templates/partials/signature.zh-TW.j2",
    "playbooks/templates/partials/why_you_get_this.j2",
    "playbooks/templates/partials/why_you_get_this.zh-TW.j2",
    "playbooks/templates/hot/briefing.j2",
    "playbooks/templates/hot/close_plan.j2",
    "playbooks/templates/hot/proposal.j2",
    "playbooks/templates/hot/proposal.zh-TW.j2",
    "playbooks/templates/warm/follow_up.j2",
    "playbooks/templates/warm/follow_up.zh-TW.j2",
    "playbooks/templates/warm/handoff_note.j2",
    "playbooks/templates/warm/launch_invite.j2",
    "playbooks/templates/warm/launch_invite.zh-TW.j2",
    "playbooks/templates/warm/meeting_invite.j2",
    "playbooks/templates/warm/meeting_invite.zh-TW.j2",
    "playbooks/templates/warm/trial_offer.j2",
    "playbooks/templates/warm/trial_offer.zh-TW.j2",
    "playbooks/templates/warm/trial_survey.j2",
    "playbooks/templates/warm/trial_survey.zh-TW.j2",
    "playbooks/tests/01-tiers.yaml",
    "playbooks/tests/02-suppression.yaml",
    "playbooks/tests/03-playbooks.yaml",
];

/// Why `init` wrote nothing (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// Some of the files exist already; nothing was written.
    #[error("refusing to overwrite {}: {}", plural(.0.len()), quoted(.0))]
    Exists(Vec<String>),
    /// A folder or file could not be created.
    #[error("cannot write `{path}`: {source}")]
    Io {
        /// The path as shown to the user.
        path: String,
        /// The operating-system error.
        source: std::io::Error,
    },
}

impl InitError {
    /// The help line.
    pub fn help(&self) -> Option<String> {
        match self {
            InitError::Exists(_) => Some(
                "init writes nothing when any of its files exists; \
                 choose a new folder (`leadplay init DIR`) or move those files away"
                    .to_string(),
            ),
            InitError::Io { .. } => None,
        }
    }
}

fn plural(n: usize) -> String {
    match n {
        1 => "1 existing file".to_string(),
        n => format!("{n} existing files"),
    }
}

fn quoted(paths: &[String]) -> String {
    paths
        .iter()
        .map(|p| format!("`{p}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The contents of one file in the new workspace: as embedded, except that the config
/// points at the workspace's own leads file.
pub fn contents(file: &StarterFile) -> Cow<'static, str> {
    if file.target == crate::config::CONFIG_FILE {
        Cow::Owned(comment_out_outcome(&point_leads_at(file.text, LEADS_FILE)))
    } else {
        Cow::Borrowed(file.text)
    }
}

/// Turns the `outcome:` block into a comment: a new workspace has no closed deals yet
/// (the block names the repository's example file), but keeps it as an example.
fn comment_out_outcome(config: &str) -> String {
    let mut inside = false;
    config
        .split_inclusive('\n')
        .map(|line| {
            if line.starts_with("outcome:") {
                inside = true;
            } else if !line.starts_with([' ', '\t', '#', '\n']) {
                inside = false;
            }
            if inside && line.trim() != "" {
                format!("# {line}")
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Rewrites the top-level `leads:` line to `path`, keeping its comment in its column.
fn point_leads_at(config: &str, path: &str) -> String {
    config
        .split_inclusive('\n')
        .map(|line| {
            if !line.starts_with("leads:") {
                return line.to_string();
            }
            let (body, newline) = match line.strip_suffix('\n') {
                Some(body) => (body, "\n"),
                None => (line, ""),
            };
            let head = format!("leads: {path}");
            match body.find(" #") {
                Some(i) => {
                    let pad = (i + 1).saturating_sub(head.len()).max(1);
                    format!("{head}{}{}{newline}", " ".repeat(pad), &body[i + 1..])
                }
                None => format!("{head}{newline}"),
            }
        })
        .collect()
}

/// Writes the starter workspace into `dir` (created if missing). Checks every file
/// first: if any exists, writes nothing. Returns the files written, relative to `dir`.
pub fn init(dir: &Path) -> Result<Vec<&'static str>, InitError> {
    let existing: Vec<String> = STARTER_FILES
        .iter()
        .filter(|f| dir.join(f.target).symlink_metadata().is_ok())
        .map(|f| f.target.to_string())
        .collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    let mut written = Vec::new();
    for file in STARTER_FILES {
        let path = dir.join(file.target);
        crate::atomic::write_atomic_new(&path, contents(file).as_bytes()).map_err(|source| {
            InitError::Io {
                path: file.target.to_string(),
                source,
            }
        })?;
        written.push(file.target);
    }
    written.extend(gitignore(dir)?);
    Ok(written)
}

/// Writes or extends `.gitignore`; how it is listed among the written files, if at all.
pub fn gitignore(dir: &Path) -> Result<Option<&'static str>, InitError> {
    crate::init_gitignore::write_gitignore(dir)
        .map(crate::init_gitignore::GitignoreChange::shown)
        .map_err(|source| InitError::Io {
            path: ".gitignore".to_string(),
            source,
        })
}

#[cfg(test)]
mod tests;
