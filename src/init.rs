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
mod tests {
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
}
