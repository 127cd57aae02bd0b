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
    // Each problem by entry: empty, or a repeat of an earlier entry.
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut bad: Vec<(usize, Option<usize>)> = Vec::new();
    for (i, a) in style.avoid.iter().enumerate() {
        if a.word.trim().is_empty() || a.replacement.trim().is_empty() {
            bad.push((i, None));
            continue;
        }
        let key = a.word.trim().to_lowercase();
        match first.get(&key) {
            Some(&earlier) => bad.push((i, Some(earlier))),
            None => {
                first.insert(key, i);
            }
        }
    }
    if bad.is_empty() {
        return Ok(style);
    }
    let words: AvoidAt = yaml::parse(path, &text)?;
    let at = |i: usize| {
        words
            .avoid
            .get(i)
            .map_or((0, 0), |w| yaml::place(&w.value.word.referenced))
    };
    let problems = bad
        .into_iter()
        .map(|(i, earlier)| match earlier {
            None => ContentError::invalid(
                path,
                words.avoid.get(i).map_or(0, |w| yaml::line(&w.referenced)),
                "a word to avoid with an empty `word` or `use`",
                "give the word and what to write instead, or remove the entry",
            ),
            Some(earlier) => ContentError::invalid(
                path,
                at(i).0,
                format!(
                    "`{}` is listed twice under `avoid` (first at line {})",
                    style.avoid[i].word,
                    at(earlier).0
                ),
                "remove one entry",
            )
            .column(at(i).1),
        })
        .collect();
    ContentError::collect(problems)?;
    Ok(style)
}

/// Where each word to avoid is written, read only to place a refusal.
#[derive(Default, Deserialize)]
struct AvoidAt {
    #[serde(default)]
    avoid: Vec<yaml::Spanned<WordAt>>,
}

#[derive(Deserialize)]
struct WordAt {
    word: yaml::Spanned<String>,
}
