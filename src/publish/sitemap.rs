//! Rendered pages → `sitemap.xml` (every HTML page, with `xhtml:link`
//! hreflang alternates to its counterpart in the other language) and
//! `robots.txt` pointing to it; [`Portal`] → an Atom feed per language
//! (`/{lang}/feed.xml`) with an entry per policy, dated by its notice or its
//! latest change, and an entry per change in `content/changelog.yaml`.
//! The sitemap and the feeds are the theme's templates `sitemap.xml` and
//! `atom.xml` (as in Zola), so a theme can override them; this module makes
//! their views.
//!
//! The sitemap is made from the pages of the build ([`Page`], as render
//! describes them), not from the portal, so it lists exactly what is
//! published; redirect pages are added later and are not in it, nor are
//! the 404 pages and pages marked `noindex` (facets, embed cards).
//!
//! A site of more than [`MAX_URLS`] pages gets its sitemap in parts,
//! `sitemap-1.xml`, … (each the theme's `sitemap.xml` over at most that
//! many pages, made and handed on one at a time, so the sitemap is never
//! held whole: at 1,000 policies it was one 34 MB string), and
//! `sitemap.xml` is then the sitemap index listing them (the theme's
//! `sitemap_index.xml`).

use crate::incremental::{Digest, Digester};
use crate::link::urls::{anchored, file_for};
use crate::link::{PolicyIx, Portal};
use crate::model::Lang;
use crate::render::{Built, OutputFile, Page, PageKind, RenderError, Theme};
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::collections::HashMap;

/// The sitemap's view: its `<url>` entries, in path order.
#[derive(Serialize)]
struct SitemapView {
    urls: Vec<SitemapUrl>,
}

#[derive(Serialize)]
struct SitemapUrl {
    /// Absolute.
    loc: String,
    alternates: Vec<Alternate>,
}

#[derive(Serialize)]
struct Alternate {
    /// `zh-Hans`, `en` or `x-default`.
    hreflang: &'static str,
    /// Absolute.
    href: String,
}

/// The most pages one sitemap file lists: a fifth of the sitemaps
/// protocol's limit (50,000), because a part's view is held whole while
/// the theme's template renders it. Parts of 50,000 raised a 1,000-policy
/// build's peak by 0.24 GiB, to the build's highest; parts of 10,000 by
/// 0.05 GiB.
pub const MAX_URLS: usize = 10_000;

/// The sitemap index's view: the absolute URLs of the sitemap's parts.
#[derive(Serialize)]
struct SitemapIndexView {
    sitemaps: Vec<String>,
}

