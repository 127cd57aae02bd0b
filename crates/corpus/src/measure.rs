//! The parser measured on the hand-labelled corpus in `tests/corpus/`.
//!
//! Takes every `NN-name.txt` with its `NN-name.labels.yaml` (format and
//! matching rules in `tests/corpus/LABELS.md`), parses the text with
//! [`gazette::parse::parse_policy`] and compares what it found with the
//! labels: tasks (recall), units with their role (recall and precision) and
//! targets (recall and precision). Shared by `tests/suite/corpus.rs`, which holds
//! the figures to `tests/corpus/baseline.tsv`, and by
//! `examples/corpus-report.rs`, which prints them; the baseline file and
//! the printed table are in the sibling `report.rs`. The invariant: the
//! measurement only reads the library's public model; it never calls into
//! the parser's internals, so it measures what a webmaster gets.

use gazette::model::{BreakdownRow, Policy, PolicyId, Target, TargetValue};
use gazette::parse::{parse_policy, ParseOptions};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The corpus folder, relative to the package root.
pub const CORPUS: &str = "tests/corpus";

/// The goals of issue 14, as fractions.
pub const GOALS: Figures = Figures {
    task_recall: 0.98,
    unit_recall: 0.95,
    unit_precision: 0.98,
    target_recall: 0.90,
    target_precision: 0.95,
};

/// Why a document could not be measured.
#[derive(Debug, thiserror::Error)]
pub enum MeasureError {
    #[error("{path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: not a label file: {source}")]
    Labels {
        path: PathBuf,
        #[source]
        source: serde_norway::Error,
    },
    #[error("{path}: cannot convert: {message}")]
    Convert { path: PathBuf, message: String },
    #[error("{path}:{line}: bad baseline line: {found}")]
    Baseline {
        path: PathBuf,
        line: usize,
        found: String,
    },
}

// ---------------------------------------------------------------- labels

/// One `NN-name.labels.yaml`; only the fields the measurement compares.
#[derive(Debug, Deserialize)]
pub struct Labels {
    pub document: String,
    #[serde(default)]
    pub tasks: Vec<LabelTask>,
    #[serde(default)]
    pub units: Vec<LabelUnit>,
    #[serde(default)]
    pub targets: Vec<LabelTarget>,
}

#[derive(Debug, Deserialize)]
pub struct LabelTask {
    pub path: String,
    #[serde(default)]
    pub title: String,
}

#[derive(Debug, Deserialize)]
pub struct LabelUnit {
    #[serde(rename = "where")]
    pub at: String,
    pub unit: String,
    pub role: String,
}

#[derive(Debug, Deserialize)]
pub struct LabelTarget {
    #[serde(rename = "where", default)]
    pub at: String,
    #[serde(default)]
    pub phrase: String,
    pub value: LabelValue,
    #[serde(default = "one")]
    pub magnitude: f64,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub comparator: String,
    pub deadline: Option<u16>,
}

fn one() -> f64 {
    1.0
}

/// `2.8`, or `[1, 2]` for a range.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum LabelValue {
    One(f64),
    Many(Vec<f64>),
}

// ---------------------------------------------------------------- keys

/// Where a unit sits: a task's number path or an annex row.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Place {
    /// Numbers outermost first: `二/（一）/1.` is `[2, 1, 1]`.
    Path(Vec<u64>),
    Row(u32),
    /// Written in a way the measurement cannot read.
    Other(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Place::Path(p) => {
                let parts: Vec<String> = p.iter().map(u64::to_string).collect();
                write!(f, "{}", parts.join("/"))
            }
            Place::Row(n) => write!(f, "row {n}"),
            Place::Other(s) => write!(f, "{s}"),
        }
    }
}

/// Reads `二/（一）/1.` or `row 12`.
pub fn place(text: &str) -> Place {
    let t = text.trim();
    if let Some(n) = t.strip_prefix("row").and_then(|r| r.trim().parse().ok()) {
        return Place::Row(n);
    }
    let nums: Option<Vec<u64>> = t.split('/').map(component).collect();
    nums.map_or_else(|| Place::Other(t.to_owned()), Place::Path)
}

