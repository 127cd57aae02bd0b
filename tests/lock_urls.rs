//! Links that never break: a build that would stop publishing a URL of
//! `content/urls.lock` fails naming it; a redirect in
//! `content/redirects.yaml` fixes it with a static redirect page (and the
//! old folder's data file served again); new URLs join the lock only when
//! a build succeeds.

mod common;

use std::path::Path;

fn options(root: &Path, out: &Path) -> gazette::BuildOptions {
    let mut opts = gazette::BuildOptions::new(root);
    opts.out = out.to_owned();
    opts
}

#[test]
fn a_removed_slug_fails_the_build_naming_its_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let root = common::fixture("lock/renamed");
    let err = gazette::build(&options(&root, &tmp.path().join("public")))
        .expect_err("a locked URL disappeared");
    let text = err.to_string();
    for url in [
        "/zh/targets/incubators/",
        "/en/targets/incubators/",
        "/zh/targets/incubators/data.json",
    ] {
        assert!(
            text.contains(&format!("  {url}\n")) || text.contains(&format!("  {url}")),
            "{text}"
        );
    }
    assert!(!text.contains("/zh/targets/tech-smes/"), "{text}");
    assert!(
        text.contains("content/redirects.yaml"),
        "the error says how to fix it: {text}"
    );
    assert!(!tmp.path().join("public").exists(), "nothing is written");
}

#[test]
fn a_redirect_fixes_it_with_a_static_page_at_the_old_address() {
    let b = common::build(&common::fixture("lock/redirected"), None);
    let page = b.page("zh/targets/incubators/index.html");
    assert!(page.contains(
        "<meta http-equiv=\"refresh\" content=\"0; url=/portal/zh/targets/business-incubators/\">"
    ));
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://example.org/portal/zh/targets/business-incubators/\">"
    ));
    assert!(page.contains("<a href=\"/portal/zh/targets/business-incubators/\">"));
    assert!(b
        .page("en/targets/incubators/index.html")
        .contains("This page has moved"));
    // The data file of the old folder is served again, same bytes.
    assert_eq!(
        b.page("zh/targets/incubators/data.json"),
        b.page("zh/targets/business-incubators/data.json")
    );
    // Redirect pages are neither in the sitemap nor in the search index.
    assert!(!b.page("sitemap.xml").contains("/targets/incubators/"));
}

#[test]
fn new_urls_join_the_lock_only_when_the_build_succeeds() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    common::copy_tree(&common::fixture("lock/renamed"), &root);
    let lock = root.join("content/urls.lock");
    let before = std::fs::read_to_string(&lock).unwrap();
    let mut opts = options(&root, &tmp.path().join("public"));
    opts.update_lock = true;
    assert!(gazette::build(&opts).is_err());
    assert_eq!(
        std::fs::read_to_string(&lock).unwrap(),
        before,
        "a failed build left the lock"
    );

    std::fs::write(
        root.join("content/redirects.yaml"),
        "/zh/targets/incubators/: /zh/targets/business-incubators/\n/en/targets/incubators/: /en/targets/business-incubators/\n",
    )
    .unwrap();
    gazette::build(&opts).expect("redirected build");
    let after = std::fs::read_to_string(&lock).unwrap();
    let urls: Vec<&str> = after
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut sorted = urls.clone();
    sorted.sort();
    assert_eq!(urls, sorted, "the lock is sorted");
    for url in [
        "/zh/targets/business-incubators/",
        "/en/targets/business-incubators/data.json",
        "/data/targets.csv",
        "/zh/feed.xml",
        "/sitemap.xml",
        // Old URLs stay locked: they are still served, by redirect.
        "/zh/targets/incubators/",
    ] {
        assert!(urls.contains(&url), "{url} not in the lock");
    }
    assert!(!urls
        .iter()
        .any(|u| u.starts_with("/assets/") || u.starts_with("/pagefind/")));
    // A second build adds nothing and leaves the file alone.
    gazette::build(&opts).expect("rebuild");
    assert_eq!(std::fs::read_to_string(&lock).unwrap(), after);
}

#[test]
fn a_redirect_to_a_page_the_site_does_not_publish_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("portal");
    common::copy_tree(&common::fixture("lock/redirected"), &root);
    std::fs::write(
        root.join("content/redirects.yaml"),
        "/zh/targets/incubators/: /zh/targets/nowhere/\n/en/targets/incubators/: /en/targets/business-incubators/\n",
    )
    .unwrap();
    let err =
        gazette::build(&options(&root, &tmp.path().join("public"))).expect_err("bad redirect");
    assert!(err.to_string().contains("/zh/targets/nowhere/"), "{err}");
}

#[test]
fn a_renamed_and_redirected_target_keeps_its_new_slug() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(&common::fixture("lock/redirected"), dir.path());
    let root = dir.path();
    // The lock of the old slug knows which target it showed.
    let mut opts = gazette::BuildOptions::new(root);
    opts.search = false;
    let portal = gazette::load(&opts).expect("loads");
    let shown = gazette::link::identity::shown(&portal);
    let fp = &shown["/zh/targets/business-incubators/"];
    let lock = root.join("content/urls.lock");
    let text = std::fs::read_to_string(&lock).unwrap().replace(
        "/zh/targets/incubators/\n",
        &format!("/zh/targets/incubators/ {fp}\n"),
    );
    std::fs::write(&lock, text).unwrap();
    let portal = gazette::load(&opts).expect("loads");
    let slugs: Vec<&str> = portal.targets.iter().map(|t| t.slug.as_str()).collect();
    assert!(slugs.contains(&"business-incubators"), "{slugs:?}");
    assert!(!slugs.contains(&"incubators"), "{slugs:?}");
}
