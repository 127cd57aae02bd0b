//! `content/translations/{lang}/{policy}.yaml`: the translation of a policy,
//! unit by unit. Each unit is keyed by the parser's stable ID
//! (`task-12-p2`, `task-12`, `row-4`, `task-12-target-3fa9c1`, `notice.title` …) and stores the
//! fingerprint of the Chinese text it translates, so a change in the source
//! marks exactly that unit stale. A unit's English also serves the same
//! Chinese under another key (its ID moved): the fingerprint proves it is
//! the translation of that text, and `gazette translate POLICY --rekey`
//! moves it to its new key. An entry with `state: draft` (English the
//! translation memory offered, or a CAT tool's unconfirmed segment) is
//! not the unit's English until a person accepts it: [`Translation::render`]
//! treats it as missing.

use super::memo::ParseMemo;
use super::{read_optional, yaml, ContentError};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TranslatedUnit {
    /// Fingerprint of the Chinese text this translates ([`fingerprint`]).
    pub source: String,
    pub text: String,
    /// A target's unit in English (`incubators`, `patents`), for a count
    /// whose measure word (`家`, `件`) English renders only with a neutral
    /// noun; only on target units.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_en: Option<String>,
    /// How far a person has checked the English: absent when translated,
    /// `draft` for English offered by the translation memory (or a CAT
    /// tool's unconfirmed segment), which is never published until a
    /// person accepts it, `reviewed` once a reviewer signed it off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<UnitState>,
    /// Where a draft's English came from (`POLICY unit-id, same Chinese`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// The `state:` of a translated unit.
#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UnitState {
    Draft,
    Reviewed,
}

impl TranslatedUnit {
    /// Whether the entry holds English a reader may see: filled in and not
    /// a draft.
    pub fn publishable(&self) -> bool {
        !self.text.trim().is_empty() && self.state != Some(UnitState::Draft)
    }
}

/// One translation file.
#[derive(Debug, Clone, Default)]
pub struct Translation {
    pub path: PathBuf,
    pub units: BTreeMap<String, TranslatedUnit>,
    /// Line of each key in the file, for diagnostics, as the parser
    /// placed it.
    lines: yaml::KeyLines,
    /// Fingerprints of the Chinese of the policy's current units
    /// ([`Translation::for_units`]); empty until the link stage sets them.
    current: HashSet<String>,
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

/// How much of a set of Chinese units the English covers, by units and by
/// Chinese characters ([`crate::text::han_count`]): a portal with its many
/// short titles translated and its long paragraphs not has a far larger
/// share of units than of text, and the text is what readers miss.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    /// Units in all.
    pub total: usize,
    /// Units translated and current.
    pub translated: usize,
    /// Chinese characters of all the units.
    pub chars: usize,
    /// Chinese characters of the units translated.
    pub chars_translated: usize,
}

impl Tally {
    /// Counts one unit of Chinese `zh`.
    pub fn add(&mut self, zh: &str, translated: bool) {
        let chars = crate::text::han_count(zh);
        self.total += 1;
        self.chars += chars;
        if translated {
            self.translated += 1;
            self.chars_translated += chars;
        }
    }

    /// The share of characters translated, 0–1 (1 when there is no
    /// Chinese to translate).
    pub fn char_share(&self) -> f64 {
        share(self.chars_translated, self.chars)
    }

    pub fn unit_share(&self) -> f64 {
        share(self.translated, self.total)
    }
}

fn share(part: usize, whole: usize) -> f64 {
    match whole {
        0 => 1.0,
        _ => part as f64 / whole as f64,
    }
}

impl std::fmt::Display for Tally {
    /// "12/50 units (24%), 1234/17000 characters (7%)": percentages
    /// rounded down, so 99.6% is not shown as complete.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |s: f64| (s * 100.0).floor() as u32;
        write!(
            f,
            "{}/{} units ({}%), {}/{} characters ({}%)",
            self.translated,
            self.total,
            pct(self.unit_share()),
            self.chars_translated,
            self.chars,
            pct(self.char_share())
        )
    }
}

/// The fingerprint a unit's `source:` records ([`crate::model::fingerprint`]).
pub use crate::model::fingerprint;

impl Translation {
    pub fn load(path: &Path) -> Result<Self, ContentError> {
        Self::load_recalling(path, &ParseMemo::off())
    }

    /// [`Translation::load`], taken from `memo` when it holds a parse of
    /// the same text.
    pub fn load_recalling(
        path: &Path,
        memo: &ParseMemo<Translation>,
    ) -> Result<Self, ContentError> {
        let Some(text) = read_optional(path)? else {
            return Ok(Translation {
                path: path.to_owned(),
                ..Default::default()
            });
        };
        memo.parse(path, &text, |text| Self::of_text(path, text))
    }

