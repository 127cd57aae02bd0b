//! The target index, and its facets: one page per status and per lead
//! department (`/{lang}/targets/status/{status}/`,
//! `/{lang}/targets/department/{slug}/`), so readers can filter without
//! JavaScript.

use super::paging::PaginationView;
use super::text::{DeptLink, Label};
use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::link::progress::Status;
use crate::link::urls::paged;
use crate::link::{DeptIx, PolicyIx, Role, TargetEntry, TargetIx};
use crate::model::Lang;
use serde::Serialize;
use std::sync::OnceLock;

#[derive(Serialize)]
struct IndexView<'a> {
    /// The facet's heading, or none on the full index.
    filter: Option<Label>,
    all_url: String,
    statuses: Vec<Facet>,
    departments: Vec<Facet>,
    /// This page's share of the list.
    targets: Vec<&'a IndexRow>,
    /// How many targets the whole list holds.
    total: usize,
    /// Links to the list's other pages, when it has more than one.
    pagination: Option<PaginationView>,
    /// Whether rows name their policy: not when every target listed
    /// anywhere is of one policy, where the column would say one thing.
    show_policy: bool,
}

/// Which page of a facet's list a page is.
#[derive(Clone, Copy)]
struct Paging {
    /// From 1.
    number: usize,
    count: usize,
    per_page: usize,
}

#[derive(Serialize)]
struct Facet {
    label: Label,
    url: String,
    count: usize,
    current: bool,
}

#[derive(Serialize)]
struct IndexRow {
    slug: String,
    name: Label,
    url: String,
    commitment: String,
    deadline: String,
    status: &'static str,
    status_label: String,
    lead: Vec<DeptLink>,
    policy_url: String,
    policy_short: Label,
}

/// Which targets a page lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Filter {
    All,
    Status(Status),
    Lead(DeptIx),
}

/// Every facet's targets, by index into `Portal::targets`, found in one
/// pass over the targets so no page scans them again.
struct Facets {
    all: Vec<usize>,
    by_status: Vec<(Status, Vec<usize>)>,
    /// By department index.
    by_lead: Vec<Vec<usize>>,
    /// Whether the targets listed are of more than one policy.
    many_policies: bool,
}

impl Facets {
    /// `current`: whether a target's policy is in force; the others are
    /// on no list (their pages stay, with the policy's status).
    fn new(
        targets: &[TargetEntry],
        departments: usize,
        current: impl Fn(PolicyIx) -> bool,
    ) -> Self {
        let mut by_status: Vec<(Status, Vec<usize>)> =
            Status::ALL.into_iter().map(|s| (s, Vec::new())).collect();
        let mut by_lead = vec![Vec::new(); departments];
        let mut all = Vec::new();
        for (t, e) in targets
            .iter()
            .enumerate()
            .filter(|(_, e)| current(e.policy))
        {
            all.push(t);
            if let Some((_, list)) = by_status.iter_mut().find(|(s, _)| *s == e.progress.status) {
                list.push(t);
            }
            for d in lead_departments(e) {
                by_lead[d.0].push(t);
            }
        }
        let many_policies = all
            .iter()
            .any(|&t| targets[t].policy != targets[all[0]].policy);
        Facets {
            all,
            by_status,
            by_lead,
            many_policies,
        }
    }

    fn targets(&self, filter: Filter) -> &[usize] {
        match filter {
            Filter::All => &self.all,
            Filter::Status(s) => self
                .by_status
                .iter()
                .find(|(x, _)| *x == s)
                .map_or(&[], |(_, list)| list),
            Filter::Lead(d) => &self.by_lead[d.0],
        }
    }

