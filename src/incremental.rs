//! Incremental builds: what one build remembers so the next renders only
//! the pages whose inputs changed. This module owns that memory (the page
//! cache) and its file, `.gazette-cache/pages` beside `seeds/` and
//! `content/` (never in the output, never committed: `gazette init`'s
//! `.gitignore` lists it).
//!
//! A page's inputs are recorded as values, not as file names: everything a
//! template can see of a page is the theme (templates, strings, assets) and
//! the values the page's builder hands it (its chrome and its view, which
//! hold all it shows of seeds, translations, the registry, the glossary,
//! `site.yaml` and, for an index, its listed items' summaries). A page's
//! record is the digest of those values ([`Key`]: the theme's fingerprint,
//! the template's name and the inputs as JSON, salted with the running
//! binary's identity) and the digest of the bytes they rendered to. When
//! the next build makes the same key for the same path, and the file it
//! would reuse still has the recorded digest, render takes those bytes
//! instead of running the template.
//!
//! What it guarantees: a build that reuses pages writes exactly the bytes
//! a build without the cache writes. Reuse needs the same inputs (same
//! key) and the same bytes on hand (same output digest), so a stale,
//! foreign or hand-edited output folder only costs a render. A missing,
//! unreadable or corrupt cache file, or one made by another binary, is an
//! empty cache: a full render, never an error. The cache file is written
//! only after the site was published, and only records pages of that
//! site.
//!
//! What it does not do (yet): the views are still built for every page
//! (the saving is the template render), seeds are parsed and linked every
//! time, and open data, feeds, sitemaps, the link check and the search
//! index are made whole by [`crate::publish`]; `write` still compares every
//! file with the disk.

use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};
use std::collections::HashMap;
use std::hash::Hasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The cache folder, relative to the portal root.
pub const CACHE_DIR: &str = ".gazette-cache";

/// The page cache's file inside [`CACHE_DIR`].
const PAGES_FILE: &str = "pages";

/// The first line of the cache file; a new format changes it.
const HEADER: &str = "gazette page cache 1";

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

    fn hex(self) -> String {
        format!("{:032x}", self.0)
    }

    fn parse(hex: &str) -> Option<Digest> {
        (hex.len() == 32)
            .then(|| u128::from_str_radix(hex, 16).ok())
            .flatten()
            .map(Digest)
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

/// What a page was rendered from: see the module doc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key(Digest);

/// One page of the last build: its inputs and its bytes, as digests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Record {
    key: Key,
    bytes: Digest,
}

/// Where the last build's bytes are: its output folder (`build`) or its
/// files in memory (`serve`).
enum Previous {
    None,
    Dir(PathBuf),
    Memory(HashMap<String, Arc<Vec<u8>>>),
}

/// The last build's page records and where its bytes are, for one render;
/// collects this render's records for the next.
pub struct PageCache {
    /// Salts every key: the binary that renders (a new one may render the
    /// same values differently).
    salt: Digest,
    last: HashMap<String, Record>,
    previous: Previous,
    now: Mutex<HashMap<String, Record>>,
    reused: AtomicUsize,
}

impl PageCache {
    /// No cache: every page is rendered (and nothing is recorded worth
    /// keeping).
    pub fn off() -> PageCache {
        PageCache::new(Digest(0), HashMap::new(), Previous::None)
    }

    /// The cache of the portal at `root`, reusing bytes from the output
    /// folder `out`. Empty when the file is missing, unreadable, corrupt or
    /// was written by another binary.
    pub fn load(root: &Path, out: &Path) -> PageCache {
        let Some(salt) = binary_identity() else {
            return PageCache::off();
        };
        let path = root.join(CACHE_DIR).join(PAGES_FILE);
        let last = std::fs::read_to_string(path)
            .ok()
            .and_then(|text| parse(&text, salt))
            .unwrap_or_default();
        PageCache::new(salt, last, Previous::Dir(out.to_owned()))
    }

    /// A cache over files held in memory (`serve`'s last build), with the
    /// records [`PageCache::into_records`] gave after it.
    pub fn in_memory(records: Records, files: HashMap<String, Arc<Vec<u8>>>) -> PageCache {
        let salt = binary_identity().unwrap_or(Digest(0));
        let last = match records.salt == salt {
            true => records.pages,
            false => HashMap::new(),
        };
        PageCache::new(salt, last, Previous::Memory(files))
    }