/// Whether a built file is a part of a sitemap in parts (`sitemap-1.xml`):
/// their number follows the site's size, so they are no promise to lock.
pub fn is_part(path: &str) -> bool {
    path.strip_prefix("sitemap-")
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// A maker of one file, handed with the digest of what it is made from
/// (its template, address and view), so the caller can take the last
/// build's file instead when that is the same ([`super::reuse`]).
pub type Hand<'a> =
    dyn FnMut(Digest, &dyn Fn() -> Result<OutputFile, RenderError>) -> Result<(), RenderError> + 'a;

/// `sitemap.xml` (the theme's template of that name) and `robots.txt` for
/// the pages among `files`, handed to `hand`; more than `max_urls` pages
/// give a sitemap in parts of at most `max_urls`, each handed on as it is
/// made, and `sitemap.xml` the index of the parts (see the module doc).
pub fn files(
    portal: &Portal,
    theme: &Theme,
    files: &[Built],
    max_urls: usize,
    hand: &mut Hand,
) -> Result<(), RenderError> {
    let urls = &portal.urls;
    // Every page's URL, looked up once for each alternate of each page.
    let published: FxHashSet<&str> = files
        .iter()
        .filter_map(|f| f.page.as_ref())
        .map(|p| p.url.as_str())
        .collect();
    let mut pages: Vec<(&str, &Page)> = files
        .iter()
        .filter_map(|f| Some((f.path.as_str(), f.page.as_deref()?)))
        .filter(|(_, p)| p.kind != PageKind::NotFound && !p.noindex)
        .collect();
    pages.sort_by_key(|(path, _)| *path);
    let sitemap = urls.sitemap();
    let lang = portal.site.default_lang;
    // `template` over `view` at the root-relative URL `url`, handed on.
    let mut render = |template: &str, view: &dyn ErasedView, url: &str| {
        let mut h = Digester::default();
        h.write(template.as_bytes());
        h.write(url.as_bytes());
        view.digest(&mut h);
        hand(h.finish(), &|| {
            let xml = view.render(theme, template, lang, url)?;
            Ok(OutputFile {
                path: file_for(url, urls.base_path()),
                bytes: xml.into_bytes(),
                page: None,
            })
        })
    };
    // The sitemap of `pages`.
    let view_of = |pages: &[(&str, &Page)]| SitemapView {
        urls: pages
            .iter()
            .map(|(_, page)| SitemapUrl {
                loc: urls.absolute(&page.url),
                alternates: alternates(portal, page, &published),
            })
            .collect(),
    };
    if pages.len() <= max_urls {
        render("sitemap.xml", &view_of(&pages), &sitemap)?;
    } else {
        let mut sitemaps = Vec::new();
        for (n, chunk) in pages.chunks(max_urls.max(1)).enumerate() {
            let url = urls.sitemap_part(n + 1);
            render("sitemap.xml", &view_of(chunk), &url)?;
            sitemaps.push(urls.absolute(&url));
        }
        let view = SitemapIndexView { sitemaps };
        render("sitemap_index.xml", &view, &sitemap)?;
    }
    let sitemap = urls.absolute(&sitemap);
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n");
    hand(Digest::of(robots.as_bytes()), &|| {
        Ok(OutputFile {
            path: "robots.txt".into(),
            bytes: robots.clone().into_bytes(),
            page: None,
        })
    })
}

/// A sitemap's view, digested and rendered.
trait ErasedView {
    fn digest(&self, h: &mut Digester);
    fn render(
        &self,
        theme: &Theme,
        template: &str,
        lang: Lang,
        url: &str,
    ) -> Result<String, RenderError>;
}

impl<V: Serialize> ErasedView for V {
    fn digest(&self, h: &mut Digester) {
        // Writing JSON into a digest cannot fail.
        let _ = serde_json::to_writer(h, self);
    }

    fn render(
        &self,
        theme: &Theme,
        template: &str,
        lang: Lang,
        url: &str,
    ) -> Result<String, RenderError> {
        theme.render_view(template, lang, self, url)
    }
}

/// The page in each language (and `x-default`) that the site publishes
/// (`published` holds the root-relative URLs of its pages), when there is
/// more than one.
fn alternates(portal: &Portal, page: &Page, published: &FxHashSet<&str>) -> Vec<Alternate> {
    let urls = &portal.urls;
    let shown: Vec<(Lang, &str)> = page
        .alternates
        .iter()
        .filter(|(_, u)| published.contains(u.as_str()))
        .map(|(l, u)| (*l, u.as_str()))
        .collect();
    let mut out: Vec<Alternate> = shown
        .iter()
        .map(|(l, u)| Alternate {
            hreflang: l.tag(),
            href: urls.absolute(u),
        })
        .collect();
    let default = shown.iter().find(|(l, _)| *l == portal.site.default_lang);
    if let (true, Some((_, u))) = (out.len() > 1, default) {
        out.push(Alternate {
            hreflang: "x-default",
            href: urls.absolute(u),
        });
    }
    out
}

/// The most entries a feed holds: the newest. A feed reader polls the
/// feed again and again, so it says what is new, not all there is: a
/// portal of 10,000 policies made a 7 MB feed. (Zola and Hugo cap theirs
/// the same way; the sitemap lists every page.)
pub const MAX_FEED_ENTRIES: usize = 100;

/// `/{lang}/feed.xml` for each language (the theme's `atom.xml`): an entry
/// per policy and per change in `content/changelog.yaml`, the newest
/// [`MAX_FEED_ENTRIES`] of them.
pub fn feeds(portal: &Portal, theme: &Theme) -> Result<Vec<OutputFile>, RenderError> {
    Lang::ALL
        .iter()
        .map(|&lang| {
            Ok(OutputFile {
                path: file_for(&portal.urls.feed(lang), portal.urls.base_path()),
                bytes: feed(portal, theme, lang)?.into_bytes(),
                page: None,
            })
        })
        .collect()
}

/// The feed's view: the site in `lang` and its entries, newest first, their
/// dates full timestamps.
#[derive(Serialize)]
struct FeedView {
    lang_tag: &'static str,
    title: String,
    subtitle: String,
    /// The home page's absolute URL: the feed's ID and its alternate link.
    home: String,
    self_url: String,
    updated: String,
    entries: Vec<Entry>,
}

fn feed(portal: &Portal, theme: &Theme, lang: Lang) -> Result<String, RenderError> {
    let urls = &portal.urls;
    let home = urls.absolute(&urls.home(lang));
    let self_path = urls.feed(lang);
    let summary = theme.strings[&lang]
        .get("feed_summary")
        .map_or("{title}", String::as_str);
    let policies: Vec<Entry> = (0..portal.policies.len())
        .map(PolicyIx)
        .map(|pi| entry(portal, lang, pi, summary, portal.last_change(Some(pi))))
        .collect();
    let changes = changes(portal, lang, &policies);
    // A withdrawn policy leaves the feed, announced once.
    let words = &theme.strings[&lang];
    let policies =
        policies
            .into_iter()
            .enumerate()
            .map(|(pi, e)| match portal.withdrawal(PolicyIx(pi)) {
                Some(w) => withdrawn(e, w, words),
                None => e,
            });
    let mut entries: Vec<Entry> = policies.collect();
    entries.extend(changes);
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.url.cmp(&b.url)));
    entries.truncate(MAX_FEED_ENTRIES);
    let updated = entries
        .iter()
        .map(|e| e.updated.as_str())
        .max()
        .unwrap_or("1970-01-01")
        .to_owned();
    let view = FeedView {
        lang_tag: lang.tag(),
        title: portal.site.title.get(lang).clone(),
        subtitle: portal.site.description.get(lang).clone(),
        home,
        self_url: urls.absolute(&self_path),
        updated: timestamp(&updated),
        entries: entries
            .into_iter()
            .map(|e| Entry {
                published: timestamp(&e.published),
                updated: timestamp(&e.updated),
                ..e
            })
            .collect(),
    };
    theme.render_view("atom.xml", lang, &view, &self_path)
}

