//! Departments across the portal: every unit a clause or table row names is
//! resolved to one entry (through the registry's names and aliases), and
//! each entry collects what it leads, what it co-operates on and what it
//! is named for where the document states no roles ([`Role::Named`]), in
//! every policy.

use super::{DeptIx, PolicyEntry, PolicyIx, Portal, TargetIx, Via};
use crate::content::translations::fingerprint;
use crate::content::DepartmentRegistry;
use crate::diag::Diagnostic;
use crate::model::{DeptName, ItemId};
use std::collections::{HashMap, HashSet};

#[derive(Debug, Clone)]
pub struct DeptEntry {
    pub slug: String,
    /// Canonical Chinese name, as the documents write it (`市科技局`).
    pub name_zh: String,
    /// Full official Chinese name from the registry (`南通市科学技术局`).
    pub full_zh: Option<String>,
    pub name_en: Option<String>,
    pub short_en: Option<String>,
    /// False for a unit that is not in `content/departments.yaml`.
    pub registered: bool,
    pub duties: Vec<Duty>,
}

/// One thing a department answers for.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duty {
    pub policy: PolicyIx,
    pub item: ItemId,
    pub kind: DutyKind,
    pub role: Role,
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DutyKind {
    Section,
    Task,
    Row,
    Target(TargetIx),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Lead,
    Cooperating,
    /// Named as responsible where the document states no roles
    /// (`（责任单位：X、Y）`, a single `推进单位` column): never shown as
    /// leading or co-operating.
    Named,
}

/// Every unit named in the policies, with the name → entry index.
pub fn resolve(
    policies: &[PolicyEntry],
    registry: &DepartmentRegistry,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<DeptEntry>, HashMap<String, DeptIx>) {
    let mut entries: Vec<DeptEntry> = Vec::new();
    let mut index: HashMap<String, DeptIx> = HashMap::new();
    let mut by_registry: HashMap<String, DeptIx> = HashMap::new();
    for p in policies {
        for (name, line) in named_units(p) {
            if index.contains_key(name.as_str()) {
                continue;
            }
            let i = match registry.get(name.as_str()) {
                Some(d) => *by_registry.entry(d.name.clone()).or_insert_with(|| {
                    let slug = d.slug.as_ref().map(ToString::to_string).unwrap_or_else(|| {
                        let fallback = fallback_slug(&d.name);
                        diags.push(
                            Diagnostic::warning("fallback-slug", "content/departments.yaml", d.line)
                                .message(format!("`{}` has no slug; using `{fallback}`", d.name))
                                .help("add `slug:` with a short, readable, permanent name in lowercase ASCII"),
                        );
                        fallback
                    });
                    entries.push(DeptEntry {
                        slug,
                        name_zh: d.name.clone(),
                        full_zh: d.full_zh.clone(),
                        name_en: d.en.clone(),
                        short_en: d.short_en.clone(),
                        registered: true,
                        duties: Vec::new(),
                    });
                    DeptIx(entries.len() - 1)
                }),
                None => {
                    diags.push(
                        Diagnostic::warning("unknown-department", &p.policy.source, line)
                            .message(format!("`{name}` is not in the department registry"))
                            .help(format!(
                                "add `- name: {name}` with `en`, `short_en` and `slug` to content/departments.yaml (or add `{name}` to an entry's aliases)"
                            )),
                    );
                    entries.push(DeptEntry {
                        slug: fallback_slug(name.as_str()),
                        name_zh: name.0.clone(),
                        full_zh: None,
                        name_en: None,
                        short_en: None,
                        registered: false,
                        duties: Vec::new(),
                    });
                    DeptIx(entries.len() - 1)
                }
            };
            index.insert(name.0.clone(), i);
        }
    }
    for d in &registry.entries {
        if let Some(&i) = by_registry.get(&d.name) {
            for alias in std::iter::once(&d.name).chain(&d.aliases) {
                index.entry(alias.clone()).or_insert(i);
            }
        }
    }
    (entries, index)
}

/// `dept-` and a fingerprint of the name: stable, ASCII, but not readable;
/// the registry's `slug` replaces it.
fn fallback_slug(name: &str) -> String {
    format!("dept-{}", &fingerprint(name)[..8])
}

