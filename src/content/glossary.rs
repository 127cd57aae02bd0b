//! `content/glossary.yaml`: recurring terms and their agreed English.
//! Invariant: every term and its English are non-empty, and no term is
//! listed twice.

use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::collections::HashMap;
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
    let Some(text) = read_optional(path)? else {
        return Ok(Vec::new());
    };
    let entries: Vec<GlossaryEntry> = yaml::parse(path, &text)?;
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    for (e, start) in entries.iter().zip(yaml::entry_lines(&text)) {
        if e.zh.trim().is_empty() || e.en.trim().is_empty() {
            problems.push(ContentError::invalid(
                path,
                start,
                "a glossary entry with an empty `zh` or `en`",
                "give the term and its English, or remove the entry",
            ));
            continue;
        }
        let line = yaml::line_of(&text, start, &e.zh);
        if let Some(earlier) = first.get(e.zh.as_str()) {
            problems.push(ContentError::invalid(
                path,
                line,
                format!(
                    "the term `{}` is listed twice (first at line {earlier})",
                    e.zh
                ),
                "a term has one agreed English: remove one entry",
            ));
        } else {
            first.insert(&e.zh, line);
        }
    }
    ContentError::collect(problems)?;
    Ok(entries)
}
