//! The one way `content/` YAML is read. Takes a file's path and text and
//! the type it should hold; gives the value or a [`ContentError`] at the
//! exact line and column.
//!
//! Two passes over the text: the first walks it as plain YAML and refuses a
//! key repeated in one mapping at the repeat's own place (serde_yaml would
//! silently keep the last for a map, and report a struct's repeated field
//! at the mapping's first line); the second deserializes the typed value,
//! whose structs deny unknown fields at any depth. An unknown key's help
//! names the nearest key the place takes.

use super::error::ContentError;
use super::{slug, suggest};
use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

/// Reads `text` as a `T`; a file without a YAML document (empty, or only
/// comments) is `T::default()`.
pub fn parse<T: DeserializeOwned + Default>(path: &Path, text: &str) -> Result<T, ContentError> {
    parse_document(path, text).map(Option::unwrap_or_default)
}

/// Reads `text` as a `T`; `None` when it holds no YAML document.
pub fn parse_document<T: DeserializeOwned>(
    path: &Path,
    text: &str,
) -> Result<Option<T>, ContentError> {
    let shape: Shape =
        serde_yaml::from_str(text).map_err(|e| first_of_key(error(path, &e), text))?;
    if shape == Shape::Empty {
        return Ok(None);
    }
    match serde_yaml::from_str(text) {
        Ok(value) => Ok(Some(value)),
        Err(e) => Err(with_later_slugs::<T>(path, text, error(path, &e))),
    }
}

/// A repeated key's error with the line of the key's first appearance:
/// the nearest line above at the same indentation with the same key,
/// within the same mapping (no less indented line between).
fn first_of_key(mut e: ContentError, text: &str) -> ContentError {
    if let ContentError::Yaml {
        code: "duplicate-key",
        line,
        column,
        message,
        ..
    } = &mut e
    {
        let lines: Vec<&str> = text.lines().collect();
        let Some(key) = lines
            .get(*line - 1)
            .and_then(|l| key_at(l).filter(|(c, _)| c == column))
            .map(|(_, k)| k)
        else {
            return e;
        };
        for (i, l) in lines[..*line - 1].iter().enumerate().rev() {
            match key_at(l) {
                Some((c, k)) if c == *column && k == key => {
                    message.push_str(&format!(" (first at line {})", i + 1));
                    break;
                }
                Some((c, _)) if c < *column => break,
                _ => {}
            }
        }
    }
    e
}

/// The 1-based column and text of the key a block-mapping line starts
/// with (`  - name: x` → (5, `name`)); `None` for blank and comment lines.
fn key_at(line: &str) -> Option<(usize, &str)> {
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start();
    }
    if rest.is_empty() || rest.starts_with('#') {
        return None;
    }
    let column = line.chars().count() - rest.chars().count() + 1;
    let key = rest.split(':').next().unwrap_or(rest).trim();
    Some((column, key.trim_matches(['"', '\''])))
}

/// serde stops at a file's first error, but unsafe slugs come in numbers
/// (a list pasted from elsewhere). So after one, the slug is replaced by a
/// safe stand-in and the file read again, until an error of another kind,
/// or none: every unsafe slug of the file is reported. Stops if a stand-in
/// cannot be placed or an error comes back at a place already reported.
fn with_later_slugs<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first: ContentError,
) -> ContentError {
    let mut text = text.to_owned();
    let mut errors = vec![first];
    while let Some((line, column)) = errors.last().and_then(slug_place) {
        let Some(patched) = stand_in(&text, line, column, errors.len()) else {
            break;
        };
        text = patched;
        let Err(e) = serde_yaml::from_str::<T>(&text) else {
            break;
        };
        let e = error(path, &e);
        let again = slug_place(&e).is_some_and(|p| errors.iter().any(|o| slug_place(o) == Some(p)));
        if again {
            break;
        }
        errors.push(e);
    }
    if errors.len() == 1 {
        errors.remove(0)
    } else {
        ContentError::Many(errors)
    }
}

/// Where an unsafe slug is, if `e` is one.
fn slug_place(e: &ContentError) -> Option<(usize, usize)> {
    match e {
        ContentError::Yaml {
            code, line, column, ..
        } if *code == "invalid-slug" => Some((*line, *column)),
        _ => None,
    }
}

