//! Incremental builds: what one build remembers so the next renders only
//! the pages whose inputs changed. This module owns that memory (the page
//! cache) and its folder, `.gazette-cache/pages/` beside `seeds/` and
//! `content/` (never in the output, never committed: `gazette init`'s
//! `.gitignore` lists it), where the records are kept in chunks of about
//! [`CHUNK_EVERY`] pages in path order, so a build reads them all but
//! writes only the chunks whose records changed.
//!
//! A page's inputs are recorded as values, not as file names: everything a
//! template can see of a page is the theme (templates, strings, assets) and
//! the values the page's builder hands it (its chrome and its view, which
//! hold all it shows of seeds, translations, the registry, the glossary,
//! `site.yaml` and, for an index, its listed items' summaries). A page's
//! record is the digest of those values ([`Key`]: the theme's fingerprint,
//! the template's name and the inputs as JSON, salted with the running
//! binary's identity), the digest and length of the bytes they rendered
//! to, the file they were published as ([`Stamp`]: inode and modification
//! time) and what render knew of the page ([`crate::render::Page`]: its
//! URL, alternates, links and ids). When the next build makes the same
//! key for the same path, and the published file still has the recorded
//! length and stamp, render takes the page from the record instead of
//! running the template: the file is neither read nor scanned for links,
//! and the staging folder shares it with a hard link
//! ([`crate::render::Sink::take_unchanged`]). `serve`, whose last build is
//! in memory, checks the bytes' digest instead.
//!
//! What it guarantees: a build that reuses pages writes exactly the bytes
//! a build without the cache writes. Reuse needs the same inputs (same
//! key) and the same file on hand (same length and stamp; a build never
//! writes into a published file, it writes a new one and renames it), so
//! a stale, foreign or hand-edited output folder only costs a render. A
//! missing, unreadable or corrupt chunk, or one made by another binary,
//! holds no record: its pages are rendered, never an error. The chunks
//! are written only after the site was published, and only record pages
//! of that site.
//!
//! It also owns the parse cache ([`ParseCache`], `.gazette-cache/parsed/`):
//! each seed's parse, kept under the digest of everything the parser reads
//! (the seed's and its annex's bytes, names and formats, the annex sheet,
//! the registry's unit names) salted with the running binary's identity,
//! so an unchanged seed is read back instead of converted and parsed. A
//! missing or corrupt entry is parsed again, never an error.
//!
//! Its [`Entries`] are the folders of cache entries the parse cache and
//! the search index's run cache ([`crate::publish::search::RunCache`])
//! keep theirs in; [`Remembered`] is what a process that builds more than
//! once (`serve`) keeps in memory only: values by the digest of their
//! inputs (each policy's doubts, the review pages).
//!
//! Pages that list policies are keyed the same way by the digests of the
//! policies they list ([`Units::listing`]): a department page by the
//! policies of its duties and of the conflicts naming it, a page of the
//! target index by its targets' policies; the debug check covers them too.
//!
//! What it does not do (yet): the few pages that list every policy (home,
//! the department index) are built and digested on every build, and so
//! is a listing page whose policy changed even if what it shows of it did
//! not (a department page shows a policy's duties, not all its text);
//! seeds are linked every time; the page cache is read whole (its chunks
//! in parallel). Open data and the sitemap are kept by publish, by the same
//! policy digests ([`crate::publish::reuse`]); feeds, redirects and the
//! link check are made whole (`serve` checks the links of changed pages
//! only, [`crate::publish::links::check_since`]).

use crate::link::{PolicyIx, Portal};
use crate::model::{Lang, Policy};
use crate::render::{Built, Link, Page, PageKind};
use crate::seeds::Seed;
use borsh::{BorshDeserialize, BorshSerialize};
use rayon::prelude::*;
use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::{HashMap, HashSet};
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The cache folder, relative to the portal root.
pub const CACHE_DIR: &str = ".gazette-cache";

/// The page cache's folder inside [`CACHE_DIR`]: the records in chunks
/// ([`Entries`]), so that an edit reads them all but writes only the
/// chunks whose records changed.
const PAGES_DIR: &str = "pages";

/// A chunk of the page cache starts at each path (in path order) whose
/// digest is a multiple of this: about this many pages a chunk, and the
/// bounds depend on the paths alone, so one page added or removed
/// changes one chunk, not those after it. A policy's pages sit together
/// in path order (its page, its breakdown, its targets' pages and cards,
/// in each language), so an edit of one policy rewrites a few chunks.
const CHUNK_EVERY: u64 = 256;

/// A 128-bit digest (SipHash 1-3). Not cryptographic: it guards against
/// chance, and whoever can edit the cache can edit the output too.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Digest(u128);

impl Digest {
    /// The digest of `bytes`.
    pub fn of(bytes: &[u8]) -> Digest {
        let mut h = Digester::default();
        h.0.write(bytes);
        h.finish()
    }

    /// Its 32 hex digits (a cache entry's file name).
    pub fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    /// The digest whose [`Digest::hex`] is `hex`, if it is one.
    pub fn from_hex(hex: &str) -> Option<Digest> {
        (hex.len() == 32)
            .then(|| u128::from_str_radix(hex, 16).ok())
            .flatten()
            .map(Digest)
    }

    /// Whether it is a multiple of `n`: a choice that the same bytes always
    /// make alike (where the search index's runs start).
    pub fn is_multiple_of(self, n: u64) -> bool {
        self.0.is_multiple_of(u128::from(n))
    }
}

/// Feeds bytes (or a value's JSON, as an [`std::io::Write`]) to a digest.
#[derive(Default)]
pub struct Digester(SipHasher13);

impl Digester {
    pub fn write(&mut self, bytes: &[u8]) {
        // Length first, so that ("ab", "c") and ("a", "bc") differ.
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
    }

    pub fn finish(&self) -> Digest {
        Digest(self.0.finish128().into())
    }
}

impl std::io::Write for Digester {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What a process that builds more than once (`serve`) made in its last
/// build, by the digest of everything each value was made from: the next
/// build asks for each value once ([`Remembered::get_or_make`]) and makes
/// only those whose inputs changed; what it did not ask for is dropped
/// ([`Remembered::prune`]). Cloning shares it; the default remembers
/// nothing yet.
#[derive(Debug)]
pub struct Remembered<V>(Arc<Mutex<RememberedMaps<V>>>);

#[derive(Debug)]
struct RememberedMaps<V> {
    last: HashMap<Digest, Arc<V>>,
    now: HashMap<Digest, Arc<V>>,
}

impl<V> Default for Remembered<V> {
    fn default() -> Self {
        Remembered(Arc::new(Mutex::new(RememberedMaps {
            last: HashMap::new(),
            now: HashMap::new(),
        })))
    }
}

impl<V> Clone for Remembered<V> {
    fn clone(&self) -> Self {
        Remembered(Arc::clone(&self.0))
    }
}

impl<V> Remembered<V> {
    /// The value made from inputs whose digest is `key`: remembered, or
    /// made and remembered. Without a key (inputs that could not be
    /// digested) it is made and not remembered; nor is a failure.
    pub fn get_or_make<E>(
        &self,
        key: Option<Digest>,
        make: impl FnOnce() -> Result<V, E>,
    ) -> Result<Arc<V>, E> {
        let Some(key) = key else {
            return make().map(Arc::new);
        };
        let known = {
            let mut maps = self.maps();
            let known = maps.last.get(&key).or_else(|| maps.now.get(&key)).cloned();
            if let Some(v) = &known {
                maps.now.insert(key, Arc::clone(v));
            }
            known
        };
        if let Some(v) = known {
            return Ok(v);
        }
        // Made outside the lock: other threads ask for other values.
        let made = Arc::new(make()?);
        self.maps().now.insert(key, Arc::clone(&made));
        Ok(made)
    }

