//! `<state>.lock`: keeps two runs from interleaving their drafts and state writes.
//!
//! The lock is an OS lock (`flock`) on a small file beside
//! the state. The kernel releases it when the holder exits, however it exits — a run
//! killed with `kill -9` or lost in a reboot never blocks the next one. The file itself
//! only carries who holds the lock (pid, host, time) for the message a waiting run
//! prints. The holder deletes it when done; since a waiting run may have opened the
//! file just before, a run that gets the lock checks that it locked the file that is
//! at the path now, and starts over otherwise.

use super::StateError;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a run waits for a held lock by default before it gives up.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(10);

/// The environment variable that overrides [`DEFAULT_LOCK_WAIT`], in seconds.
pub const LOCK_WAIT_ENV: &str = "LEADPLAY_LOCK_WAIT";

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
}

/// A held state lock; released (by the kernel, at the latest) when this is dropped.
#[derive(Debug)]
pub struct StateLock {
    path: PathBuf,
    file: File,
}

impl StateLock {
    /// The lock file for a state file: the same path with `.lock` appended.
    pub fn path_for(state_path: &Path) -> PathBuf {
        let mut name = state_path.as_os_str().to_os_string();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock for `state_path` (creating its folder if needed), waiting up to
    /// `lock_wait` for a run that holds it.
    pub fn acquire(state_path: &Path) -> Result<StateLock, StateError> {
        StateLock::acquire_waiting(state_path, lock_wait())
    }

    /// Takes the lock, waiting at most `wait` for another run to release it; then fails
    /// with `StateError::Locked` naming the holder.
    pub fn acquire_waiting(state_path: &Path, wait: Duration) -> Result<StateLock, StateError> {
        let path = StateLock::path_for(state_path);
        let lock_err = |source| StateError::Lock {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(lock_err)?;
        }
        let open = || {
            OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
        };
        let mut file = open().map_err(lock_err)?;
        let started = Instant::now();
        loop {
            match try_lock(&file) {
                Ok(true) if is_at_path(&file, &path) => break,
                // The holder deleted the file between our open and its release.
                Ok(true) => file = open().map_err(lock_err)?,
                Ok(false) if started.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Ok(false) => {
                    return Err(StateError::Locked {
                        holder: read_holder(&mut file),
                        path,
                        waited: wait,
                    });
                }
                Err(e) => return Err(lock_err(e)),
            }
        }
        write_holder(&mut file).map_err(lock_err)?;
        Ok(StateLock { path, file })
    }

    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Deleted while still locked (a waiting run notices, see `is_at_path`), then
        // released. Failing to delete is harmless: only the kernel lock counts.
        let _ = fs::remove_file(&self.path);
        unlock(&self.file);
    }
}

/// Takes the OS lock without waiting: `Ok(false)` when another process holds it.
#[cfg(unix)]
fn try_lock(file: &File) -> io::Result<bool> {
    use rustix::fs::{FlockOperation, flock};
    match flock(file, FlockOperation::NonBlockingLockExclusive) {
        Ok(()) => Ok(true),
        Err(e) if e == rustix::io::Errno::WOULDBLOCK => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(unix)]
fn unlock(file: &File) {
    let _ = rustix::fs::flock(file, rustix::fs::FlockOperation::Unlock);
}

/// Elsewhere std's lock (Rust 1.89 or newer there).
#[cfg(not(unix))]
#[allow(clippy::incompatible_msrv)]
fn try_lock(file: &File) -> io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(fs::TryLockError::WouldBlock) => Ok(false),
        Err(fs::TryLockError::Error(e)) => Err(e),
    }
}

#[cfg(not(unix))]
#[allow(clippy::incompatible_msrv)]
fn unlock(file: &File) {
    let _ = file.unlock();
}

/// True when `file` is the file at `path` now (Unix: same device and inode).
#[cfg(unix)]
fn is_at_path(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// Elsewhere an open file cannot be deleted, so it is always the one at the path.
#[cfg(not(unix))]
fn is_at_path(_file: &File, _path: &Path) -> bool {
    true
}

/// The wait from `LEADPLAY_LOCK_WAIT` (seconds, decimals allowed), else the default.
pub fn lock_wait() -> Duration {
    std::env::var(LOCK_WAIT_ENV)
        .ok()
        .and_then(|text| text.trim().parse::<f64>().ok())
        .filter(|secs| secs.is_finite() && *secs >= 0.0 && *secs <= 86_400.0)
        .map_or(DEFAULT_LOCK_WAIT, Duration::from_secs_f64)
}

fn write_holder(file: &mut File) -> io::Result<()> {
    let json = serde_json::to_string(&LockHolder::current()).map_err(io::Error::other)?;
    file.set_len(0)?;
    file.rewind()?;
    file.write_all(json.as_bytes())?;
    file.write_all(b"\n")?;
    file.flush()
}

fn read_holder(file: &mut File) -> Option<LockHolder> {
    let mut text = String::new();
    file.rewind().ok()?;
    // A holder record is one short line; anything longer is not ours.
    file.take(4096).read_to_string(&mut text).ok()?;
    serde_json::from_str(text.trim()).ok()
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
mod tests;
