//! The target index and its facets in pages of `targets_per_page` rows
//! (`content/site.yaml`), so no page grows with the portal. Built from a
//! copy of the seed portal (42 targets) with 10 rows a page. And a
//! department's page in pages of about `duties_per_page` duties, whole
//! policies at a time, on a small synthetic portal; and the list of
//! policies in pages of `policies_per_page`, newest first, the home page
//! showing the first 20, every page's navigation linking it.

use crate::common;

use std::path::Path;

fn set_per_page(portal: &Path, n: usize) {
    set_site(portal, "targets_per_page", n);
}

/// Sets `key: n` in the portal's `content/site.yaml`.
fn set_site(portal: &Path, key: &str, n: usize) {
    let site = portal.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    let kept: String = text
        .lines()
        .filter(|l| !l.starts_with(&format!("{key}:")))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&site, format!("{kept}{key}: {n}\n")).expect("write site.yaml");
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
fn a_per_page_setting_of_zero_is_refused_naming_the_file() {
    for key in ["targets_per_page", "duties_per_page", "policies_per_page"] {
        let portal = common::seed_copy();
        set_site(portal.path(), key, 0);
        let err = build(portal.path()).expect_err("refused").to_string();
        assert!(err.contains("site.yaml"), "{key}: {err}");
        assert!(err.contains(&format!("{key} must be at least 1")), "{err}");
    }
}

/// A synthetic portal of six policies, whose departments each answer for
/// duties in several of them.
fn six_policies() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let cfg = synth::Config {
        seed: 1,
        ..synth::Config::new(6)
    };
    synth::generate(dir.path(), &cfg).expect("corpus written");
    dir
}

/// The duties a department's page lists: each duty's link, in page order.
fn duty_links(html: &str) -> Vec<String> {
    common::html::attrs(html, ".duty-source > a", "href")
}

/// The policy slug of a link into a policy (`/zh/policies/SLUG/#task-1`).
fn policy_of(href: &str) -> &str {
    let rest = &href[href.find("/policies/").expect("a policy link") + "/policies/".len()..];
    &rest[..rest.find('/').expect("slug ends")]
}

#[test]
fn a_long_department_page_is_split_by_whole_policies() {
    let portal = six_policies();
    set_site(portal.path(), "duties_per_page", 100_000);
    let whole = build(portal.path()).expect("builds on one page each");
    set_site(portal.path(), "duties_per_page", 5);
    let site = build(portal.path()).expect("builds in pages");

    // A department that now has more than one page.
    let departments = site.out.join("zh/departments");
    let mut paged: Vec<String> = std::fs::read_dir(&departments)
        .expect("department pages")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|slug| departments.join(slug).join("page/2/index.html").exists())
        .collect();
    paged.sort();
    let slug = paged.first().expect("some department has a second page");
    assert!(
        !whole.exists(&format!("zh/departments/{slug}/page/2/index.html")),
        "with room for every duty a department has one page"
    );
    let page = |n: usize| match n {
        1 => format!("zh/departments/{slug}/index.html"),
        n => format!("zh/departments/{slug}/page/{n}/index.html"),
    };
    let count = (1..).take_while(|&n| site.exists(&page(n))).count();
    let pages: Vec<String> = (1..=count).map(|n| site.page(&page(n))).collect();

    // Every duty once across the pages, the same duties as the one page.
    let mut listed: Vec<String> = pages.iter().flat_map(|p| duty_links(p)).collect();
    let mut all = duty_links(&whole.page(&page(1)));
    assert!(listed.len() > 5, "{listed:?}");
    listed.sort();
    all.sort();
    assert_eq!(listed, all);
    // A policy's duties on one page only, and each page but the last
    // holds at least the duties asked for.
    let policies: Vec<std::collections::BTreeSet<String>> = pages
        .iter()
        .map(|p| {
            duty_links(p)
                .iter()
                .map(|h| policy_of(h).to_owned())
                .collect()
        })
        .collect();
    for (a, first) in policies.iter().enumerate() {
        for second in &policies[a + 1..] {
            assert!(first.is_disjoint(second), "{policies:?}");
        }
    }
    for p in &pages[..count - 1] {
        assert!(duty_links(p).len() >= 5, "a page ended early");
    }

    // Page 1 is the department's page; the later ones link back, are
    // titled by their place and are left out of search.
    let total = format!("共 {count} 页");
    assert!(pages[0].contains(&format!("第 1 页，{total}")));
    let rel = |html: &str, rel: &str| common::html::attrs(html, &format!("a[rel={rel}]"), "href");
    assert!(rel(&pages[0], "next")[0].ends_with(&format!("/zh/departments/{slug}/page/2/")));
    assert!(!pages[0].contains("noindex"));
    assert!(pages[0].contains("GovernmentOrganization"));
    let second = &pages[1];
    assert!(rel(second, "prev")[0].ends_with(&format!("/zh/departments/{slug}/")));
    assert!(
        second.contains(&format!(" · 第 2 页，{total}")),
        "its title"
    );
    assert!(second.contains("noindex"));
    assert!(!second.contains("GovernmentOrganization"));
    // The language switch goes to the same page of the other edition,
    // which lists the same duties.
    let switch = common::html::attrs(second, "a[hreflang=en]", "href");
    assert!(
        switch[0].ends_with(&format!("/en/departments/{slug}/page/2/")),
        "{switch:?}"
    );
    let en: Vec<String> =
        duty_links(&site.page(&format!("en/departments/{slug}/page/2/index.html")));
    let zh: Vec<String> = duty_links(second)
        .iter()
        .map(|h| h.replacen("/zh/", "/en/", 1))
        .collect();
    assert_eq!(en, zh);

    // Only the first page is a permanent address.
    let lock = std::fs::read_to_string(portal.path().join("content/urls.lock")).expect("lock");
    assert!(lock.contains(&format!("/zh/departments/{slug}/\n")));
    assert!(!lock.contains(&format!("/zh/departments/{slug}/page/")));
}