    /// Forgets what this build did not ask for: the next build remembers
    /// this one's values only.
    pub fn prune(&self) {
        let mut maps = self.maps();
        maps.last = std::mem::take(&mut maps.now);
    }

    fn maps(&self) -> std::sync::MutexGuard<'_, RememberedMaps<V>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a page was rendered from: see the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(Digest);

/// A published file as the file system knows it: inode and modification
/// time. A file with the recorded length and stamp is taken to hold the
/// bytes it was published with, as `make` takes a file by its time: a
/// build never writes into a published file (it writes a new file and
/// renames it), so only a hand edit that restores the length, the inode
/// and the time could fool it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, BorshSerialize, BorshDeserialize)]
pub struct Stamp {
    ino: u64,
    modified: u128,
}

impl Stamp {
    /// The stamp of the file `meta` describes; `None` when the system
    /// gives no inode number or time.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        Some(Stamp {
            ino: inode(meta)?,
            modified,
        })
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.ino())
}

/// Without inode numbers a file's stamp is unknown: pages are read back
/// by their bytes only in memory (`serve`), and rendered otherwise.
#[cfg(not(unix))]
fn inode(_meta: &std::fs::Metadata) -> Option<u64> {
    None
}

/// One page of the last build: its inputs and its bytes, as digests, the
/// file it was published as, and what render knew of it (its links and
/// ids among them), so a page reused is neither read nor scanned.
#[derive(Debug, Clone)]
struct Record {
    key: Key,
    /// The digest of its policy's inputs ([`PageCache::unit_key`]), for a
    /// page of one policy.
    unit: Option<Key>,
    bytes: Digest,
    len: usize,
    /// The published file's; `None` until it is published.
    stamp: Option<Stamp>,
    page: Arc<Page>,
    /// The cache chunk it was read from, while it is as it was read
    /// ([`PageCache::save`] rewrites only chunks with another record).
    chunk: Option<u32>,
}

/// Where the last build's bytes are: its output folder (`build`) or its
/// files in memory (`serve`).
enum Previous {
    None,
    Dir(PathBuf),
    Memory(HeldFiles),
}

/// A map keyed by a file's path in the output. Paths are the build's own,
/// not a stranger's input, so it hashes with FxHash, several times faster
/// than std's SipHash on paths; a rebuild looks up every page of the site
/// in several of these.
pub type PathMap<V> = HashMap<String, V, rustc_hash::FxBuildHasher>;

/// A build's files held in memory by path (`serve`'s last good build),
/// shared with the next build and the server without copying the map.
pub type HeldFiles = Arc<PathMap<Arc<Vec<u8>>>>;

/// A page taken from the last build: what render knew of it, and its
/// bytes.
pub struct Reused {
    pub page: Arc<Page>,
    pub len: usize,
    pub bytes: ReusedBytes,
}

/// Where a reused page's bytes are.
pub enum ReusedBytes {
    /// In memory (`serve`'s last build), shared, not copied.
    Held(Arc<Vec<u8>>),
    /// In this file of the last build's output if it is still the file
    /// published, as its length ([`Reused::len`]) and `stamp` tell: the
    /// [`crate::render::Sink`] checks that on the file and shares it
    /// without reading it, or gives the page back to be rendered
    /// ([`crate::render::Sink::take_unchanged`]).
    Live { file: PathBuf, stamp: Stamp },
}

/// The last build's page records and where its bytes are, for one render;
/// collects this render's records for the next.
pub struct PageCache {
    /// Salts every key: the binary that renders (a new one may render the
    /// same values differently).
    salt: Digest,
    last: Arc<PathMap<Record>>,
    previous: Previous,
    /// The digest of the portal's `content/` as the build began; `None`
    /// when unknown (then no page is taken by its policy's digest).
    content: Option<Digest>,
    now: Mutex<PathMap<Record>>,
    reused: AtomicUsize,
    /// The chunks the records were read from: name and number of records.
    chunks: Vec<(String, usize)>,
    /// Publish's records, when the last build is held in memory.
    published: Option<HeldEntries>,
}

impl PageCache {
    /// No cache: every page is rendered (and nothing is recorded worth
    /// keeping).
    pub fn off() -> PageCache {
        PageCache::new(Digest(0), Arc::default(), Previous::None)
    }

