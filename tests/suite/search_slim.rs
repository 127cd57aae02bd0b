//! What Pagefind is given of each page
//! ([`gazette::publish::search::for_pagefind`]: the `<html>` start tag and
//! `<main>`, without the excluded elements it can leave out) indexes to
//! the same index, byte for byte, as each page given whole, the way
//! Pagefind's own command reads a site: on the search fixture, the seed
//! portal and a synthetic portal (whose department and target pages are
//! mostly excluded text). Each index here is one Pagefind per language,
//! no runs joined, so the files are Pagefind's own, compressed as it
//! compresses them.

use crate::common;
use gazette::publish::search::{self, MAX_PAGE_TEXT};
use gazette::render::OutputFile;
use std::path::Path;

/// The portal at `root` rendered in memory, without its index.
fn rendered(root: &Path) -> gazette::RenderedSite {
    let mut opts = gazette::BuildOptions::new(root);
    opts.search = false;
    gazette::render_site(&opts).unwrap_or_else(|e| panic!("{}: {e}", root.display()))
}

/// Indexes the searchable pages of `site` both ways and compares; gives
/// the bytes given to Pagefind whole and slimmed, for the callers' checks
/// that slimming did happen.
fn same_index_either_way(site: &gazette::RenderedSite) -> (usize, usize) {
    let whole = search::index_whole_pages(search::searchable(&site.files)).expect("indexed");
    let off = search::RunCache::off();
    let slim = search::index_parts(
        search::searchable(&site.files),
        usize::MAX,
        &|_| None,
        &|| false,
        &off,
    )
    .expect("indexed")
    .expect("not cancelled");
    let paths = |f: &[OutputFile]| f.iter().map(|f| f.path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&slim), paths(&whole), "the same files");
    assert!(
        whole.iter().any(|f| f.path.ends_with(".pf_fragment")),
        "pages were indexed"
    );
    for (a, b) in slim.iter().zip(&whole) {
        assert!(a.bytes == b.bytes, "{} differs", a.path);
    }
    search::searchable(&site.files).fold((0, 0), |(w, s), p| {
        let page = String::from_utf8_lossy(p.html);
        (
            w + search::capped(&page, MAX_PAGE_TEXT).len(),
            s + search::for_pagefind(&page, MAX_PAGE_TEXT).len(),
        )
    })
}

#[test]
fn the_search_fixture_indexes_the_same_from_slim_pages() {
    let site = rendered(&common::fixture("search/sample"));
    let (whole, slim) = same_index_either_way(&site);
    assert!(slim * 2 < whole, "{slim} of {whole} bytes given");
}

#[test]
fn the_seed_portal_indexes_the_same_from_slim_pages() {
    let site = rendered(&common::seed_root());
    let (whole, slim) = same_index_either_way(&site);
    assert!(slim * 2 < whole, "{slim} of {whole} bytes given");
}

#[test]
fn a_synthetic_portal_indexes_the_same_from_slim_pages() {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(
        dir.path(),
        &synth::Config {
            seed: 11,
            translated: 1.0,
            ..synth::Config::new(4)
        },
    )
    .expect("portal written");
    let site = rendered(dir.path());
    let (whole, slim) = same_index_either_way(&site);
    // Department pages list duties and target pages quote passages, all
    // excluded: most of what Pagefind was given.
    assert!(slim * 3 < whole, "{slim} of {whole} bytes given");
    let department = site
        .files
        .iter()
        .find(|f| {
            let kind = b"data-pagefind-filter=\"kind:department\"";
            f.bytes.windows(kind.len()).any(|w| w == kind)
        })
        .expect("a department page");
    let html = String::from_utf8_lossy(&department.bytes);
    assert!(html.contains("data-search-ignore"));
    let given = search::for_pagefind(&html, MAX_PAGE_TEXT);
    assert!(!given.contains("data-search-ignore"), "{given}");
    assert!(!given.contains("<head"), "{given}");
}
