//! Links that never break. `content/urls.lock` lists every URL and anchor
//! the site has published, with a fingerprint of what it showed (its format
//! is [`crate::content::lock`]); `content/redirects.yaml` maps URLs that
//! moved to their new place. Given the files of a build, [`plan`] checks
//! that every locked URL is still served — as itself, or through a redirect
//! — and says which redirect pages to render and which files to serve again
//! under an old folder; [`updated`] gives the lock's text with the build's
//! new URLs and anchors, each with the fingerprint of what it shows, which
//! the write stage writes in the same step as the site. That a locked
//! address still shows its content is the link stage's check
//! ([`crate::link::identity`]).
//!
//! URLs here are relative to the site's base URL, with a leading `/`
//! (`/zh/targets/rd-spending-share-of-gdp/`, `/data/targets.csv`), so a
//! change of host or base path does not break the lock. Theme assets, the
//! search index, the servers' redirect maps and the later pages of
//! paginated lists are not locked:
//! their names are the build's business.

pub use crate::content::lock::{LOCK_FILE, REDIRECTS_FILE};

use crate::content::lock::UrlLock;
use crate::link::identity;
use crate::link::urls::{self, Urls};
use crate::link::Portal;
use crate::render::{Built, Redirect};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("{path}:{line}: {message}\n  help: {REDIRECT_HELP}")]
    Redirects {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{} published URLs would disappear (the build left public/ and content/urls.lock as they were):\n{}\n  help: {UNPUBLISHED_HELP}", .urls.len(), list(.urls))]
    Unpublished { urls: Vec<String> },
}

/// What to do about a `content/redirects.yaml` entry the build refuses.
pub const REDIRECT_HELP: &str =
    "map each old URL to a page the site publishes, like `/zh/targets/old-slug/: /zh/targets/new-slug/`";

/// What to do about a locked URL the build would no longer publish (a
/// removed policy has help of its own, [`crate::publish`]'s `unpublished`).
pub const UNPUBLISHED_HELP: &str =
    "keep the slug that made each URL, or map it to its new place in content/redirects.yaml (`/old/url/: /new/url/`)";

