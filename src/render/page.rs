//! What render knows of each HTML page it writes, handed on with the
//! page's bytes ([`super::OutputFile::page`]) so the stages after it
//! ([`crate::publish`]: sitemap, search index, link check) take the page's
//! language, URL, alternates, `noindex` and searchability as facts instead
//! of working them out again from its path or markup.
//!
//! A page's links and ids are collected as it is rendered, from the HTML
//! its template just made ([`links_and_ids`]): the link check then
//! compares these lists and never reads the site's files.
//!
//! They are read from that HTML, not recorded where it is made, because
//! the theme writes them: every `href`, `src` and `id` of a page is in a
//! template (`href="{{ view.policy_url }}"`, `{{ assets }}style.css`,
//! `id="task-{{ n }}"`), and the Rust views only offer URLs, some of which
//! a template leaves out or extends with a fragment. Zola records
//! `internal_links` in its Markdown renderer (`fix_link` in
//! `components/markdown/src/markdown.rs`), which sees every link because a
//! Zola page's links are its Markdown's; it checks no link a template
//! writes, and it finds an anchor's `id` with a regex over the page's HTML
//! too (`utils::anchors::has_anchor_id`). Recording at the URL builder
//! would check links the page does not print and miss those it composes;
//! recording through a Tera function every `href` must call would leave
//! unchecked any link a theme writes without it. Reading the finished
//! HTML sees exactly what the reader gets, from any theme, and costs one
//! pass over bytes already in memory.

use super::chrome::Chrome;
use crate::model::Lang;
use regex::Regex;
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// The kind of an HTML page: the one list of them, for the page's trail
/// and search kind in render ([`super::trail`]) and for the stages after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `/`: the language chooser.
    Root,
    Home,
    Policy,
    Breakdown,
    /// The target index, a facet of it or one of its later pages.
    TargetIndex,
    Target,
    /// A target's embeddable card (`…/embed/`).
    Embed,
    Departments,
    Department,
    Glossary,
    Search,
    /// A Markdown page from `content/pages/`.
    Page,
    /// The 404 page.
    NotFound,
    /// A page at an old address sending readers to the new one.
    Redirect,
}

impl PageKind {
    /// Whether pages of this kind are content readers find by searching:
    /// not the language chooser, the search page, the 404 page, an embed
    /// card or a redirect.
    fn searched(self) -> bool {
        !matches!(
            self,
            PageKind::Root
                | PageKind::Search
                | PageKind::NotFound
                | PageKind::Embed
                | PageKind::Redirect
        )
    }
}

/// An HTML page of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub kind: PageKind,
    pub lang: Lang,
    /// Root-relative URL (`/innovation/zh/targets/`).
    pub url: String,
    /// The page in each language it is published in, this one included,
    /// root-relative, in [`Lang::ALL`] order. The other language's is left
    /// out when that edition is not published ([`Chrome::without_counterpart`]).
    pub alternates: Vec<(Lang, String)>,
    /// Asks search engines not to index it (facets, embed cards, the 404
    /// and redirect pages): in neither the sitemap nor the search index.
    pub noindex: bool,
    /// In the search index.
    pub searchable: bool,
    /// Every `href` and `src` of the page, as written, in page order.
    pub links: Vec<Link>,
    /// Every element `id` of the page: the anchors a link may name.
    pub ids: Vec<String>,
}

impl Page {
    /// A page of `kind` in `lang` at `url`, with its `alternates`, whose
    /// HTML is `html`.
    pub fn new(
        kind: PageKind,
        lang: Lang,
        url: String,
        alternates: Vec<(Lang, String)>,
        noindex: bool,
        html: &str,
    ) -> Page {
        let (links, ids) = links_and_ids(html);
        Page {
            kind,
            lang,
            url,
            alternates,
            noindex,
            searchable: !noindex && kind.searched(),
            links,
            ids,
        }
    }

    /// The page `chrome` describes (its kind, language, URL, counterpart
    /// and `noindex`), whose HTML is `html`.
    pub(super) fn of(chrome: &Chrome, html: &str) -> Page {
        let alternates = Lang::ALL
            .into_iter()
            .filter_map(|l| match l == chrome.lang {
                true => Some((l, chrome.url.clone())),
                false => chrome.counterpart.clone().map(|u| (l, u)),
            })
            .collect();
        Page::new(
            chrome.kind,
            chrome.lang,
            chrome.url.clone(),
            alternates,
            chrome.noindex,
            html,
        )
    }
}

/// A link as a page writes it, shared by every page that writes the same
/// one ([`intern`]): a site's pages repeat their navigation, assets and
/// cross-links (5.2 million links of 475,000 distinct ones at 1,000
/// policies), and the build keeps every page's links until the link
/// check, so each is held once.
pub type Link = Arc<str>;

/// The shared copy of `link`. Copies no page holds any more are dropped
/// whenever the set has doubled since the last time, so `serve`'s
/// rebuilds do not keep the links of pages long gone.
fn intern(link: &str) -> Link {
    struct Links {
        set: HashSet<Link>,
        pruned_at: usize,
    }
    static LINKS: OnceLock<Mutex<Links>> = OnceLock::new();
    let links = LINKS.get_or_init(|| {
        Mutex::new(Links {
            set: HashSet::new(),
            pruned_at: 0,
        })
    });
    let mut links = links.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(shared) = links.set.get(link) {
        return Arc::clone(shared);
    }
    if links.set.len() >= 2 * links.pruned_at.max(1 << 16) {
        links.set.retain(|l| Arc::strong_count(l) > 1);
        links.pruned_at = links.set.len();
    }
    let shared: Link = Arc::from(link);
    links.set.insert(Arc::clone(&shared));
    shared
}

fn link_attr() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"(?:href|src)="([^"]*)""#).expect("valid regex"))
}

fn id_attr() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#"\sid="([^"]*)""#).expect("valid regex"))
}

/// The `href`/`src` values and element `id`s of a page just rendered.
fn links_and_ids(html: &str) -> (Vec<Link>, Vec<String>) {
    let values = |re: &'static Regex| {
        re.captures_iter(html)
            .filter_map(|c| c.get(1).map(|m| m.as_str()))
    };
    (
        values(link_attr()).map(intern).collect(),
        values(id_attr()).map(str::to_owned).collect(),
    )
}