    /// Every facet: the full index, then each status, then each
    /// department. Each gets its page even when it lists no target, so its
    /// URL stays published (and locked) while progress data or the text
    /// changes which targets it lists; the page then says there is none.
    fn filters(&self) -> Vec<Filter> {
        let statuses = self.by_status.iter().map(|(s, _)| Filter::Status(*s));
        let leads = (0..self.by_lead.len()).map(|d| Filter::Lead(DeptIx(d)));
        std::iter::once(Filter::All)
            .chain(statuses)
            .chain(leads)
            .collect()
    }
}

/// The departments leading a target, each once, in order of mention.
fn lead_departments(e: &TargetEntry) -> Vec<DeptIx> {
    let mut out = Vec::new();
    for r in e.responsible.iter().filter(|r| r.role == Role::Lead) {
        if !out.contains(&r.dept) {
            out.push(r.dept);
        }
    }
    out
}

/// The full index and every facet page of one language. Each target's row
/// is built once and shared by the pages that list it.
pub(super) fn index(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let facets = Facets::new(&r.portal.targets, r.portal.departments.len(), |pi| {
        r.portal.in_force(pi)
    });
    // Made when a page listing the target is built: after an edit most
    // pages are taken from the last build and need none.
    let rows: Vec<OnceLock<IndexRow>> = r.portal.targets.iter().map(|_| OnceLock::new()).collect();
    let per_page = r.portal.site.targets_per_page.max(1);
    let pages: Vec<(Filter, Paging)> = facets
        .filters()
        .into_iter()
        .flat_map(|filter| {
            let count = facets.targets(filter).len().div_ceil(per_page).max(1);
            (1..=count).map(move |number| {
                let paging = Paging {
                    number,
                    count,
                    per_page,
                };
                (filter, paging)
            })
        })
        .collect();
    super::for_each_parallel(r, pages, out, |(filter, paging), files| {
        page(r, lang, filter, paging, &facets, &rows, files)
    })
}

fn facet_url(r: &Renderer, lang: Lang, filter: Filter) -> String {
    let urls = &r.portal.urls;
    match filter {
        Filter::All => urls.targets(lang),
        Filter::Status(s) => urls.path(&format!(
            "{lang}/targets/status/{}/",
            s.key().replace('_', "-")
        )),
        Filter::Lead(d) => urls.department_targets(lang, &r.portal.departments[d].slug),
    }
}

/// Page `paging.number` of a facet's list.
fn page_url(r: &Renderer, lang: Lang, filter: Filter, paging: Paging) -> String {
    paged(&facet_url(r, lang, filter), paging.number)
}

fn pagination(r: &Renderer, lang: Lang, filter: Filter, paging: Paging) -> Option<PaginationView> {
    super::paging::links(r, lang, paging.number, paging.count, |number| {
        page_url(r, lang, filter, Paging { number, ..paging })
    })
}

