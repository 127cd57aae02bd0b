//! `content/glossary.yaml`: recurring terms and their agreed English.

use super::{read_optional, ContentError};
use serde::Deserialize;
use std::path::Path;

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub zh: String,
    pub en: String,
    #[serde(default)]
    pub note: Option<String>,
}

pub fn load(path: &Path) -> Result<Vec<GlossaryEntry>, ContentError> {
    match read_optional(path)? {
        Some(text) if !text.trim().is_empty() => {
            serde_yaml::from_str(&text).map_err(|e| ContentError::yaml(path, &e))
        }
        _ => Ok(Vec::new()),
    }
}
