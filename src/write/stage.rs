//! The new site, complete, in a staging folder beside the output folder.
//! Takes the build's files and the current output; [`check_paths`] first
//! proves every path stays inside the folder and names one file, then
//! [`compare`] finds the files whose bytes did not change and [`fill`]
//! hard-links those from the current site and writes the rest, so a
//! rebuild creates inodes only for what changed. The staging folder is
//! private to the build until the swap; the output is never written into.

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
    /// Paths whose file in the output has exactly the new bytes.
    pub same: HashSet<&'a str>,
    /// The output is already exactly the new site: nothing to write.
    pub identical: bool,
}

/// Compares `out` with `files`, size first, then bytes. An output without
/// gazette's marker is reused for nothing.
pub(super) fn compare<'a>(out: &Path, files: &'a [OutputFile]) -> Result<Reuse<'a>, WriteError> {
    if !out.join(MARKER).is_file() {
        return Ok(Reuse {
            same: HashSet::new(),
            identical: false,
        });
    }
    let existing = list(out)?;
    let same: HashSet<&str> = files
        .par_iter()
        .filter(|f| match existing.get(f.path.as_str()) {
            Some(Entry::File(len)) if *len == f.bytes.len() as u64 => {
                fs::read(out.join(&f.path)).is_ok_and(|old| old == f.bytes)
            }
            _ => false,
        })
        .map(|f| f.path.as_str())
        .collect();
    let dirs = dirs_of(files);
    let extra = existing.iter().any(|(p, e)| match e {
        Entry::File(_) => !same.contains(p.as_str()) && !kept(p),
        Entry::Dir => !dirs.contains(p.as_str()),
        Entry::Other => true,
    });
    let identical = same.len() == files.len() && !extra;
    Ok(Reuse { same, identical })
}

/// Creates `staging` holding exactly the new site: `files`, the marker,
/// and the placeholders `out` has.
pub(super) fn fill(
    staging: &Path,
    out: &Path,
    files: &[OutputFile],
    reuse: &Reuse,
) -> Result<(), WriteError> {
    fs::create_dir(staging).map_err(io_err(staging))?;
    // Sorted, a folder comes before the folders inside it.
    for dir in dirs_of(files) {
        let path = staging.join(dir);
        fs::create_dir(&path).map_err(io_err(&path))?;
    }
    files.par_iter().try_for_each(|f| {
        let to = staging.join(&f.path);
        if reuse.same.contains(f.path.as_str()) {
            link_or_copy(&out.join(&f.path), &to)
        } else {
            fs::write(&to, &f.bytes).map_err(io_err(&to))
        }
    })?;
    let marker = staging.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(io_err(&marker))?;
    for name in PLACEHOLDERS {
        let keep = out.join(name);
        if keep.is_file() {
            link_or_copy(&keep, &staging.join(name))?;
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
    File(u64),
    Dir,
    /// A link or anything else a build never writes.
    Other,
}

/// Every file and folder under `out`, relative, `/`-separated.
fn list(out: &Path) -> Result<HashMap<String, Entry>, WriteError> {
    let mut map = HashMap::new();
    for entry in walkdir::WalkDir::new(out).min_depth(1) {
        let entry = entry.map_err(|e| io_err(out)(e.into()))?;
        let rel = entry
            .path()
            .strip_prefix(out)
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
            Entry::File(meta.len())
        } else {
            Entry::Other
        };
        map.insert(rel, e);
    }
    Ok(map)
}
