//! The new site, complete, in a staging folder beside the output folder,
//! made as the build goes: [`Staging::take`] takes files as render and
//! publish make them (from any thread, in any order), proves each path
//! stays inside the folder ([`check_path`]), writes the file into the
//! staging folder unless it holds those bytes already, and keeps only its
//! facts ([`Built`]), so the build never holds the whole site in memory.
//! [`Staging::finish`] then removes what the new site has no place for and
//! says whether the output already was exactly the new site. The staging
//! folder is private to the build until the swap; the output is never
//! written into.
//!
//! The staging folder is the site the last swap replaced (`.NAME.previous`),
//! kept for this: updating it writes only the files that differ and
//! creates only the folders that are new. Creating a folder costs about
//! half a millisecond on ext4 (a page is a folder, so thousands a build),
//! and so does removing one: a staging folder made from nothing and the
//! old site removed after each swap made a 100-policy rebuild three times
//! slower. A file whose bytes the live output already holds is
//! hard-linked from it, not written. A write never goes into an existing
//! file (it may be a hard link shared with the live site): it goes to a
//! temporary file renamed over it.

use super::guard::{MARKER, MARKER_TEXT, PLACEHOLDERS};
use super::{io_err, WriteError};
use crate::incremental::Stamp;
use crate::render::{Built, OutputFile};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Fails when `path` is empty, absolute, climbs out with `..` or takes a
/// name gazette reserves.
pub(super) fn check_path(path: &str) -> Result<(), WriteError> {
    let unsafe_path = |reason| WriteError::UnsafePath {
        path: path.to_owned(),
        reason,
    };
    let mut parts = Vec::new();
    for part in Path::new(path).components() {
        match part {
            Component::Normal(name) => parts.push(name.to_string_lossy()),
            Component::ParentDir => return Err(unsafe_path("it climbs out with `..`")),
            Component::RootDir | Component::Prefix(_) => return Err(unsafe_path("it is absolute")),
            Component::CurDir => {}
        }
    }
    let normal = parts.join("/");
    if normal.is_empty() {
        return Err(unsafe_path("it is empty"));
    }
    if normal != path {
        return Err(unsafe_path("it is not a plain `folder/file` path"));
    }
    if normal == MARKER || PLACEHOLDERS.contains(&normal.as_str()) {
        return Err(unsafe_path("gazette reserves that name"));
    }
    Ok(())
}

/// Fails on the first path of `built` (sorted by path) that names the
/// same file as the one before it.
pub fn check_unique(built: &[Built]) -> Result<(), WriteError> {
    match built.windows(2).find(|w| w[0].path == w[1].path) {
        Some(w) => Err(WriteError::DuplicatePath {
            path: w[1].path.clone(),
        }),
        None => Ok(()),
    }
}

/// The new site being made in the staging folder.
pub struct Staging {
    pub(super) dir: PathBuf,
    out: PathBuf,
    /// Whether the live output is gazette's (it has the marker): only then
    /// are its files shared with the new site. It is not listed: a file
    /// is looked at where the build asks for it, and the whole folder
    /// only when no file changed ([`Staging::finish`]).
    live: bool,
    /// The staging folder's files and folders when the build began.
    existing: Listing,
    /// Folders made in the staging folder by this build.
    made: Mutex<HashSet<String>>,
    /// Files taken whose bytes differ from the live output's.
    changed: AtomicUsize,
    /// The facts of the files taken since [`crate::Store::built`] last drained them.
    fresh: Mutex<Vec<Built>>,
    /// The first failure to stage a file; later files are dropped.
    failed: Mutex<Option<WriteError>>,
    temps: AtomicUsize,
}

impl Staging {
    /// Begins the new site of `out` in `staging`: the previous site when
    /// it is there, else a new folder.
    pub(super) fn begin(staging: PathBuf, out: &Path) -> Result<Staging, WriteError> {
        let live = out.join(MARKER).is_file();
        // Not `is_dir`: that follows a link, and the update would write
        // wherever it points.
        let existing = match fs::symlink_metadata(&staging) {
            Ok(meta) if meta.is_dir() => without_temps(&staging, list(&staging)?)?,
            Ok(_) => {
                fs::remove_file(&staging).map_err(io_err(&staging))?;
                fs::create_dir(&staging).map_err(io_err(&staging))?;
                Listing::default()
            }
            Err(_) => {
                fs::create_dir(&staging).map_err(io_err(&staging))?;
                Listing::default()
            }
        };
        Ok(Staging {
            dir: staging,
            out: out.to_owned(),
            live,
            existing,
            made: Mutex::new(HashSet::new()),
            changed: AtomicUsize::new(0),
            fresh: Mutex::new(Vec::new()),
            failed: Mutex::new(None),
            temps: AtomicUsize::new(0),
        })
    }