    /// The cache of the portal at `root`, reusing the files of the output
    /// folder `out`. Empty when the file is missing, unreadable, corrupt or
    /// was written by another binary.
    pub fn load(root: &Path, out: &Path) -> PageCache {
        let Some(salt) = binary_identity() else {
            return PageCache::off();
        };
        let entries = Entries::at(root, PAGES_DIR, PAGES_MAGIC);
        let mut names: Vec<String> = std::fs::read_dir(root.join(CACHE_DIR).join(PAGES_DIR))
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|name| !name.contains('.'))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        // Read and decoded in parallel; a chunk missing, corrupt or of
        // another binary is left out (its pages are rendered).
        let read: Vec<Option<Vec<(String, Record)>>> = names
            .par_iter()
            .enumerate()
            .map(|(c, name)| {
                // The salt is the encoding's first field (borsh: little-endian).
                let file = entries.read_starting::<CacheFile>(name, &salt.0.to_le_bytes())?;
                decode(file, salt, c as u32)
            })
            .collect();
        let mut chunks = Vec::new();
        let mut last = PathMap::default();
        for (name, records) in names.into_iter().zip(read) {
            let records = records.unwrap_or_default();
            chunks.push((name, records.len()));
            last.extend(records);
        }
        let mut cache = PageCache::new(salt, Arc::new(last), Previous::Dir(out.to_owned()));
        cache.chunks = chunks;
        cache.content = content_digest(root);
        cache
    }

    /// A cache over files held in memory (`serve`'s last build of the
    /// portal at `root`), with the records [`PageCache::into_records`]
    /// gave after it. Its policies' digests are taken as a build's are
    /// ([`PageCache::policy_units`]), so the pages of unchanged policies
    /// are taken without building their views.
    /// Publish's records of its files are kept in `published`
    /// ([`crate::publish::reuse`]).
    pub fn in_memory(
        root: &Path,
        records: Records,
        files: HeldFiles,
        published: &HeldEntries,
    ) -> PageCache {
        let salt = binary_identity().unwrap_or(Digest(0));
        let last = match records.salt == salt {
            true => records.pages,
            false => Arc::default(),
        };
        let mut cache = PageCache::new(salt, last, Previous::Memory(files));
        cache.content = content_digest(root);
        cache.published = Some(published.clone());
        cache
    }

    /// Where publish keeps the records of its files for the next build
    /// ([`crate::publish::reuse`]): the folder `folder` of the cache of
    /// the portal at `root` (their entries in the format `magic` names)
    /// when the last build's files are in an output folder, memory when
    /// they are held in memory; `None` when nothing is taken from the
    /// last build.
    pub(crate) fn published_entries(
        &self,
        root: &Path,
        folder: &str,
        magic: &'static [u8],
    ) -> Option<Entries> {
        match (&self.previous, &self.published) {
            (Previous::Dir(_), _) => Some(Entries::at(root, folder, magic)),
            (Previous::Memory(_), Some(held)) => Some(Entries::held(held)),
            _ => None,
        }
    }

    /// Hands the last build's file that `file` describes to `sink` when
    /// it is still the one recorded (`file.len` bytes long and, in an
    /// output folder, stamped `stamp`): `None` when taken, else the file
    /// given back, to be made.
    pub fn share_kept<S: crate::render::Sink + ?Sized>(
        &self,
        sink: &S,
        file: Built,
        stamp: Option<Stamp>,
    ) -> Option<Built> {
        match (&self.previous, stamp) {
            (Previous::Dir(dir), Some(stamp)) => {
                let from = dir.join(&file.path);
                sink.take_unchanged(file, &from, stamp)
            }
            (Previous::Memory(files), _) => match files.get(&file.path) {
                Some(bytes) if bytes.len() == file.len => {
                    sink.take_shared(file.path, bytes, file.page);
                    None
                }
                _ => Some(file),
            },
            _ => Some(file),
        }
    }

    fn new(salt: Digest, last: Arc<PathMap<Record>>, previous: Previous) -> PageCache {
        PageCache {
            salt,
            // About as many pages as the last build's.
            now: Mutex::new(PathMap::with_capacity_and_hasher(
                last.len(),
                Default::default(),
            )),
            last,
            previous,
            content: None,
            reused: AtomicUsize::new(0),
            chunks: Vec::new(),
            published: None,
        }
    }

    fn enabled(&self) -> bool {
        !matches!(self.previous, Previous::None)
    }

    /// The key of a page rendered from `template` of a theme whose
    /// fingerprint is `theme`, with `inputs` (everything the page's
    /// builder puts in the template context). `None` when the cache is
    /// off or the inputs cannot be written as JSON.
    pub fn key(&self, theme: Digest, template: &str, inputs: &impl Serialize) -> Option<Key> {
        if !self.enabled() {
            return None;
        }
        let mut h = Digester::default();
        h.write(&self.salt.0.to_le_bytes());
        h.write(&theme.0.to_le_bytes());
        h.write(template.as_bytes());
        serde_json::to_writer(&mut h, inputs).ok()?;
        Some(Key(h.finish()))
    }

    /// The last build's page at `path` if it was rendered from the same
    /// inputs and its bytes are still those rendered: in memory, checked
    /// by their digest; in the output folder, by the file's length and
    /// [`Stamp`], without reading it. `unit` is the page's policy digest,
    /// recorded for the next build.
    pub fn reuse(&self, path: &str, key: Key, unit: Option<Key>) -> Option<Reused> {
        let record = self.last.get(path)?;
        check_unit(path, record, key, unit);
        if record.key != key {
            return None;
        }
        self.take(path, record, unit)
    }

    /// The last build's page at `path` if its policy's inputs are what
    /// they were (`unit`, [`PageCache::unit_key`]) and its bytes are still
    /// those rendered: taken without building its view. Never in a debug
    /// build, which builds the view and checks that the same unit gives
    /// the same key instead ([`PageCache::reuse`]), so the tests prove
    /// the unit digest misses no input.
    pub fn reuse_unit(&self, path: &str, unit: Option<Key>) -> Option<Reused> {
        if cfg!(debug_assertions) {
            return None;
        }
        let record = self.last.get(path)?;
        if unit.is_none() || record.unit != unit {
            return None;
        }
        self.take(path, record, unit)
    }

    fn take(&self, path: &str, record: &Record, unit: Option<Key>) -> Option<Reused> {
        let bytes = match &self.previous {
            Previous::None => return None,
            // Not looked at here: the sink checks the file's length and
            // stamp where it takes it (the staging folder with one
            // `statx`, against the file it links).
            Previous::Dir(dir) => ReusedBytes::Live {
                file: dir.join(path),
                stamp: record.stamp?,
            },
            // The files and the records are of the same build (serve
            // keeps both of its last good one), so a length check suffices.
            Previous::Memory(files) => {
                let bytes = files.get(path)?;
                if bytes.len() != record.len {
                    return None;
                }
                ReusedBytes::Held(Arc::clone(bytes))
            }
        };
        self.reused.fetch_add(1, Ordering::Relaxed);
        // Kept as it was read unless its policy digest changed.
        let chunk = record.chunk.filter(|_| record.unit == unit);
        self.remember(
            path,
            Record {
                unit,
                chunk,
                ..record.clone()
            },
        );
        Some(Reused {
            page: Arc::clone(&record.page),
            len: record.len,
            bytes,
        })
    }

    /// The digest of policy `pi`'s inputs: all it is made of but what its
    /// pages' own builders add ([`PageCache::unit_key`]). `None` when the
    /// cache cannot tell (off, in memory).
    pub fn policy_units(&self, portal: &Portal, theme: Digest) -> Units {
        let Some(content) = self.content else {
            return Units {
                shared: None,
                policies: vec![None; portal.policies.len()],
            };
        };
        let shared = shared_digest(portal, content, self.salt, theme);
        let policies = portal
            .policies
            .par_iter()
            .map(|p| {
                let mut h = Digester::default();
                h.write(&shared.0.to_le_bytes());
                borsh::to_writer(&mut h, &p.policy).ok()?;
                Some(h.finish())
            })
            .collect();
        Units {
            shared: Some(shared),
            policies,
        }
    }

    /// The key of a page of one policy from `template`, whose policy
    /// digest is `unit` ([`PageCache::policy_units`]), with `extra`: what
    /// its builder takes from outside the policy (a target's neighbours).
    pub fn unit_key(
        &self,
        unit: Option<Digest>,
        template: &str,
        lang: Lang,
        extra: &impl Serialize,
    ) -> Option<Key> {
        let mut h = Digester::default();
        h.write(&unit?.0.to_le_bytes());
        h.write(template.as_bytes());
        h.write(lang.code().as_bytes());
        serde_json::to_writer(&mut h, extra).ok()?;
        Some(Key(h.finish()))
    }

    /// Notes that the page at `path` rendered from `key` is `html`, and
    /// what render knows of it is `page` (shared, not copied).
    pub fn record(&self, path: &str, key: Key, unit: Option<Key>, html: &str, page: &Arc<Page>) {
        if !self.enabled() {
            return;
        }
        let record = Record {
            key,
            unit,
            bytes: Digest::of(html.as_bytes()),
            len: html.len(),
            stamp: None,
            page: Arc::clone(page),
            chunk: None,
        };
        self.remember(path, record);
    }

    fn remember(&self, path: &str, record: Record) {
        if let Ok(mut now) = self.now.lock() {
            now.insert(path.to_owned(), record);
        }
    }

    /// The length and digest of the bytes this build made for the page at
    /// `path` (rendered, or taken from the last build): `None` when it
    /// recorded none there (the cache is off, or the page's inputs could
    /// not be keyed). The search index keys its runs by these instead of
    /// reading every page back ([`crate::publish::search::index_stored`]).
    pub fn digest(&self, path: &str) -> Option<(usize, Digest)> {
        let now = self.now.lock().ok()?;
        now.get(path).map(|r| (r.len, r.bytes))
    }

    /// How many pages this render took from the last build.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// Uncounts a page [`PageCache::reuse`] handed back that the output
    /// did not take after all (its file was not the one recorded): it is
    /// rendered instead, and may be offered again under its full key.
    pub fn not_reused(&self) {
        self.reused.fetch_sub(1, Ordering::Relaxed);
    }

    /// This render's records, for the next (`serve` keeps them in memory).
    pub fn into_records(self) -> Records {
        Records {
            salt: self.salt,
            pages: Arc::new(self.now.into_inner().unwrap_or_default()),
        }
    }

    /// Writes this render's records as the portal's cache: the chunks
    /// whose records are not all as they were read, each replacing its
    /// file in one step, then removes the chunks no record is in any
    /// more. Call it once the site they describe is published in the
    /// output folder the cache was loaded with: the pages rendered anew
    /// are stamped there ([`Stamp`]; a reused page kept its file).
    pub fn save(mut self, root: &Path) -> std::io::Result<()> {
        let Previous::Dir(out) = &self.previous else {
            return Ok(());
        };
        let out = out.clone();
        let chunks = std::mem::take(&mut self.chunks);
        let salt = self.salt;
        let now = self.now.into_inner().unwrap_or_default();
        let mut pages: Vec<(String, Record)> = now.into_iter().collect();
        pages.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let starts: Vec<usize> = (0..pages.len())
            .into_par_iter()
            .filter(|&i| i == 0 || Digest::of(pages[i].0.as_bytes()).is_multiple_of(CHUNK_EVERY))
            .collect();
        let dir = root.join(CACHE_DIR).join(PAGES_DIR);
        // The one file of an older format, where the folder goes.
        if dir.is_file() {
            std::fs::remove_file(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let entries = Entries::at(root, PAGES_DIR, PAGES_MAGIC);
        let bounds: Vec<(usize, usize)> = (starts.iter().copied())
            .zip(starts.iter().skip(1).copied().chain([pages.len()]))
            .collect();
        let mut slices: Vec<&mut [(String, Record)]> = Vec::with_capacity(bounds.len());
        let mut rest = pages.as_mut_slice();
        for &(start, end) in bounds.iter().rev() {
            let (head, tail) = rest.split_at_mut(start);
            slices.push(tail);
            rest = head;
            debug_assert_eq!(slices.last().map(|s| s.len()), Some(end - start));
        }
        slices.par_iter_mut().for_each(|chunk| {
            let name = Digest::of(chunk[0].0.as_bytes()).hex();
            if unchanged(chunk, &chunks, &name) {
                entries.mark(&name);
                return;
            }
            for (path, r) in chunk.iter_mut() {
                if r.stamp.is_none() {
                    r.stamp = std::fs::symlink_metadata(out.join(path.as_str()))
                        .ok()
                        .filter(|m| m.len() == r.len as u64)
                        .and_then(|m| Stamp::of(&m));
                }
            }
            entries.write(&name, &encode(salt, chunk));
        });
        entries.prune();
        Ok(())
    }
}

/// Whether the chunk `records` (named `name`) is the one read as `name`,
/// every record as it was read.
fn unchanged(records: &[(String, Record)], read: &[(String, usize)], name: &str) -> bool {
    let Some(Some(c)) = records.first().map(|(_, r)| r.chunk) else {
        return false;
    };
    read.get(c as usize)
        .is_some_and(|(n, count)| n == name && *count == records.len())
        && records.iter().all(|(_, r)| r.chunk == Some(c))
}

/// The digests of a render's inputs ([`PageCache::policy_units`]): what
/// every page may show of the whole portal (`shared`), and each policy's
/// own with it; `None` when the cache cannot tell (off, in memory).
#[derive(Default)]
pub struct Units {
    pub shared: Option<Digest>,
    pub policies: Vec<Option<Digest>>,
}

impl Units {
    /// The digest, for [`PageCache::unit_key`], of a page that lists the
    /// policies `listed`: what every page may show of the portal and all
    /// that is in each listed policy. A page whose list is made from the
    /// portal (a department's duties) puts what it took of that in the
    /// key's `extra`.
    pub fn listing(&self, listed: impl IntoIterator<Item = PolicyIx>) -> Option<Digest> {
        let mut h = Digester::default();
        h.write(&self.shared?.0.to_le_bytes());
        for pi in listed {
            h.write(&(pi.0 as u64).to_le_bytes());
            h.write(&self.policies.get(pi.0).copied().flatten()?.0.to_le_bytes());
        }
        Some(h.finish())
    }
}

/// A render's page records, kept in memory by `serve` for its next
/// (shared with it, not copied).
#[derive(Debug, Default, Clone)]
pub struct Records {
    salt: Digest,
    pages: Arc<PathMap<Record>>,
}

/// A chunk of the page cache, an entry of [`Entries`] in [`PAGES_DIR`].
/// A page's links and ids are numbers into `strings` (pages repeat their
/// navigation and cross-links: at 1,000 policies 5.2 million links of
/// 475,000 distinct ones).
#[derive(BorshSerialize, BorshDeserialize)]
struct CacheFile {
    salt: u128,
    strings: Vec<String>,
    pages: Vec<FileRecord>,
}

/// A [`Record`] in the cache file.
#[derive(BorshSerialize, BorshDeserialize)]
struct FileRecord {
    path: String,
    key: u128,
    unit: Option<u128>,
    bytes: u128,
    len: u64,
    stamp: Stamp,
    kind: PageKind,
    lang: Lang,
    url: u32,
    alternates: Vec<(Lang, u32)>,
    noindex: bool,
    searchable: bool,
    links: Vec<u32>,
    ids: Vec<u32>,
}

/// The first bytes of a page cache chunk; a new format changes it.
const PAGES_MAGIC: &[u8] = b"gazette page cache 5\n";

/// In a debug build, fails when the page at `path` has the policy digest
/// `unit` its record has but another key: the policy digest missed one of
/// the page's inputs, and a release build would have shown a stale page.
fn check_unit(path: &str, record: &Record, key: Key, unit: Option<Key>) {
    if cfg!(debug_assertions) && unit.is_some() && record.unit == unit && record.key != key {
        panic!("{path}: the same policy digest as the last build, but other inputs: the digest (incremental::PageCache::policy_units) misses one");
    }
}

/// The digest of every file under the portal's `content/`, by path and
/// bytes, but the URL lock; `None` when one cannot be read. The lock is
/// rewritten by every build whose text moved an anchor's wording (it
/// records what each anchor showed), and all the pages take of it is
/// their slugs and each policy's anchors, which [`shared_digest`] has:
/// with the lock in, one reworded sentence gave every policy a new digest
/// and every page's view was built again.
fn content_digest(root: &Path) -> Option<Digest> {
    let dir = root.join("content");
    let lock = root.join(crate::content::lock::LOCK_FILE);
    let mut h = Digester::default();
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.ok()?;
        if entry.file_type().is_file() && entry.path() != lock {
            let rel = entry.path().strip_prefix(&dir).ok()?;
            h.write(rel.to_string_lossy().as_bytes());
            h.write(&std::fs::read(entry.path()).ok()?);
        }
    }
    Some(h.finish())
}

