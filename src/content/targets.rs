//! `content/targets.yaml`: permanent slugs and curated short names for the
//! targets the parser found, keyed by policy and the parser's target ID
//! (`task-12-target-3fa9c1`, see [`crate::model::Target::id`]).

use super::memo::ParseMemo;
use super::slug::Slug;
use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetMeta {
    pub slug: Option<Slug>,
    /// Short Chinese name, when the metric as worded is too long.
    pub name_zh: Option<String>,
}

/// policy stem → target ID → curated data.
pub type TargetMetas = BTreeMap<String, BTreeMap<String, TargetMeta>>;

pub fn load(path: &Path) -> Result<TargetMetas, ContentError> {
    load_recalling(path, &ParseMemo::off())
}

/// [`load`], taken from `memo` when it holds a parse of the same text.
pub fn load_recalling(
    path: &Path,
    memo: &ParseMemo<TargetMetas>,
) -> Result<TargetMetas, ContentError> {
    match read_optional(path)? {
        Some(text) => memo.parse(path, &text, |text| {
            let metas = yaml::parse(path, text)?;
            ContentError::collect(yaml::repeated_slugs(path, text))?;
            Ok(metas)
        }),
        None => Ok(TargetMetas::new()),
    }
}
