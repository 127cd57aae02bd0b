//! The one way YAML is read, in `content/` and anywhere else in `src/`.
//! [`from_str`] is the one call of the YAML crate's deserializer: it takes
//! a file's text and path and the type it should hold, and gives the value
//! or a [`YamlError`] at the file's line and column. [`parse`] reads a
//! `content/` file with it and gives a [`ContentError`] saying what to do.
//! Where a check made after reading needs a value's place, the type asks
//! for it with [`Spanned`]: the parser says where the value was written;
//! where it needs a key's line, [`KeyLines`] reads it from the parser too.
//!
//! The typed value is read once; its structs deny unknown fields at any
//! depth and the parser refuses a repeated key. Only when that read fails
//! is the text walked again as plain YAML, to report every key repeated in
//! one mapping at the repeat's own place with the line of the first (the
//! typed read stops at the first repeat and knows only its place). An
//! unknown key's help names the nearest key the place takes.

mod error;
mod lines;
mod shape;
#[cfg(test)]
mod tests;
mod text;

pub use error::{YamlError, YamlProblem};
pub use lines::KeyLines;
pub use serde_saphyr::Spanned;
pub use text::repeated_slugs;

use super::error::ContentError;
use serde::de::DeserializeOwned;
use serde_saphyr::DuplicateKeyPolicy;
use shape::Shape;
use std::path::Path;

/// The 1-based line and column (in characters) of a place the parser gave.
pub fn place(at: &serde_saphyr::Location) -> (usize, usize) {
    let n = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
    (n(at.line()), n(at.column()))
}

/// The 1-based line of a place the parser gave.
pub fn line(at: &serde_saphyr::Location) -> usize {
    place(at).0
}

/// Reads `text`, the contents of `file`, as a `T`. Every YAML read in
/// `src/` goes through here, so every YAML error names its file, line and
/// column the same way.
pub fn from_str<T: DeserializeOwned>(text: &str, file: &Path) -> Result<T, YamlError> {
    read(text, file, DuplicateKeyPolicy::Error)
}

/// The YAML crate's deserializer with gazette's options: no source
/// snippet kept in the error (the diagnostic shows its own), repeated keys
/// as `duplicates` says, and a budget that grows with the file
/// ([`budget_for`]).
fn read<T: DeserializeOwned>(
    text: &str,
    file: &Path,
    duplicates: DuplicateKeyPolicy,
) -> Result<T, YamlError> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        duplicate_keys: duplicates,
        budget: Some(budget_for(text)),
    };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| YamlError::new(file, e))
}

/// The YAML crate's budget for `text`: its defaults, with the number of
/// nodes and of parser events allowed raised to what a file of that size
/// can hold. The defaults (250,000 nodes, 1,000,000 events) guard against
/// a small file that expands without end, but a national portal's own
/// `content/targets.yaml` is that big honestly: 10,000 policies hold
/// 321,408 targets, about 1.3 million nodes in 25 MB. Every node takes at
/// least one byte of the text and every event at most two (`{}`), and
/// scalars are no longer than the text, so limits in proportion to the
/// text admit any file written out in full, while the crate's caps on
/// aliases, anchors and their replay still bound what a short file can
/// expand into.
fn budget_for(text: &str) -> serde_saphyr::Budget {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = budget.max_nodes.max(text.len());
    budget.max_events = budget.max_events.max(2 * text.len());
    budget.max_total_scalar_bytes = budget.max_total_scalar_bytes.max(text.len());
    budget
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
    let first = match from_str::<Option<T>>(text, path) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    // The file has a problem. Walked as plain YAML, a syntax error shows
    // as such (the typed read may have stopped earlier, at a value the
    // broken syntax made of the wrong type), and every repeated key is
    // found, which the typed read reports one at a time without the
    // first's line.
    let shape: Shape = read(text, path, DuplicateKeyPolicy::PassThrough)?;
    ContentError::collect(
        shape
            .repeats
            .into_iter()
            .map(|r| r.error(path).into())
            .collect(),
    )?;
    Err(with_later_slugs::<T>(path, text, first))
}

/// serde stops at a file's first error, but unsafe slugs come in numbers
/// (a list pasted from elsewhere). So after one, the slug is replaced by a
/// safe stand-in and the file read again, until an error of another kind,
/// or none: every unsafe slug of the file is reported. Stops if a stand-in
/// cannot be placed or an error comes back at a place already reported.
fn with_later_slugs<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    first: YamlError,
) -> ContentError {
    let mut text = text.to_owned();
    let mut errors = vec![first];
    while let Some((line, column)) = errors.last().and_then(YamlError::slug_place) {
        let Some(patched) = stand_in(&text, line, column, errors.len()) else {
            break;
        };
        text = patched;
        let Err(e) = from_str::<T>(&text, path) else {
            break;
        };
        let again = e
            .slug_place()
            .is_some_and(|p| errors.iter().any(|o| o.slug_place() == Some(p)));
        if again {
            break;
        }
        errors.push(e);
    }
    let mut errors: Vec<ContentError> = errors.into_iter().map(ContentError::from).collect();
    if errors.len() == 1 {
        errors.remove(0)
    } else {
        ContentError::Many(errors)
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
