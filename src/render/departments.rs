//! The department index and one page per department: what it leads, what
//! it co-operates on and what it is named for without a role, each thing
//! counted once however many sources state it (actions, tasks, table rows,
//! targets; a kind nothing is counted in is not shown), each duty in the
//! document's own words ([`super::duties`]), and the table rows where the
//! document contradicts itself about who leads.

use super::duties::{DutyMemo, RenderedDuty};
use super::paging::PaginationView;
use super::text::{Label, SpanView};
use super::{OutputFile, PageKind, RenderError, Renderer};
use crate::link::urls::paged;
use crate::link::{DeptIx, Duty, DutyKind, PolicyIx, Role, TargetIx};
use crate::model::{ItemId, Lang};
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;

#[derive(Serialize)]
struct IndexView {
    /// Column headings of the counts, in the order of each row's `counts`.
    columns: Vec<String>,
    departments: Vec<IndexRow>,
}

#[derive(Serialize)]
struct IndexRow {
    name: Label,
    url: String,
    counts: Vec<CountCell>,
}

/// A count with its column heading, which labels the cell when the table
/// is shown as cards on a narrow screen.
#[derive(Serialize)]
struct CountCell {
    label: String,
    n: usize,
}

#[derive(Serialize)]
struct DeptView {
    /// The full name in the page's language: the registry's `full_zh` on
    /// a Chinese page, its `en` on an English one (else the short name).
    name: Label,
    /// The name the documents use (`市科技局`) or the short English one,
    /// when it differs from `name`.
    short_name: Option<Label>,
    /// The full name in the other language.
    other_name: Option<String>,
    /// Role headings of the count table (leads, co-operates, named).
    count_roles: Vec<String>,
    /// One row per kind of thing the department answers for: a kind with
    /// nothing in any role has no row.
    counts: Vec<CountRow>,
    roles: Vec<RoleView>,
    /// Rows whose lead contradicts the plan's clause, where this
    /// department is one of the two.
    conflicts: Vec<Vec<SpanView>>,
    /// The page's one notice about text not (or no longer) translated.
    translation_notice: Vec<Label>,
    /// Links to the department's other pages, when it has more than one.
    pagination: Option<PaginationView>,
}

#[derive(Serialize, Clone)]
struct CountRow {
    label: String,
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct RoleView {
    id: &'static str,
    label: String,
    groups: Vec<GroupView>,
}

/// The duties of one kind (actions, tasks, table rows) in one role.
#[derive(Serialize)]
struct GroupView {
    label: String,
    duties: Vec<Arc<RenderedDuty>>,
}

/// Tells whether a duty is of one kind.
type KindTest = fn(&DutyKind) -> bool;

/// The four kinds of duty, in page order, with their string keys.
const GROUPS: [(&str, KindTest); 4] = [
    ("sections", |k| matches!(k, DutyKind::Section)),
    ("tasks", |k| matches!(k, DutyKind::Task)),
    ("rows", |k| matches!(k, DutyKind::Row)),
    ("targets", |k| matches!(k, DutyKind::Target(_))),
];

/// The roles, in page order, with the string keys of their headings.
const ROLES: [(Role, &str); 3] = [
    (Role::Lead, "leads"),
    (Role::Cooperating, "cooperates"),
    (Role::Named, "named_in"),
];

/// One thing a department answers for, under its strongest role, with
/// the first duty that names it.
struct Thing<'a> {
    role: Role,
    first: &'a Duty,
}

/// What the thing of a duty is: a target however many sources state it,
/// else the section, task or row itself.
#[derive(PartialEq, Eq, Hash)]
enum ThingKey<'a> {
    Target(TargetIx),
    Item(PolicyIx, &'a ItemId),
}

fn key(d: &Duty) -> ThingKey<'_> {
    match d.kind {
        DutyKind::Target(t) => ThingKey::Target(t),
        _ => ThingKey::Item(d.policy, &d.item),
    }
}

