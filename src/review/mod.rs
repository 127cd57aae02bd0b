//! The review of one import or build: the source text beside what the
//! parser made of it, with everything doubtful marked.
//!
//! Takes a parsed [`Policy`] and the department registry; gives a
//! [`Review`] — plain, serialisable data: the seed's lines as published,
//! each section and task with its units, each annex row with its cells,
//! units and roles, each target with value, unit, comparator, kind and
//! deadline, and the [`Doubt`]s found by [`doubts::find`]. `gazette review`
//! prints it ([`text`]) or writes it as JSON, `serve` renders it at
//! `/_review/POLICY/` (never published), `import` prints its counts and
//! doubts, and `check` reports the doubts as warnings ([`diagnostics`]).
//! Invariant: every doubt is attached to the line it is about, and to the
//! row, task or target it concerns when there is one.

pub mod doubts;
mod dropped;
mod targets;
mod text;

pub use doubts::{find, Doubt, DoubtKind};

use crate::content::DepartmentRegistry;
use crate::diag::Diagnostic;
use crate::incremental::{Digest, Digester, Remembered};
use crate::model::{
    Clause, Comparator, Confidence, DeadlineSource, DeptName, ItemId, Kind, Policy, RowLink,
};
use serde::Serialize;
use std::collections::BTreeSet;
use std::sync::Arc;

/// A policy as the parser read it, for a person to check.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    /// The policy ID (the seed's name).
    pub policy: String,
    /// The seed file, as messages name it.
    pub source: String,
    pub title: String,
    pub counts: Counts,
    /// Every line of the seed as published.
    pub lines: Vec<SourceLine>,
    /// Sections and tasks, in document order.
    pub items: Vec<ItemView>,
    pub rows: Vec<RowView>,
    pub targets: Vec<TargetView>,
    pub doubts: Vec<Doubt>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub chapters: usize,
    pub sections: usize,
    pub tasks: usize,
    /// `(1)` items under `1.` tasks; 0 in a plan of three levels (and
    /// then left out of the JSON and the summary).
    #[serde(skip_serializing_if = "is_zero")]
    pub subtasks: usize,
    pub rows: usize,
    pub targets: usize,
    /// Distinct unit names in clauses and rows.
    pub units: usize,
    /// Of those, not in the registry.
    pub unregistered: usize,
    pub doubts: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceLine {
    pub no: usize,
    pub text: String,
    /// A doubt is about this line.
    pub doubtful: bool,
}

/// A unit as the parser named it.
#[derive(Debug, Clone, Serialize)]
pub struct UnitView {
    pub name: String,
    pub registered: bool,
}

/// A section (`(一)…`), a task (`12.…`) or a subtask (`(1)…` under a
/// task) with the units its clause names.
#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub id: String,
    /// `section`, `task` or `subtask`.
    pub kind: &'static str,
    pub label: String,
    pub title: String,
    pub line: usize,
    pub lead: Vec<UnitView>,
    pub participants: Vec<UnitView>,
    /// Units carrying the work out under the lead (`Y具体实施`).
    pub implementing: Vec<UnitView>,
    pub roles_stated: bool,
    pub doubts: Vec<String>,
}

/// An annex row with its cells, units and roles.
#[derive(Debug, Clone, Serialize)]
pub struct RowView {
    pub id: String,
    pub number: u32,
    pub line: usize,
    pub group: Option<String>,
    pub content: String,
    /// Other text cells: (column, text).
    pub extra: Vec<(String, String)>,
    /// The unit cells as read, before splitting.
    pub unit_cells: Vec<String>,
    pub lead: Vec<UnitView>,
    pub cooperating: Vec<UnitView>,
    pub implementers: Vec<UnitView>,
    /// Units taken from the row above (a merged cell).
    pub shared_units: bool,
    pub roles_stated: bool,
    /// The plan items the row was linked to, best first, each with how sure
    /// the link is (`task-4 (clear match, 83%)`): for the reviewer only,
    /// public pages show the links without it.
    pub links: Vec<String>,
    pub doubts: Vec<String>,
}

