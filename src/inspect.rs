//! `gazette inspect FILE`: converts and parses one seed and reports what the parser
//! made of it — a summary (counts, then every warning with `file:line`) or,
//! with `--json`, the whole [`Policy`] as pretty JSON (schema:
//! `docs/model-schema.md`).

use crate::content::{ContentError, DepartmentRegistry};
use crate::model::{Policy, PolicyId};
use crate::parse::{parse_policy, ParseError, ParseOptions};
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum InspectError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(transparent)]
    Source(#[from] crate::source::SourceError),
    #[error(transparent)]
    Parse(#[from] ParseError),
    #[error(transparent)]
    Content(#[from] ContentError),
    #[error("cannot serialise the model: {0}")]
    Json(#[from] serde_json::Error),
}

/// Parses `file`, with the department registry `content/departments.yaml`
/// of the current directory when there is one, and returns the report.
pub fn inspect(file: &Path, json: bool) -> Result<String, InspectError> {
    let registry = DepartmentRegistry::load(Path::new("content/departments.yaml"))?;
    let policy = parse_file(file, &registry.names())?;
    if json {
        let mut out = serde_json::to_string_pretty(&policy)?;
        out.push('\n');
        Ok(out)
    } else {
        Ok(summary(&policy))
    }
}

/// Reads, converts ([`crate::source`]: `.docx`, `.html`) and parses one
/// seed file.
pub fn parse_file(file: &Path, known_units: &[String]) -> Result<Policy, InspectError> {
    let source = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| InspectError::Io {
        path: source.clone(),
        source: e,
    })?;
    let id = file
        .file_stem()
        .map_or_else(|| source.clone(), |s| s.to_string_lossy().into_owned());
    let format = crate::source::Format::of(file)?.unwrap_or(crate::source::Format::Text);
    let text = crate::source::read(&source, format, &bytes, None)?;
    Ok(parse_policy(
        PolicyId(id),
        &source,
        &text.bytes,
        &ParseOptions { known_units },
    )?)
}

/// Counts, then every warning as `file:line: kind: message`.
pub fn summary(policy: &Policy) -> String {
    let departments: BTreeSet<&str> = policy
        .clauses()
        .flat_map(|(_, c)| c.units())
        .chain(
            policy
                .rows()
                .iter()
                .flat_map(|r| r.lead.iter().chain(&r.cooperating).chain(&r.implementers)),
        )
        .map(|d| d.as_str())
        .collect();
    let mut out = String::new();
    let _ = writeln!(out, "{}: {}", policy.source, policy.plan.title);
    if let Some(p) = policy.plan.period {
        let _ = writeln!(out, "  period       {}–{}", p.start, p.end);
    }
    let counts = [
        ("chapters", policy.plan.chapters.len()),
        ("sections", policy.sections().count()),
        ("tasks", policy.tasks().count()),
        ("paragraphs", policy.paragraphs().count()),
        ("rows", policy.rows().len()),
        ("targets", policy.targets.len()),
        ("departments", departments.len()),
        ("warnings", policy.warnings.len()),
    ];
    let mut counts = counts.to_vec();
    // Subtasks, after the tasks, only where the plan has a fourth level.
    let subtasks = policy.subtasks().count();
    if subtasks > 0 {
        counts.insert(3, ("subtasks", subtasks));
    }
    for (name, n) in counts {
        let _ = writeln!(out, "  {name:<12} {n}");
    }
    for w in &policy.warnings {
        let kind = serde_json::to_value(w.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let _ = writeln!(out, "{}:{}: {}: {}", policy.source, w.line, kind, w.message);
    }
    out
}
