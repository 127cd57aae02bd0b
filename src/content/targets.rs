//! `content/targets.yaml`: permanent slugs and curated short names for the
//! targets the parser found, keyed by policy and the parser's target ID
//! (`task-12-target-3fa9c1`, see [`crate::model::Target::id`]).

use super::{read_optional, ContentError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetMeta {
    pub slug: Option<String>,
    /// Short Chinese name, when the metric as worded is too long.
    pub name_zh: Option<String>,
}

/// policy stem → target ID → curated data.
pub type TargetMetas = BTreeMap<String, BTreeMap<String, TargetMeta>>;

pub fn load(path: &Path) -> Result<TargetMetas, ContentError> {
    match read_optional(path)? {
        Some(text) if !text.trim().is_empty() => {
            serde_yaml::from_str(&text).map_err(|e| ContentError::yaml(path, &e))
        }
        _ => Ok(TargetMetas::new()),
    }
}
