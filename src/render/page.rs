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
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// The kind of an HTML page: the one list of them, for the page's trail
/// and search kind in render ([`super::trail`]) and for the stages after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, borsh::BorshSerialize, borsh::BorshDeserialize)]
pub enum PageKind {
    /// `/`: the language chooser.
    Root,
    Home,
    /// The list of policies in force (`/{lang}/policies/`) or one of its
    /// later pages: a way to them, not content of its own.
    Policies,
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
    /// not the language chooser, the list of policies (whose titles would
    /// be found beside each policy's own page), the search page, the 404
    /// page, an embed card or a redirect.
    fn searched(self) -> bool {
        !matches!(
            self,
            PageKind::Root
                | PageKind::Policies
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
    /// Root-relative URL (`/innovation/zh/targets/`). Kept like links
    /// ([`Link`]): other pages link to it, and its alternates repeat it.
    pub url: Link,
    /// The page in each language it is published in, this one included,
    /// root-relative, in [`Lang::ALL`] order. The other language's is left
    /// out when that edition is not published ([`Chrome::without_counterpart`]).
    pub alternates: Vec<(Lang, Link)>,
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
        url: &str,
        alternates: impl IntoIterator<Item = (Lang, impl AsRef<str>)>,
        noindex: bool,
        html: &str,
    ) -> Page {
        let (links, ids) = links_and_ids(html);
        Page {
            kind,
            lang,
            url: Link::new(url),
            alternates: alternates
                .into_iter()
                .map(|(l, u)| (l, Link::new(u.as_ref())))
                .collect(),
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
                true => Some((l, chrome.url.as_str())),
                false => chrome.counterpart.as_deref().map(|u| (l, u)),
            });
        Page::new(
            chrome.kind,
            chrome.lang,
            &chrome.url,
            alternates,
            chrome.noindex,
            html,
        )
    }
}

/// A link or an element id as a page writes it: a number for its text,
/// which is kept once for the whole process ([`Link::new`]). A site's
/// pages repeat their navigation, assets, cross-links and ids (at 1,000
/// policies 5.2 million links of 475,000 distinct ones), and the build
/// keeps every page's links and ids until the link check: as 4-byte
/// numbers they take a quarter of what shared pointers to the text took
/// (at 10,000 policies about 0.8 GB less).
///
/// The texts are never freed: a build needs them all until its end, and
/// `serve`'s rebuilds write the same links again, adding only those an
/// edit made new.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Link(u32);

/// Every text a [`Link`] numbers: appended to, never changed, so a text
/// is read by its number without a lock.
struct Texts {
    by_number: boxcar::Vec<Box<str>>,
    numbers: Mutex<HashMap<&'static str, u32>>,
}

fn texts() -> &'static Texts {
    static TEXTS: OnceLock<Texts> = OnceLock::new();
    TEXTS.get_or_init(|| Texts {
        by_number: boxcar::Vec::new(),
        numbers: Mutex::new(HashMap::new()),
    })
}

impl Link {
    /// The link whose text is `text`.
    pub fn new(text: &str) -> Link {
        Link::all([text])[0]
    }

    /// The links of `all`, in their order, taken under one lock.
    fn all<'t>(all: impl IntoIterator<Item = &'t str>) -> Vec<Link> {
        let texts = texts();
        let mut numbers = texts.numbers.lock().unwrap_or_else(|e| e.into_inner());
        all.into_iter()
            .map(|text| {
                if let Some(&n) = numbers.get(text) {
                    return Link(n);
                }
                let at = texts.by_number.push(Box::from(text));
                let kept: &'static str = &texts.by_number[at];
                // Four billion distinct links would not fit in memory first.
                let n = u32::try_from(at).expect("fewer than 2^32 distinct links");
                numbers.insert(kept, n);
                Link(n)
            })
            .collect()
    }

    /// Its text.
    pub fn as_str(self) -> &'static str {
        &texts().by_number[self.0 as usize]
    }

    /// Its number: equal links, equal numbers.
    pub fn number(self) -> u32 {
        self.0
    }
}

impl std::ops::Deref for Link {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Link {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
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
    (Link::all(links), Link::all(ids))
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
    fn a_link_is_one_number_per_text_from_any_thread() {
        let texts = ["/zh/", "#task-1", "/zh/", "", "第一条"];
        let here = Link::all(texts);
        let there = std::thread::spawn(move || Link::all(texts))
            .join()
            .expect("thread");
        assert_eq!(here, there);
        assert_eq!(here[0], here[2]);
        assert_ne!(here[0], here[1]);
        let read: Vec<&str> = here.iter().map(|l| l.as_str()).collect();
        assert_eq!(read, texts);
        assert_eq!(Link::new("第一条"), here[4]);
        assert_eq!(format!("{:?} {}", here[4], here[1]), "\"第一条\" #task-1");
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