    /// Writes `bytes` at `rel` unless the staging folder holds them there:
    /// a hard link to the live file when that has them.
    fn stage(&self, rel: &str, bytes: &[u8]) -> Result<(), WriteError> {
        let live = match self.live {
            true => holds(&self.out.join(rel), bytes),
            false => None,
        };
        if live.is_none() {
            self.changed.fetch_add(1, Ordering::Relaxed);
        }
        self.place(rel, live, Some(bytes))
    }

    /// Puts at `rel` the live output's file (`live`: its inode) or else
    /// `bytes` (one of the two is given), unless the staging folder holds
    /// it there already.
    fn place(
        &self,
        rel: &str,
        live: Option<Option<u64>>,
        bytes: Option<&[u8]>,
    ) -> Result<(), WriteError> {
        let to = self.dir.join(rel);
        // Whether the staging folder holds the file already; else whether
        // nothing stands where it goes.
        let (staged, vacant) = match self.existing.get(rel) {
            // The live site's file, hard-linked: known to be the same.
            Some(Entry::File { ino: Some(ino) }) if live == Some(Some(*ino)) => (true, false),
            Some(Entry::File { .. }) => (bytes.is_some_and(|b| holds(&to, b).is_some()), false),
            Some(Entry::Dir) => {
                // A folder where the file goes: left by an older site.
                remove(&to, true)?;
                (false, true)
            }
            Some(Entry::Other) => (false, false),
            None => (false, true),
        };
        if staged {
            return Ok(());
        }
        self.folders_for(rel)?;
        let from = self.out.join(rel);
        let put = |at: &Path| match (live, bytes) {
            // The live site has it: share its file, write nothing.
            (Some(_), _) => link_or_copy(&from, at),
            (None, Some(bytes)) => write_new(at, bytes),
            (None, None) => Ok(()),
        };
        // Where the staging folder held nothing, the file is made in
        // place, never over anything: no temporary file, so no rename
        // across folders (the kernel takes one lock for the whole file
        // system for those) and not every new file made in one folder.
        if vacant {
            match put(&to) {
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                made => return made.map_err(io_err(&to)),
            }
        }
        let temp = self.dir.join(format!(
            "{TEMP_PREFIX}{}",
            self.temps.fetch_add(1, Ordering::Relaxed)
        ));
        put(&temp).map_err(io_err(&temp))?;
        fs::rename(&temp, &to).map_err(io_err(&to))
    }

    /// Makes the folders above `rel` that the staging folder lacks.
    fn folders_for(&self, rel: &str) -> Result<(), WriteError> {
        let mut made = crate::locked(&self.made);
        let mut missing = Vec::new();
        let mut p = rel;
        while let Some((parent, _)) = p.rsplit_once('/') {
            if matches!(self.existing.get(parent), Some(Entry::Dir)) || made.contains(parent) {
                break;
            }
            missing.push(parent);
            p = parent;
        }
        for dir in missing.into_iter().rev() {
            let path = self.dir.join(dir);
            if self.existing.get(dir).is_some() {
                // A file where the folder goes: left by an older site.
                remove(&path, false)?;
            }
            fs::create_dir(&path).map_err(io_err(&path))?;
            made.insert(dir.to_owned());
        }
        Ok(())
    }

    /// Makes the staging folder exactly the new site, whose files are
    /// `built` (every file taken): removes what it has no place for, adds
    /// the marker and exactly the placeholders the output has. True when
    /// the output already was exactly this site.
    pub(super) fn finish(&self, built: &[Built]) -> Result<bool, WriteError> {
        let dirs = dirs_of(built);
        let wanted: HashSet<&str> = built.iter().map(|f| f.path.as_str()).collect();
        // A folder the new site has no place for goes whole: what is in
        // it is not looked at.
        let needed = |folder: &str| folder.is_empty() || dirs.contains(folder);
        let mut doomed: Vec<(String, bool)> = Vec::new();
        self.existing.each(needed, |p, e| {
            let dir = matches!(e, Entry::Dir);
            if !wanted.contains(p) && !dirs.contains(p) && (dir || !kept(p)) {
                doomed.push((p.to_owned(), dir));
            }
        });
        doomed.sort();
        for (p, dir) in doomed {
            remove(&self.dir.join(p), dir)?;
        }
        finish(&self.dir, &self.out)?;
        // Every file is the live one; whether the live folder holds
        // anything more needs its listing, made only now.
        if !self.live || self.changed.load(Ordering::Relaxed) > 0 {
            return Ok(false);
        }
        let mut extra = false;
        list(&self.out)?.each(needed, |p, e| {
            extra |= match e {
                Entry::File { .. } => !wanted.contains(p) && !kept(p),
                Entry::Dir => !dirs.contains(p),
                Entry::Other => true,
            }
        });
        Ok(!extra)
    }
}