#[test]
fn the_home_page_shows_two_dozen_headline_figures_of_many() {
    let portal = six_policies();
    let site = build(portal.path()).expect("builds");
    let home = site.page("en/index.html");
    let figures = common::html::attrs(&home, ".figures a", "href");
    assert_eq!(figures.len(), 24, "{figures:?}");
    assert!(
        figures.iter().all(|u| u.contains("/en/targets/")),
        "{figures:?}"
    );
    // More than that are headline figures; the target index has them all.
    let loaded = gazette::load(&gazette::BuildOptions::new(portal.path())).expect("loads");
    let headline = loaded.targets.iter().filter(|t| t.headline).count();
    assert!(headline > 24, "{headline} headline figures");
    let all = common::html::attrs(&home, "#headline-h ~ p a", "href");
    assert!(all.iter().any(|u| u.ends_with("/en/targets/")), "{all:?}");
}

#[test]
fn the_home_page_lists_twenty_policies_and_links_to_the_list_of_all() {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(dir.path(), &synth::Config::new(22)).expect("corpus written");
    set_site(dir.path(), "policies_per_page", 10);
    let site = build(dir.path()).expect("builds");
    let cards = |html: &str| common::html::attrs(html, "ul.cards > li > a:first-child", "href");

    let home = site.page("en/index.html");
    let shown = cards(&home);
    assert_eq!(shown.len(), 20, "{shown:?}");
    let all = common::html::attrs(&home, "#policies-h ~ p a", "href");
    assert!(all.iter().any(|u| u.ends_with("/en/policies/")), "{all:?}");
    assert!(home.contains("All 22 policies"));

    // The list: 10, 10 and 2, every policy once, the home page's first.
    let pages: Vec<String> = ["", "page/2/", "page/3/"]
        .iter()
        .map(|p| site.page(&format!("en/policies/{p}index.html")))
        .collect();
    assert!(!site.exists("en/policies/page/4/index.html"));
    let listed: Vec<String> = pages.iter().flat_map(|p| cards(p)).collect();
    assert_eq!(
        pages.iter().map(|p| cards(p).len()).collect::<Vec<_>>(),
        [10, 10, 2]
    );
    assert_eq!(listed[..20], shown[..]);
    let mut distinct = listed.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), 22);
    assert!(pages[0].contains("Policies in force: 22."));
    assert!(pages[2].contains("<title>Policies · Page 3 of 3"));
    // A way to the policies, not a search result beside each of them.
    assert!(!pages[0].contains("data-pagefind-filter"), "not searched");
    let lock = std::fs::read_to_string(dir.path().join("content/urls.lock")).expect("lock");
    assert!(
        lock.contains("/en/policies/\n"),
        "the list is a permanent address"
    );
}

/// Adds `line` (`published: 2024-05-01`) to the `content/policies.yaml`
/// entry of the synthetic policy numbered `n`.
fn date_policy(portal: &Path, n: usize, line: &str) {
    let file = portal.join("content/policies.yaml");
    let text = std::fs::read_to_string(&file).expect("policies.yaml");
    let prefix = format!("{n:04}_");
    let dated: String = text
        .lines()
        .map(|l| match l.starts_with(&prefix) {
            true => format!("{l}\n  {line}\n"),
            false => format!("{l}\n"),
        })
        .collect();
    assert_ne!(dated, text, "policy {n} has an entry");
    std::fs::write(&file, dated).expect("write policies.yaml");
}

