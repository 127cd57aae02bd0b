//! `gazette serve`: the dev server. Builds the site into memory, serves it
//! over HTTP, watches `seeds/`, `content/` and `themes/`, rebuilds on change
//! and tells open pages to reload.
//!
//! Takes [`ServeOptions`]; gives a running [`Server`]. It owns its own
//! state (the last good site, a generation counter and the last error,
//! behind a mutex, and the signal that tells the connection thread of a
//! change), which nothing in the build path shares.
//! Invariants: requests are answered only from the in-memory map of the
//! last good build, so no request can reach a file on disk ([`http`]); the
//! reload script exists only in responses, never in built output
//! ([`reload`]); a failed rebuild keeps the last good site; however many
//! connections clients open, the server's threads and memory stay bounded
//! ([`conn`]). Bound to an address other machines can reach, it says so
//! ([`network_warning`]).
//!
//! Beside the site it serves the review of every policy at `/_review/`
//! ([`crate::review`]), which no build writes.
//!
//! So an edit shows at once, a rebuild renders only the pages whose
//! inputs changed, taking the others from the last good build's files
//! ([`crate::incremental`], as `gazette build` takes them from `public/`),
//! shared, not copied; it also keeps in memory each seed's parse, each
//! policy's doubts, its review pages, publish's records and the pages
//! whose links it checked, so it parses, reviews, publishes and checks
//! again only what an edit changed;
//! it skips the search index (its slowest step) and is swapped in
//! straight away; an indexer thread
//! then indexes that build's pages and adds `pagefind/` to the served site
//! — only if no newer build was swapped in meanwhile (it stops early when
//! one is), indexing only the runs of pages with a changed page and
//! joining the others from its run cache, as `build` does, and taking
//! each word chunk the index it serves already holds instead of
//! compressing it again. Until then the
//! previous build's index stays served, so search keeps working, a few
//! seconds stale. The run cache is a temporary folder of serve's own,
//! removed when it stops: serve writes nothing into the portal.
//!
//! The watcher's events are debounced here, by a loop of a few lines, not
//! by notify's debouncer crates, for two reasons. A rebuild reads every
//! source, and inotify reports each read (`EventKind::Access`); only the
//! event's kind tells a read from a change, and `notify-debouncer-mini`
//! hands on a path with `Any`/`AnyContinuous` instead of the kind, so every
//! rebuild started the next one (tried, and reverted). And both
//! debouncers, `notify-debouncer-full` too, debounce each path on its own:
//! an event is handed on once *it* is `timeout` old, so a burst longer than
//! the timeout (a `git checkout`, a folder of seeds copied in) comes out
//! in several batches and would start several rebuilds, where the loop
//! below rebuilds once, when the whole tree has been quiet for
//! [`DEBOUNCE`].

mod conn;
mod http;
mod reload;

pub use conn::HEAD_TIMEOUT;
pub use http::resolve;

use crate::diag::{convert, snippet, Diagnostic};
use crate::publish::search;
use crate::BuildOptions;
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Where to serve what.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    /// 127.0.0.1 unless the user asked for another address.
    pub bind: IpAddr,
    /// 0 picks a free port (tests).
    pub port: u16,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot listen on {addr}: {message}\n  help: another program may use that port; try --port with another number")]
    Bind { addr: String, message: String },
    #[error("cannot start serving: {0}")]
    Start(#[source] std::io::Error),
    #[error("cannot watch {path} for changes: {message}")]
    Watch { path: PathBuf, message: String },
}

/// What one build (the first or a rebuild) came to, for the terminal.
#[derive(Debug)]
pub enum Outcome {
    Built {
        generation: u64,
        pages: usize,
        files: usize,
        elapsed: Duration,
        warnings: Vec<Diagnostic>,
        /// Each stage's time and the peak memory after it (`serve -v`).
        timings: crate::Timings,
    },
    Failed {
        generation: u64,
        diagnostics: Vec<Diagnostic>,
    },
    /// The search index of build `generation` is served (after `Built`).
    Indexed {
        generation: u64,
        elapsed: Duration,
        index_bytes: usize,
        /// How many runs of pages were taken from the last index, and how
        /// many indexed ([`search::RunCache`]).
        runs: (usize, usize),
    },
    /// Indexing build `generation` failed; its site is served without a
    /// fresh index.
    IndexFailed { generation: u64, message: String },
}

/// How long the watcher waits for a burst of changes (an editor's
/// write-then-rename, a `git checkout`) to go quiet before rebuilding.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Called after every build; the CLI prints from it.
pub type OnBuild = Box<dyn Fn(&Outcome) + Send + Sync>;

