//! The build's own link checker: every internal `href`/`src` the site
//! writes must resolve to a file of the build and, with a `#fragment`, to
//! an element with that `id`. Runs on the links and ids render collected
//! of each page ([`crate::render::Page`]), before anything is written, so
//! a broken link fails the build instead of shipping.
//!
//! Pages repeat their links (at 1,000 policies 5.2 million links of
//! 475,000 distinct ones, each distinct one numbered, [`crate::render::Link`]),
//! so a link to another page is resolved once per distinct link, not once
//! per page that writes it (the distinct links in parallel): files are
//! found by path in a map of the build's files, and the fragments asked of
//! each page are looked up in its ids together, one page at a time.
//! Nothing else is kept per link or per id of the whole site: only the
//! distinct links, and those that are broken.
//!
//! A process that builds more than once (`serve`) keeps the files whose
//! links resolved ([`Checked`]) and checks only the pages an edit changed
//! ([`check_since`]), unless a file or an id that a kept page may link is
//! gone.

use crate::diag::Diagnostic;
use crate::incremental::PathMap;
use crate::link::urls::file_for;
use crate::render::{Built, Link, Page};
use rayon::iter::Either;
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page holding it, relative to `public/`.
    pub page: String,
    pub href: String,
    pub reason: &'static str,
}

impl From<&BrokenLink> for Diagnostic {
    fn from(l: &BrokenLink) -> Self {
        Diagnostic::error("broken-link", format!("public/{}", l.page), 0)
            .message(format!("link to `{}`: {}", l.href, l.reason))
            .help("a template or Markdown page links to a page or anchor the site does not have; fix the link")
    }
}

const NO_PAGE: &str = "no such page";
const NO_ID: &str = "no element with that id";

/// Checks every internal link of the pages among `files` (the facts of
/// every file of the build, sorted by path), as render collected them
/// ([`crate::render::Page::links`]). Links are root-relative under
/// `base_path` (`/innovation/…`), relative to their page (`../glossary/`)
/// or same-page fragments (`#task-12-p2`); absolute and external URLs are
/// not checked. The broken links are listed page by page, in page order.
pub fn check(files: &[Built], base_path: &str) -> Vec<BrokenLink> {
    check_pages(files, base_path, |_| true)
}

/// The files of the last build whose links all resolved, each with what
/// render knew of it, as a process that builds more than once (`serve`)
/// keeps them for [`check_since`]. Cloning shares it; the default holds
/// none, and a check against it checks every page.
#[derive(Debug, Clone, Default)]
pub struct Checked(Arc<Mutex<PathMap<Option<Arc<Page>>>>>);

/// [`check`], knowing that every link of the files `last` holds resolved
/// among them: only the pages new or changed since (a page whose facts are
/// not the very ones `last` holds) are checked, unless a file is gone or a
/// changed page lost an id, which a page kept may link; then all are. The
/// files are kept in `last` when no link is broken. A debug build checks
/// every page too and fails if the answers differ.
pub fn check_since(files: &[Built], base_path: &str, last: &Checked) -> Vec<BrokenLink> {
    let mut held = last.0.lock().unwrap_or_else(|e| e.into_inner());
    let changed = changed_pages(files, &held);
    let broken = match &changed {
        Some(changed) => {
            let broken = check_pages(files, base_path, |i| changed.contains(&i));
            if cfg!(debug_assertions) {
                let all = check(files, base_path);
                assert_eq!(broken, all, "a link check of changed pages only");
            }
            broken
        }
        None => check(files, base_path),
    };
    if !broken.is_empty() {
        return broken;
    }
    let kept = |f: &Built| (f.path.clone(), f.page.clone());
    match changed {
        // No file is gone: the others are held as they are.
        Some(changed) => held.extend(changed.into_iter().map(|i| kept(&files[i]))),
        None => *held = files.iter().map(kept).collect(),
    }
    broken
}