/// One number of a path: `（一）`, `1.`, `(3)`, `二`, `１２、`.
fn component(part: &str) -> Option<u64> {
    let norm = gazette::text::normalize(part);
    let core = norm
        .trim()
        .trim_matches(['(', ')', '.', '、', ' '])
        .to_owned();
    if core.is_empty() {
        return None;
    }
    core.parse()
        .ok()
        .or_else(|| gazette::text::chinese_number(&core))
}

/// A unit name as the project normalises it, for comparison only.
pub fn unit_key(name: &str) -> String {
    gazette::text::normalize(name)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A title for comparison: normalised, no spaces, no closing punctuation.
fn title_key(title: &str) -> String {
    unit_key(title)
        .trim_end_matches(['。', ';', '；', '.', ':'])
        .to_owned()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    Lead,
    Co,
    Implementing,
    Unspecified,
}

impl Role {
    fn from_label(s: &str) -> Option<Role> {
        match s.trim() {
            "lead" => Some(Role::Lead),
            "co" => Some(Role::Co),
            "implementing" => Some(Role::Implementing),
            "unspecified" => Some(Role::Unspecified),
            _ => None,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Role::Lead => "lead",
            Role::Co => "co",
            Role::Implementing => "implementing",
            Role::Unspecified => "unspecified",
        };
        f.write_str(s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct UnitKey {
    pub place: Place,
    pub unit: String,
    pub role: Role,
}

impl fmt::Display for UnitKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}  {}  {}", self.place, self.unit, self.role)
    }
}

/// A target reduced to what is compared: scaled value (and upper end of a
/// range), unit without magnitude, deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetKey {
    pub value: f64,
    pub max: Option<f64>,
    pub unit: String,
    pub deadline: Option<u16>,
    /// For messages only.
    pub phrase: String,
}

impl TargetKey {
    fn matches(&self, other: &TargetKey) -> bool {
        close(self.value, other.value)
            && match (self.max, other.max) {
                (None, None) => true,
                (Some(a), Some(b)) => close(a, b),
                _ => false,
            }
            && self.unit == other.unit
            && self.deadline == other.deadline
    }
}

impl fmt::Display for TargetKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let deadline = self.deadline.map_or("-".to_owned(), |d| d.to_string());
        match self.max {
            Some(m) => write!(f, "{}~{}", self.value, m)?,
            None => write!(f, "{}", self.value)?,
        }
        write!(f, " {}  by {}  「{}」", self.unit, deadline, self.phrase)
    }
}

/// Equal up to rounding of decimals written in the text.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Magnitude prefixes a unit may start with, longest first. Not `千`:
/// `千瓦`, `千米`, `千克` are units of their own.
const MAGNITUDES: &[(&str, f64)] = &[("万亿", 1e12), ("亿", 1e8), ("万", 1e4)];

/// Splits a magnitude prefix off a unit written with it (`万平方米` →
/// 10000, `平方米`). A bare `万` is the magnitude of a plain number
/// (`24万以上` → 10000, no unit), as a label writes it.
fn split_magnitude(unit: &str) -> (f64, String) {
    let unit = unit_key(unit);
    for (prefix, m) in MAGNITUDES {
        if let Some(rest) = unit.strip_prefix(prefix) {
            return (*m, rest.to_owned());
        }
    }
    (1.0, unit)
}

/// The adapter from the model's target to the compared key: the model keeps
/// the magnitude inside the unit (`亿元`), so it is split off here and the
/// value scaled. When the model gains a scaled value of its own, this is the
/// one function to change.
pub fn found_key(target: &Target, value: &TargetValue, phrase: &str) -> TargetKey {
    let (m, unit) = split_magnitude(&target.unit);
    TargetKey {
        value: value.value * m,
        max: value.max.map(|x| x * m),
        unit,
        deadline: target.deadline,
        phrase: phrase.to_owned(),
    }
}

/// The labelled target's keys: one, or one per value of a series.
fn label_keys(t: &LabelTarget) -> Vec<TargetKey> {
    let (m2, unit) = split_magnitude(&t.unit);
    let m = t.magnitude * m2;
    let key = |value: f64, max: Option<f64>| TargetKey {
        value: value * m,
        max: max.map(|x| x * m),
        unit: unit.clone(),
        deadline: t.deadline,
        phrase: t.phrase.clone(),
    };
    match &t.value {
        LabelValue::One(v) => vec![key(*v, None)],
        LabelValue::Many(vs) if t.comparator == "range" && vs.len() == 2 => {
            vec![key(vs[0], Some(vs[1]))]
        }
        LabelValue::Many(vs) => vs.iter().map(|v| key(*v, None)).collect(),
    }
}