/// The served site and the state pages poll for.
#[derive(Default)]
pub(crate) struct Site {
    /// Path relative to the site root (`zh/index.html`) → bytes, shared
    /// with the indexer thread without copying.
    pub files: crate::incremental::HeldFiles,
    /// Whether any build has succeeded yet.
    pub ready: bool,
    /// The generation whose pages `files` holds (the last good build); an
    /// index made for another one is stale and dropped.
    pub built: u64,
    /// Counts build attempts, good and bad; pages reload when it grows.
    pub generation: u64,
    /// The last attempt's error, rendered as text, while it stands.
    pub error: Option<String>,
    /// What the last good build's pages were rendered from: a rebuild
    /// renders only pages whose inputs changed ([`crate::incremental`]).
    pub pages: crate::incremental::Records,
    /// Each seed's parse, publish's records, each policy's doubts and the
    /// files whose links resolved, kept for the next build: a rebuild
    /// parses, reviews, publishes and checks only what changed.
    pub kept: crate::BuildMemory,
    /// The review pages, kept so a rebuild renders only those that changed.
    pub reviews: crate::render::ReviewMemo,
}

pub(crate) struct State {
    pub site: Mutex<Site>,
    /// Wakes the connection thread, which holds the reload polls, when
    /// the generation grows (and when the server stops).
    pub signal: Arc<conn::Signal>,
}

impl State {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Site> {
        // A panic in a worker or another thread must not take the server down.
        self.site.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A warning to print when `ip` is reachable from other machines: every
/// address but loopback (`127.0.0.0/8`, `::1`).
pub fn network_warning(ip: IpAddr) -> Option<String> {
    let loopback = match ip {
        IpAddr::V4(v4) => v4.is_loopback(),
        IpAddr::V6(v6) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
    };
    (!loopback).then(|| {
        let reach = if ip.is_unspecified() {
            "every network this machine is on"
        } else {
            "the network that address is on"
        };
        format!(
            "warning: serving on {ip}, so anyone on {reach} can open this preview, \
             drafts included\n  help: leave out --bind (or use --bind 127.0.0.1) to keep it to this machine"
        )
    })
}

/// A running server. Dropping it without [`Server::stop`] leaves the
/// threads running until the process ends.
pub struct Server {
    addr: SocketAddr,
    signal: Arc<conn::Signal>,
    /// The connection thread and the workers.
    http_threads: Vec<std::thread::JoinHandle<()>>,
    watch_thread: Option<std::thread::JoinHandle<()>>,
    index_thread: Option<std::thread::JoinHandle<()>>,
    watcher: Option<RecommendedWatcher>,
}

impl Server {
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Serves until the process is stopped.
    pub fn wait(mut self) {
        for t in self.http_threads.drain(..) {
            let _ = t.join();
        }
    }

    /// Stops watching, serving and indexing, and waits for the threads.
    pub fn stop(mut self) {
        self.watcher.take();
        self.signal.stop();
        for t in self.http_threads.drain(..) {
            let _ = t.join();
        }
        // The watch thread holds the indexer's only sender: once it ends,
        // the indexer finishes its job in hand and ends too.
        if let Some(t) = self.watch_thread.take() {
            let _ = t.join();
        }
        if let Some(t) = self.index_thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds, builds once, then serves and watches in background threads.
pub fn start(opts: ServeOptions, on_build: OnBuild) -> Result<Server, ServeError> {
    let wanted = SocketAddr::new(opts.bind, opts.port);
    let listener = std::net::TcpListener::bind(wanted).map_err(|e| ServeError::Bind {
        addr: wanted.to_string(),
        message: e.to_string(),
    })?;
    let addr = listener.local_addr().unwrap_or(wanted);
    let (poll, signal) = conn::poll().map_err(ServeError::Start)?;
    let state = Arc::new(State {
        site: Mutex::new(Site::default()),
        signal: Arc::clone(&signal),
    });
    let host = if addr.ip().is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), addr.port())
    } else {
        addr
    };
    let mut build_opts = BuildOptions::new(&opts.root);
    build_opts.base_url = Some(format!("http://{host}/"));
    build_opts.search = false;
    let on_build: Arc<OnBuild> = Arc::new(on_build);
    let (jobs, job_rx) = std::sync::mpsc::channel::<IndexJob>();
    let index_thread = {
        let (state, on_build) = (Arc::clone(&state), Arc::clone(&on_build));
        std::thread::spawn(move || indexer(&job_rx, &state, &on_build))
    };
    rebuild(&build_opts, &state, &on_build, &jobs);

    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| ServeError::Watch {
        path: opts.root.clone(),
        message: e.to_string(),
    })?;
    for dir in watched(&opts.root) {
        let mode = if dir == opts.root {
            RecursiveMode::NonRecursive
        } else {
            RecursiveMode::Recursive
        };
        watcher.watch(&dir, mode).map_err(|e| ServeError::Watch {
            path: dir.clone(),
            message: e.to_string(),
        })?;
    }
    let watch_thread = {
        let state = Arc::clone(&state);
        // The watcher reports absolute paths; `--root .` must match them.
        let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
        std::thread::spawn(move || {
            while let Ok(event) = rx.recv() {
                if !is_change(&root, &event) {
                    continue;
                }
                // Debounce: rebuild once changes have been quiet for DEBOUNCE.
                let mut quiet_at = Instant::now() + DEBOUNCE;
                loop {
                    let left = quiet_at.saturating_duration_since(Instant::now());
                    match rx.recv_timeout(left) {
                        Ok(e) if is_change(&root, &e) => quiet_at = Instant::now() + DEBOUNCE,
                        Ok(_) => {}
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => break,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                    }
                }
                // Changes made during the rebuild queue up and start the next.
                rebuild(&build_opts, &state, &on_build, &jobs);
            }
        })
    };
    let http_threads = conn::serve(poll, listener, state).map_err(ServeError::Start)?;
    Ok(Server {
        addr,
        signal,
        http_threads,
        watch_thread: Some(watch_thread),
        index_thread: Some(index_thread),
        watcher: Some(watcher),
    })
}

