//! Rendered pages → the search index under `pagefind/`: Pagefind indexes
//! the `<main>` of every content page in-process (one index per language,
//! chosen by `<html lang>`; its `extended` feature segments Chinese, so
//! `研发投入` matches without spaces), and writes its own loader and
//! WebAssembly beside the index. The theme's `search.js` loads
//! `pagefind/pagefind.js` lazily, only when a query is made, and links
//! each result to the nearest anchor (`#task-12-p2`, `#row-4`) before the match.
//! A language of more than [`PART_PAGES`] pages is indexed in runs whose
//! indexes are joined into one ([`index_parts`]), so the memory the index
//! takes does not grow with the site, and results rank as in one index.
//! The runs' bounds stay put when pages elsewhere change, and `build`
//! keeps each run's files ([`RunCache`]), so a rebuild indexes only the
//! runs with a changed, added or removed page.
//!
//! Not indexed: the root language chooser, the 404 page, the search pages
//! themselves, pages marked `noindex` (embed cards), redirect pages, and
//! anything not HTML: render says which pages are searchable, and in
//! which language ([`crate::render::Page`]). Nor, within pages, what a
//! template marks `data-search-ignore`: the default theme marks the passages a target
//! page quotes and the duties a department page lists, whose home is the
//! policy page (found once, at the right anchor, and at 1,000 policies
//! 40% less indexing time and memory).
//!
//! Separated fields, not run-together labels: Pagefind joins the text of
//! elements it does not count as blocks (`th`, `dt`, `dd`, `caption`)
//! without a space, so a fact box read "Commitmentmore than 550 Value550".
//! So [`LABELS`] — table headers and captions, and `.facts` label/value
//! boxes that restate the page's headline — stay out of the text, and
//! what a result needs beside its excerpt is recorded as fields: each page's
//! kind (`data-pagefind-filter="kind:target"` and a label for readers,
//! `data-pagefind-meta="kind:Target"`, on `<main>`) and its title.
//!
//! Bounded per page: Pagefind is given at most [`MAX_PAGE_TEXT`]
//! characters of a page's `<main>` text ([`capped`]); the rest of a giant
//! page is not indexed. Without the cap a 20 MB seed's policy pages took
//! 398 s to index; a normal policy page is far below it, so its search
//! results are unchanged.

use crate::incremental::Digest;
use crate::model::Lang;
use crate::render::{Built, OutputFile};
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

mod cache;
mod join;
mod slim;

pub use slim::for_pagefind;

pub use cache::RunCache;

/// The folder of the index, relative to `public/`.
pub const DIR: &str = "pagefind";

/// The element of a page Pagefind indexes (its root selector).
const ROOT: &str = "main";

/// The most characters of text in a page's `<main>` (tags left out,
/// parts marked `data-search-ignore` counted) that are indexed. The seed
/// portal's longest page, its English policy page, has about 51,000.
/// Pagefind's time on a page grows with its text: a 20 MB seed's policy
/// pages (millions of characters each) took 398 s; capped, a second or
/// two in a debug build. The trap: on a longer page, search does not find
/// the text past the cap (the page still shows it all); raising the cap
/// to 200,000 about doubled the capped pages' indexing time.
pub const MAX_PAGE_TEXT: usize = 100_000;

/// Parts of a page that label others and would run into them in the
/// index's text (see the module's doc): left out of it.
pub const LABELS: [&str; 3] = ["thead", "caption", ".facts"];

/// The most pages of one language that one Pagefind indexes (see
/// [`index_parts`]). Smaller runs hold less at once and join to the same
/// index; at 1,000 synthetic policies runs of 250 peaked at 1.48 GiB
/// against 2.75 GiB for runs of 4,000, in the same time (README,
/// "The search index at scale"). An edit indexes again the runs around
/// it: at 1,000 policies, with runs of 128 the search stage after a
/// one-word edit took 2.7–3.0 s against 4.8–5.6 s with runs of 250,
/// and a whole index about 8% more CPU (each run is a Pagefind of its
/// own); runs of 64 saved another 0.25 s for 15–30% more (README,
/// "Session 24").
pub const PART_PAGES: usize = 128;

