//! The new site, complete, in a staging folder beside the output folder.
//! Takes the build's files and the current output; [`check_paths`] first
//! proves every path stays inside the folder and names one file, then
//! [`compare`] finds the files whose bytes did not change, and [`prepare`]
//! makes the staging folder exactly the new site. The staging folder is
//! private to the build until the swap; the output is never written into.
//!
//! The staging folder is the site the last swap replaced (`.NAME.previous`),
//! kept for this: updating it writes only the files that differ and
//! creates only the folders that are new. Creating a folder costs about
//! half a millisecond on ext4 (a page is a folder, so thousands a build),
//! and so does removing one: a staging folder made from nothing and the
//! old site removed after each swap made a 100-policy rebuild three times
//! slower. Only the first build over a site makes it from nothing,
//! hard-linking the files that did not change. A write never goes into an
//! existing file (it may be a hard link shared with the live site): it
//! goes to a temporary file renamed over it.

use super::guard::{MARKER, MARKER_TEXT, PLACEHOLDERS};
use super::{io_err, WriteError};
use crate::render::OutputFile;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Component, Path};

/// Fails on the first path that is empty, absolute, climbs out with `..`,
/// takes a name gazette reserves, or names the same file as another.
pub(super) fn check_paths(files: &[OutputFile]) -> Result<(), WriteError> {
    let mut seen = HashSet::with_capacity(files.len());
    for f in files {
        let unsafe_path = |reason| WriteError::UnsafePath {
            path: f.path.clone(),
            reason,
        };
        let mut parts = Vec::new();
        for part in Path::new(&f.path).components() {
            match part {
                Component::Normal(name) => parts.push(name.to_string_lossy()),
                Component::ParentDir => return Err(unsafe_path("it climbs out with `..`")),
                Component::RootDir | Component::Prefix(_) => {
                    return Err(unsafe_path("it is absolute"))
                }
                Component::CurDir => {}
            }
        }
        let normal = parts.join("/");
        if normal.is_empty() {
            return Err(unsafe_path("it is empty"));
        }
        if normal != f.path {
            return Err(unsafe_path("it is not a plain `folder/file` path"));
        }
        if normal == MARKER || PLACEHOLDERS.contains(&normal.as_str()) {
            return Err(unsafe_path("gazette reserves that name"));
        }
        if !seen.insert(normal) {
            return Err(WriteError::DuplicatePath {
                path: f.path.clone(),
            });
        }
    }
    Ok(())
}

/// What the current output already holds of the new site.
pub(super) struct Reuse<'a> {
    /// Paths whose file in the output has exactly the new bytes, and that
    /// file's inode.
    pub same: HashMap<&'a str, Option<u64>>,
    /// The output is already exactly the new site: nothing to write.
    pub identical: bool,
}

/// Compares `out` with `files`, size first, then bytes. An output without
/// gazette's marker is reused for nothing.
pub(super) fn compare<'a>(out: &Path, files: &'a [OutputFile]) -> Result<Reuse<'a>, WriteError> {
    if !out.join(MARKER).is_file() {
        return Ok(Reuse {
            same: HashMap::new(),
            identical: false,
        });
    }
    let existing = list(out)?;
    let same: HashMap<&str, Option<u64>> = files
        .par_iter()
        .filter_map(|f| match existing.get(f.path.as_str()) {
            Some(Entry::File { len, ino }) if *len == f.bytes.len() as u64 => {
                fs::read(out.join(&f.path))
                    .is_ok_and(|old| old == f.bytes)
                    .then_some((f.path.as_str(), *ino))
            }
            _ => None,
        })
        .collect();
    let dirs = dirs_of(files);
    let extra = existing.iter().any(|(p, e)| match e {
        Entry::File { .. } => !same.contains_key(p.as_str()) && !kept(p),
        Entry::Dir => !dirs.contains(p.as_str()),
        Entry::Other => true,
    });
    let identical = same.len() == files.len() && !extra;
    Ok(Reuse { same, identical })
}

/// Makes `staging` exactly the new site: `files`, the marker, and the
/// placeholders `out` has. Updates it when it exists, else makes it.
pub(super) fn prepare(
    staging: &Path,
    out: &Path,
    files: &[OutputFile],
    reuse: &Reuse,
) -> Result<(), WriteError> {
    match fs::symlink_metadata(staging) {
        // Not `is_dir`: that follows a link, and the update would write
        // wherever it points.
        Ok(meta) if meta.is_dir() => update(staging, out, files, reuse),
        Ok(_) => {
            fs::remove_file(staging).map_err(io_err(staging))?;
            fill(staging, out, files, reuse)
        }
        Err(_) => fill(staging, out, files, reuse),
    }
}

/// Makes `staging` from nothing, hard-linking from `out` the files whose
/// bytes did not change.
fn fill(staging: &Path, out: &Path, files: &[OutputFile], reuse: &Reuse) -> Result<(), WriteError> {
    fs::create_dir(staging).map_err(io_err(staging))?;
    // Sorted, a folder comes before the folders inside it.
    for dir in dirs_of(files) {
        let path = staging.join(dir);
        fs::create_dir(&path).map_err(io_err(&path))?;
    }
    files.par_iter().try_for_each(|f| {
        let to = staging.join(&f.path);
        if reuse.same.contains_key(f.path.as_str()) {
            link_or_copy(&out.join(&f.path), &to)
        } else {
            fs::write(&to, &f.bytes).map_err(io_err(&to))
        }
    })?;
    finish(staging, out)
}

