//! The one way YAML is read, in `content/` and anywhere else in `src/`.
//! [`from_str`] is the one call of the YAML crate's deserializer: it takes
//! a file's text and path and the type it should hold, and gives the value
//! or a [`YamlError`] at the file's line and column. [`parse`] reads a
//! `content/` file with it and gives a [`ContentError`] saying what to do.
//!
//! Two passes over the text: the first walks it as plain YAML and refuses a
//! key repeated in one mapping at the repeat's own place (the YAML crate would
//! silently keep the last for a map, and report a struct's repeated field
//! at the mapping's first line); the second deserializes the typed value,
//! whose structs deny unknown fields at any depth. An unknown key's help
//! names the nearest key the place takes.

mod shape;
#[cfg(test)]
mod tests;
mod text;

pub use text::{entry_lines, line_of, repeated_slugs};

use super::error::ContentError;
use super::{slug, suggest};
use serde::de::DeserializeOwned;
use shape::Shape;
use std::path::{Path, PathBuf};

/// A YAML file that is not of the type asked for: a syntax error, a
/// duplicate key, an unknown key, a value of the wrong type. Carries the
/// YAML crate's error as its source.
#[derive(Debug, thiserror::Error)]
#[error("{}:{line}:{column}: {}", file.display(), self.message())]
pub struct YamlError {
    pub file: PathBuf,
    /// 1-based; 1 when the crate gives no place (an empty document).
    pub line: usize,
    /// 1-based, in characters.
    pub column: usize,
    #[source]
    pub source: serde_norway::Error,
}

impl YamlError {
    /// The crate's message without the position, which [`YamlError`]
    /// carries on its own.
    pub fn message(&self) -> String {
        let full = self.source.to_string();
        match self.source.location() {
            Some(l) => full.replace(&format!(" at line {} column {}", l.line(), l.column()), ""),
            None => full,
        }
    }
}

/// Reads `text`, the contents of `file`, as a `T`. Every YAML read in
/// `src/` goes through here, so every YAML error names its file, line and
/// column the same way.
pub fn from_str<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, YamlError> {
    serde_norway::from_str(text).map_err(|source| {
        let (line, column) = source.location().map_or((1, 1), |l| (l.line(), l.column()));
        YamlError {
            file: file.to_owned(),
            line,
            column,
            source,
        }
    })
}

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
        from_str(text, path).map_err(|e| text::first_of_key(ContentError::from(e), text))?;
    if shape == Shape::Empty {
        return Ok(None);
    }
    match from_str(text, path) {
        Ok(value) => Ok(Some(value)),
        Err(e) => Err(with_later_slugs::<T>(path, text, e.into())),
    }
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
        let Err(e) = from_str::<T>(&text, path) else {
            break;
        };
        let e = ContentError::from(e);
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
pub(super) const DUPLICATE: &str = "duplicate key";

/// A YAML error as a [`ContentError::Yaml`], its help saying what to do.
/// The YAML crate's errors have no kinds, so the kind is told from the
/// message: a duplicate key and an unsafe slug are refused by gazette's own
/// deserializers, an unknown field by serde, in words of their own.
impl From<YamlError> for ContentError {
    fn from(e: YamlError) -> Self {
        let message = e.message();
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
            path: e.file,
            line: e.line,
            column: e.column,
            message,
            help,
        }
    }
}

/// For serde's "unknown field `x`, expected `a` or `b`": the nearest
/// expected name, and the whole list.
fn unknown_key_help(message: &str) -> Option<String> {
    // The YAML crate puts the value's place in the document first: `a.b: …`.
    let (_, rest) = message.split_once("unknown field `")?;
    let (given, expected) = rest.split_once('`')?;
    let names: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    if names.is_empty() {
        return Some(format!("`{given}` is not taken here; remove it"));
    }
    Some(suggest::help(given, &names))
}