#[derive(Debug, thiserror::Error)]
#[error("search index: {message}\n  help: {SEARCH_HELP}")]
pub struct SearchError {
    pub message: String,
}

const SEARCH_HELP: &str =
    "this is a bug in gazette or Pagefind; the page named, if any, is where it happened";

impl From<&SearchError> for crate::diag::Diagnostic {
    fn from(e: &SearchError) -> Self {
        crate::diag::Diagnostic::error("search-index", DIR, 0)
            .message(e.message.clone())
            .help(SEARCH_HELP)
    }
}

/// Whether a built file belongs to the search index (`pagefind/…`).
pub fn in_index(path: &str) -> bool {
    path.strip_prefix(DIR)
        .is_some_and(|rest| rest.starts_with('/'))
}

/// A page for the index: its file (relative to the site root), its URL
/// ([`crate::render::Page::url`]), its language and its HTML, with the
/// [`Digest::of`] its HTML when the caller knows it (the page cache's
/// record of the bytes it made), so the run it is in is found in the run
/// cache without hashing every page of the site again.
#[derive(Debug, Clone, Copy)]
pub struct Indexable<'a> {
    pub path: &'a str,
    pub url: &'a str,
    pub lang: Lang,
    pub html: &'a [u8],
    pub digest: Option<Digest>,
}

/// The pages among `files` readers should find by searching
/// ([`crate::render::Page::searchable`]).
pub fn searchable(files: &[OutputFile]) -> impl Iterator<Item = Indexable<'_>> {
    files.iter().filter_map(|f| {
        let page = f.page.as_deref().filter(|p| p.searchable)?;
        Some(Indexable {
            path: &f.path,
            url: &page.url,
            lang: page.lang,
            html: &f.bytes,
            digest: None,
        })
    })
}

/// Indexes the searchable pages among `files`.
pub fn index(files: &[OutputFile]) -> Result<Vec<OutputFile>, SearchError> {
    let index = index_pages(searchable(files), &|_| None, &|| false, &RunCache::off())?;
    Ok(index.unwrap_or_default())
}

/// The part size: [`PART_PAGES`], or what [`PART_PAGES_VAR`] says.
fn part_pages() -> usize {
    std::env::var(PART_PAGES_VAR)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(PART_PAGES)
}

/// Indexes `pages` like [`index`], asking `cancelled` between pages: once it says yes,
/// stops and gives `None` (`serve` drops an index a newer build outdated).
/// Each language is split into parts of at most [`PART_PAGES`] pages
/// ([`index_parts`]; [`PART_PAGES_VAR`] sets another size); the runs
/// `cache` holds are taken from it, and those indexed kept there. A word
/// chunk the last index wrote (`previous` gives its files by path) is
/// taken from it, not compressed again, when it is the same.
pub fn index_pages<'a>(
    files: impl IntoIterator<Item = Indexable<'a>>,
    previous: &Previous<'a>,
    cancelled: &(dyn Fn() -> bool + Sync),
    cache: &RunCache,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    index_parts(files, part_pages(), previous, cancelled, cache)
}

/// The file the last index wrote at a path, if it is held.
pub type Previous<'a> = dyn Fn(&str) -> Option<&'a [u8]> + Sync + 'a;

/// The environment variable that sets the part size instead of
/// [`PART_PAGES`], for measuring (a size above the site's pages indexes
/// each language with one Pagefind, as before runs were joined).
pub const PART_PAGES_VAR: &str = "GAZETTE_SEARCH_PART_PAGES";

