//! One build at a time per output folder. Takes the output folder's
//! canonical path; gives an [`OutputLock`]: an exclusive OS lock on
//! `.NAME.lock` beside the folder, holding the owner's process ID, released
//! when the lock is dropped or its process ends in any way (a crash
//! included). A second build is refused, naming the holder.
//!
//! Holding the lock, [`clean_leftovers`] removes what a killed build left
//! beside the folder (`.NAME.old-*`, and the `.NAME.staging-*` of gazette
//! versions before `.NAME.previous`): no live build can own them.
//! `.NAME.previous` is not a leftover: it is the next build's staging
//! folder, and a half-updated one is set right by that update.

use super::{io_err, WriteError};
use std::ffi::OsString;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Held for the whole build; dropping it removes the lock file, then
/// releases the lock.
#[derive(Debug)]
pub struct OutputLock {
    file: File,
    path: PathBuf,
}

/// `.NAME.SUFFIX` beside `out`: the lock, staging and retired folders.
pub(super) fn sibling(out: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(out.file_name().unwrap_or(out.as_os_str()));
    name.push(".");
    name.push(suffix);
    out.with_file_name(name)
}

impl OutputLock {
    /// Locks `out` for this process, or says who holds it.
    pub fn acquire(out: &Path) -> Result<OutputLock, WriteError> {
        let path = sibling(out, "lock");
        loop {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io_err(&path))?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    let _ = file.read_to_string(&mut text);
                    return Err(WriteError::Busy {
                        out: out.to_owned(),
                        lock: path,
                        pid: text.trim().parse().ok(),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io_err(&path)(e)),
            }
            // Its last holder may have removed the file between our open
            // and our lock: then the lock is on a file nobody else sees.
            if !still_at(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io_err(&path))?;
            write!(file, "{}", std::process::id()).map_err(io_err(&path))?;
            return Ok(OutputLock { file, path });
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        // Removed while still locked, so a waiting build that opened it
        // sees (in `still_at`) that it must open a fresh one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn still_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn still_at(_file: &File, path: &Path) -> bool {
    path.exists()
}

/// Removes the staging and retired folders of killed builds into `out`.
/// If `out` itself is missing (a build killed between the two renames of
/// the fallback swap), its retired site is put back first.
pub fn clean_leftovers(out: &Path, _lock: &OutputLock) -> Result<(), WriteError> {
    let Some(parent) = out.parent() else {
        return Ok(());
    };
    let entries = match fs::read_dir(parent) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io_err(parent)(e)),
    };
    let prefix = |suffix: &str| sibling(out, suffix).to_string_lossy().into_owned();
    let (staging, old) = (prefix("staging-"), prefix("old-"));
    for entry in entries {
        let path = entry.map_err(io_err(parent))?.path();
        let name = path.to_string_lossy();
        if name.starts_with(&old) && !out.exists() {
            fs::rename(&path, out).map_err(io_err(out))?;
        } else if name.starts_with(&staging) || name.starts_with(&old) {
            fs::remove_dir_all(&path).map_err(io_err(&path))?;
        }
    }
    Ok(())
}
