//! The department index and one page per department: what it leads and
//! what it co-operates on (sections, tasks, table rows, targets), with
//! counts, across every policy of the portal.

use super::{OutputFile, RenderError, Renderer};
use crate::link::{DutyKind, Role};
use crate::model::Lang;
use serde::Serialize;

#[derive(Serialize)]
struct IndexView {
    departments: Vec<IndexRow>,
}

#[derive(Serialize)]
struct IndexRow {
    name: String,
    url: String,
    lead: usize,
    cooperating: usize,
}

#[derive(Serialize)]
struct DeptView {
    name: String,
    other_name: Option<String>,
    counts: Vec<CountRow>,
    roles: Vec<RoleView>,
}

#[derive(Serialize)]
struct CountRow {
    label: String,
    lead: usize,
    cooperating: usize,
}

#[derive(Serialize)]
struct RoleView {
    id: &'static str,
    label: String,
    groups: Vec<GroupView>,
}

#[derive(Serialize)]
struct GroupView {
    label: String,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    label: String,
    url: String,
    detail: Option<String>,
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

pub(super) fn index(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let urls = &r.portal.urls;
    let departments = r
        .portal
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| IndexRow {
            name: r.dept_name(lang, d),
            url: urls.department(lang, &dept.slug),
            lead: dept.duties.iter().filter(|x| x.role == Role::Lead).count(),
            cooperating: dept
                .duties
                .iter()
                .filter(|x| x.role == Role::Cooperating)
                .count(),
        })
        .collect();
    let chrome = r.chrome(
        lang,
        |l| urls.departments(l),
        r.t(lang, "departments_title"),
        None,
    );
    r.page("departments.html", &chrome, &IndexView { departments }, out)
}

pub(super) fn pages(
    r: &Renderer,
    lang: Lang,
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    super::for_each_parallel(0..r.portal.departments.len(), out, |d, files| {
        page(r, lang, d, files)
    })
}

fn page(r: &Renderer, lang: Lang, d: usize, out: &mut Vec<OutputFile>) -> Result<(), RenderError> {
    let dept = &r.portal.departments[d];
    let count = |role: Role, test: KindTest| {
        dept.duties
            .iter()
            .filter(|x| x.role == role && test(&x.kind))
            .count()
    };
    let counts = GROUPS
        .iter()
        .map(|&(key, test)| CountRow {
            label: r.t(lang, key),
            lead: count(Role::Lead, test),
            cooperating: count(Role::Cooperating, test),
        })
        .collect();
    let roles = [(Role::Lead, "leads"), (Role::Cooperating, "cooperates")]
        .into_iter()
        .map(|(role, key)| RoleView {
            id: key,
            label: r.t(lang, key),
            groups: GROUPS
                .iter()
                .map(|&(gkey, test)| GroupView {
                    label: r.t(lang, gkey),
                    items: dept
                        .duties
                        .iter()
                        .filter(|x| x.role == role && test(&x.kind))
                        .map(|x| duty_item(r, lang, x))
                        .collect(),
                })
                .filter(|g| !g.items.is_empty())
                .collect(),
        })
        .collect();
    let name = r.dept_name(lang, d);
    let other = r.dept_name(lang.other(), d);
    let view = DeptView {
        other_name: (other != name).then_some(other),
        name: name.clone(),
        counts,
        roles,
    };
    let slug = &dept.slug;
    let mut chrome = r.chrome(lang, |l| r.portal.urls.department(l, slug), name, None);
    chrome.json_ld = Some(super::chrome::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": view.name,
        "alternateName": view.other_name,
        "url": chrome.canonical,
    })));
    r.page("department.html", &chrome, &view, out)
}

fn duty_item(r: &Renderer, lang: Lang, x: &crate::link::Duty) -> ItemView {
    let multi = r.portal.policies.len() > 1;
    let policy = multi.then(|| r.policy_title_text(lang, x.policy));
    match x.kind {
        DutyKind::Target(t) => {
            let e = &r.portal.targets[t];
            let via = r.item_label(lang, x.policy, x.item.as_str());
            ItemView {
                label: format!("{} — {}", r.target_name(lang, t), r.commitment(lang, t)),
                url: r.portal.urls.target(lang, &e.slug),
                detail: Some(policy.map_or(via.clone(), |p| format!("{p} · {via}"))),
            }
        }
        _ => ItemView {
            label: r.item_label(lang, x.policy, x.item.as_str()),
            url: r.item_url(lang, x.policy, &x.item),
            detail: policy,
        },
    }
}