// ---------------------------------------------------------------- found

/// A task the parser found: number path and title.
#[derive(Debug, Clone)]
pub struct FoundTask {
    pub path: Vec<u64>,
    pub title: String,
}

/// Chapters that carry a clause, sections, tasks and subtasks with their
/// number paths (`二/（一）/1./（1）` for a subtask); an untitled section 0
/// (tasks straight under a chapter) is left out of the path.
pub fn found_tasks(p: &Policy) -> Vec<FoundTask> {
    let mut out = Vec::new();
    for c in &p.plan.chapters {
        let ch = u64::from(c.number);
        if c.clause.is_some() {
            out.push(FoundTask {
                path: vec![ch],
                title: c.title.clone(),
            });
        }
        for s in &c.sections {
            let mut base = vec![ch];
            if s.number > 0 {
                base.push(u64::from(s.number));
                out.push(FoundTask {
                    path: base.clone(),
                    title: s.title.clone(),
                });
            }
            for t in &s.tasks {
                let mut path = base.clone();
                path.push(u64::from(t.number));
                for st in &t.subtasks {
                    let mut path = path.clone();
                    path.push(u64::from(st.number));
                    out.push(FoundTask {
                        path,
                        title: st.title.clone(),
                    });
                }
                out.push(FoundTask {
                    path,
                    title: t.title.clone(),
                });
            }
        }
    }
    out
}

/// Every (place, unit, role) the parser found in clauses and annex rows.
pub fn found_units(p: &Policy) -> Vec<UnitKey> {
    let mut out = Vec::new();
    let mut push = |place: &Place, names: &[gazette::model::DeptName], role: Role| {
        for n in names {
            out.push(UnitKey {
                place: place.clone(),
                unit: unit_key(n.as_str()),
                role,
            });
        }
    };
    let mut push_clause = |path: &[u64], clause: Option<&gazette::model::Clause>| {
        if let Some(cl) = clause {
            let place = Place::Path(path.to_vec());
            let (lead, co) = clause_roles(cl.roles_stated);
            push(&place, &cl.lead, lead);
            push(&place, &cl.participants, co);
            push(&place, &cl.guiding, Role::Unspecified);
            push(&place, &cl.implementing, Role::Implementing);
        }
    };
    for c in &p.plan.chapters {
        let ch = u64::from(c.number);
        push_clause(&[ch], c.clause.as_ref());
        for s in &c.sections {
            let mut base = vec![ch];
            if s.number > 0 {
                base.push(u64::from(s.number));
            }
            push_clause(&base, s.clause.as_ref());
            for t in &s.tasks {
                let mut path = base.clone();
                path.push(u64::from(t.number));
                push_clause(&path, t.clause.as_ref());
                for st in &t.subtasks {
                    path.push(u64::from(st.number));
                    push_clause(&path, st.clause.as_ref());
                    path.pop();
                }
            }
        }
    }
    for r in p.rows() {
        let place = row_place(p, r);
        let (lead, co) = clause_roles(r.roles_stated);
        push(&place, &r.lead, lead);
        push(&place, &r.cooperating, co);
        push(&place, &r.implementers, Role::Implementing);
    }
    out
}

/// `row N` in the first table; `附件K/row N` in a further table (`annex-K`),
/// or `附件K/<first cell>` when that table has no number column.
fn row_place(p: &Policy, r: &BreakdownRow) -> Place {
    let further = r
        .table
        .checked_sub(1)
        .and_then(|k| p.breakdown.as_ref()?.further.get(k));
    let Some(t) = further else {
        return Place::Row(r.number);
    };
    let annex =
        t.id.as_str()
            .strip_prefix("annex-")
            .map_or_else(|| t.id.to_string(), |n| format!("附件{n}"));
    let key = if t.columns.iter().any(|c| c == "序号" || c == "编号") {
        format!("row {}", r.number)
    } else {
        r.unit_cells.first().cloned().unwrap_or_default()
    };
    place(&format!("{annex}/{key}"))
}

