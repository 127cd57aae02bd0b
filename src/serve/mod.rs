//! `gazette serve`: the dev server. Builds the site into memory, serves it
//! over HTTP, watches `seeds/`, `content/` and `themes/`, rebuilds on change
//! and tells open pages to reload.
//!
//! Takes [`ServeOptions`]; gives a running [`Server`]. It owns its own
//! state (the last good site, a generation counter and the last error,
//! behind a mutex and condvar), which nothing in the build path shares.
//! Invariants: requests are answered only from the in-memory map of the
//! last good build, so no request can reach a file on disk ([`http`]); the
//! reload script exists only in responses, never in built output
//! ([`reload`]); a failed rebuild keeps the last good site.

mod http;
mod reload;

pub use http::resolve;

use crate::diag::{convert, snippet, Diagnostic};
use crate::BuildOptions;
use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
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
    },
    Failed {
        generation: u64,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Called after every build; the CLI prints from it.
pub type OnBuild = Box<dyn Fn(&Outcome) + Send + Sync>;

/// The served site and the state pages poll for.
#[derive(Default)]
pub(crate) struct Site {
    /// Path relative to the site root (`zh/index.html`) → bytes.
    pub files: HashMap<String, Vec<u8>>,
    /// Whether any build has succeeded yet.
    pub ready: bool,
    /// Counts build attempts, good and bad; pages reload when it grows.
    pub generation: u64,
    /// The last attempt's error, rendered as text, while it stands.
    pub error: Option<String>,
}

pub(crate) struct State {
    pub site: Mutex<Site>,
    pub changed: Condvar,
}

impl State {
    pub fn lock(&self) -> std::sync::MutexGuard<'_, Site> {
        // A panic in another request thread must not take the server down.
        self.site.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A running server. Dropping it without [`Server::stop`] leaves the
/// threads running until the process ends.
pub struct Server {
    addr: SocketAddr,
    http: Arc<tiny_http::Server>,
    http_thread: Option<std::thread::JoinHandle<()>>,
    watch_thread: Option<std::thread::JoinHandle<()>>,
    debouncer: Option<Debouncer<RecommendedWatcher>>,
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
        if let Some(t) = self.http_thread.take() {
            let _ = t.join();
        }
    }

    /// Stops watching and serving, and waits for both threads.
    pub fn stop(mut self) {
        self.debouncer.take();
        self.http.unblock();
        if let Some(t) = self.http_thread.take() {
            let _ = t.join();
        }
        if let Some(t) = self.watch_thread.take() {
            let _ = t.join();
        }
    }
}

/// Binds, builds once, then serves and watches in background threads.
pub fn start(opts: ServeOptions, on_build: OnBuild) -> Result<Server, ServeError> {
    let wanted = SocketAddr::new(opts.bind, opts.port);
    let http = tiny_http::Server::http(wanted).map_err(|e| ServeError::Bind {
        addr: wanted.to_string(),
        message: e.to_string(),
    })?;
    let addr = http.server_addr().to_ip().unwrap_or(wanted);
    let http = Arc::new(http);
    let state = Arc::new(State {
        site: Mutex::new(Site::default()),
        changed: Condvar::new(),
    });
    let host = if addr.ip().is_unspecified() {
        SocketAddr::new(IpAddr::from([127, 0, 0, 1]), addr.port())
    } else {
        addr
    };
    let mut build_opts = BuildOptions::new(&opts.root);
    build_opts.base_url = Some(format!("http://{host}/"));
    let on_build: Arc<OnBuild> = Arc::new(on_build);
    rebuild(&build_opts, &state, &on_build);

    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer =
        new_debouncer(Duration::from_millis(150), tx).map_err(|e| ServeError::Watch {
            path: opts.root.clone(),
            message: e.to_string(),
        })?;
    for dir in watched(&opts.root) {
        let mode = if dir == opts.root {
            RecursiveMode::NonRecursive
        } else {
            RecursiveMode::Recursive
        };
        debouncer
            .watcher()
            .watch(&dir, mode)
            .map_err(|e| ServeError::Watch {
                path: dir.clone(),
                message: e.to_string(),
            })?;
    }
    let watch_thread = {
        let state = Arc::clone(&state);
        // The watcher reports absolute paths; `--root .` must match them.
        let root = std::fs::canonicalize(&opts.root).unwrap_or_else(|_| opts.root.clone());
        std::thread::spawn(move || {
            while let Ok(events) = rx.recv() {
                let relevant = match events {
                    Ok(events) => events.iter().any(|e| is_source(&root, &e.path)),
                    Err(_) => true,
                };
                // Coalesce whatever else arrived meanwhile into this rebuild.
                while rx.try_recv().is_ok() {}
                if relevant {
                    rebuild(&build_opts, &state, &on_build);
                }
            }
        })
    };
    let http_thread = {
        let http = Arc::clone(&http);
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            while let Ok(request) = http.recv() {
                let state = Arc::clone(&state);
                std::thread::spawn(move || http::handle(request, &state));
            }
        })
    };
    Ok(Server {
        addr,
        http,
        http_thread: Some(http_thread),
        watch_thread: Some(watch_thread),
        debouncer: Some(debouncer),
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

fn is_source(root: &Path, path: &Path) -> bool {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let first = rel.components().next().and_then(|c| c.as_os_str().to_str());
    matches!(first, Some("seeds" | "content" | "themes"))
}

/// Builds in memory and swaps the result in, or records the error and
/// keeps the last good site.
fn rebuild(opts: &BuildOptions, state: &State, on_build: &OnBuild) {
    let started = Instant::now();
    let result = crate::render_site(opts);
    let outcome = {
        let mut site = state.lock();
        site.generation += 1;
        let generation = site.generation;
        match result {
            Ok(rendered) => {
                site.files = rendered
                    .files
                    .into_iter()
                    .map(|f| (f.path, f.bytes))
                    .collect();
                site.ready = true;
                site.error = None;
                Outcome::Built {
                    generation,
                    pages: site.files.keys().filter(|p| p.ends_with(".html")).count(),
                    files: site.files.len(),
                    elapsed: started.elapsed(),
                    warnings: rendered.warnings,
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
    state.changed.notify_all();
    on_build(&outcome);
}
