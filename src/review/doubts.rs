//! What the parser made of one policy that a person should look at: plain
//! data in ([`Policy`], the department registry), a list of typed
//! [`Doubt`]s out, each with the seed line it is about. `review`, `import`
//! and `check` all take their doubts from [`find`], so they agree.
//!
//! Units are looked for in the annex's unit cells as read
//! ([`crate::model::BreakdownRow::unit_cells`]), split twice — on the
//! registry's names, as the parser does, and on unit suffixes alone — so a
//! name the split on known names swallowed or cut is found too. Targets are
//! doubted from the words around the figure ([`super::targets`]) and lines
//! the model holds nothing of are listed ([`super::dropped`]). Invariant:
//! no doubt is reported twice (one per unregistered name, its first line).

use crate::content::DepartmentRegistry;
use crate::model::{BreakdownRow, Policy, WarningKind};
use crate::parse::{has_unit_suffix, looks_like_units, split_units};
use serde::Serialize;
use std::collections::HashSet;

/// What sort of doubt; each has its own warning code in `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DoubtKind {
    /// A unit name not in `content/departments.yaml`.
    UnregisteredUnit,
    /// No unit for a row, or for the whole table.
    RowWithoutUnits,
    /// Text read as a row's task or another text cell that reads like unit
    /// names (a unit cell the parser did not recognise).
    UnitLikeText,
    /// A group header read as a row's text.
    GroupInRow,
    /// Every row of the table under one group.
    OneGroup,
    /// A line of the seed the model holds nothing of.
    DroppedLine,
    /// A target figure in a street address, a year or a document number.
    TargetContext,
    /// A bound word (`约`, `至少`, `以上` …) beside a figure read as exact.
    Comparator,
    /// Two targets with the same figure, unit and wording.
    DuplicateTarget,
    /// A consistency warning of the parser itself (already a `check`
    /// warning of its own; listed in the review only).
    Parser,
}

impl DoubtKind {
    /// The warning code `check` reports it under.
    pub fn code(self) -> &'static str {
        match self {
            DoubtKind::UnregisteredUnit => "review-unregistered-unit",
            DoubtKind::RowWithoutUnits => "review-row-without-units",
            DoubtKind::UnitLikeText => "review-unit-like-text",
            DoubtKind::GroupInRow => "review-group-in-row",
            DoubtKind::OneGroup => "review-one-group",
            DoubtKind::DroppedLine => "review-dropped-line",
            DoubtKind::TargetContext => "review-target-context",
            DoubtKind::Comparator => "review-comparator",
            DoubtKind::DuplicateTarget => "review-duplicate-target",
            DoubtKind::Parser => "review-parser-warning",
        }
    }

    /// What to do about it, for `check` and the review.
    pub fn help(self, policy: &str) -> String {
        let correct = format!("content/corrections/{policy}.yaml");
        let accept =
            "if the reading is right, acknowledge the warning in content/checks.yaml with a reason";
        match self {
            DoubtKind::UnregisteredUnit => format!(
                "register the name in content/departments.yaml (or as an alias of its entry): \
                 run-together cells are split on registered names, so rows read right only once \
                 every name is there; if it is not a unit, correct the row in {correct}"
            ),
            DoubtKind::RowWithoutUnits | DoubtKind::UnitLikeText => format!(
                "register the units in content/departments.yaml so the cell is recognised, or \
                 set the row's units in {correct}; {accept}"
            ),
            DoubtKind::GroupInRow | DoubtKind::OneGroup => {
                format!("set the rows' groups in {correct}; {accept}")
            }
            DoubtKind::DroppedLine => format!(
                "the official text on this line appears nowhere on the site; {accept} (the seed \
                 itself stays as published)"
            ),
            DoubtKind::TargetContext | DoubtKind::DuplicateTarget => {
                format!("mark the target as not a target, or merge it, in {correct}; {accept}")
            }
            DoubtKind::Comparator => format!("set the comparator in {correct}; {accept}"),
            DoubtKind::Parser => "see the warning's own help in `gazette check`".to_owned(),
        }
    }
}

