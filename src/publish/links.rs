//! The build's own link checker: every internal `href`/`src` the site
//! writes must resolve to a file of the build and, with a `#fragment`, to
//! an element with that `id`. Runs on the rendered files before anything
//! is written, so a broken link fails the build instead of shipping.

use crate::link::urls::file_for;
use crate::render::OutputFile;
use rayon::prelude::*;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    /// The page holding it, relative to `public/`.
    pub page: String,
    pub href: String,
    pub reason: &'static str,
}

fn link_attr() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?:href|src)="([^"]*)""#).expect("valid regex"))
}

fn id_attr() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"\sid="([^"]*)""#).expect("valid regex"))
}

/// Checks every internal link of the HTML files in `files`. Links are
/// root-relative under `base_path` (`/innovation/…`) or same-page
/// fragments (`#task-12-p2`); absolute and external URLs are not checked.
pub fn check(files: &[OutputFile], base_path: &str) -> Vec<BrokenLink> {
    let html: Vec<(&str, &str)> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| Some((f.path.as_str(), std::str::from_utf8(&f.bytes).ok()?)))
        .collect();
    let paths: HashSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let ids: HashMap<&str, HashSet<&str>> = html
        .par_iter()
        .map(|(path, text)| {
            let ids = id_attr()
                .captures_iter(text)
                .filter_map(|c| c.get(1).map(|m| m.as_str()))
                .collect();
            (*path, ids)
        })
        .collect();
    html.par_iter()
        .flat_map_iter(|&(page, text)| broken_on_page(page, text, base_path, &paths, &ids))
        .collect()
}

/// The broken links of one page, in page order.
fn broken_on_page(
    page: &str,
    text: &str,
    base_path: &str,
    paths: &HashSet<&str>,
    ids: &HashMap<&str, HashSet<&str>>,
) -> Vec<BrokenLink> {
    let mut broken = Vec::new();
    for cap in link_attr().captures_iter(text) {
        let Some(href) = cap.get(1).map(|m| m.as_str()) else {
            continue;
        };
        let (target, fragment) = match href.split_once('#') {
            Some((t, f)) => (t, Some(f)),
            None => (href, None),
        };
        let file = if target.is_empty() {
            page.to_owned()
        } else if target.starts_with(base_path) {
            file_for(target, base_path)
        } else if let Some(resolved) = resolve_relative(page, target) {
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
                page: page.to_owned(),
                href: href.to_owned(),
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