    /// The translation file at `path` whose text is `text`.
    fn of_text(path: &Path, text: &str) -> Result<Self, ContentError> {
        let units: BTreeMap<String, TranslatedUnit> = yaml::parse(path, text)?;
        let lines = yaml::KeyLines::of(text, path);
        Ok(Translation {
            path: path.to_owned(),
            units,
            lines,
            current: HashSet::new(),
        })
    }

    /// The translation judged against the Chinese of the policy's current
    /// units: an entry whose source is one of them translates that unit,
    /// wherever its key now points.
    pub fn for_units<'a>(mut self, zh: impl IntoIterator<Item = &'a str>) -> Self {
        // Without entries nothing is judged (most policies of a portal
        // have no translation file).
        if !self.units.is_empty() {
            self.current = zh.into_iter().map(fingerprint).collect();
        }
        self
    }

    /// The English for `key`, judged against the current Chinese `zh`.
    pub fn render(&self, key: &str, zh: &str) -> Rendition {
        if self.units.is_empty() {
            return Rendition::Missing;
        }
        let fp = fingerprint(zh);
        let own = self.units.get(key).filter(|u| u.publishable());
        if let Some(u) = own.filter(|u| u.source == fp) {
            return Rendition::Translated {
                text: u.text.clone(),
            };
        }
        if let Some(u) = self.key_for(&fp).and_then(|k| self.units.get(k)) {
            return Rendition::Translated {
                text: u.text.clone(),
            };
        }
        match own {
            // Its English translates another current unit: not this one's.
            Some(u) if !self.current.contains(&u.source) => Rendition::Stale {
                previous: u.text.clone(),
            },
            _ => Rendition::Missing,
        }
    }

    /// The `unit_en` set for the unit `key` whose current Chinese is `zh`
    /// (under its own key, or under the key its translation still has).
    pub fn unit_en(&self, key: &str, zh: &str) -> Option<&str> {
        let fp = fingerprint(zh);
        let own = self.units.get(key).filter(|u| u.source == fp);
        own.or_else(|| self.units.values().find(|u| u.source == fp))
            .and_then(|u| u.unit_en.as_deref())
            .map(str::trim)
            .filter(|u| !u.is_empty())
    }

    /// The key of a filled-in entry translating the Chinese with
    /// fingerprint `fp`, if any (the first, in key order).
    pub fn key_for(&self, fp: &str) -> Option<&str> {
        self.units
            .iter()
            .find(|(_, u)| u.source == fp && u.publishable())
            .map(|(k, _)| k.as_str())
    }

    /// The draft waiting under `key` for the Chinese `zh`, if any: English
    /// offered for exactly this text, not yet accepted.
    pub fn draft(&self, key: &str, zh: &str) -> Option<&TranslatedUnit> {
        self.units.get(key).filter(|u| {
            u.state == Some(UnitState::Draft)
                && u.source == fingerprint(zh)
                && !u.text.trim().is_empty()
        })
    }

    /// How much of `units` (the policy's, from
    /// [`crate::model::Policy::text_units`]) this translation covers.
    pub fn tally(&self, units: &[crate::model::TextUnit]) -> Tally {
        let mut t = Tally::default();
        for u in units {
            let done = matches!(self.render(&u.key, u.zh), Rendition::Translated { .. });
            t.add(u.zh, done);
        }
        t
    }

    /// The line of unit `key` in the file (1 when it has none, for a
    /// unit to add).
    pub fn line_of(&self, key: &str) -> usize {
        self.lines.line(&[key]).unwrap_or(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_unit_s_line_is_where_the_parser_read_its_key() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("p.yaml");
        // A flow mapping over two lines: a scan of lines for `key:` at
        // their start finds neither key.
        let text = "{task-1: {source: a, text: \"One: two\"},\n task-2: {source: b, text: x}}\n";
        std::fs::write(&path, text).expect("write");
        let tr = Translation::load(&path).expect("read");
        assert_eq!(tr.units.len(), 2);
        assert_eq!(tr.line_of("task-1"), 1);
        assert_eq!(tr.line_of("task-2"), 2);
        let text = "# task-3: moved\n\"notice.title\":\n  source: c\n  text: |\n    task-3: a line of text\n";
        std::fs::write(&path, text).expect("write");
        let tr = Translation::load(&path).expect("read");
        assert_eq!(tr.line_of("notice.title"), 2);
        assert_eq!(tr.line_of("task-3"), 1, "no key: the file's first line");
    }
}