    fn new(salt: Digest, last: HashMap<String, Record>, previous: Previous) -> PageCache {
        PageCache {
            salt,
            last,
            previous,
            now: Mutex::new(HashMap::new()),
            reused: AtomicUsize::new(0),
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

    /// The last build's HTML of the page at `path` if it was rendered from
    /// the same inputs and its bytes are still those rendered.
    pub fn reuse(&self, path: &str, key: Key) -> Option<String> {
        let record = self.last.get(path).filter(|r| r.key == key)?;
        let bytes = match &self.previous {
            Previous::None => return None,
            Previous::Dir(dir) => std::fs::read(dir.join(path)).ok()?,
            Previous::Memory(files) => files.get(path)?.as_ref().clone(),
        };
        if Digest::of(&bytes) != record.bytes {
            return None;
        }
        let html = String::from_utf8(bytes).ok()?;
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.remember(path, *record);
        Some(html)
    }

    /// Notes that the page at `path` rendered from `key` is `html`.
    pub fn record(&self, path: &str, key: Key, html: &str) {
        let record = Record {
            key,
            bytes: Digest::of(html.as_bytes()),
        };
        self.remember(path, record);
    }

    fn remember(&self, path: &str, record: Record) {
        if path.contains(['\t', '\n']) {
            return;
        }
        if let Ok(mut now) = self.now.lock() {
            now.insert(path.to_owned(), record);
        }
    }

    /// How many pages this render took from the last build.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// This render's records, for the next (`serve` keeps them in memory).
    pub fn into_records(self) -> Records {
        Records {
            salt: self.salt,
            pages: self.now.into_inner().unwrap_or_default(),
        }
    }

    /// Writes this render's records as the portal's cache, replacing the
    /// file in one step. Call it once the site they describe is published.
    pub fn save(self, root: &Path) -> std::io::Result<()> {
        if !self.enabled() {
            return Ok(());
        }
        let records = self.into_records();
        let mut pages: Vec<(&String, &Record)> = records.pages.iter().collect();
        pages.sort_by(|a, b| a.0.cmp(b.0));
        let mut text = format!("{HEADER}\n{}\n", records.salt.hex());
        for (path, r) in pages {
            text.push_str(&format!("{path}\t{}\t{}\n", r.key.0.hex(), r.bytes.hex()));
        }
        let dir = root.join(CACHE_DIR);
        std::fs::create_dir_all(&dir)?;
        let temp = dir.join(format!("{PAGES_FILE}.{}", std::process::id()));
        std::fs::write(&temp, text)?;
        std::fs::rename(&temp, dir.join(PAGES_FILE))
    }
}

/// A render's page records, kept in memory by `serve` for its next.
#[derive(Debug, Default, Clone)]
pub struct Records {
    salt: Digest,
    pages: HashMap<String, Record>,
}

/// The records in a cache file made by the binary `salt` names; `None`
/// when the file is not one.
fn parse(text: &str, salt: Digest) -> Option<HashMap<String, Record>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER || Digest::parse(lines.next()?)? != salt {
        return None;
    }
    lines
        .map(|line| {
            let mut fields = line.split('\t');
            let path = fields.next()?;
            let key = Key(Digest::parse(fields.next()?)?);
            let bytes = Digest::parse(fields.next()?)?;
            fields
                .next()
                .is_none()
                .then(|| (path.to_owned(), Record { key, bytes }))
        })
        .collect()
}

/// The running binary, by path, size and modification time: a rebuilt
/// binary does not trust the last one's records. `None` when unknown.
fn binary_identity() -> Option<Digest> {
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

    #[test]
    fn a_cache_file_round_trips_and_anything_else_is_empty() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (root, out) = (dir.path(), dir.path().join("public"));
        std::fs::create_dir_all(out.join("zh")).expect("out");
        std::fs::write(out.join("zh/index.html"), "<p>甲</p>").expect("page");
        let first = PageCache::load(root, &out);
        let key = first.key(Digest(7), "home.html", &("甲", 1)).expect("key");
        first.record("zh/index.html", key, "<p>甲</p>");
        first.save(root).expect("saved");

        let second = PageCache::load(root, &out);
        assert_eq!(
            second.reuse("zh/index.html", key).as_deref(),
            Some("<p>甲</p>")
        );
        let other = second.key(Digest(7), "home.html", &("乙", 1)).expect("key");
        assert_eq!(second.reuse("zh/index.html", other), None, "other inputs");
        let theme = second.key(Digest(8), "home.html", &("甲", 1)).expect("key");
        assert_eq!(second.reuse("zh/index.html", theme), None, "other theme");
        assert_eq!(second.reused(), 1);

        // The output edited by hand: not reused.
        std::fs::write(out.join("zh/index.html"), "<p>丙</p>").expect("page");
        assert_eq!(
            PageCache::load(root, &out).reuse("zh/index.html", key),
            None
        );

        // A corrupt cache file is an empty cache.
        let file = root.join(CACHE_DIR).join(PAGES_FILE);
        let text = std::fs::read_to_string(&file).expect("cache");
        std::fs::write(&file, text.replace('\t', " ")).expect("corrupt");
        std::fs::write(out.join("zh/index.html"), "<p>甲</p>").expect("page");
        assert_eq!(
            PageCache::load(root, &out).reuse("zh/index.html", key),
            None
        );
        std::fs::write(&file, text).expect("restored");
        assert!(PageCache::load(root, &out)
            .reuse("zh/index.html", key)
            .is_some());
    }
}
