//! Targets across the portal: a permanent slug for each (from
//! `content/targets.yaml`, else a fallback with a warning), the departments
//! that answer for it (from the clause of the section or task that states
//! it, and from the table rows that restate it, each source labelled), and
//! the index of mentions by paragraph or row.

use super::progress::{self, Progress};
use super::{
    DeptIx, Place, PlanAt, PolicyIx, PolicyTargetIx, Portal, Role, RowIx, TargetIx, TargetMark,
};
use crate::content::observations::Observation;
use crate::content::targets::TargetMetas;
use crate::diag::Diagnostic;
use crate::model::{Clause, ItemId, Policy};

#[derive(Debug, Clone)]
pub struct TargetEntry {
    pub policy: PolicyIx,
    /// Which of that policy's `targets` it is.
    pub index: PolicyTargetIx,
    pub slug: String,
    /// What the target is as the text gives it, for `content/urls.lock`
    /// ([`crate::model::Target::fingerprint`] before any correction, so a
    /// corrected figure keeps its URL).
    pub fingerprint: String,
    /// Curated short name, else the metric as worded.
    pub name_zh: String,
    pub responsible: Vec<Responsibility>,
    /// Sections and tasks that state it.
    pub items: Vec<ItemId>,
    /// Table rows that state it.
    pub rows: Vec<ItemId>,
    /// Stated in a chapter's own paragraphs (the goals chapter).
    pub headline: bool,
    pub progress: Progress,
}

/// A department answering for a target, and where that is said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Responsibility {
    pub dept: DeptIx,
    pub role: Role,
    /// The section, task or row whose clause or cells name the department.
    pub source: ItemId,
    pub via: Via,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// A responsibility clause in the plan text.
    Clause,
    /// The annex breakdown table.
    Table,
}

pub fn link(portal: &mut Portal, metas: &TargetMetas) {
    let mut entries = Vec::new();
    for (pi, p) in PolicyIx::enumerate(&portal.policies) {
        let curated = metas.get(p.policy.id.as_str());
        let mut unslugged = Vec::new();
        for (ti, t) in PolicyTargetIx::enumerate(&p.policy.targets) {
            let meta = curated.and_then(|m| m.get(t.id.as_str()));
            let slug = match meta.and_then(|m| m.slug.as_ref()).map(ToString::to_string) {
                Some(slug) => slug,
                None => {
                    unslugged.push(t.id.as_str());
                    fallback_slug(&p.slug, &t.id)
                }
            };
            let fingerprint = match p.corrected.fingerprints.get(&t.id) {
                Some(fp) => fp.clone(),
                None => t.fingerprint(),
            };
            let mut entry = TargetEntry {
                policy: pi,
                index: ti,
                slug,
                fingerprint,
                name_zh: meta
                    .and_then(|m| m.name_zh.clone())
                    .unwrap_or_else(|| t.metric.clone()),
                responsible: Vec::new(),
                items: Vec::new(),
                rows: Vec::new(),
                headline: false,
                progress: progress::assess(t, Vec::new()),
            };
            for m in &t.mentions {
                match p.places.get(&m.item) {
                    Some(&Place::Row(ri)) => add_row(&mut entry, portal, &p.policy, ri),
                    Some(&Place::Plan(at)) if at.section.is_some() => {
                        add_plan_item(&mut entry, portal, &p.policy, at);
                    }
                    Some(Place::Plan(_)) => entry.headline = true,
                    _ => {}
                }
            }
            entries.push(entry);
        }
        if !unslugged.is_empty() {
            portal.diagnostics.push(
                Diagnostic::warning("fallback-slug", "content/targets.yaml", 0)
                    .message(format!(
                        "{} targets of `{}` have no slug and use `{}-TARGET-ID`: {}",
                        unslugged.len(),
                        p.policy.id,
                        p.slug,
                        unslugged.join(", ")
                    ))
                    .help(format!(
                        "add `{}:` with `TARGET-ID: {{ slug: … }}` entries to content/targets.yaml (IDs from `gazette inspect`)",
                        p.policy.id
                    )),
            );
        }
    }
    for (gi, e) in TargetIx::enumerate(&entries) {
        let p = &mut portal.policies[e.policy];
        // Offsets of a mention in a row's cell count in the cell, not in
        // the row's content these marks are laid on.
        let in_text = p.policy.targets[e.index]
            .mentions
            .iter()
            .filter(|m| m.cell.is_none());
        for m in in_text {
            p.mentions
                .entry(m.item.clone())
                .or_default()
                .push(TargetMark {
                    start: m.start,
                    end: m.end,
                    target: gi,
                });
        }
    }
    // `Portal::targets_of` finds a policy's targets by halving.
    debug_assert!(
        entries.is_sorted_by_key(|e| e.policy),
        "targets in policy order"
    );
    portal.targets = entries;
}