fn list(urls: &[String]) -> String {
    urls.iter()
        .map(|u| format!("  {u}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What the build must add so every locked URL is still served.
#[derive(Debug, Default)]
pub struct Plan {
    /// Pages to render at old addresses.
    pub redirects: Vec<Redirect>,
    /// Files served again under a redirected folder
    /// (`zh/targets/old/data.json`, same bytes as under the new folder).
    pub copies: Vec<FileCopy>,
}

/// A file of the build served again at another path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCopy {
    /// Where the copy goes, relative to `public/`.
    pub path: String,
    /// The file it copies, relative to `public/`.
    pub from: String,
}

/// The site-relative URL (`/zh/targets/x/`) a built file is served at: a
/// page's own URL, else the URL its path is served at (data, feeds).
pub fn url_of(urls: &Urls, file: &Built) -> String {
    match &file.page {
        Some(page) => urls.site_relative(&page.url),
        None => format!("/{}", urls::of_file(&file.path)),
    }
}

/// Whether a built file's URL is a promise worth locking.
pub fn lockable(path: &str) -> bool {
    !(path.starts_with("assets/")
        || super::redirect_maps::is_map(path)
        || super::search::in_index(path)
        || super::sitemap::is_part(path)
        || crate::link::urls::is_paged(path))
}

/// The locked URLs (without anchors) of `lock`.
pub fn locked_urls(lock: &UrlLock) -> BTreeSet<&str> {
    lock.urls().collect()
}

/// The page redirects of `redirects`: anchor entries (`/p/#a: /p/#b`) are
/// the link stage's and are left out.
pub fn page_redirects(redirects: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    redirects
        .iter()
        .filter(|(from, to)| !from.contains('#') && !to.contains('#'))
        .map(|(from, to)| (from.clone(), to.clone()))
        .collect()
}

/// Checks `locked` against the build's `files` (their URLs site-relative
/// through `urls`); every locked URL no longer
/// published must be covered by `redirects`, exactly or under a redirected
/// folder.
pub fn plan<'a>(
    root: &Path,
    urls: &Urls,
    files: impl IntoIterator<Item = &'a Built>,
    locked: &BTreeSet<&str>,
    redirects: &BTreeMap<String, String>,
) -> Result<Plan, LockError> {
    let by_url: HashMap<String, &Built> = files.into_iter().map(|f| (url_of(urls, f), f)).collect();
    let redirects_path = root.join(REDIRECTS_FILE);
    let mut bad = Vec::new();
    for (from, to) in redirects {
        if by_url.contains_key(from) {
            bad.push(format!("`{from}` is still published; remove its redirect"));
        }
        if !by_url.contains_key(to) {
            bad.push(format!(
                "`{from}` redirects to `{to}`, which the site does not publish"
            ));
        }
    }
    if !bad.is_empty() {
        return Err(LockError::Redirects {
            path: redirects_path,
            line: 0,
            message: bad.join("; "),
        });
    }
    let mut plan = Plan::default();
    let mut missing = Vec::new();
    // Explicit redirects are served even before their source is locked.
    let redirected: BTreeSet<&str> = redirects.keys().map(String::as_str).collect();
    for url in locked.union(&redirected).copied() {
        if by_url.contains_key(url) {
            continue;
        }
        let moved = redirects.get(url).cloned().or_else(|| {
            // The longest redirected folder holding this URL.
            redirects
                .iter()
                .filter(|(from, _)| from.ends_with('/') && url.starts_with(from.as_str()))
                .max_by_key(|(from, _)| from.len())
                .map(|(from, to)| format!("{to}{}", &url[from.len()..]))
        });
        let Some(to) = moved else {
            missing.push(url.to_owned());
            continue;
        };
        match by_url.get(&to) {
            Some(_) if to.ends_with('/') || to.ends_with(".html") => {
                plan.redirects.push(Redirect {
                    from: url.to_owned(),
                    to,
                })
            }
            Some(f) => plan.copies.push(FileCopy {
                path: url.trim_start_matches('/').to_owned(),
                from: f.path.clone(),
            }),
            None => missing.push(url.to_owned()),
        }
    }
    if !missing.is_empty() {
        return Err(LockError::Unpublished { urls: missing });
    }
    Ok(plan)
}

/// `lock` (the portal's, as read, taken from it: at 10,000 policies it
/// holds millions of addresses, and a copy cost a gigabyte) with the URLs
/// of `files` (site-relative, through the portal's [`Urls`]) and the
/// anchors the portal shows on those pages added
/// ([`crate::link::identity::each_anchor`]), each with the fingerprint of
/// what it shows (a target page's too,
/// [`crate::link::identity::target_fingerprints`]): its new text, or
/// `None` when nothing is new and the file exists with its seal. The
/// write stage writes it in the same step as the site.
pub fn updated(root: &Path, portal: &Portal, mut lock: UrlLock, files: &[Built]) -> Option<String> {
    let targets = identity::target_fingerprints(portal);
    let mut added = 0;
    for f in files.iter().filter(|f| lockable(&f.path)) {
        let url = url_of(&portal.urls, f);
        let fp = targets.get(&url).cloned();
        added += usize::from(lock.record(url, fp));
    }
    // An anchor is locked once its page is.
    identity::each_anchor(portal, |address, fp| {
        let page = address.split('#').next().unwrap_or_default();
        if lock.contains(page) {
            added += usize::from(lock.record(address, Some(fp)));
        }
    });
    let path = root.join(LOCK_FILE);
    if added > 0 || !lock.sealed() || !path.exists() {
        return Some(lock.to_text());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str) -> Built {
        Built {
            path: path.into(),
            len: path.len(),
            page: None,
        }
    }

    #[test]
    fn urls_are_site_relative_and_assets_are_not_locked() {
        let urls = Urls::new("https://example.gov.cn", "/innovation/");
        let page = |url: &str| Built {
            page: Some(std::sync::Arc::new(crate::render::Page::new(
                crate::render::PageKind::Target,
                crate::model::Lang::Zh,
                url,
                Vec::<(crate::model::Lang, &str)>::new(),
                false,
                "",
            ))),
            ..file("zh/index.html")
        };
        assert_eq!(
            url_of(&urls, &page("/innovation/zh/targets/x/")),
            "/zh/targets/x/"
        );
        assert_eq!(url_of(&urls, &page("/innovation/")), "/");
        assert_eq!(
            url_of(&urls, &file("zh/targets/x/index.html")),
            "/zh/targets/x/"
        );
        assert_eq!(
            url_of(&urls, &file("data/targets.csv")),
            "/data/targets.csv"
        );
        assert!(!lockable("assets/style.css"));
        assert!(!lockable("pagefind/pagefind.js"));
        assert!(lockable("zh/feed.xml"));
        assert!(!lockable("zh/targets/page/2/index.html"));
        assert!(!lockable("en/targets/status/on-track/page/12/index.html"));
        assert!(
            lockable("zh/targets/page/index.html"),
            "a target slugged `page`"
        );
        assert!(lockable("zh/targets/page/embed/index.html"));
    }

    #[test]
    fn a_redirected_folder_covers_the_files_inside_it() {
        let files = [
            file("zh/targets/new/index.html"),
            file("zh/targets/new/data.json"),
        ];
        let locked: BTreeSet<&str> = ["/zh/targets/old/", "/zh/targets/old/data.json"].into();
        let redirects: BTreeMap<String, String> =
            [("/zh/targets/old/".into(), "/zh/targets/new/".into())].into();
        let plan = plan(
            Path::new("."),
            &Urls::new("", "/"),
            &files,
            &locked,
            &redirects,
        )
        .unwrap();
        assert_eq!(
            plan.redirects,
            vec![Redirect {
                from: "/zh/targets/old/".into(),
                to: "/zh/targets/new/".into()
            }]
        );
        assert_eq!(
            plan.copies,
            vec![FileCopy {
                path: "zh/targets/old/data.json".into(),
                from: "zh/targets/new/data.json".into()
            }]
        );
    }

    #[test]
    fn an_unredirected_locked_url_is_named() {
        let locked: BTreeSet<&str> = ["/zh/targets/old/"].into();
        let err = plan(
            Path::new("."),
            &Urls::new("", "/"),
            &[],
            &locked,
            &BTreeMap::new(),
        )
        .unwrap_err();
        assert!(err.to_string().contains("  /zh/targets/old/"), "{err}");
    }
}
