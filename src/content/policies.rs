//! `content/policies.yaml`: per seed, the permanent URL slug and the facts a
//! reader needs that the text does not state plainly (issuer in English).

use super::slug::Slug;
use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyMeta {
    /// URL slug (`innovation-capital-2017-2020`).
    pub slug: Option<Slug>,
    /// Issuer in Chinese and English.
    #[serde(default)]
    pub issuer_zh: Option<String>,
    #[serde(default)]
    pub issuer_en: Option<String>,
    /// The workbook sheet holding the task table kept apart as
    /// `seeds/ID.annex.xlsx`; unset: the first sheet with a header row.
    #[serde(default)]
    pub annex_sheet: Option<String>,
}

/// Keyed by the seed's file stem.
pub type PolicyMetas = BTreeMap<String, PolicyMeta>;

pub fn load(path: &Path) -> Result<PolicyMetas, ContentError> {
    match read_optional(path)? {
        Some(text) => {
            let metas = yaml::parse(path, &text)?;
            ContentError::collect(yaml::repeated_slugs(path, &text))?;
            Ok(metas)
        }
        None => Ok(PolicyMetas::new()),
    }
}