/// What every policy's pages may show of the rest of the portal: the
/// binary, the theme, `content/` (site, registry, glossary, pages,
/// translations, metadata …; of the URL lock, what linking took from it:
/// the slugs and each policy's anchors), the site's address, and of
/// the other policies what their pages are called and where (slugs,
/// titles, editions, whether in force, the IDs their items are shown
/// under, their targets' slugs and names), and the departments' names
/// and slugs.
fn shared_digest(portal: &Portal, content: Digest, salt: Digest, theme: Digest) -> Digest {
    let mut h = Digester::default();
    for d in [salt, theme, content] {
        h.write(&d.0.to_le_bytes());
    }
    // The origin and the path under it: every page's links carry both.
    h.write(portal.urls.absolute("").as_bytes());
    h.write(portal.urls.base_path().as_bytes());
    for (i, p) in portal.policies.iter().enumerate() {
        let pi = PolicyIx(i);
        h.write(p.policy.id.as_str().as_bytes());
        h.write(p.slug.as_bytes());
        h.write(p.policy.plan.title.as_bytes());
        h.write(&[u8::from(p.english_published), u8::from(portal.in_force(pi))]);
        h.write(format!("{:?}", p.anchors).as_bytes());
    }
    for t in &portal.targets {
        h.write(&(t.policy.0 as u64).to_le_bytes());
        h.write(t.slug.as_bytes());
        h.write(t.name_zh.as_bytes());
        h.write(t.fingerprint.as_bytes());
    }
    for d in &portal.departments {
        h.write(d.slug.as_bytes());
        h.write(d.name_zh.as_bytes());
        for name in [&d.full_zh, &d.name_en, &d.short_en] {
            h.write(name.as_deref().unwrap_or("\u{0}").as_bytes());
        }
        h.write(&[u8::from(d.registered)]);
    }
    h.finish()
}