/// The indexes among `files` of the pages new or changed since `last`;
/// `None` when every page must be checked: nothing is known of the last
/// build, a file of it is gone, or a changed page lost an id.
fn changed_pages(files: &[Built], last: &PathMap<Option<Arc<Page>>>) -> Option<HashSet<usize>> {
    if last.is_empty() {
        return None;
    }
    let mut kept = 0;
    let mut changed = HashSet::new();
    for (i, f) in files.iter().enumerate() {
        let Some(before) = last.get(&f.path) else {
            changed.insert(i);
            continue;
        };
        kept += 1;
        match (before, &f.page) {
            (Some(b), Some(p)) if Arc::ptr_eq(b, p) => {}
            (None, None) => {}
            (Some(b), now) => {
                let ids: HashSet<&str> = now
                    .iter()
                    .flat_map(|p| p.ids.iter().map(|id| &**id))
                    .collect();
                if b.ids.iter().any(|id| !ids.contains(&**id)) {
                    return None;
                }
                changed.insert(i);
            }
            (None, Some(_)) => {
                changed.insert(i);
            }
        }
    }
    (kept == last.len()).then_some(changed)
}

/// [`check`] of the pages among `files` whose index `checked` takes.
fn check_pages(
    files: &[Built],
    base_path: &str,
    checked: impl Fn(usize) -> bool,
) -> Vec<BrokenLink> {
    debug_assert!(files.windows(2).all(|w| w[0].path < w[1].path));
    let site = Site {
        files,
        base_path,
        by_path: files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.as_str(), i))
            .collect(),
    };
    let pages: Vec<(&str, &Page)> = files
        .iter()
        .enumerate()
        .filter(|&(i, _)| checked(i))
        .filter_map(|(_, f)| Some((f.path.as_str(), f.page.as_deref()?)))
        .collect();
    let broken = site.broken_shared(&pages);
    pages
        .par_iter()
        .flat_map_iter(|&(path, page)| site.broken_on_page(path, page, &broken))
        .collect()
}

/// The build's files, sorted by path, and the site's base path.
struct Site<'a> {
    files: &'a [Built],
    base_path: &'a str,
    /// Each file's index in `files`, by its path.
    by_path: HashMap<&'a str, usize>,
}

/// Where a link leads: a file of the build (its index in the list), with
/// the fragment it names, if any.
enum Resolved<'a> {
    Nowhere,
    File(usize, Option<&'a str>),
}

impl<'a> Site<'a> {
    /// The index of the file at `path`.
    fn find(&self, path: &str) -> Option<usize> {
        self.by_path.get(path).copied()
    }

