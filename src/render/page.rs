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
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// The kind of an HTML page: the one list of them, for the page's trail
/// and search kind in render ([`super::trail`]) and for the stages after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
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
    /// Shared like links ([`Link`]): pages repeat their ids too (every
    /// policy page has `task-1`, each page in both languages).
    pub ids: Vec<Link>,
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

/// The shared copies of `links`, in their order, taken under one lock.
/// Copies no page holds any more are dropped whenever the set has doubled
/// since the last time, so `serve`'s rebuilds do not keep the links of
/// pages long gone.
fn intern(links: &[&str]) -> Vec<Link> {
    struct Links {
        set: HashSet<Link>,
        pruned_at: usize,
    }
    static LINKS: OnceLock<Mutex<Links>> = OnceLock::new();
    let shared = LINKS.get_or_init(|| {
        Mutex::new(Links {
            set: HashSet::new(),
            pruned_at: 0,
        })
    });
    let mut shared = shared.lock().unwrap_or_else(|e| e.into_inner());
    links
        .iter()
        .map(|&link| {
            if let Some(known) = shared.set.get(link) {
                return Arc::clone(known);
            }
            if shared.set.len() >= 2 * shared.pruned_at.max(1 << 16) {
                shared.set.retain(|l| Arc::strong_count(l) > 1);
                shared.pruned_at = shared.set.len();
            }
            let new: Link = Arc::from(link);
            shared.set.insert(Arc::clone(&new));
            new
        })
        .collect()
}

/// The `href`/`src` values and element `id`s of a page just rendered, in
/// page order: the matches of `(?:href|src)="([^"]*)"` and of
/// `\sid="([^"]*)"`, each found apart from the other. Regexes captured
/// them once; every attribute ends its name with `="`, so one pass over
/// the places `="` occurs, looking at the name before each, finds both
/// in a fraction of the time.
fn links_and_ids(html: &str) -> (Vec<Link>, Vec<Link>) {
    let mut links = Vec::new();
    let mut ids = Vec::new();
    // Where the next match of each may begin; `None` once no value can
    // close (without a `"` after an opener, no later one has one).
    let mut link_from = Some(0);
    let mut id_from = Some(0);
    let bytes = html.as_bytes();
    for eq in memchr::memmem::find_iter(bytes, b"=\"") {
        let before = &html[..eq];
        let start = eq + 2;
        let link = ["href", "src"]
            .into_iter()
            .find(|name| before.ends_with(name))
            .is_some_and(|name| link_from.is_some_and(|from| eq - name.len() >= from));
        let id = before.ends_with("id")
            && id_from.is_some_and(|from| eq >= from + 2)
            && before[..eq - 2]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
        if !link && !id {
            continue;
        }
        let end = memchr::memchr(b'"', &bytes[start..]).map(|len| start + len);
        let value = end.map(|end| &html[start..end]);
        if link {
            link_from = end.map(|end| end + 1);
            links.extend(value);
        } else {
            id_from = end.map(|end| end + 1);
            ids.extend(value);
        }
        if link_from.is_none() && id_from.is_none() {
            break;
        }
    }
    (intern(&links), intern(&ids))
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    /// What the regexes the scan replaced capture, in page order.
    fn by_regex(html: &str) -> (Vec<String>, Vec<String>) {
        let values = |re: &str| {
            Regex::new(re)
                .expect("valid regex")
                .captures_iter(html)
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_owned()))
                .collect::<Vec<_>>()
        };
        (
            values(r#"(?:href|src)="([^"]*)""#),
            values(r#"\sid="([^"]*)""#),
        )
    }

    #[test]
    fn links_and_ids_are_what_the_regexes_captured() {
        let pages = [
            r#"<a href="/zh/">首页</a><img src="/a.png" data-src="/b.png"><p id="x">"#,
            "<h2\nid=\"第一条\">一</h2><h3\u{3000}id=\"全角\"></h3><i xid=\"no\" id=\"\">",
            r#"id="start" <a href="">empty</a><a href='single'>x</a> <b id="y">"#,
            r#"<a href="/ok/"> <a href="/unclosed> src="/after" id="late"#,
            r#"<a hrefsrc="/one/" src="/two/"> <p  id="z" class="id=&quot;"> id="w""#,
            r#"<a href="x id="y"> <p id="a href="b"> src="c" id="d""#,
            r#"id="a"id="b" id="c"src="d"href="e" <a href="f"#,
            "=\" =\"\" href=\"\" \tid=\"\u{2003}\" src=\"末\"",
        ];
        for html in pages {
            let (links, ids) = links_and_ids(html);
            let links: Vec<String> = links.iter().map(|l| l.to_string()).collect();
            let ids: Vec<String> = ids.iter().map(|l| l.to_string()).collect();
            assert_eq!((links, ids), by_regex(html), "{html}");
        }
    }
}