/// The cache chunk of `pages` (those stamped), made by the binary `salt`.
fn encode(salt: Digest, pages: &[(String, Record)]) -> CacheFile {
    let mut numbers: HashMap<&str, u32> = HashMap::new();
    let mut strings: Vec<String> = Vec::new();
    let mut records = Vec::with_capacity(pages.len());
    for (path, r) in pages {
        let Some(stamp) = r.stamp else { continue };
        let mut number = |s| number(s, &mut numbers, &mut strings);
        let url = number(r.page.url.as_str());
        let alternates = r
            .page
            .alternates
            .iter()
            .map(|&(l, u)| (l, number(u.as_str())));
        let alternates = alternates.collect();
        let links = r.page.links.iter().map(|l| number(l)).collect();
        let ids = r.page.ids.iter().map(|i| number(i)).collect();
        records.push(FileRecord {
            path: path.clone(),
            key: r.key.0 .0,
            unit: r.unit.map(|u| u.0 .0),
            bytes: r.bytes.0,
            len: r.len as u64,
            stamp,
            kind: r.page.kind,
            lang: r.page.lang,
            url,
            alternates,
            noindex: r.page.noindex,
            searchable: r.page.searchable,
            links,
            ids,
        });
    }
    CacheFile {
        salt: salt.0,
        strings,
        pages: records,
    }
}

/// The number of `s` in `strings`, added if new.
fn number<'a>(s: &'a str, numbers: &mut HashMap<&'a str, u32>, strings: &mut Vec<String>) -> u32 {
    *numbers.entry(s).or_insert_with(|| {
        strings.push(s.to_owned());
        strings.len() as u32 - 1
    })
}

/// The records of the cache chunk `file`, read as chunk number `chunk`,
/// made by the binary `salt` names; `None` when it is not one (another
/// binary, numbers out of range).
fn decode(file: CacheFile, salt: Digest, chunk: u32) -> Option<Vec<(String, Record)>> {
    if file.salt != salt.0 {
        return None;
    }
    let links: Vec<Link> = file.strings.iter().map(|s| Link::new(s)).collect();
    file.pages
        .into_iter()
        .map(|f| {
            let link = |n: u32| links.get(n as usize).copied();
            let page = Page {
                kind: f.kind,
                lang: f.lang,
                url: link(f.url)?,
                alternates: f
                    .alternates
                    .iter()
                    .map(|&(l, u)| Some((l, link(u)?)))
                    .collect::<Option<_>>()?,
                noindex: f.noindex,
                searchable: f.searchable,
                links: f.links.iter().map(|&n| link(n)).collect::<Option<_>>()?,
                ids: f.ids.iter().map(|&n| link(n)).collect::<Option<_>>()?,
            };
            let record = Record {
                key: Key(Digest(f.key)),
                unit: f.unit.map(|u| Key(Digest(u))),
                bytes: Digest(f.bytes),
                len: usize::try_from(f.len).ok()?,
                stamp: Some(f.stamp),
                page: Arc::new(page),
                chunk: Some(chunk),
            };
            Some((f.path, record))
        })
        .collect()
}

/// The parse cache's folder inside [`CACHE_DIR`]: one entry a parse,
/// named by its key's digest.
const PARSED_DIR: &str = "parsed";

/// The first bytes of a parse cache entry; a new format changes it.
const PARSED_MAGIC: &[u8] = b"gazette parse 2\n";

/// Each seed's parse from earlier builds (see the module doc).
pub struct ParseCache {
    entries: Entries,
    salt: Digest,
    read_back: AtomicUsize,
}

impl ParseCache {
    /// No cache: every seed is parsed.
    pub fn off() -> ParseCache {
        ParseCache {
            entries: Entries::off(),
            salt: Digest(0),
            read_back: AtomicUsize::new(0),
        }
    }

    /// The parse cache of the portal at `root` (off when the running
    /// binary cannot be identified).
    pub fn load(root: &Path) -> ParseCache {
        match binary_identity() {
            Some(salt) => ParseCache {
                entries: Entries::at(root, PARSED_DIR, PARSED_MAGIC),
                salt,
                ..ParseCache::off()
            },
            None => ParseCache::off(),
        }
    }

    /// A parse cache in memory (`serve`'s, from one build to the next).
    pub fn held(held: &HeldEntries) -> ParseCache {
        ParseCache {
            entries: Entries::held(held),
            ..ParseCache::off()
        }
    }

    /// The digest of the registry's unit names as the parser is given
    /// them (in any order).
    pub fn units(known: &[String]) -> Digest {
        let mut names: Vec<&String> = known.iter().collect();
        names.sort();
        let mut h = Digester::default();
        for name in names {
            h.write(name.as_bytes());
        }
        h.finish()
    }

