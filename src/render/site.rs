//! Site-wide pages: the home page per language, search, glossary, Markdown
//! pages, the root language chooser, the 404 page and the theme's assets.

use super::text::{Block, Label};
use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::link::{urls, DeptIx, PolicyIx, TargetIx, TermIx};
use crate::model::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct HomeView {
    search_url: String,
    /// The newest [`HOME_POLICIES`] policies in force.
    policies: Vec<PolicyCard>,
    /// The link to the list of them all, when there are more.
    all_policies: Option<AllPolicies>,
    headline: Vec<Figure>,
    departments: Vec<super::text::DeptLink>,
}

#[derive(Serialize)]
struct PolicyCard {
    title: Block,
    url: String,
    breakdown_url: Option<String>,
    period: Option<String>,
    issuer: super::text::Label,
    target_count: usize,
}

#[derive(Serialize)]
struct AllPolicies {
    url: String,
    /// "All 1,000 policies".
    label: String,
}

/// A page of the list of policies.
#[derive(Serialize)]
struct PoliciesView {
    policies: Vec<PolicyCard>,
    /// "Policies in force: 1,000."
    in_force: String,
    pagination: Option<super::paging::PaginationView>,
}

#[derive(Serialize)]
struct Figure {
    name: super::text::Label,
    commitment: String,
    deadline: String,
    url: String,
}

/// The most policies the home page lists; with more in force it links to
/// the list of them all ([`policy_list`]).
const HOME_POLICIES: usize = 20;

/// The most headline figures (targets of a plan's own text) the home
/// page shows, in the portal's order; the target index lists them all. A
/// portal of 1,000 policies had 17,322 of them, 3.9 MB of its home page.
const HOME_FIGURES: usize = 24;

pub(super) fn home(r: &Renderer, lang: Lang, out: &mut Vec<OutputFile>) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let in_force = r.portal.in_force_newest_first();
    let policies = (in_force.iter().take(HOME_POLICIES))
        .map(|&pi| policy_card(r, lang, pi))
        .collect();
    let all_policies = (in_force.len() > HOME_POLICIES).then(|| AllPolicies {
        url: urls.policies_folder(lang),
        label: r.t_with(lang, "all_policies", &[("n", &in_force.len().to_string())]),
    });
    let headline = TargetIx::enumerate(&r.portal.targets)
        .filter(|(_, e)| e.headline && r.portal.in_force(e.policy))
        .map(|(t, e)| Figure {
            name: r.target_name(lang, t),
            commitment: r.commitment(lang, t),
            deadline: r.portal.policies[e.policy].policy.targets[e.index]
                .deadline
                .map(|d| d.to_string())
                .unwrap_or_default(),
            url: urls.target(lang, &e.slug),
        })
        .take(HOME_FIGURES)
        .collect();
    let departments = (0..r.portal.departments.len())
        .map(DeptIx)
        .map(|d| r.dept_entry_link(lang, d))
        .collect();
    let view = HomeView {
        search_url: urls.search(lang),
        policies,
        all_policies,
        headline,
        departments,
    };
    let title = r.portal.site.title.get(lang).clone();
    let chrome = r.chrome(lang, PageKind::Home, |l| urls.home(l), title, None);
    r.page("home.html", &chrome, &view, out)
}

fn policy_card(r: &Renderer, lang: Lang, pi: PolicyIx) -> PolicyCard {
    PolicyCard {
        title: r.policy_title(lang, pi),
        url: r.portal.policy_url(lang, pi),
        breakdown_url: r.breakdown_url(lang, pi),
        period: r.period(pi),
        issuer: r.issuer(lang, pi),
        target_count: r.portal.policies[pi].policy.targets.len(),
    }
}

/// The list of policies in force, `policies_per_page` a page: the way to
/// every policy once the home page lists only the first few.
pub(super) fn policy_list(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let in_force = r.portal.in_force_newest_first();
    let per_page = r.portal.site.policies_per_page.max(1);
    let url_of = |l: Lang, n: usize| urls::paged(&urls.policies_folder(l), n);
    let pages: Vec<&[PolicyIx]> = match in_force.is_empty() {
        true => vec![&[]],
        false => in_force.chunks(per_page).collect(),
    };
    let count = pages.len();
    let total = r.t_with(
        lang,
        "policies_in_force",
        &[("n", &in_force.len().to_string())],
    );
    for (at, listed) in pages.into_iter().enumerate() {
        let number = at + 1;
        let view = PoliciesView {
            policies: listed.iter().map(|&pi| policy_card(r, lang, pi)).collect(),
            in_force: total.clone(),
            pagination: super::paging::links(r, lang, number, count, |n| url_of(lang, n)),
        };
        let title = r.t(lang, "policies_title");
        let title = super::paging::title(title, number, view.pagination.as_ref());
        let chrome = r.chrome(lang, PageKind::Policies, |l| url_of(l, number), title, None);
        r.page("policies.html", &chrome, &view, out)?;
    }
    Ok(())
}

