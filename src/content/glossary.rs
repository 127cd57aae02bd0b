//! `content/glossary.yaml`: recurring terms, their agreed English, what
//! they mean in each language, other accepted English renderings, and
//! notes for translators.
//! Invariant: every term, its English and each variant are non-empty, and no term is
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
    /// Other English renderings the translators agreed on for some
    /// contexts (`innovative and entrepreneurial` for 创新创业 before a
    /// noun): `check` accepts any of them as well as `en`. Never published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// What the term means, in Chinese: shown on the Chinese glossary page.
    #[serde(default)]
    pub definition_zh: Option<String>,
    /// What the term means, in English: shown on the English glossary page.
    #[serde(default)]
    pub definition_en: Option<String>,
    /// For translators (how to render it, what to avoid). Never published.
    #[serde(default)]
    pub note: Option<String>,
}

impl GlossaryEntry {
    /// The definition readers of `lang` see; none in the other language.
    pub fn definition(&self, lang: crate::model::Lang) -> Option<&str> {
        match lang {
            crate::model::Lang::Zh => self.definition_zh.as_deref(),
            crate::model::Lang::En => self.definition_en.as_deref(),
        }
    }
}

pub fn load(path: &Path) -> Result<Vec<GlossaryEntry>, ContentError> {
    let Some(text) = read_optional(path)? else {
        return Ok(Vec::new());
    };
    let entries: Vec<GlossaryEntry> = yaml::parse(path, &text)?;
    // Each problem by entry: empty, or a repeat of an earlier entry.
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut bad: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if e.zh.trim().is_empty()
            || e.en.trim().is_empty()
            || e.variants.iter().any(|v| v.trim().is_empty())
        {
            bad.push((i, None));
        } else if let Some(&earlier) = first.get(e.zh.as_str()) {
            bad.push((i, Some(earlier)));
        } else {
            first.insert(&e.zh, i);
        }
    }
    if bad.is_empty() {
        return Ok(entries);
    }
    let terms: Vec<yaml::Spanned<TermAt>> = yaml::parse(path, &text)?;
    let term_at = |i: usize| terms.get(i).map(|t| yaml::place(&t.value.zh.referenced));
    let problems = bad
        .into_iter()
        .map(|(i, earlier)| match earlier {
            None => ContentError::invalid(
                path,
                terms.get(i).map_or(0, |t| yaml::line(&t.referenced)),
                "a glossary entry with an empty `zh`, `en` or variant",
                "give the term and its English (and each variant), or remove the entry",
            ),
            Some(earlier) => {
                let (line, column) = term_at(i).unwrap_or((0, 0));
                ContentError::invalid(
                    path,
                    line,
                    format!(
                        "the term `{}` is listed twice (first at line {})",
                        entries[i].zh,
                        term_at(earlier).map_or(0, |p| p.0)
                    ),
                    "a term has one agreed English: remove one entry",
                )
                .column(column)
            }
        })
        .collect();
    ContentError::collect(problems)?;
    Ok(entries)
}

/// Where an entry and its term are written, read only to place a refusal.
#[derive(Deserialize)]
struct TermAt {
    zh: yaml::Spanned<String>,
}