/// [`index_pages`] with at most `part_pages` pages of a language in one
/// Pagefind: [`index_runs`] over pages held in memory, in path order, the
/// runs `cache` holds taken from it.
pub fn index_parts<'a>(
    files: impl IntoIterator<Item = Indexable<'a>>,
    part_pages: usize,
    previous: &Previous<'a>,
    cancelled: &(dyn Fn() -> bool + Sync),
    cache: &RunCache,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    // In path order, as a build gives its pages ([`index_stored`]): the
    // runs, their cache keys and the index do not depend on the order the
    // pages came in (`serve` hands them over from a map).
    let mut files: Vec<Indexable> = files.into_iter().collect();
    files.sort_by(|a, b| a.path.cmp(b.path));
    let given: HashMap<&str, &Indexable> = files.iter().map(|p| (p.path, p)).collect();
    let pages: Vec<(Listed, Lang)> = files
        .iter()
        .map(|p| {
            (
                Listed {
                    path: p.path,
                    url: p.url,
                    len: p.html.len(),
                },
                p.lang,
            )
        })
        .collect();
    let read = |path: &str| match given.get(path).map(|p| p.html).or_else(|| previous(path)) {
        Some(bytes) => Ok(Cow::Borrowed(bytes)),
        None => Err(error(format!("{path}: not among the pages given"))),
    };
    let known = |path: &str| {
        let page = given.get(path)?;
        Some((page.html.len(), page.digest?))
    };
    index_runs(&pages, part_pages, &read, &known, cancelled, cache)
}

/// Indexes the searchable pages among `built` (the facts of every file of
/// a build, sorted by path), reading
/// each page's HTML with `read` only when its run is indexed: the build's
/// index, made without holding the site in memory. Runs `cache` kept from
/// an earlier build with the same pages are joined from it, not indexed
/// again; its unused entries are then pruned. A run is known by its pages'
/// digests: `digest` gives a page's length and digest when the build knows
/// them ([`crate::incremental::PageCache::digest`]); the others are read
/// and digested.
pub fn index_stored(
    built: &[Built],
    read: &(dyn Fn(&str) -> std::io::Result<Vec<u8>> + Sync),
    digest: &Known,
    cache: &RunCache,
) -> Result<Vec<OutputFile>, SearchError> {
    let pages: Vec<(Listed, Lang)> = built
        .iter()
        .filter_map(|f| {
            let page = f.page.as_deref().filter(|p| p.searchable)?;
            let listed = Listed {
                path: &f.path,
                url: &page.url,
                len: f.len,
            };
            Some((listed, page.lang))
        })
        .collect();
    let read = |path: &str| {
        read(path)
            .map(Cow::Owned)
            .map_err(|e| error(format!("{path}: could not read the page back: {e}")))
    };
    let index =
        index_runs(&pages, part_pages(), &read, digest, &|| false, cache)?.unwrap_or_default();
    cache.prune();
    Ok(index)
}

/// A page to index: its file, to read it by, its URL, to find it by, and
/// its length in bytes.
#[derive(Debug, Clone, Copy)]
struct Listed<'a> {
    path: &'a str,
    url: &'a str,
    len: usize,
}

/// A page's HTML by its path, borrowed or read when asked for.
type Read<'a> = dyn Fn(&str) -> Result<Cow<'a, [u8]>, SearchError> + Sync + 'a;

/// The length and digest ([`Digest::of`]) of the page at a path, when
/// known without reading it.
pub type Known<'a> = dyn Fn(&str) -> Option<(usize, Digest)> + Sync + 'a;