impl crate::render::Sink for Staging {
    /// Stages `files` and keeps their facts; records the first failure
    /// (an unsafe path, a disk error) for [`crate::Store::built`] to report.
    fn take(&self, files: Vec<OutputFile>) {
        for file in files {
            let (built, bytes) = file.split();
            if !self.keep(built, |path| self.stage(path, &bytes)) {
                return;
            }
        }
    }

    /// Stages a file the live output holds unchanged: a hard link, no
    /// read, no comparison (the build never writes into a live file). That
    /// it is unchanged is checked on the file itself, one `statx`: `from`
    /// is the live file at the same path, a file (not a link) of the
    /// recorded length and stamp. Else the file is given back.
    fn take_unchanged(&self, file: Built, from: &Path, stamp: Stamp) -> Option<Built> {
        if !self.live || from != self.out.join(&file.path) {
            return Some(file);
        }
        let ino = match fs::symlink_metadata(from) {
            Ok(meta)
                if meta.is_file()
                    && meta.len() == file.len as u64
                    && Stamp::of(&meta) == Some(stamp) =>
            {
                inode(&meta)
            }
            _ => return Some(file),
        };
        self.keep(file, |path| self.place(path, Some(ino), None));
        None
    }
}

impl Staging {
    /// Runs `stage` for the file `built` unless an earlier one failed,
    /// keeping its facts, or else the failure for [`crate::Store::built`].
    fn keep(&self, built: Built, stage: impl FnOnce(&str) -> Result<(), WriteError>) -> bool {
        if crate::locked(&self.failed).is_some() {
            return false;
        }
        match check_path(&built.path).and_then(|()| stage(&built.path)) {
            Ok(()) => {
                crate::locked(&self.fresh).push(built);
                true
            }
            Err(e) => {
                crate::locked(&self.failed).get_or_insert(e);
                false
            }
        }
    }
}

impl crate::Store for Staging {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        fs::read(self.dir.join(path))
    }

    fn built(&self) -> Result<Vec<Built>, WriteError> {
        if let Some(e) = crate::locked(&self.failed).take() {
            return Err(e);
        }
        let mut built = std::mem::take(&mut *crate::locked(&self.fresh));
        built.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(built)
    }

    /// The staged file's: the swap renames the folder, so it is the
    /// published file's too.
    fn stamp(&self, path: &str) -> Option<Stamp> {
        fs::symlink_metadata(self.dir.join(path))
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| Stamp::of(&m))
    }
}

/// Removes the file or folder at `path`; one already gone (with a folder
/// removed before it, or replaced by a file of the new site) is fine.
fn remove(path: &Path, dir: bool) -> Result<(), WriteError> {
    use std::io::ErrorKind::{NotADirectory, NotFound};
    let removed = match dir {
        true => fs::remove_dir_all(path),
        false => fs::remove_file(path),
    };
    match removed {
        Err(e) if !matches!(e.kind(), NotFound | NotADirectory) => Err(io_err(path)(e)),
        _ => Ok(()),
    }
}

/// Writes `bytes` at `staging/rel` through a temporary file renamed over
/// it, so a file shared with the live site is never written into.
fn replace(staging: &Path, rel: &str, bytes: &[u8], n: usize) -> Result<(), WriteError> {
    let temp = staging.join(format!("{TEMP_PREFIX}{n}"));
    let to = staging.join(rel);
    write_new(&temp, bytes).map_err(io_err(&temp))?;
    fs::rename(&temp, &to).map_err(io_err(&to))
}

/// Temporary files in a staging folder. A killed build can leave one,
/// and it may be a hard link to a file of the live site: the next update
/// removes them before it writes ([`without_temps`]), and a temporary
/// file is only ever created new ([`write_new`]), never written into.
const TEMP_PREFIX: &str = ".gazette-temp-";

