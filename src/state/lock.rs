//! `<state>.lock`: keeps two runs from interleaving their drafts and state writes.
//!
//! The lock is a file created exclusively, holding who took it and when. A lock left by a
//! crashed run is *explained* (holder, time, "no longer running", the file to delete) but
//! never removed automatically: pids are reused, and a wrong guess would let two runs
//! write the same state.

use super::StateError;
use serde::{Deserialize, Serialize};
use std::fs::{self, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Who holds a lock, as written in the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    /// The holder's process id.
    pub pid: u32,
    /// The host it runs on, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// When it took the lock (RFC 3339, local time).
    pub since: String,
}

impl LockHolder {
    /// The current process.
    fn current() -> LockHolder {
        LockHolder {
            pid: std::process::id(),
            host: host_name(),
            since: chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        }
    }

    /// "pid 4242 on build-1 since 2026-03-02T09:00:00+08:00"
    pub fn describe(&self) -> String {
        match &self.host {
            Some(host) => format!("pid {} on `{host}` since {}", self.pid, self.since),
            None => format!("pid {} since {}", self.pid, self.since),
        }
    }

    /// True only when the process is known to be gone: same host, and (on Linux)
    /// `/proc/<pid>` does not exist. Anything we cannot check counts as alive.
    fn is_known_dead(&self) -> bool {
        let same_host = self.host.is_none() || self.host == host_name();
        let proc_fs = Path::new("/proc/self");
        same_host && proc_fs.exists() && !Path::new(&format!("/proc/{}", self.pid)).exists()
    }
}

/// A held state lock; the file is removed when this is dropped.
#[derive(Debug)]
pub struct StateLock {
    path: PathBuf,
}

impl StateLock {
    /// The lock file for a state file: the same path with `.lock` appended.
    pub fn path_for(state_path: &Path) -> PathBuf {
        let mut name = state_path.as_os_str().to_os_string();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock for `state_path`, creating its folder if needed. Fails with
    /// [`StateError::Locked`] when the lock file already exists.
    pub fn acquire(state_path: &Path) -> Result<StateLock, StateError> {
        let path = StateLock::path_for(state_path);
        let lock_err = |source| StateError::Lock {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(lock_err)?;
        }
        match OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => write_holder(file, &path).map_err(lock_err),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Err(held_error(path)),
            Err(e) => Err(lock_err(e)),
        }
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Nothing useful to do if it fails; the next run explains the leftover file.
        let _ = fs::remove_file(&self.path);
    }
}

fn write_holder(mut file: fs::File, path: &Path) -> io::Result<StateLock> {
    // From here on the file is ours: the guard removes it even if writing fails.
    let lock = StateLock {
        path: path.to_path_buf(),
    };
    let json = serde_json::to_string(&LockHolder::current()).map_err(io::Error::other)?;
    file.write_all(json.as_bytes())?;
    file.write_all(b"\n")?;
    file.sync_all()?;
    Ok(lock)
}

fn held_error(path: PathBuf) -> StateError {
    let holder = fs::read_to_string(&path)
        .ok()
        .and_then(|text| serde_json::from_str::<LockHolder>(text.trim()).ok());
    let stale = holder.as_ref().is_some_and(LockHolder::is_known_dead);
    StateError::Locked {
        path,
        holder,
        stale,
    }
}

/// The host name, when it is cheap to get (Linux `/proc`, else `$HOSTNAME`).
fn host_name() -> Option<String> {
    let name = fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())?;
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acquire_writes_holder_and_drop_removes_the_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join(".leadplay").join("state.jsonl");
        let lock = StateLock::acquire(&state).expect("first acquire");
        let lock_path = dir.path().join(".leadplay").join("state.jsonl.lock");
        assert_eq!(lock.path(), lock_path);
        let holder: LockHolder =
            serde_json::from_str(&fs::read_to_string(&lock_path).expect("read")).expect("json");
        assert_eq!(holder.pid, std::process::id());
        drop(lock);
        assert!(!lock_path.exists());
        assert!(StateLock::acquire(&state).is_ok(), "free again after drop");
    }

    #[test]
    fn a_held_lock_names_the_holder_and_is_kept() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join("state.jsonl");
        let _held = StateLock::acquire(&state).expect("first acquire");
        let err = StateLock::acquire(&state).expect_err("second acquire must fail");
        let message = err.to_string();
        assert!(message.contains("another leadplay run holds"), "{message}");
        assert!(
            message.contains(&format!("pid {}", std::process::id())),
            "{message}"
        );
        assert!(message.contains("since "), "{message}");
        assert!(matches!(err, StateError::Locked { stale: false, .. }));
        assert!(StateLock::path_for(&state).exists());
    }

    #[test]
    fn a_stale_lock_is_explained_with_the_file_to_delete_but_not_removed() {
        if !Path::new("/proc/self").exists() {
            return; // liveness cannot be checked here: every holder counts as alive
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join("state.jsonl");
        let lock_path = StateLock::path_for(&state);
        let dead = LockHolder {
            pid: u32::MAX - 1, // beyond any pid_max
            host: host_name(),
            since: "2026-03-01T09:00:00+00:00".to_string(),
        };
        fs::write(&lock_path, serde_json::to_string(&dead).expect("json")).expect("write");
        let err = StateLock::acquire(&state).expect_err("must refuse");
        let message = err.to_string();
        assert!(message.contains("looks stale"), "{message}");
        assert!(
            message.contains("since 2026-03-01T09:00:00+00:00"),
            "{message}"
        );
        let help = err.help().unwrap_or_default();
        assert!(
            help.contains(&format!("delete `{}`", lock_path.display())),
            "{help}"
        );
        assert!(
            lock_path.exists(),
            "a stale lock is never removed automatically"
        );
    }

    #[test]
    fn an_unreadable_lock_still_refuses() {
        let dir = tempfile::tempdir().expect("tempdir");
        let state = dir.path().join("state.jsonl");
        fs::write(StateLock::path_for(&state), "garbage").expect("write");
        let err = StateLock::acquire(&state).expect_err("must refuse");
        assert!(matches!(
            err,
            StateError::Locked {
                holder: None,
                stale: false,
                ..
            }
        ));
        assert!(err.to_string().contains("no readable details"));
    }
}
