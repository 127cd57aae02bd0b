//! The search index's runs kept between builds
//! ([`gazette::publish::search::RunCache`]): an index made with runs taken
//! from the cache is the index a build without the cache makes (byte for
//! byte once unpacked against one Pagefind per language; byte for byte
//! against a build without the cache), after any sequence of pages edited,
//! added and removed; only the
//! runs around an edit are indexed again; a corrupt entry is indexed
//! again, never an error; stale entries are pruned.

use crate::common;
use gazette::incremental::Digest;
use gazette::publish::search::{self, Indexable, RunCache};
use gazette::render::OutputFile;
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

/// A searchable page, owned: its path, URL, language and HTML.
#[derive(Debug, Clone)]
struct Page {
    path: String,
    url: String,
    lang: gazette::model::Lang,
    html: Vec<u8>,
}

/// The search fixture's searchable pages, rendered once, in path order.
fn pages() -> &'static [Page] {
    static PAGES: OnceLock<Vec<Page>> = OnceLock::new();
    PAGES.get_or_init(|| {
        let mut opts = gazette::BuildOptions::new(common::fixture("search/sample"));
        opts.search = false;
        let site = gazette::render_site(&opts).expect("rendered");
        search::searchable(&site.files)
            .map(|p| Page {
                path: p.path.to_owned(),
                url: p.url.to_owned(),
                lang: p.lang,
                html: p.html.to_vec(),
            })
            .collect()
    })
}

/// Runs of at most this many pages: the fixture's 40-odd pages of a
/// language make several.
const RUN: usize = 8;

/// The index of `pages` in runs of [`RUN`], with `cache`.
fn index(pages: &[Page], run: usize, cache: &RunCache) -> Vec<OutputFile> {
    // Each page's digest given, as serve gives the page cache's (a debug
    // build checks each against the page's bytes).
    let listed = pages.iter().map(|p| Indexable {
        path: &p.path,
        url: &p.url,
        lang: p.lang,
        html: &p.html,
        digest: Some(Digest::of(&p.html)),
    });
    search::index_parts(listed, run, &|_| None, &|| false, cache)
        .expect("indexed")
        .expect("not cancelled")
}

