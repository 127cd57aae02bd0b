//! gazette turns policy documents of the notice + action plan + breakdown
//! table genre into a cross-linked bilingual static site.
//!
//! The pipeline, one module a stage, each taking the previous stage's value:
//! `seeds/` → [`source`] (Word, web page → text) → [`parse`] → [`content`] → [`link`] → [`render`] → [`publish`] → [`write`].
//! [`build`] is those calls in order (as [`make_site`] makes them, with
//! the portal dropped before the search index), every file handed to the
//! staging folder as it is made and only its facts kept, so no stage
//! holds the whole site ([`Store`]).

pub mod check;
pub mod content;
pub mod diag;
pub mod import;
pub mod incremental;
pub mod init;
pub mod inspect;
pub mod lifecycle;
pub mod link;
pub mod model;
pub mod parse;
pub mod publish;
pub mod rekey;
pub mod render;
pub mod review;
pub mod seeds;
pub mod serve;
pub mod source;
pub mod text;
pub mod translate;
pub mod write;

use diag::{Diagnostic, Severity};
use model::{Policy, PolicyId};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The portal folder holding `seeds/`, `content/` and maybe `themes/`.
    pub root: PathBuf,
    /// Output folder; `root/public` by default.
    pub out: PathBuf,
    /// Overrides `base_url` from `content/site.yaml`.
    pub base_url: Option<String>,
    /// Add the build's new URLs to `content/urls.lock` once the site is
    /// written. Off by default so tests and `serve` leave `content/` alone;
    /// `gazette build` turns it on. The check against the lock always runs.
    pub update_lock: bool,
    /// Build the Pagefind search index (`pagefind/`). On by default; the
    /// slowest step of a build by far, so `gazette build --no-search`,
    /// `serve` (which indexes in the background) and tests that do not
    /// search turn it off. Nothing else depends on it: no page links into
    /// `pagefind/` and its files are not in `content/urls.lock`. Off, the
    /// output has no `pagefind/` folder, so the site's search finds nothing.
    pub search: bool,
    /// Reuse the pages whose inputs did not change since the last build
    /// ([`incremental`]), and record this build's for the next in
    /// `.gazette-cache/` beside `content/`. Off by default, like
    /// `update_lock`, so tests leave the portal alone; `gazette build`
    /// turns it on unless `--full` (the output is the same, byte for byte,
    /// only slower to make).
    pub incremental: bool,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        BuildOptions {
            out: root.join("public"),
            root,
            base_url: None,
            update_lock: false,
            search: true,
            incremental: false,
        }
    }
}

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub policies: usize,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub warnings: Vec<Diagnostic>,
    /// Size of the search index proper (without Pagefind's scripts).
    pub search_index_bytes: usize,
    /// Pages taken from the last build instead of rendered ([`incremental`]).
    pub pages_reused: usize,
    /// Search index runs taken from the last build's instead of indexed,
    /// and runs indexed ([`publish::search::RunCache`]).
    pub search_runs: (usize, usize),
    /// How long each stage took, in pipeline order (`gazette build -v`).
    pub timings: Timings,
}

impl BuildReport {
    /// How long the search index took; `None` when it was not built.
    pub fn search_time(&self) -> Option<Duration> {
        self.timings.of(SEARCH_STAGE)
    }
}

/// The stage name the search index is timed under.
const SEARCH_STAGE: &str = "search index";

/// Wall time per pipeline stage, in the order the stages ran, and the
/// process's peak resident memory when each ended ([`peak_memory`]): the
/// first stage whose figure is the build's peak is where it was reached.
/// In a build the first, `stage`, runs beside `load` and `review`.
#[derive(Debug, Default, Clone)]
pub struct Timings(pub Vec<Stage>);

/// One stage of [`Timings`].
#[derive(Debug, Clone)]
pub struct Stage {
    pub name: &'static str,
    pub took: Duration,
    /// The peak resident memory of the process so far, in bytes; `None`
    /// where the system does not say.
    pub peak: Option<u64>,
}

