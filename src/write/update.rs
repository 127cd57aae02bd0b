//! A rebuild over an existing `public/`: only what changed touches the
//! disk, yet the update stays all-or-nothing.
//!
//! Takes the output folder and the build's files; compares them with what
//! is there (size first, then bytes), and
//! 1. writes the new and changed files into the staging folder — a failure
//!    here removes the staging folder and leaves `public/` as it was;
//! 2. commits: each changed file replaces its old version with a `rename`
//!    (atomic for readers; the old version is first hard-linked into the
//!    retired folder), each stale file is moved into the retired folder.
//!    Every step is logged; a failure undoes the log in reverse, so
//!    `public/` is again exactly the previous site;
//! 3. removes the staging and retired folders and any folder left empty.
//!
//! Why: creating tens of thousands of inodes per build (the full rewrite
//! of [`super::write_site`]'s first path) costs far more than rendering on
//! ext4, where allocating an inode scans past recently deleted ones. An
//! unchanged rebuild now writes nothing.
//!
//! Gives `Ok(false)` without touching anything when the existing tree
//! can't be updated in place (a file where a folder must go or the other
//! way round); the caller then replaces the whole folder.

use super::{io_err, WriteError};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// One committed step, for undoing.
enum Step {
    /// `out/x` was replaced; its old version is hard-linked at `retired/x`.
    Replaced(PathBuf, PathBuf),
    /// `out/x` was new.
    Added(PathBuf),
    /// `out/x` (stale) was moved to `retired/x`.
    Retired(PathBuf, PathBuf),
    /// A folder was created in `out`.
    Dir(PathBuf),
}

pub fn update(
    out: &Path,
    files: &[OutputFile],
    staging: &Path,
    retired: &Path,
) -> Result<bool, WriteError> {
    let Some(existing) = list(out)? else {
        return Ok(false);
    };
    // Paths the new site needs as folders.
    let mut dirs: HashSet<&str> = HashSet::new();
    for f in files {
        let mut p = f.path.as_str();
        while let Some((parent, _)) = p.rsplit_once('/') {
            if !dirs.insert(parent) {
                break;
            }
            p = parent;
        }
    }
    let wanted: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let conflict = files
        .iter()
        .any(|f| matches!(existing.get(f.path.as_str()), Some(Entry::Dir)))
        || existing
            .iter()
            .any(|(p, e)| matches!(e, Entry::File(_)) && dirs.contains(p.as_str()));
    if conflict {
        return Ok(false);
    }

    let changed: Vec<&OutputFile> = files
        .par_iter()
        .filter(|f| match existing.get(f.path.as_str()) {
            Some(Entry::File(len)) if *len == f.bytes.len() as u64 => {
                fs::read(out.join(&f.path)).map_or(true, |old| old != f.bytes)
            }
            _ => true,
        })
        .collect();
    let mut stale: Vec<&str> = existing
        .iter()
        .filter(|(p, e)| {
            matches!(e, Entry::File(_))
                && !wanted.contains(p.as_str())
                && !super::KEEP.contains(&p.as_str())
        })
        .map(|(p, _)| p.as_str())
        .collect();
    stale.sort_unstable();
    if changed.is_empty() && stale.is_empty() {
        return Ok(true);
    }

    // 1. Stage.
    if let Err(e) = super::write_files(staging, changed.par_iter().copied()) {
        let _ = fs::remove_dir_all(staging);
        return Err(e);
    }

    // 2. Commit, logged.
    let mut log: Vec<Step> = Vec::new();
    let result = commit(out, staging, retired, &changed, &stale, &existing, &mut log);
    if let Err(e) = result {
        undo(log);
        let _ = fs::remove_dir_all(staging);
        let _ = fs::remove_dir_all(retired);
        return Err(e);
    }

    // 3. Clean up; the site is already complete, so errors here are the
    // only thing left to report.
    let _ = fs::remove_dir_all(staging);
    if retired.exists() {
        fs::remove_dir_all(retired).map_err(io_err(retired))?;
    }
    remove_empty_dirs(out, &stale, &dirs);
    Ok(true)
}

