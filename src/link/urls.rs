//! Every URL the site publishes, built in one place. URLs are the contract
//! journalists rely on: lowercase, readable, permanent, ending in `/` so any
//! static host serves them as directory indexes.
//!
//! Invariant: the slugs these builders are given are single path segments
//! without `.`: curated ones passed [`crate::content::slug::check`] when
//! `content/` was read, and fallbacks are built from checked parts (a
//! policy slug or a fingerprint and `target-N`). So every URL stays inside
//! the site and every file [`file_for`] names stays inside the output
//! folder (`tests/suite/content_strict.rs` tries arbitrary strings). The
//! folders built under `{lang}/` are the slugs a Markdown page may not
//! take ([`crate::content::slug::RESERVED_PAGE_SLUGS`]).

use super::TermIx;
use crate::model::Lang;

/// Builds root-relative URLs under the site's base path, and absolute ones
/// for canonical links, feeds and open data.
#[derive(Debug, Clone)]
pub struct Urls {
    /// `https://example.gov.cn` (no trailing slash).
    origin: String,
    /// `/` or `/innovation/`.
    base_path: String,
}

impl Urls {
    pub fn new(origin: &str, base_path: &str) -> Self {
        Urls {
            origin: origin.trim_end_matches('/').to_owned(),
            base_path: base_path.to_owned(),
        }
    }

    /// Root-relative URL of a site path (`zh/targets/`), e.g.
    /// `/innovation/zh/targets/`.
    pub fn path(&self, site_path: &str) -> String {
        format!("{}{}", self.base_path, site_path)
    }

    /// Root-relative URL of a site-relative one, as `content/urls.lock`
    /// and `content/redirects.yaml` record it (`/zh/targets/x/` →
    /// `/innovation/zh/targets/x/`).
    pub fn of_site(&self, site_url: &str) -> String {
        self.path(site_url.trim_start_matches('/'))
    }

    /// Site-relative URL of a root-relative one, as `content/urls.lock`
    /// records it: the inverse of [`Urls::of_site`]
    /// (`/innovation/zh/targets/x/` → `/zh/targets/x/`).
    pub fn site_relative(&self, url: &str) -> String {
        let rest = url.strip_prefix(self.base_path.as_str()).unwrap_or(url);
        format!("/{}", rest.trim_start_matches('/'))
    }

    /// Absolute URL of a root-relative one.
    pub fn absolute(&self, url: &str) -> String {
        format!("{}{}", self.origin, url)
    }

    pub fn base_path(&self) -> &str {
        &self.base_path
    }

    pub fn home(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/"))
    }

    /// The language whose pages a root-relative URL is under
    /// (`/innovation/en/targets/x/` → English), or `None` for a URL outside
    /// both languages' folders (`/data/targets.csv`, `/404.html`).
    pub fn lang_of(&self, url: &str) -> Option<Lang> {
        Lang::ALL
            .into_iter()
            .find(|&lang| url.starts_with(&self.home(lang)))
    }

    /// The folder every policy's pages sit under (`/zh/policies/`); no
    /// page is published at it.
    pub fn policies_folder(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/policies/"))
    }

    pub fn policy(&self, lang: Lang, policy: &str) -> String {
        self.path(&format!("{lang}/policies/{policy}/"))
    }

    pub fn breakdown(&self, lang: Lang, policy: &str) -> String {
        self.path(&format!("{lang}/policies/{policy}/breakdown/"))
    }

    pub fn targets(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/targets/"))
    }

    pub fn target(&self, lang: Lang, target: &str) -> String {
        self.path(&format!("{lang}/targets/{target}/"))
    }

    /// The embeddable card of a target (`…/targets/SLUG/embed/`), for a
    /// newsroom's iframe.
    pub fn target_embed(&self, lang: Lang, target: &str) -> String {
        self.path(&format!("{lang}/targets/{target}/embed/"))
    }

    /// A target's own open-data file beside its page (`data.json`,
    /// `data.csv`): the same record in both languages.
    pub fn target_data(&self, lang: Lang, target: &str, ext: &str) -> String {
        self.path(&format!("{lang}/targets/{target}/data.{ext}"))
    }

    /// The target index's facet of the targets a department leads.
    pub fn department_targets(&self, lang: Lang, dept: &str) -> String {
        self.path(&format!("{lang}/targets/department/{dept}/"))
    }

    pub fn departments(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/departments/"))
    }

    pub fn department(&self, lang: Lang, dept: &str) -> String {
        self.path(&format!("{lang}/departments/{dept}/"))
    }

    pub fn page(&self, lang: Lang, slug: &str) -> String {
        self.path(&format!("{lang}/{slug}/"))
    }

    pub fn glossary(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/glossary/"))
    }

    pub fn search(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/search/"))
    }

