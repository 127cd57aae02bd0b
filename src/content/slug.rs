//! Slugs and site paths curated in `content/`: the one rule for every name
//! that becomes part of a path — policy, target and department slugs,
//! Markdown page names, the URLs of `content/redirects.yaml` and the theme
//! named in `content/site.yaml`.
//!
//! Invariant: a string that passes [`check`] is one path segment that
//! cannot leave its folder (no `/`, no `.`, no `..`, nothing but lowercase
//! ASCII letters, digits and single inner hyphens, at most [`MAX_LEN`]
//! characters); a path that passes [`check_path`] is a root-relative chain
//! of such segments, its last one optionally a file name (`data.json`).
//! Loaders check while deserializing ([`Slug`]), so a bad slug is reported
//! at its own line and column.

use serde::{de, Deserialize, Deserializer, Serialize};
use std::fmt;

/// The longest slug accepted, in characters.
pub const MAX_LEN: usize = 80;

/// What to do about a slug [`check`] refuses.
pub const HELP: &str = "a slug is lowercase ASCII letters, digits and single hyphens inside (like `rd-spending`), at most 80 characters";

/// The folders the site builds under `{lang}/` (`link::urls`), which a
/// Markdown page (`content/pages/{slug}.{lang}.md`, published at
/// `{lang}/{slug}/`) would overwrite.
pub const RESERVED_PAGE_SLUGS: [&str; 5] =
    ["policies", "targets", "departments", "glossary", "search"];

/// Why a slug or site path is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("is empty")]
    Empty,
    #[error("has {len} characters (at most {max})")]
    TooLong { len: usize, max: usize },
    #[error("contains `{0}`")]
    Character(char),
    #[error("starts or ends with `-`, or has `--`")]
    Hyphens,
    #[error("has an empty, `.` or `..` part")]
    Segment,
}

/// Checks one slug.
pub fn check(slug: &str) -> Result<(), SlugError> {
    if slug.is_empty() {
        return Err(SlugError::Empty);
    }
    let allowed = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-';
    if let Some(c) = slug.chars().find(|&c| !allowed(c)) {
        return Err(SlugError::Character(c));
    }
    let len = slug.chars().count();
    if len > MAX_LEN {
        return Err(SlugError::TooLong { len, max: MAX_LEN });
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        return Err(SlugError::Hyphens);
    }
    Ok(())
}

/// Checks a site path (`/zh/targets/old/`, `zh/targets/old/`,
/// `/data/x.csv`): every segment a slug, the last one also a file name with
/// one `.` (`data.json`). A fragment (`/zh/policies/p/#task-15-p1`, an
/// anchor redirected by `content/redirects.yaml`) must be a slug too.
/// Returns it with exactly one leading `/`.
pub fn check_path(path: &str) -> Result<String, SlugError> {
    if let Some((page, fragment)) = path.split_once('#') {
        check(fragment)?;
        return check_path(page).map(|page| format!("{page}#{fragment}"));
    }
    let rest = path.trim().trim_start_matches('/');
    let path = format!("/{rest}");
    let len = path.chars().count();
    if len > 4 * MAX_LEN {
        return Err(SlugError::TooLong {
            len,
            max: 4 * MAX_LEN,
        });
    }
    if rest.is_empty() {
        return Ok(path);
    }
    let (folders, last) = match rest.strip_suffix('/') {
        Some(folders) => (folders, None),
        None => match rest.rsplit_once('/') {
            Some((folders, file)) => (folders, Some(file)),
            None => ("", Some(rest)),
        },
    };
    if !folders.is_empty() {
        for segment in folders.split('/') {
            check_segment(segment)?;
        }
    }
    if let Some(file) = last {
        match file.split_once('.') {
            Some((stem, ext)) => {
                check_segment(stem)?;
                check_segment(ext)?;
            }
            None => check_segment(file)?,
        }
    }
    Ok(path)
}

fn check_segment(segment: &str) -> Result<(), SlugError> {
    match segment {
        "" | "." | ".." => Err(SlugError::Segment),
        s => check(s),
    }
}

/// A slug that passed [`check`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Slug(String);

impl Slug {
    pub fn new(s: &str) -> Result<Slug, SlugError> {
        check(s).map(|()| Slug(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The start of every message of a refused slug read from YAML; the YAML
/// loader recognises it to give the slug's help.
pub const INVALID: &str = "invalid slug";

impl<'de> Deserialize<'de> for Slug {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Checked(|s: &str| Slug::new(s)))
    }
}

/// A `String` field that must pass [`check`], for
/// `#[serde(deserialize_with = "slug::string")]`: a name that becomes part
/// of a path without being a URL slug (the theme's folder).
pub fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_str(Checked(|s: &str| check(s).map(|()| s.to_owned())))
}

/// A root-relative site path that passed [`check_path`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SitePath(String);

impl SitePath {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for SitePath {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_str(Checked(|s: &str| check_path(s).map(SitePath)))
    }
}

/// Checks a string while the deserializer reads it, so that the YAML crate
/// gives a refusal the string's own line and column.
struct Checked<F>(F);

impl<T, F: FnOnce(&str) -> Result<T, SlugError>> de::Visitor<'_> for Checked<F> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a slug")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        (self.0)(s).map_err(|e| E::custom(format!("{INVALID} `{s}`: it {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_that_could_leave_their_folder_are_refused() {
        for bad in [
            "", "..", "../x", "a/b", "/x", "A", "a_b", "-a", "a-", "a--b", "点",
        ] {
            assert!(check(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            check(&"a".repeat(81)),
            Err(SlugError::TooLong { len: 81, max: 80 })
        );
        assert!(check("rd-spending-2020").is_ok());
    }

    #[test]
    fn site_paths_are_chains_of_slugs() {
        assert!(check_path("/zh/targets/old/").is_ok());
        assert!(check_path("/zh/targets/old/data.json").is_ok());
        assert!(check_path("/").is_ok());
        assert_eq!(check_path("zh/x/").as_deref(), Ok("/zh/x/"));
        for bad in [
            "/../../x/",
            "/zh//x/",
            "/zh/./x/",
            "/zh/x/..",
            "/a/.json",
            "/a/b.c.d",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }
}