/// The distinct things of one kind a department answers for, in order of
/// first mention, each under its strongest role: a target led by a clause
/// and co-operated on in the table is led, once (as in the open data).
fn things(duties: &[Duty], test: KindTest) -> Vec<Thing<'_>> {
    let mut keys: FxHashMap<ThingKey, usize> = FxHashMap::default();
    let mut out: Vec<Thing> = Vec::new();
    for d in duties.iter().filter(|d| test(&d.kind)) {
        match keys.get(&key(d)) {
            Some(&i) => out[i].role = out[i].role.min(d.role),
            None => {
                keys.insert(key(d), out.len());
                out.push(Thing {
                    role: d.role,
                    first: d,
                });
            }
        }
    }
    out
}

fn count(things: &[Thing], role: Role) -> usize {
    things.iter().filter(|t| t.role == role).count()
}

/// The roles any department of the portal holds: the "named" column and
/// section only when some document states no roles.
fn roles_in_use(r: &Renderer) -> Vec<(Role, &'static str)> {
    let any = |role| {
        r.portal
            .departments
            .iter()
            .any(|d| d.duties.iter().any(|x| x.role == role))
    };
    ROLES
        .into_iter()
        .filter(|&(role, _)| role != Role::Named || any(role))
        .collect()
}

pub(super) fn index(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let roles = roles_in_use(r);
    // Targets by every role in use, rows by every role, then actions led
    // and tasks led (a task led through a clause of its own): each a count
    // of distinct things of one kind. A column no department has anything
    // in (tasks, where the document gives them no clauses) is left out.
    let mut columns: Vec<(KindTest, Role, String)> = Vec::new();
    for (group, test) in [GROUPS[3], GROUPS[2]] {
        for &(role, _) in &roles {
            let label = r.t(
                lang,
                &format!("{group}_{}", super::responsibility::role_key(role)),
            );
            columns.push((test, role, label));
        }
    }
    for (key, (_, test)) in [("actions_lead", GROUPS[0]), ("tasks_lead", GROUPS[1])] {
        columns.push((test, Role::Lead, r.t(lang, key)));
    }
    let counts: Vec<Vec<usize>> = r
        .portal
        .departments
        .iter()
        .map(|dept| {
            columns
                .iter()
                .map(|&(test, role, _)| count(&things(&dept.duties, test), role))
                .collect()
        })
        .collect();
    let shown: Vec<usize> = (0..columns.len())
        .filter(|&c| counts.iter().any(|row| row[c] > 0))
        .collect();
    let departments = DeptIx::enumerate(&r.portal.departments)
        .zip(&counts)
        .map(|((d, dept), row)| IndexRow {
            name: r.dept_name(lang, d),
            url: urls.department(lang, &dept.slug),
            counts: shown
                .iter()
                .map(|&c| CountCell {
                    label: columns[c].2.clone(),
                    n: row[c],
                })
                .collect(),
        })
        .collect();
    let chrome = r.chrome(
        lang,
        PageKind::Departments,
        |l| urls.departments(l),
        r.t(lang, "departments_title"),
        None,
    );
    let view = IndexView {
        columns: shown.iter().map(|&c| columns[c].2.clone()).collect(),
        departments,
    };
    r.page("departments.html", &chrome, &view, out)
}

pub(super) fn pages(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let roles = roles_in_use(r);
    let memo = DutyMemo::new(lang);
    super::for_each_parallel(r, 0..r.portal.departments.len(), out, |d, files| {
        page(r, lang, DeptIx(d), &roles, &memo, files)
    })
}

/// What every page of one department shares: its things of each kind
/// (all policies), the count table they make, and the policies where a
/// table row and a clause disagree about it.
struct Dept<'a> {
    d: DeptIx,
    groups: Vec<(&'static str, Vec<Thing<'a>>)>,
    counts: Vec<CountRow>,
    conflicting: Vec<PolicyIx>,
}

