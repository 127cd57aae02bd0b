//! `content/corrections/POLICY.yaml`: what a person says the parser got
//! wrong, without touching the official text. Takes the folder; gives, per
//! policy, its corrections of targets (not a target, merged into another,
//! comparator, kind, value, unit, deadline) and of breakdown rows (group,
//! units and roles, the task a row restates), each with the line it is
//! written on.
//!
//! Shape only: every correction has a non-empty `reason`; a target that is
//! dropped or merged takes no other change; a row's units are given either
//! with roles (`lead`, `cooperating`) or without (`units`), and those of a
//! third column apart (`implementers`). Whether the IDs
//! exist and whether the `source` fingerprint still matches the text is
//! the link stage's to judge ([`crate::link::corrections`]), which knows the
//! parsed policies.

use super::{read_optional, yaml, ContentError};
use crate::model::{Comparator, Kind};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Where the corrections live, relative to a portal's root.
pub const CORRECTIONS_DIR: &str = "content/corrections";

/// One policy's corrections file.
#[derive(Debug, Clone, Default)]
pub struct Corrections {
    /// Relative to the portal's root (`content/corrections/p.yaml`), for
    /// diagnostics.
    pub file: String,
    /// Target ID (`task-12-target-3fa9c1`) → its correction.
    pub targets: BTreeMap<String, Lined<TargetCorrection>>,
    /// Row ID (`row-4`) → its correction.
    pub rows: BTreeMap<String, Lined<RowCorrection>>,
}

/// A correction with the 1-based line of its key in the file.
#[derive(Debug, Clone)]
pub struct Lined<T> {
    pub line: usize,
    pub value: T,
}

/// A correction of a target: why, against which text, and one change —
/// dropped, merged — or any of the facts. `reason`, `reason_en` and
/// `source` are in both kinds of correction; serde's `flatten` would share
/// them but cannot deny unknown keys, which the strict loader relies on.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TargetCorrection {
    /// Why the parser's reading is wrong; shown on the page. Required.
    pub reason: Option<String>,
    /// The reason in English, for the English pages; `reason` when absent.
    pub reason_en: Option<String>,
    /// Fingerprint of the target's sentence when the correction was
    /// written; a correction whose sentence changed is not applied.
    pub source: Option<String>,
    /// The figure is no target (a house number, a year, a document number).
    #[serde(default)]
    pub not_a_target: bool,
    /// Another target of the same policy states the same commitment: this
    /// one's mentions go to it, and its published URLs redirect to it.
    pub merge_into: Option<String>,
    pub comparator: Option<Comparator>,
    pub kind: Option<Kind>,
    /// The number as written in `unit` (`3`, `2.5`, `1~2`).
    pub value: Option<String>,
    pub unit: Option<String>,
    /// The year the target is due.
    pub deadline: Option<u16>,
}

/// A correction of a breakdown row: why, against which text, and any of
/// its group, units (with roles or without) and task.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RowCorrection {
    /// Why the parser's reading is wrong; shown on the page. Required.
    pub reason: Option<String>,
    /// The reason in English, for the English pages; `reason` when absent.
    pub reason_en: Option<String>,
    /// Fingerprint of the row's lines in the seed when the correction was
    /// written; a correction whose row changed is not applied.
    pub source: Option<String>,
    /// The group header the row sits under.
    pub group: Option<String>,
    /// Units that lead; with `cooperating`, the row's units with roles.
    pub lead: Option<Vec<String>>,
    pub cooperating: Option<Vec<String>>,
    /// The row's units when the table names no roles.
    pub units: Option<Vec<String>>,
    /// The units of a third unit column (`实施主体`, `实施单位`).
    pub implementers: Option<Vec<String>>,
    /// The task (or section) the row restates: `task-12`.
    pub task: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    targets: BTreeMap<String, TargetCorrection>,
    #[serde(default)]
    rows: BTreeMap<String, RowCorrection>,
}

/// Policy ID → its corrections, from `content/corrections/*.yaml` under
/// `root`. A file whose name is not a policy's is an error naming the
/// nearest one.
pub fn load(
    root: &Path,
    policy_ids: &[String],
) -> Result<BTreeMap<String, Corrections>, ContentError> {
    let dir = root.join(CORRECTIONS_DIR);
    let mut out = BTreeMap::new();
    let mut problems = Vec::new();
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(source) => return Err(ContentError::Io { path: dir, source }),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    paths.sort();
    for path in paths {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if !policy_ids.iter().any(|id| id == stem) {
            let known: Vec<&str> = policy_ids.iter().map(String::as_str).collect();
            problems.push(ContentError::invalid(
                &path,
                0,
                format!("`{stem}` is not a policy: no seed in seeds/ has that name"),
                format!(
                    "name the file after the seed it corrects ({})",
                    super::suggest::help(stem, &known)
                ),
            ));
            continue;
        }
        match read(&path, &format!("{CORRECTIONS_DIR}/{stem}.yaml")) {
            Ok(c) => {
                out.insert(stem.to_owned(), c);
            }
            Err(e) => problems.push(e),
        }
    }
    ContentError::collect(problems)?;
    Ok(out)
}

