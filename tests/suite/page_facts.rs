//! The facts render keeps of each page of the seed portal (`render::Page`:
//! its links and ids, which the link check reads instead of the files)
//! are what the page's HTML says: every `href`/`src` value and every
//! element `id`, in page order, as the regexes the scan replaced found them.

use crate::common;
use regex::Regex;

fn captures(re: &Regex, html: &str) -> Vec<String> {
    re.captures_iter(html)
        .filter_map(|c| c.get(1).map(|m| m.as_str().to_owned()))
        .collect()
}

#[test]
fn every_seed_page_keeps_the_links_and_ids_its_html_has() {
    let link = Regex::new(r#"(?:href|src)="([^"]*)""#).expect("valid regex");
    let id = Regex::new(r#"\sid="([^"]*)""#).expect("valid regex");
    let mut opts = gazette::BuildOptions::new(common::seed_root());
    opts.search = false;
    let site = gazette::render_site(&opts).expect("the seed portal renders");
    let mut pages = 0;
    for file in &site.files {
        let Some(page) = &file.page else { continue };
        let html = std::str::from_utf8(&file.bytes).expect("pages are UTF-8");
        let links: Vec<String> = page.links.iter().map(|l| l.to_string()).collect();
        assert_eq!(links, captures(&link, html), "links of {}", file.path);
        let ids: Vec<String> = page.ids.iter().map(|i| i.to_string()).collect();
        assert_eq!(ids, captures(&id, html), "ids of {}", file.path);
        assert!(!links.is_empty(), "{} has links", file.path);
        pages += 1;
    }
    assert!(pages > 200, "only {pages} pages");
}