/// Removes the temporary files a killed build left at the top of the
/// staging folder, and drops them from its listing.
fn without_temps(staging: &Path, mut existing: Listing) -> Result<Listing, WriteError> {
    for (name, entry) in existing.take_top(|name| name.starts_with(TEMP_PREFIX)) {
        remove(&staging.join(name.as_ref()), matches!(entry, Entry::Dir))?;
    }
    Ok(existing)
}

/// Writes `bytes` to a file that must not exist yet (a file already
/// there may share its bytes with the live site): fails with
/// `AlreadyExists` when something is at `path`.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
}

/// The marker, and exactly the placeholders `out` has.
fn finish(staging: &Path, out: &Path) -> Result<(), WriteError> {
    replace(staging, MARKER, MARKER_TEXT.as_bytes(), usize::MAX)?;
    for name in PLACEHOLDERS {
        let (keep, to) = (out.join(name), staging.join(name));
        let _ = fs::remove_file(&to);
        if keep.is_file() {
            link_or_copy(&keep, &to).map_err(io_err(&to))?;
        }
    }
    Ok(())
}

/// A hard link at `to`, where nothing may stand, or a new copy on a file
/// system without hard links: fails with `AlreadyExists` when something
/// is at `to`.
fn link_or_copy(from: &Path, to: &Path) -> std::io::Result<()> {
    match fs::hard_link(from, to) {
        Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => write_new(to, &fs::read(from)?),
        linked => linked,
    }
}

/// Files of an output that every build keeps.
fn kept(rel: &str) -> bool {
    rel == MARKER || PLACEHOLDERS.contains(&rel)
}

/// Every folder the new site needs, `/`-separated, sorted.
fn dirs_of(files: &[Built]) -> BTreeSet<&str> {
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
    /// `ino` is `None` where the system has no inode numbers. A file's
    /// length and stamp are not listed (a `statx` a file, most of them
    /// never needed): they are read where a file is compared or reused.
    File {
        ino: Option<u64>,
    },
    Dir,
    /// A link or anything else a build never writes.
    Other,
}

/// A folder's files and folders as listed, by folder: each folder's
/// relative path (`""` for the top) with its entries' names, sorted. At
/// 10,000 policies a site has 4.6 million of them; kept by folder, a name
/// is held without the path it shares with the folder's other entries.
#[derive(Default)]
struct Listing {
    folders: HashMap<Box<str>, Named>,
}

/// A folder's entries by name, sorted.
type Named = Box<[(Box<str>, Entry)]>;

impl Listing {
    /// What is at `rel`, relative and `/`-separated.
    fn get(&self, rel: &str) -> Option<&Entry> {
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        let entries = self.folders.get(folder)?;
        let at = entries.binary_search_by(|(n, _)| n.as_ref().cmp(name));
        at.ok().map(|i| &entries[i].1)
    }

    /// Calls `each` with the relative path of every entry of the folders
    /// `in_folder` takes (the top is `""`), the path in one reused buffer.
    fn each(&self, in_folder: impl Fn(&str) -> bool, mut each: impl FnMut(&str, &Entry)) {
        let mut path = String::new();
        for (folder, entries) in self.folders.iter().filter(|(f, _)| in_folder(f)) {
            for (name, entry) in entries.iter() {
                path.clear();
                if !folder.is_empty() {
                    path.push_str(folder);
                    path.push('/');
                }
                path.push_str(name);
                each(&path, entry);
            }
        }
    }

    /// Takes out the top folder's entries whose name `takes`.
    fn take_top(&mut self, takes: impl Fn(&str) -> bool) -> Vec<(Box<str>, Entry)> {
        let Some(top) = self.folders.get_mut("") else {
            return Vec::new();
        };
        let (taken, kept) = std::mem::take(top)
            .into_vec()
            .into_iter()
            .partition(|(name, _)| takes(name));
        *top = Vec::into_boxed_slice(kept);
        taken
    }
}

/// Every file and folder under `dir`: what the folders' entries say
/// (name, kind, inode), with no `statx` per file. The folders are read in
/// parallel (an edit rebuild of 1,000 policies lists 460,000 entries of
/// the staging folder, and on a disk most of that time is waiting for
/// folder blocks).
fn list(dir: &Path) -> Result<Listing, WriteError> {
    let found = Mutex::new(Vec::new());
    let failed = Mutex::new(None);
    rayon::scope(|scope| list_folder(scope, dir, String::new(), &found, &failed));
    if let Some(e) = crate::locked(&failed).take() {
        return Err(e);
    }
    let found = found.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok(Listing {
        folders: found.into_iter().collect(),
    })
}