impl Timings {
    /// Runs `f`, recording its wall time under `stage`.
    pub(crate) fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let value = f();
        self.record(stage, started.elapsed(), peak_memory());
        value
    }

    /// Records that `stage` took `took`, the process's peak being `peak`
    /// when it ended.
    fn record(&mut self, stage: &'static str, took: Duration, peak: Option<u64>) {
        // Linux's figure can fall: it is the larger of the resident size
        // now and a high-water mark updated only when memory is unmapped,
        // not when the allocator hands pages back with `madvise` (seen in
        // the unit tests, other tests' threads allocating and freeing).
        // The peak so far is the largest figure read.
        let before = self.0.last().and_then(|s| s.peak);
        self.0.push(Stage {
            name: stage,
            took,
            peak: peak.max(before),
        });
    }

    /// Adds the stages of `other`, timed on another thread, after these.
    fn extend(&mut self, other: Timings) {
        for s in other.0 {
            self.record(s.name, s.took, s.peak);
        }
    }

    /// How long `stage` took, if it ran.
    pub fn of(&self, stage: &str) -> Option<Duration> {
        self.0.iter().find(|s| s.name == stage).map(|s| s.took)
    }

    /// "load 0.12 s, render 0.40 s, …".
    pub fn summary(&self) -> String {
        self.0
            .iter()
            .map(|s| format!("{} {:.2} s", s.name, s.took.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "load 0.31, render 0.77, …" (GiB): the peak so far after each
    /// stage; empty where the system does not say.
    pub fn peaks(&self) -> String {
        self.0
            .iter()
            .filter_map(|s| Some(format!("{} {:.2}", s.name, s.peak? as f64 / GIB)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

const GIB: f64 = (1u64 << 30) as f64;

/// The peak resident memory of this process so far, in bytes (Linux's
/// `VmHWM`); `None` elsewhere.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kib: u64 = line.trim().strip_suffix("kB")?.trim().parse().ok()?;
    Some(kib * 1024)
}

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    #[error(transparent)]
    Seeds(#[from] seeds::SeedError),
    #[error(transparent)]
    Source(#[from] source::SourceError),
    #[error(transparent)]
    Parse(#[from] parse::ParseError),
    #[error(transparent)]
    Content(#[from] content::ContentError),
    #[error(transparent)]
    Render(#[from] render::RenderError),
    #[error(transparent)]
    Write(#[from] write::WriteError),
    #[error(transparent)]
    Publish(#[from] publish::PublishError),
    #[error("{}", render_list(.0))]
    Diagnostics(Vec<Diagnostic>),
    #[error("{} broken internal links; the output folder was left as it was:\n{}", .0.len(), broken_list(.0))]
    BrokenLinks(Vec<publish::links::BrokenLink>),
}

impl BuildError {
    /// Whether the output folder is still exactly what it was before the
    /// build: true of every failure but a URL lock that could not be
    /// written after a site that could not be put back.
    pub fn output_unchanged(&self) -> bool {
        match self {
            BuildError::Write(e) => e.output_unchanged(),
            _ => true,
        }
    }
}

fn render_list(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

fn broken_list(links: &[publish::links::BrokenLink]) -> String {
    links
        .iter()
        .map(|l| format!("  {}: {} ({})", l.page, l.href, l.reason))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads, parses and links a portal without rendering: what `build`,
/// `check` and `serve` share.
pub fn load(opts: &BuildOptions) -> Result<link::Portal, BuildError> {
    load_with(opts, &Recall::of(opts))
}

/// The parse cache a build with `opts` keeps on disk: the portal's unless
/// `opts.incremental` is off.
fn parse_cache(opts: &BuildOptions) -> incremental::ParseCache {
    match opts.incremental {
        true => incremental::ParseCache::load(&opts.root),
        false => incremental::ParseCache::off(),
    }
}

/// What a build takes from earlier builds: each seed's parse and, in a
/// process that builds more than once (`serve`), each policy's doubts and
/// the pages whose links were checked.
pub struct Recall {
    pub parses: incremental::ParseCache,
    /// Off in a single build.
    pub content: content::memo::ContentMemo,
    pub doubts: review::Memo,
    /// `None` in a single build, which checks every page's links.
    pub links: Option<publish::links::Checked>,
}

impl Recall {
    /// What a single build with `opts` recalls: the parses on disk unless
    /// `opts.incremental` is off; no doubts, no checked links.
    pub fn of(opts: &BuildOptions) -> Recall {
        Recall {
            parses: parse_cache(opts),
            content: content::memo::ContentMemo::off(),
            doubts: review::Memo::default(),
            links: None,
        }
    }
}

/// What a process that builds more than once (`serve`) keeps in memory
/// from one build to the next, beside the last build's pages: each seed's
/// parse, the parses of `content/`'s largest files, publish's records,
/// each policy's doubts and the files whose links were checked. Cloning
/// shares it; the default keeps nothing yet.
#[derive(Debug, Clone, Default)]
pub struct BuildMemory {
    pub parses: incremental::HeldEntries,
    pub content: content::memo::ContentMemo,
    /// Publish's records ([`incremental::PageCache::in_memory`]).
    pub published: incremental::HeldEntries,
    pub doubts: review::Memo,
    pub checked: publish::links::Checked,
}

impl BuildMemory {
    /// What the next build recalls from it.
    pub fn recall(&self) -> Recall {
        Recall {
            parses: incremental::ParseCache::held(&self.parses),
            content: self.content.clone(),
            doubts: self.doubts.clone(),
            links: Some(self.checked.clone()),
        }
    }
}

/// [`load`], each seed's parse and those of `content/`'s largest files
/// taken from `recall` when it holds one.
pub fn load_with(opts: &BuildOptions, recall: &Recall) -> Result<link::Portal, BuildError> {
    let seeds = seeds::read_all(&opts.root)?;
    let ids: Vec<String> = seeds.iter().map(|s| s.id.clone()).collect();
    let mut curated = content::Curated::load_recalling(&opts.root, &ids, &recall.content)?;
    if let Some(base) = &opts.base_url {
        curated.site.set_base_url(base);
    }
    let known = curated.departments.names();
    let mut seeds = seeds;
    for seed in &mut seeds {
        if let Some(annex) = &mut seed.annex {
            annex.sheet = curated
                .policies
                .get(&seed.id)
                .and_then(|m| m.annex_sheet.clone());
        }
    }
    let policies = parse_all(&seeds, &known, &recall.parses)?;
    recall.parses.prune();
    Ok(link::link(policies, curated))
}

/// Converts ([`source`]) and parses every seed, in parallel, knowing the
/// registry's unit names; a seed `parses` holds a parse of is read back.
pub fn parse_all(
    seeds: &[seeds::Seed],
    known: &[String],
    parses: &incremental::ParseCache,
) -> Result<Vec<Policy>, BuildError> {
    let opts = parse::ParseOptions { known_units: known };
    let units = incremental::ParseCache::units(known);
    seeds
        .par_iter()
        .map(|s| {
            parses.policy(s, units, || {
                let text = seed_text(s)?;
                let id = PolicyId(s.id.clone());
                Ok(parse::parse_policy(id, &s.display, &text.bytes, &opts)?)
            })
        })
        .collect()
}

/// A seed converted to the text the parser reads, its annex table (if
/// kept apart) appended.
pub fn seed_text(seed: &seeds::Seed) -> Result<source::Source, source::SourceError> {
    let text = source::read(&seed.display, seed.format, &seed.bytes, None)?;
    Ok(match &seed.annex {
        Some(a) => {
            let table = source::read(&a.display, a.format, &a.bytes, a.sheet.as_deref())?;
            source::append_annex(text, table)
        }
        None => text,
    })
}

/// Where a build's files go as render and publish make them
/// ([`render::Sink`]), read back by the stages that need their bytes (the
/// search index, the URL lock's copies): the staging folder
/// ([`write::Staging`]) for `build`, memory ([`InMemory`]) for `serve`.
pub trait Store: render::Sink {
    /// The bytes of a file taken.
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>>;
    /// The facts of the files taken since the last call, sorted by path;
    /// or the first failure to take one.
    fn built(&self) -> Result<Vec<render::Built>, write::WriteError>;
    /// The [`incremental::Stamp`] of a file taken, as it will be
    /// published; `None` in memory, or when unknown.
    fn stamp(&self, _path: &str) -> Option<incremental::Stamp> {
        None
    }
}

/// The files of a build kept in memory: the store of [`render_site`],
/// of `serve` and of `check`. A file shared with a build held in memory
/// ([`render::Sink::take_shared`]) is not copied.
#[derive(Debug, Default)]
pub struct InMemory {
    bytes: Mutex<incremental::PathMap<Arc<Vec<u8>>>>,
    fresh: Mutex<Vec<render::Built>>,
}

impl render::Sink for InMemory {
    fn take(&self, files: Vec<render::OutputFile>) {
        let mut facts = Vec::with_capacity(files.len());
        let mut bytes = locked(&self.bytes);
        for file in files {
            let (built, b) = file.split();
            bytes.insert(built.path.clone(), Arc::new(b));
            facts.push(built);
        }
        locked(&self.fresh).extend(facts);
    }

    fn take_shared(&self, path: String, bytes: &Arc<Vec<u8>>, page: Option<Arc<render::Page>>) {
        let built = render::Built {
            len: bytes.len(),
            path,
            page,
        };
        locked(&self.bytes).insert(built.path.clone(), Arc::clone(bytes));
        locked(&self.fresh).push(built);
    }
}

impl Store for InMemory {
    fn read(&self, path: &str) -> std::io::Result<Vec<u8>> {
        locked(&self.bytes)
            .get(path)
            .map(|b| b.as_ref().clone())
            .ok_or_else(|| std::io::ErrorKind::NotFound.into())
    }

    fn built(&self) -> Result<Vec<render::Built>, write::WriteError> {
        let mut built = std::mem::take(&mut *locked(&self.fresh));
        built.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(built)
    }
}

impl InMemory {
    /// The files whose facts are `built` (every file taken, no path twice).
    pub(crate) fn into_files(self, built: Vec<render::Built>) -> Vec<render::OutputFile> {
        let mut bytes = self.into_shared();
        built
            .into_iter()
            .map(|b| render::OutputFile {
                bytes: bytes
                    .remove(&b.path)
                    .map(|b| Arc::try_unwrap(b).unwrap_or_else(|b| b.as_ref().clone()))
                    .unwrap_or_default(),
                path: b.path,
                page: b.page,
            })
            .collect()
    }

    /// Every file taken, by path, its bytes shared.
    pub fn into_shared(self) -> incremental::PathMap<Arc<Vec<u8>>> {
        self.bytes.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

/// The value behind `mutex`, even if a thread panicked holding it.
pub(crate) fn locked<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

/// A site made into a [`Store`] and link-checked.
#[derive(Debug)]
pub struct MadeSite {
    pub portal: link::Portal,
    /// What is kept of every file, sorted by path.
    pub built: Vec<render::Built>,
    /// Warnings only; errors stop [`make_site`].
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
    /// Search index runs taken from the last build's, and indexed.
    pub search_runs: (usize, usize),
}

/// A site rendered in memory and link-checked, not yet written.
#[derive(Debug)]
pub struct RenderedSite {
    pub portal: link::Portal,
    pub files: Vec<render::OutputFile>,
    /// Warnings only; errors stop [`render_site`].
    pub warnings: Vec<Diagnostic>,
    pub timings: Timings,
}

/// load → render → publish → check links → search index (when
/// `opts.search`), in memory.
pub fn render_site(opts: &BuildOptions) -> Result<RenderedSite, BuildError> {
    let store = InMemory::default();
    let off = incremental::PageCache::off();
    let made = make_site(opts, &off, &Recall::of(opts), &store)?;
    Ok(RenderedSite {
        files: store.into_files(made.built),
        portal: made.portal,
        warnings: made.warnings,
        timings: made.timings,
    })
}

/// load → render → publish → check links → search index (when
/// `opts.search`), every file handed to `store` as soon as it is made
/// and only its facts kept ([`render::Built`]), so no stage holds the
/// whole site: render gives each page to the store as it is made, publish
/// makes the data, feeds, sitemap and redirects from the portal and the
/// pages' facts, the link check reads the facts, and the search index
/// reads its pages back from the store a run at a time. `cache` gives
/// the pages whose inputs did not change since the last build.
pub fn make_site(
    opts: &BuildOptions,
    cache: &incremental::PageCache,
    recall: &Recall,
    store: &dyn Store,
) -> Result<MadeSite, BuildError> {
    let PagesMade {
        portal,
        mut built,
        warnings,
        mut timings,
    } = make_pages(opts, cache, recall, store)?;
    let search_runs = index_search(opts, cache, store, &mut built, &mut timings)?;
    Ok(MadeSite {
        portal,
        built,
        warnings,
        timings,
        search_runs,
    })
}

/// What [`make_pages`] made: every file but the search index's.
struct PagesMade {
    portal: link::Portal,
    built: Vec<render::Built>,
    warnings: Vec<Diagnostic>,
    timings: Timings,
}

/// load → render → publish → check links, every file handed to `store`.
fn make_pages(
    opts: &BuildOptions,
    cache: &incremental::PageCache,
    recall: &Recall,
    store: &dyn Store,
) -> Result<PagesMade, BuildError> {
    let mut timings = Timings::default();
    let (portal, warnings) = load_reviewed(opts, recall, &mut timings)?;
    let checked = recall.links.as_ref();
    render_pages(opts, portal, warnings, timings, cache, store, checked)
}

/// load → review: the portal and its warnings; an error among them stops
/// the build.
fn load_reviewed(
    opts: &BuildOptions,
    recall: &Recall,
    timings: &mut Timings,
) -> Result<(link::Portal, Vec<Diagnostic>), BuildError> {
    let portal = timings.time("load", || load_with(opts, recall))?;
    // The parser's warnings and the review's doubts of every policy:
    // about 0.6 s of an edit rebuild at 1,000 policies, so timed too.
    let warnings = timings.time("review", || portal_warnings_with(&portal, &recall.doubts));
    let errors: Vec<Diagnostic> = warnings
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .cloned()
        .collect();
    if !errors.is_empty() {
        return Err(BuildError::Diagnostics(errors));
    }
    Ok((portal, warnings))
}

/// render → publish → check links, every file handed to `store`.
fn render_pages(
    opts: &BuildOptions,
    portal: link::Portal,
    mut warnings: Vec<Diagnostic>,
    mut timings: Timings,
    cache: &incremental::PageCache,
    store: &dyn Store,
    checked: Option<&publish::links::Checked>,
) -> Result<PagesMade, BuildError> {
    let theme = render::Theme::load(&opts.root, &portal.site.theme)?;
    timings.time("render", || {
        render::render_into(&portal, &theme, cache, store)
    })?;
    let mut built = store.built()?;
    timings.time("publish", || {
        publish::publish(&portal, &theme, &opts.root, &built, store, cache)
    })?;
    add_built(&mut built, store.built()?);
    write::check_unique(&built)?;
    let broken = timings.time("link check", || {
        let base = portal.urls.base_path();
        match checked {
            Some(last) => publish::links::check_since(&built, base, last),
            None => publish::links::check(&built, base),
        }
    });
    if !broken.is_empty() {
        return Err(BuildError::BrokenLinks(broken));
    }
    warnings.retain(|d| d.severity == Severity::Warning);
    Ok(PagesMade {
        portal,
        built,
        warnings,
        timings,
    })
}

/// The search index of the pages among `built` (when `opts.search`),
/// handed to `store` and its files added to `built`; the runs taken from
/// the last build's and indexed. It needs no portal: [`build`] drops the
/// portal before it, so the index is made in the memory the portal held.
fn index_search(
    opts: &BuildOptions,
    cache: &incremental::PageCache,
    store: &dyn Store,
    built: &mut Vec<render::Built>,
    timings: &mut Timings,
) -> Result<(usize, usize), BuildError> {
    if !opts.search {
        return Ok((0, 0));
    }
    let runs = match opts.incremental {
        true => publish::search::RunCache::load(&opts.root),
        false => publish::search::RunCache::off(),
    };
    let index = timings.time(SEARCH_STAGE, || {
        publish::search::index_stored(built, &|p| store.read(p), &|p| cache.digest(p), &runs)
    });
    render::Sink::take(store, index.map_err(publish::PublishError::from)?);
    add_built(built, store.built()?);
    Ok(runs.counts())
}

/// `more` added to `built`, both sorted by path, keeping it sorted.
pub(crate) fn add_built(built: &mut Vec<render::Built>, more: Vec<render::Built>) {
    built.extend(more);
    built.sort_by(|a, b| a.path.cmp(&b.path));
}

/// Builds the site: claim the output folder (checked, locked), then
/// make the site as [`make_site`] does into its staging folder (reusing
/// the last build's unchanged pages unless `opts.incremental` is off),
/// the folder staged while the portal loads, then put it in
/// place with the URL lock in one atomic step, then record its pages for
/// the next build.
pub fn build(opts: &BuildOptions) -> Result<BuildReport, BuildError> {
    // Claiming the output, reading the page cache and staging the last
    // site (listing it) are timed too: at 1,000 policies they take
    // seconds. The page cache and the staging folder are made on a thread
    // of their own while the portal is loaded and reviewed, which needs
    // neither.
    let started = Instant::now();
    let output = write::Output::claim(&opts.root, &opts.out)?;
    let (loaded, staged) = std::thread::scope(|s| {
        let staged = s.spawn(|| {
            let cache = match opts.incremental {
                true => incremental::PageCache::load(&opts.root, output.dir()),
                false => incremental::PageCache::off(),
            };
            let staging = output.stage();
            (cache, staging, started.elapsed(), peak_memory())
        });
        let mut loading = Timings::default();
        let loaded = load_reviewed(opts, &Recall::of(opts), &mut loading).map(|l| (l, loading));
        let staged = staged
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (loaded, staged)
    });
    let ((portal, warnings), loading) = loaded?;
    let (cache, staging, took, peak) = staged;
    let staging = staging?;
    let mut timings = Timings::default();
    timings.record("stage", took, peak);
    timings.extend(loading);
    let PagesMade {
        mut portal,
        mut built,
        warnings,
        timings: made,
    } = render_pages(
        opts,
        portal,
        warnings,
        Timings::default(),
        &cache,
        &staging,
        None,
    )?;
    timings.extend(made);
    // What is wanted of the portal is taken before the search index, and
    // the portal dropped: the index's stage is the build's peak, and at
    // 10,000 policies the portal holds gigabytes. The URL lock records
    // no file of the index ([`publish::lock::lockable`]).
    let lock_text = match opts.update_lock {
        true => timings.time("url lock", || {
            let lock = std::mem::take(&mut portal.lock);
            publish::lock::updated(&opts.root, &portal, lock, &built)
        }),
        false => None,
    };
    let policies = portal.policies.len();
    drop(portal);
    let search_runs = index_search(opts, &cache, &staging, &mut built, &mut timings)?;
    let lock_path = opts.root.join(publish::lock::LOCK_FILE);
    let companion = lock_text.as_deref().map(|text| write::Companion {
        path: &lock_path,
        text,
    });
    timings.time("write", || output.publish(staging, &built, companion))?;
    let pages_reused = cache.reused();
    // Best effort: without its cache the next build renders every page.
    let _ = timings.time("save cache", || cache.save(&opts.root));
    Ok(BuildReport {
        pages_reused,
        search_runs,
        search_index_bytes: publish::search::index_bytes(
            built.iter().map(|f| (f.path.as_str(), f.len)),
        ),
        policies,
        pages: built.iter().filter(|f| f.path.ends_with(".html")).count(),
        files: built.len(),
        bytes: built.iter().map(|f| f.len).sum(),
        warnings,
        timings,
    })
}

/// The link stage's diagnostics plus the parser's warnings, the review's
/// doubts ([`review::diagnostics`]), the Markdown
/// pages' links rendered as text ([`render::page_warnings`]) and the
/// English held to the glossary and `content/style.yaml`
/// ([`check::terms`]), as
/// diagnostics, without those acknowledged in `content/checks.yaml`; an acknowledgement
/// that matches nothing becomes a warning of its own. Unregistered units are
/// the link stage's to report (it knows the registry and says what to add),
/// so the parser's own note of them is left to `inspect`.
pub fn portal_warnings(portal: &link::Portal) -> Vec<Diagnostic> {
    portal_warnings_with(portal, &review::Memo::default())
}

/// [`portal_warnings`], each policy's doubts taken from `doubts` when it
/// remembers them (`serve`'s last build), and remembered there.
pub fn portal_warnings_with(portal: &link::Portal, memo: &review::Memo) -> Vec<Diagnostic> {
    let names = incremental::ParseCache::units(&portal.registry.names());
    let parse = portal.policies.iter().flat_map(|p| {
        p.policy
            .warnings
            .iter()
            .filter(|w| w.kind != model::WarningKind::UnknownDepartment)
            .map(|w| {
                Diagnostic::warning(warning_code(w.kind), &p.policy.source, w.line)
                    .message(w.message.clone())
            })
    });
    let doubts: Vec<Diagnostic> = portal
        .policies
        .par_iter()
        .flat_map_iter(|p| {
            let found = memo.doubts(&p.policy, &portal.registry, names);
            review::diagnostics(&p.policy, &found)
        })
        .collect();
    memo.prune();
    let all: Vec<Diagnostic> = portal
        .diagnostics
        .iter()
        .cloned()
        .chain(parse)
        .chain(doubts)
        .chain(render::page_warnings(&portal.pages))
        .chain(check::terms::diagnostics(portal))
        .collect();
    let covers = |a: &content::checks::Acknowledgement, d: &Diagnostic| {
        d.severity == Severity::Warning && a.matches(d.code, &d.file, &d.message)
    };
    let unused: Vec<Diagnostic> = portal
        .acknowledged
        .iter()
        .filter(|a| !all.iter().any(|d| covers(a, d)))
        .map(|a| {
            Diagnostic::warning("unused-acknowledgement", "content/checks.yaml", 0)
                .message(format!(
                    "no `{}` warning in {} mentions `{}` any more",
                    a.code, a.file, a.contains
                ))
                .help("remove the acknowledgement: the problem it accepted is gone")
        })
        .collect();
    all.into_iter()
        .filter(|d| !portal.acknowledged.iter().any(|a| covers(a, d)))
        .chain(unused)
        .collect()
}

/// The `check` code of a parser warning.
pub(crate) fn warning_code(kind: model::WarningKind) -> &'static str {
    match kind {
        model::WarningKind::LeadMismatch => "lead-mismatch",
        model::WarningKind::TargetMismatch => "target-mismatch",
        model::WarningKind::UnknownDepartment => "unknown-department",
        model::WarningKind::Structure => "structure",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_stage_records_its_time_and_the_peak_memory_so_far() {
        let mut timings = Timings::default();
        let held = timings.time("fill", || vec![1u8; 64 << 20]);
        timings.time("sum", || held.iter().map(|&b| u64::from(b)).sum::<u64>());
        assert!(timings.of("fill").is_some() && timings.of("none").is_none());
        assert!(timings.summary().starts_with("fill "));
        if cfg!(target_os = "linux") {
            let peaks: Vec<u64> = timings.0.iter().filter_map(|s| s.peak).collect();
            assert_eq!(peaks.len(), 2, "{peaks:?}");
            assert!(peaks[0] >= 64 << 20, "the 64 MiB written count: {peaks:?}");
            assert!(peaks[1] >= peaks[0], "a peak never falls: {peaks:?}");
            assert!(timings.peaks().starts_with("fill "), "{}", timings.peaks());
        }
    }
}