/// A target with everything the site states about it.
#[derive(Debug, Clone, Serialize)]
pub struct TargetView {
    pub id: String,
    pub metric: String,
    pub value: String,
    pub unit: String,
    pub comparator: Comparator,
    pub kind: Kind,
    pub deadline: Option<u16>,
    pub deadline_source: Option<DeadlineSource>,
    /// (line, phrase) of each mention.
    pub mentions: Vec<(usize, String)>,
    pub doubts: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error(transparent)]
    Build(#[from] crate::BuildError),
    #[error("no policy `{policy}` in seeds/; the policies are: {known}\n  help: name a seed file without its extension")]
    NoPolicy { policy: String, known: String },
}

/// Loads the portal at `opts.root` and reviews its policy `id`.
pub fn review_policy(opts: &crate::BuildOptions, id: &str) -> Result<Review, ReviewError> {
    let portal = crate::load(opts)?;
    let policy = portal
        .policies
        .iter()
        .find(|p| p.policy.id.as_str() == id)
        .ok_or_else(|| ReviewError::NoPolicy {
            policy: id.to_owned(),
            known: portal
                .policies
                .iter()
                .map(|p| p.policy.id.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        })?;
    Ok(review(&policy.policy, &portal.registry).acknowledging(&portal.acknowledged))
}

/// Reviews `policy` against the registry.
pub fn review(policy: &Policy, registry: &DepartmentRegistry) -> Review {
    review_found(policy, registry, find(policy, registry))
}

/// [`review`], its doubts being `doubts` ([`find`]'s for the same policy
/// and registry).
pub fn review_found(policy: &Policy, registry: &DepartmentRegistry, doubts: Vec<Doubt>) -> Review {
    let unit = |n: &DeptName| UnitView {
        name: n.0.clone(),
        registered: registry.get(n.as_str()).is_some(),
    };
    let units = |names: &[DeptName]| names.iter().map(unit).collect::<Vec<_>>();
    let about = |id: &str| -> Vec<String> {
        doubts
            .iter()
            .filter(|d| d.item.as_deref() == Some(id))
            .map(|d| d.message.clone())
            .collect()
    };
    let item = |id: &ItemId, kind, label, title: &str, line, clause: Option<&Clause>| ItemView {
        id: id.0.clone(),
        kind,
        label,
        title: title.to_owned(),
        line,
        lead: clause.map(|c| units(&c.lead)).unwrap_or_default(),
        participants: clause.map(|c| units(&c.participants)).unwrap_or_default(),
        implementing: clause.map(|c| units(&c.implementing)).unwrap_or_default(),
        roles_stated: clause.is_none_or(|c| c.roles_stated),
        doubts: about(id.as_str()),
    };
    let mut items = Vec::new();
    for s in policy.sections() {
        let label = format!("({})", s.label);
        items.push(item(
            &s.id,
            "section",
            label,
            &s.title,
            s.line,
            s.clause.as_ref(),
        ));
        for t in &s.tasks {
            let label = format!("{}.", t.number);
            items.push(item(
                &t.id,
                "task",
                label,
                &t.title,
                t.line,
                t.clause.as_ref(),
            ));
            for st in &t.subtasks {
                let label = format!("({})", st.number);
                let clause = st.clause.as_ref();
                items.push(item(&st.id, "subtask", label, &st.title, st.line, clause));
            }
        }
    }
    let rows: Vec<RowView> = policy
        .rows()
        .iter()
        .map(|r| RowView {
            id: r.id.0.clone(),
            number: r.number,
            line: r.line,
            group: r.group.clone(),
            content: r.content.clone(),
            extra: r.extra.clone(),
            unit_cells: r.unit_cells.clone(),
            lead: units(&r.lead),
            cooperating: units(&r.cooperating),
            implementers: units(&r.implementers),
            shared_units: r.shared_units,
            roles_stated: r.roles_stated,
            links: r.links.iter().map(link_label).collect(),
            doubts: about(r.id.as_str()),
        })
        .collect();
    let targets: Vec<TargetView> = policy
        .targets
        .iter()
        .map(|t| TargetView {
            id: t.id.0.clone(),
            metric: t.metric.clone(),
            value: t.value.written.clone(),
            unit: t.unit.clone(),
            comparator: t.comparator,
            kind: t.kind,
            deadline: t.deadline,
            deadline_source: t.deadline_source,
            mentions: t
                .mentions
                .iter()
                .map(|m| (m.line, m.text.clone()))
                .collect(),
            doubts: about(t.id.as_str()),
        })
        .collect();
    let doubtful: BTreeSet<usize> = doubts
        .iter()
        .flat_map(|d| d.line..=d.to_line.unwrap_or(d.line))
        .collect();
    let lines = policy
        .published_lines
        .iter()
        .enumerate()
        .map(|(i, l)| SourceLine {
            no: i + 1,
            text: l.clone(),
            doubtful: doubtful.contains(&(i + 1)),
        })
        .collect();
    let named: BTreeSet<&str> = items
        .iter()
        .flat_map(|i| i.lead.iter().chain(&i.participants).chain(&i.implementing))
        .chain(
            rows.iter()
                .flat_map(|r| r.lead.iter().chain(&r.cooperating).chain(&r.implementers)),
        )
        .map(|u| u.name.as_str())
        .collect();
    let counts = Counts {
        chapters: policy.plan.chapters.len(),
        sections: policy.sections().count(),
        tasks: policy.tasks().count(),
        subtasks: policy.subtasks().count(),
        rows: rows.len(),
        targets: targets.len(),
        units: named.len(),
        unregistered: doubts
            .iter()
            .filter(|d| d.kind == DoubtKind::UnregisteredUnit)
            .count(),
        doubts: doubts.len(),
    };
    Review {
        policy: policy.id.0.clone(),
        source: policy.source.clone(),
        title: policy.plan.title.clone(),
        counts,
        lines,
        items,
        rows,
        targets,
        doubts,
    }
}

impl Review {
    /// Marks the doubts reviewed and accepted in `content/checks.yaml`
    /// (matched as `check` matches its warnings); they stay listed, with
    /// their reason, but no longer count as doubtful.
    pub fn acknowledging(mut self, acks: &[crate::content::checks::Acknowledgement]) -> Self {
        for d in &mut self.doubts {
            let message = d.check_message();
            d.acknowledged = acks
                .iter()
                .find(|a| a.matches(d.code, &self.source, &message))
                .map(|a| a.reason.clone());
        }
        self.counts.doubts = self
            .doubts
            .iter()
            .filter(|d| d.acknowledged.is_none())
            .count();
        let open: BTreeSet<usize> = self
            .doubts
            .iter()
            .filter(|d| d.acknowledged.is_none())
            .flat_map(|d| d.line..=d.to_line.unwrap_or(d.line))
            .collect();
        for l in &mut self.lines {
            l.doubtful = open.contains(&l.no);
        }
        let accepted: BTreeSet<String> = self
            .doubts
            .iter()
            .filter(|d| d.acknowledged.is_some())
            .map(|d| d.message.clone())
            .collect();
        let keep = |v: &mut Vec<String>| v.retain(|m| !accepted.contains(m));
        self.items.iter_mut().for_each(|i| keep(&mut i.doubts));
        self.rows.iter_mut().for_each(|r| keep(&mut r.doubts));
        self.targets.iter_mut().for_each(|t| keep(&mut t.doubts));
        self
    }
}

/// The doubts `check` reports for `policy`: all but the parser's own
/// warnings and the unregistered names the link stage already reports
/// (`unknown-department`), each with what to do.
pub fn diagnostics(policy: &Policy, doubts: &[Doubt]) -> Vec<Diagnostic> {
    doubts
        .iter()
        .filter(|d| match d.kind {
            DoubtKind::Parser => false,
            DoubtKind::UnregisteredUnit => d.hidden,
            _ => true,
        })
        .map(|d| {
            Diagnostic::warning(d.code, &policy.source, d.line)
                .message(d.check_message())
                .help(d.kind.help(policy.id.as_str()))
        })
        .collect()
}

/// Each policy's doubts ([`find`]) as a process that builds more than once
/// (`serve`) found them in its last build, by the digest of all that
/// `find` reads: the policy and the registry's names. A build asks it for
/// every policy once ([`Memo::doubts`]); what it did not ask for is
/// dropped ([`Memo::prune`]). Cloning shares it; the default remembers
/// nothing yet.
#[derive(Debug, Clone, Default)]
pub struct Memo(Remembered<Vec<Doubt>>);

impl Memo {
    /// `policy`'s doubts against `registry`, whose names' digest is
    /// `names` ([`crate::incremental::ParseCache::units`]): remembered, or
    /// found and remembered.
    pub fn doubts(
        &self,
        policy: &Policy,
        registry: &DepartmentRegistry,
        names: Digest,
    ) -> Arc<Vec<Doubt>> {
        let mut h = Digester::default();
        h.write(&names.hex().into_bytes());
        let key = borsh::to_writer(&mut h, policy).ok().map(|()| h.finish());
        let found = self.0.get_or_make(key, || Ok(find(policy, registry)));
        found.unwrap_or_else(|never: std::convert::Infallible| match never {})
    }

    /// Forgets what this build did not ask for: the next build remembers
    /// this one's doubts only.
    pub fn prune(&self) {
        self.0.prune();
    }
}

/// Unit names the registry lacks, each once, in order of first line: what
/// `import` stubs in `content/departments.yaml`.
pub fn unregistered_names(doubts: &[Doubt]) -> Vec<String> {
    doubts
        .iter()
        .filter(|d| d.kind == DoubtKind::UnregisteredUnit)
        .map(|d| d.text.clone())
        .collect()
}

/// `task-4 (clear match, 83%)`: a row's link with the parser's confidence
/// and the share of the row's wording found in the item.
fn link_label(l: &RowLink) -> String {
    let sure = match l.confidence {
        Confidence::High => "clear match",
        Confidence::Medium => "likely match",
        Confidence::Low => "possible match",
    };
    format!("{} ({sure}, {:.0}%)", l.item, l.score * 100.0)
}

#[cfg(test)]
mod memo_tests {
    use super::*;

    #[test]
    fn the_doubts_of_a_policy_are_found_once_until_it_or_the_names_change() {
        let portal = crate::load(&crate::BuildOptions::new(env!("CARGO_MANIFEST_DIR")))
            .expect("the seed portal loads");
        let policy = &portal.policies[0].policy;
        let registry = &portal.registry;
        let names = crate::incremental::ParseCache::units(&registry.names());
        let memo = Memo::default();
        let first = memo.doubts(policy, registry, names);
        assert_eq!(
            *first.iter().map(|d| &d.message).collect::<Vec<_>>(),
            find(policy, registry)
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        memo.prune();
        assert!(
            Arc::ptr_eq(&first, &memo.doubts(policy, registry, names)),
            "remembered"
        );

        // Other names, or another policy, are found again.
        let fewer = crate::incremental::ParseCache::units(&registry.names()[1..]);
        assert!(!Arc::ptr_eq(&first, &memo.doubts(policy, registry, fewer)));
        let mut edited = policy.clone();
        edited.plan.title.push('。');
        assert!(!Arc::ptr_eq(&first, &memo.doubts(&edited, registry, names)));

        // A build that did not ask for it forgets it.
        memo.prune();
        memo.prune();
        assert!(!Arc::ptr_eq(&first, &memo.doubts(policy, registry, names)));
    }
}