/// Indexes `pages` (each page's path and language, in the order given),
/// reading each page's HTML with `read` when its run is indexed.
///
/// Pagefind keeps every page it is given, parsed (its text, and each word
/// with its positions), until it writes the index, and then copies them
/// all once more; so one Pagefind over a whole site needs memory in
/// proportion to the site (3.6 GiB for 1,000 policies), and, looking up
/// each new page's URL among those it holds, time that grows with the
/// square of its pages. So each language's pages, in the order given, are
/// cut into runs of at most `part_pages` ([`stable_runs`]); each run is
/// read, then taken from `cache` or indexed
/// by a Pagefind of its own, one per core at a time, dropped as soon as
/// its files are made; the files wait for the join in `cache` (on the
/// disk, not in memory, when the cache is on); and the runs' indexes are joined into the one
/// index a single Pagefind over the language writes, byte for byte once
/// unpacked ([`join`]). Readers' results and their ranking are the same at any run
/// size.
fn index_runs(
    pages: &[(Listed, Lang)],
    part_pages: usize,
    read: &Read,
    known: &Known,
    cancelled: &(dyn Fn() -> bool + Sync),
    cache: &RunCache,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let all: Vec<Listed> = pages.iter().map(|(page, _)| *page).collect();
    // Keyed by the page's language tag, lowercased as Pagefind reads
    // `<html lang>`; the keys' order is the order the parts are merged in.
    let mut by_lang: BTreeMap<String, Vec<Listed>> = BTreeMap::new();
    for (page, lang) in pages {
        by_lang
            .entry(lang.tag().to_lowercase())
            .or_default()
            .push(*page);
    }
    if by_lang.is_empty() {
        return index_read(&all, read, cancelled);
    }
    // Each language's scripts from the cache; without them, its first
    // run is indexed again, which makes them.
    let common: BTreeMap<&str, Option<Vec<OutputFile>>> = by_lang
        .keys()
        .map(|lang| (lang.as_str(), cache.common(lang)))
        .collect();
    let runs: Vec<Run> = by_lang
        .iter()
        .flat_map(|(lang, pages)| {
            let kept = common[lang.as_str()].is_some();
            stable_runs(pages, part_pages)
                .into_iter()
                .enumerate()
                .map(move |(at, run)| Run {
                    lang: lang.as_str(),
                    pages: run,
                    fresh: at == 0 && !kept,
                })
        })
        .collect();
    let Some(built) = index_jobs(&runs, read, known, cancelled, cache)? else {
        return Ok(None);
    };
    let mut runs_of: BTreeMap<&str, Vec<Held>> = BTreeMap::new();
    for (run, files) in runs.iter().zip(built) {
        runs_of.entry(run.lang).or_default().push(files);
    }
    for (lang, runs) in &mut runs_of {
        if let (Some(Some(common)), Some(first)) = (common.get(lang), runs.first_mut()) {
            let mut files = std::mem::replace(first, Held::Files(Vec::new())).files(cache)?;
            files.extend(common.iter().cloned());
            files.sort_by(|a, b| a.path.cmp(&b.path));
            files.dedup_by(|a, b| a.path == b.path);
            *first = Held::Files(files);
        }
    }
    // The languages joined side by side, one per thread.
    let joined = std::thread::scope(|s| {
        let threads: Vec<_> = runs_of
            .into_iter()
            .map(|(lang, mut runs)| {
                let pages = &by_lang[lang];
                s.spawn(move || match runs.len() {
                    1 => (runs.pop())
                        .map(|run| run.files(cache).and_then(join::repacked))
                        .transpose(),
                    _ => match join::join(runs, cache, read)? {
                        Some(files) => Ok(Some(files)),
                        None => index_read(pages, read, cancelled),
                    },
                })
            })
            .collect();
        joined_all(threads)
    })?;
    let Some(mut languages) = joined else {
        return Ok(None);
    };
    if languages.len() == 1 {
        return Ok(languages.pop());
    }
    match merge(languages)? {
        Some(files) => Ok(Some(files)),
        // Two `lang` spellings Pagefind counts as one language: index together.
        None => index_read(&all, read, cancelled),
    }
}

/// A run's files: in memory, or kept in the run cache under their key
/// and read again when joined, so the runs indexed wait for the join on
/// the disk, not in memory.
enum Held {
    Files(Vec<OutputFile>),
    Kept(String),
}

impl Held {
    /// The run's files, read from `cache` if kept there.
    fn files(self, cache: &RunCache) -> Result<Vec<OutputFile>, SearchError> {
        match self {
            Held::Files(files) => Ok(files),
            Held::Kept(key) => cache.kept(&key).ok_or_else(|| {
                error(format!(
                    "the search run kept as {key} in .gazette-cache/search/ could not be read back \
                     while joining; build again (another process may have changed the cache)"
                ))
            }),
        }
    }
}

/// A run of one language's pages.
struct Run<'a> {
    lang: &'a str,
    pages: &'a [Listed<'a>],
    /// Indexed even if the cache has it (its language's scripts are not).
    fresh: bool,
}