/// The folders whose changes trigger a rebuild, plus the root itself
/// (non-recursively) so a `themes/` created later is noticed.
fn watched(root: &Path) -> Vec<PathBuf> {
    let mut dirs = vec![root.to_owned()];
    dirs.extend(
        ["seeds", "content", "themes"]
            .iter()
            .map(|d| root.join(d))
            .filter(|d| d.is_dir()),
    );
    dirs
}

/// Whether a watcher event changes a source. Not reads: the watcher (inotify)
/// reports every file opened, so counting them would make each rebuild,
/// which reads every source, trigger the next one, forever.
fn is_change(root: &Path, event: &notify::Result<Event>) -> bool {
    match event {
        Ok(e) => {
            !matches!(e.kind, EventKind::Access(_)) && e.paths.iter().any(|p| is_source(root, p))
        }
        Err(_) => true,
    }
}

fn is_source(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str());
    matches!(first, Some("seeds" | "content" | "themes"))
}

/// Builds in memory (without the search index) and swaps the result in,
/// then asks the indexer for its index; or records the error and keeps the
/// last good site.
fn rebuild(opts: &BuildOptions, state: &State, on_build: &OnBuild, jobs: &Sender<IndexJob>) {
    let started = Instant::now();
    let (cache, recall, reviews) = {
        let site = state.lock();
        let cache = crate::incremental::PageCache::in_memory(
            &opts.root,
            site.pages.clone(),
            Arc::clone(&site.files),
            &site.kept.published,
        );
        (cache, site.kept.recall(), site.reviews.clone())
    };
    let store = crate::InMemory::default();
    let result = crate::make_site(opts, &cache, &recall, &store)
        .map(|m| Served::of(opts, m, store, &recall.doubts, &reviews));
    let mut job = None;
    let outcome = {
        let mut site = state.lock();
        site.generation += 1;
        let generation = site.generation;
        match result {
            Ok(Served {
                mut files,
                searchable,
                warnings,
                timings,
            }) => {
                // Counted without the index, which is reported once made.
                let pages = files.keys().filter(|p| p.ends_with(".html")).count();
                let made = files.len();
                // The previous index serves searches until this build's is made.
                let index = site.files.iter().filter(|(p, _)| search::in_index(p));
                files.extend(index.map(|(p, bytes)| (p.clone(), Arc::clone(bytes))));
                job = Some(IndexJob {
                    generation,
                    pages: searchable
                        .into_iter()
                        .filter_map(|(p, url, lang)| {
                            let html = Arc::clone(files.get(&p)?);
                            let digest = cache.digest(&p).map(|(_, digest)| digest);
                            Some(Searchable {
                                path: p,
                                url,
                                lang,
                                html,
                                digest,
                            })
                        })
                        .collect(),
                });
                site.files = Arc::new(files);
                site.pages = cache.into_records();
                site.built = generation;
                site.ready = true;
                site.error = None;
                Outcome::Built {
                    generation,
                    pages,
                    files: made,
                    elapsed: started.elapsed(),
                    warnings,
                    timings,
                }
            }
            Err(e) => {
                let diagnostics = convert::from_build_error(&e, &opts.root);
                site.error = Some(snippet::render_all(&diagnostics, &opts.root, false));
                Outcome::Failed {
                    generation,
                    diagnostics,
                }
            }
        }
    };
    state.signal.wake();
    if let Some(job) = job {
        // Fails only when the indexer is gone, i.e. the server is stopping.
        let _ = jobs.send(job);
    }
    on_build(&outcome);
}