/// The same files, byte for byte once unpacked ([`common::unpacked`]: the
/// join compresses at a lower level than Pagefind).
fn assert_same(a: &[OutputFile], b: &[OutputFile]) -> Result<(), TestCaseError> {
    let paths = |f: &[OutputFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    prop_assert_eq!(paths(a), paths(b), "the same files");
    for (a, b) in a.iter().zip(b) {
        prop_assert!(
            common::unpacked(&a.bytes) == common::unpacked(&b.bytes),
            "{} differs",
            a.path
        );
    }
    Ok(())
}

/// The cache folder's files.
fn entries(root: &Path) -> Vec<std::path::PathBuf> {
    match std::fs::read_dir(root.join(".gazette-cache/search")) {
        Ok(dir) => dir.map(|e| e.expect("entry").path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[derive(Debug, Clone)]
enum Edit {
    /// A word added to a page's `<main>`.
    Change { page: usize },
    /// A copy of a page under a new path (right after it) and URL.
    Add { page: usize },
    /// A page removed.
    Remove { page: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        3 => any::<usize>().prop_map(|page| Edit::Change { page }),
        1 => any::<usize>().prop_map(|page| Edit::Add { page }),
        1 => any::<usize>().prop_map(|page| Edit::Remove { page }),
    ]
}

fn apply(pages: &mut Vec<Page>, edit: &Edit, n: usize) {
    let len = pages.len();
    let at = |page: usize| page % len;
    match *edit {
        Edit::Change { page } => {
            let page = &mut pages[at(page)];
            let html = String::from_utf8_lossy(&page.html).into_owned();
            let Some(open) = html
                .find("<main")
                .and_then(|m| html[m..].find('>').map(|e| m + e))
            else {
                return;
            };
            let word = format!("<p>改动{n} edited{n}</p>");
            page.html = format!("{}{word}{}", &html[..=open], &html[open + 1..]).into_bytes();
        }
        Edit::Add { page } => {
            let at = at(page);
            let mut copy = pages[at].clone();
            copy.path = format!("{}.copy{n}.html", copy.path);
            copy.url = format!("{}copy{n}/", copy.url);
            pages.insert(at + 1, copy);
        }
        Edit::Remove { page } => {
            if pages.len() > 2 {
                pages.remove(at(page));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 3,
        max_shrink_iters: 8,
        ..ProptestConfig::default()
    })]

    /// After each edit, the index made with the last index's runs is the
    /// index of one Pagefind per language; the runs no edit touched are
    /// taken from the cache; only the entries in use are left.
    #[test]
    fn an_index_made_with_kept_runs_equals_a_clean_index_after_any_edits(
        edits in proptest::collection::vec(edit(), 1..4)
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut pages = pages().to_vec();
        let first = RunCache::load(dir.path());
        index(&pages, RUN, &first);
        let (reused, runs) = first.counts();
        prop_assert_eq!(reused, 0, "nothing kept at first");
        prop_assert!(runs >= 4, "{} runs: too few", runs);
        for (n, e) in edits.iter().enumerate() {
            apply(&mut pages, e, n);
            let cache = RunCache::load(dir.path());
            let kept = index(&pages, RUN, &cache);
            cache.prune();
            assert_same(&kept, &index(&pages, usize::MAX, &RunCache::off()))?;
            let (reused, indexed) = cache.counts();
            // A page's bytes changed: its run. A page added or removed:
            // its run, split or joined when it bears a bound, and the runs
            // after it cut for size up to the next bound.
            let most = match e {
                Edit::Change { .. } => 1,
                _ => 3,
            };
            prop_assert!(indexed <= most, "{:?}: {} runs indexed, {} reused", e, indexed, reused);
            prop_assert!(reused >= 4, "{:?}: {} runs reused", e, reused);
            // One entry a run, plus each language's scripts and what its
            // last join compressed.
            prop_assert_eq!(entries(dir.path()).len(), reused + indexed + 4);
        }
    }
}

/// After an edit, the word chunks the last index wrote unchanged are taken
/// from its files (`previous`, as `serve` holds them) instead of being
/// compressed again, and the index is byte for byte the one made without
/// them (a debug build also checks each taken chunk against compressing).
#[test]
fn word_chunks_the_last_index_wrote_are_taken_from_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut pages = pages().to_vec();
    let last = index(&pages, RUN, &RunCache::load(dir.path()));
    let last: std::collections::HashMap<&str, &[u8]> = last
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect();
    apply(&mut pages, &Edit::Change { page: 3 }, 0);
    let taken = std::sync::Mutex::new(Vec::new());
    let previous = |path: &str| {
        let found = last.get(path).copied();
        if found.is_some() {
            taken.lock().expect("taken").push(path.to_owned());
        }
        found
    };
    let listed = pages.iter().map(|p| Indexable {
        path: &p.path,
        url: &p.url,
        lang: p.lang,
        html: &p.html,
        digest: None,
    });
    let cache = RunCache::load(dir.path());
    let again = search::index_parts(listed, RUN, &previous, &|| false, &cache)
        .expect("indexed")
        .expect("not cancelled");
    let taken = taken.into_inner().expect("taken");
    assert!(
        taken.iter().any(|p| p.ends_with(".pf_index")),
        "no word chunk taken: {taken:?}"
    );
    let fresh = index(&pages, RUN, &RunCache::off());
    let files = |f: &[OutputFile]| {
        f.iter()
            .map(|f| (f.path.clone(), f.bytes.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(files(&again), files(&fresh));
}

/// A corrupt entry is indexed again, not an error, and replaced.
#[test]
fn a_corrupt_or_missing_entry_is_indexed_again() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clean = index(pages(), RUN, &RunCache::off());
    index(pages(), RUN, &RunCache::load(dir.path()));
    let kept = entries(dir.path());
    assert!(kept.len() > 4, "{} entries", kept.len());
    for (n, entry) in kept.iter().enumerate() {
        match n % 3 {
            0 => std::fs::remove_file(entry).expect("removed"),
            1 => {
                let bytes = std::fs::read(entry).expect("entry");
                std::fs::write(entry, &bytes[..bytes.len() / 2]).expect("cut short")
            }
            _ => {
                let mut bytes = std::fs::read(entry).expect("entry");
                let last = bytes.len() - 1;
                bytes[last] ^= 1;
                std::fs::write(entry, bytes).expect("flipped")
            }
        }
    }
    let cache = RunCache::load(dir.path());
    let again = index(pages(), RUN, &cache);
    assert_same(&again, &clean).expect("the same index");
    assert_eq!(cache.counts().0, 0, "no entry was whole");
    let cache = RunCache::load(dir.path());
    assert_same(&index(pages(), RUN, &cache), &clean).expect("the same index");
    assert_eq!(cache.counts().1, 0, "every entry replaced");
}

/// A build of a synthetic portal after a seed edit indexes only some runs
/// and writes the `pagefind/` folder a clean build writes, and so does the
/// build after the edit is undone; a killed build's temporary files in the
/// cache are gone after it.
#[test]
fn a_rebuild_after_a_seed_edit_reindexes_some_runs_and_writes_the_clean_index() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    synth::generate(
        root,
        &synth::Config {
            seed: 5,
            translated: 1.0,
            ..synth::Config::new(3)
        },
    )
    .expect("portal written");
    let build = |out: &Path, incremental: bool| {
        let mut opts = gazette::BuildOptions::new(root);
        opts.out = out.to_owned();
        opts.incremental = incremental;
        gazette::build(&opts).expect("builds")
    };
    let first = build(&root.join("public"), true);
    assert_eq!(first.search_runs.0, 0, "nothing kept at first");

    let seed = std::fs::read_dir(root.join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("seed").path())
        .min()
        .expect("a seed");
    let text = std::fs::read_to_string(&seed).expect("seed text");
    assert!(text.contains("推进"));
    std::fs::write(&seed, text.replacen("推进", "加快", 1)).expect("edited");
    let cache = root.join(".gazette-cache");
    std::fs::write(cache.join("pages/0123.4242"), "killed").expect("leftover");
    std::fs::write(cache.join("search/0123.4242"), "killed").expect("leftover");

    let edited = build(&root.join("public"), true);
    let (reused, indexed) = edited.search_runs;
    assert!(
        reused > 0 && indexed > 0,
        "{reused} runs reused, {indexed} indexed"
    );
    assert!(!cache.join("pages/0123.4242").exists());
    assert!(!cache.join("search/0123.4242").exists());

    let same_as_clean = || {
        let clean_dir = tempfile::tempdir().expect("temp dir");
        let clean = clean_dir.path().join("public");
        build(&clean, false);
        let (a, b) = (
            common::files_with_bytes(&root.join("public/pagefind")),
            common::files_with_bytes(&clean.join("pagefind")),
        );
        assert_eq!(a.len(), b.len(), "the same number of files");
        for ((path, kept), (clean_path, clean)) in a.iter().zip(&b) {
            assert_eq!(path, clean_path);
            assert!(kept == clean, "{path} differs");
        }
    };
    same_as_clean();

    // The edit undone: the staging folder now holds the first build's
    // site, so the join takes the word chunks it wrote then from there (a
    // debug build compresses them again and compares), and the index is
    // still the clean build's.
    std::fs::write(&seed, &text).expect("edit undone");
    let undone = build(&root.join("public"), true);
    assert!(undone.search_runs.0 > 0, "runs reused");
    same_as_clean();
}

/// A language of one run: its files are the index, so those taken from
/// the cache (which keeps word chunks unpacked) are Pagefind's own bytes,
/// not only the same once unpacked.
#[test]
fn a_language_of_one_kept_run_is_pagefinds_index_byte_for_byte() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clean = index(pages(), usize::MAX, &RunCache::off());
    index(pages(), usize::MAX, &RunCache::load(dir.path()));
    let cache = RunCache::load(dir.path());
    let kept = index(pages(), usize::MAX, &cache);
    assert_eq!(
        cache.counts(),
        (2, 0),
        "both languages' runs taken from the cache"
    );
    let paths = |f: &[OutputFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&kept), paths(&clean));
    let chunks = kept.iter().filter(|f| f.path.contains("/index/")).count();
    assert!(chunks >= 2, "{chunks} word chunks");
    for (a, b) in kept.iter().zip(&clean) {
        assert!(a.bytes == b.bytes, "{} differs", a.path);
    }
}