/// `pages` (one language's, in order) cut into runs of at most
/// `part_pages` whose bounds stay put when pages elsewhere are edited,
/// added or removed: a run starts at a page whose path's hash is a
/// multiple of half of `part_pages` (or, in a stretch of pages without
/// one, after `part_pages` pages). So an edit changes the pages of the
/// runs around it only, and the other runs are found in the cache
/// ([`RunCache`]). Runs of any bounds join into the same index.
fn stable_runs<'a>(pages: &'a [Listed<'a>], part_pages: usize) -> Vec<&'a [Listed<'a>]> {
    let part_pages = part_pages.max(1);
    let every = (part_pages / 2).max(1) as u64;
    let starts_run = |page: &Listed| Digest::of(page.path.as_bytes()).is_multiple_of(every);
    let mut runs = Vec::new();
    let mut start = 0;
    for (at, page) in pages.iter().enumerate() {
        if at > start && (at - start >= part_pages || starts_run(page)) {
            runs.push(&pages[start..at]);
            start = at;
        }
    }
    if start < pages.len() {
        runs.push(&pages[start..]);
    }
    runs
}

/// Indexes each run of pages (of one language), one per core at a time,
/// each read and given to a Pagefind of its own that is dropped before
/// the thread takes the next: the files of each run, in order, or `None`
/// once `cancelled` says so.
fn index_jobs(
    runs: &[Run],
    read: &Read,
    known: &Known,
    cancelled: &(dyn Fn() -> bool + Sync),
    cache: &RunCache,
) -> Result<Option<Vec<Held>>, SearchError> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(runs.len());
    let done = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let at = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(run) = runs.get(at) else {
                            return Ok(Some(done));
                        };
                        match index_run(run, read, known, cancelled, cache)? {
                            Some(files) => done.push((at, files)),
                            None => return Ok(None),
                        }
                    }
                })
            })
            .collect();
        joined_all(workers)
    })?;
    let Some(done) = done else {
        return Ok(None);
    };
    let mut done: Vec<(usize, Held)> = done.into_iter().flatten().collect();
    done.sort_by_key(|(at, _)| *at);
    Ok(Some(done.into_iter().map(|(_, files)| files).collect()))
}

/// The files of `run`: taken from `cache` if an earlier build indexed the
/// same pages (known by their digests: from `known`, or read with `read`
/// and digested), else its pages read and indexed by a Pagefind on this
/// thread, and kept in `cache`. Files `cache` holds are left there until
/// the join.
fn index_run(
    run: &Run,
    read: &Read,
    known: &Known,
    cancelled: &(dyn Fn() -> bool + Sync),
    cache: &RunCache,
) -> Result<Option<Held>, SearchError> {
    let mut html: Vec<Option<Cow<[u8]>>> = run.pages.iter().map(|_| None).collect();
    let key = match cache.is_on() {
        true => {
            let mut digests = Vec::with_capacity(run.pages.len());
            for (page, bytes) in run.pages.iter().zip(&mut html) {
                digests.push(page_digest(page, read, known, bytes)?);
            }
            let pages = run.pages.iter().zip(digests).map(|(p, d)| (p.url, d));
            cache.key(run.lang, pages)
        }
        false => None,
    };
    if let Some(key) = key.as_deref().filter(|k| !run.fresh && cache.run(k)) {
        return Ok(Some(Held::Kept(key.to_owned())));
    }
    let html = run
        .pages
        .iter()
        .zip(html)
        .map(|(page, bytes)| bytes.map_or_else(|| read(page.path), Ok))
        .collect::<Result<Vec<_>, _>>()?;
    let pages: Vec<(Listed, &[u8])> = run
        .pages
        .iter()
        .zip(&html)
        .map(|(page, html)| (*page, html.as_ref()))
        .collect();
    let Some(files) = index_one(&pages, cancelled, Feed::Slim)? else {
        return Ok(None);
    };
    // A run whose language's scripts are kept once is read back from its
    // entry when joined; the first (`fresh`) stays in memory with them.
    match &key {
        Some(key) if cache.keep(key, run.lang, &files) && !run.fresh => {
            Ok(Some(Held::Kept(key.clone())))
        }
        Some(_) => Ok(Some(Held::Files(files))),
        None => {
            cache.indexed();
            Ok(Some(Held::Files(files)))
        }
    }
}

