//! `content/redirects.yaml` (optional), checked: every old and new URL a
//! chain of slugs under the site ([`slug::check_path`]), every old URL
//! once. The mapping itself is read by `write::lock`, which writes the
//! redirect pages; checking it here, with the rest of `content/`, means a
//! key like `/../../x/` stops the build before anything is written, and
//! `check` reports it at its line.

use super::slug::SitePath;
use super::{read_optional, yaml, ContentError};
use std::collections::BTreeMap;
use std::path::Path;

/// Checks the file; a missing file is fine.
pub fn check(path: &Path) -> Result<(), ContentError> {
    match read_optional(path)? {
        Some(text) => yaml::parse::<BTreeMap<SitePath, SitePath>>(path, &text).map(drop),
        None => Ok(()),
    }
}