/// One file: strict YAML, then each correction's shape.
fn read(path: &Path, file: &str) -> Result<Corrections, ContentError> {
    let text = read_optional(path)?.unwrap_or_default();
    let raw: File = yaml::parse(path, &text)?;
    let mut problems = Vec::new();
    let mut out = Corrections {
        file: file.to_owned(),
        ..Default::default()
    };
    let lines = yaml::KeyLines::of(&text, path);
    let line = |section: &str, id: &str| {
        (lines.line(&[section, id]))
            .or(lines.line(&[section]))
            .unwrap_or(1)
    };
    for (id, c) in raw.targets {
        let line = line("targets", &id);
        problems.extend(target_shape(path, line, &id, &c));
        out.targets.insert(id, Lined { line, value: c });
    }
    for (id, c) in raw.rows {
        let line = line("rows", &id);
        problems.extend(row_shape(path, line, &id, &c));
        out.rows.insert(id, Lined { line, value: c });
    }
    ContentError::collect(problems)?;
    Ok(out)
}

fn no_reason(path: &Path, line: usize, id: &str, reason: &Option<String>) -> Option<ContentError> {
    reason.as_deref().is_none_or(|r| r.trim().is_empty()).then(|| {
        ContentError::invalid(
            path,
            line,
            format!("the correction of `{id}` gives no reason"),
            "add `reason: …` saying why the parser's reading is wrong; the pages show it beside the corrected fact",
        )
        .code("correction-reason")
    })
}

fn target_shape(path: &Path, line: usize, id: &str, c: &TargetCorrection) -> Vec<ContentError> {
    let mut out: Vec<ContentError> = no_reason(path, line, id, &c.reason).into_iter().collect();
    let changes = c.comparator.is_some()
        || c.kind.is_some()
        || c.value.is_some()
        || c.unit.is_some()
        || c.deadline.is_some();
    let what = match (c.not_a_target, &c.merge_into) {
        (true, Some(_)) => Some("is both `not_a_target` and merged"),
        (true, None) if changes => Some("is `not_a_target` and changes it too"),
        (false, Some(_)) if changes => Some("is merged and changes it too"),
        _ => None,
    };
    if let Some(what) = what {
        out.push(ContentError::invalid(
            path,
            line,
            format!("the correction of `{id}` {what}"),
            "a target that is dropped or merged takes no other change: keep one",
        ));
    }
    if c.merge_into.as_deref() == Some(id) {
        out.push(ContentError::invalid(
            path,
            line,
            format!("`{id}` is merged into itself"),
            "`merge_into` names the other target, the one that stays",
        ));
    }
    if let Some(v) = &c.value {
        if written_value(v).is_none() {
            out.push(ContentError::invalid(
                path,
                line,
                format!("`{id}`: value `{v}` is not a number"),
                "write the number in `unit` with arabic digits (`3`, `2.5`) or a range (`1~2`)",
            ));
        }
    }
    out
}

fn row_shape(path: &Path, line: usize, id: &str, c: &RowCorrection) -> Vec<ContentError> {
    let mut out: Vec<ContentError> = no_reason(path, line, id, &c.reason).into_iter().collect();
    if c.units.is_some() && (c.lead.is_some() || c.cooperating.is_some()) {
        out.push(ContentError::invalid(
            path,
            line,
            format!("the correction of `{id}` gives both `units` and `lead`/`cooperating`"),
            "`units` lists units named without roles; `lead` and `cooperating` list them with roles: keep one",
        ));
    }
    out
}

/// `3`, `2.5`, `1~2` → (low, high) as written; `None` for anything else.
pub fn written_value(v: &str) -> Option<(&str, Option<&str>)> {
    fn plain(s: &str) -> Option<&str> {
        crate::text::units::scale(s, 0).map(|_| s)
    }
    match v.trim().split_once(['~', '～']) {
        Some((a, b)) => Some((plain(a.trim())?, Some(plain(b.trim())?))),
        None => Some((plain(v.trim())?, None)),
    }
}