/// A rendered site made ready to serve, outside the lock requests wait on:
/// its files by path with the review pages, and its searchable pages.
struct Served {
    files: crate::incremental::PathMap<Arc<Vec<u8>>>,
    /// Each searchable page's file, URL and language.
    searchable: Vec<(String, String, crate::model::Lang)>,
    warnings: Vec<Diagnostic>,
    timings: crate::Timings,
}

impl Served {
    fn of(
        opts: &BuildOptions,
        made: crate::MadeSite,
        store: crate::InMemory,
        doubts: &crate::review::Memo,
        reviews: &crate::render::ReviewMemo,
    ) -> Served {
        let mut timings = made.timings;
        let reviews = timings.time("review pages", || {
            review_pages(opts, &made.portal, doubts, reviews)
        });
        let searchable = made
            .built
            .iter()
            .filter_map(|f| {
                let page = f.page.as_deref().filter(|p| p.searchable)?;
                Some((f.path.clone(), page.url.to_string(), page.lang))
            })
            .collect();
        let mut files = store.into_shared();
        files.extend(reviews);
        Served {
            files,
            searchable,
            warnings: made.warnings,
            timings,
        }
    }
}

/// The review pages (`/_review/…`), served beside the site and never part
/// of a build. A theme whose `review.html` fails gets the error in their
/// place, so the review is never silently missing.
fn review_pages(
    opts: &BuildOptions,
    portal: &crate::link::Portal,
    doubts: &crate::review::Memo,
    made: &crate::render::ReviewMemo,
) -> Vec<crate::render::ReviewFile> {
    let pages = crate::render::Theme::load(&opts.root, &portal.site.theme)
        .and_then(|theme| crate::render::review_pages(portal, &theme, doubts, made));
    pages.unwrap_or_else(|e| {
        let url = portal.urls.review(None);
        let path = crate::link::urls::file_for(&url, portal.urls.base_path());
        let message = crate::render::escape_html(&e.to_string()).into_bytes();
        vec![(path, Arc::new(message))]
    })
}

/// A build's pages to index, by the indexer thread.
struct IndexJob {
    generation: u64,
    pages: Vec<Searchable>,
}

/// A page to index: its file, URL, language and HTML, with the digest of
/// its HTML the page cache recorded, when it did.
struct Searchable {
    path: String,
    url: String,
    lang: crate::model::Lang,
    html: Arc<Vec<u8>>,
    digest: Option<crate::incremental::Digest>,
}

/// Indexes the latest build it is sent (skipping any that a newer one
/// outdated before it started) and swaps the index into the served site
/// if that build is still the one served. Runs of pages the last index
/// kept in the indexer's temporary run cache ([`search::RunCache`]) are
/// joined from there, not indexed again; without that folder every run is
/// indexed. Ends when the sender is dropped, removing the folder.
fn indexer(jobs: &Receiver<IndexJob>, state: &State, on_build: &OnBuild) {
    let kept = tempfile::tempdir().ok();
    while let Ok(mut job) = jobs.recv() {
        while let Ok(newer) = jobs.try_recv() {
            job = newer;
        }
        let started = Instant::now();
        let stale = || state.lock().built != job.generation;
        let pages = job.pages.iter().map(|page| search::Indexable {
            path: &page.path,
            url: &page.url,
            lang: page.lang,
            html: &page.html,
            digest: page.digest,
        });
        // Each job uses the runs the last one kept, and prunes the rest.
        let runs = match &kept {
            Some(dir) => search::RunCache::load(dir.path()),
            None => search::RunCache::off(),
        };
        // The index served now: its word chunks that this one writes
        // again are taken from it, not compressed again.
        let previous: HashMap<String, Arc<Vec<u8>>> = state
            .lock()
            .files
            .iter()
            .filter(|(p, _)| search::in_index(p))
            .map(|(p, bytes)| (p.clone(), Arc::clone(bytes)))
            .collect();
        let previous = |path: &str| previous.get(path).map(|b| b.as_slice());
        let outcome = match search::index_pages(pages, &previous, &stale, &runs) {
            Ok(Some(index)) => {
                runs.prune();
                let index_bytes =
                    search::index_bytes(index.iter().map(|f| (f.path.as_str(), f.bytes.len())));
                let mut site = state.lock();
                if site.built != job.generation {
                    continue;
                }
                // Copies the map only if a rebuild holds it now.
                let files = Arc::make_mut(&mut site.files);
                files.retain(|p, _| !search::in_index(p));
                files.extend(index.into_iter().map(|f| (f.path, Arc::new(f.bytes))));
                Outcome::Indexed {
                    generation: job.generation,
                    elapsed: started.elapsed(),
                    index_bytes,
                    runs: runs.counts(),
                }
            }
            Ok(None) => continue,
            Err(e) => Outcome::IndexFailed {
                generation: job.generation,
                message: e.to_string(),
            },
        };
        on_build(&outcome);
    }
}