/// One doubtful item.
#[derive(Debug, Clone, Serialize)]
pub struct Doubt {
    pub kind: DoubtKind,
    /// The warning code `check` reports it under: [`DoubtKind::code`], or
    /// for a parser warning that warning's own code (`lead-mismatch` …).
    pub code: &'static str,
    /// 1-based line in the seed.
    pub line: usize,
    /// The last line, when the doubt covers several (a run of dropped lines).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to_line: Option<usize>,
    /// The row, task or target it is about (`row-4`, `task-2-target-3fa9c1`).
    pub item: Option<String>,
    /// The text in doubt, as the parser read it.
    pub text: String,
    /// What is doubtful, in a sentence.
    pub message: String,
    /// For an unregistered unit: true when the model does not name it at
    /// all (the split on known names hid it), so no other warning does.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
    /// The reason given in `content/checks.yaml` when the doubt was
    /// reviewed and accepted there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acknowledged: Option<String>,
}

impl Doubt {
    pub(super) fn new(kind: DoubtKind, line: usize, text: impl Into<String>) -> Self {
        Doubt {
            kind,
            code: kind.code(),
            line,
            to_line: None,
            item: None,
            text: text.into(),
            message: String::new(),
            hidden: false,
            acknowledged: None,
        }
    }

    pub(super) fn item(mut self, item: impl Into<String>) -> Self {
        self.item = Some(item.into());
        self
    }

    pub(super) fn message(mut self, message: impl Into<String>) -> Self {
        self.message = message.into();
        self
    }

    /// The message as `check` words it: the item first (`row-4: …`).
    pub fn check_message(&self) -> String {
        match &self.item {
            Some(item) => format!("{item}: {}", self.message),
            None => self.message.clone(),
        }
    }
}

/// Every doubt about `policy`, in line order.
pub fn find(policy: &Policy, registry: &DepartmentRegistry) -> Vec<Doubt> {
    let normalized: Vec<String> = policy
        .published_lines
        .iter()
        .map(|l| crate::text::normalize(l))
        .collect();
    let mut out = Vec::new();
    unregistered_units(policy, registry, &normalized, &mut out);
    rows(policy, registry, &normalized, &mut out);
    out.extend(super::targets::doubts(policy));
    out.extend(super::dropped::lines(policy, &normalized));
    // The parser's own note of unknown units is the unregistered doubts'.
    out.extend(
        policy
            .warnings
            .iter()
            .filter(|w| w.kind != WarningKind::UnknownDepartment)
            .map(|w| Doubt {
                code: crate::warning_code(w.kind),
                ..Doubt::new(DoubtKind::Parser, w.line, "").message(w.message.clone())
            }),
    );
    out.sort_by_key(|d| d.line);
    out
}