fn commit(
    out: &Path,
    staging: &Path,
    retired: &Path,
    changed: &[&OutputFile],
    stale: &[&str],
    existing: &HashMap<String, Entry>,
    log: &mut Vec<Step>,
) -> Result<(), WriteError> {
    for f in changed {
        let target = out.join(&f.path);
        let from = staging.join(&f.path);
        if existing.contains_key(f.path.as_str()) {
            let keep = retired_path(retired, &f.path)?;
            if fs::hard_link(&target, &keep).is_err() {
                // A file system without hard links: keep a copy instead.
                fs::copy(&target, &keep).map_err(io_err(&keep))?;
            }
            fs::rename(&from, &target).map_err(io_err(&target))?;
            log.push(Step::Replaced(target, keep));
        } else {
            if let Some(dir) = target.parent() {
                create_dirs(out, dir, log)?;
            }
            fs::rename(&from, &target).map_err(io_err(&target))?;
            log.push(Step::Added(target));
        }
    }
    for p in stale {
        let target = out.join(p);
        let keep = retired_path(retired, p)?;
        fs::rename(&target, &keep).map_err(io_err(&target))?;
        log.push(Step::Retired(target, keep));
    }
    Ok(())
}

/// `retired/rel`, its folder created.
fn retired_path(retired: &Path, rel: &str) -> Result<PathBuf, WriteError> {
    let p = retired.join(rel);
    if let Some(dir) = p.parent() {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
    }
    Ok(p)
}

/// Creates `dir` and missing parents inside `out`, logging each.
fn create_dirs(out: &Path, dir: &Path, log: &mut Vec<Step>) -> Result<(), WriteError> {
    let mut missing = Vec::new();
    let mut d = dir;
    while d != out && !d.exists() {
        missing.push(d.to_owned());
        match d.parent() {
            Some(p) => d = p,
            None => break,
        }
    }
    for m in missing.into_iter().rev() {
        fs::create_dir(&m).map_err(io_err(&m))?;
        log.push(Step::Dir(m));
    }
    Ok(())
}

/// Best effort: puts every logged step back, last first.
fn undo(log: Vec<Step>) {
    for step in log.into_iter().rev() {
        let _ = match step {
            Step::Replaced(target, keep) | Step::Retired(target, keep) => fs::rename(keep, target),
            Step::Added(target) => fs::remove_file(target),
            Step::Dir(d) => fs::remove_dir(d),
        };
    }
}

/// Folders that held only stale files go too, so nothing of an earlier
/// build lingers, not even an empty folder.
fn remove_empty_dirs(out: &Path, stale: &[&str], needed: &HashSet<&str>) {
    let mut candidates: Vec<&str> = stale
        .iter()
        .flat_map(|p| {
            let mut v = Vec::new();
            let mut p = *p;
            while let Some((parent, _)) = p.rsplit_once('/') {
                v.push(parent);
                p = parent;
            }
            v
        })
        .filter(|d| !needed.contains(d))
        .collect();
    // Deepest first.
    candidates.sort_unstable_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    candidates.dedup();
    for d in candidates {
        let _ = fs::remove_dir(out.join(d)); // fails harmlessly when not empty
    }
}

enum Entry {
    File(u64),
    Dir,
}

/// Every file and folder under `out`, relative, `/`-separated; `None`
/// when `out` holds something other than plain files and folders.
fn list(out: &Path) -> Result<Option<HashMap<String, Entry>>, WriteError> {
    let mut map = HashMap::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.map_err(|e| io_err(out)(e.into()))?;
        let Some(rel) = entry
            .path()
            .strip_prefix(out)
            .ok()
            .and_then(|p| p.to_str())
            .map(|s| s.replace(std::path::MAIN_SEPARATOR, "/"))
        else {
            return Ok(None);
        };
        let kind = entry.file_type();
        let e = if kind.is_dir() {
            Entry::Dir
        } else if kind.is_file() {
            let len = entry
                .metadata()
                .map_err(|e| io_err(entry.path())(e.into()))?
                .len();
            Entry::File(len)
        } else {
            return Ok(None);
        };
        map.insert(rel, e);
    }
    Ok(Some(map))
}

#[cfg(test)]
mod tests;