/// A folder's relative path and its entries, sorted by name.
type Folder = (Box<str>, Named);

/// Lists the folder `path` (`rel` in the listing, `""` for the top) into
/// `found`, and each folder in it on `scope`; the first failure goes to
/// `failed`.
fn list_folder<'s>(
    scope: &rayon::Scope<'s>,
    path: &Path,
    rel: String,
    found: &'s Mutex<Vec<Folder>>,
    failed: &'s Mutex<Option<WriteError>>,
) {
    let entries = match fs::read_dir(path) {
        Ok(entries) => entries,
        Err(e) => {
            crate::locked(failed).get_or_insert(io_err(path)(e));
            return;
        }
    };
    let mut listed = Vec::new();
    for entry in entries {
        let (entry, kind) = match entry.and_then(|e| e.file_type().map(|k| (e, k))) {
            Ok(ok) => ok,
            Err(e) => {
                crate::locked(failed).get_or_insert(io_err(path)(e));
                return;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        let e = if kind.is_dir() {
            let child = match rel.is_empty() {
                true => name.clone(),
                false => format!("{rel}/{name}"),
            };
            let folder = entry.path();
            scope.spawn(move |s| list_folder(s, &folder, child, found, failed));
            Entry::Dir
        } else if kind.is_file() {
            Entry::File {
                ino: entry_inode(&entry),
            }
        } else {
            Entry::Other
        };
        listed.push((name.into_boxed_str(), e));
    }
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    crate::locked(found).push((rel.into_boxed_str(), listed.into_boxed_slice()));
}

/// The inode of the file at `path` (`None` where the system has none)
/// if it holds exactly `bytes`: one open, `statx` and read, no read when
/// the length differs. A link is not followed: it holds nothing.
fn holds(path: &Path, bytes: &[u8]) -> Option<Option<u64>> {
    use std::io::Read;
    let mut file = open_no_follow(path).ok()?;
    let meta = file.metadata().ok()?;
    if !meta.is_file() || meta.len() != bytes.len() as u64 {
        return None;
    }
    let mut old = Vec::with_capacity(bytes.len());
    file.read_to_end(&mut old).ok()?;
    (old == bytes).then(|| inode(&meta))
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    let no_follow = rustix::fs::OFlags::NOFOLLOW.bits() as i32;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(no_follow)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> std::io::Result<fs::File> {
    match fs::symlink_metadata(path)?.file_type().is_symlink() {
        true => Err(std::io::ErrorKind::InvalidInput.into()),
        false => fs::File::open(path),
    }
}

#[cfg(unix)]
fn entry_inode(entry: &fs::DirEntry) -> Option<u64> {
    use std::os::unix::fs::DirEntryExt;
    Some(entry.ino())
}

#[cfg(not(unix))]
fn entry_inode(_entry: &fs::DirEntry) -> Option<u64> {
    None
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A file is made in place where the staging folder held nothing when
    /// staging began; what appears there later (here a link to a file
    /// outside) is replaced through a temporary file, never written
    /// through.
    #[cfg(unix)]
    #[test]
    fn a_new_file_is_made_in_place_and_never_written_through_what_appeared_there() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (out, staging) = (
            dir.path().join("public"),
            dir.path().join(".public.previous"),
        );
        let staged = Staging::begin(staging.clone(), &out).expect("begins");
        staged.stage("a/index.html", b"new page").expect("stages");
        assert_eq!(
            fs::read(staging.join("a/index.html")).expect("made"),
            b"new page"
        );

        let outside = dir.path().join("outside.txt");
        fs::write(&outside, "keep").expect("outside");
        staged.stage("b/data.json", b"{}").expect("stages");
        std::os::unix::fs::symlink(&outside, staging.join("b/index.html")).expect("link");
        staged.stage("b/index.html", b"other page").expect("stages");
        let placed = staging.join("b/index.html");
        assert!(fs::symlink_metadata(&placed).expect("placed").is_file());
        assert_eq!(fs::read(&placed).expect("placed"), b"other page");
        assert_eq!(fs::read(&outside).expect("outside"), b"keep");
        let temps = fs::read_dir(&staging)
            .expect("listed")
            .filter(|e| {
                let name = e.as_ref().expect("entry").file_name();
                name.to_string_lossy().starts_with(TEMP_PREFIX)
            })
            .count();
        assert_eq!(temps, 0, "no temporary file left");
    }
}
