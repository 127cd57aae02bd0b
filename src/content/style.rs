//! `content/style.yaml`: the English house style `gazette check` holds the
//! translations to (see [`crate::check::terms`]): words to avoid and what
//! to write instead, the case of plan headings at each level, and how sums
//! in yuan are written. Every key is optional; a portal without the file
//! has no style checks (the glossary is still enforced).
//! Invariant: every word to avoid is non-empty and listed once.

use super::{read_optional, yaml, ContentError};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Style {
    /// Words or phrases the English should not use, each with its
    /// replacement.
    pub avoid: Vec<Avoid>,
    /// The case of headings at each level of the plan.
    pub headings: Headings,
    /// How sums of money are written; unchecked when unset.
    pub currency: Option<Currency>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Avoid {
    /// Matched as a whole word or phrase, in any case (`talents`).
    pub word: String,
    /// What to write instead (`talent`).
    #[serde(rename = "use")]
    pub replacement: String,
    /// Why, for the translator reading the warning.
    #[serde(default)]
    pub reason: Option<String>,
}

/// Heading case per level; a level left out is not checked.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Headings {
    /// Chapters (`一、总体要求`).
    pub chapter: Option<Case>,
    /// Sections, the plan's actions (`(一)企业培育行动`).
    pub section: Option<Case>,
    /// Tasks (`1.实施培育计划`).
    pub task: Option<Case>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum Case {
    /// `Action to Support Innovation and Entrepreneurship`: every word
    /// capitalised but articles, short conjunctions and prepositions.
    #[serde(rename = "title", alias = "Title Case")]
    Title,
    /// `Build a first-rate innovation ecosystem`: the first word and
    /// proper names only.
    #[serde(rename = "sentence", alias = "Sentence case")]
    Sentence,
}

impl std::fmt::Display for Case {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Case::Title => "Title Case",
            Case::Sentence => "Sentence case",
        })
    }
}

/// Where the currency goes around a sum of money.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
pub enum Currency {
    /// `1.5 trillion yuan`, `100 million yuan`: as the site's fact boxes
    /// write the figures.
    #[serde(rename = "yuan")]
    Yuan,
    /// `RMB 1.5 trillion`.
    #[serde(rename = "RMB", alias = "rmb")]
    Rmb,
}

pub fn load(path: &Path) -> Result<Style, ContentError> {
    let Some(text) = read_optional(path)? else {
        return Ok(Style::default());
    };
    let style: Style = yaml::parse(path, &text)?;
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut from = 1;
    for a in &style.avoid {
        let line = yaml::line_of(&text, from, &a.word);
        from = line;
        if a.word.trim().is_empty() || a.replacement.trim().is_empty() {
            problems.push(ContentError::invalid(
                path,
                line,
                "a word to avoid with an empty `word` or `use`",
                "give the word and what to write instead, or remove the entry",
            ));
            continue;
        }
        let key = a.word.trim().to_lowercase();
        if let Some(earlier) = first.get(&key) {
            problems.push(ContentError::invalid(
                path,
                line,
                format!(
                    "`{}` is listed twice under `avoid` (first at line {earlier})",
                    a.word
                ),
                "remove one entry",
            ));
        } else {
            first.insert(key, line);
        }
    }
    ContentError::collect(problems)?;
    Ok(style)
}
