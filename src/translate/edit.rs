//! The translation file edited in place: `gazette translate POLICY
//! --accept ID…` and `--merge`.
//!
//! Takes a linked policy; gives the new text of its translation file and
//! writes it atomically (a temporary file beside it, renamed over it), so
//! a failed or interrupted run leaves the file as it was. Edits are made
//! line by line, as [`crate::rekey`] does: comments, order, quoting and
//! every other entry stay as written.
//!
//! - `--accept` says "the English still stands" for units whose Chinese
//!   changed (a typo fixed): it sets their `source:` to the fingerprint of
//!   the current Chinese, so they are no longer stale; and "this draft is
//!   right" for a draft (from the translation memory): it drops its
//!   `state: draft` and `origin:`, so the site publishes it. It accepts
//!   only stale units and drafts, and refuses the whole run, writing
//!   nothing, when an ID is not a unit of the policy (naming the nearest
//!   one) or has no English that could stand.
//! - `--merge` adds the skeleton of every missing unit whose key the file
//!   does not have yet (with the memory's drafts), after everything
//!   already there; it never writes a key twice, so running it again
//!   changes nothing.

use super::memory::Memory;
use super::unit_block;
use crate::content::translations::{fingerprint, Rendition, TranslatedUnit, UnitState};
use crate::content::yaml_edit::{quoted, set_entry};
use crate::link::PolicyEntry;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("nothing accepted, {path} left as it was:\n{}", .problems.join("\n"))]
    Refused {
        path: PathBuf,
        problems: Vec<String>,
    },
    /// A translator's file that does not match the policy
    /// ([`super::exchange::import`]).
    #[error("{file}: nothing imported, {path} left as it was:\n{}", .problems.join("\n"))]
    NotImported {
        file: PathBuf,
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error(transparent)]
    Unreadable(#[from] super::exchange::Unreadable),
}

/// What an edit changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edited {
    /// Keys whose entry was accepted or added.
    pub changed: Vec<String>,
    /// Keys left alone, each with the reason.
    pub left: Vec<String>,
}

/// Marks the English of units `ids` of `entry` as still translating their
/// current Chinese, in the translation file.
pub fn accept(entry: &PolicyEntry, ids: &[String]) -> Result<Edited, EditError> {
    let path = &entry.translation.path;
    let units = entry.policy.text_units();
    let keys: Vec<&str> = units.iter().map(|u| u.key.as_str()).collect();
    let mut text = read(path)?;
    let mut done = Edited::default();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for id in ids.iter().filter(|id| seen.insert(id.as_str())) {
        let Some(u) = units.iter().find(|u| &u.key == id) else {
            problems.push(match crate::content::suggest::nearest(id, &keys) {
                Some(near) => format!(
                    "  `{id}` is not a unit of {}: did you mean `{near}`?",
                    entry.policy.id
                ),
                None => format!(
                    "  `{id}` is not a unit of {} (`gazette inspect` lists its IDs)",
                    entry.policy.id
                ),
            });
            continue;
        };
        match entry.translation.render(id, u.zh) {
            Rendition::Translated { .. } => done.left.push(format!("`{id}`: already current")),
            Rendition::Missing if entry.translation.draft(id, u.zh).is_some() => {
                if let Some(draft) = entry.translation.units.get(id.as_str()) {
                    let accepted = TranslatedUnit {
                        state: None,
                        origin: None,
                        ..draft.clone()
                    };
                    text = set_entry(&text, id, &entry_fields(&accepted));
                    done.changed.push(id.clone());
                }
            }
            Rendition::Missing => problems.push(format!(
                "  `{id}` has no English that could stand (none, or it translates another unit): fill it in (`gazette translate {} --merge` writes its skeleton)",
                entry.policy.id
            )),
            Rendition::Stale { .. } => match set_source(&text, id, &fingerprint(u.zh)) {
                Some(new) => {
                    text = new;
                    done.changed.push(id.clone());
                }
                None => problems.push(format!(
                    "  `{id}`: no `source:` line under it in {} (write it as `{id}:` then `  source: …` and `  text: …` on lines of their own)",
                    path.display()
                )),
            },
        }
    }
    if !problems.is_empty() {
        return Err(EditError::Refused {
            path: path.clone(),
            problems,
        });
    }
    if !done.changed.is_empty() {
        write_atomic(path, &text)?;
    }
    Ok(done)
}