    /// The policy `seed` parses to, knowing the unit names whose digest is
    /// `units`: read back when an earlier build parsed the same inputs,
    /// else `parse()`, kept for the next build (best effort).
    pub fn policy<E>(
        &self,
        seed: &Seed,
        units: Digest,
        parse: impl FnOnce() -> Result<Policy, E>,
    ) -> Result<Policy, E> {
        if !self.entries.is_on() {
            return parse();
        }
        let name = self.key(seed, units).hex();
        if let Some(policy) = self.entries.read::<Policy>(&name) {
            self.read_back.fetch_add(1, Ordering::Relaxed);
            return Ok(policy);
        }
        let policy = parse()?;
        self.entries.write(&name, &policy);
        Ok(policy)
    }

    fn key(&self, seed: &Seed, units: Digest) -> Digest {
        let mut h = Digester::default();
        h.write(&self.salt.0.to_le_bytes());
        h.write(&units.0.to_le_bytes());
        h.write(seed.id.as_bytes());
        h.write(seed.display.as_bytes());
        h.write(format!("{:?}", seed.format).as_bytes());
        h.write(&seed.bytes);
        if let Some(annex) = &seed.annex {
            h.write(annex.display.as_bytes());
            h.write(format!("{:?}", annex.format).as_bytes());
            h.write(&annex.bytes);
            h.write(format!("{:?}", annex.sheet).as_bytes());
        }
        h.finish()
    }

    /// How many seeds were read back instead of parsed.
    pub fn read_back(&self) -> usize {
        self.read_back.load(Ordering::Relaxed)
    }

    /// Removes the entries this build did not ask for (seeds edited or
    /// removed, another binary's): best effort.
    pub fn prune(&self) {
        self.entries.prune();
    }
}

/// A folder of cache entries inside [`CACHE_DIR`], each a file named by
/// its key: the format's magic line, the hex digest of the payload, then
/// the payload in Borsh. An entry that is missing, of another format or
/// not whole reads as none, never as an error; an entry is written whole
/// (a temporary file renamed into place), best effort; and [`Entries::prune`]
/// removes every file this build neither read nor wrote (stale entries,
/// a killed build's temporary files). The parse cache and the search
/// index's run cache ([`crate::publish::search::RunCache`]) keep theirs
/// so. A long-lived process (`serve`) keeps them in memory instead
/// ([`HeldEntries`]), from one build to the next.
pub(crate) struct Entries {
    place: Place,
    magic: &'static [u8],
    /// The entries this build read or wrote: kept by [`Entries::prune`].
    used: Mutex<HashSet<String>>,
}

/// Where [`Entries`] are kept.
enum Place {
    /// Nowhere: every read misses, every write is dropped.
    Off,
    /// Files of a folder.
    Dir(PathBuf),
    /// Memory, kept by the caller between builds.
    Held(HeldEntries),
}

/// Cache entries held in memory by a process that builds more than once
/// (`serve`): each entry's payload by name. Cloning shares them.
#[derive(Debug, Clone, Default)]
pub struct HeldEntries(Arc<Mutex<HashMap<String, Vec<u8>>>>);

impl HeldEntries {
    fn held(&self) -> std::sync::MutexGuard<'_, HashMap<String, Vec<u8>>> {
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Entries {
    /// No folder: every read misses, every write is dropped.
    pub(crate) fn off() -> Entries {
        Entries {
            place: Place::Off,
            magic: b"",
            used: Mutex::new(HashSet::new()),
        }
    }

    /// The folder `folder` of [`CACHE_DIR`] in the portal at `root`, its
    /// entries in the format `magic` names.
    pub(crate) fn at(root: &Path, folder: &str, magic: &'static [u8]) -> Entries {
        Entries {
            place: Place::Dir(root.join(CACHE_DIR).join(folder)),
            magic,
            ..Entries::off()
        }
    }

    /// The entries `held` keeps in memory.
    pub(crate) fn held(held: &HeldEntries) -> Entries {
        Entries {
            place: Place::Held(held.clone()),
            ..Entries::off()
        }
    }

    pub(crate) fn is_on(&self) -> bool {
        !matches!(self.place, Place::Off)
    }

    /// Whether this build read or wrote the entry `name`.
    pub(crate) fn is_used(&self, name: &str) -> bool {
        self.used.lock().map(|u| u.contains(name)).unwrap_or(true)
    }

    fn mark(&self, name: &str) {
        if let Ok(mut used) = self.used.lock() {
            used.insert(name.to_owned());
        }
    }

    /// The value kept as `name`; `None` when it is missing or not whole.
    pub(crate) fn read<T: borsh::BorshDeserialize>(&self, name: &str) -> Option<T> {
        self.read_starting(name, &[])
    }

    /// The value kept as `name` if its encoding starts with `start` (a
    /// salt: an entry of another binary is neither digested nor decoded);
    /// `None` when it does not, or is missing or not whole.
    pub(crate) fn read_starting<T: borsh::BorshDeserialize>(
        &self,
        name: &str,
        start: &[u8],
    ) -> Option<T> {
        let value = match &self.place {
            Place::Off => None,
            Place::Dir(dir) => {
                let bytes = std::fs::read(dir.join(name)).ok()?;
                let rest = bytes.strip_prefix(self.magic)?;
                let (digest, payload) = (rest.get(..32)?, rest.get(32..)?);
                if !payload.starts_with(start) || digest != Digest::of(payload).hex().as_bytes() {
                    return None;
                }
                borsh::from_slice(payload).ok()
            }
            Place::Held(held) => {
                let held = held.held();
                let payload = held.get(name).filter(|p| p.starts_with(start))?;
                borsh::from_slice(payload).ok()
            }
        }?;
        self.mark(name);
        Some(value)
    }

    /// Keeps `value` as the entry `name`, replacing any in one step (best
    /// effort: without the entry the next build does the work again): true
    /// when written.
    pub(crate) fn write<T: borsh::BorshSerialize + ?Sized>(&self, name: &str, value: &T) -> bool {
        // Marked as used, and encoded, unless the entries are off.
        let payload = || {
            self.mark(name);
            borsh::to_vec(value).ok()
        };
        let (dir, payload) = match &self.place {
            Place::Off => return false,
            Place::Dir(dir) => match payload() {
                Some(payload) => (dir, payload),
                None => return false,
            },
            Place::Held(held) => {
                let Some(payload) = payload() else {
                    return false;
                };
                held.held().insert(name.to_owned(), payload);
                return true;
            }
        };
        let mut bytes = self.magic.to_vec();
        bytes.extend_from_slice(Digest::of(&payload).hex().as_bytes());
        bytes.extend_from_slice(&payload);
        let temp = dir.join(format!("{name}.{}", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&temp, bytes))
            .and_then(|()| std::fs::rename(&temp, dir.join(name)));
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written.is_ok()
    }

    /// Removes every file of the folder this build did not use: best
    /// effort.
    pub(crate) fn prune(&self) {
        let Ok(used) = self.used.lock() else { return };
        let dir = match &self.place {
            Place::Off => return,
            Place::Dir(dir) => dir,
            Place::Held(held) => {
                held.held().retain(|name, _| used.contains(name));
                return;
            }
        };
        let Ok(files) = std::fs::read_dir(dir) else {
            return;
        };
        for file in files.filter_map(Result::ok) {
            if !used.contains(&*file.file_name().to_string_lossy()) {
                let _ = std::fs::remove_file(file.path());
            }
        }
    }
}

/// The running binary, by path, size and modification time: a rebuilt
/// binary does not trust the last one's records. `None` when unknown.
pub(crate) fn binary_identity() -> Option<Digest> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    let mut h = Digester::default();
    h.write(exe.to_string_lossy().as_bytes());
    h.write(&meta.len().to_le_bytes());
    h.write(&modified.as_nanos().to_le_bytes());
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    Some(h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What render knows of the page `html` at `url`.
    fn facts(url: &str, html: &str) -> Arc<Page> {
        Arc::new(Page::new(
            PageKind::Home,
            Lang::Zh,
            url,
            [(Lang::Zh, url)],
            false,
            html,
        ))
    }

    #[test]
    fn a_cache_file_round_trips_and_anything_else_is_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path(), dir.path().join("public"));
        let (path, html) = (
            "zh/index.html",
            r#"<p id="a">甲<a href="/zh/b/">乙</a></p>"#,
        );
        std::fs::create_dir_all(out.join("zh")).expect("out");
        std::fs::write(out.join(path), html).expect("page");
        let first = PageCache::load(root, &out);
        let key = first.key(Digest(7), "home.html", &("甲", 1)).expect("key");
        first.record(path, key, None, html, &facts("/zh/", html));
        // A build killed while saving left a temporary file, and an
        // older binary its one file where the folder goes: both removed.
        let cache_dir = root.join(CACHE_DIR).join(PAGES_DIR);
        std::fs::create_dir_all(root.join(CACHE_DIR)).expect("cache dir");
        std::fs::write(&cache_dir, "gazette page cache 4\n").expect("old format");
        first.save(root).expect("saved");
        let chunk = Digest::of(path.as_bytes()).hex();
        std::fs::write(cache_dir.join(format!("{chunk}.4242")), "half").expect("leftover");
        first_again(root, &out, key, path, html)
            .save(root)
            .expect("saved");
        let names = || -> Vec<String> {
            std::fs::read_dir(&cache_dir)
                .expect("cache dir")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(),
            std::slice::from_ref(&chunk),
            "only the chunk is left"
        );

