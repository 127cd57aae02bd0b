//! The department index and one page per department: what it leads, what
//! it co-operates on and what it is named for without a role (actions,
//! tasks, table rows, targets), each thing counted once however many
//! sources state it, and the table rows where the document contradicts
//! itself about who leads.

use super::text::{Label, SpanView};
use super::{OutputFile, RenderError, Renderer};
use crate::link::{Duty, DutyKind, Role};
use crate::model::{ItemId, Lang};
use serde::Serialize;
use std::collections::HashMap;

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
    counts: Vec<usize>,
}

#[derive(Serialize)]
struct DeptView {
    name: Label,
    other_name: Option<String>,
    /// Role headings of the count table (leads, co-operates, named).
    count_roles: Vec<String>,
    counts: Vec<CountRow>,
    roles: Vec<RoleView>,
    /// Rows whose lead contradicts the plan's clause, where this
    /// department is one of the two.
    conflicts: Vec<Vec<SpanView>>,
}

#[derive(Serialize)]
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

#[derive(Serialize)]
struct GroupView {
    label: String,
    items: Vec<ItemView>,
}

#[derive(Serialize)]
struct ItemView {
    label: Label,
    url: String,
    detail: Option<Label>,
    /// The status of its policy when no longer in force (`已废止
    /// 2027-03-01`): the duty is past, not current.
    withdrawn: Option<String>,
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

/// One thing a department answers for, with every duty that says so.
struct Thing<'a> {
    role: Role,
    duties: Vec<&'a Duty>,
}

/// What the thing of a duty is: a target however many sources state it,
/// else the section, task or row itself.
#[derive(PartialEq, Eq, Hash)]
enum ThingKey<'a> {
    Target(usize),
    Item(usize, &'a ItemId),
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
    let mut keys: HashMap<ThingKey, usize> = HashMap::new();
    let mut out: Vec<Thing> = Vec::new();
    for d in duties.iter().filter(|d| test(&d.kind)) {
        match keys.get(&key(d)) {
            Some(&i) => {
                out[i].role = out[i].role.min(d.role);
                out[i].duties.push(d);
            }
            None => {
                keys.insert(key(d), out.len());
                out.push(Thing {
                    role: d.role,
                    duties: vec![d],
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
    // Targets by every role in use, rows by every role, then actions and
    // tasks led: each a count of distinct things.
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
    let clauses: KindTest = |k| matches!(k, DutyKind::Section | DutyKind::Task);
    columns.push((clauses, Role::Lead, r.t(lang, "actions_lead")));
    let departments = r
        .portal
        .departments
        .iter()
        .enumerate()
        .map(|(d, dept)| IndexRow {
            name: r.dept_name(lang, d),
            url: urls.department(lang, &dept.slug),
            counts: columns
                .iter()
                .map(|&(test, role, _)| count(&things(&dept.duties, test), role))
                .collect(),
        })
        .collect();
    let chrome = r.chrome(
        lang,
        |l| urls.departments(l),
        r.t(lang, "departments_title"),
        None,
    );
    let view = IndexView {
        columns: columns.into_iter().map(|(_, _, label)| label).collect(),
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
    super::for_each_parallel(0..r.portal.departments.len(), out, |d, files| {
        page(r, lang, d, &roles, files)
    })
}

fn page(
    r: &Renderer,
    lang: Lang,
    d: usize,
    roles_shown: &[(Role, &'static str)],
    out: &mut Vec<OutputFile>,
) -> Result<(), RenderError> {
    let dept = &r.portal.departments[d];
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
        .collect();
    let roles = roles_shown
        .iter()
        .map(|&(role, key)| RoleView {
            id: key,
            label: r.t(lang, key),
            groups: groups
                .iter()
                .map(|(gkey, things)| GroupView {
                    label: r.t(lang, gkey),
                    items: things
                        .iter()
                        .filter(|x| x.role == role)
                        .map(|x| thing_item(r, lang, x))
                        .collect(),
                })
                .filter(|g| !g.items.is_empty())
                .collect(),
        })
        .collect();
    let involved = |names: &[crate::model::DeptName]| {
        names.iter().any(|n| r.portal.dept(n.as_str()) == Some(d))
    };
    let conflicts = (0..r.portal.policies.len())
        .flat_map(|pi| {
            r.conflicts(lang, pi, |c| {
                involved(&c.row_lead) || involved(&c.clause_lead)
            })
        })
        .collect();
    let name = r.dept_name(lang, d);
    let other = r.dept_name(lang.other(), d).plain();
    let view = DeptView {
        other_name: (other != name.plain()).then_some(other),
        name: name.clone(),
        count_roles: roles_shown.iter().map(|&(_, key)| r.t(lang, key)).collect(),
        counts,
        roles,
        conflicts,
    };
    let slug = &dept.slug;
    let mut chrome = r.chrome(
        lang,
        |l| r.portal.urls.department(l, slug),
        name.plain(),
        None,
    );
    chrome.json_ld = Some(super::chrome::json_ld(&serde_json::json!({
        "@context": "https://schema.org",
        "@type": "GovernmentOrganization",
        "name": name.plain(),
        "alternateName": view.other_name,
        "url": chrome.canonical,
    })));
    r.page("department.html", &chrome, &view, out)
}

/// One thing in a department's list: a target with its commitment and
/// every place that names the department for it; a section, task or row
/// with its label.
fn thing_item(r: &Renderer, lang: Lang, thing: &Thing) -> ItemView {
    let first = thing.duties[0];
    let multi = r.portal.policies.len() > 1;
    let policy = multi.then(|| r.policy_title(lang, first.policy).label());
    let withdrawn = r
        .withdrawn_notice(lang, first.policy, super::withdrawn::Subject::Policy)
        .map(|n| format!("{} {}", n.label, n.date));
    match first.kind {
        DutyKind::Target(t) => {
            let e = &r.portal.targets[t];
            let mut places: Vec<Label> = Vec::new();
            for x in &thing.duties {
                let mut label = r.item_label(lang, x.policy, x.item.as_str());
                if x.role != thing.role {
                    let role = r.t(lang, super::responsibility::role_key(x.role));
                    label.push(format!(" ({role})"));
                }
                if !places.contains(&label) {
                    places.push(label);
                }
            }
            let via = Label::join(places, &r.t(lang, "list_separator"));
            let mut label = r.target_name(lang, t);
            label.push(format!(" — {}", r.commitment(lang, t)));
            ItemView {
                label,
                url: r.portal.urls.target(lang, &e.slug),
                detail: Some(match policy {
                    Some(p) => Label::join([p, via], " · "),
                    None => via,
                }),
                withdrawn,
            }
        }
        _ => ItemView {
            label: r.item_label(lang, first.policy, first.item.as_str()),
            url: r.item_url(lang, first.policy, &first.item),
            detail: policy,
            withdrawn,
        },
    }
}