/// Turns the previous site in `staging` into the new one: removes what
/// the new site has no place for, creates the missing folders, replaces
/// the files whose bytes differ.
fn update(
    staging: &Path,
    out: &Path,
    files: &[OutputFile],
    reuse: &Reuse,
) -> Result<(), WriteError> {
    let existing = list(staging)?;
    let dirs = dirs_of(files);
    let wanted: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut doomed: Vec<&String> = existing
        .iter()
        .filter(|(p, e)| match e {
            Entry::File { .. } | Entry::Other => !wanted.contains(p.as_str()) && !kept(p),
            Entry::Dir => !dirs.contains(p.as_str()),
        })
        .map(|(p, _)| p)
        .collect();
    doomed.sort();
    for p in doomed {
        let path = staging.join(p);
        let removed = match existing.get(p) {
            Some(Entry::Dir) => fs::remove_dir_all(&path),
            _ => fs::remove_file(&path),
        };
        match removed {
            // Already gone with a folder removed before it.
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io_err(&path)(e));
            }
            _ => {}
        }
    }
    for dir in &dirs {
        if !matches!(existing.get(*dir), Some(Entry::Dir)) {
            let path = staging.join(dir);
            fs::create_dir(&path).map_err(io_err(&path))?;
        }
    }
    files.par_iter().enumerate().try_for_each(|(i, f)| {
        let same = match existing.get(f.path.as_str()) {
            // The live site's file, hard-linked: known to be the same.
            Some(Entry::File { ino: Some(ino), .. })
                if reuse.same.get(f.path.as_str()) == Some(&Some(*ino)) =>
            {
                true
            }
            Some(Entry::File { len, .. }) if *len == f.bytes.len() as u64 => {
                fs::read(staging.join(&f.path)).is_ok_and(|old| old == f.bytes)
            }
            _ => false,
        };
        if same {
            Ok(())
        } else if reuse.same.contains_key(f.path.as_str()) {
            // The live site has it: share its file, write nothing.
            let temp = staging.join(format!("{TEMP_PREFIX}{i}"));
            let to = staging.join(&f.path);
            link_or_copy(&out.join(&f.path), &temp)?;
            fs::rename(&temp, &to).map_err(io_err(&to))
        } else {
            replace(staging, &f.path, &f.bytes, i)
        }
    })?;
    finish(staging, out)
}

/// Writes `bytes` at `staging/rel` through a temporary file renamed over
/// it, so a file shared with the live site is never written into.
fn replace(staging: &Path, rel: &str, bytes: &[u8], n: usize) -> Result<(), WriteError> {
    let temp = staging.join(format!("{TEMP_PREFIX}{n}"));
    let to = staging.join(rel);
    fs::write(&temp, bytes).map_err(io_err(&temp))?;
    fs::rename(&temp, &to).map_err(io_err(&to))
}

/// Temporary files in a staging folder (removed by the next update if a
/// build is killed while writing them).
const TEMP_PREFIX: &str = ".gazette-temp-";

/// The marker, and exactly the placeholders `out` has.
fn finish(staging: &Path, out: &Path) -> Result<(), WriteError> {
    replace(staging, MARKER, MARKER_TEXT.as_bytes(), usize::MAX)?;
    for name in PLACEHOLDERS {
        let (keep, to) = (out.join(name), staging.join(name));
        let _ = fs::remove_file(&to);
        if keep.is_file() {
            link_or_copy(&keep, &to)?;
        }
    }
    Ok(())
}

/// A hard link, or a copy on a file system without them.
fn link_or_copy(from: &Path, to: &Path) -> Result<(), WriteError> {
    if fs::hard_link(from, to).is_err() {
        fs::copy(from, to).map_err(io_err(to))?;
    }
    Ok(())
}

/// Files of an output that every build keeps.
fn kept(rel: &str) -> bool {
    rel == MARKER || PLACEHOLDERS.contains(&rel)
}

/// Every folder the new site needs, `/`-separated, sorted.
fn dirs_of(files: &[OutputFile]) -> BTreeSet<&str> {
    let mut dirs = BTreeSet::new();
    for f in files {
        let mut p = f.path.as_str();
        while let Some((parent, _)) = p.rsplit_once('/') {
            if parent.is_empty() || !dirs.insert(parent) {
                break;
            }
            p = parent;
        }
    }
    dirs
}

enum Entry {
    /// `ino` is `None` where the system has no inode numbers.
    File {
        len: u64,
        ino: Option<u64>,
    },
    Dir,
    /// A link or anything else a build never writes.
    Other,
}

/// Every file and folder under `dir`, relative, `/`-separated.
fn list(dir: &Path) -> Result<HashMap<String, Entry>, WriteError> {
    let mut map = HashMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| io_err(dir)(e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace(std::path::MAIN_SEPARATOR, "/");
        let kind = entry.file_type();
        let e = if kind.is_dir() {
            Entry::Dir
        } else if kind.is_file() {
            let meta = entry
                .metadata()
                .map_err(|e| io_err(entry.path())(e.into()))?;
            Entry::File {
                len: meta.len(),
                ino: inode(&meta),
            }
        } else {
            Entry::Other
        };
        map.insert(rel, e);
    }
    Ok(map)
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.ino())
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> Option<u64> {
    None
}