/// Department `d`'s pages: its policies (those of its duties and
/// conflicts, in order) cut into pages of about `duties_per_page` duties
/// ([`cut`]), each page listing its policies' duties under the whole
/// department's names and counts.
fn page<'p>(
    r: &Renderer<'p>,
    lang: Lang,
    d: DeptIx,
    roles_shown: &[(Role, &'static str)],
    memo: &DutyMemo<'p>,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let dept = &r.portal.departments[d];
    let conflicting: Vec<PolicyIx> = PolicyIx::enumerate(&r.portal.policies)
        .filter(|(_, p)| (p.conflicts.iter()).any(|c| involves(r, d, c)))
        .map(|(pi, _)| pi)
        .collect();
    let groups: Vec<(&str, Vec<Thing>)> = GROUPS
        .iter()
        .map(|&(key, test)| (key, things(&dept.duties, test)))
        .collect();
    let counts = groups
        .iter()
        .map(|(key, things)| CountRow {
            label: r.t(lang, key),
            counts: roles_shown
                .iter()
                .map(|&(role, _)| count(things, role))
                .collect(),
        })
        .filter(|row| row.counts.iter().any(|&n| n > 0))
        .collect();
    let dept_view = Dept {
        d,
        groups,
        counts,
        conflicting,
    };
    // The duties each policy adds to a page: its things listed under a
    // role shown (targets are listed under the duties that state them).
    let mut listed: BTreeMap<PolicyIx, usize> =
        dept_view.conflicting.iter().map(|&pi| (pi, 0)).collect();
    for (_, things) in dept_view.groups.iter().filter(|(key, _)| *key != "targets") {
        for x in things
            .iter()
            .filter(|x| roles_shown.iter().any(|&(role, _)| role == x.role))
        {
            *listed.entry(x.first.policy).or_default() += 1;
        }
    }
    let listed: Vec<(PolicyIx, usize)> = listed.into_iter().collect();
    let pages = cut(&listed, r.portal.site.duties_per_page.max(1));
    for (at, policies) in pages.iter().enumerate() {
        let paging = (at + 1, pages.len());
        let listed = (roles_shown, policies.as_slice(), paging);
        one_page(r, lang, &dept_view, listed, memo, out)?;
    }
    Ok(())
}

/// `listed` (policies, in order, with the duties each lists) cut into
/// pages: each takes whole policies until it lists at least `per_page`
/// duties. One page, empty, when nothing is listed.
fn cut(listed: &[(PolicyIx, usize)], per_page: usize) -> Vec<Vec<PolicyIx>> {
    let mut pages = vec![Vec::new()];
    let mut on_page = 0;
    for &(pi, duties) in listed {
        if on_page >= per_page {
            pages.push(Vec::new());
            on_page = 0;
        }
        if let Some(page) = pages.last_mut() {
            page.push(pi);
        }
        on_page += duties;
    }
    pages
}

/// What one page of a department lists: the roles shown, its policies,
/// and its number of the department's pages.
type Listed<'a> = (&'a [(Role, &'static str)], &'a [PolicyIx], (usize, usize));

/// Whether department `d` is one of the two sides of a lead conflict.
fn involves(r: &Renderer, d: DeptIx, c: &crate::parse::LeadConflict) -> bool {
    let named = |names: &[crate::model::DeptName]| {
        names.iter().any(|n| r.portal.dept(n.as_str()) == Some(d))
    };
    named(&c.row_lead) || named(&c.clause_lead)
}

/// Page `number` of `count` of a department: the duties of `policies`
/// (and their conflicts) under the roles shown, keyed by those policies
/// alone.
fn one_page<'p>(
    r: &Renderer<'p>,
    lang: Lang,
    dept_view: &Dept<'p>,
    (roles_shown, policies, (number, count)): Listed,
    memo: &DutyMemo<'p>,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let d = dept_view.d;
    let dept = &r.portal.departments[d];
    let slug = &dept.slug;
    let url_of = |l: Lang, n: usize| paged(&r.portal.urls.department(l, slug), n);
    let on_page = |pi: &PolicyIx| policies.binary_search(pi).is_ok();
    // The page's key: its policies' digests, and of the rest what it
    // shows: the department's names, counts, the page's duties and place.
    let names = (
        &dept.slug,
        &dept.name_zh,
        &dept.full_zh,
        &dept.name_en,
        &dept.short_en,
    );
    let duties: Vec<&Duty> = dept.duties.iter().filter(|x| on_page(&x.policy)).collect();
    let counts: Vec<&Vec<usize>> = dept_view.counts.iter().map(|c| &c.counts).collect();
    let what = (
        format!("{names:?} {duties:?} {roles_shown:?}"),
        counts,
        (number, count),
    );
    let unit = r.listing_key(policies.iter().copied(), "department.html", lang, &what);
    let page_url = url_of(lang, number);
    if r.reuse_unit(&page_url, unit) {
        return Ok(());
    }
    let mut roles: Vec<RoleView> = Vec::new();
    for &(role, key) in roles_shown {
        let shown = |x: &Thing| x.role == role && on_page(&x.first.policy);
        roles.push(RoleView {
            id: key,
            label: r.t(lang, key),
            groups: groups(r, lang, dept_view, shown, memo, &page_url)?,
        });
    }
    let conflicts = (dept_view.conflicting.iter())
        .filter(|pi| on_page(pi))
        .flat_map(|&pi| r.conflicts(lang, pi, |c| involves(r, d, c)))
        .collect();
    let states = roles
        .iter()
        .flat_map(|role| &role.groups)
        .flat_map(|g| &g.duties)
        .flat_map(|duty| duty.states.iter().copied());
    let translation_notice = r.translation_notice(lang, states);
    let (name, short) = full_and_short(r, lang, d);
    let (other, _) = full_and_short(r, lang.other(), d);
    let pagination = super::paging::links(r, lang, number, count, |n| url_of(lang, n));
    let view = DeptView {
        other_name: (other.plain() != name.plain()).then(|| other.plain()),
        short_name: (short != name).then_some(short),
        name,
        count_roles: roles_shown.iter().map(|&(_, key)| r.t(lang, key)).collect(),
        counts: dept_view.counts.clone(),
        roles,
        conflicts,
        translation_notice,
        pagination,
    };
    let title = super::paging::title(view.name.clone(), number, view.pagination.as_ref());
    let mut chrome = r.chrome(
        lang,
        PageKind::Department,
        |l| url_of(l, number),
        title,
        None,
    );
    // The later pages list more duties under the same heading: search
    // finds the department by its first.
    chrome.noindex = number > 1;
    if number == 1 {
        let alternate: Vec<String> = (view.short_name.iter().map(Label::plain))
            .chain(view.other_name.clone())
            .collect();
        chrome.json_ld = Some(super::chrome::json_ld(&serde_json::json!({
            "@context": "https://schema.org",
            "@type": "GovernmentOrganization",
            "name": view.name.plain(),
            "alternateName": alternate,
            "url": chrome.canonical,
        })));
    }
    r.unit_page("department.html", &chrome, &view, unit, out)
}

/// The duties of each kind (actions, tasks, rows) among `dept_view`'s
/// things that `shown` keeps, rendered in `lang` once each ([`DutyMemo`])
/// for the page at `page_url`: a kind with none is left out.
fn groups<'p>(
    r: &Renderer<'p>,
    lang: Lang,
    dept_view: &Dept<'p>,
    shown: impl Fn(&Thing) -> bool,
    memo: &DutyMemo<'p>,
    page_url: &str,
) -> Result<Vec<GroupView>, RenderError> {
    let mut groups = Vec::new();
    for (key, things) in dept_view.groups.iter().filter(|(k, _)| *k != "targets") {
        let mut duties = Vec::new();
        for x in things.iter().filter(|x| shown(x)) {
            duties.extend(memo.get(r, x.first, page_url)?);
        }
        if !duties.is_empty() {
            let label = r.t(lang, key);
            groups.push(GroupView { label, duties });
        }
    }
    Ok(groups)
}

/// Department `d`'s full name in `lang` and the short one: in Chinese the
/// registry's `full_zh` (else the name the documents use) and that name; in
/// English the registry's `en` and `short_en`.
fn full_and_short(r: &Renderer, lang: Lang, d: DeptIx) -> (Label, Label) {
    let dept = &r.portal.departments[d];
    match lang {
        Lang::Zh => (
            Label::text(dept.full_zh.clone().unwrap_or_else(|| dept.name_zh.clone())),
            Label::text(dept.name_zh.clone()),
        ),
        Lang::En => (r.dept_name(lang, d), r.dept_short_name(lang, d)),
    }
}