/// Adds the skeleton of every missing unit of `entry` whose key its
/// translation file lacks, with drafts from `memory`.
pub fn merge(entry: &PolicyEntry, memory: &Memory) -> Result<Edited, EditError> {
    let path = &entry.translation.path;
    let mut text = read(path)?;
    let mut done = Edited::default();
    let mut added = String::new();
    let (mut stale, mut unfilled) = (Vec::new(), Vec::new());
    for u in entry.policy.text_units() {
        match entry.translation.render(&u.key, u.zh) {
            Rendition::Translated { .. } => {}
            Rendition::Stale { .. } => stale.push(u.key.clone()),
            Rendition::Missing if entry.translation.units.contains_key(&u.key) => {
                unfilled.push(u.key.clone())
            }
            Rendition::Missing => {
                let draft = memory.suggest(u.zh);
                added.push_str(&unit_block(entry, &u, None, draft.as_ref()));
                done.changed.push(u.key.clone());
            }
        }
    }
    if let Some(first) = stale.first() {
        done.left.push(format!(
            "{} stale units keep their entries (first: `{first}`): update their text, or --accept them",
            stale.len()
        ));
    }
    if let Some(first) = unfilled.first() {
        done.left.push(format!(
            "{} missing units are in the file already, to fill in (first: `{first}`)",
            unfilled.len()
        ));
    }
    if !done.changed.is_empty() {
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(&added);
        write_atomic(path, &text)?;
    }
    Ok(done)
}

/// The lines of a translation entry, in the order the skeleton writes
/// them.
pub(super) fn entry_fields(u: &TranslatedUnit) -> Vec<(&'static str, String)> {
    let mut fields = vec![("source", u.source.clone()), ("text", quoted(&u.text))];
    if let Some(unit) = &u.unit_en {
        fields.push(("unit_en", quoted(unit)));
    }
    match u.state {
        Some(UnitState::Draft) => fields.push(("state", "draft".to_owned())),
        Some(UnitState::Reviewed) => fields.push(("state", "reviewed".to_owned())),
        None => {}
    }
    if let Some(origin) = &u.origin {
        fields.push(("origin", quoted(origin)));
    }
    fields
}

/// `text` with the `source:` of top-level entry `key` set to `fp`, or
/// `None` when the entry has no `source:` line of its own.
fn set_source(text: &str, key: &str, fp: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len());
    let (mut inside, mut set) = (false, false);
    for line in text.split_inclusive('\n') {
        if !line.starts_with([' ', '\t', '#', '\n', '\r']) {
            inside = crate::rekey::key_of(line) == Some(key);
        }
        let body = line.trim_start();
        match body.strip_prefix("source:") {
            Some(_) if inside && !set && line.starts_with(' ') => {
                let indent = &line[..line.len() - body.len()];
                let end = &line[line.trim_end_matches(['\n', '\r']).len()..];
                out.push_str(&format!("{indent}source: {fp}{end}"));
                set = true;
            }
            _ => out.push_str(line),
        }
    }
    set.then_some(out)
}

pub(super) fn read(path: &Path) -> Result<String, EditError> {
    crate::content::read_to_edit(path).map_err(|source| EditError::Io {
        path: path.to_owned(),
        source,
    })
}

pub(super) fn write_atomic(path: &Path, text: &str) -> Result<(), EditError> {
    crate::content::replace(path, text).map_err(|source| EditError::Io {
        path: path.to_owned(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::set_source;

    #[test]
    fn only_the_source_of_the_named_entry_changes() {
        let text = "# kept\ntask-1:\n  source: aaa\n  text: \"source: x\"\ntask-2:\n  source: bbb\n  text: y\n";
        assert_eq!(
            set_source(text, "task-2", "ccc").as_deref(),
            Some("# kept\ntask-1:\n  source: aaa\n  text: \"source: x\"\ntask-2:\n  source: ccc\n  text: y\n")
        );
        assert_eq!(
            set_source("task-1: {source: a, text: b}\n", "task-1", "c"),
            None
        );
    }
}
