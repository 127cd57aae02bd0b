//! Where a page sits in the site: its [`Place`] (its kind, a
//! [`PageKind`], and the policy it belongs to), handed over by the page's
//! builder (which knows what it is building), and what follows from it —
//! the breadcrumb trail
//! (home first, the page itself last, with its schema.org
//! `BreadcrumbList`), the page's kind in [`Chrome`] and its kind in
//! the search index (a `data-pagefind-filter` key and a label for results).
//!
//! Invariant: every page below the home page has a trail of at least two
//! crumbs, and each crumb links to a page the site publishes in the same
//! language (a policy whose English is not published links to its
//! Chinese page, as everywhere else).

use super::chrome::Chrome;
use super::text::Label;
use super::{PageKind, Renderer};
use crate::link::PolicyIx;
use serde::Serialize;

/// Where a page with chrome sits: its kind, and for a policy's page and
/// its breakdown the policy (a breakdown's trail passes through the
/// policy's page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    kind: PageKind,
    policy: Option<PolicyIx>,
}

impl From<PageKind> for Place {
    fn from(kind: PageKind) -> Self {
        Place { kind, policy: None }
    }
}

/// One step of the trail; its label marked where it is Chinese on an
/// English page ([`Label::marked`]), and as a fallback where it stands in
/// for a missing translation.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    pub label: Label,
    /// Root-relative.
    pub url: String,
}

/// What the search index records of a page's kind.
#[derive(Debug, Clone, Serialize)]
pub struct SearchKind {
    /// `policy`, `breakdown`, `target`, `targets`, `department`,
    /// `departments`, `glossary`, `page`, `home`: the filter's value.
    pub key: &'static str,
    /// "Target" / "目标": shown beside each result.
    pub label: String,
}

impl Place {
    /// Policy `pi`'s page or its breakdown (`kind`).
    pub(super) fn of_policy(kind: PageKind, pi: PolicyIx) -> Self {
        Place {
            kind,
            policy: Some(pi),
        }
    }

    fn search_key(self) -> Option<&'static str> {
        use PageKind as K;
        Some(match self.kind {
            K::Home => "home",
            K::Policy => "policy",
            K::Breakdown => "breakdown",
            K::TargetIndex => "targets",
            K::Target => "target",
            K::Departments => "departments",
            K::Department => "department",
            K::Glossary => "glossary",
            K::Page => "page",
            K::Root | K::Policies | K::Embed | K::Search | K::NotFound | K::Redirect => {
                return None
            }
        })
    }
}

impl Renderer<'_> {
    /// Fills `chrome`'s kind, trail, its JSON-LD and its search kind from
    /// the page's `place` (as its builder gives it), URL and `title`.
    pub(super) fn place_chrome(&self, chrome: &mut Chrome, place: Place, title: Label) {
        let lang = chrome.lang;
        chrome.kind = place.kind;
        chrome.search_kind = place.search_key().map(|key| SearchKind {
            key,
            label: self.t(lang, &format!("search_kind_{key}")),
        });
        if place.kind == PageKind::Home {
            return;
        }
        let urls = &self.portal.urls;
        let crumb = |label: Label, url: String| Crumb {
            label: label.marked(lang),
            url,
        };
        let word = |key: &str| Label::text(self.t(lang, key));
        let mut trail = vec![crumb(word("nav_home"), urls.home(lang))];
        let mut own = title;
        match place.kind {
            PageKind::Breakdown => {
                if let Some(pi) = place.policy {
                    let title = self.policy_title(lang, pi).label();
                    trail.push(crumb(title, self.portal.policy_url(lang, pi)));
                }
                own = word("breakdown");
            }
            PageKind::TargetIndex if chrome.url != urls.targets(lang) => {
                trail.push(crumb(word("nav_targets"), urls.targets(lang)));
            }
            PageKind::Target => {
                trail.push(crumb(word("nav_targets"), urls.targets(lang)));
            }
            PageKind::Department => {
                trail.push(crumb(word("nav_departments"), urls.departments(lang)));
            }
            _ => {}
        }
        trail.push(crumb(own, chrome.url.clone()));
        chrome.breadcrumbs_ld = Some(super::chrome::json_ld(&breadcrumb_list(&trail, |u| {
            urls.absolute(u)
        })));
        chrome.breadcrumbs = trail;
    }
}

/// schema.org `BreadcrumbList` of a trail, each item's URL absolute.
fn breadcrumb_list(trail: &[Crumb], absolute: impl Fn(&str) -> String) -> serde_json::Value {
    let items: Vec<serde_json::Value> = trail
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let name = c.label.plain();
            serde_json::json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": absolute(&c.url),
            })
        })
        .collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}
