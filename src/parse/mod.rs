//! Seed text → [`crate::model::Policy`].
//!
//! [`parse_policy`] reads one file in stages, each its own module: decoding
//! and normalisation ([`crate::text`]), content lines ([`lines`]), the
//! notice ([`notice`]), the plan ([`plan`]) with its responsibility clauses
//! ([`clause`]), the annex table ([`table`]) whose unit cells are split by
//! [`units`], row-to-plan links ([`link_rows`]), quantitative targets
//! ([`targets`]) and consistency warnings ([`checks`]). The invariant: no
//! input makes it panic; bad input is a [`ParseError`] naming file and line.

mod checks;
mod clause;
mod error;
mod lines;
mod link_rows;
mod notice;
mod plan;
mod table;
mod targets;
mod units;

pub use checks::{lead_conflicts, LeadConflict};
pub use error::ParseError;
pub use lines::is_chrome;
pub use table::is_group_heading;
pub(crate) use table::{group_columns, is_header_row, is_number_column};
pub use units::{has_unit_suffix, looks_like_units, split_units};

use crate::model::{ItemId, Paragraph, Policy, PolicyId};
use lines::Line;

/// What the parser knows beyond the file itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// Registry names and aliases ([`crate::content::DepartmentRegistry::names`]),
    /// used to split run-together unit cells and to flag unknown units.
    /// Empty: split on suffixes only and flag nothing.
    pub known_units: &'a [String],
}

/// Parses one seed file. `source` is the path used in messages.
pub fn parse_policy(
    id: PolicyId,
    source: &str,
    bytes: &[u8],
    opts: &ParseOptions,
) -> Result<Policy, ParseError> {
    let (decoded, _) = crate::text::decode(bytes).map_err(|e| ParseError::Decode {
        file: source.to_owned(),
        source: e,
    })?;
    let text = crate::text::normalize(&decoded);
    let known = opts.known_units;
    let lines = lines::content_lines(&text);
    let first_chapter = lines
        .iter()
        .position(|l| plan::chapter_heading(l.text).is_some())
        .ok_or_else(|| not_a_plan(source, &lines))?;
    let (notice, plan_start) = notice::parse_notice(&lines, first_chapter);
    let annex = table::annex_start(&lines, first_chapter);
    let plan_lines = lines.get(plan_start..annex).unwrap_or(&[]);
    let (mut plan, mut lost) = plan::parse_plan(plan_lines, known);
    if plan.title.is_empty() {
        if let Some(n) = &notice {
            plan.title = n.title.clone();
        }
    }
    let (breakdown, table_lost) = table::parse_table(lines.get(annex..).unwrap_or(&[]), known);
    lost.extend(table_lost);
    let mut policy = Policy {
        id,
        source: source.to_owned(),
        notice,
        plan,
        breakdown,
        targets: Vec::new(),
        warnings: Vec::new(),
        published_lines: crate::text::published_lines(&decoded),
    };
    number_paragraphs(&mut policy);
    link_rows::link_rows(&mut policy);
    policy.targets = targets::find_targets(&policy);
    policy.warnings = checks::check(&policy, known);
    // What was recognised but could not be read: never a clean document.
    policy.warnings.extend(lost);
    policy.warnings.sort_by_key(|w| w.line);
    Ok(policy)
}

fn not_a_plan(source: &str, lines: &[Line]) -> ParseError {
    let found = match lines.first() {
        None => "an empty file".to_owned(),
        Some(l) => {
            let preview: String = l.text.chars().take(30).collect();
            format!(
                "no chapter heading in {} lines (line {}: `{preview}`)",
                lines.len(),
                l.no
            )
        }
    };
    ParseError::NotAPlan {
        file: source.to_owned(),
        expected: "chapter headings like `一、…`".to_owned(),
        found,
    }
}

/// A paragraph whose ID is given later by [`number_paragraphs`].
pub(crate) fn para(text: &str, line: usize) -> Paragraph {
    Paragraph {
        id: ItemId(String::new()),
        text: text.to_owned(),
        line,
    }
}

/// Numbers paragraphs within their parent item: `notice-p1`,
/// `preamble-p2`, `chapter-2-p1`, `section-3-1-p1` (the heading line's body
/// first), `task-12-p2`, `subtask-5-p1`. An inserted or deleted paragraph renumbers only its
/// own siblings.
fn number_paragraphs(policy: &mut Policy) {
    fn number<'a>(parent: &str, paras: impl Iterator<Item = &'a mut Paragraph>) {
        for (i, p) in paras.enumerate() {
            p.id = ItemId::paragraph(parent, i + 1);
        }
    }
    if let Some(notice) = &mut policy.notice {
        number(
            "notice",
            notice.recipients.iter_mut().chain(notice.body.iter_mut()),
        );
    }
    number("preamble", policy.plan.preamble.iter_mut());
    for chapter in &mut policy.plan.chapters {
        number(chapter.id.as_str(), chapter.paragraphs.iter_mut());
        for section in &mut chapter.sections {
            number(
                section.id.as_str(),
                section.body.iter_mut().chain(section.paragraphs.iter_mut()),
            );
            for task in &mut section.tasks {
                number(
                    task.id.as_str(),
                    task.body.iter_mut().chain(task.paragraphs.iter_mut()),
                );
                for subtask in &mut task.subtasks {
                    number(
                        subtask.id.as_str(),
                        subtask.body.iter_mut().chain(subtask.paragraphs.iter_mut()),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests;
