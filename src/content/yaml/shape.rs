//! The second look [`super::parse`] takes at a file it could not read: the
//! YAML document walked as plain values to find every key repeated in one
//! mapping. The parser gives each
//! key's place, so a repeat is reported where it is written, with the line
//! of the key's first appearance.

use super::{Spanned, YamlError, YamlProblem};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess};
use std::collections::HashMap;
use std::fmt;
use std::path::Path;

/// A YAML document, walked: the keys it repeats.
#[derive(Debug)]
pub(super) struct Shape {
    pub repeats: Vec<Repeat>,
}

/// A key given a second time in one mapping.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Repeat {
    key: String,
    line: usize,
    column: usize,
    first_line: usize,
}

impl Repeat {
    pub(super) fn error(self, file: &Path) -> YamlError {
        YamlError {
            file: file.to_owned(),
            line: self.line,
            column: self.column,
            problem: YamlProblem::RepeatedKey {
                key: self.key,
                first_line: self.first_line,
            },
        }
    }
}

impl<'de> de::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let mut repeats = Vec::new();
        Walk(&mut repeats).deserialize(d)?;
        Ok(Shape { repeats })
    }
}

/// Walks one value, adding the repeats found in it.
struct Walk<'a>(&'a mut Vec<Repeat>);

impl<'de> DeserializeSeed<'de> for Walk<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Walk<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Walk(&mut *self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut first: HashMap<String, usize> = HashMap::new();
        while let Some(key) = map.next_key::<Spanned<Key>>()? {
            map.next_value_seed(Walk(&mut *self.0))?;
            let Some(text) = key.value.0 else { continue };
            let (line, column) = super::place(&key.referenced);
            match first.get(&text) {
                Some(&first_line) => self.0.push(Repeat {
                    key: text,
                    line,
                    column,
                    first_line,
                }),
                None => {
                    first.insert(text, line);
                }
            }
        }
        Ok(())
    }
}

/// A mapping's key as text; `None` for a sequence or mapping used as a
/// key, which is not compared.
pub(super) struct Key(pub(super) Option<String>);

impl<'de> de::Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> de::Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Key, E> {
        Ok(Key(Some(key.to_owned())))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Key, E> {
        Ok(Key(Some(v.to_string())))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Key, E> {
        Ok(Key(Some(v.to_string())))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Key, E> {
        Ok(Key(Some(v.to_string())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Key, E> {
        Ok(Key(Some(v.to_string())))
    }

    fn visit_unit<E>(self) -> Result<Key, E> {
        Ok(Key(Some("~".to_owned())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Key, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Key(None))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Key, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Key(None))
    }
}
