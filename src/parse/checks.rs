//! Consistency warnings over the assembled policy, never fatal:
//! - a table row whose lead differs from the clause of the item it restates
//!   (a task without a clause answers to its section's; units listed with
//!   no roles lead nothing): [`lead_conflicts`], which pages show too;
//! - a target whose value, comparator or metric wording differs between
//!   mentions;
//! - a unit missing from the department registry (only when one is given).

use crate::model::{Clause, DeptName, ItemId, Mention, ParseWarning, Policy, Target, WarningKind};
use crate::text::without_punct;
use std::collections::{BTreeSet, HashSet};

pub fn check(policy: &Policy, known: &[String]) -> Vec<ParseWarning> {
    let mut out = Vec::new();
    lead_mismatches(policy, &mut out);
    for t in &policy.targets {
        target_mismatches(t, &mut out);
    }
    if !known.is_empty() {
        unknown_departments(policy, known, &mut out);
    }
    out.sort_by_key(|w| w.line);
    out
}

/// A table row whose lead differs from the lead the plan's clause gives
/// the item the row restates: the document contradicts itself, and pages
/// say so rather than choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeadConflict {
    /// `row-4`.
    pub row: ItemId,
    /// The section or task the row restates (`task-6`).
    pub item: ItemId,
    /// The section or task whose clause governs `item`: `item` itself, or
    /// its section when the task has no clause of its own.
    pub clause_item: ItemId,
    pub row_lead: Vec<DeptName>,
    pub clause_lead: Vec<DeptName>,
    pub row_line: usize,
    pub clause_line: usize,
}

/// The clause that governs `item`, with the section, task or subtask
/// carrying it: its own, else its task's, else its section's.
fn governing_clause<'p>(policy: &'p Policy, item: &ItemId) -> Option<(&'p ItemId, &'p Clause)> {
    for s in policy.sections() {
        if &s.id == item {
            return s.clause.as_ref().map(|c| (&s.id, c));
        }
        for t in &s.tasks {
            let subtask = t.subtasks.iter().find(|st| &st.id == item);
            if &t.id != item && subtask.is_none() {
                continue;
            }
            let own = subtask.and_then(|st| st.clause.as_ref().map(|c| (&st.id, c)));
            return own
                .or_else(|| t.clause.as_ref().map(|c| (&t.id, c)))
                .or_else(|| s.clause.as_ref().map(|c| (&s.id, c)));
        }
    }
    None
}

/// Every row whose stated lead differs from the stated lead of a clause
/// governing an item it restates (each clause once per row). Units listed
/// with no roles lead nothing, so they never conflict.
pub fn lead_conflicts(policy: &Policy) -> Vec<LeadConflict> {
    let mut out = Vec::new();
    for row in policy.rows() {
        if row.lead.is_empty() || !row.roles_stated {
            continue;
        }
        let mut seen = HashSet::new();
        for link in &row.links {
            let Some((clause_item, clause)) = governing_clause(policy, &link.item) else {
                continue;
            };
            if clause.lead.is_empty() || !clause.roles_stated || !seen.insert(clause.line) {
                continue;
            }
            let row_lead: BTreeSet<_> = row.lead.iter().collect();
            let clause_lead: BTreeSet<_> = clause.lead.iter().collect();
            if row_lead != clause_lead {
                out.push(LeadConflict {
                    row: row.id.clone(),
                    item: link.item.clone(),
                    clause_item: clause_item.clone(),
                    row_lead: row.lead.clone(),
                    clause_lead: clause.lead.clone(),
                    row_line: row.line,
                    clause_line: clause.line,
                });
            }
        }
    }
    out
}

fn lead_mismatches(policy: &Policy, out: &mut Vec<ParseWarning>) {
    for c in lead_conflicts(policy) {
        out.push(ParseWarning {
            line: c.row_line,
            kind: WarningKind::LeadMismatch,
            message: format!(
                "{} is led by {} but {} (line {}) is led by {}: check which unit leads",
                c.row,
                join(&c.row_lead),
                c.item,
                c.clause_line,
                join(&c.clause_lead)
            ),
        });
    }
}

fn join(names: &[DeptName]) -> String {
    names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn describe(m: &Mention, unit: &str) -> String {
    let cmp = m
        .comparator
        .en_words()
        .map_or(String::new(), |w| format!("{w} "));
    format!(
        "{} says `{}` ({cmp}{} {unit})",
        m.item, m.text, m.value.written
    )
}

fn target_mismatches(t: &Target, out: &mut Vec<ParseWarning>) {
    let Some(first) = t.mentions.first() else {
        return;
    };
    for m in t.mentions.iter().skip(1) {
        let mut diffs = Vec::new();
        if m.value.value != first.value.value || m.value.max != first.value.max {
            diffs.push("value");
        }
        if m.comparator != first.comparator {
            diffs.push("comparator");
        }
        if without_punct(&m.metric) != without_punct(&first.metric) {
            diffs.push("wording");
        }
        if diffs.is_empty() {
            continue;
        }
        out.push(ParseWarning {
            line: m.line,
            kind: WarningKind::TargetMismatch,
            message: format!(
                "{} ({}) differs in {} between mentions: {} but {}",
                t.id,
                t.metric,
                diffs.join(", "),
                describe(first, &t.unit),
                describe(m, &t.unit)
            ),
        });
    }
}

fn unknown_departments(policy: &Policy, known: &[String], out: &mut Vec<ParseWarning>) {
    let known: HashSet<&str> = known.iter().map(String::as_str).collect();
    let mut reported = HashSet::new();
    let clauses = policy
        .clauses()
        .flat_map(|(_, c)| c.units().map(move |d| (d, c.line)));
    let rows = policy.rows().iter().flat_map(|r| {
        r.lead
            .iter()
            .chain(&r.cooperating)
            .chain(&r.implementers)
            .map(move |d| (d, r.line))
    });
    let mut all: Vec<_> = clauses.chain(rows).collect();
    all.sort_by_key(|(_, line)| *line);
    for (d, line) in all {
        if !known.contains(d.as_str()) && reported.insert(d.as_str()) {
            out.push(ParseWarning {
                line,
                kind: WarningKind::UnknownDepartment,
                message: format!(
                    "unit `{d}` is not in content/departments.yaml: add it (or an alias) there"
                ),
            });
        }
    }
}
