//! The target index and its facets in pages of `targets_per_page` rows
//! (`content/site.yaml`), so no page grows with the portal. Built from a
//! copy of the seed portal (42 targets) with 10 rows a page.

use crate::common;

use std::path::Path;

fn set_per_page(portal: &Path, n: usize) {
    let site = portal.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with("targets_per_page:"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&site, format!("{kept}targets_per_page: {n}\n")).expect("write site.yaml");
}

/// Builds the portal in place, so its URL lock carries over between builds.
fn build(portal: &Path) -> Result<common::Built, gazette::BuildError> {
    common::try_build_with(portal, |o| {
        o.search = false;
        o.update_lock = true;
    })
}

fn target_rows(html: &str) -> usize {
    html.matches("<tr id=\"").count()
}

#[test]
fn a_long_target_index_is_split_into_linked_pages() {
    let portal = common::seed_copy();
    set_per_page(portal.path(), 10);
    let site = build(portal.path()).expect("builds");

    let first = site.page("en/targets/index.html");
    assert_eq!(target_rows(&first), 10);
    assert!(first.contains("Page 1 of 5"), "status");
    assert!(
        first.contains("(42)</caption>"),
        "the caption counts the whole list"
    );
    assert!(first.contains(r#"rel="next" href="/en/targets/page/2/""#));
    assert!(first.contains(r#"href="/en/targets/page/5/">Last"#));
    assert!(!first.contains("rel=\"prev\""));

    let middle = site.page("en/targets/page/3/index.html");
    assert_eq!(target_rows(&middle), 10);
    assert!(middle.contains(r#"rel="prev" href="/en/targets/page/2/""#));
    assert!(middle.contains(r#"rel="next" href="/en/targets/page/4/""#));
    assert!(middle.contains(r#"href="/en/targets/">First"#));
    assert!(
        middle.contains("<title>Targets · Page 3 of 5"),
        "titles differ"
    );
    // The language switch goes to the same page of the other edition.
    assert!(middle.contains(r#"href="/zh/targets/page/3/" hreflang="zh-Hans""#));
    let zh = site.page("zh/targets/page/3/index.html");
    assert!(zh.contains("第 3 页，共 5 页"));

    let last = site.page("en/targets/page/5/index.html");
    assert_eq!(target_rows(&last), 2);
    assert!(!last.contains("rel=\"next\""));
    assert!(!site.out.join("en/targets/page/6").exists());

    // Every target is listed exactly once across the pages.
    let mut slugs: Vec<String> = (1..=5)
        .map(|n| match n {
            1 => first.clone(),
            n => site.page(&format!("en/targets/page/{n}/index.html")),
        })
        .flat_map(|html| {
            html.split("<tr id=\"")
                .skip(1)
                .map(|s| s[..s.find('"').expect("id")].to_owned())
                .collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(slugs.len(), 42);
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 42);

    // Facets are paginated too: all 42 seed targets have no progress data.
    let facet = site.page("en/targets/status/no-data/page/2/index.html");
    assert_eq!(target_rows(&facet), 10);
    assert!(facet.contains("noindex"));
}

#[test]
fn pages_come_and_go_with_the_list_without_tripping_the_url_lock() {
    let portal = common::seed_copy();
    set_per_page(portal.path(), 10);
    build(portal.path()).expect("builds with 5 pages");
    let lock = std::fs::read_to_string(portal.path().join("content/urls.lock")).expect("lock");
    assert!(lock.contains("/en/targets/\n"), "the list itself is locked");
    assert!(!lock.contains("/page/"), "its later pages are not");

    // Fewer, longer pages: page 5 disappears and the build still succeeds.
    set_per_page(portal.path(), 20);
    let site = build(portal.path()).expect("builds with 3 pages");
    assert!(!site.out.join("en/targets/page/4").exists());
    assert_eq!(target_rows(&site.page("en/targets/page/3/index.html")), 2);
}

#[test]
fn zero_targets_per_page_is_refused_naming_the_file() {
    let portal = common::seed_copy();
    set_per_page(portal.path(), 0);
    let err = build(portal.path()).expect_err("refused").to_string();
    assert!(err.contains("site.yaml"), "{err}");
    assert!(err.contains("targets_per_page must be at least 1"), "{err}");
}