pub(super) fn search(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let chrome = r.chrome(
        lang,
        PageKind::Search,
        |l| urls.search(l),
        r.t(lang, "search_title"),
        None,
    );
    r.page("search.html", &chrome, &(), out)
}

#[derive(Serialize)]
struct GlossaryView {
    entries: Vec<GlossaryItem>,
}

#[derive(Serialize)]
struct GlossaryItem {
    id: String,
    zh: String,
    en: String,
    /// In the page's language only, its Chinese marked by the template.
    definition: Option<super::text::Label>,
}

pub(super) fn glossary(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let entries = TermIx::enumerate(&r.portal.glossary)
        .map(|(i, g)| GlossaryItem {
            id: urls::glossary_anchor(i),
            zh: g.zh.clone(),
            en: g.en.clone(),
            // Chinese inside an English definition is marked; a Chinese
            // page is Chinese throughout.
            definition: g
                .definition(lang)
                .map(|d| super::text::Label::text(d).marked(lang)),
        })
        .collect();
    let chrome = r.chrome(
        lang,
        PageKind::Glossary,
        |l| urls.glossary(l),
        r.t(lang, "glossary_title"),
        None,
    );
    r.page("glossary.html", &chrome, &GlossaryView { entries }, out)
}

#[derive(Serialize)]
struct PageView {
    title: String,
    html: String,
    untranslated: bool,
}

pub(super) fn pages(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    for page in &r.portal.pages {
        let (source, untranslated) = match page.versions.get(&lang) {
            Some(s) => (s, false),
            None => match page.versions.values().next() {
                Some(s) => (s, true),
                None => continue,
            },
        };
        let view = PageView {
            title: source.front.title.clone(),
            html: super::markdown::to_html(&source.markdown, lang != Lang::Zh),
            untranslated,
        };
        let chrome = r.chrome(
            lang,
            PageKind::Page,
            |l| urls.page(l, &page.slug),
            match untranslated {
                true => Label::chinese(lang, view.title.clone()),
                false => Label::text(view.title.clone()),
            },
            // A description in the other language cannot be marked as such
            // in `<meta>`: the site's own stands in.
            source.front.description.clone().filter(|_| !untranslated),
        );
        r.page("page.html", &chrome, &view, out)?;
    }
    Ok(())
}

#[derive(Serialize)]
struct RootView {
    title: String,
    default_tag: &'static str,
    default_url: String,
    default_canonical: String,
    assets: String,
    alternates: Vec<super::chrome::Alternate>,
    languages: Vec<LangChoice>,
}

#[derive(Serialize)]
struct LangChoice {
    label: String,
    url: String,
    tag: &'static str,
}

/// `/`: sends the reader to the default language and lets them choose.
pub(super) fn root(r: &Renderer, out: &mut Vec<OutputFile>) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let default = r.portal.site.default_lang;
    let chrome = r.chrome(
        default,
        PageKind::Home,
        |l| urls.home(l),
        String::new(),
        None,
    );
    let view = RootView {
        title: Lang::ALL
            .map(|l| r.portal.site.title.get(l).clone())
            .join(" · "),
        default_tag: default.tag(),
        default_url: urls.home(default),
        default_canonical: urls.absolute(&urls.home(default)),
        assets: urls.asset(""),
        alternates: chrome.alternates,
        languages: Lang::ALL
            .iter()
            .map(|&l| LangChoice {
                label: r.t(l, "lang_name"),
                url: urls.home(l),
                tag: l.tag(),
            })
            .collect(),
    };
    let html = r.theme.render_view("root.html", default, &view, "/")?;
    let homes = Lang::ALL.map(|l| (l, urls.home(l)));
    let page = super::Page::new(PageKind::Root, default, &urls.path(""), homes, false, &html);
    out.push(OutputFile {
        path: "index.html".into(),
        bytes: html.into_bytes(),
        page: Some(std::sync::Arc::new(page)),
    });
    Ok(())
}

/// `/{lang}/404.html` in each language, each switching to the other, and
/// `/404.html` (the default language's) for hosts with one error page.
pub(super) fn not_found(r: &Renderer, out: &mut Vec<OutputFile>) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let url_in = |l: Lang| urls.not_found(Some(l));
    for lang in Lang::ALL {
        let mut chrome = r.chrome(
            lang,
            PageKind::NotFound,
            url_in,
            r.t(lang, "not_found_title"),
            None,
        );
        chrome.noindex = true;
        r.page("404.html", &chrome, &(), out)?;
        if lang == r.portal.site.default_lang {
            let mut root = chrome;
            root.url = urls.not_found(None);
            root.canonical = urls.absolute(&root.url);
            r.page("404.html", &root, &(), out)?;
        }
    }
    Ok(())
}

pub(super) fn assets(r: &Renderer) -> Vec<OutputFile> {
    r.theme
        .assets
        .iter()
        .map(|(name, bytes)| OutputFile {
            path: format!("assets/{name}"),
            bytes: bytes.clone(),
            page: None,
        })
        .chain(std::iter::once(OutputFile {
            path: "assets/syntax.css".into(),
            bytes: super::markdown::syntax_css().into_bytes(),
            page: None,
        }))
        .collect()
}