/// The digest of `page`'s bytes: as `known` gives it for the page's length,
/// else read with `read` (kept in `bytes`, for indexing) and digested. A
/// debug build reads the page anyway and fails on a digest that is not
/// its bytes', so the tests prove what `known` gives.
fn page_digest<'a>(
    page: &Listed,
    read: &Read<'a>,
    known: &Known,
    bytes: &mut Option<Cow<'a, [u8]>>,
) -> Result<Digest, SearchError> {
    let given = known(page.path).filter(|(len, _)| *len == page.len);
    if let (Some((_, digest)), false) = (given, cfg!(debug_assertions)) {
        return Ok(digest);
    }
    let html = bytes.insert(read(page.path)?);
    let digest = Digest::of(html);
    if let Some((_, given)) = given {
        assert_eq!(
            given, digest,
            "{}: the digest the build gave for the page is not its bytes'",
            page.path
        );
    }
    Ok(digest)
}

/// One Pagefind over `listed`, each page read with `read`, on this thread.
fn index_read(
    listed: &[Listed],
    read: &Read,
    cancelled: &(dyn Fn() -> bool + Sync),
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let html = listed
        .iter()
        .map(|page| read(page.path))
        .collect::<Result<Vec<_>, _>>()?;
    let pages: Vec<(Listed, &[u8])> = listed
        .iter()
        .zip(&html)
        .map(|(page, html)| (*page, html.as_ref()))
        .collect();
    index_one(&pages, cancelled, Feed::Slim)
}

/// Every indexing thread's result in order; `None` when one was cancelled,
/// the first error when one failed or panicked.
fn joined_all<T>(
    threads: Vec<std::thread::ScopedJoinHandle<'_, Result<Option<T>, SearchError>>>,
) -> Result<Option<Vec<T>>, SearchError> {
    threads
        .into_iter()
        .map(|t| {
            t.join()
                .unwrap_or_else(|_| Err(error("an indexing thread panicked")))
        })
        .collect()
}

fn error(message: impl Into<String>) -> SearchError {
    SearchError {
        message: message.into(),
    }
}

/// `pagefind-entry.json`, as Pagefind writes it (field order included).
#[derive(serde::Serialize, serde::Deserialize)]
struct Entry {
    version: String,
    languages: BTreeMap<String, EntryLanguage>,
    include_characters: Vec<char>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct EntryLanguage {
    hash: String,
    wasm: Option<String>,
    page_count: usize,
}

const ENTRY: &str = "pagefind/pagefind-entry.json";

/// The files of one Pagefind per language as one index: the languages of
/// the entry files joined, every other file (scripts, per-language
/// metadata, chunks and fragments) once. `None` when two parts hold the
/// same language.
fn merge(parts: Vec<Vec<OutputFile>>) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let mut entry: Option<Entry> = None;
    let mut files: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for part in parts {
        for f in part {
            if f.path != ENTRY {
                files.entry(f.path).or_insert(f.bytes);
                continue;
            }
            let next: Entry =
                serde_json::from_slice(&f.bytes).map_err(|e| error(format!("{ENTRY}: {e}")))?;
            match &mut entry {
                None => entry = Some(next),
                Some(entry) => {
                    for (lang, meta) in next.languages {
                        if entry.languages.insert(lang, meta).is_some() {
                            return Ok(None);
                        }
                    }
                }
            }
        }
    }
    if let Some(entry) = entry {
        let json = serde_json::to_vec(&entry).map_err(|e| error(format!("{ENTRY}: {e}")))?;
        files.insert(ENTRY.to_owned(), json);
    }
    Ok(Some(join::into_files(files)))
}

/// What of each page Pagefind is given.
#[derive(Debug, Clone, Copy)]
enum Feed {
    /// What it reads ([`slim::for_pagefind`]): what every build gives it.
    Slim,
    /// The whole page, cut as [`capped`] cuts it: what Pagefind's own
    /// command reads, to check [`Feed::Slim`] against.
    Whole,
}

/// The index of `files`' pages ([`Indexable`]) by one Pagefind given each
/// page whole (cut at [`MAX_PAGE_TEXT`] like every page), as Pagefind's
/// own command reads a site: what the index every build makes from the
/// slimmer pages it gives Pagefind must equal (`tests/suite/search_slim.rs`).
pub fn index_whole_pages<'a>(
    files: impl IntoIterator<Item = Indexable<'a>>,
) -> Result<Vec<OutputFile>, SearchError> {
    let pages: Vec<(Listed, &[u8])> = files
        .into_iter()
        .map(|p| {
            let listed = Listed {
                path: p.path,
                url: p.url,
                len: p.html.len(),
            };
            (listed, p.html)
        })
        .collect();
    Ok(index_one(&pages, &|| false, Feed::Whole)?.unwrap_or_default())
}