/// `text` with the scalar at 1-based `line` and `column` (in characters)
/// replaced by `stand-in-N`, a slug (and site path) no other key has.
fn stand_in(text: &str, line: usize, column: usize, n: usize) -> Option<String> {
    let mut lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let l = lines.get(line.checked_sub(1)?)?;
    let start = l.char_indices().nth(column.checked_sub(1)?)?.0;
    let rest = &l[start..];
    let len = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].find(q)? + 2,
        _ => [": ", " #"]
            .iter()
            .filter_map(|end| rest.find(end))
            .min()
            .unwrap_or_else(|| rest.trim_end().len()),
    };
    let patched = format!("{}stand-in-{n}{}", &l[..start], &l[start + len..]);
    lines[line - 1] = patched;
    Some(lines.join("\n"))
}

/// The help shown with YAML syntax errors.
const YAML_HELP: &str = "fix the YAML at that place (indentation, a missing `:`, or quotes around text that holds `:` or `#`) and run the command again";

/// The start of the message of a repeated key.
const DUPLICATE: &str = "duplicate key";

/// A serde_yaml error as a [`ContentError::Yaml`], its message without the
/// position the header shows and its help saying what to do. serde_yaml's
/// errors are opaque, so the kind is told from the message's start.
fn error(path: &Path, err: &serde_yaml::Error) -> ContentError {
    let (line, column) = err.location().map_or((1, 1), |l| (l.line(), l.column()));
    let full = err.to_string();
    let message = match err.location() {
        Some(l) => full.replace(&format!(" at line {} column {}", l.line(), l.column()), ""),
        None => full,
    };
    let (code, help) = if message.contains(DUPLICATE) {
        ("duplicate-key", "a key may appear once in each mapping, else the last one silently wins; merge the two or remove one".to_owned())
    } else if message.contains(slug::INVALID) {
        ("invalid-slug", slug::HELP.to_owned())
    } else if let Some(help) = unknown_key_help(&message) {
        ("unknown-field", help)
    } else {
        ("yaml", YAML_HELP.to_owned())
    };
    ContentError::Yaml {
        code,
        path: path.to_owned(),
        line,
        column,
        message,
        help,
    }
}

/// For serde's "unknown field `x`, expected `a` or `b`": the nearest
/// expected name, and the whole list.
fn unknown_key_help(message: &str) -> Option<String> {
    // serde_yaml puts the value's place in the document first: `a.b: …`.
    let (_, rest) = message.split_once("unknown field `")?;
    let (given, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    if names.is_empty() {
        return Some(format!("`{given}` is not taken here; remove it"));
    }
    Some(suggest::help(given, &names))
}

/// A YAML document walked only to refuse repeated keys.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    Empty,
    Value,
}

impl<'de> de::Deserialize<'de> for Shape {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ShapeVisitor)
    }
}

struct ShapeVisitor;

