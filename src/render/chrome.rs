//! The parts every page shares: language, title, canonical and alternate
//! links, navigation, breadcrumbs and search kind ([`super::trail`]), and
//! the footer's accessibility statement and contact line. Built per page
//! from the page's URL in both languages.

use super::text::Label;
use super::trail::Place;
use super::Renderer;
use crate::model::Lang;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Chrome {
    #[serde(skip)]
    pub lang: Lang,
    pub lang_tag: &'static str,
    pub other_lang_tag: &'static str,
    pub site_title: String,
    pub title: String,
    pub description: String,
    /// Root-relative URL of this page.
    pub url: String,
    pub canonical: String,
    /// The same page in the other language; `None` when that edition is
    /// not published ([`Chrome::without_counterpart`]).
    pub counterpart: Option<String>,
    pub alternates: Vec<Alternate>,
    pub home: String,
    /// The language's Atom feed.
    pub feed: String,
    pub targets: String,
    pub departments: String,
    pub assets: String,
    pub nav: Vec<NavItem>,
    /// Open Graph type: `website`, `article`.
    pub og_type: &'static str,
    pub og_locale: &'static str,
    pub og_locale_alternate: &'static str,
    /// schema.org JSON-LD, already made safe for a `<script>` element.
    pub json_ld: Option<String>,
    /// `noindex, follow` for pages that repeat others (facets): kept out
    /// of the sitemap and the search index, their links still followed.
    pub noindex: bool,
    /// The banner of a withdrawn policy's pages and its targets' pages.
    pub withdrawn: Option<super::withdrawn::WithdrawnNotice>,
    /// Home … this page; empty on the home page ([`super::trail`]).
    pub breadcrumbs: Vec<super::trail::Crumb>,
    /// The trail as schema.org `BreadcrumbList`, safe for `<script>`.
    pub breadcrumbs_ld: Option<String>,
    /// The page's kind in the search index; `None` for pages not indexed.
    pub search_kind: Option<super::trail::SearchKind>,
    /// The page's kind, from its place in the site ([`super::trail`]).
    #[serde(skip)]
    pub kind: super::PageKind,
    /// The accessibility statement (the Markdown page
    /// [`ACCESSIBILITY`]), linked from every page's footer when written.
    pub accessibility: Option<String>,
    /// `contact` in site.yaml: how readers reach the site's editors.
    pub contact: Option<crate::content::Contact>,
}

/// The slug of the Markdown page (`content/pages/accessibility.LANG.md`)
/// that is the site's accessibility statement: linked from the footer of
/// every page instead of the main navigation.
pub const ACCESSIBILITY: &str = "accessibility";

impl Chrome {
    /// The page has no counterpart in the other language (an English
    /// edition below `min_english_coverage`): the language switch says so
    /// instead of linking, and no alternate names the missing page.
    pub fn without_counterpart(mut self) -> Self {
        self.counterpart = None;
        let own = self.lang.tag();
        self.alternates.retain(|a| a.hreflang == own);
        self
    }
}

/// Serialises JSON-LD so no `<` can end the script element early.
pub fn json_ld(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}

fn og_locale(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh_CN",
        Lang::En => "en_US",
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub hreflang: &'static str,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NavItem {
    /// A Markdown page not yet translated shows its Chinese title, marked.
    pub label: super::text::Label,
    pub url: String,
    pub current: bool,
}

impl Renderer<'_> {
    /// Chrome for a page at `place` (a [`super::PageKind`], or a
    /// [`Place`] that names its policy) whose URL in each language is
    /// `url_in(lang)`, titled `title` (a [`Label`], so its breadcrumb marks
    /// an untranslated title as one).
    pub(super) fn chrome(
        &self,
        lang: Lang,
        place: impl Into<Place>,
        url_in: impl Fn(Lang) -> String,
        title: impl Into<Label>,
        description: Option<String>,
    ) -> Chrome {
        let title = title.into();
        let urls = &self.portal.urls;
        let site = &self.portal.site;
        let url = url_in(lang);
        let alternates = Lang::ALL
            .iter()
            .map(|&l| Alternate {
                hreflang: l.tag(),
                href: urls.absolute(&url_in(l)),
            })
            .chain(std::iter::once(Alternate {
                hreflang: "x-default",
                href: urls.absolute(&url_in(site.default_lang)),
            }))
            .collect();
        let fixed = [
            ("nav_home", urls.home(lang)),
            ("nav_policies", urls.policies_folder(lang)),
            ("nav_targets", urls.targets(lang)),
            ("nav_departments", urls.departments(lang)),
            ("nav_glossary", urls.glossary(lang)),
            ("nav_search", urls.search(lang)),
        ]
        .map(|(key, u)| (Label::text(self.t(lang, key)), u));
        let pages = self
            .portal
            .pages
            .iter()
            .filter(|p| p.slug != ACCESSIBILITY)
            .map(|p| {
                let label = match p.versions.get(&lang) {
                    Some(v) => Label::text(v.front.title.clone()),
                    None => p
                        .versions
                        .values()
                        .next()
                        .map(|v| Label::chinese(lang, v.front.title.clone()))
                        .unwrap_or_default(),
                };
                (label, urls.page(lang, &p.slug))
            });
        let nav = fixed
            .into_iter()
            .chain(pages)
            .map(|(label, u)| NavItem {
                label,
                current: u == url,
                url: u,
            })
            .collect();
        let accessibility = self
            .portal
            .pages
            .iter()
            .any(|p| p.slug == ACCESSIBILITY)
            .then(|| urls.page(lang, ACCESSIBILITY));
        let mut chrome = Chrome {
            lang,
            lang_tag: lang.tag(),
            other_lang_tag: lang.other().tag(),
            site_title: site.title.get(lang).clone(),
            description: description.unwrap_or_else(|| site.description.get(lang).clone()),
            title: title.plain(),
            canonical: urls.absolute(&url),
            counterpart: Some(url_in(lang.other())),
            url,
            alternates,
            home: urls.home(lang),
            feed: urls.feed(lang),
            targets: urls.targets(lang),
            departments: urls.departments(lang),
            assets: urls.asset(""),
            nav,
            og_type: "website",
            og_locale: og_locale(lang),
            og_locale_alternate: og_locale(lang.other()),
            json_ld: None,
            noindex: false,
            withdrawn: None,
            breadcrumbs: Vec::new(),
            breadcrumbs_ld: None,
            search_kind: None,
            kind: super::PageKind::NotFound,
            accessibility,
            contact: site.contact.clone(),
        };
        self.place_chrome(&mut chrome, place.into(), title);
        chrome
    }
}
