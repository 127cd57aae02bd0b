//! Places in a YAML file's text found by reading it line by line, for what
//! the parser does not report with [`super::Spanned`] or
//! [`super::KeyLines`]: a slug given on two lines. Block-style YAML (what
//! `content/` uses) only.

use super::ContentError;
use std::collections::HashMap;
use std::path::Path;

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