impl<'de> de::Visitor<'de> for ShapeVisitor {
    type Value = Shape;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Shape, E> {
        Ok(Shape::Value)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Shape, E> {
        Ok(Shape::Value)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Shape, E> {
        Ok(Shape::Value)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Shape, E> {
        Ok(Shape::Value)
    }

    fn visit_str<E>(self, _: &str) -> Result<Shape, E> {
        Ok(Shape::Value)
    }

    fn visit_unit<E>(self) -> Result<Shape, E> {
        Ok(Shape::Empty)
    }

    fn visit_none<E>(self) -> Result<Shape, E> {
        Ok(Shape::Empty)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Shape, D::Error> {
        de::Deserialize::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Shape, A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(Shape::Value)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Shape, A::Error> {
        let mut seen = HashSet::new();
        while map.next_key_seed(Key(&mut seen))?.is_some() {
            map.next_value::<Shape>()?;
        }
        Ok(Shape::Value)
    }

    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Shape, A::Error> {
        // A tagged value (`!tag value`): walk the value.
        let (_, value) = data.variant::<de::IgnoredAny>()?;
        de::VariantAccess::newtype_variant::<Shape>(value)
    }
}

/// A mapping's key, refused when the mapping already had it. The error is
/// raised while serde_yaml reads the key, so it carries the key's place.
struct Key<'a>(&'a mut HashSet<String>);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> de::Visitor<'de> for Key<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a mapping key")
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<(), E> {
        if self.0.insert(key.to_owned()) {
            Ok(())
        } else {
            Err(E::custom(format!(
                "{DUPLICATE} `{key}`: this mapping already has it"
            )))
        }
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        self.visit_str(&v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.visit_str("~")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<Shape>()?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        ShapeVisitor.visit_map(map).map(drop)
    }
}

/// 1-based line of the first line at or after `from` (1-based) that
/// contains `needle`; `from` when none does. For problems found after
/// deserializing (a name listed twice), whose place serde no longer knows.
pub fn line_of(text: &str, from: usize, needle: &str) -> usize {
    text.lines()
        .enumerate()
        .skip(from.saturating_sub(1))
        .find(|(_, l)| l.contains(needle))
        .map_or(from, |(i, _)| i + 1)
}

/// A `slug:` value given on two lines of one file: two pages would be
/// published at one URL. Found in the text (block-style `slug: x` lines),
/// so each is reported at the repeat's line; the link stage still checks
/// every final URL, fallbacks and flow-style entries included.
pub fn repeated_slugs(path: &Path, text: &str) -> Vec<ContentError> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (i, l) in text.lines().enumerate() {
        if key_at(l).map(|(_, key)| key) != Some("slug") {
            continue;
        }
        let Some(slug) = l
            .split_once(':')
            .map(|(_, v)| v.split(" #").next().unwrap_or(v).trim())
            .map(|v| v.trim_matches(['"', '\'']))
            .filter(|v| !v.is_empty())
        else {
            continue;
        };
        match first.get(slug) {
            Some(earlier) => problems.push(
                ContentError::invalid(
                    path,
                    i + 1,
                    format!("slug `{slug}` is also given at line {earlier}"),
                    "two pages cannot share a URL: give each its own slug",
                )
                .code("duplicate-slug"),
            ),
            None => {
                first.insert(slug, i + 1);
            }
        }
    }
    problems
}

/// Lines where the entries of a top-level list (`- name: …`) start.
pub fn entry_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .map(|(i, _)| i + 1)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn err(text: &str) -> (usize, usize, String, String) {
        match parse::<BTreeMap<String, BTreeMap<String, String>>>(Path::new("x.yaml"), text) {
            Err(ContentError::Yaml {
                code: _,
                line,
                column,
                message,
                help,
                ..
            }) => (line, column, message, help),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_repeated_key_is_refused_at_the_repeat() {
        let (line, column, message, _) = err("a:\n  x: 1\n  y: 2\nb:\n  x: 1\na:\n  x: 3\n");
        assert_eq!((line, column), (6, 1));
        assert_eq!(
            message,
            "duplicate key `a`: this mapping already has it (first at line 1)"
        );
        let (line, column, message, _) = err("a:\n  x: 1\n  # c\n  x: 2\n");
        assert_eq!((line, column), (4, 3));
        assert!(message.ends_with("(first at line 2)"), "{message}");
    }

    #[test]
    fn every_unsafe_slug_of_a_file_is_reported() {
        let text =
            "a:\n  slug: ../x\nb:\n  slug: \"/etc\" # quoted\nc:\n  slug: ok\nd:\n  slgu: y\n";
        let err =
            parse::<BTreeMap<String, super::super::targets::TargetMeta>>(Path::new("x.yaml"), text)
                .unwrap_err();
        let places: Vec<(usize, usize)> = err
            .each()
            .iter()
            .map(|e| match e {
                ContentError::Yaml { line, column, .. } => (*line, *column),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(places, [(2, 9), (4, 9), (8, 3)]);
    }

    #[test]
    fn no_document_is_the_default() {
        let m: BTreeMap<String, String> = parse(Path::new("x"), "# only a comment\n").unwrap();
        assert!(m.is_empty());
    }

    #[test]
    fn an_unknown_key_suggests_the_nearest() {
        let help = unknown_key_help("unknown field `slgu`, expected `slug` or `name_zh`");
        assert_eq!(
            help.as_deref(),
            Some("did you mean `slug`? this place takes `slug`, `name_zh`")
        );
        let help = unknown_key_help("unknown field `fr`, expected `zh` or `en`");
        assert_eq!(
            help.as_deref(),
            Some("this place takes `zh`, `en`; remove `fr` or rename it")
        );
    }
}