/// The roles of the lead and participant lists: both unspecified when the
/// text gave no roles.
fn clause_roles(roles_stated: bool) -> (Role, Role) {
    if roles_stated {
        (Role::Lead, Role::Co)
    } else {
        (Role::Unspecified, Role::Unspecified)
    }
}

/// Every statement of a target, each with its target's unit and deadline.
pub fn found_targets(p: &Policy) -> Vec<TargetKey> {
    p.targets
        .iter()
        .flat_map(|t| {
            t.mentions
                .iter()
                .map(move |m| found_key(t, &m.value, &m.text))
        })
        .collect()
}

// ---------------------------------------------------------------- scores

/// Found / labelled / matched counts of one kind, with what did not match.
#[derive(Debug, Default, Clone)]
pub struct Count {
    pub found: usize,
    pub labelled: usize,
    pub matched: usize,
    /// Labelled but not found.
    pub misses: Vec<String>,
    /// Found but not labelled.
    pub false_hits: Vec<String>,
}

impl Count {
    pub fn wrong(&self) -> usize {
        self.found - self.matched
    }
    /// 1 when nothing was labelled.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.labelled)
    }
    /// 1 when nothing was found.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.found)
    }
    fn add(&mut self, other: &Count) {
        self.found += other.found;
        self.labelled += other.labelled;
        self.matched += other.matched;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The five figures the goals are stated in, as fractions.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figures {
    pub task_recall: f64,
    pub unit_recall: f64,
    pub unit_precision: f64,
    pub target_recall: f64,
    pub target_precision: f64,
}

impl Figures {
    /// `(name, value)` pairs in column order.
    pub fn named(&self) -> [(&'static str, f64); 5] {
        [
            ("task_recall", self.task_recall),
            ("unit_recall", self.unit_recall),
            ("unit_precision", self.unit_precision),
            ("target_recall", self.target_recall),
            ("target_precision", self.target_precision),
        ]
    }
}

/// One document measured.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub document: String,
    pub tasks: Count,
    pub units: Count,
    pub targets: Count,
    /// Parser warnings, as `line: message`.
    pub warnings: Vec<String>,
    /// Set when the parser refused the document.
    pub error: Option<String>,
}

impl Report {
    pub fn figures(&self) -> Figures {
        Figures {
            task_recall: self.tasks.recall(),
            unit_recall: self.units.recall(),
            unit_precision: self.units.precision(),
            target_recall: self.targets.recall(),
            target_precision: self.targets.precision(),
        }
    }
}

/// Sums of several reports (misses and false hits are not carried).
pub fn total(reports: &[Report]) -> Report {
    let mut t = Report {
        document: "total".to_owned(),
        ..Report::default()
    };
    for r in reports {
        t.tasks.add(&r.tasks);
        t.units.add(&r.units);
        t.targets.add(&r.targets);
    }
    t
}

/// The `NN-name` stems that have both a text and labels, sorted.
pub fn documents(root: &Path) -> Result<Vec<String>, MeasureError> {
    let dir = root.join(CORPUS);
    let entries = std::fs::read_dir(&dir).map_err(|source| MeasureError::Read {
        path: dir.clone(),
        source,
    })?;
    let mut out = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".labels.yaml") {
            if dir.join(format!("{stem}.txt")).is_file() {
                out.push(stem.to_owned());
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Parses and measures one document.
pub fn measure(root: &Path, stem: &str) -> Result<Report, MeasureError> {
    measure_file(root, stem, &format!("{stem}.txt"))
}

/// Parses and measures one document from `file` (relative to the corpus
/// folder; `.txt`, or `.docx`/`.html` converted as a build converts them),
/// against the labels of `stem`.
pub fn measure_file(root: &Path, stem: &str, file: &str) -> Result<Report, MeasureError> {
    let dir = root.join(CORPUS);
    let read =
        |path: PathBuf| std::fs::read(&path).map_err(|source| MeasureError::Read { path, source });
    let label_path = dir.join(format!("{stem}.labels.yaml"));
    let label_bytes = read(label_path.clone())?;
    let labels: Labels =
        serde_norway::from_slice(&label_bytes).map_err(|source| MeasureError::Labels {
            path: label_path,
            source,
        })?;
    let bytes = read(dir.join(file))?;
    let source = format!("{CORPUS}/{file}");
    let format = gazette::source::Format::of(Path::new(file))
        .ok()
        .flatten()
        .unwrap_or(gazette::source::Format::Text);
    let text = match gazette::source::read(&source, format, &bytes, None) {
        Ok(converted) => converted.bytes,
        Err(e) => {
            return Err(MeasureError::Convert {
                path: dir.join(file),
                message: e.to_string(),
            })
        }
    };
    let mut report = Report {
        document: stem.to_owned(),
        ..Report::default()
    };
    let policy = match parse_policy(
        PolicyId::from(stem),
        &source,
        &text,
        &ParseOptions::default(),
    ) {
        Ok(p) => p,
        Err(e) => {
            report.error = Some(e.to_string());
            report.tasks = compare_tasks(&[], &labels.tasks);
            report.units = compare(&[], &label_units(&labels), |a, b| a == b);
            report.targets = compare(&[], &label_targets(&labels), TargetKey::matches);
            return Ok(report);
        }
    };
    report.tasks = compare_tasks(&found_tasks(&policy), &labels.tasks);
    report.units = compare(&found_units(&policy), &label_units(&labels), |a, b| a == b);
    report.targets = compare(
        &found_targets(&policy),
        &label_targets(&labels),
        TargetKey::matches,
    );
    report.warnings = policy
        .warnings
        .iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect();
    Ok(report)
}

fn label_units(labels: &Labels) -> Vec<UnitKey> {
    labels
        .units
        .iter()
        .map(|u| UnitKey {
            place: place(&u.at),
            unit: unit_key(&u.unit),
            // An unknown role never matches a found one.
            role: Role::from_label(&u.role).unwrap_or(Role::Unspecified),
        })
        .collect()
}

fn label_targets(labels: &Labels) -> Vec<TargetKey> {
    labels.targets.iter().flat_map(label_keys).collect()
}

/// Multiset matching: each labelled item is matched at most once.
fn compare<T: fmt::Display>(found: &[T], labelled: &[T], same: impl Fn(&T, &T) -> bool) -> Count {
    let mut used = vec![false; labelled.len()];
    let mut count = Count {
        found: found.len(),
        labelled: labelled.len(),
        ..Count::default()
    };
    for f in found {
        let hit = labelled
            .iter()
            .enumerate()
            .find(|(i, l)| !used[*i] && same(f, l));
        match hit {
            Some((i, _)) => {
                used[i] = true;
                count.matched += 1;
            }
            None => count.false_hits.push(f.to_string()),
        }
    }
    for (l, u) in labelled.iter().zip(&used) {
        if !u {
            count.misses.push(l.to_string());
        }
    }
    count
}

/// Tasks match by number path first; a labelled task left over matches a
/// found one left over whose normalised title equals it or starts it.
fn compare_tasks(found: &[FoundTask], labelled: &[LabelTask]) -> Count {
    let mut used_f = vec![false; found.len()];
    let mut used_l = vec![false; labelled.len()];
    for (li, l) in labelled.iter().enumerate() {
        let Place::Path(path) = place(&l.path) else {
            continue;
        };
        if let Some(fi) = (0..found.len()).find(|&i| !used_f[i] && found[i].path == path) {
            used_f[fi] = true;
            used_l[li] = true;
        }
    }
    for (li, l) in labelled.iter().enumerate() {
        if used_l[li] {
            continue;
        }
        let want = title_key(&l.title);
        if want.chars().count() < 4 {
            continue;
        }
        let hit = (0..found.len()).find(|&i| {
            let got = title_key(&found[i].title);
            !used_f[i]
                && got.chars().count() >= 4
                && (got.starts_with(&want) || want.starts_with(&got))
        });
        if let Some(fi) = hit {
            used_f[fi] = true;
            used_l[li] = true;
        }
    }
    let path_str = |p: &[u64]| p.iter().map(u64::to_string).collect::<Vec<_>>().join("/");
    Count {
        found: found.len(),
        labelled: labelled.len(),
        matched: used_l.iter().filter(|u| **u).count(),
        misses: labelled
            .iter()
            .zip(&used_l)
            .filter(|(_, u)| !**u)
            .map(|(l, _)| format!("{}  {}", l.path, l.title))
            .collect(),
        false_hits: found
            .iter()
            .zip(&used_f)
            .filter(|(_, u)| !**u)
            .map(|(f, _)| format!("{}  {}", path_str(&f.path), f.title))
            .collect(),
    }
}