/// Unit names the registry lacks: in every annex unit cell as read and in
/// every clause, each split on known names and on suffixes alone.
fn unregistered_units(
    policy: &Policy,
    registry: &DepartmentRegistry,
    lines: &[String],
    out: &mut Vec<Doubt>,
) {
    let known = registry.names();
    let named: HashSet<&str> = named_units(policy).collect();
    let mut seen: HashSet<String> = HashSet::new();
    // `in_cell`: a table cell as read, where a hidden name means the split
    // on known names missed it; else a clause's name as the parser gave it.
    let mut report = |cell: &str, in_cell: bool, line: usize, item: &str, out: &mut Vec<Doubt>| {
        let by_registry = split_units(cell, &known);
        let by_suffix = split_units(cell, &[]);
        // A suffix piece inside a registered name the registry split found
        // is part of that name; one holding such a name
        // (`区建管委临港城投公司`) is names run together, which the registry
        // split has already told apart.
        let inside_known = |piece: &str| {
            by_registry.iter().any(|n| {
                n != piece
                    && (n.contains(piece) || piece.contains(n.as_str()))
                    && registry.get(n).is_some()
            })
        };
        for name in by_registry.iter().chain(&by_suffix) {
            if registry.get(name).is_some() || inside_known(name) || !seen.insert(name.clone()) {
                continue;
            }
            let hidden = !named.contains(name.as_str());
            let how = if hidden && in_cell {
                "; the parser did not read it as a unit of this row, so the row's units may be wrong"
            } else {
                ""
            };
            let quoted = if cell.trim() == name {
                String::new()
            } else {
                format!(" (in `{}`)", cell.replace('\n', " "))
            };
            out.push(Doubt {
                hidden,
                ..Doubt::new(DoubtKind::UnregisteredUnit, line, name.clone())
                    .item(item)
                    .message(format!(
                        "`{name}`{quoted} is not in the department registry{how}"
                    ))
            });
        }
    };
    // Clauses first: the plan comes before its annex, so each name is
    // reported at its first line.
    for (id, clause) in policy.clauses() {
        let names = clause.units().chain(&clause.guiding);
        for name in names {
            report(name.as_str(), false, clause.line, id.as_str(), out);
        }
    }
    for row in policy.rows() {
        // Unit-like text read as text is a unit cell the parser missed.
        let missed = missed_units(row, &known, registry)
            .into_iter()
            .flat_map(|(_, found)| found);
        for cell in row.unit_cells.iter().cloned().chain(missed) {
            let line = locate(lines, row.line, &cell);
            report(&cell, true, line, row.id.as_str(), out);
        }
    }
}

/// The units the model names (what the link stage reports when unknown).
fn named_units(policy: &Policy) -> impl Iterator<Item = &str> {
    let clauses = policy.clauses().flat_map(|(_, c)| c.units());
    let rows = policy
        .rows()
        .iter()
        .flat_map(|r| r.lead.iter().chain(&r.cooperating).chain(&r.implementers));
    clauses.chain(rows).map(|d| d.as_str())
}

/// The line at or after `from` whose text holds the first line of `cell`;
/// `from` when none does.
fn locate(lines: &[String], from: usize, cell: &str) -> usize {
    let first = cell.lines().next().unwrap_or("").trim();
    if first.is_empty() {
        return from;
    }
    lines
        .iter()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(first))
        .map_or(from, |(i, _)| i + 1)
}