impl Portal {
    /// Policy `pi`'s targets with their indexes: [`link`] lists them
    /// policy by policy, in policy order, so they are one run of
    /// `targets`, found by halving rather than by a scan.
    pub fn targets_of(&self, pi: PolicyIx) -> impl Iterator<Item = (TargetIx, &TargetEntry)> {
        let start = self.targets.partition_point(|e| e.policy < pi);
        let end = self.targets.partition_point(|e| e.policy <= pi);
        (start..end).map(|t| (TargetIx(t), &self.targets[t]))
    }
}

/// The slug of a target `content/targets.yaml` gives none:
/// `POLICY-SLUG-TARGET-ID`.
pub(super) fn fallback_slug(policy_slug: &str, id: &ItemId) -> String {
    format!("{policy_slug}-{id}")
}

fn add_row(entry: &mut TargetEntry, portal: &Portal, policy: &Policy, ri: RowIx) {
    let Some(row) = ri.of(policy) else {
        return;
    };
    push_unique(&mut entry.rows, &row.id);
    let coop = row.cooperating.iter().chain(&row.implementers);
    let (id, stated) = (&row.id, row.roles_stated);
    add_roles(entry, portal, id, Via::Table, stated, row.lead.iter(), coop);
}

/// A target stated in the section, task or subtask at `at`.
fn add_plan_item(entry: &mut TargetEntry, portal: &Portal, policy: &Policy, at: PlanAt) {
    let Some(items) = at.resolve(&policy.plan) else {
        return;
    };
    let Some(section) = items.section else {
        return;
    };
    let (task, subtask) = (items.task, items.subtask);
    let item = subtask.map_or(task.map_or(&section.id, |t| &t.id), |st| &st.id);
    push_unique(&mut entry.items, item);
    // A subtask without its own clause answers to its task's, a task
    // without its own to its section's.
    let (source, clause): (&ItemId, Option<&Clause>) = match (subtask, task) {
        (Some(st), _) if st.clause.is_some() => (&st.id, st.clause.as_ref()),
        (_, Some(t)) if t.clause.is_some() => (&t.id, t.clause.as_ref()),
        _ => (&section.id, section.clause.as_ref()),
    };
    if let Some(c) = clause {
        add_roles(
            entry,
            portal,
            source,
            Via::Clause,
            c.roles_stated,
            c.lead.iter(),
            c.others(),
        );
    }
}

fn add_roles<'a>(
    entry: &mut TargetEntry,
    portal: &Portal,
    source: &ItemId,
    via: Via,
    roles_stated: bool,
    lead: impl Iterator<Item = &'a crate::model::DeptName>,
    coop: impl Iterator<Item = &'a crate::model::DeptName>,
) {
    for (name, role) in super::departments::unit_roles(roles_stated, lead, coop) {
        let Some(dept) = portal.dept(name.as_str()) else {
            continue;
        };
        let r = Responsibility {
            dept,
            role,
            source: source.clone(),
            via,
        };
        if !entry.responsible.contains(&r) {
            entry.responsible.push(r);
        }
    }
}

fn push_unique(list: &mut Vec<ItemId>, id: &ItemId) {
    if !list.contains(id) {
        list.push(id.clone());
    }
}

/// Attaches observations to their targets by slug; an observation naming
/// no target, or a manual status that is none of the statuses, is reported
/// with its CSV line.
pub fn assess_progress(portal: &mut Portal, observations: Vec<Observation>) {
    for o in &observations {
        let status = o.status.trim();
        let manual = progress::Status::from_key(status).filter(|s| *s != progress::Status::NoData);
        if !status.is_empty() && manual.is_none() {
            let known: Vec<&str> = progress::Status::ALL
                .iter()
                .filter(|s| **s != progress::Status::NoData)
                .map(|s| s.key())
                .collect();
            portal.diagnostics.push(
                Diagnostic::error("unknown-status", "content/data/observations.csv", o.line)
                    .message(format!("status `{status}` is not one of the statuses"))
                    .help(format!(
                        "use one of {}, or leave it empty to have the status computed",
                        known.join(", ")
                    )),
            );
        }
    }
    let mut by_target: Vec<Vec<Observation>> = vec![Vec::new(); portal.targets.len()];
    let index: std::collections::HashMap<&str, usize> = portal
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.as_str(), i))
        .collect();
    let mut unknown = Vec::new();
    for o in observations {
        match index.get(o.target.as_str()) {
            Some(&i) => by_target[i].push(o),
            None => unknown.push(o),
        }
    }
    for o in unknown {
        portal.diagnostics.push(
            Diagnostic::error("unknown-target", "content/data/observations.csv", o.line)
                .message(format!("`{}` is not the slug of any target", o.target))
                .help("use the slug from the target's URL (/zh/targets/SLUG/)"),
        );
    }
    for (i, obs) in by_target.into_iter().enumerate() {
        if obs.is_empty() {
            continue;
        }
        let e = &portal.targets[i];
        let target = &portal.policies[e.policy].policy.targets[e.index];
        let assessed = progress::assess(target, obs);
        portal.targets[i].progress = assessed;
    }
}