/// Every unit a policy names, with the line it is named on.
fn named_units(p: &PolicyEntry) -> impl Iterator<Item = (&DeptName, usize)> {
    let clauses = p
        .policy
        .clauses()
        .flat_map(|(_, c)| c.units().map(move |n| (n, c.line)));
    let rows = p.policy.rows().iter().flat_map(|r| {
        r.lead
            .iter()
            .chain(&r.cooperating)
            .chain(&r.implementers)
            .map(move |n| (n, r.line))
    });
    clauses.chain(rows)
}

/// Fills every entry's duties from clauses, rows and target responsibilities.
pub fn assign_duties(portal: &mut Portal) {
    let mut duties: Vec<(DeptIx, Duty)> = Vec::new();
    for (pi, p) in PolicyIx::enumerate(&portal.policies) {
        let mut add = |item: &ItemId, kind, via, stated, lead: &[DeptName], coop: &[DeptName]| {
            for (name, role) in unit_roles(stated, lead, coop) {
                if let Some(d) = portal.dept(name.as_str()) {
                    let item = item.clone();
                    duties.push((
                        d,
                        Duty {
                            policy: pi,
                            item,
                            kind,
                            role,
                            via,
                        },
                    ));
                }
            }
        };
        for s in p.policy.sections() {
            if let Some(c) = &s.clause {
                add(
                    &s.id,
                    DutyKind::Section,
                    Via::Clause,
                    c.roles_stated,
                    &c.lead,
                    &c.others().cloned().collect::<Vec<_>>(),
                );
            }
            // A subtask's clause counts as a task's does.
            let tasks = s.tasks.iter().flat_map(|t| {
                std::iter::once((&t.id, &t.clause))
                    .chain(t.subtasks.iter().map(|st| (&st.id, &st.clause)))
            });
            for (id, clause) in tasks {
                if let Some(c) = clause {
                    add(
                        id,
                        DutyKind::Task,
                        Via::Clause,
                        c.roles_stated,
                        &c.lead,
                        &c.others().cloned().collect::<Vec<_>>(),
                    );
                }
            }
        }
        for r in p.policy.rows() {
            let coop: Vec<DeptName> = r
                .cooperating
                .iter()
                .chain(&r.implementers)
                .cloned()
                .collect();
            add(
                &r.id,
                DutyKind::Row,
                Via::Table,
                r.roles_stated,
                &r.lead,
                &coop,
            );
        }
    }
    for (ti, t) in TargetIx::enumerate(&portal.targets) {
        for r in &t.responsible {
            duties.push((
                r.dept,
                Duty {
                    policy: t.policy,
                    item: r.source.clone(),
                    kind: DutyKind::Target(ti),
                    role: r.role,
                    via: r.via,
                },
            ));
        }
    }
    // Each duty once per department, in the order first found (the
    // lists start empty). A set of the duties found: `contains` on a
    // department's list made this quadratic, and a national portal's
    // department answers for tens of thousands of items (at 10,000
    // policies the load stage spent minutes here).
    let mut seen: HashSet<(DeptIx, &Duty)> = HashSet::with_capacity(duties.len());
    let first: Vec<bool> = duties
        .iter()
        .map(|(d, duty)| seen.insert((*d, duty)))
        .collect();
    drop(seen);
    for ((d, duty), first) in duties.into_iter().zip(first) {
        if first {
            portal.departments[d].duties.push(duty);
        }
    }
}

/// Each named unit with its role: the leads first, then the co-operating;
/// when the document states no roles (`roles_stated` false, the parser
/// having split the units by position only), every unit as
/// [`Role::Named`].
pub fn unit_roles<'a>(
    roles_stated: bool,
    lead: impl IntoIterator<Item = &'a DeptName>,
    cooperating: impl IntoIterator<Item = &'a DeptName>,
) -> impl Iterator<Item = (&'a DeptName, Role)> {
    let (lead_role, coop_role) = if roles_stated {
        (Role::Lead, Role::Cooperating)
    } else {
        (Role::Named, Role::Named)
    };
    lead.into_iter()
        .map(move |n| (n, lead_role))
        .chain(cooperating.into_iter().map(move |n| (n, coop_role)))
}
