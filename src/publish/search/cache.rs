//! The search index's runs kept between builds, in
//! `.gazette-cache/search/`: each run's Pagefind files (its fragments,
//! word chunks, filters, metadata and entry) under the digest of what
//! that Pagefind was given — the run's language and each of its pages'
//! URL and bytes, in order — salted with the running binary's identity,
//! which fixes Pagefind's version and the options it is given. The next
//! build indexes only the runs with a changed, added or removed page and
//! joins the others' files from here ([`super::join`]), so the index is
//! the one a build without the cache makes, byte for byte. Pagefind's
//! scripts, styles and WebAssembly, the same for every run of a
//! language, are kept once per language.
//!
//! A missing, unreadable or corrupt entry (each holds a digest of its
//! contents) is indexed again, never an error. [`RunCache::prune`]
//! removes the entries this build did not use (runs whose pages changed,
//! another binary's) and anything else in the folder, such as a killed
//! build's temporary files.

use super::{OutputFile, DIR, ENTRY};
use crate::incremental::{binary_identity, Digest, Digester, CACHE_DIR};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// The folder of the entries inside [`CACHE_DIR`].
const RUNS_DIR: &str = "search";

/// The first bytes of an entry; a new format changes it.
const MAGIC: &[u8] = b"gazette search run 1\n";

/// The runs of earlier builds' search indexes (see the module doc).
pub struct RunCache {
    /// `None`: off, every run is indexed and nothing kept.
    dir: Option<PathBuf>,
    salt: String,
    /// The entries this build used or wrote: kept by [`RunCache::prune`].
    used: Mutex<HashSet<String>>,
    reused: AtomicUsize,
    indexed: AtomicUsize,
}

impl RunCache {
    /// No cache: every run is indexed.
    pub fn off() -> RunCache {
        RunCache {
            dir: None,
            salt: String::new(),
            used: Mutex::new(HashSet::new()),
            reused: AtomicUsize::new(0),
            indexed: AtomicUsize::new(0),
        }
    }

    /// The run cache of the portal at `root` (off when the running binary
    /// cannot be identified).
    pub fn load(root: &Path) -> RunCache {
        match binary_identity() {
            Some(salt) => RunCache {
                dir: Some(root.join(CACHE_DIR).join(RUNS_DIR)),
                salt: salt.hex(),
                ..RunCache::off()
            },
            None => RunCache::off(),
        }
    }

    /// How many runs were taken from earlier builds, and how many indexed.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.reused.load(Ordering::Relaxed),
            self.indexed.load(Ordering::Relaxed),
        )
    }

    /// The entry name of a run of `lang` whose pages are `pages` (each
    /// page's URL and bytes, in order); `None` when the cache is off.
    pub(super) fn key<'a>(
        &self,
        lang: &str,
        pages: impl IntoIterator<Item = (&'a str, &'a [u8])>,
    ) -> Option<String> {
        self.dir.as_ref()?;
        let mut h = Digester::default();
        h.write(self.salt.as_bytes());
        h.write(lang.as_bytes());
        for (url, bytes) in pages {
            h.write(url.as_bytes());
            h.write(bytes);
        }
        Some(h.finish().hex())
    }

    /// The entry name of `lang`'s scripts, styles and WebAssembly.
    fn common_key(&self, lang: &str) -> Option<String> {
        self.key(lang, []).map(|key| format!("common-{key}"))
    }

    /// The files of the run kept as `key`, if an earlier build kept them
    /// whole.
    pub(super) fn run(&self, key: &str) -> Option<Vec<OutputFile>> {
        let files = self.read(key)?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        Some(files)
    }

    /// `lang`'s scripts, styles and WebAssembly, if kept.
    pub(super) fn common(&self, lang: &str) -> Option<Vec<OutputFile>> {
        self.read(&self.common_key(lang)?)
    }

    /// Keeps the files of a run of `lang` just indexed as `key`: the
    /// index's own under `key`, the rest as `lang`'s common files (best
    /// effort: without an entry the next build indexes the run again).
    pub(super) fn keep(&self, key: &str, lang: &str, files: &[OutputFile]) {
        self.indexed.fetch_add(1, Ordering::Relaxed);
        let (own, common): (Vec<&OutputFile>, Vec<&OutputFile>) =
            files.iter().partition(|f| of_run(&f.path));
        self.write(key, &own);
        if let Some(name) = self.common_key(lang) {
            if !self.is_used(&name) {
                self.write(&name, &common);
            }
        }
    }

    /// Notes that a run was indexed without a key (the cache is off).
    pub(super) fn indexed(&self) {
        self.indexed.fetch_add(1, Ordering::Relaxed);
    }

    fn is_used(&self, name: &str) -> bool {
        self.used.lock().map(|u| u.contains(name)).unwrap_or(true)
    }

    fn mark(&self, name: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(name.to_owned());
        }
    }

    /// The files of the entry `name`; `None` when it is missing or not
    /// whole.
    fn read(&self, name: &str) -> Option<Vec<OutputFile>> {
        let bytes = std::fs::read(self.dir.as_ref()?.join(name)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        let (digest, payload) = (rest.get(..32)?, rest.get(32..)?);
        if digest != Digest::of(payload).hex().as_bytes() {
            return None;
        }
        let files: Vec<(String, Vec<u8>)> = borsh::from_slice(payload).ok()?;
        self.mark(name);
        Some(
            files
                .into_iter()
                .map(|(path, bytes)| OutputFile {
                    path,
                    bytes,
                    page: None,
                })
                .collect(),
        )
    }

    /// Keeps `files` as the entry `name`, replacing any in one step.
    fn write(&self, name: &str, files: &[&OutputFile]) {
        let Some(dir) = &self.dir else { return };
        self.mark(name);
        let pairs: Vec<(&String, &Vec<u8>)> = files.iter().map(|f| (&f.path, &f.bytes)).collect();
        let Ok(payload) = borsh::to_vec(&pairs) else {
            return;
        };
        let mut bytes = MAGIC.to_vec();
        bytes.extend_from_slice(Digest::of(&payload).hex().as_bytes());
        bytes.extend_from_slice(&payload);
        let temp = dir.join(format!("{name}.{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&temp, bytes))
            .and_then(|()| std::fs::rename(&temp, dir.join(name)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
    }

    /// Removes every file of the folder this build did not use: best
    /// effort.
    pub fn prune(&self) {
        let (Some(dir), Ok(used)) = (&self.dir, self.used.lock()) else {
            return;
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            if !used.contains(&*entry.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// Whether a file Pagefind wrote belongs to its run's index (and not to
/// the scripts every run writes alike).
fn of_run(path: &str) -> bool {
    path == ENTRY
        || path.ends_with(".pf_meta")
        || ["fragment/", "index/", "filter/"]
            .iter()
            .any(|dir| path.starts_with(&format!("{DIR}/{dir}")))
}
