//! The search index's runs kept between builds, in
//! `.gazette-cache/search/`: each run's Pagefind files (its fragments,
//! word chunks, filters, metadata and entry; the word chunks unpacked, as
//! every join reads them) under the digest of what
//! that Pagefind was given — the run's language and each of its pages'
//! URL and the digest of its bytes, in order — salted with the running
//! binary's identity, which fixes Pagefind's version and the options it
//! is given. The next
//! build indexes only the runs with a changed, added or removed page and
//! joins the others' files from here ([`super::join`]), so the index is
//! the one a build without the cache makes, byte for byte. Pagefind's
//! scripts, styles and WebAssembly, the same for every run of a
//! language, are kept once per language. Each run's files wait for the
//! join here, on the disk, not in memory (a build without the cache,
//! `--full`, holds them in memory). `serve` keeps its runs so too, in a
//! temporary folder of its own that it removes when it stops: after an
//! edit its index too is made from the changed runs and the others kept.
//!
//! A missing, unreadable or corrupt entry (each holds a digest of its
//! contents) is indexed again, never an error. [`RunCache::prune`]
//! removes the entries this build did not use (runs whose pages changed,
//! another binary's) and anything else in the folder, such as a killed
//! build's temporary files.

use super::{OutputFile, DIR, ENTRY};
use crate::incremental::{binary_identity, Digest, Digester, Entries};
use std::collections::HashMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The folder of the entries inside [`crate::incremental::CACHE_DIR`].
const RUNS_DIR: &str = "search";

/// The first bytes of an entry; a new format changes it.
const MAGIC: &[u8] = b"gazette search run 1\n";

/// The runs of earlier builds' search indexes (see the module doc).
pub struct RunCache {
    /// Off: every run is indexed and nothing kept.
    entries: Entries,
    salt: String,
    reused: AtomicUsize,
    indexed: AtomicUsize,
}

impl RunCache {
    /// No cache: every run is indexed.
    pub fn off() -> RunCache {
        RunCache {
            entries: Entries::off(),
            salt: String::new(),
            reused: AtomicUsize::new(0),
            indexed: AtomicUsize::new(0),
        }
    }

    /// The run cache of the portal at `root` (off when the running binary
    /// cannot be identified).
    pub fn load(root: &Path) -> RunCache {
        match binary_identity() {
            Some(salt) => RunCache {
                entries: Entries::at(root, RUNS_DIR, MAGIC),
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

    /// Whether runs are kept and taken (else every run is indexed).
    pub(super) fn is_on(&self) -> bool {
        self.entries.is_on()
    }

    /// The entry name of a run of `lang` whose pages are `pages` (each
    /// page's URL and the digest of its bytes, in order); `None` when the
    /// cache is off.
    pub(super) fn key<'a>(
        &self,
        lang: &str,
        pages: impl IntoIterator<Item = (&'a str, Digest)>,
    ) -> Option<String> {
        self.entries.is_on().then_some(())?;
        let mut h = Digester::default();
        h.write(self.salt.as_bytes());
        h.write(lang.as_bytes());
        for (url, digest) in pages {
            h.write(url.as_bytes());
            h.write(digest.hex().as_bytes());
        }
        Some(h.finish().hex())
    }

    /// The entry name of `lang`'s scripts, styles and WebAssembly.
    fn common_key(&self, lang: &str) -> Option<String> {
        self.key(lang, []).map(|key| format!("common-{key}"))
    }

    /// Whether an earlier build kept the run `key` whole (its entry read
    /// and checked, then dropped: [`RunCache::kept`] reads it when joined).
    pub(super) fn run(&self, key: &str) -> bool {
        let whole = self.read(key).is_some();
        if whole {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        whole
    }

    /// The files of the run kept as `key` (by [`RunCache::keep`], or found
    /// by [`RunCache::run`]), read again.
    pub(super) fn kept(&self, key: &str) -> Option<Vec<OutputFile>> {
        self.read(key)
    }

    /// `lang`'s scripts, styles and WebAssembly, if kept.
    pub(super) fn common(&self, lang: &str) -> Option<Vec<OutputFile>> {
        self.read(&self.common_key(lang)?)
    }

    /// Keeps the files of a run of `lang` just indexed as `key`: the
    /// index's own under `key`, the rest as `lang`'s common files (best
    /// effort: without an entry the next build indexes the run again).
    /// True when the run's entry was written.
    pub(super) fn keep(&self, key: &str, lang: &str, files: &[OutputFile]) -> bool {
        self.indexed.fetch_add(1, Ordering::Relaxed);
        let (own, common): (Vec<&OutputFile>, Vec<&OutputFile>) =
            files.iter().partition(|f| of_run(&f.path));
        // Word chunks are kept unpacked: the join reads them after every
        // edit (fragments, copied to the index as they are, stay packed).
        let chunks = format!("{DIR}/index/");
        let unpacked: Vec<Option<OutputFile>> = (own.iter())
            .map(|f| {
                if !f.path.starts_with(&chunks) {
                    return None;
                }
                Some(OutputFile {
                    path: f.path.clone(),
                    bytes: super::join::unpacked(&f.bytes)?,
                    page: None,
                })
            })
            .collect();
        let own: Vec<&OutputFile> = (own.iter().zip(&unpacked))
            .map(|(f, unpacked)| unpacked.as_ref().unwrap_or(f))
            .collect();
        let written = self.write(key, &own);
        if let Some(name) = self.common_key(lang) {
            if !self.entries.is_used(&name) {
                self.write(&name, &common);
            }
        }
        written
    }

    /// What the last join of `lang` compressed: the full hash of each word
    /// chunk's CBOR, and the digest of the bytes it wrote for it (empty
    /// when unknown).
    pub(super) fn joined(&self, lang: &str) -> HashMap<String, Digest> {
        let Some(name) = self.joined_key(lang) else {
            return HashMap::new();
        };
        let pairs: Vec<(String, String)> = self.entries.read(&name).unwrap_or_default();
        pairs
            .into_iter()
            .filter_map(|(full, digest)| Some((full, Digest::from_hex(&digest)?)))
            .collect()
    }

    /// Keeps what this join of `lang` compressed ([`RunCache::joined`]).
    pub(super) fn keep_joined(&self, lang: &str, chunks: &[(String, Digest)]) {
        if let Some(name) = self.joined_key(lang) {
            let pairs: Vec<(&String, String)> = chunks.iter().map(|(f, d)| (f, d.hex())).collect();
            self.entries.write(&name, &pairs);
        }
    }

    /// The entry name of what the last join of `lang` compressed.
    fn joined_key(&self, lang: &str) -> Option<String> {
        self.key(lang, []).map(|key| format!("joined-{key}"))
    }

    /// Notes that a run was indexed without a key (the cache is off).
    pub(super) fn indexed(&self) {
        self.indexed.fetch_add(1, Ordering::Relaxed);
    }

    /// The files of the entry `name`; `None` when it is missing or not
    /// whole.
    fn read(&self, name: &str) -> Option<Vec<OutputFile>> {
        let files: Vec<(String, Vec<u8>)> = self.entries.read(name)?;
        Some(super::join::into_files(files))
    }

    /// Keeps `files` as the entry `name`, replacing any in one step: true
    /// when written.
    fn write(&self, name: &str, files: &[&OutputFile]) -> bool {
        let pairs: Vec<(&String, &Vec<u8>)> = files.iter().map(|f| (&f.path, &f.bytes)).collect();
        self.entries.write(name, &pairs)
    }

    /// Removes every file of the folder this build did not use: best
    /// effort.
    pub fn prune(&self) {
        self.entries.prune();
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
