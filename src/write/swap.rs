//! The complete staging folder → the output folder, in one atomic step
//! that can be undone; and the URL lock's new text written beside it.
//!
//! On Linux `renameat2(RENAME_EXCHANGE)` swaps the two folders: at every
//! instant the output is either the whole old site or the whole new one,
//! and afterwards the staging name holds the old site, kept as the next
//! build's staging folder (or swapped back). Elsewhere, or on a file system without the exchange, the
//! old site is renamed aside first; a build killed between the two renames
//! leaves no output folder, and the next build puts the old one back
//! ([`super::claim::clean_leftovers`]).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How the new site was put in place, to find or restore the old one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Swapped {
    /// The folders were exchanged: the old site is at the staging path.
    Exchanged,
    /// There was no output folder: there is no old site.
    Placed,
    /// The old site was renamed to the retired path first.
    Retired,
}

/// Puts `staging` at `out`.
pub(super) fn swap_in(staging: &Path, out: &Path, retired: &Path) -> io::Result<Swapped> {
    if fs::symlink_metadata(out).is_err() {
        fs::rename(staging, out)?;
        return Ok(Swapped::Placed);
    }
    if exchange(staging, out)? {
        return Ok(Swapped::Exchanged);
    }
    fs::rename(out, retired)?;
    if let Err(e) = fs::rename(staging, out) {
        let _ = fs::rename(retired, out);
        return Err(e);
    }
    Ok(Swapped::Retired)
}

/// Puts the old site back at `out` and the new one at `staging`.
pub(super) fn swap_back(
    how: Swapped,
    staging: &Path,
    out: &Path,
    retired: &Path,
) -> io::Result<()> {
    match how {
        Swapped::Exchanged => exchange(staging, out).and_then(|done| {
            done.then_some(())
                .ok_or_else(|| io::Error::other("the folders can no longer be exchanged"))
        }),
        Swapped::Placed => fs::rename(out, staging),
        Swapped::Retired => {
            fs::rename(out, staging)?;
            fs::rename(retired, out)
        }
    }
}

/// Swaps two existing folders atomically; `Ok(false)` when the system or
/// file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use rustix::fs::{renameat_with, RenameFlags, CWD};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<bool> {
    Ok(false)
}

/// A new text for a file, written in full to a temporary file beside it:
/// [`Pending::commit`] renames it into place (atomic), dropping it
/// unused removes the temporary file.
#[derive(Debug)]
pub(super) struct Pending {
    temp: PathBuf,
    path: PathBuf,
    committed: bool,
}

/// `.NAME.tmp-`: the start of the temporary files' names beside `path`.
fn temp_prefix(path: &Path) -> String {
    let name = path.file_name().unwrap_or(path.as_os_str());
    format!(".{}.tmp-", name.to_string_lossy())
}

/// The temporary file's path beside `path`, `.NAME.tmp-PID`.
fn temp_of(path: &Path) -> PathBuf {
    path.with_file_name(format!("{}{}", temp_prefix(path), std::process::id()))
}

/// Best effort: removes the temporary files killed builds left beside
/// `path`. (A build of the same portal into another output folder at the
/// same moment may lose its own and fail, leaving its site as it was.)
pub(super) fn clean_temps(path: &Path) {
    let (Some(dir), prefix) = (path.parent(), temp_prefix(path)) else {
        return;
    };
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

impl Pending {
    /// Writes `text` next to `path` (creating its folder).
    pub fn write(path: &Path, text: &str) -> io::Result<Pending> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let pending = Pending {
            temp: temp_of(path),
            path: path.to_owned(),
            committed: false,
        };
        fs::write(&pending.temp, text)?;
        Ok(pending)
    }

    /// The file this will replace.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the file with the new text.
    pub fn commit(mut self) -> io::Result<()> {
        fs::rename(&self.temp, &self.path)?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
