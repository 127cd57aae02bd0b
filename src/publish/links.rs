//! The build's own link checker: every internal `href`/`src` the site
//! writes must resolve to a file of the build and, with a `#fragment`, to
//! an element with that `id`. Runs on the links and ids render collected
//! of each page ([`crate::render::Page`]), before anything is written, so
//! a broken link fails the build instead of shipping.

use crate::diag::Diagnostic;
use crate::link::urls::file_for;
use crate::render::{Built, Page};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

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

/// Checks every internal link of the pages among `files` (the facts of
/// every file of the build), as render collected them ([`crate::render::Page::links`]). Links are
/// root-relative under `base_path` (`/innovation/…`) or same-page
/// fragments (`#task-12-p2`); absolute and external URLs are not checked.
pub fn check(files: &[Built], base_path: &str) -> Vec<BrokenLink> {
    let pages: Vec<(&str, &Page)> = files
        .iter()
        .filter_map(|f| Some((f.path.as_str(), f.page.as_deref()?)))
        .collect();
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ids: HashMap<&str, HashSet<&str>> = pages
        .iter()
        .map(|(path, page)| (*path, page.ids.iter().map(String::as_str).collect()))
        .collect();
    pages
        .par_iter()
        .flat_map_iter(|&(path, page)| broken_on_page(path, page, base_path, &paths, &ids))
        .collect()
}

/// The broken links of one page, in page order.
fn broken_on_page(
    path: &str,
    page: &Page,
    base_path: &str,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, HashSet<&str>>,
) -> Vec<BrokenLink> {
    let mut broken = Vec::new();
    for href in &page.links {
        let (target, fragment) = match href.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (&**href, None),
        };
        let file = if target.is_empty() {
            path.to_owned()
        } else if target.starts_with(base_path) {
            file_for(target, base_path)
        } else if let Some(resolved) = resolve_relative(path, target) {
            resolved
        } else {
            continue;
        };
        let reason = if !paths.contains(file.as_str()) {
            Some("no such page")
        } else {
            match fragment {
                Some(f)
                    if !f.is_empty() && !ids.get(file.as_str()).is_some_and(|s| s.contains(f)) =>
                {
                    Some("no element with that id")
                }
                _ => None,
            }
        };
        if let Some(reason) = reason {
            broken.push(BrokenLink {
                page: path.to_owned(),
                href: href.to_string(),
                reason,
            });
        }
    }
    broken
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