#[derive(Serialize)]
struct Entry {
    title: String,
    /// Unique and permanent: the page URL, with a fragment for a change.
    id: String,
    url: String,
    /// ISO dates; full timestamps in [`FeedView`].
    published: String,
    updated: String,
    author: String,
    summary: String,
}

/// Policy `pi`'s entry, updated as of `last_change` when that is later.
fn entry(
    portal: &Portal,
    lang: Lang,
    pi: PolicyIx,
    summary: &str,
    last_change: Option<&str>,
) -> Entry {
    let p = &portal.policies[pi];
    let notice = p.policy.notice.as_ref();
    let text = |key: &str, zh: &str| match lang {
        Lang::Zh => zh.to_owned(),
        Lang::En => super::data::english(portal, pi, key, zh).unwrap_or_else(|| zh.to_owned()),
    };
    let title = match notice {
        Some(n) => text("notice.title", &n.title),
        None => text("plan.title", &p.policy.plan.title),
    };
    let year = p.policy.plan.period.map(|x| format!("{}-01-01", x.start));
    let signed = portal.issued(pi).map(str::to_owned);
    let published_on = portal.published(pi).map(str::to_owned);
    let published = signed
        .clone()
        .or(published_on.clone())
        .or(year.clone())
        .unwrap_or_else(|| "1970-01-01".into());
    let updated = published_on
        .or(signed)
        .or(year)
        .unwrap_or(published.clone());
    let author = match lang {
        Lang::Zh => p.meta.issuer_zh.clone(),
        Lang::En => p.meta.issuer_en.clone(),
    }
    .or_else(|| notice.map(|n| n.signers.join("、")))
    .unwrap_or_else(|| portal.site.title.get(lang).clone());
    let summary = summary
        .replace("{title}", &text("plan.title", &p.policy.plan.title))
        .replace("{count}", &p.policy.targets.len().to_string());
    let updated = match last_change {
        Some(date) if date > updated.as_str() => date.to_owned(),
        _ => updated,
    };
    let url = portal.urls.absolute(&portal.policy_url(lang, pi));
    Entry {
        title,
        id: url.clone(),
        url,
        published,
        updated,
        author,
        summary,
    }
}

/// An entry per change of a policy the portal has; `policies` holds the
/// policies' own entries, in portal order.
fn changes(portal: &Portal, lang: Lang, policies: &[Entry]) -> Vec<Entry> {
    let by_id: HashMap<&str, &Entry> = portal
        .policies
        .iter()
        .zip(policies)
        .map(|(p, e)| (p.policy.id.as_str(), e))
        .collect();
    portal
        .changelog
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let policy = by_id.get(c.policy.as_str())?;
            let pi = portal.policy_index(&c.policy)?;
            if !portal.in_force(pi) {
                return None;
            }
            let note = match lang {
                Lang::Zh => c.zh.clone(),
                Lang::En => c.en.clone(),
            };
            Some(Entry {
                title: format!("{}: {note}", policy.title),
                id: anchored(&policy.url, &format!("change-{}", i + 1)),
                url: policy.url.clone(),
                published: c.date.clone(),
                updated: c.date.clone(),
                // A change note is the site's own writing, not the
                // issuing office's: credit the site.
                author: portal.site.title.get(lang).clone(),
                summary: note,
            })
        })
        .collect()
}

