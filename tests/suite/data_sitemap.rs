//! `sitemap.xml` lists every HTML page with its hreflang alternates,
//! `robots.txt` points to it, and each language has an Atom feed of the
//! policies that pages link to.

use crate::common;

use std::collections::BTreeSet;

fn built() -> common::Built {
    common::build(&common::fixture("data/sample"), None)
}

/// Text between `open` and `close` for every occurrence.
fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .filter_map(|s| s.split(close).next())
        .collect()
}

#[test]
fn sitemap_lists_every_html_page_with_alternates() {
    let b = built();
    let xml = b.page("sitemap.xml");
    let locs: BTreeSet<String> = between(&xml, "<loc>", "</loc>")
        .into_iter()
        .map(String::from)
        .collect();
    let pages: BTreeSet<String> = b
        .files()
        .into_iter()
        .filter(|f| f.ends_with(".html") && f != "404.html")
        .filter(|f| {
            !b.page(f)
                .contains("<meta name=\"robots\" content=\"noindex")
        })
        .map(|f| {
            format!(
                "https://example.org/portal/{}",
                f.trim_end_matches("index.html")
            )
        })
        .collect();
    assert_eq!(locs, pages);
    assert!(!xml.contains("/embed/"), "embed cards are noindex");
    for entry in between(&xml, "<url>", "</url>") {
        let loc = between(entry, "<loc>", "</loc>")[0];
        let langs: Vec<&str> = between(entry, "hreflang=\"", "\"");
        assert_eq!(langs, ["zh-Hans", "en", "x-default"], "{loc}");
        let hrefs = between(entry, "href=\"", "\"");
        assert!(
            hrefs.contains(&loc) || loc.ends_with("/portal/"),
            "{loc} is not among its alternates"
        );
    }
    let robots = b.page("robots.txt");
    assert!(robots.contains("Sitemap: https://example.org/portal/sitemap.xml"));
}

#[test]
fn each_language_has_a_feed_of_the_policies_linked_from_its_pages() {
    let b = built();
    for (lang, title) in [
        ("zh", "关于印发《示例市科技创新行动方案(2024—2026年)》的通知"),
        ("en", "Notice on Issuing the Example City Science and Technology Innovation Action Plan (2024–2026)"),
    ] {
        let feed = b.page(&format!("{lang}/feed.xml"));
        assert!(feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
        assert_eq!(between(&feed, "<entry>", "</entry>").len(), 1);
        assert!(feed.contains(&format!("<title>{title}</title>")), "{feed}");
        assert!(feed.contains("<updated>2024-03-01T00:00:00Z</updated>"));
        assert!(feed.contains(&format!(
            "<id>https://example.org/portal/{lang}/policies/innovation-2024-2026/</id>"
        )));
        let home = b.page(&format!("{lang}/index.html"));
        assert!(home.contains(&format!(
            "type=\"application/atom+xml\" href=\"/portal/{lang}/feed.xml\""
        )));
    }
}
