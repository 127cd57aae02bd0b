//! Where each key of a YAML document is written, for the checks made after
//! the typed read that point at a key (a policy's `withdrawn:`, a value
//! `site.yaml` refuses, a correction's ID): the parser gives each key's
//! place, so no text is searched.

use super::shape::Key;
use super::Spanned;
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// The keys of a mapping, each with its 1-based line and the keys of the
/// mapping it holds; empty for any other value.
#[derive(Debug, Clone, Default)]
pub struct KeyLines(HashMap<String, (usize, KeyLines)>);

impl KeyLines {
    /// The key lines of `text`, the contents of `file`, once its typed read
    /// has succeeded; empty when it holds no mapping.
    pub fn of(text: &str, file: &Path) -> KeyLines {
        super::from_str::<Option<KeyLines>>(text, file)
            .ok()
            .flatten()
            .unwrap_or_default()
    }

    /// The line of the key at `path` (`["contact", "email"]`).
    pub fn line(&self, path: &[&str]) -> Option<usize> {
        let (first, rest) = path.split_first()?;
        let (line, under) = self.0.get(*first)?;
        match rest.is_empty() {
            true => Some(*line),
            false => under.line(rest),
        }
    }
}

impl<'de> de::Deserialize<'de> for KeyLines {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(LinesVisitor)
    }
}

struct LinesVisitor;

impl<'de> de::Visitor<'de> for LinesVisitor {
    type Value = KeyLines;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_str<E>(self, _: &str) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_bool<E>(self, _: bool) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_i64<E>(self, _: i64) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_u64<E>(self, _: u64) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_f64<E>(self, _: f64) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_unit<E>(self) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_none<E>(self) -> Result<KeyLines, E> {
        Ok(KeyLines::default())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<KeyLines, D::Error> {
        de::Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<KeyLines, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(KeyLines::default())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyLines, A::Error> {
        let mut keys = HashMap::new();
        while let Some(key) = map.next_key::<Spanned<Key>>()? {
            let under: KeyLines = map.next_value()?;
            if let Some(text) = key.value.0 {
                keys.entry(text)
                    .or_insert((super::line(&key.referenced), under));
            }
        }
        Ok(KeyLines(keys))
    }
}