/// The entry announcing that a policy (whose own entry is `e`) was
/// withdrawn, dated the day it was, worded with the theme's `words`.
fn withdrawn(
    e: Entry,
    w: &crate::content::policies::Withdrawal,
    words: &crate::render::theme::Strings,
) -> Entry {
    let status = w.status.as_str();
    let word = |key: &str| words.get(key).cloned().unwrap_or_else(|| key.to_owned());
    let summary = word(&format!("withdrawn_{status}"))
        .replace("{subject}", &word("withdrawn_this_policy"))
        .replace("{date}", w.date.as_str());
    Entry {
        title: format!(
            "{}: {}",
            word(&format!("withdrawn_label_{status}")),
            e.title
        ),
        id: anchored(&e.url, "withdrawn"),
        published: w.date.as_str().to_owned(),
        updated: w.date.as_str().to_owned(),
        summary,
        ..e
    }
}

/// `2018-08-28` → `2018-08-28T00:00:00Z` (Atom wants a full timestamp).
fn timestamp(date: &str) -> String {
    if date.contains('T') {
        date.to_owned()
    } else {
        format!("{date}T00:00:00Z")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;
    use std::path::Path;

    /// The `<url>` entries of a sitemap, in order.
    fn entries(xml: &str) -> Vec<String> {
        xml.split("<url>")
            .skip(1)
            .filter_map(|s| s.split("</url>").next())
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn more_pages_than_one_file_lists_give_a_sitemap_in_parts_under_an_index() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/data/sample");
        let mut opts = crate::BuildOptions::new(&root);
        opts.search = false;
        let site = crate::render_site(&opts).expect("rendered");
        let theme = Theme::load(&root, &site.portal.site.theme).expect("theme");
        let built: Vec<Built> = site.files.into_iter().map(|f| f.split().0).collect();
        let made = |max: usize| {
            let mut out: Vec<OutputFile> = Vec::new();
            files(&site.portal, &theme, &built, max, &mut |_, make| {
                out.push(make()?);
                Ok(())
            })
            .expect("made");
            out.into_iter()
                .map(|f| (f.path, String::from_utf8(f.bytes).expect("UTF-8")))
                .collect::<BTreeMap<String, String>>()
        };
        let whole = made(MAX_URLS);
        let all = entries(&whole["sitemap.xml"]);
        assert!(all.len() > 20, "{} pages: too few to cut", all.len());
        assert_eq!(
            whole.keys().collect::<Vec<_>>(),
            ["robots.txt", "sitemap.xml"]
        );

        let parted = made(10);
        let parts = all.len().div_ceil(10);
        let names: Vec<String> = (1..=parts).map(|n| format!("sitemap-{n}.xml")).collect();
        let mut joined = Vec::new();
        for name in &names {
            let part = entries(&parted[name]);
            assert!(!part.is_empty() && part.len() <= 10, "{name}");
            assert!(parted[name].starts_with("<?xml"));
            joined.extend(part);
            assert!(is_part(name) && !crate::publish::lock::lockable(name));
        }
        assert_eq!(
            joined, all,
            "the parts list the pages of one sitemap, in order"
        );
        assert_eq!(parted.len(), parts + 2, "the parts, the index, robots.txt");
        let index = &parted["sitemap.xml"];
        assert!(index.contains("<sitemapindex"));
        let listed: Vec<&str> = index
            .split("<loc>")
            .skip(1)
            .filter_map(|s| s.split("</loc>").next())
            .collect();
        let urls = &site.portal.urls;
        let expected: Vec<String> = (1..=parts)
            .map(|n| urls.absolute(&urls.sitemap_part(n)))
            .collect();
        assert_eq!(listed, expected);
        assert_eq!(parted["robots.txt"], whole["robots.txt"]);
        assert!(
            !is_part("sitemap.xml") && !is_part("sitemap-.xml") && !is_part("zh/sitemap-1.xml")
        );
    }
}