fn page(
    r: &Renderer,
    lang: Lang,
    filter: Filter,
    paging: Paging,
    facets: &Facets,
    rows: &[OnceLock<IndexRow>],
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let show_policy = facets.many_policies;
    let list = facets.targets(filter);
    let shown = list
        .iter()
        .skip((paging.number - 1) * paging.per_page)
        .take(paging.per_page);
    // The page shows its targets' policies (each target by its place in
    // its policy) and, of the rest, the facets' counts.
    let listed: Vec<(PolicyIx, usize)> = (shown.clone())
        .map(|&t| (r.portal.targets[t].policy, r.portal.targets[t].index.0))
        .collect();
    let counts: Vec<usize> = (facets.filters().into_iter())
        .map(|f| facets.targets(f).len())
        .collect();
    let places: Vec<usize> = listed.iter().map(|l| l.1).collect();
    let paged = (paging.number, paging.count, paging.per_page);
    let what = (format!("{filter:?}"), paged, show_policy, &counts, &places);
    let unit = r.listing_key(listed.iter().map(|l| l.0), "targets.html", lang, &what);
    if r.reuse_unit(&page_url(r, lang, filter, paging), unit) {
        return Ok(());
    }
    let targets: Vec<&IndexRow> = shown
        .map(|&t| rows[t].get_or_init(|| row(r, lang, TargetIx(t), &r.portal.targets[t])))
        .collect();
    let statuses = Status::ALL.into_iter().map(|s| {
        let label = r.t(lang, &format!("status_{}", s.key()));
        (Filter::Status(s), Label::text(label))
    });
    let departments = (0..r.portal.departments.len())
        .map(DeptIx)
        .map(|d| (Filter::Lead(d), r.dept_name(lang, d)));
    let facets = |list: &mut dyn Iterator<Item = (Filter, Label)>| -> Vec<Facet> {
        list.map(|(f, label)| Facet {
            count: facets.targets(f).len(),
            url: facet_url(r, lang, f),
            current: f == filter,
            label,
        })
        .filter(|f| f.count > 0)
        .collect()
    };
    let heading = match filter {
        Filter::All => None,
        Filter::Status(s) => Some(Label::text(r.t(lang, &format!("status_{}", s.key())))),
        Filter::Lead(d) => Some(r.dept_name(lang, d)),
    };
    let view = IndexView {
        all_url: urls.targets(lang),
        statuses: facets(&mut statuses.into_iter()),
        departments: facets(&mut departments.into_iter()),
        targets,
        total: list.len(),
        pagination: pagination(r, lang, filter, paging),
        filter: heading.clone(),
        show_policy,
    };
    let title = match &heading {
        Some(h) => format!("{} · {}", r.t(lang, "targets_title"), h.plain()),
        None => r.t(lang, "targets_title"),
    };
    let title = super::paging::title(title, paging.number, view.pagination.as_ref());
    let mut chrome = r.chrome(
        lang,
        PageKind::TargetIndex,
        |l| page_url(r, l, filter, paging),
        title,
        None,
    );
    chrome.noindex = filter != Filter::All;
    if filter == Filter::All && paging.number == 1 {
        chrome.json_ld = Some(super::chrome::json_ld(&dataset_ld(r, lang, &chrome)));
    }
    r.unit_page("targets.html", &chrome, &view, unit, out)
}

fn row(r: &Renderer, lang: Lang, t: TargetIx, e: &TargetEntry) -> IndexRow {
    let urls = &r.portal.urls;
    let target = &r.portal.policies[e.policy].policy.targets[e.index];
    let status = e.progress.status.key();
    IndexRow {
        slug: e.slug.clone(),
        name: r.target_name(lang, t),
        url: urls.target(lang, &e.slug),
        commitment: r.commitment(lang, t),
        deadline: target.deadline.map(|d| d.to_string()).unwrap_or_default(),
        status,
        status_label: r.t(lang, &format!("status_{status}")),
        lead: lead_departments(e)
            .into_iter()
            .map(|d| r.dept_short_link(lang, d))
            .collect(),
        policy_url: r.portal.policy_url(lang, e.policy),
        policy_short: r.policy_title(lang, e.policy).label(),
    }
}

/// schema.org `Dataset` with a `distribution` per open-data file.
fn dataset_ld(r: &Renderer, lang: Lang, chrome: &super::chrome::Chrome) -> serde_json::Value {
    let urls = &r.portal.urls;
    let distribution: Vec<serde_json::Value> = ["targets", "tasks", "breakdown", "departments"]
        .iter()
        .flat_map(|name| {
            [("json", "application/json"), ("csv", "text/csv")].map(|(ext, mime)| {
                serde_json::json!({
                    "@type": "DataDownload",
                    "encodingFormat": mime,
                    "contentUrl": urls.absolute(&urls.path(&format!("data/{name}.{ext}"))),
                })
            })
        })
        .collect();
    serde_json::json!({
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": format!("{} · {}", r.t(lang, "targets_title"), chrome.site_title),
        "description": r.t(lang, "targets_intro"),
        "url": chrome.canonical,
        "inLanguage": chrome.lang_tag,
        "distribution": distribution,
    })
}