/// The seed of the synthetic policy numbered `n`, and its text.
fn seed_of(portal: &Path, n: usize) -> (std::path::PathBuf, String) {
    let prefix = format!("{n:04}_");
    let path = std::fs::read_dir(portal.join("seeds"))
        .expect("seeds")
        .map(|e| e.expect("entry").path())
        .find(|p| {
            p.file_name()
                .is_some_and(|f| f.to_string_lossy().starts_with(&prefix))
        })
        .expect("seed");
    let text = std::fs::read_to_string(&path).expect("seed text");
    (path, text)
}

/// The date of a `发布时间:` line, in ASCII digits.
fn date_published(line: &str) -> Option<String> {
    let date = line.strip_prefix("发布时间")?;
    let ascii = |c: char| match c {
        '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        c => c,
    };
    Some(
        date.trim_start_matches([':', '：'])
            .trim()
            .chars()
            .map(ascii)
            .collect(),
    )
}

fn without_date_published(seed: &str) -> String {
    let kept = seed.lines().filter(|l| date_published(l).is_none());
    kept.map(|l| format!("{l}\n")).collect()
}

#[test]
fn the_list_of_policies_is_newest_first_and_every_page_links_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    synth::generate(dir.path(), &synth::Config::new(22)).expect("corpus written");
    set_site(dir.path(), "policies_per_page", 10);
    // Most synthetic notices state the date published (`发布时间:`). Policy 5's published date is curated; 20 states none and
    // its signing date is curated; 21 states neither.
    date_policy(dir.path(), 5, "published: 2031-06-01");
    let (path, text) = seed_of(dir.path(), 20);
    std::fs::write(&path, without_date_published(&text)).expect("seed 20");
    date_policy(dir.path(), 20, "issued: 2030-01-01");
    let (path, text) = seed_of(dir.path(), 21);
    let signed = text.lines().filter(|l| l.ends_with('日') && l.len() < 20);
    let signed: Vec<&str> = signed.collect();
    assert_eq!(signed.len(), 1, "{signed:?}");
    let undated = without_date_published(&text).replace(signed[0], "");
    std::fs::write(&path, undated).expect("seed 21");

    let site = build(dir.path()).expect("builds");
    let numbers = |html: &str| -> Vec<usize> {
        common::html::attrs(html, "ul.cards > li > a:first-child", "href")
            .iter()
            .map(|u| {
                let slug = u.trim_end_matches('/').rsplit('/').next().unwrap_or("");
                slug.rsplit('-')
                    .next()
                    .unwrap_or("")
                    .parse()
                    .expect("numbered slug")
            })
            .collect()
    };
    let listed: Vec<usize> = ["", "page/2/", "page/3/"]
        .iter()
        .flat_map(|p| numbers(&site.page(&format!("en/policies/{p}index.html"))))
        .collect();
    // Newest first by the date published, else signed; equal dates in
    // the portal's order; undated last.
    // The others: by the date each seed states; plans issued without a
    // notice state none.
    let mut stated = Vec::new();
    let mut undated = Vec::new();
    for n in (0..21).filter(|&n| n != 5 && n != 20) {
        let text = seed_of(dir.path(), n).1;
        match text.lines().find_map(date_published) {
            Some(date) => stated.push((date, n)),
            None => undated.push(n),
        }
    }
    assert!(stated.len() > 10 && !undated.is_empty(), "{undated:?}");
    stated.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let expected: Vec<usize> = [5, 20]
        .into_iter()
        .chain(stated.into_iter().map(|(_, n)| n))
        .chain(undated)
        .chain([21])
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(numbers(&site.page("en/index.html")), expected[..20]);
    let policy = site.page("en/policies/open-economy-2018-2020-0001/index.html");
    assert!(
        policy.contains("2019-10-01"),
        "the seed's own date is shown"
    );

    let nav = |page: &str| common::html::attrs(&site.page(page), "nav.site-nav a", "href");
    for page in [
        "en/index.html",
        "zh/targets/index.html",
        "en/glossary/index.html",
    ] {
        let lang = &page[..2];
        assert!(
            nav(page)
                .iter()
                .any(|u| u.ends_with(&format!("/{lang}/policies/"))),
            "{page}: {:?}",
            nav(page)
        );
    }
    let list = site.page("zh/policies/index.html");
    let current = common::html::attrs(&list, "nav.site-nav a[aria-current=page]", "href");
    assert_eq!(current.len(), 1, "{current:?}");
    assert!(current[0].ends_with("/zh/policies/"), "{current:?}");
}
