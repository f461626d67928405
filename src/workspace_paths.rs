//! The workspace's own paths must not overlap: the outbox (with its preview folder),
//! the state file, its lock and the playbooks folder. An outbox at
//! `.leadplay/state.jsonl` would have `eval` write drafts where the state goes and leave
//! every later run unable to read it; a state inside `playbooks/` would be read as
//! part of the program's folder. Checked when the workspace opens, so every command
//! refuses such a configuration before it reads or writes anything.

use crate::diagnostics::{Code, Diagnostic};
use crate::source::{FileId, SourceMap, Span};
use crate::state::StateLock;
use std::path::{Component, Path, PathBuf};

/// One of the configured paths, named by its `leadplay.yaml` key.
struct Named {
    key: &'static str,
    what: &'static str,
    path: PathBuf,
}

/// The first pair of overlapping paths, as a diagnostic at the config key.
pub fn check_overlaps(
    sources: &SourceMap,
    config_file: Option<FileId>,
    outbox: &Path,
    state: &Path,
    playbooks: &Path,
) -> Option<Diagnostic> {
    let named = [
        Named {
            key: "outbox",
            what: "the outbox (drafts and the watch's preview folder)",
            path: normalize(outbox),
        },
        Named {
            key: "state",
            what: "the state file",
            path: normalize(state),
        },
        Named {
            key: "state",
            what: "the state lock",
            path: normalize(&StateLock::path_for(state)),
        },
        Named {
            key: "playbooks",
            what: "the playbooks folder",
            path: normalize(playbooks),
        },
    ];
    for (i, a) in named.iter().enumerate() {
        for b in named.iter().skip(i + 1).filter(|b| b.key != a.key) {
            if a.path.starts_with(&b.path) || b.path.starts_with(&a.path) {
                return Some(overlap(sources, config_file, a, b));
            }
        }
    }
    None
}

fn overlap(sources: &SourceMap, config_file: Option<FileId>, a: &Named, b: &Named) -> Diagnostic {
    let message = format!(
        "`{}` and `{}` overlap: {} `{}` and {} `{}` must be apart",
        a.key,
        b.key,
        a.what,
        a.path.display(),
        b.what,
        b.path.display()
    );
    let help = "give each its own place, e.g. `outbox: drafts`, `state: .leadplay/state.jsonl` \
                and `playbooks: playbooks` (the defaults)";
    let at_key = config_file.and_then(|file| {
        let text = &sources.get(file)?.text;
        let start = key_offset(text, a.key).or_else(|| key_offset(text, b.key))?;
        Some(Span::new(file, start..start + a.key.len()))
    });
    match at_key {
        Some(span) => Diagnostic::at(Code::PathsOverlap, span, message),
        None => Diagnostic::global(Code::PathsOverlap, message),
    }
    .with_help(help)
}

/// Where `key:` starts a line of the config.
fn key_offset(text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// `a/./b/../c` → `a/c`, without touching the file system (the paths may not exist).
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests;