/// One Pagefind over `pages`, each given it as `feed` says, on this thread.
fn index_one(
    pages: &[(Listed, &[u8])],
    cancelled: &(dyn Fn() -> bool + Sync),
    feed: Feed,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| error(format!("could not start the indexing runtime: {e}")))?;
    runtime.block_on(index_async(pages, cancelled, feed))
}

async fn index_async(
    pages: &[(Listed<'_>, &[u8])],
    cancelled: &(dyn Fn() -> bool + Sync),
    feed: Feed,
) -> Result<Option<Vec<OutputFile>>, SearchError> {
    let config = PagefindServiceConfig::builder()
        .root_selector(ROOT.into())
        .exclude_selectors(
            slim::EXCLUDED
                .iter()
                .chain(LABELS.iter())
                .map(|s| s.to_string())
                .collect(),
        )
        .build();
    let mut index = PagefindIndex::new(Some(config)).map_err(|e| error(e.to_string()))?;
    for &(page, bytes) in pages {
        if cancelled() {
            return Ok(None);
        }
        let text = String::from_utf8_lossy(bytes);
        let html = match feed {
            Feed::Slim => slim::for_pagefind(&text, MAX_PAGE_TEXT),
            Feed::Whole => capped(&text, MAX_PAGE_TEXT).into_owned(),
        };
        index
            .add_html_file(None, Some(page.url.to_owned()), html)
            .await
            .map_err(|e| error(format!("{}: {e}", page.path)))?;
    }
    let built = index.get_files().await.map_err(|e| error(e.to_string()))?;
    let mut out: Vec<OutputFile> = built
        .into_iter()
        .map(|f| OutputFile {
            path: format!("{DIR}/{}", f.filename.to_string_lossy().replace('\\', "/")),
            bytes: f.contents,
            page: None,
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Some(out))
}

/// `html` cut before the first tag that follows the `limit`-th character
/// of text after `<main` (the page unchanged when it has no more). The
/// cut page ends with `</main></body></html>`; an element left open by the
/// cut is closed by the HTML parser, as at the end of any document.
pub fn capped(html: &str, limit: usize) -> std::borrow::Cow<'_, str> {
    let Some(main) = html.find("<main") else {
        return html.into();
    };
    if html.len() - main <= limit {
        // Fewer bytes than `limit`, so fewer characters of text.
        return html.into();
    }
    let mut text = 0;
    let mut in_tag = false;
    for (at, c) in html[main..].char_indices() {
        match c {
            '<' if text >= limit => {
                let cut = &html[..main + at];
                return format!("{cut}</main></body></html>").into();
            }
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text += 1,
            _ => {}
        }
    }
    html.into()
}

/// Bytes of the index proper (metadata, word index chunks and page
/// fragments) among `files` (each file's path and size), without
/// Pagefind's scripts and WebAssembly.
pub fn index_bytes<'a>(files: impl IntoIterator<Item = (&'a str, usize)>) -> usize {
    files
        .into_iter()
        .filter(|(path, _)| in_index(path))
        .filter(|(path, _)| {
            path.ends_with(".pf_meta")
                || path.ends_with(".pf_index")
                || path.ends_with(".pf_fragment")
                || path.ends_with(".pf_filter")
        })
        .map(|(_, len)| len)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::capped;

    #[test]
    fn capped_cuts_before_the_first_tag_past_the_limit_of_main_text() {
        let html = "<html><head><title>T</title></head><body><main><p>abc</p><p>def</p><p>ghi</p></main><footer>f</footer></body></html>";
        assert_eq!(capped(html, 100), html, "short pages are unchanged");
        assert_eq!(
            capped(html, 4),
            "<html><head><title>T</title></head><body><main><p>abc</p><p>def</main></body></html>"
        );
        assert_eq!(capped("<p>no main</p>", 1), "<p>no main</p>");
    }
}