/// Rows with no units, unit-like text read as text, group headers read
/// as text, and a table whose rows all sit in one group.
fn rows(policy: &Policy, registry: &DepartmentRegistry, lines: &[String], out: &mut Vec<Doubt>) {
    let Some(table) = &policy.breakdown else {
        return;
    };
    let known = registry.names();
    let no_units = |r: &BreakdownRow| {
        r.lead.is_empty() && r.cooperating.is_empty() && r.implementers.is_empty()
    };
    let warned: HashSet<usize> = policy.warnings.iter().map(|w| w.line).collect();
    // An indicator table's rows name no unit by nature.
    let tasks = || table.rows.iter().filter(|r| !table.is_indicator_row(r));
    if tasks().next().is_some() && tasks().all(no_units) {
        out.push(
            Doubt::new(
                DoubtKind::RowWithoutUnits,
                table.line,
                table.columns.join(" / "),
            )
            .message(format!(
                "none of the table's {} rows has a unit: no column of units was recognised \
                     among `{}`",
                tasks().count(),
                table.columns.join(" / ")
            )),
        );
    } else {
        for r in tasks().filter(|r| no_units(r) && !warned.contains(&r.line)) {
            out.push(
                Doubt::new(DoubtKind::RowWithoutUnits, r.line, "")
                    .item(r.id.as_str())
                    .message(format!("table row {} has no unit", r.number)),
            );
        }
    }
    for r in &table.rows {
        for (column, units) in missed_units(r, &known, registry) {
            let column = if column.is_empty() { "task" } else { column };
            let units = units.join(" ");
            let line = locate(lines, r.line, &units);
            let instead = match r.shared_units {
                true => "; the row took its units from the row above instead",
                false => "",
            };
            out.push(
                Doubt::new(DoubtKind::UnitLikeText, line, units.clone())
                    .item(r.id.as_str())
                    .message(format!(
                        "table row {}: `{units}` in its {column} text reads like unit names{instead}",
                        r.number
                    )),
            );
        }
        for (_, text) in text_cells(r) {
            let cell_lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            if let [_, .., last] = cell_lines.as_slice() {
                if is_group_header(last) {
                    out.push(
                        Doubt::new(DoubtKind::GroupInRow, r.line, *last)
                            .item(r.id.as_str())
                            .message(format!(
                                "table row {} ends with `{last}`, which looks like a group \
                                 header read as the row's text; the rows after it may be in \
                                 the wrong group",
                                r.number
                            )),
                    );
                }
            }
        }
    }
    let sections = policy.sections().count().max(policy.plan.chapters.len());
    if let (Some(first), true) = (table.rows.first(), table.rows.len() >= 3 && sections >= 2) {
        if first.group.is_some() && table.rows.iter().all(|r| r.group == first.group) {
            let group = first.group.clone().unwrap_or_default();
            out.push(
                Doubt::new(DoubtKind::OneGroup, first.line, group.clone()).message(format!(
                    "all {} rows of the table are under the one group `{group}` while the plan \
                     has {sections} actions; the table's other group headers may not have been \
                     read",
                    table.rows.len()
                )),
            );
        }
    }
}

/// A row's text cells, (column, text); the task text's column is `""`.
fn text_cells(r: &BreakdownRow) -> impl Iterator<Item = (&str, &str)> {
    std::iter::once(("", r.content.as_str()))
        .chain(r.extra.iter().map(|(k, v)| (k.as_str(), v.as_str())))
}

/// Text in a row's text cells that reads like unit names, by column: unit
/// cells the table reader took for text. The first line of the task text is
/// the task by its place, so there only what follows a sentence end counts.
fn missed_units<'r>(
    r: &'r BreakdownRow,
    known: &[String],
    registry: &DepartmentRegistry,
) -> Vec<(&'r str, Vec<String>)> {
    text_cells(r)
        .filter_map(|(column, text)| {
            let found: Vec<String> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .enumerate()
                .filter_map(|(k, l)| {
                    let tail = unit_like_tail(l, known, registry)?;
                    let the_task = column.is_empty() && k == 0 && tail == l;
                    (!the_task).then_some(tail)
                })
                .collect();
            (!found.is_empty()).then_some((column, found))
        })
        .collect()
}

/// The part of a text line that reads like unit names: the whole line, or
/// what follows its last sentence end (`…推进城市更新。区建管委区房管局`).
fn unit_like_tail(line: &str, known: &[String], registry: &DepartmentRegistry) -> Option<String> {
    let tail = line.rsplit(['。', '；']).next().unwrap_or(line).trim();
    let unit = |p: &String| {
        registry.get(p).is_some()
            || has_unit_suffix(p)
            || (p.ends_with(['镇', '乡']) && p.chars().count() >= 2)
    };
    let reads_as_units = looks_like_units(tail, known)
        || (!tail.is_empty()
            && tail.chars().count() <= 40
            && !tail.contains(['。', ':', '(', ')'])
            && !tail.chars().any(|c| c.is_ascii_digit())
            && split_units(tail, known).iter().all(unit));
    reads_as_units.then(|| tail.to_owned())
}

/// A short line that opens like a heading of a group of rows
/// ([`crate::parse::is_group_heading`]) and is no sentence.
fn is_group_header(line: &str) -> bool {
    crate::parse::is_group_heading(line) && line.chars().count() <= 40 && !line.contains('。')
}
