//! `content/translations/{lang}/{policy}.yaml`: the translation of a policy,
//! unit by unit. Each unit is keyed by the parser's stable ID
//! (`task-12-p2`, `task-12`, `row-4`, `task-12-target-3fa9c1`, `notice.title` …) and stores the
//! fingerprint of the Chinese text it translates, so a change in the source
//! marks exactly that unit stale.

use super::{read_optional, ContentError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TranslatedUnit {
    /// Fingerprint of the Chinese text this translates ([`fingerprint`]).
    pub source: String,
    pub text: String,
}

/// One translation file.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    pub path: PathBuf,
    pub units: BTreeMap<String, TranslatedUnit>,
    /// Line of each key in the file, for diagnostics.
    pub lines: BTreeMap<String, usize>,
}

/// What the English edition has for one Chinese unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum Rendition {
    Translated {
        text: String,
    },
    /// The source changed since translation; `previous` is the old English.
    Stale {
        previous: String,
    },
    Missing,
}

/// The fingerprint a unit's `source:` records ([`crate::model::fingerprint`]).
pub use crate::model::fingerprint;

impl Translation {
    pub fn load(path: &Path) -> Result<Self, ContentError> {
        let Some(text) = read_optional(path)? else {
            return Ok(Translation {
                path: path.to_owned(),
                ..Default::default()
            });
        };
        let units: BTreeMap<String, TranslatedUnit> = if text.trim().is_empty() {
            BTreeMap::new()
        } else {
            serde_yaml::from_str(&text).map_err(|e| ContentError::yaml(path, &e))?
        };
        let lines = key_lines(&text);
        Ok(Translation {
            path: path.to_owned(),
            units,
            lines,
        })
    }

    /// The English for `key`, judged against the current Chinese `zh`.
    pub fn render(&self, key: &str, zh: &str) -> Rendition {
        match self.units.get(key) {
            None => Rendition::Missing,
            // A skeleton entry not filled in yet.
            Some(u) if u.text.trim().is_empty() => Rendition::Missing,
            Some(u) if u.source == fingerprint(zh) => Rendition::Translated {
                text: u.text.clone(),
            },
            Some(u) => Rendition::Stale {
                previous: u.text.clone(),
            },
        }
    }

    pub fn line_of(&self, key: &str) -> usize {
        self.lines.get(key).copied().unwrap_or(1)
    }
}

/// Lines where top-level keys start.
fn key_lines(text: &str) -> BTreeMap<String, usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with([' ', '#', '-']) && l.contains(':'))
        .filter_map(|(i, l)| {
            let key = l.split(':').next()?.trim().trim_matches(['"', '\'']);
            Some((key.to_owned(), i + 1))
        })
        .collect()
}
