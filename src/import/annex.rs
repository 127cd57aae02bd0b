//! `gazette import TABLE --policy ID [--sheet NAME]`: a policy's task table
//! received on its own, as a spreadsheet or CSV.
//!
//! Takes the table file and a policy already in the portal. Refuses (before
//! writing anything) a file that is not a table, an unknown policy, a policy
//! whose text already has a task table, a sheet with no header row, and a
//! table the parser reads no rows from. Keeps the file unchanged as
//! `seeds/ID.annex.EXT`, where every build reads it as the document's annex
//! ([`crate::seeds::Annex`]); records `annex_sheet` in
//! `content/policies.yaml` when `--sheet` names one; adds registry stubs
//! for units the registry lacks, and ends with the review's counts and
//! doubts, as a document's import does. Invariant: idempotent, like
//! [`super::import`].

use super::{
    add_department_stubs, unknown_departments, with_stubs, write_new, ImportError, ImportReport,
};
use crate::content::{yaml_edit, DepartmentRegistry};
use crate::model::{Policy, PolicyId};
use crate::parse::{parse_policy, ParseOptions};
use crate::seeds::{Seed, ANNEX_SUFFIX};
use crate::source::{self, Format};
use std::path::Path;

/// Imports the task table `file` as the annex of policy `policy`.
pub fn import_table(
    root: &Path,
    file: &Path,
    policy: &str,
    sheet: Option<&str>,
) -> Result<ImportReport, ImportError> {
    let display = file.display().to_string();
    let format = Format::of(file)?;
    let Some(Format::Table(_)) = format else {
        return Err(ImportError::NotTable { file: display });
    };
    let bytes = std::fs::read(file).map_err(|source| ImportError::Read {
        path: file.to_owned(),
        source,
    })?;
    let seeds = crate::seeds::read_all(root).map_err(|e| ImportError::Seeds(Box::new(e)))?;
    let Some(seed) = seeds.iter().find(|s| s.id == policy) else {
        return Err(ImportError::UnknownPolicy {
            policy: policy.to_owned(),
            known: seeds.iter().map(|s| s.id.clone()).collect(),
        });
    };
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let seed_rel = format!("seeds/{policy}{ANNEX_SUFFIX}.{ext}");
    let mut report = ImportReport {
        name: policy.to_owned(),
        encoding: "task table",
        ..Default::default()
    };
    if let Some(existing) = &seed.annex {
        if existing.bytes == bytes && existing.display == seed_rel {
            return Ok(report);
        }
        return Err(ImportError::Conflict {
            path: root.join(&existing.display),
            name: policy.to_owned(),
        });
    }

    let content_dir = root.join("content");
    let registry = DepartmentRegistry::load(&content_dir.join("departments.yaml"))?;
    let known = registry.names();
    let opts = ParseOptions {
        known_units: &known,
    };
    let alone = parse_seed(seed, None, &opts)?;
    if let Some(b) = alone.breakdown.as_ref().filter(|b| !b.rows.is_empty()) {
        return Err(ImportError::HasTable {
            policy: policy.to_owned(),
            seed: seed.display.clone(),
            line: b.line,
            rows: b.rows.len(),
        });
    }
    let table = source::read(&display, format.unwrap_or(Format::Text), &bytes, sheet)?;
    report.notes = table.notes.clone();
    let parsed = parse_seed(seed, Some(table.clone()), &opts)?;
    let rows = parsed.rows().len();
    if rows == 0 {
        return Err(ImportError::NoRows { file: display });
    }

    let policies_path = content_dir.join("policies.yaml");
    let policies = match sheet {
        Some(sheet) => Some(with_annex_sheet(&policies_path, policy, sheet)?),
        None => None,
    };
    write_new(&root.join(&seed_rel), &bytes)?;
    report.changed.push(seed_rel);
    if let Some(text) = policies {
        write_new(&policies_path, text.as_bytes())?;
        report.changed.push("content/policies.yaml".into());
    }
    let unknown = unknown_departments(&parsed, &registry);
    let what = format!("the task table of {policy}");
    add_department_stubs(&content_dir, &what, &unknown, &mut report)?;
    // Read again with the stubs, as the next build will, for the review.
    let (parsed, registry) = match unknown.is_empty() {
        true => (parsed, registry),
        false => {
            let registry = with_stubs(registry, &unknown);
            let known = registry.names();
            let opts = ParseOptions {
                known_units: &known,
            };
            (parse_seed(seed, Some(table), &opts)?, registry)
        }
    };
    report.review = crate::review::review(&parsed, &registry).summary();
    let linked = parsed.rows().iter().filter(|r| !r.links.is_empty()).count();
    report.notes.push(format!(
        "{rows} table row{} read, {linked} linked to the plan",
        if rows == 1 { "" } else { "s" }
    ));
    report.todo.push(format!(
        "content/translations/en/{policy}.yaml: the English of the table's rows (`gazette translate {policy}` lists the new units)"
    ));
    Ok(report)
}

/// The seed parsed with `table` (already converted) as its annex.
fn parse_seed(
    seed: &Seed,
    table: Option<source::Source>,
    opts: &ParseOptions,
) -> Result<Policy, ImportError> {
    let text = source::read(&seed.display, seed.format, &seed.bytes, None)?;
    let text = match table {
        Some(t) => source::append_annex(text, t),
        None => text,
    };
    Ok(parse_policy(
        PolicyId(seed.id.clone()),
        &seed.display,
        &text.bytes,
        opts,
    )?)
}

/// `policies.yaml` with `annex_sheet: SHEET` under `policy`'s entry, every
/// other line as it was ([`yaml_edit`]).
fn with_annex_sheet(path: &Path, policy: &str, sheet: &str) -> Result<String, ImportError> {
    if !crate::content::policies::load(path)?.contains_key(policy) {
        return Err(ImportError::NoPolicyEntry {
            policy: policy.to_owned(),
        });
    }
    let text = crate::content::read_to_edit(path).map_err(|source| ImportError::Read {
        path: path.to_owned(),
        source,
    })?;
    yaml_edit::set_key(&text, &[policy], "annex_sheet", &yaml_edit::quoted(sheet))
        .map_err(|reason| ImportError::PolicyEntry { reason })
}