        // Reused without being read: the file as it was published, and
        // what render knew of it, links and ids included.
        let second = PageCache::load(root, &out);
        let reused = second.reuse(path, key, None).expect("reused");
        assert!(matches!(&reused.bytes, ReusedBytes::Live { file, .. } if *file == out.join(path)));
        assert_eq!((reused.page, reused.len), (facts("/zh/", html), html.len()));
        let other = second.key(Digest(7), "home.html", &("乙", 1)).expect("key");
        assert!(second.reuse(path, other, None).is_none(), "other inputs");
        let theme = second.key(Digest(8), "home.html", &("甲", 1)).expect("key");
        assert!(second.reuse(path, theme, None).is_none(), "other theme");
        assert_eq!(second.reused(), 1);
        // The records carried over are saved again.
        second.save(root).expect("saved");
        // A sink takes it (the default, reading the file, here; the
        // staging folder checks the live file's stamp instead: write::tests).
        let taken = || {
            let cache = PageCache::load(root, &out);
            let Some(reused) = cache.reuse(path, key, None) else {
                return false;
            };
            let ReusedBytes::Live { file, stamp } = reused.bytes else {
                return false;
            };
            let built = crate::render::Built {
                path: path.to_owned(),
                len: reused.len,
                page: None,
            };
            let sink = crate::InMemory::default();
            let taken = crate::render::Sink::take_unchanged(&sink, built, &file, stamp).is_none();
            taken && crate::Store::read(&sink, path).is_ok_and(|b| b == html.as_bytes())
        };
        assert!(taken());

        // The output edited by hand: another length, or the same length
        // in a new file, is given back to be rendered.
        let edited = html.replace('甲', "甲丙");
        std::fs::write(out.join(path), &edited).expect("page");
        assert!(!taken());
        let same_length = html.replace('甲', "丙");
        std::fs::write(out.join("temp"), &same_length).expect("page");
        std::fs::rename(out.join("temp"), out.join(path)).expect("replaced");
        assert!(!taken());

        // A corrupt chunk is an empty one.
        let first = PageCache::load(root, &out);
        first.record(path, key, None, &same_length, &facts("/zh/", &same_length));
        first.save(root).expect("saved");
        let file = cache_dir.join(&chunk);
        let bytes = std::fs::read(&file).expect("cache");
        let old_format = b"gazette page cache 4\n";
        for corrupt in [&bytes[..bytes.len() - 3], &old_format[..], &[]] {
            std::fs::write(&file, corrupt).expect("corrupt");
            assert!(PageCache::load(root, &out).reuse(path, key, None).is_none());
        }
        std::fs::write(&file, &bytes).expect("restored");
        assert!(PageCache::load(root, &out).reuse(path, key, None).is_some());