    /// Where `href`, written on the page at `path`, leads; `None` when it
    /// is not checked (external, absolute outside the site, special).
    fn resolve(&self, path: &str, href: &'a str) -> Option<Resolved<'a>> {
        let (target, fragment) = match href.split_once('#') {
            Some((t, f)) => (t, Some(f).filter(|f| !f.is_empty())),
            None => (href, None),
        };
        let file = if target.is_empty() {
            path.to_owned()
        } else if target.starts_with(self.base_path) {
            file_for(target, self.base_path)
        } else {
            resolve_relative(path, target)?
        };
        Some(match self.find(&file) {
            Some(i) => Resolved::File(i, fragment),
            None => Resolved::Nowhere,
        })
    }

    /// Why the fragments `asked` (with what asked each) are not ids of
    /// the file at `i`: the askers whose fragment is missing.
    fn missing_ids<T: Copy>(&self, i: usize, asked: &[(&str, T)]) -> Vec<T> {
        let Some(page) = self.files[i].page.as_deref() else {
            return asked.iter().map(|&(_, who)| who).collect();
        };
        let has: Box<dyn Fn(&str) -> bool> = match asked.len() {
            // A few fragments: the page's ids read through once each.
            0..=4 => Box::new(|f| page.ids.iter().any(|id| &**id == f)),
            _ => {
                let ids: HashSet<&str> = page.ids.iter().map(|id| &**id).collect();
                Box::new(move |f| ids.contains(f))
            }
        };
        asked
            .iter()
            .filter(|(f, _)| !has(f))
            .map(|&(_, who)| who)
            .collect()
    }

    /// The links written to another page under the base path that are
    /// broken, by number ([`Link::number`]: links equal in text have one),
    /// with why: each distinct link
    /// resolved once, and the fragments asked of each page looked up in
    /// its ids together.
    fn broken_shared(&self, pages: &[(&str, &'a Page)]) -> HashMap<u32, &'static str> {
        let shared = |href: &str| !href.starts_with('#') && href.starts_with(self.base_path);
        let distinct: HashSet<Link> = pages
            .par_iter()
            .fold(HashSet::new, |mut seen, (_, page)| {
                seen.extend(page.links.iter().filter(|l| shared(l)));
                seen
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        let distinct: Vec<Link> = distinct.into_iter().collect();
        // Links to no page, and (file, fragment, link) for every link
        // naming a fragment. A link under the base path resolves without
        // its page.
        let (nowhere, mut asked): (Vec<u32>, Vec<(usize, &'a str, u32)>) = distinct
            .par_iter()
            .filter_map(|link| match self.resolve("", link.as_str())? {
                Resolved::Nowhere => Some(Either::Left(link.number())),
                Resolved::File(i, Some(fragment)) => {
                    Some(Either::Right((i, fragment, link.number())))
                }
                Resolved::File(_, None) => None,
            })
            .partition_map(|found| found);
        let mut broken: HashMap<u32, &'static str> =
            nowhere.into_iter().map(|at| (at, NO_PAGE)).collect();
        asked.par_sort_unstable();
        let missing: Vec<u32> = asked
            .par_chunk_by(|a, b| a.0 == b.0)
            .flat_map_iter(|group| {
                let frags: Vec<(&str, u32)> = group.iter().map(|&(_, f, at)| (f, at)).collect();
                self.missing_ids(group[0].0, &frags)
            })
            .collect();
        broken.extend(missing.into_iter().map(|at| (at, NO_ID)));
        broken
    }

    /// The broken links of the page at `path`, in page order: its links
    /// to other pages by `shared` ([`Site::broken_shared`]), its relative
    /// links and same-page fragments checked here.
    fn broken_on_page(
        &self,
        path: &str,
        page: &'a Page,
        shared: &HashMap<u32, &'static str>,
    ) -> Vec<BrokenLink> {
        // (link's place on the page, why) of every broken link.
        let mut broken: Vec<(usize, &'static str)> = Vec::new();
        // (file, fragment, link's place) of links checked here that name one.
        let mut asked: Vec<(usize, &str, usize)> = Vec::new();
        for (n, href) in page.links.iter().enumerate() {
            if !href.starts_with('#') && href.starts_with(self.base_path) {
                // Mostly none is broken: no lookup then.
                if shared.is_empty() {
                    continue;
                }
                if let Some(&why) = shared.get(&href.number()) {
                    broken.push((n, why));
                }
                continue;
            }
            match self.resolve(path, href) {
                Some(Resolved::Nowhere) => broken.push((n, NO_PAGE)),
                Some(Resolved::File(i, Some(fragment))) => asked.push((i, fragment, n)),
                _ => {}
            }
        }
        asked.sort_unstable();
        for group in asked.chunk_by(|a, b| a.0 == b.0) {
            let frags: Vec<(&str, usize)> = group.iter().map(|&(_, f, n)| (f, n)).collect();
            broken.extend(
                self.missing_ids(group[0].0, &frags)
                    .into_iter()
                    .map(|n| (n, NO_ID)),
            );
        }
        broken.sort_unstable();
        broken
            .into_iter()
            .map(|(n, reason)| BrokenLink {
                page: path.to_owned(),
                href: page.links[n].to_string(),
                reason,
            })
            .collect()
    }
}
/// A relative link (`../glossary/`) resolved against the page's folder,
/// as the file it names; `None` for absolute, external and special URLs.
fn resolve_relative(page: &str, target: &str) -> Option<String> {
    let special = target.starts_with('/') || target.contains(':') || target.starts_with('?');
    if special {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    Some(if target.ends_with('/') || joined.is_empty() {
        format!("{joined}/index.html")
            .trim_start_matches('/')
            .to_owned()
    } else {
        joined
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::PageKind;
    use std::path::Path;

    #[test]
    fn broken_links_of_every_kind_are_found_on_each_page_in_page_order() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/sample");
        let mut opts = crate::BuildOptions::new(&root);
        opts.search = false;
        let site = crate::render_site(&opts).expect("rendered");
        let base = site.portal.urls.base_path().to_owned();
        let mut built: Vec<Built> = site.files.into_iter().map(|f| f.split().0).collect();
        assert_eq!(check(&built, &base), [], "the sample site is whole");

        // A policy page's anchor, linked from two other pages with ids.
        let with_ids = |f: &Built, kind| {
            f.page
                .as_ref()
                .is_some_and(|p| p.kind == kind && !p.ids.is_empty())
        };
        let policy = built
            .iter()
            .find(|f| with_ids(f, PageKind::Policy))
            .and_then(|f| f.page.as_deref())
            .expect("a policy page");
        let (url, id) = (policy.url, policy.ids[0]);
        let writers: Vec<usize> = (0..built.len())
            .filter(|&i| with_ids(&built[i], PageKind::Target))
            .take(2)
            .collect();
        assert_eq!(writers.len(), 2, "two target pages");
        let shared_broken: Link = Link::new(&format!("{url}#no-such-id"));
        let mut expected = Vec::new();
        for &w in &writers {
            let path = built[w].path.clone();
            let page = std::sync::Arc::make_mut(built[w].page.as_mut().expect("a page"));
            let own = page.ids[0];
            let written = [
                (format!("{url}#{id}"), None),
                (format!("{url}#no-such-id"), Some(NO_ID)),
                (format!("{base}zh/no-such-page/"), Some(NO_PAGE)),
                (format!("#{own}"), None),
                ("#no-such-anchor".to_owned(), Some(NO_ID)),
                ("../../no-such-folder/".to_owned(), Some(NO_PAGE)),
                ("https://example.org/zh/".to_owned(), None),
            ];
            for (href, why) in written {
                page.links.push(Link::new(&href));
                if let Some(reason) = why {
                    expected.push((path.clone(), href, reason));
                }
            }
            page.links.push(shared_broken);
            expected.push((path, shared_broken.to_string(), NO_ID));
        }
        let found: Vec<(String, String, &str)> = check(&built, &base)
            .into_iter()
            .map(|b| (b.page, b.href, b.reason))
            .collect();
        assert_eq!(found, expected);
    }

    /// The sample site's files, whole.
    fn sample() -> (Vec<Built>, String) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/sample");
        let mut opts = crate::BuildOptions::new(&root);
        opts.search = false;
        let site = crate::render_site(&opts).expect("rendered");
        let base = site.portal.urls.base_path().to_owned();
        (site.files.into_iter().map(|f| f.split().0).collect(), base)
    }

    /// The index of a page of `kind` with ids.
    fn page_of(built: &[Built], kind: PageKind) -> usize {
        let with_ids = |f: &Built| {
            f.page
                .as_ref()
                .is_some_and(|p| p.kind == kind && !p.ids.is_empty())
        };
        built.iter().position(with_ids).expect("a page of the kind")
    }

    /// After a check, only pages whose facts are new are checked again;
    /// a gone file or a lost id checks every page, so a link an unchanged
    /// page writes to it is found broken.
    #[test]
    fn a_check_since_the_last_checks_changed_pages_unless_a_target_went() {
        let (built, base) = sample();
        let last = Checked::default();
        assert_eq!(changed_pages(&built, &last.0.lock().expect("held")), None);
        assert_eq!(check_since(&built, &base, &last), []);
        let held = |last: &Checked| last.0.lock().expect("held").clone();
        assert_eq!(changed_pages(&built, &held(&last)), Some(HashSet::new()));

        // A target page that links a policy page's first id.
        let (writer, policy) = (
            page_of(&built, PageKind::Target),
            page_of(&built, PageKind::Policy),
        );
        let target = built[policy].page.clone().expect("a page");
        let anchor = format!("{}#{}", target.url, target.ids[0]);
        let mut linked = built.clone();
        let mut page = (**linked[writer].page.as_ref().expect("a page")).clone();
        page.links.push(Link::new(&anchor));
        linked[writer].page = Some(Arc::new(page));
        assert_eq!(
            changed_pages(&linked, &held(&last)),
            Some(HashSet::from([writer]))
        );
        assert_eq!(check_since(&linked, &base, &last), []);
        assert_eq!(changed_pages(&linked, &held(&last)), Some(HashSet::new()));

        // The policy page loses that id: every page is checked, and the
        // unchanged writer's link is broken.
        let mut lost = linked.clone();
        let mut page = (*target).clone();
        page.ids.remove(0);
        lost[policy].page = Some(Arc::new(page));
        assert_eq!(changed_pages(&lost, &held(&last)), None);
        let broken = check_since(&lost, &base, &last);
        assert!(
            broken
                .iter()
                .any(|b| b.page == linked[writer].path && b.href == anchor),
            "{broken:?}"
        );
        // A broken site is not kept: the last whole one is.
        assert_eq!(held(&last).len(), linked.len());

        // The policy page gone: every page is checked again.
        let mut gone = linked.clone();
        gone.remove(policy);
        assert_eq!(changed_pages(&gone, &held(&last)), None);
        let broken = check_since(&gone, &base, &last);
        assert!(
            broken
                .iter()
                .any(|b| b.href == anchor && b.reason == NO_PAGE),
            "{broken:?}"
        );
    }
}