    /// The review of a policy (`/_review/POLICY/`) and, with `None`, the
    /// list of reviews: pages only `gazette serve` shows, never written to
    /// the output folder, in the sitemap or in `content/urls.lock`.
    pub fn review(&self, policy: Option<&str>) -> String {
        match policy {
            Some(id) => self.path(&format!("{REVIEW}/{id}/")),
            None => self.path(&format!("{REVIEW}/")),
        }
    }

    pub fn asset(&self, name: &str) -> String {
        self.path(&format!("assets/{name}"))
    }

    /// The Atom feed of a language (`/zh/feed.xml`).
    pub fn feed(&self, lang: Lang) -> String {
        self.path(&format!("{lang}/feed.xml"))
    }

    /// The sitemap (`/sitemap.xml`), which `robots.txt` names.
    pub fn sitemap(&self) -> String {
        self.path("sitemap.xml")
    }

    /// The `n`th part of a sitemap too long for one file
    /// (`/sitemap-1.xml`), which `/sitemap.xml` then lists.
    pub fn sitemap_part(&self, n: usize) -> String {
        self.path(&format!("sitemap-{n}.xml"))
    }

    /// The 404 page of a language (`/zh/404.html`) or, with `None`, the
    /// one at the top (`/404.html`) for hosts with one error page.
    pub fn not_found(&self, lang: Option<Lang>) -> String {
        match lang {
            Some(lang) => self.path(&format!("{lang}/404.html")),
            None => self.path("404.html"),
        }
    }

    /// A glossary term's entry on the glossary page.
    pub fn glossary_term(&self, lang: Lang, term: TermIx) -> String {
        anchored(&self.glossary(lang), &glossary_anchor(term))
    }
}

/// The ID of a glossary term's entry on the glossary page: `term-N`,
/// numbered from 1 in the glossary's order.
pub fn glossary_anchor(term: TermIx) -> String {
    format!("term-{}", term.0 + 1)
}

/// `url` with the fragment `#id`: an anchor on a page (a paragraph, a task,
/// a table row, a glossary entry).
pub fn anchored(url: &str, id: &str) -> String {
    format!("{url}#{id}")
}

/// The folder of the review pages ([`Urls::review`]); `_` keeps it apart
/// from every slug, which never starts with one.
const REVIEW: &str = "_review";

/// The file a root-relative URL is written to, relative to `public/`.
/// `/innovation/zh/targets/` → `zh/targets/index.html`.
pub fn file_for(url: &str, base_path: &str) -> String {
    let rel = url.strip_prefix(base_path).unwrap_or(url);
    let rel = rel.split('#').next().unwrap_or(rel);
    if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_owned()
    }
}

/// The site path (`zh/targets/x/`, `data/targets.csv`) a file written at
/// `path` (relative to `public/`) is served at: the inverse of
/// [`file_for`], for files that are not pages (a page carries its URL,
/// [`crate::render::Page::url`]).
pub fn of_file(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(dir) => dir.to_owned(),
        None => path.to_owned(),
    }
}

/// Page `n` (from 1) of a paginated list at `url`: the list's own URL, then
/// `page/2/`, `page/3/` … under it.
pub fn paged(url: &str, n: usize) -> String {
    if n <= 1 {
        url.to_owned()
    } else {
        format!("{url}page/{n}/")
    }
}

/// Whether a built file is page 2 or later of a paginated list
/// (`zh/targets/page/3/index.html`). Such pages come and go with the length
/// of the list, so they are not permanent URLs.
pub fn is_paged(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(
        parts.as_slice(),
        [.., "page", n, "index.html"] if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::slug::RESERVED_PAGE_SLUGS;

    #[test]
    fn every_folder_under_a_language_is_reserved_for_pages() {
        let urls = Urls::new("https://example.gov.cn", "/");
        for lang in Lang::ALL {
            let lists = [
                urls.targets(lang),
                urls.departments(lang),
                urls.glossary(lang),
                urls.search(lang),
                urls.policy(lang, "x"),
            ];
            for url in lists {
                let folder = url.split('/').nth(2).unwrap_or_default();
                assert!(RESERVED_PAGE_SLUGS.contains(&folder), "{url}");
            }
        }
    }

    #[test]
    fn a_url_s_language_is_the_home_folder_it_is_under() {
        let urls = Urls::new("https://example.gov.cn", "/innovation/");
        for lang in Lang::ALL {
            let target = urls.target(lang, "x");
            assert_eq!(urls.lang_of(&target), Some(lang), "{target}");
            assert_eq!(urls.lang_of(&urls.home(lang)), Some(lang));
        }
        for other in [
            urls.not_found(None),
            urls.sitemap(),
            urls.asset("style.css"),
            urls.of_site("/zhx/"),
            "/zh/targets/".to_owned(),
        ] {
            assert_eq!(urls.lang_of(&other), None, "{other}");
        }
    }
}