        // So is a whole chunk another binary wrote (another salt): it is
        // left undecoded, its salt read from its first bytes.
        let entries = Entries::at(root, PAGES_DIR, PAGES_MAGIC);
        let mut foreign: CacheFile = entries.read(&chunk).expect("whole");
        foreign.salt ^= 1;
        assert!(entries.write(&chunk, &foreign));
        assert!(entries.read::<CacheFile>(&chunk).is_some(), "whole");
        assert!(PageCache::load(root, &out).reuse(path, key, None).is_none());
    }

    /// The tests' proof that a policy's digest misses no input: a page
    /// whose policy digest is unchanged but whose view is not fails a
    /// debug build, instead of being reused (as a release build would).
    #[test]
    #[should_panic(expected = "misses one")]
    fn the_same_policy_digest_with_other_inputs_fails_a_debug_build() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path(), dir.path().join("public"));
        let (path, html) = ("zh/index.html", "<p>甲</p>");
        std::fs::create_dir_all(out.join("zh")).expect("out");
        std::fs::write(out.join(path), html).expect("page");
        let first = PageCache::load(root, &out);
        let key = first.key(Digest(7), "target.html", &"甲").expect("key");
        let unit = first.unit_key(Some(Digest(1)), "target.html", Lang::Zh, &());
        first.record(path, key, unit, html, &facts("/zh/", html));
        first.save(root).expect("saved");
        let second = PageCache::load(root, &out);
        assert!(
            second.reuse_unit(path, unit).is_none(),
            "never in a debug build"
        );
        let other = second.key(Digest(7), "target.html", &"乙").expect("key");
        second.reuse(path, other, unit);
    }

    /// The page cache is kept in chunks, and a save rewrites only those
    /// holding a page rendered anew: a one-page edit does not write the
    /// records of every page.
    #[test]
    fn a_save_rewrites_only_the_chunks_that_changed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path(), dir.path().join("public"));
        // Two pages in two chunks: the second starts one.
        let start = (0..)
            .map(|i| format!("zh/{i}/index.html"))
            .find(|p| Digest::of(p.as_bytes()).is_multiple_of(CHUNK_EVERY))
            .expect("a chunk start");
        let pages = ["a/index.html".to_owned(), start];
        let build = |rendered: &[&str]| {
            let cache = PageCache::load(root, &out);
            for path in &pages {
                let html = format!("<p>{path}</p>");
                let key = cache.key(Digest(7), "page.html", path).expect("key");
                let redo = rendered.contains(&path.as_str());
                if redo || cache.reuse(path, key, None).is_none() {
                    std::fs::create_dir_all(out.join(path).parent().expect("folder"))
                        .expect("folder");
                    std::fs::write(out.join("temp"), &html).expect("page");
                    std::fs::rename(out.join("temp"), out.join(path)).expect("published");
                    cache.record(path, key, None, &html, &facts("/zh/", &html));
                }
            }
            let reused = cache.reused();
            cache.save(root).expect("saved");
            reused
        };
        let chunks = root.join(CACHE_DIR).join(PAGES_DIR);
        let inode = |path: &str| {
            let chunk = chunks.join(Digest::of(path.as_bytes()).hex());
            let meta = std::fs::metadata(chunk).expect("chunk");
            Stamp::of(&meta).expect("stamp")
        };
        assert_eq!(build(&[]), 0);
        let (a, b) = (inode(&pages[0]), inode(&pages[1]));
        assert_eq!(build(&[]), 2, "both reused");
        assert_eq!(
            (inode(&pages[0]), inode(&pages[1])),
            (a, b),
            "nothing written"
        );
        assert_eq!(build(&[pages[1].as_str()]), 1);
        assert_eq!(inode(&pages[0]), a, "the first chunk is as it was");
        assert_ne!(inode(&pages[1]), b, "the second is written anew");
        assert_eq!(build(&[]), 2, "and read back");
    }

    /// A cache of `root` recording the page `html` at `path`, as the
    /// first build of [`a_cache_file_round_trips_and_anything_else_is_empty`].
    fn first_again(root: &Path, out: &Path, key: Key, path: &str, html: &str) -> PageCache {
        let cache = PageCache::load(root, out);
        cache.record(path, key, None, html, &facts("/zh/", html));
        cache
    }

    /// Parses the seed portal's first seed, counting the parses.
    fn parse_counted<'a>(
        seed: &'a Seed,
        known: &'a [String],
        count: &'a AtomicUsize,
    ) -> impl FnOnce() -> Result<Policy, crate::BuildError> + 'a {
        move || {
            count.fetch_add(1, Ordering::Relaxed);
            let off = ParseCache::off();
            crate::parse_all(std::slice::from_ref(seed), known, &off).map(|mut p| p.remove(0))
        }
    }

    #[test]
    fn a_parse_held_in_memory_is_read_back_and_pruned_when_not_asked_for() {
        let portal = Path::new(env!("CARGO_MANIFEST_DIR"));
        let seeds = crate::seeds::read_all(portal).expect("the seed portal's seeds");
        let seed = &seeds[0];
        let known = vec!["市科技局".to_owned()];
        let units = ParseCache::units(&known);
        let parses = AtomicUsize::new(0);
        let held = HeldEntries::default();
        let parse = |cache: &ParseCache, seed: &Seed| {
            let policy = cache
                .policy(seed, units, parse_counted(seed, &known, &parses))
                .expect("parsed");
            borsh::to_vec(&policy).expect("encoded")
        };

        let first = parse(&ParseCache::held(&held), seed);
        let cache = ParseCache::held(&held);
        assert_eq!(parse(&cache, seed), first, "read back whole");
        assert_eq!((parses.load(Ordering::Relaxed), cache.read_back()), (1, 1));
        assert_eq!(held.held().len(), 1);

        // An edited seed is parsed; the entry no build asked for goes.
        let mut edited = seed.clone();
        edited.bytes.extend_from_slice("\n".as_bytes());
        let cache = ParseCache::held(&held);
        parse(&cache, &edited);
        assert_eq!((parses.load(Ordering::Relaxed), cache.read_back()), (2, 0));
        assert_eq!(held.held().len(), 2);
        cache.prune();
        assert_eq!(held.held().len(), 1, "the unedited seed's parse is dropped");
        assert!(!ParseCache::off().entries.is_on());
    }

    #[test]
    fn a_parse_is_read_back_until_its_inputs_change() {
        let dir = tempfile::tempdir().expect("temp dir");
        let portal = Path::new(env!("CARGO_MANIFEST_DIR"));
        let seeds = crate::seeds::read_all(portal).expect("the seed portal's seeds");
        let seed = &seeds[0];
        let known = vec!["市科技局".to_owned(), "市发展改革委".to_owned()];
        let units = ParseCache::units(&known);
        let parses = AtomicUsize::new(0);
        let encoded = |p: &Policy| borsh::to_vec(p).expect("encoded");

        let first = ParseCache::load(dir.path())
            .policy(seed, units, parse_counted(seed, &known, &parses))
            .expect("parsed");
        assert_eq!(parses.load(Ordering::Relaxed), 1);
        assert!(!first.published_lines.is_empty());

        // Read back: every field, the ones `inspect --json` leaves out too.
        let cache = ParseCache::load(dir.path());
        let again = cache
            .policy(seed, units, parse_counted(seed, &known, &parses))
            .expect("read back");
        assert_eq!((parses.load(Ordering::Relaxed), cache.read_back()), (1, 1));
        assert_eq!(encoded(&again), encoded(&first));
        assert_eq!(again.published_lines, first.published_lines);

        // The same names in another order are the same input; other
        // names, other bytes are not.
        let reversed: Vec<String> = known.iter().rev().cloned().collect();
        assert_eq!(ParseCache::units(&reversed), units);
        let fewer = ParseCache::units(&known[..1]);
        ParseCache::load(dir.path())
            .policy(seed, fewer, parse_counted(seed, &known[..1], &parses))
            .expect("parsed");
        assert_eq!(parses.load(Ordering::Relaxed), 2, "other unit names");
        let mut edited = seed.clone();
        edited.bytes.extend_from_slice("\n".as_bytes());
        ParseCache::load(dir.path())
            .policy(&edited, units, parse_counted(&edited, &known, &parses))
            .expect("parsed");
        assert_eq!(parses.load(Ordering::Relaxed), 3, "other bytes");

        // A corrupt entry is parsed again, and replaced.
        let entries = || {
            let mut names: Vec<PathBuf> =
                std::fs::read_dir(dir.path().join(CACHE_DIR).join(PARSED_DIR))
                    .expect("parse cache")
                    .map(|e| e.expect("entry").path())
                    .collect();
            names.sort();
            names
        };
        assert_eq!(entries().len(), 3);
        for entry in entries() {
            let bytes = std::fs::read(&entry).expect("entry");
            std::fs::write(&entry, &bytes[..bytes.len() / 2]).expect("cut short");
        }
        let cache = ParseCache::load(dir.path());
        let reparsed = cache
            .policy(seed, units, parse_counted(seed, &known, &parses))
            .expect("parsed again");
        assert_eq!((parses.load(Ordering::Relaxed), cache.read_back()), (4, 0));
        assert_eq!(encoded(&reparsed), encoded(&first));

        // Pruned: only the entry this cache asked for is left.
        cache.prune();
        assert_eq!(entries().len(), 1);
        let cache = ParseCache::load(dir.path());
        cache
            .policy(seed, units, parse_counted(seed, &known, &parses))
            .expect("read back");
        assert_eq!((parses.load(Ordering::Relaxed), cache.read_back()), (4, 1));
    }
}
