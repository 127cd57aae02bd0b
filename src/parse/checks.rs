//! Consistency warnings over the assembled policy, never fatal:
//! - a table row whose lead differs from the clause of the item it restates
//!   (a task without a clause answers to its section's);
//! - a target whose value, comparator or metric wording differs between
//!   mentions;
//! - a unit missing from the department registry (only when one is given).

use super::targets::bare;
use crate::model::{Clause, ItemId, Mention, ParseWarning, Policy, Target, WarningKind};
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

/// The clause that governs `item`: its own, else its section's.
fn governing_clause<'p>(policy: &'p Policy, item: &ItemId) -> Option<&'p Clause> {
    for s in policy.sections() {
        if &s.id == item {
            return s.clause.as_ref();
        }
        if let Some(t) = s.tasks.iter().find(|t| &t.id == item) {
            return t.clause.as_ref().or(s.clause.as_ref());
        }
    }
    None
}

fn lead_mismatches(policy: &Policy, out: &mut Vec<ParseWarning>) {
    for row in policy.rows() {
        if row.lead.is_empty() {
            continue;
        }
        let mut seen = HashSet::new();
        for link in &row.links {
            let Some(clause) = governing_clause(policy, &link.item) else {
                continue;
            };
            if clause.lead.is_empty() || !seen.insert(clause.line) {
                continue;
            }
            let row_lead: BTreeSet<_> = row.lead.iter().collect();
            let clause_lead: BTreeSet<_> = clause.lead.iter().collect();
            if row_lead != clause_lead {
                out.push(ParseWarning {
                    line: row.line,
                    kind: WarningKind::LeadMismatch,
                    message: format!(
                        "{} is led by {} but {} (line {}) is led by {}: check which unit leads",
                        row.id,
                        join(&row.lead),
                        link.item,
                        clause.line,
                        join(&clause.lead)
                    ),
                });
            }
        }
    }
}

fn join(names: &[crate::model::DeptName]) -> String {
    names
        .iter()
        .map(|n| n.as_str())
        .collect::<Vec<_>>()
        .join("、")
}

fn describe(m: &Mention, unit: &str) -> String {
    let cmp = match m.comparator {
        crate::model::Comparator::AtLeast => "at least ",
        crate::model::Comparator::MoreThan => "more than ",
        crate::model::Comparator::About => "about ",
        crate::model::Comparator::AtMost => "at most ",
        crate::model::Comparator::Reach => "reach ",
        crate::model::Comparator::Exactly | crate::model::Comparator::Range => "",
    };
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
        if bare(&m.metric) != bare(&first.metric) {
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
    let clauses = policy.clauses().flat_map(|(_, c)| {
        c.lead
            .iter()
            .chain(&c.participants)
            .map(move |d| (d, c.line))
    });
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
